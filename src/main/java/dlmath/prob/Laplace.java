package dlmath.prob;

import java.util.random.RandomGenerator;

/**
 * The Laplace (double exponential) distribution with density exp(-|x - loc| / scale) / (2 scale),
 * as {@code torch.distributions.Laplace(loc, scale)}. Sampling by inversion of the CDF.
 */
public final class Laplace extends LocationScale {

    /**
     * Laplace(loc, scale).
     *
     * @param loc the location (mean and median), finite
     * @param scale the scale b, &gt; 0 and finite (variance 2 b^2)
     */
    public Laplace(double loc, double scale) {
        super("Laplace", loc, scale);
    }

    @Override
    protected double logProbAt(double x) {
        return -Math.abs(standardize(x)) - Math.log(scale) - Math.log(2);   // 2 scale may overflow
    }

    @Override
    protected double cdfAt(double x) {
        double z = standardize(x);
        return z < 0 ? 0.5 * Math.exp(z) : 1 - 0.5 * Math.exp(-z);
    }

    @Override
    protected double draw(RandomGenerator rng) {
        double u = rng.nextDouble();
        for (int tries = 1; u == 0; tries++) {
            if (tries == Params.MAX_REJECTIONS) {
                throw Params.degenerateGenerator("Laplace sampler (inversion)");
            }
            u = rng.nextDouble();
        }
        // F^-1(u) = loc + b ln(2u) for u < 1/2, loc - b ln(2(1-u)) otherwise; u in (0, 1) keeps both finite
        return u < 0.5 ? loc + scale * Math.log(2 * u) : loc - scale * Math.log(2 * (1 - u));
    }

    @Override
    public double mean() {
        return loc;
    }

    @Override
    public double variance() {
        return 2 * scale * scale;
    }

    /** sqrt(2) b (the variance 2 b^2 may over- or underflow). */
    @Override
    public double stddev() {
        return Math.sqrt(2) * scale;
    }

    /** 1 + ln(2 b). */
    @Override
    public double entropy() {
        return 1 + Math.log(2) + Math.log(scale);
    }

    @Override
    double[] kinks() {
        return new double[] {loc};
    }

    @Override
    public String toString() {
        return "Laplace(loc=" + loc + ", scale=" + scale + ")";
    }
}
