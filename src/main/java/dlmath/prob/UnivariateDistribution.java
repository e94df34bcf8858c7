package dlmath.prob;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A distribution on the real line: a density (continuous) or a mass function on the integers
 * (discrete). Follows PyTorch's {@code torch.distributions}: {@code logProb} is the log density
 * or log mass, entropy is in nats.
 *
 * <p>Outside the support (and at non-integers for a discrete distribution) the density or
 * mass is 0, so {@code logProb} is {@code -infinity}; a NaN argument is rejected.
 */
public abstract class UnivariateDistribution implements Distribution {

    /** The distribution's name and parameters, for messages. */
    @Override
    public abstract String toString();

    /**
     * The log density (continuous) or log mass (discrete) at {@code x}.
     *
     * @param x a point, not NaN
     * @return log p(x), -infinity outside the support
     */
    public final double logProb(double x) {
        Params.notNaN(getClass().getSimpleName() + ".logProb", "x", x);
        return logProbAt(x);
    }

    /** The log density or mass at a non-NaN point. */
    protected abstract double logProbAt(double x);

    /**
     * The density or mass at {@code x}, {@code exp(logProb(x))}.
     *
     * @param x a point, not NaN
     * @return p(x)
     */
    public final double prob(double x) {
        return Math.exp(logProb(x));
    }

    /**
     * The cumulative distribution function P(X &lt;= x).
     *
     * @param x a point, not NaN (infinities allowed)
     * @return F(x) in [0, 1]
     */
    public final double cdf(double x) {
        Params.notNaN(getClass().getSimpleName() + ".cdf", "x", x);
        return cdfAt(x);
    }

    /** The CDF at a non-NaN point. */
    protected abstract double cdfAt(double x);

    /**
     * One sample, drawn with randomness from {@code rng} only.
     *
     * @param rng the source of randomness
     * @return a sample
     */
    public final double sample(RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        return draw(rng);
    }

    /**
     * {@code n} independent samples.
     *
     * @param rng the source of randomness
     * @param n how many, &gt;= 0
     * @return the samples in the order drawn
     */
    public final double[] sample(RandomGenerator rng, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(this + ".sample: n must be >= 0, was " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = sample(rng);
        }
        return out;
    }

    /** One sample from a non-null generator. */
    protected abstract double draw(RandomGenerator rng);

    /**
     * The mean E[X].
     *
     * @return the mean
     */
    public abstract double mean();

    /**
     * The variance Var[X].
     *
     * @return the variance
     */
    public abstract double variance();

    /**
     * The standard deviation, the square root of the variance. Families whose variance can leave the
     * double range while the standard deviation stays inside it (Normal(0, 1e200): variance 1e400,
     * standard deviation 1e200; Normal(0, 1e-160): a subnormal variance) override this with the closed
     * form in their parameters.
     *
     * @return the standard deviation
     */
    public double stddev() {
        return Math.sqrt(variance());
    }

    /**
     * Whether this is a distribution on the integers (with a mass function).
     *
     * @return true for a discrete distribution
     */
    public abstract boolean isDiscrete();

    /**
     * The infimum of the support.
     *
     * @return the lower end of the support (possibly -infinity)
     */
    public abstract double supportLow();

    /**
     * The supremum of the support.
     *
     * @return the upper end of the support (possibly +infinity)
     */
    public abstract double supportHigh();

    /** Points inside the support where the density is not smooth (for quadrature); none by default. */
    double[] kinks() {
        return new double[0];
    }
}
