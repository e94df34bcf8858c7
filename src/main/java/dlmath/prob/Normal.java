package dlmath.prob;

import java.util.random.RandomGenerator;

/**
 * The normal distribution N(loc, scale^2), as {@code torch.distributions.Normal(loc, scale)}.
 * Sampling by Marsaglia's polar method (Marsaglia &amp; Bray, SIAM Review 6, 1964), one value
 * per accepted pair (the second is discarded, so no state is kept between calls).
 */
public final class Normal extends LocationScale {

    /**
     * N(loc, scale^2).
     *
     * @param loc the mean, finite
     * @param scale the standard deviation, &gt; 0 and finite
     */
    public Normal(double loc, double scale) {
        super("Normal", loc, scale);
    }

    @Override
    protected double logProbAt(double x) {
        double z = standardize(x);
        return -0.5 * z * z - Math.log(scale) - Special.LN_SQRT_2PI;
    }

    @Override
    protected double cdfAt(double x) {
        return Special.normalCdf(standardize(x));
    }

    /** A standard normal variate by the polar method. */
    static double standard(RandomGenerator rng) {
        for (int tries = 0; tries < Params.MAX_REJECTIONS; tries++) {
            double u = 2 * rng.nextDouble() - 1;
            double v = 2 * rng.nextDouble() - 1;
            double s = u * u + v * v;
            if (s < 1 && s > 0) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
        throw Params.degenerateGenerator("Normal sampler (polar method)");
    }

    @Override
    protected double draw(RandomGenerator rng) {
        return reparameterize(standard(rng));
    }

    /**
     * The reparameterization z = loc + scale * eps (Kingma &amp; Welling 2014): a sample of this
     * distribution as a differentiable function of the parameters and standard normal noise.
     *
     * @param eps a standard normal value
     * @return loc + scale * eps
     */
    public double reparameterize(double eps) {
        Params.notNaN("Normal.reparameterize", "eps", eps);
        return loc + scale * eps;
    }

    /**
     * The score with respect to the mean, d/d loc log p(z) = (z - loc) / scale^2.
     *
     * @param z a point
     * @return the derivative of the log density in loc
     */
    public double scoreLoc(double z) {
        Params.notNaN("Normal.scoreLoc", "z", z);
        return standardize(z) / scale;   // (z - loc) / scale^2, without scale^2 underflowing to 0
    }

    @Override
    public double mean() {
        return loc;
    }

    @Override
    public double variance() {
        return scale * scale;
    }

    /** sigma itself (exact; the variance sigma^2 may over- or underflow). */
    @Override
    public double stddev() {
        return scale;
    }

    /** 1/2 ln(2 pi e scale^2). */
    @Override
    public double entropy() {
        return 0.5 + Special.LN_SQRT_2PI + Math.log(scale);
    }

    @Override
    public String toString() {
        return "Normal(loc=" + loc + ", scale=" + scale + ")";
    }
}
