package dlmath.prob;

import java.util.random.RandomGenerator;

/**
 * The gamma distribution with density rate^a x^{a-1} e^{-rate x} / Gamma(a) on x &gt;= 0
 * (a = concentration), as {@code torch.distributions.Gamma(concentration, rate)}.
 *
 * <p>Sampling by Marsaglia &amp; Tsang, "A simple method for generating gamma variables",
 * ACM TOMS 26 (2000): for a &gt;= 1 rejection of d (1 + c Z)^3, d = a - 1/3, c = 1 / sqrt(9 d),
 * Z standard normal; for a &lt; 1 their boost Gamma(a) = Gamma(a + 1) U^{1/a} (Sec. 6 of the
 * paper). The standard variate is kept in log space ({@link #logStandard}) so that Beta and
 * Dirichlet samples built from it do not underflow for small concentrations.
 */
public final class Gamma extends UnivariateDistribution {

    private final double concentration;
    private final double rate;
    private final double logNormalizer;

    /**
     * Gamma(concentration, rate).
     *
     * @param concentration the shape a, &gt; 0 and finite
     * @param rate the rate, &gt; 0 and finite (mean a / rate)
     */
    public Gamma(double concentration, double rate) {
        this.concentration = Params.positive("Gamma", "concentration", concentration);
        this.rate = Params.positive("Gamma", "rate", rate);
        this.logNormalizer = concentration * Math.log(rate) - Special.lgamma(concentration);
    }

    /** @return the shape a */
    public double concentration() {
        return concentration;
    }

    /** @return the rate */
    public double rate() {
        return rate;
    }

    @Override
    protected double logProbAt(double x) {
        if (x < 0 || x == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (x == 0 && concentration != 1) {   // the density at 0: 0 for a > 1, +infinity for a < 1
            return concentration > 1 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (x > 0 && concentration >= Special.LARGE) {
            // log f = a ln y - y - ln Gamma(a) - ln x + ln... with y = rate x, in Stirling's form:
            // -a phi(y/a - 1) + ln(a)/2 - ln sqrt(2 pi) - omega(a) - ln x, no term larger than the result
            // (below LARGE the direct form is finite: |a ln rate| < 1e6 * 745 and ln Gamma(a) < 745 + 1.4e7)
            double d = relativeOffset(x);
            if (d == Double.POSITIVE_INFINITY) {
                return Double.NEGATIVE_INFINITY;   // rate x / a beyond the double range: log f ~ -rate x overflows
            }
            double core;
            if (d >= -0.5) {
                core = -concentration * Special.phi(d);
            } else {
                // lambda = rate x / a < 1/2: -a phi = a (1 + ln lambda - lambda) <= -0.19 a, no cancellation, with
                // ln lambda from the logs (d itself is off by an ulp of 1, which is all of lambda below 2^-53)
                double lnLambda = Math.log(x) + Math.log(rate) - Math.log(concentration);
                core = concentration * (1 + lnLambda - Math.exp(lnLambda));
            }
            return core + 0.5 * Math.log(concentration) - Special.LN_SQRT_2PI - Special.stirling(concentration)
                    - Math.log(x);
        }
        return logNormalizer + Special.xlogy(concentration - 1, x) - rate * x;
    }

    @Override
    protected double cdfAt(double x) {
        if (x > 0 && concentration >= Special.TEMME && x < Double.POSITIVE_INFINITY) {
            double d = relativeOffset(x);
            return d == Double.POSITIVE_INFINITY ? 1 : !(d > -1) ? 0 : Special.temmeAt(concentration, d, false);
        }
        return x <= 0 ? 0 : Special.regularizedGammaP(concentration, rate * x);   // rate x = +inf gives 1
    }

    /**
     * {@code rate x / a - 1}, with one rounding where {@code rate x} is in range ({@code fma}):
     * for a huge shape the standard deviation of {@code rate X / a} is {@code a^-1/2}, far below
     * an ulp, so rounding {@code rate x} first would move x by many standard deviations.
     */
    private double relativeOffset(double x) {
        double y = rate * x;
        if (y < Double.POSITIVE_INFINITY && y > Double.MIN_NORMAL * 0x1.0p60) {
            return Math.fma(x, rate, -concentration) / concentration;
        }
        // rate x out of range: below 2^-962 the result is -1 (then only ln(rate x / a) is used); beyond the
        // range, x / a does not underflow (x rate > MAX, a <= MAX), so the two roundings leave rate x / a finite
        // exactly when it is below MAX
        return x / concentration * rate - 1;
    }

    /**
     * ln of a Gamma(a, 1) variate (Marsaglia &amp; Tsang 2000).
     *
     * @param a the shape, &gt; 0
     * @param rng the source of randomness
     * @return the log of the sample
     */
    static double logStandard(double a, RandomGenerator rng) {
        if (a < 1) {
            // Gamma(a) = Gamma(a+1) U^(1/a); 1 - nextDouble() is in (0, 1], so the log is finite
            return logStandard(a + 1, rng) + Math.log(1 - rng.nextDouble()) / a;
        }
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        for (int tries = 0; tries < Params.MAX_REJECTIONS; tries++) {
            double x = Normal.standard(rng);
            double t = 1 + c * x;
            if (t <= 0) {
                continue;
            }
            double v = t * t * t;
            // accept d v with probability exp(x^2/2 + d - d v + d ln v) (the paper's exact test; its
            // squeeze u < 1 - 0.0331 x^4 only saves a logarithm and is left out)
            if (Math.log(rng.nextDouble()) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return Math.log(d) + 3 * Math.log(t);
            }
        }
        throw Params.degenerateGenerator("Gamma sampler (Marsaglia-Tsang)");
    }

    @Override
    protected double draw(RandomGenerator rng) {
        return Math.exp(logStandard(concentration, rng)) / rate;
    }

    @Override
    public double mean() {
        return concentration / rate;
    }

    @Override
    public double variance() {
        return concentration / rate / rate;
    }

    /** sqrt(a) / rate (the variance a / rate^2 may over- or underflow). */
    @Override
    public double stddev() {
        return Math.sqrt(concentration) / rate;
    }

    /** a - ln(rate) + ln Gamma(a) + (1 - a) psi(a). */
    @Override
    public double entropy() {
        if (concentration >= 1e8) {
            // Stirling: ln Gamma(a) + (1 - a) psi(a) + a = ln(a)/2 + ln sqrt(2 pi) + 1/2 - 1/(3a) + O(a^-2),
            // the O(a^-2) term below 1e-16 here (the entropy of the normal approximation plus its first correction)
            return 0.5 * Math.log(concentration) + Special.LN_SQRT_2PI + 0.5 - 1 / (3 * concentration) - Math.log(rate);
        }
        return concentration - Math.log(rate) + Special.lgamma(concentration)
                + (1 - concentration) * Special.digamma(concentration);
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
        return "Gamma(concentration=" + concentration + ", rate=" + rate + ")";
    }
}
