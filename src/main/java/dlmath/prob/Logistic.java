package dlmath.prob;

import java.util.random.RandomGenerator;

/**
 * The logistic distribution with CDF 1 / (1 + exp(-(x - loc) / scale)) (in PyTorch a
 * {@code TransformedDistribution} of a uniform by the logit; the parameters keep those names).
 * Sampling by inversion, loc + scale (ln U - ln(1 - U)).
 */
public final class Logistic extends LocationScale {

    /**
     * Logistic(loc, scale).
     *
     * @param loc the location (mean), finite
     * @param scale the scale s, &gt; 0 and finite (variance s^2 pi^2 / 3)
     */
    public Logistic(double loc, double scale) {
        super("Logistic", loc, scale);
    }

    /** ln p(x) = -|z| - 2 ln(1 + e^{-|z|}) - ln s with z = (x - loc) / s (the density is symmetric in z). */
    @Override
    protected double logProbAt(double x) {
        double a = Math.abs(standardize(x));
        return -a - 2 * Math.log1p(Math.exp(-a)) - Math.log(scale);
    }

    @Override
    protected double cdfAt(double x) {
        return 1 / (1 + Math.exp(-standardize(x)));
    }

    @Override
    protected double draw(RandomGenerator rng) {
        double u = rng.nextDouble();
        for (int tries = 1; u == 0; tries++) {
            if (tries == Params.MAX_REJECTIONS) {
                throw Params.degenerateGenerator("Logistic sampler (inversion)");
            }
            u = rng.nextDouble();
        }
        return loc + scale * (Math.log(u) - Math.log1p(-u));
    }

    @Override
    public double mean() {
        return loc;
    }

    @Override
    public double variance() {
        return scale * scale * Math.PI * Math.PI / 3;
    }

    /** s pi / sqrt(3) (the variance s^2 pi^2 / 3 may over- or underflow). */
    @Override
    public double stddev() {
        return scale * (Math.PI / Math.sqrt(3));
    }

    /** ln(s) + 2. */
    @Override
    public double entropy() {
        return Math.log(scale) + 2;
    }

    @Override
    public String toString() {
        return "Logistic(loc=" + loc + ", scale=" + scale + ")";
    }
}
