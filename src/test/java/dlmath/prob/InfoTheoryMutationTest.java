package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of {@link InfoTheory}, {@link Mle}, {@link Conjugate}, {@link Params} and
 * {@link GradientEstimators} aimed at what the mutation run (PIT) left untested, each against a
 * closed form written out here: entropies, divergences and mutual information of small tables in
 * logarithms of exact rationals, the maximum-likelihood estimates as exact means and root mean
 * squares, the conjugate updates by their textbook formulas, the parameter checks' messages.
 *
 * <p>Tolerances: sums of at most 6 terms {@code p ln(p/q)}, each rounded a few times: {@code 16u} times
 * the sum of their sizes ({@code |p ln p| + |p ln q|}, bounded by 4 here), so {@code 64u} absolute; the
 * MLE and conjugate updates {@code 8u} relative (a handful of roundings of positive terms).
 */
class InfoTheoryMutationTest {

    private static final double U = 0x1p-53;
    private static final double TOL = 64 * U;

    static void rejects(Runnable call, String... words) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).message().contains(words);
    }

    @Test
    void divergencesAndEntropiesOfSmallTables() {
        Tensor p = Tensor.of(0.5, 0.25, 0.25, 0.0);
        Tensor q = Tensor.of(0.25, 0.25, 0.25, 0.25);
        double ln2 = Math.log(2);
        assertThat(InfoTheory.entropy(p)).isCloseTo(1.5 * ln2, within(TOL));
        assertThat(InfoTheory.entropy(Tensor.of(1.0))).isZero();
        assertThat(InfoTheory.crossEntropy(p, q)).isCloseTo(2 * ln2, within(TOL));
        assertThat(InfoTheory.crossEntropy(q, p)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(InfoTheory.kl(p, q)).isCloseTo(0.5 * ln2, within(TOL));
        assertThat(InfoTheory.kl(q, p)).isEqualTo(Double.POSITIVE_INFINITY);
        // JS(p, q) = (KL(p || m) + KL(q || m)) / 2, m = (3/8, 1/4, 1/4, 1/8):
        // KL(p || m) = 1/2 ln(4/3); KL(q || m) = 1/4 ln(2/3) + 1/4 ln 2 = 1/4 ln(4/3)
        assertThat(InfoTheory.jensenShannon(p, q)).isCloseTo(0.375 * Math.log(4.0 / 3), within(TOL));
        assertThat(InfoTheory.jensenShannon(p, p)).isCloseTo(0, within(TOL));
        assertThat(InfoTheory.totalVariation(p, q)).isCloseTo(0.25, within(4 * U));
        assertThat(InfoTheory.totalVariation(Tensor.of(1.0, 0.0), Tensor.of(0.0, 1.0))).isEqualTo(1.0);
        // inputs summing to 1 within 1e-9 are normalized: (0.5 + 5e-10, 0.5) behaves as its normalization
        assertThat(InfoTheory.entropy(Tensor.of(0.5 + 5e-10, 0.5))).isCloseTo(ln2, within(1e-18 + TOL));
    }

    @Test
    void jointTables() {
        // p(x, y) = [[1/2, 1/4], [0, 1/4]]: p(x) = (3/4, 1/4), p(y) = (1/2, 1/2)
        Tensor pxy = Tensor.of(new double[][] {{0.5, 0.25}, {0.0, 0.25}});
        assertThat(InfoTheory.marginalX(pxy).toArray()).containsExactly(0.75, 0.25);
        assertThat(InfoTheory.marginalY(pxy).toArray()).containsExactly(0.5, 0.5);
        double ln2 = Math.log(2);
        double hxy = 1.5 * ln2;                                   // entropy of (1/2, 1/4, 1/4)
        double hx = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
        assertThat(InfoTheory.jointEntropy(pxy)).isCloseTo(hxy, within(TOL));
        assertThat(InfoTheory.conditionalEntropy(pxy)).isCloseTo(hxy - hx, within(TOL));   // H(Y|X) = H(X,Y) - H(X)
        assertThat(InfoTheory.mutualInformation(pxy)).isCloseTo(hx + ln2 - hxy, within(TOL));   // H(X) + H(Y) - H(X,Y)
        // independent: I = 0; a 1 x 3 and a 3 x 1 table
        Tensor indep = Tensor.of(new double[][] {{0.125, 0.375}, {0.125, 0.375}});
        assertThat(InfoTheory.mutualInformation(indep)).isCloseTo(0, within(TOL));
        Tensor row = Tensor.of(new double[][] {{0.25, 0.25, 0.5}});
        assertThat(InfoTheory.marginalX(row).toArray()).containsExactly(1.0);
        assertThat(InfoTheory.marginalY(row).toArray()).containsExactly(0.25, 0.25, 0.5);
        assertThat(InfoTheory.conditionalEntropy(row)).isCloseTo(1.5 * ln2, within(TOL));
        Tensor col = Tensor.of(new double[][] {{0.25}, {0.75}});
        assertThat(InfoTheory.marginalY(col).toArray()).containsExactly(1.0);
        assertThat(InfoTheory.conditionalEntropy(col)).isCloseTo(0, within(TOL));
        // tiny marginals whose product underflows: ln p(x) + ln p(y) is used, not ln(p(x) p(y))
        // (p(x) p(y) = 1e-400 = 0 gave +inf): I = 1e-200 (ln 1e-200 - 2 ln 1e-200) = 1e-200 * 200 ln 10
        Tensor tiny = Tensor.of(new double[][] {{1e-200, 0}, {0, 1}});
        double expected = 1e-200 * 200 * Math.log(10);
        assertThat(InfoTheory.mutualInformation(tiny)).isCloseTo(expected, within(16 * U * expected));
        rejects(() -> InfoTheory.marginalX(null), "marginalX", "rank 2", "null");
        rejects(() -> InfoTheory.marginalY(Tensor.of(0.5, 0.5)), "marginalY", "rank 2", "[2]");
        rejects(() -> InfoTheory.conditionalEntropy(Tensor.of(new double[][] {{0.5, 0.6}})), "conditionalEntropy", "sum to 1");
        rejects(() -> InfoTheory.crossEntropy(Tensor.of(0.5, 0.5), Tensor.of(1.0)), "crossEntropy", "same shape", "[2]", "[1]");
        rejects(() -> InfoTheory.jensenShannon(Tensor.of(0.5, 0.5), Tensor.of(1.0)), "jensenShannon", "[2]", "[1]");
        rejects(() -> InfoTheory.totalVariation(Tensor.of(0.5, 0.5), Tensor.of(1.0)), "totalVariation");
        rejects(() -> InfoTheory.totalVariation(Tensor.of(0.5, 0.5), Tensor.of(1.5, -0.5)), "totalVariation", "q[1]", "-0.5");
        rejects(() -> InfoTheory.entropy(Tensor.of(Double.POSITIVE_INFINITY, 0.5)), "p[0]", "finite and >= 0", "Infinity");
        rejects(() -> InfoTheory.entropy(Tensor.of(Double.NaN, 0.5)), "p[0]", "NaN");
        rejects(() -> InfoTheory.entropy(Tensor.of(new double[][] {{1.0}})), "p", "vector (rank 1)", "[1, 1]");
        rejects(() -> InfoTheory.entropy(Tensor.of(0.5, 0.5 + 2e-9)), "sum to 1 (within 1.0E-9)", "1.000000002");
        assertThatThrownBy(() -> InfoTheory.entropy(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("p");
    }

    @Test
    void maximumLikelihoodEstimates() {
        Categorical c = Mle.categorical(new int[] {1, 0, 3});
        assertThat(c.probs().toArray()).containsExactly(0.25, 0.0, 0.75);
        // counts whose total exceeds int: a long total
        Categorical big = Mle.categorical(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE});
        assertThat(big.probs().toArray()).containsExactly(0.5, 0.5);
        // the normal MLE: the mean and the root mean square deviation (divisor n)
        Normal n = Mle.normal(new double[] {1, 2, 3, 6});
        assertThat(n.loc()).isEqualTo(3.0);
        assertThat(n.scale()).isCloseTo(Math.sqrt(3.5), within(8 * U * Math.sqrt(3.5)));   // (4 + 1 + 0 + 9) / 4
        Normal one = Mle.normal(new double[] {-2, 2});
        assertThat(one.loc()).isZero();
        assertThat(one.scale()).isEqualTo(2.0);
        // the sum overflows: the mean from scaled values; the deviations MAX and -MAX... scale MAX
        Normal huge = Mle.normal(new double[] {Double.MAX_VALUE, Double.MAX_VALUE, 0});
        assertThat(huge.loc()).isCloseTo(Double.MAX_VALUE / 3 * 2, within(8 * U * Double.MAX_VALUE));
        assertThat(huge.scale()).isCloseTo(Double.MAX_VALUE / 3 * Math.sqrt(2), within(8 * U * Double.MAX_VALUE));
        // tiny deviations: no underflow in the squares (1e-200 apart: scale 1e-200 / 2... for {0, 1e-200}: mean 5e-201, sd 5e-201)
        Normal tiny = Mle.normal(new double[] {0, 1e-200});
        assertThat(tiny.scale()).isCloseTo(5e-201, within(8 * U * 5e-201));
        assertThat(Mle.averageLogLikelihood(new Normal(0, 1), new double[] {0, 2}))
                .isCloseTo(-Special.LN_SQRT_2PI - 1, within(8 * U * 2));
        rejects(() -> Mle.normal(new double[] {1, Double.POSITIVE_INFINITY}), "x[1]", "finite", "Infinity");
        rejects(() -> Mle.categorical(new int[0]), "positive total", "over 0 categories");
        assertThatThrownBy(() -> Mle.categorical(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("counts");
        assertThatThrownBy(() -> Mle.normal(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("x");
        assertThatThrownBy(() -> Mle.averageLogLikelihood(null, new double[] {1})).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("model");
    }

    @Test
    void conjugateUpdatesAndGradientEstimators() {
        Beta post = Conjugate.betaBernoulli(new Beta(2, 3), 4, 5);
        assertThat(post.concentration1()).isEqualTo(6.0);
        assertThat(post.concentration0()).isEqualTo(8.0);
        Beta none = Conjugate.betaBernoulli(new Beta(2, 3), 0, 0);
        assertThat(none.concentration1()).isEqualTo(2.0);
        assertThat(none.concentration0()).isEqualTo(3.0);
        rejects(() -> Conjugate.betaBernoulli(new Beta(1, 1), 0, -2), "failures", "-2");
        // N(m0, s0^2) prior, noise sd s, data x_i: precision 1/s0^2 + n/s^2, mean (m0/s0^2 + sum x/s^2) / precision
        Normal prior = new Normal(1, 2);
        Normal posterior = Conjugate.normalKnownScale(prior, 0.5, new double[] {3, 5});
        double precision = 0.25 + 2 / 0.25;             // 8.25
        double mean = (1 * 0.25 + 8 / 0.25) / precision; // 32.25 / 8.25
        assertThat(posterior.loc()).isCloseTo(mean, within(8 * U * mean));
        assertThat(posterior.scale()).isCloseTo(1 / Math.sqrt(precision), within(8 * U));
        Normal unchanged = Conjugate.normalKnownScale(prior, 0.5, new double[0]);
        assertThat(unchanged.loc()).isCloseTo(1, within(8 * U));
        assertThat(unchanged.scale()).isCloseTo(2, within(16 * U));
        rejects(() -> Conjugate.normalKnownScale(prior, Double.POSITIVE_INFINITY, new double[] {1}), "noiseScale", "Infinity");
        assertThatThrownBy(() -> Conjugate.normalKnownScale(prior, 1, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("data");
        assertThatThrownBy(() -> Conjugate.betaBernoulli(null, 1, 1)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("prior");
        // pathwise: f'(loc + scale eps); score: f(z) (z - loc) / scale^2
        Normal q = new Normal(1, 2);
        assertThat(GradientEstimators.pathwise(x -> 3 * x * x, q, 0.5)).isEqualTo(3 * 4.0);   // z = 2
        assertThat(GradientEstimators.score(x -> x + 1, q, 3)).isEqualTo(4 * (3 - 1) / 4.0);
        assertThatThrownBy(() -> GradientEstimators.pathwise(null, q, 0)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("fPrime");
        assertThatThrownBy(() -> GradientEstimators.score(x -> x, null, 0)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("q");
        // Params: the messages name the owner, the parameter and its value
        assertThat(Params.positive("O", "v", 2.5)).isEqualTo(2.5);
        assertThat(Params.probability("O", "p", 0)).isZero();
        assertThat(Params.probability("O", "p", 1)).isEqualTo(1.0);
        assertThat(Params.finite("O", "v", -3)).isEqualTo(-3.0);
        rejects(() -> Params.positive("O", "v", 0), "O: v must be > 0 and finite, was 0.0");
        rejects(() -> Params.positive("O", "v", Double.NaN), "was NaN");
        rejects(() -> Params.probability("O", "p", -1e-300), "O: p must be in [0, 1], was -1.0E-300");
        rejects(() -> Params.probability("O", "p", Math.nextUp(1.0)), "was 1.0000000000000002");
        rejects(() -> Params.finite("O", "v", Double.NEGATIVE_INFINITY), "O: v must be finite, was -Infinity");
        rejects(() -> Params.notNaN("O", "v", Double.NaN), "O: v must not be NaN, was NaN");
        Params.notNaN("O", "v", Double.POSITIVE_INFINITY);
        assertThat(Params.degenerateGenerator("S").getMessage()).startsWith("S: rng produced 1000 rejected proposals");
        assertThat(Params.simplex("O", "p", Tensor.of(0.25, 0.75))).containsExactly(0.25, 0.75);
        double[] normalized = Params.simplex("O", "p", Tensor.of(0.5, 0.5 + 5e-10));
        assertThat(normalized[0] + normalized[1]).isCloseTo(1, within(2 * U));
        assertThat(normalized[0]).isLessThan(0.5);
    }
}
