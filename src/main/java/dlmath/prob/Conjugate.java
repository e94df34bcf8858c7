package dlmath.prob;

import dlmath.tensor.Checks;

/**
 * Conjugate Bayesian updates in closed form (Gelman et al., Bayesian Data Analysis, 3rd ed.,
 * Sec. 2.4 for the beta-binomial model and Sec. 2.5 for the normal mean with known variance;
 * Bishop, Pattern Recognition and Machine Learning, Sec. 2.1.1 and 2.3.6).
 */
public final class Conjugate {

    private Conjugate() {
    }

    /**
     * The posterior of a Bernoulli success probability theta under the prior Beta(a, b) after
     * observing {@code successes} ones and {@code failures} zeros: Beta(a + successes, b + failures).
     *
     * @param prior the prior Beta(a, b)
     * @param successes the number of ones, &gt;= 0
     * @param failures the number of zeros, &gt;= 0
     * @return the posterior
     */
    public static Beta betaBernoulli(Beta prior, int successes, int failures) {
        Checks.notNull(prior, "prior");
        if (successes < 0 || failures < 0) {
            throw new IllegalArgumentException("Conjugate.betaBernoulli: successes and failures must be >= 0, was "
                    + successes + " and " + failures);
        }
        return new Beta(prior.concentration1() + successes, prior.concentration0() + failures);
    }

    /**
     * The posterior of the mean mu of N(mu, noiseScale^2) data under the prior N(m0, s0^2):
     * N(m_n, s_n^2) with precision 1/s_n^2 = 1/s0^2 + n/noiseScale^2 and
     * m_n = s_n^2 (m0/s0^2 + sum_i x_i / noiseScale^2).
     *
     * @param prior the prior N(m0, s0^2) of the mean
     * @param noiseScale the known standard deviation of the data, &gt; 0 and finite
     * @param data the observations (finite; may be empty, which returns the prior)
     * @return the posterior of the mean
     */
    public static Normal normalKnownScale(Normal prior, double noiseScale, double[] data) {
        Checks.notNull(prior, "prior");
        Checks.notNull(data, "data");
        Params.positive("Conjugate.normalKnownScale", "noiseScale", noiseScale);
        double sum = 0;
        for (int i = 0; i < data.length; i++) {
            sum += Params.finite("Conjugate.normalKnownScale", "data[" + i + "]", data[i]);
        }
        double priorPrecision = 1 / prior.variance();
        double noisePrecision = 1 / (noiseScale * noiseScale);
        double precision = priorPrecision + data.length * noisePrecision;
        double mean = (prior.loc() * priorPrecision + sum * noisePrecision) / precision;
        return new Normal(mean, 1 / Math.sqrt(precision));
    }
}
