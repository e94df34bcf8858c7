package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The API boundary of dlmath.prob: every invalid parameter is an IllegalArgumentException whose
 * message names the parameter (or both shapes) and the offending value; nothing returns NaN silently.
 */
class ProbApiTest {

    /** A null argument: a NullPointerException whose message is the parameter's name. */
    static void rejectsNull(Executable call, String parameter) {
        assertThatThrownBy(call::execute).isInstanceOf(NullPointerException.class).hasMessage(parameter);
    }

    static void rejects(Executable call, String... fragments) {
        assertThatThrownBy(call::execute).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                });
    }

    @Test
    void scalesAndRatesMustBePositiveAndFinite() {
        rejects(() -> new Normal(0, -1), "Normal", "scale", "-1.0");
        rejects(() -> new Normal(0, 0), "Normal", "scale", "0.0");
        rejects(() -> new Normal(Double.NaN, 1), "Normal", "loc", "NaN");
        rejects(() -> new Normal(Double.POSITIVE_INFINITY, 1), "Normal", "loc", "Infinity");
        rejects(() -> new Normal(0, Double.POSITIVE_INFINITY), "Normal", "scale", "Infinity");
        rejects(() -> new Laplace(0, -2), "Laplace", "scale", "-2.0");
        rejects(() -> new Logistic(1, 0), "Logistic", "scale", "0.0");
        rejects(() -> new Exponential(-0.5), "Exponential", "rate", "-0.5");
        rejects(() -> new Gamma(-1, 1), "Gamma", "concentration", "-1.0");
        rejects(() -> new Gamma(1, Double.NaN), "Gamma", "rate", "NaN");
        rejects(() -> new Beta(0, 1), "Beta", "concentration1", "0.0");
        rejects(() -> new Beta(1, -3), "Beta", "concentration0", "-3.0");
        rejects(() -> new Poisson(-1), "Poisson", "rate", "-1.0");
        rejects(() -> new Poisson(1e13), "Poisson", "rate", "1.0E13");
        assertThat(new Poisson(1e12).rate()).isEqualTo(1e12);
    }

    @Test
    void uniformNeedsAnOrderedFiniteInterval() {
        rejects(() -> new Uniform(2, 1), "Uniform", "low=2.0", "high=1.0");
        rejects(() -> new Uniform(1, 1), "Uniform", "low=1.0", "high=1.0");
        rejects(() -> new Uniform(-Double.MAX_VALUE, Double.MAX_VALUE), "Uniform", "finite width");
        rejects(() -> new Uniform(Double.NEGATIVE_INFINITY, 0), "Uniform", "low", "-Infinity");
    }

    @Test
    void probabilitiesMustBeInTheUnitIntervalAndSumToOne() {
        rejects(() -> new Bernoulli(1.5), "Bernoulli", "probs", "1.5");
        rejects(() -> new Bernoulli(Double.NaN), "Bernoulli", "probs", "NaN");
        rejects(() -> new Binomial(-1, 0.5), "Binomial", "totalCount", "-1");
        rejects(() -> new Binomial(3, -0.1), "Binomial", "probs", "-0.1");
        rejects(() -> new Categorical(Tensor.of(0.5, 0.4)), "Categorical", "probs", "sum to 1", "0.9");
        rejects(() -> new Categorical(Tensor.of(1.5, -0.5)), "Categorical", "probs[1]", "-0.5");
        rejects(() -> new Categorical(Tensor.of(new double[][] {{0.5, 0.5}})), "Categorical", "probs", "rank 1");
        rejects(() -> Categorical.fromLogits(Tensor.of(0, Double.NaN)), "Categorical", "logits[1]", "NaN");
        rejects(() -> Categorical.fromLogits(Tensor.of(0, 1), 0), "Categorical", "temperature", "0.0");
    }

    @Test
    void categoricalNormalizesLikePyTorch() {
        Categorical c = new Categorical(Tensor.of(0.25, 0.75 + 1e-12));
        assertThat(c.probs().sumAll()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(4 * 0x1.0p-53));
        assertThat(c.probs().get(0)).isEqualTo(0.25 / (1 + 1e-12));
        assertThat(c.numCategories()).isEqualTo(2);
    }

    @Test
    void dirichletNeedsPositiveConcentrations() {
        rejects(() -> new Dirichlet(Tensor.of(1, -1)), "Dirichlet", "concentration[1]", "-1.0");
        rejects(() -> new Dirichlet(Tensor.of(1)), "Dirichlet", "concentration", "at least 2");
        Dirichlet d = new Dirichlet(Tensor.of(1, 2, 3));
        rejects(() -> d.logProb(Tensor.of(0.5, 0.5)), "Dirichlet.logProb", "[3]", "[2]");
        rejects(() -> d.marginal(3), "Dirichlet.marginal", "i", "3");
        assertThat(d.logProb(Tensor.of(0.5, 0.6, -0.1))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.logProb(Tensor.of(0.5, 0.6, 0.1))).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void multivariateNormalChecksShapesAndDefiniteness() {
        rejects(() -> new MultivariateNormal(Tensor.of(0, 0), Tensor.eye(3)), "covarianceMatrix", "[2, 2]", "[3, 3]");
        rejects(() -> new MultivariateNormal(Tensor.of(0, 0), Tensor.of(new double[][] {{1, 2}, {2, 1}})),
                "MultivariateNormal", "positive definite");
        rejects(() -> new MultivariateNormal(Tensor.of(0, Double.NaN), Tensor.eye(2)), "loc[1]", "NaN");
        MultivariateNormal d = new MultivariateNormal(Tensor.of(0, 0), Tensor.eye(2));
        rejects(() -> d.logProb(Tensor.of(1, 2, 3)), "MultivariateNormal.logProb", "[2]", "[3]");
        rejects(() -> d.marginal(0, 0), "marginal", "distinct");
        rejects(() -> d.marginal(), "marginal", "at least one");
        rejects(() -> d.conditional(new int[] {0, 1}, Tensor.of(1, 2)), "conditional", "unobserved");
        rejects(() -> d.conditional(new int[] {0}, Tensor.of(1, 2)), "conditional", "values", "[1]", "[2]");
        rejects(() -> d.affine(Tensor.eye(3), Tensor.of(0, 0, 0)), "affine", "[3, 3]");
        rejects(() -> d.affine(Tensor.eye(2), Tensor.of(0, 0, 0)), "affine", "[2, 2]", "[3]");
        rejects(() -> d.affine(Tensor.eye(2), Tensor.eye(2)), "affine", "[2, 2]");
        rejects(() -> d.mahalanobis(Tensor.of(1.0)), "MultivariateNormal.mahalanobis", "[2]", "[1]");
        rejects(() -> d.conditional(new int[] {2}, Tensor.of(1.0)), "conditional", "[0, 2)", "[2]");
        rejects(() -> d.conditional(new int[] {-1}, Tensor.of(1.0)), "conditional", "[-1]");
        rejects(() -> d.marginal(2), "marginal", "[2]");
    }

    @Test
    void nanPointsAndNullGeneratorsAreRejected() {
        Normal n = new Normal(0, 1);
        rejects(() -> n.logProb(Double.NaN), "Normal.logProb", "x", "NaN");
        rejects(() -> n.cdf(Double.NaN), "Normal.cdf", "x", "NaN");
        rejectsNull(() -> n.sample(null), "rng");
        rejects(() -> n.sample(new SplittableRandom(1), -1), "n", "-1");
        assertThat(n.sample(new SplittableRandom(1), 0)).isEmpty();
        rejects(() -> n.reparameterize(Double.NaN), "eps", "NaN");
        rejects(() -> n.scoreLoc(Double.NaN), "z", "NaN");
        rejectsNull(() -> new Dirichlet(Tensor.of(1, 1)).sample(null), "rng");
        rejectsNull(() -> new MultivariateNormal(Tensor.of(0.0), Tensor.eye(1)).sample(null), "rng");
    }

    /** Error messages name the distribution with its parameters (its toString), e.g. a sampler without a generator. */
    @Test
    void messagesNameTheDistributionAndItsParameters() {
        java.util.Map<Object, String> names = new java.util.LinkedHashMap<>();
        names.put(new Normal(1, 2), "Normal(loc=1.0, scale=2.0)");
        names.put(new Laplace(1, 2), "Laplace(loc=1.0, scale=2.0)");
        names.put(new Logistic(1, 2), "Logistic(loc=1.0, scale=2.0)");
        names.put(new Uniform(1, 2), "Uniform(low=1.0, high=2.0)");
        names.put(new Exponential(3), "Exponential(rate=3.0)");
        names.put(new Gamma(2, 3), "Gamma(concentration=2.0, rate=3.0)");
        names.put(new Beta(2, 3), "Beta(concentration1=2.0, concentration0=3.0)");
        names.put(new Bernoulli(0.25), "Bernoulli(probs=0.25)");
        names.put(new Binomial(4, 0.25), "Binomial(totalCount=4, probs=0.25)");
        names.put(new Poisson(2.5), "Poisson(rate=2.5)");
        names.put(new Categorical(Tensor.of(0.5, 0.5)), "Categorical(probs=");
        names.forEach((d, name) -> rejects(() -> ((UnivariateDistribution) d).sample(new SplittableRandom(1), -1), name, "-1"));
        // the multivariate ones name the distribution and both shapes (a null rng is a NullPointerException "rng")
        rejects(() -> new Dirichlet(Tensor.of(1, 2)).logProb(Tensor.of(0.5)), "Dirichlet.logProb", "[2]", "[1]");
        rejects(() -> new MultivariateNormal(Tensor.of(0.0), Tensor.eye(1)).logProb(Tensor.of(0.0, 0.0)),
                "MultivariateNormal", "[1]", "[2]");
    }

    @Test
    void klNamesAMissingPairAndMismatchedSizes() {
        rejects(() -> KL.divergence(new Logistic(0, 1), new Logistic(1, 1)), "KL(Logistic || Logistic)", "monteCarlo");
        rejects(() -> KL.divergence(new Categorical(Tensor.of(1.0)), new Categorical(Tensor.of(0.5, 0.5))),
                "Categorical", "1", "2");
        rejects(() -> KL.divergence(new Dirichlet(Tensor.of(1, 1)), new Dirichlet(Tensor.of(1, 1, 1))), "Dirichlet", "2", "3");
        rejects(() -> KL.divergence(new MultivariateNormal(Tensor.of(0.0), Tensor.eye(1)),
                new MultivariateNormal(Tensor.of(0, 0), Tensor.eye(2))), "dimensions", "1", "2");
        rejectsNull(() -> KL.divergence(null, new Normal(0, 1)), "p");
        rejects(() -> KL.numerical(new Normal(0, 1), new Poisson(1)), "both be discrete or both continuous");
        rejects(() -> KL.monteCarloTerms(new Normal(0, 1), new Normal(0, 2), 0, new SplittableRandom(1)), "n", "0");
        assertThat(KL.monteCarloTerms(new Normal(0, 1), new Normal(0, 2), 1, new SplittableRandom(1))).hasSize(1);
        rejectsNull(() -> KL.monteCarloTerms(new Normal(0, 1), new Normal(0, 2), 3, null), "rng");
        rejects(() -> KL.monteCarlo(new Normal(0, 1), new Normal(0, 2), 0, 5, new SplittableRandom(1)), "blocks", "0");
        rejects(() -> KL.monteCarlo(new Normal(0, 1), new Normal(0, 2), 5, 0, new SplittableRandom(1)), "perBlock", "0");
        rejects(() -> KL.monteCarlo(new Normal(0, 1), new Dirichlet(Tensor.of(1, 1)), 5, 1, new SplittableRandom(1)),
                "univariate", "multivariate");
        rejects(() -> KL.monteCarloTerms(new Dirichlet(Tensor.of(1, 1)), new Dirichlet(Tensor.of(1, 1, 1)), 5,
                new SplittableRandom(1)), "same dimension");
        assertThatThrownBy(() -> KL.register(null, Normal.class, (a, b) -> 0)).isInstanceOf(NullPointerException.class)
                .hasMessage("pType");
        assertThatThrownBy(() -> KL.register(Normal.class, null, (a, b) -> 0)).isInstanceOf(NullPointerException.class)
                .hasMessage("qType");
        assertThatThrownBy(() -> KL.register(Normal.class, Normal.class, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("rule");
        assertThat(KL.hasClosedForm(new Normal(0, 1), new Laplace(0, 1))).isFalse();
        assertThat(KL.hasClosedForm(new Normal(0, 1), new Normal(1, 1))).isTrue();
        assertThat(KL.hasClosedForm(new Exponential(1), new Gamma(1, 1))).isTrue();
        assertThat(KL.hasClosedForm(new Gamma(1, 1), new Exponential(1))).isFalse();
    }

    @Test
    void infoTheoryNamesBothShapes() {
        rejects(() -> InfoTheory.kl(Tensor.of(0.5, 0.5), Tensor.of(1.0)), "kl", "[2]", "[1]");
        rejects(() -> InfoTheory.entropy(Tensor.of(0.5, 0.6)), "entropy", "sum to 1");
        rejects(() -> InfoTheory.mutualInformation(Tensor.of(0.5, 0.5)), "mutualInformation", "rank 2", "[2]");
        rejects(() -> InfoTheory.jointEntropy(Tensor.of(new double[][] {{0.5, 0.6}})), "jointEntropy", "sum to 1");
    }

    @Test
    void estimatorsAndUpdatesRejectBadData() {
        rejects(() -> Mle.normal(new double[0]), "Mle.normal", "at least one");
        rejects(() -> Mle.normal(new double[] {2, 2, 2}), "Mle.normal", "equal 2.0");
        rejects(() -> Mle.normal(new double[] {1, Double.NaN}), "x[1]", "NaN");
        rejects(() -> Mle.categorical(new int[] {0, 0}), "Mle.categorical", "positive total");
        rejects(() -> Mle.categorical(new int[] {1, -1}), "counts[1]", "-1");
        rejects(() -> Mle.averageLogLikelihood(new Normal(0, 1), new double[0]), "at least one");
        rejects(() -> Conjugate.betaBernoulli(new Beta(1, 1), -1, 0), "successes", "-1");
        rejects(() -> Conjugate.normalKnownScale(new Normal(0, 1), 0, new double[] {1}), "noiseScale", "0.0");
        rejects(() -> Conjugate.normalKnownScale(new Normal(0, 1), 1, new double[] {Double.NaN}), "data[0]", "NaN");
    }

    @Test
    void specialFunctionsAndQuadratureCheckTheirDomains() {
        rejects(() -> Special.lgamma(0), "lgamma", "x", "0.0");
        rejects(() -> Special.digamma(-1), "digamma", "x", "-1.0");
        rejects(() -> Special.regularizedGammaP(-1, 1), "incomplete gamma", "a", "-1.0");
        rejects(() -> Special.regularizedGammaQ(1, -1), "incomplete gamma", "x", "-1.0");
        rejects(() -> Special.regularizedBeta(1.5, 1, 1), "incomplete beta", "x", "1.5");
        rejects(() -> Special.regularizedBeta(0.5, 0, 1), "incomplete beta", "a", "0.0");
        rejects(() -> Special.regularizedBeta(0.5, 1, Double.POSITIVE_INFINITY), "incomplete beta", "b", "Infinity");
        rejects(() -> Special.erf(Double.NaN), "erf", "NaN");
        rejects(() -> Special.erfc(Double.NaN), "erfc", "NaN");
        rejects(() -> Special.normalCdf(Double.NaN), "normalCdf", "NaN");
        rejects(() -> Quadrature.gaussHermite(0), "gaussHermite", "n", "0");
        rejects(() -> Quadrature.integrate(x -> x, 1, 0), "a < b", "a=1.0", "b=0.0");
        assertThatThrownBy(() -> Quadrature.integrate(x -> Math.abs(Math.sin(1e3 * x)), 0, 1))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("did not converge");
        assertThatThrownBy(() -> Quadrature.integrate(x -> x < 0.5 ? Double.NaN : 1, 0, 1))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("NaN");
    }
}
