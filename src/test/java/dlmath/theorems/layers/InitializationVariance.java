package dlmath.theorems.layers;

import dlmath.autodiff.Graph;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.nn.Functional;
import dlmath.nn.Init;
import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Tag;

/**
 * NN-12 He initialization preserves the expected squared activation norm through ReLU layers,
 * Xavier through tanh near 0. He, Zhang, Ren &amp; Sun, Delving Deep into Rectifiers, ICCV 2015,
 * Sec. 2.2, eqs. 7-10; Glorot &amp; Bengio, Understanding the difficulty of training deep
 * feedforward neural networks, AISTATS 2010, Sec. 4.2, eqs. 12-16; Goodfellow, Bengio &amp;
 * Courville, Deep Learning, Sec. 8.4. Page: theorems/layers/NN-12-initialization-variance.md.
 */
@Theorem(id = "NN-12", name = "He and Xavier initialization preserve the activation norm",
        statement = "W with iid N(0, 2/n_in) entries: E||relu(W h)||^2 = (n_out/n_in) ||h||^2; W with iid N(0, 2/(n_in + n_out)), n_in = n_out: E||tanh(W h)||^2 -> ||h||^2 as h -> 0")
@Tag("layers")
class InitializationVariance {

    static final int N = 32;
    static final int DRAWS = 200;
    /** False-alarm probability per side of each check. */
    static final double ALARM = 5e-10;

    /** log E exp(lambda relu(g)^2) for g ~ N(0, 1): log(1/2 + (1/2)(1 - 2 lambda)^(-1/2)), lambda &lt; 1/2. */
    static double logMgf(double lambda) {
        return Math.log(0.5 + 0.5 / Math.sqrt(1 - 2 * lambda));
    }

    /** The Cramer rate sup_lambda (lambda a - log M(lambda)) over a grid of lambda in the allowed range (a lower bound of the supremum). */
    static double rate(double a) {
        double best = 0;
        for (int i = 1; i < 4000; i++) {
            double lambda = a > 0.5 ? 0.4999 * i / 4000 : -20.0 * i / 4000;
            best = Math.max(best, lambda * a - logMgf(lambda));
        }
        return best;
    }

    /**
     * The half-width e with P(|mean of n copies of relu(g)^2 - 1/2| &gt;= e) &lt;= 2 ALARM, by the
     * Chernoff bound exp(-n I(1/2 +- e)) on each side (bisection on e).
     */
    static double chernoffWidth(int n) {
        double lo = 0;
        double hi = 0.5;
        for (int it = 0; it < 60; it++) {
            double e = (lo + hi) / 2;
            boolean ok = Math.exp(-n * rate(0.5 + e)) <= ALARM && Math.exp(-n * rate(0.5 - e)) <= ALARM;
            if (ok) {
                hi = e;
            } else {
                lo = e;
            }
        }
        return hi;
    }

    static final double WIDTH = chernoffWidth(N * DRAWS);

    /**
     * Mean over DRAWS independent weights W [N, N] of ||relu(W h)||^2 / ((n_out / n_in) ||h||^2).
     * Given h, (W h)_i are iid N(0, 2 ||h||^2 / n_in), so the ratio is 2 mean(relu(g)^2) over
     * N * DRAWS standard normals g: within 2 WIDTH of 1 except with probability 1e-9 (Chernoff).
     */
    static double reluRatio(BiFunction<SplittableRandom, int[], Tensor> init, long seed, Tensor h) {
        SplittableRandom rng = new SplittableRandom(seed);
        double sum = 0;
        for (int d = 0; d < DRAWS; d++) {
            Tensor w = init.apply(rng, new int[] {N, N});
            Graph g = new Graph();
            Tensor y = Functional.relu(Functional.linear(g.constant(h), g.constant(w), null)).value();
            sum += y.square().sumAll();
        }
        return sum / DRAWS / (h.square().sumAll());
    }

    @Property(tries = 10)
    void heNormalPreservesTheSquaredNormThroughRelu(Check check) {
        check.forAll(Gens.longs(0, 1L << 40).as("seed"), Gens.doubles(0.01, 100).as("scale"), (seed, scale) -> {
            Tensor h = Tensor.randn(new SplittableRandom(~seed), N).mul(scale);
            double r = reluRatio((rng, s) -> Init.heNormal(rng, s), seed, h);
            check.note("2 x Chernoff width", 2 * WIDTH);
            Claims.close("E||relu(W h)||^2 / ||h||^2 = 1 (He, n_in = n_out)", r, 1, 2 * WIDTH + 1e-12);
        });
    }

    /**
     * Xavier normal with n_in = n_out = N (Var 1/N): given h, ||W h||^2 / (||h||^2 / N) is
     * chi-square with N DRAWS degrees of freedom, within [k - 2 sqrt(k t), k + 2 sqrt(k t) + 2t],
     * t = ln(2 / 1e-9), with probability 1 - 1e-9 (Laurent &amp; Massart 2000, Lemma 1); and
     * z^2 - (2/3) z^4 &lt;= tanh^2 z &lt;= z^2 for |z| &lt;= sqrt 3 (from z - z^3/3 &lt;= tanh z &lt;= z), the
     * z^4 term at most (2/3) max z^2 times the sum.
     */
    @Property(tries = 10)
    void xavierPreservesTheSquaredNormThroughTanhNearZero(Check check) {
        check.forAll(Gens.longs(0, 1L << 40).as("seed"), seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            Tensor h = Tensor.randn(new SplittableRandom(~seed), N).mul(1e-3);
            double sumTanh = 0;
            double sumZ = 0;
            double maxZ2 = 0;
            for (int d = 0; d < DRAWS; d++) {
                Tensor w = Init.xavierNormal(rng, N, N);
                Graph g = new Graph();
                Tensor z = Functional.linear(g.constant(h), g.constant(w), null).value();
                sumTanh += Functional.tanh(g.constant(z)).value().square().sumAll();
                sumZ += z.square().sumAll();
                maxZ2 = Math.max(maxZ2, z.square().maxAll());
            }
            double k = N * DRAWS;
            double t = Math.log(2 / 1e-9);
            double unit = h.square().sumAll() / N;
            double ratio = sumTanh / DRAWS / h.square().sumAll();
            double lo = (k - 2 * Math.sqrt(k * t)) * unit * (1 - 2.0 / 3 * maxZ2) / DRAWS / h.square().sumAll();
            double hi = (k + 2 * Math.sqrt(k * t) + 2 * t) * unit / DRAWS / h.square().sumAll();
            Claims.that("chi-square sum within the Laurent-Massart bounds", sumZ >= (k - 2 * Math.sqrt(k * t)) * unit * (1 - 1e-12)
                    && sumZ <= (k + 2 * Math.sqrt(k * t) + 2 * t) * unit * (1 + 1e-12));
            Claims.atLeast("E||tanh(W h)||^2 / ||h||^2 >= lower bound", ratio, lo * (1 - 1e-12));
            Claims.atMost("E||tanh(W h)||^2 / ||h||^2 <= upper bound", ratio, hi * (1 + 1e-12));
        });
    }

    /** Necessity of the He variance for ReLU: Xavier's 1/n_in halves the expected squared norm per ReLU layer. */
    @Counterexample
    void xavierThroughReluHalvesTheNorm(Check check) {
        check.forAll(Gens.longs(0, 1L << 40).as("seed"), seed -> {
            Tensor h = Tensor.randn(new SplittableRandom(~seed), N);
            double r = reluRatio((rng, s) -> Init.xavierNormal(rng, s), seed, h);
            Claims.close("E||relu(W h)||^2 / ||h||^2 = 1 with Xavier weights", r, 1, 2 * WIDTH + 1e-12);
        });
    }
}
