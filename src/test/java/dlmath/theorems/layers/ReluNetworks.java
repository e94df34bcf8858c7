package dlmath.theorems.layers;

import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.TensorGens;
import dlmath.nn.Functional;
import dlmath.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * NN-09 Bias-free ReLU networks are positively homogeneous, f(t x) = t f(x) for t &gt; 0, and
 * piecewise linear along every line. Goodfellow, Bengio &amp; Courville, Deep Learning, Sec. 6.3.1
 * and 6.4.1; Montufar, Pascanu, Cho &amp; Bengio, On the Number of Linear Regions of Deep Neural
 * Networks, NeurIPS 2014, Sec. 2; Neyshabur, Salakhutdinov &amp; Srebro, Path-SGD, NeurIPS 2015,
 * Sec. 2 (homogeneity). Page: theorems/layers/NN-09-relu-networks.md.
 */
@Theorem(id = "NN-09", name = "ReLU networks are homogeneous and piecewise linear",
        statement = "for f = W_L relu(... relu(W_1 x)) without biases: f(t x) = t f(x) for t > 0; along a line, f is affine on each activation region")
@Tag("layers")
class ReluNetworks {

    /** Weights W_1 [n1, n0], ..., W_L [nL, n_{L-1}], L 1 to 4, widths 1 to 6, entries in [-2, 2]; and biases. */
    record Net(List<Tensor> weights, List<Tensor> biases) {
        int inputs() {
            return weights.get(0).dim(1);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < weights.size(); i++) {
                b.append("W").append(i + 1).append(" = ").append(java.util.Arrays.deepToString(weights.get(i).toArray2D()))
                        .append(", b").append(i + 1).append(" = ").append(java.util.Arrays.toString(biases.get(i).toArray())).append("; ");
            }
            return b.toString();
        }
    }

    static final Gen<Net> NETS = s -> {
        int layers = s.draw(Gens.integers(1, 4));
        int width = s.draw(Gens.integers(1, 6));
        List<Tensor> w = new ArrayList<>();
        List<Tensor> b = new ArrayList<>();
        int in = width;
        for (int l = 0; l < layers; l++) {
            int out = l == layers - 1 ? s.draw(Gens.integers(1, 3)) : s.draw(Gens.integers(1, 6));
            w.add(s.draw(TensorGens.tensors(new int[] {out, in}, Gens.doubles(-2, 2))));
            b.add(s.draw(TensorGens.tensors(new int[] {out}, Gens.doubles(-2, 2))));
            in = out;
        }
        return new Net(w, b);
    };

    /** f(x) through Functional.linear and relu (no relu after the last layer). */
    static Tensor apply(Net net, Tensor x, boolean bias) {
        Graph g = new Graph();
        Var h = g.constant(x);
        for (int l = 0; l < net.weights().size(); l++) {
            h = Functional.linear(h, g.constant(net.weights().get(l)), bias ? g.constant(net.biases().get(l)) : null);
            if (l < net.weights().size() - 1) {
                h = Functional.relu(h);
            }
        }
        return h.value();
    }

    /** The absolute-value forward pass |W_L| ... |W_1| |x| and the total fan-in N = sum n_{l-1}. */
    static double[] magnitude(Net net, Tensor x) {
        Tensor a = x.abs();
        int n = 0;
        for (Tensor w : net.weights()) {
            a = w.abs().matmul(a);
            n += w.dim(1);
        }
        double[] out = a.toArray();
        double[] withN = java.util.Arrays.copyOf(out, out.length + 1);
        withN[out.length] = n;
        return withN;
    }

    /** prod_l max(1, ||W_l||_inf): how much an absolute error at a layer can grow on its way to the output. */
    static double gain(Net net) {
        double g = 1;
        for (Tensor w : net.weights()) {
            g *= Math.max(1, w.opNormInf());
        }
        return g;
    }

    /** The activation pattern (signs of the hidden pre-activations) at x. */
    static String pattern(Net net, Tensor x) {
        StringBuilder b = new StringBuilder();
        Tensor h = x;
        for (int l = 0; l < net.weights().size() - 1; l++) {
            h = net.weights().get(l).matmul(h);
            for (double v : h.toArray()) {
                b.append(v > 0 ? '+' : '-');
            }
            h = h.maximum(0.0);
        }
        return b.toString();
    }

    /**
     * f(t x) = t f(x), t &gt; 0. Rounding: layer l adds gamma_{n_{l-1}} of its absolute-value pass
     * and relu adds none, so f(x) is within gamma_N a_L with a_L = |W_L| ... |W_1| |x| and N the
     * total fan-in (Higham, Sec. 3.5); t x adds one rounding: the two sides agree within
     * 2 t gamma_{N+1} a_L; gradual underflow adds {@link Nn#underflow} for 2N + 4 operations
     * amplified by (t + 1) prod max(1, ||W_l||_inf).
     */
    @Property(tries = 300)
    void positivelyHomogeneous(Check check) {
        check.forAll(NETS.as("net"), Gens.doubles(1e-3, 1e3).as("t"), Gens.longs(0, 1000).as("x seed"), (net, t, seed) -> {
            Tensor x = Tensor.randn(new java.util.SplittableRandom(seed), net.inputs());
            double[] a = magnitude(net, x);
            int n = (int) a[a.length - 1];
            double[] lhs = apply(net, x.mul(t), false).toArray();
            double[] rhs = apply(net, x, false).mul(t).toArray();
            for (int i = 0; i < lhs.length; i++) {
                Claims.close("f(t x)[" + i + "] = t f(x)[" + i + "]", lhs[i], rhs[i], 2 * t * Tol.gamma(n + 2) * a[i]
                        + Nn.underflow(2 * n + 4, (t + 1) * gain(net)));
            }
        });
    }

    /**
     * Along x + s v: if s1 &lt; s2 &lt; s3 share an activation pattern at s1 and s3 then they share it
     * on [s1, s3] (a pattern's region is convex), f is affine there, so f(s2) is the linear
     * interpolation of f(s1) and f(s3). Allowance: each value within gamma_{N+2} of its
     * absolute pass, interpolation weights add 3 roundings.
     */
    @Property(tries = 300)
    void piecewiseLinearAlongLines(Check check) {
        check.forAll(NETS.as("net"), Gens.longs(0, 1000).as("seed"), Gens.doubles(0, 1).as("lambda"), (net, seed, lam) -> {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            Tensor x = Tensor.randn(r, net.inputs());
            Tensor v = Tensor.randn(r, net.inputs());
            double s1 = -r.nextDouble();
            double s3 = r.nextDouble() * 0.1;
            Tensor p1 = x.add(v.mul(s1));
            Tensor p3 = x.add(v.mul(s3));
            boolean same = pattern(net, p1).equals(pattern(net, p3));
            check.label(same ? "same region" : "different regions");
            check.assume(same);
            double s2 = (1 - lam) * s1 + lam * s3;
            Tensor p2 = x.add(v.mul(s2));
            double[] f1 = apply(net, p1, false).toArray();
            double[] f2 = apply(net, p2, false).toArray();
            double[] f3 = apply(net, p3, false).toArray();
            double[] a1 = magnitude(net, p1);
            double[] a2 = magnitude(net, p2);
            double[] a3 = magnitude(net, p3);
            int n = (int) a1[a1.length - 1];
            double w = (s2 - s1) / (s3 - s1);
            for (int i = 0; i < f2.length; i++) {
                double interp = (1 - w) * f1[i] + w * f3[i];
                double tol = Tol.gamma(n + 6) * (a1[i] + 2 * a2[i] + a3[i]) + Tol.gamma(4) * (Math.abs(f1[i]) + Math.abs(f3[i]))
                        + Tol.gamma(n + 6) * 4 * (a1[i] + a3[i]);
                Claims.close("f(x + s2 v)[" + i + "] = linear interpolation on one region", f2[i], interp, tol + Nn.underflow(6 * n + 12, gain(net)));
            }
        });
    }

    /** Necessity of "bias-free": with biases, f(2x) != 2 f(x) in general. */
    @Counterexample
    void biasesBreakHomogeneity(Check check) {
        check.forAll(NETS.as("net"), Gens.longs(0, 1000).as("x seed"), (net, seed) -> {
            Tensor x = Tensor.randn(new java.util.SplittableRandom(seed), net.inputs());
            double[] lhs = apply(net, x.mul(2.0), true).toArray();
            double[] rhs = apply(net, x, true).mul(2.0).toArray();
            double[] a = magnitude(net, x);
            for (int i = 0; i < lhs.length; i++) {
                Claims.close("f(2x)[" + i + "] = 2 f(x)[" + i + "] with biases", lhs[i], rhs[i], 4 * Tol.gamma((int) a[a.length - 1] + 2) * (a[i] + 10));
            }
        });
    }
}
