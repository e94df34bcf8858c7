package dlmath.bench;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a reverse-mode gradient relative to the function (the cheap gradient principle,
 * theorem AD-13, in wall-clock time): the loss of a two-layer MLP, tanh hidden layer and
 * softmax cross-entropy, L = mean_b [lse(z_b) - <y_b, z_b>] with z = tanh(X W1 + b1) W2 + b2.
 * Compare {@code gradient} with {@code function}; their ratio is the measured constant (AD-13
 * bounds the counted work of the reverse sweep by 5 W(f)). Run:
 * {@code mvn -Pbench verify -Djmh.args="GradientCostBench"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GradientCostBench {

    @Param({"32"})
    int batch;

    @Param({"64"})
    int inputs;

    @Param({"128"})
    int hidden;

    @Param({"10"})
    int classes;

    Tensor x;
    Tensor y;
    Tensor w1;
    Tensor b1;
    Tensor w2;
    Tensor b2;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(42);
        x = Tensor.randn(rng, batch, inputs);
        double[] oneHot = new double[batch * classes];
        for (int b = 0; b < batch; b++) {
            oneHot[b * classes + rng.nextInt(classes)] = 1;
        }
        y = Tensor.of(new int[] {batch, classes}, oneHot);
        w1 = Tensor.randn(rng, inputs, hidden).mul(1 / Math.sqrt(inputs));
        b1 = Tensor.zeros(hidden);
        w2 = Tensor.randn(rng, hidden, classes).mul(1 / Math.sqrt(hidden));
        b2 = Tensor.zeros(classes);
    }

    /** The softmax cross-entropy loss of the MLP, a composite of registry primitives. */
    static Var loss(Graph g, Tensor x, Tensor y, Var w1, Var b1, Var w2, Var b2) {
        Var h = g.constant(x).matmul(w1).add(b1).tanh();
        Var z = h.matmul(w2).add(b2);
        Var nll = z.logsumexp(new int[] {1}, false).sub(z.mul(g.constant(y)).sum(new int[] {1}, false));
        return nll.mean();
    }

    @Benchmark
    public double function() {
        Graph g = new Graph();
        return loss(g, x, y, g.constant(w1), g.constant(b1), g.constant(w2), g.constant(b2)).value().item();
    }

    @Benchmark
    public Tensor gradient() {
        Graph g = new Graph();
        Var[] p = Autodiff.variables(g, w1, b1, w2, b2);
        Var l = loss(g, x, y, p[0], p[1], p[2], p[3]);
        return Autodiff.grad(l, p)[0].value();
    }
}
