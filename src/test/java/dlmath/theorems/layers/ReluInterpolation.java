package dlmath.theorems.layers;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.nn.Layers;
import dlmath.nn.Layers.Activation;
import dlmath.nn.Layers.Kind;
import dlmath.nn.Layers.Sequential;
import dlmath.nn.Params;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;

/**
 * NN-11 Constructive universal approximation in 1-D: a one-hidden-layer ReLU network with n
 * units interpolates any n + 1 points with distinct abscissae exactly. Goodfellow, Bengio &amp;
 * Courville, Deep Learning, Sec. 6.4.1 (universal approximation); Pinkus, Approximation theory
 * of the MLP model in neural networks, Acta Numerica 1999, Sec. 5 (piecewise linear
 * interpolation by ridge functions); Zhang et al., Understanding deep learning requires
 * rethinking generalization, ICLR 2017, Thm 1. Page: theorems/layers/NN-11-relu-interpolation.md.
 */
@Theorem(id = "NN-11", name = "One-hidden-layer ReLU networks interpolate",
        statement = "for x_0 < ... < x_n and any y_i, f(x) = y_0 + sum_k c_k relu(x - x_k) with c_0 = s_0, c_k = s_k - s_{k-1} (s_k the slopes) has n units and f(x_i) = y_i")
@Tag("layers")
class ReluInterpolation {

    /** n + 1 points: n in 1..12, abscissae distinct (sorted, gaps >= 1e-3 times their scale), ordinates in [-10, 10]. */
    static final Gen<double[][]> POINTS = Gens.integers(1, 12).flatMap(n -> s -> {
        double[] x = new double[n + 1];
        double[] y = new double[n + 1];
        double t = s.draw(Gens.doubles(-5, 5));
        for (int i = 0; i <= n; i++) {
            x[i] = t;
            t += s.draw(Gens.doubles(1e-3, 3));
            y[i] = s.draw(Gens.doubles(-10, 10));
        }
        return new double[][] {x, y};
    });

    /** The network Linear(1, n) -> ReLU -> Linear(n, 1) with weights 1, biases -x_k, output weights c_k and bias y_0. */
    static Sequential model(int n) {
        return Sequential.of(new Layers.Linear(1, n), new Activation(Kind.RELU), new Layers.Linear(n, 1));
    }

    static Params construct(double[] x, double[] y) {
        int n = x.length - 1;
        double[] c = new double[n];
        double prev = 0;
        for (int k = 0; k < n; k++) {
            double slope = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
            c[k] = slope - prev;
            prev = slope;
        }
        double[] bias = new double[n];
        for (int k = 0; k < n; k++) {
            bias[k] = -x[k];
        }
        return Params.of("0.weight", Tensor.ones(n, 1), "0.bias", Tensor.of(bias), "2.weight", Tensor.of(new int[] {1, n}, c),
                "2.bias", Tensor.of(y[0]));
    }

    /**
     * f(x_i) = y_i. In exact arithmetic f(x_i) = y_0 + sum_{k &lt; i} c_k (x_i - x_k) telescopes to
     * y_i. Rounding: the slopes s_k carry gamma_3 relative error, c_k = s_k - s_{k-1} adds one,
     * the n products c_k (x_i - x_k) and the (n+1)-term sum gamma_{n+3}: allowance
     * gamma_{n+8} (|y_0| + sum_k (|c_k| + |s_k| + |s_{k-1}|) |x_i - x_k|).
     */
    @Property(tries = 300)
    void interpolatesEveryPoint(Check check) {
        check.forAll(POINTS.as("points"), p -> {
            double[] x = p[0];
            double[] y = p[1];
            int n = x.length - 1;
            Sequential m = model(n);
            Params params = construct(x, y);
            Claims.that("the network has n = " + n + " hidden units", params.get("0.weight").size() == n);
            double[] f = m.predict(params, Params.EMPTY, Tensor.of(new int[] {n + 1, 1}, x)).toArray();
            double[] c = params.get("2.weight").toArray();
            for (int i = 0; i <= n; i++) {
                double mag = Math.abs(y[0]);
                double prev = 0;
                for (int k = 0; k < i; k++) {
                    double slope = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
                    mag += (Math.abs(c[k]) + Math.abs(slope) + Math.abs(prev)) * Math.abs(x[i] - x[k]);
                    prev = slope;
                }
                Claims.close("f(x_" + i + ") = y_" + i, f[i], y[i], Tol.gamma(n + 8) * mag * 2);
            }
        });
    }

    /** Necessity of distinct abscissae: two points with one x and different y cannot both be met. */
    @Counterexample
    void repeatedAbscissaWithDifferentValues(Check check) {
        check.forAll(Gens.doubles(-5, 5).as("x"), Gens.doubles(-10, 10).as("y0"), Gens.doubles(-10, 10).as("y1"), (x, y0, y1) -> {
            double[] xs = {x, x + 1, x};
            double[] ys = {y0, 0, y1};
            double[][] sorted = {Arrays.copyOf(xs, 2), Arrays.copyOf(ys, 2)};
            Params params = construct(sorted[0], sorted[1]);
            double[] f = model(1).predict(params, Params.EMPTY, Tensor.of(new int[] {3, 1}, xs)).toArray();
            for (int i = 0; i < 3; i++) {
                Claims.close("f(x_" + i + ") = y_" + i + " with x_0 = x_2", f[i], ys[i], Tol.gamma(10) * 20 * (1 + Math.abs(y0) + Math.abs(y1)));
            }
        });
    }
}
