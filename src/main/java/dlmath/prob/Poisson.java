package dlmath.prob;

/**
 * The Poisson distribution with mass rate^k e^{-rate} / k!, as {@code torch.distributions.Poisson(rate)}.
 * CDF by P(X &lt;= k) = Q(k + 1, rate) (DLMF 8.4.10); entropy by summing the series up to
 * {@link #summationHigh()}.
 */
public final class Poisson extends DiscreteDistribution {

    private final double rate;

    /**
     * Poisson(rate).
     *
     * @param rate the mean, &gt; 0 and finite
     */
    public Poisson(double rate) {
        this.rate = Params.positive("Poisson", "rate", rate);
        if (rate > 1e12) {
            throw Params.fail("Poisson", "rate", "be at most 1e12 (the support is summed term by term)", rate);
        }
    }

    /** @return the rate (mean) */
    public double rate() {
        return rate;
    }

    @Override
    public long low() {
        return 0;
    }

    @Override
    public long high() {
        return Long.MAX_VALUE;
    }

    /** 0 up to rate 1e6; beyond it the lower end of the Bernstein window (the mass below it is under 1e-300). */
    @Override
    public long summationLow() {
        return rate > 1e6 ? bernsteinWindow()[0] : 0;
    }

    /**
     * The entropy; for {@code rate >= 1e6} by its asymptotic expansion (Evans &amp; Boersma 1988)
     * {@code ln(2 pi e rate)/2 - 1/(12 rate) - 1/(24 rate^2) - 19/(360 rate^3)}, error
     * {@code O(rate^-4)}, below 1e-24 there; otherwise the sum over the support.
     */
    @Override
    public double entropy() {
        if (rate >= 1e6) {
            double inv = 1 / rate;
            return 0.5 * Math.log(2 * Math.PI * Math.E * rate) - inv / 12 - inv * inv / 24 - 19 * inv * inv * inv / 360;
        }
        return super.entropy();
    }

    /**
     * rate + 40 sqrt(rate) + 40: by the Chernoff bound P(X &gt;= k) &lt;= e^{-rate} (e rate / k)^k
     * (Mitzenmacher &amp; Upfal, Probability and Computing, Thm 5.4) the mass beyond it is below e^{-270} (the worst case is near rate = 1).
     */
    @Override
    public long summationHigh() {
        return (long) Math.ceil(rate + 40 * Math.sqrt(rate) + 40);
    }

    @Override
    protected double logMass(long k) {
        if (rate >= Special.LARGE && k >= 10) {
            // k ln rate - rate - ln k! in Stirling's form, -rate g((k - rate)/rate) - ln(2 pi k)/2 - omega(k) with
            // g(d) = (1+d) ln(1+d) - d: the direct form subtracts terms of size k ln k and loses k ln k * u
            return -rate * Special.poissonRate((k - rate) / rate) - 0.5 * Math.log(k) - Special.LN_SQRT_2PI
                    - Special.stirling(k);
        }
        return k * Math.log(rate) - rate - Special.lgamma(k + 1.0);
    }

    @Override
    protected double cdfAtInteger(long k) {
        return Special.regularizedGammaQ(k + 1.0, rate);
    }

    @Override
    public double mean() {
        return rate;
    }

    @Override
    public double variance() {
        return rate;
    }

    @Override
    public String toString() {
        return "Poisson(rate=" + rate + ")";
    }
}
