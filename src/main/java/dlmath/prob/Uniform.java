package dlmath.prob;

import java.util.random.RandomGenerator;

/**
 * The continuous uniform distribution on [low, high), as {@code torch.distributions.Uniform}
 * (the density is 1 / (high - low) for low &lt;= x &lt; high, so logProb(high) = -infinity).
 */
public final class Uniform extends UnivariateDistribution {

    private final double low;
    private final double high;

    /**
     * Uniform on [low, high).
     *
     * @param low the lower end, finite
     * @param high the upper end, finite, &gt; low
     */
    public Uniform(double low, double high) {
        this.low = Params.finite("Uniform", "low", low);
        this.high = Params.finite("Uniform", "high", high);
        if (!(high > low) || !Double.isFinite(high - low)) {
            throw new IllegalArgumentException("Uniform: need low < high with a finite width, was low=" + low
                    + ", high=" + high);
        }
    }

    /** @return the lower end */
    public double low() {
        return low;
    }

    /** @return the upper end */
    public double high() {
        return high;
    }

    @Override
    protected double logProbAt(double x) {
        return x >= low && x < high ? -Math.log(high - low) : Double.NEGATIVE_INFINITY;
    }

    @Override
    protected double cdfAt(double x) {
        return Math.max(0, Math.min(1, (x - low) / (high - low)));
    }

    @Override
    protected double draw(RandomGenerator rng) {
        return low + (high - low) * rng.nextDouble();
    }

    @Override
    public double mean() {
        return low + (high - low) / 2;
    }

    @Override
    public double variance() {
        double w = high - low;
        return w * w / 12;
    }

    /** (high - low) / sqrt(12) (the width is finite; the variance w^2 / 12 may overflow). */
    @Override
    public double stddev() {
        return (high - low) / Math.sqrt(12);
    }

    /** ln(high - low). */
    @Override
    public double entropy() {
        return Math.log(high - low);
    }

    @Override
    public boolean isDiscrete() {
        return false;
    }

    @Override
    public double supportLow() {
        return low;
    }

    @Override
    public double supportHigh() {
        return high;
    }

    @Override
    public String toString() {
        return "Uniform(low=" + low + ", high=" + high + ")";
    }
}
