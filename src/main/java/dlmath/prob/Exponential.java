package dlmath.prob;

import java.util.random.RandomGenerator;

/**
 * The exponential distribution with density rate * exp(-rate x) on x &gt;= 0, as
 * {@code torch.distributions.Exponential(rate)}. Sampling by inversion, -ln(1 - U) / rate.
 */
public final class Exponential extends UnivariateDistribution {

    private final double rate;

    /**
     * Exponential(rate).
     *
     * @param rate the rate, &gt; 0 and finite (mean 1 / rate)
     */
    public Exponential(double rate) {
        this.rate = Params.positive("Exponential", "rate", rate);
    }

    /** @return the rate */
    public double rate() {
        return rate;
    }

    @Override
    protected double logProbAt(double x) {
        return x < 0 ? Double.NEGATIVE_INFINITY : Math.log(rate) - rate * x;
    }

    @Override
    protected double cdfAt(double x) {
        return x <= 0 ? 0 : -Math.expm1(-rate * x);
    }

    @Override
    protected double draw(RandomGenerator rng) {
        return -Math.log1p(-rng.nextDouble()) / rate;
    }

    @Override
    public double mean() {
        return 1 / rate;
    }

    @Override
    public double variance() {
        return 1 / rate / rate;
    }

    /** 1 / rate (the variance 1 / rate^2 may over- or underflow). */
    @Override
    public double stddev() {
        return 1 / rate;
    }

    /** 1 - ln(rate). */
    @Override
    public double entropy() {
        return 1 - Math.log(rate);
    }

    @Override
    public boolean isDiscrete() {
        return false;
    }

    @Override
    public double supportLow() {
        return 0;
    }

    @Override
    public double supportHigh() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return "Exponential(rate=" + rate + ")";
    }
}
