package dlmath.theorems.layers;

import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.TensorGens;
import dlmath.nn.Functional;
import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;

/**
 * NN-13 Scaled dot-product attention: self-attention without positional encodings is
 * permutation-equivariant; the rows of the attention matrix sum to 1; the 1/sqrt(d) scaling
 * keeps the logit variance at 1 for unit-variance queries and keys. Vaswani et al., Attention Is
 * All You Need, NeurIPS 2017, eq. 1 and footnote 4 of Sec. 3.2.1; Lee et al., Set Transformer,
 * ICML 2019, Property 1 (permutation equivariance). Page: theorems/layers/NN-13-attention.md.
 */
@Theorem(id = "NN-13", name = "Attention is permutation-equivariant and normalized",
        statement = "A(X) = softmax(X Wq (X Wk)^T / sqrt d) X Wv satisfies A(P X) = P A(X); rows of the weights sum to 1; Var(q.k / sqrt d) = 1 for independent unit-variance q, k")
@Tag("layers")
class AttentionProperties {

    static Tensor selfAttention(Tensor x, Tensor wq, Tensor wk, Tensor wv) {
        Graph g = new Graph();
        Var xv = g.constant(x);
        return Functional.attention(xv.matmul(g.constant(wq)), xv.matmul(g.constant(wk)), xv.matmul(g.constant(wv))).value();
    }

    static Tensor permuteRows(Tensor x, int[] p) {
        double[][] r = x.toArray2D();
        double[][] out = new double[r.length][];
        for (int i = 0; i < r.length; i++) {
            out[i] = r[p[i]];
        }
        return Tensor.of(out);
    }

    /**
     * A(P X) = P A(X): the permuted computation sums the same terms in another order, so each
     * entry is within 2 gamma_{2S + 3d + 10} of its magnitude bound max|V| (softmax weights
     * sum to 1; the logits' rounding, at most gamma_d of |q||k| / sqrt d, moves the weights by at
     * most that relative amount times 2).
     */
    @Property(tries = 200)
    void selfAttentionIsPermutationEquivariant(Check check) {
        check.forAll(Gens.integers(1, 6).as("L"), Gens.integers(1, 4).as("d"), Gens.longs(0, 1L << 40).as("seed"), (len, d, seed) -> {
            SplittableRandom rng = new SplittableRandom(seed);
            Tensor x = Tensor.randn(rng, len, d);
            Tensor wq = Tensor.randn(rng, d, d);
            Tensor wk = Tensor.randn(rng, d, d);
            Tensor wv = Tensor.randn(rng, d, d);
            int[] p = new int[len];
            for (int i = 0; i < len; i++) {
                p[i] = i;
            }
            for (int i = len - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            Tensor a = selfAttention(permuteRows(x, p), wq, wk, wv);
            Tensor b = permuteRows(selfAttention(x, wq, wk, wv), p);
            Tensor q = x.matmul(wq);
            Tensor k = x.matmul(wk);
            double logit = q.abs().matmul(k.abs().transpose()).maxAll() / Math.sqrt(d);
            double vmax = x.matmul(wv).normInf() + x.abs().matmul(wv.abs()).normInf() * Tol.gamma(d);
            double tol = 2 * (Tol.gamma(2 * len + 3 * d + 10) * (1 + 4 * logit)) * vmax * len + Double.MIN_VALUE;
            double[] av = a.toArray();
            double[] bv = b.toArray();
            for (int i = 0; i < av.length; i++) {
                Claims.close("A(P X)[" + i + "] = (P A(X))[" + i + "]", av[i], bv[i], tol);
            }
        });
    }

    /** Rows of softmax(Q K^T / sqrt d) sum to 1 within gamma_{S+2}, entries in [0, 1], also for logits up to 1e4. */
    @Property(tries = 200)
    void attentionRowsSumToOne(Check check) {
        check.forAll(TensorGens.matrices(1, 5, 1, 4).as("Q"), Gens.integers(1, 6).as("S"), Gens.doubles(1, 1e4).as("scale"), (q, s, scale) -> {
            Tensor k = Tensor.randn(new SplittableRandom(s * 31L + q.size()), s, q.dim(1)).mul(scale);
            Graph g = new Graph();
            Tensor w = Functional.attentionWeights(g.constant(q), g.constant(k)).value();
            for (int i = 0; i < w.dim(0); i++) {
                double sum = 0;
                for (int j = 0; j < s; j++) {
                    double v = w.get(i, j);
                    Claims.that("weight in [0, 1]: " + v, v >= 0 && v <= 1);
                    sum += v;
                }
                Claims.close("row " + i + " of the attention weights sums to 1", sum, 1, Tol.gamma(2 * s + 4));
            }
        });
    }

    /**
     * Var(q.k / sqrt d) = 1 for q, k with iid N(0, 1) entries. Given q, the S logits against
     * independent keys are iid N(0, |q|^2 / d), so their sum of squares is |q|^2 / d times a
     * chi-square with S degrees of freedom; over M queries, sum |q_m|^2 is chi-square with M d
     * degrees of freedom. Laurent &amp; Massart (2000, Lemma 1) bounds both with t = ln(4 / 1e-9)
     * per side; the product of the two ranges bounds the mean squared logit.
     */
    @Property(tries = 10)
    void scalingKeepsTheLogitVarianceAtOne(Check check) {
        check.forAll(Gens.integers(1, 64).as("d"), Gens.longs(0, 1L << 40).as("seed"), (d, seed) -> meanSquaredLogit(check, d, seed, 1));
    }

    /**
     * The check above for logits times {@code factor} (1: the library's scaled logits).
     */
    static void meanSquaredLogit(Check check, int d, long seed, double factor) {
        SplittableRandom rng = new SplittableRandom(seed);
        int m = 40;
        int s = 400;
        double t = Math.log(4 / 1e-9);
        double sumSq = 0;
        double qNorms = 0;
        for (int i = 0; i < m; i++) {
            Tensor q = Tensor.randn(rng, 1, d);
            Tensor k = Tensor.randn(rng, s, d);
            Graph g = new Graph();
            Tensor logits = Functional.attentionLogits(g.constant(q), g.constant(k)).value().mul(factor);
            double ss = logits.square().sumAll();
            double given = q.square().sumAll() / d;
            Claims.that("sum of squared logits given q within the chi-square(S) bounds", ss >= given * (s - 2 * Math.sqrt(s * t)) * (1 - 1e-12)
                    && ss <= given * (s + 2 * Math.sqrt(s * t) + 2 * t) * (1 + 1e-12));
            sumSq += ss;
            qNorms += q.square().sumAll();
        }
        double k = m * d;
        double meanSq = sumSq / (m * s);
        Claims.that("sum |q|^2 within the chi-square(M d) bounds", qNorms >= k - 2 * Math.sqrt(k * t) && qNorms <= k + 2 * Math.sqrt(k * t) + 2 * t);
        double lo = (k - 2 * Math.sqrt(k * t)) / k * (s - 2 * Math.sqrt(s * t)) / s;
        double hi = (k + 2 * Math.sqrt(k * t) + 2 * t) / k * (s + 2 * Math.sqrt(s * t) + 2 * t) / s;
        check.note("mean squared logit", meanSq);
        Claims.atLeast("mean squared scaled logit >= lower bound", meanSq, lo * (1 - 1e-12));
        Claims.atMost("mean squared scaled logit <= upper bound", meanSq, hi * (1 + 1e-12));
    }

    /** Necessity of the 1/sqrt(d) scaling: unscaled logits q.k have variance d (the check with logits times sqrt d). */
    @Counterexample
    void withoutScalingTheVarianceGrowsWithD(Check check) {
        check.forAll(Gens.integers(1, 64).as("d"), Gens.longs(0, 1L << 40).as("seed"), (d, seed) -> meanSquaredLogit(check, d, seed, Math.sqrt(d)));
    }

}
