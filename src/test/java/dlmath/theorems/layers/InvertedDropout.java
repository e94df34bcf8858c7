package dlmath.theorems.layers;

import dlmath.autodiff.Graph;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.TensorGens;
import dlmath.nn.Functional;
import dlmath.nn.Layers;
import dlmath.nn.Mode;
import dlmath.nn.Params;
import dlmath.tensor.Tensor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;

/**
 * NN-06 Inverted dropout is unbiased: E[dropout(x)] = x over the masks; it is the identity in
 * evaluation mode; Dropout2d zeroes whole channels. Srivastava, Hinton, Krizhevsky, Sutskever &amp;
 * Salakhutdinov, Dropout, JMLR 15 (2014), Sec. 4 and Sec. 10 (scaling at training time instead of
 * test time); Tompson et al., Efficient Object Localization Using Convolutional Networks, CVPR
 * 2015, Sec. 3.2 (spatial dropout); Goodfellow, Bengio &amp; Courville, Deep Learning, Sec. 7.12.
 * Page: theorems/layers/NN-06-inverted-dropout.md.
 */
@Theorem(id = "NN-06", name = "Inverted dropout is unbiased",
        statement = "sum over masks m of P(m) x m / (1 - p) = x exactly (Bernoulli(1 - p) masks); dropout in eval mode is the identity; Dropout2d keeps or zeroes each (n, c) slice whole")
@Tag("layers")
class InvertedDropout {

    /**
     * Enumerates all 2^n masks of an input of n &lt;= 8 entries with their probabilities
     * (1-p)^kept p^dropped and sums P(m) dropout(x; m) in BigDecimal (exact: the probabilities of
     * dyadic p are exact doubles and the products and sums are carried with 60 digits). Each kept
     * output entry is x_i (1 / (1 - p)), two roundings (as PyTorch, which multiplies by the scaled
     * mask), within gamma_2 |x_i| / (1 - p); weighted by the total probability 1 - p of the masks
     * that keep entry i, the expectation is within gamma_2 |x_i| of x_i, plus one ulp for the
     * final rounding of the 60-digit sum to a double.
     */
    @Property(tries = 150)
    void expectationOverMasksIsTheInput(Check check) {
        check.forAll(TensorGens.shapes(1, 2, 1, 3).flatMap(s -> TensorGens.tensors(s, Gens.doubles(-1e3, 1e3))).as("x"),
                Gens.elements(0.0, 0.125, 0.25, 0.5, 0.75, 0.875).as("p"), (x, p) -> {
                    int n = x.size();
                    check.assume(n <= 8);
                    BigDecimal[] mean = new BigDecimal[n];
                    java.util.Arrays.fill(mean, BigDecimal.ZERO);
                    MathContext mc = new MathContext(60);
                    for (int mask = 0; mask < 1 << n; mask++) {
                        double[] keep = new double[n];
                        BigDecimal prob = BigDecimal.ONE;
                        for (int i = 0; i < n; i++) {
                            keep[i] = (mask >> i & 1);
                            prob = prob.multiply(new BigDecimal(keep[i] == 1 ? 1 - p : p), mc);
                        }
                        Graph g = new Graph();
                        double[] y = Functional.dropoutWithMask(g.constant(x), Tensor.of(x.shape(), keep), p).value().toArray();
                        for (int i = 0; i < n; i++) {
                            mean[i] = mean[i].add(prob.multiply(new BigDecimal(y[i]), mc), mc);
                        }
                    }
                    double[] xv = x.toArray();
                    for (int i = 0; i < n; i++) {
                        Claims.close("E[dropout(x)][" + i + "] = x[" + i + "]", mean[i].doubleValue(), xv[i],
                                Tol.gamma(2) * Math.abs(xv[i]) + Math.ulp(xv[i]) + Double.MIN_VALUE);
                    }
                });
    }

    /** In evaluation mode Dropout and Dropout2d return their input unchanged, bit for bit. */
    @Property(tries = 100)
    void evaluationModeIsTheIdentity(Check check) {
        check.forAll(TensorGens.tensors(new int[] {2, 3, 2, 2}, Gens.doubles(-1e300, 1e300)).as("x"), Gens.doubles(0, 1).as("p"), (x, p) -> {
            Graph g = new Graph();
            Tensor a = new Layers.Dropout(p).apply(java.util.Map.of(), Params.EMPTY, g.constant(x), Mode.EVAL, null).y().value();
            Tensor b = new Layers.Dropout2d(p).apply(java.util.Map.of(), Params.EMPTY, g.constant(x), Mode.EVAL, null).y().value();
            Claims.that("eval-mode dropout is the identity", a.equals(x));
            Claims.that("eval-mode dropout2d is the identity", b.equals(x));
        });
    }

    /**
     * Dropout2d in training mode: each (n, c) slice of x [N, C, H, W] is either all zero or all
     * x / (1 - p), within gamma_2 |x / (1 - p)| (x times the rounded 1 / (1 - p), then rounded).
     */
    @Property(tries = 150)
    void dropout2dZeroesWholeChannels(Check check) {
        check.forAll(TensorGens.shapes(4, 4, 1, 3).flatMap(s -> TensorGens.tensors(s, Gens.doubles(0.5, 2))).as("x"),
                Gens.elements(0.25, 0.5, 0.75).as("p"), Gens.longs(0, 1 << 20).as("seed"), (x, p, seed) -> {
                    Graph g = new Graph();
                    Tensor y = Functional.dropout2d(g.constant(x), p, Mode.TRAIN, new SplittableRandom(seed)).value();
                    int[] s = x.shape();
                    for (int n = 0; n < s[0]; n++) {
                        for (int c = 0; c < s[1]; c++) {
                            boolean dropped = y.get(n, c, 0, 0) == 0;
                            for (int i = 0; i < s[2]; i++) {
                                for (int j = 0; j < s[3]; j++) {
                                    double want = dropped ? 0 : x.get(n, c, i, j) / (1 - p);
                                    Claims.close("dropout2d[" + n + ", " + c + ", " + i + ", " + j + "]: the whole channel is "
                                            + (dropped ? "dropped" : "kept and rescaled"), y.get(n, c, i, j), want, Tol.gamma(2) * Math.abs(want));
                                }
                            }
                        }
                    }
                });
    }

    /**
     * The random masks keep a share 1 - p: over N = 20000 entries the kept share is within
     * sqrt(ln(2 / 1e-10) / (2N)) = 0.0345 of 1 - p with probability at least 1 - 1e-10
     * (Hoeffding's inequality), and the sample mean of dropout(1) is then within 0.0345 / (1 - p).
     */
    @Property(tries = 20)
    void randomMasksKeepTheExpectedShare(Check check) {
        check.forAll(Gens.elements(0.1, 0.5, 0.8).as("p"), Gens.longs(0, 1L << 40).as("seed"), (p, seed) -> {
            int n = 20000;
            Graph g = new Graph();
            Tensor y = Functional.dropout(g.constant(Tensor.ones(n)), p, Mode.TRAIN, new SplittableRandom(seed)).value();
            double kept = y.gt(0.0).sumAll() / n;
            double eps = Math.sqrt(Math.log(2 / 1e-10) / (2.0 * n));
            Claims.close("kept share = 1 - p", kept, 1 - p, eps);
            Claims.close("mean of dropout(1) = 1", y.meanAll(), 1, eps / (1 - p) + 1e-12);
        });
    }

    /** Necessity of evaluation mode for the identity: in training mode dropout changes its input. */
    @Counterexample
    void trainingModeIsNotTheIdentity(Check check) {
        check.forAll(Gens.longs(0, 1000).as("seed"), seed -> {
            Graph g = new Graph();
            Tensor x = Tensor.ones(4);
            Tensor y = Functional.dropout(g.constant(x), 0.5, Mode.TRAIN, new SplittableRandom(seed)).value();
            Claims.that("train-mode dropout(x) = x for x = " + x + ": got " + y, y.equals(x));
        });
    }
}
