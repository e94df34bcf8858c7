package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Gamma at the branches its theorems rarely reach: the density at 0 for a below, at and above 1;
 * shapes from the switch-over {@code Special.LARGE = 1e6} to 1e300, near the mean (where {@code rate x}
 * must not be rounded before subtracting a) and far below it (rate x / a down to 1e-600); the CDF at the
 * ends; and the sampler, pinned to the published algorithm.
 *
 * <p>Oracles: Stirling's series for ln Gamma (DLMF 5.11.1, remainder below 1/(1260 a^5)); the normal limit
 * of Gamma(a) with the standardized point computed exactly in BigDecimal (the next term of the
 * Edgeworth expansion is {@code |z|^3 / (3 sqrt a)}, below 1e-13 at a = 1e30, |z| <= 3); commons-math3's
 * log-gamma (relative error below 1e-15) where the result is of size 1e7 or more; an independent
 * implementation of Marsaglia &amp; Tsang (2000) and of the polar method (Marsaglia &amp; Bray 1964) for
 * the sampler.
 */
class GammaMutationTest {

    static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    static void close(String what, double actual, double expected, double tol) {
        assertThat(Math.abs(actual - expected)).as("%s: %s vs oracle %s (tolerance %s)", what, actual, expected, tol)
                .isLessThanOrEqualTo(tol);
    }

    @Test
    void densityAtZeroAndOutsideTheSupport() {
        // a = 1 is the exponential: f(0) = rate
        assertThat(new Gamma(1, 2).logProb(0)).isEqualTo(Math.log(2));
        assertThat(new Gamma(1, 2).cdf(0)).isEqualTo(0.0);
        assertThat(new Gamma(0.5, 2).logProb(0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new Gamma(2, 3).logProb(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new Gamma(1e7, 1).logProb(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        for (Gamma g : new Gamma[] {new Gamma(1, 2), new Gamma(3, 1), new Gamma(2e6, 5)}) {
            assertThat(g.logProb(-1e-300)).as("%s below 0", g).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(g.logProb(Double.POSITIVE_INFINITY)).as("%s at +inf", g).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(g.cdf(-1)).isEqualTo(0.0);
            assertThat(g.cdf(0)).isEqualTo(0.0);
            assertThat(g.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        }
        assertThat(new Gamma(3, 2).toString()).isEqualTo("Gamma(concentration=3.0, rate=2.0)");
    }

    /**
     * At x = a / rate (exactly) the log density is exactly {@code 0.5 ln a - ln sqrt(2 pi) - omega(a) - ln x} with
     * {@code omega(a) = 1/(12 a) - 1/(360 a^3) + ...} (Stirling). Terms below 700 in magnitude, a few roundings
     * each: 1e-13 relative to the largest.
     */
    @Test
    void largeShapesAtTheMeanAgainstStirling() {
        // rates 1e300 (x = 1) and powers of two, so that x = a / rate is exact: the sd of rate X / a is a^-1/2
        double[][] cases = {{1e6, 2}, {4e6, 0.5}, {1e10, 0x1p-7}, {1e300, 1e300}, {1e300, 0x1p-20}, {1e200, 0x1p100}};
        for (double[] c : cases) {
            double a = c[0];
            double rate = c[1];
            double x = a / rate;
            double omega = 1 / (12 * a) - 1 / (360 * a * a * a);
            double want = 0.5 * Math.log(a) - LN_SQRT_2PI - omega - Math.log(x);
            Gamma g = new Gamma(a, rate);
            close("ln f of Gamma(" + a + ", " + rate + ") at its mean", g.logProb(x), want,
                    1e-13 * Math.max(1, Math.abs(Math.log(x))));
        }
    }

    /**
     * Gamma(1e30, 3) near its mean: the standard deviation of rate X / a is 1e-15, a few ulps, so rate x must
     * not be rounded before a is subtracted. Oracle: the normal limit at z = (rate x - a) / sqrt(a), with
     * z exact (BigDecimal); the Edgeworth correction |z|^3 / (3 sqrt a) and the roundings stay below 1e-13.
     */
    @Test
    void hugeShapeNearTheMeanAgainstTheNormalLimit() {
        double a = 1e30;
        double rate = 3;
        Gamma g = new Gamma(a, rate);
        NormalDistribution std = new NormalDistribution(0, 1);
        double sd = Math.sqrt(a) / rate;
        for (double k : new double[] {-2.7, -1.1, -0.4, 0.3, 0.8, 1.9, 2.6}) {
            double x = a / rate + k * sd;
            BigDecimal exact = new BigDecimal(rate).multiply(new BigDecimal(x)).subtract(new BigDecimal(a));
            double z = exact.doubleValue() / Math.sqrt(a);   // sqrt(a) = 1e15 within an ulp
            double logNormal = -0.5 * z * z - Math.log(sd) - LN_SQRT_2PI;
            close("ln f of Gamma(1e30, 3) at z = " + z, g.logProb(x), logNormal, 1e-13 * Math.abs(Math.log(sd)));
            close("F of Gamma(1e30, 3) at z = " + z, g.cdf(x), std.cumulativeProbability(z), 1e-13);
        }
    }

    /**
     * Far below the mean of a large shape (rate x / a from 1e-3 down to 1e-600, where rate x / a - 1 rounds to
     * -1 and the old code returned -infinity for a finite log density). Oracle: (a - 1) ln x + a ln rate
     * - rate x - ln Gamma(a), with commons-math3's ln Gamma (relative 1e-15) below 1e300 and Stirling's
     * (a - 1/2) ln a - a + ln sqrt(2 pi) beyond; all terms of one sign up to rate x: relative 1e-13.
     */
    @Test
    void largeShapesFarBelowTheMean() {
        double[][] cases = {{1e6, 1, 1e-3}, {1e6, 1, 1e-12}, {1e6, 1, 1e-20}, {3e7, 2, 1e-200}, {1e300, 1, 1e-300}};
        for (double[] c : cases) {
            double a = c[0];
            double rate = c[1];
            double x = c[2] * a / rate;
            double lnGamma = a < 1e100 ? org.apache.commons.math3.special.Gamma.logGamma(a)
                    : (a - 0.5) * Math.log(a) - a + LN_SQRT_2PI;
            double want = (a - 1) * Math.log(x) + a * Math.log(rate) - rate * x - lnGamma;
            double got = new Gamma(a, rate).logProb(x);
            assertThat(got).as("Gamma(%s, %s) at %s", a, rate, x).isFinite();
            close("ln f of Gamma(" + a + ", " + rate + ") at " + x, got, want, 1e-13 * Math.abs(want));
        }
        // beyond the range on the other side: rate x / a overflows, ln f ~ -rate x does too
        assertThat(new Gamma(1e300, 1e300).logProb(1e300)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new Gamma(1e6, 1e300).logProb(1e300)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new Gamma(1e300, 1e-300).cdf(1e-300)).isEqualTo(0.0);
        assertThat(new Gamma(1e6, 1e300).cdf(1e300)).isEqualTo(1.0);
    }

    /** Marsaglia &amp; Tsang (2000), written from the paper: the exact acceptance test, the boost for a &lt; 1. */
    static double referenceLogStandard(double a, RandomGenerator rng) {
        if (a < 1) {
            double boosted = referenceLogStandard(a + 1, rng);
            double u = 1 - rng.nextDouble();
            return boosted + Math.log(u) / a;
        }
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = referenceNormal(rng);
            double t = 1 + c * x;
            if (t <= 0) {
                continue;
            }
            double v = t * t * t;
            double u = rng.nextDouble();
            if (Math.log(u) < x * x / 2 + d - d * v + d * Math.log(v)) {
                return Math.log(d * v);
            }
        }
    }

    /** The polar method (Marsaglia &amp; Bray 1964), first value of the accepted pair. */
    static double referenceNormal(RandomGenerator rng) {
        while (true) {
            double u = 2 * rng.nextDouble() - 1;
            double v = 2 * rng.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }

    /**
     * The sampler is the published algorithm: with the same generator state, the same proposals are accepted,
     * so the variates agree to rounding (log(d v) versus ln d + 3 ln t: a few ulps of the log).
     */
    @Test
    void samplerFollowsMarsagliaTsang() {
        for (double a : new double[] {1e-3, 0.3, 1, 2.5, 50, 1e6}) {
            SplittableRandom mine = new SplittableRandom(42);
            SplittableRandom ref = new SplittableRandom(42);
            Gamma g = new Gamma(a, 2);
            for (int i = 0; i < 300; i++) {
                double want = referenceLogStandard(a, ref);
                // below a = 0.3 the variate itself may underflow (ln X ~ -1000): compare the logs
                double got = a < 0.3 ? Gamma.logStandard(a, mine) : Math.log(2 * g.sample(mine));
                close("ln(2 X), a = " + a + ", draw " + i, got, want, 1e-12 * Math.max(1, Math.abs(want)));
            }
            assertThat(mine.nextLong()).as("same number of draws consumed, a = %s", a).isEqualTo(ref.nextLong());
        }
    }

    /**
     * Where rate x is out of range but rate x / a is not: Gamma(1e30, 1e300) near its mean (x ~ 1e-270, so the
     * check of rate x must use the product, and z is again exact in BigDecimal), and Gamma(1.7e308, 2) at 1e308
     * (rate x overflows, rate x / a = 1.18): ln f = -a phi(lambda - 1) + ln(a)/2 - ln sqrt(2 pi) - ln x, omega(a)
     * below 1e-300, phi(d) = d - ln(1 + d) with lambda = (x / a) rate rounded twice, a relative error of
     * 4u / phi'(d) d ~ 1e-15 in phi: 1e-13 relative.
     */
    @Test
    void rateTimesXOutOfRange() {
        double a = 1e30;
        double rate = 1e300;
        Gamma g = new Gamma(a, rate);
        double sd = Math.sqrt(a) / rate;
        for (double k : new double[] {-1.3, 0.6, 2.2}) {
            double x = a / rate + k * sd;
            double z = new BigDecimal(rate).multiply(new BigDecimal(x)).subtract(new BigDecimal(a)).doubleValue()
                    / Math.sqrt(a);
            double logNormal = -0.5 * z * z - Math.log(sd) - LN_SQRT_2PI;
            close("ln f of Gamma(1e30, 1e300) at z = " + z, g.logProb(x), logNormal, 1e-13 * Math.abs(Math.log(sd)));
        }
        double big = 1.7e308;
        double x = 1e308;
        double lambda = x / big * 2;
        double want = -big * ((lambda - 1) - Math.log(lambda)) + 0.5 * Math.log(big) - LN_SQRT_2PI - Math.log(x);
        double got = new Gamma(big, 2).logProb(x);
        assertThat(got).isFinite();
        close("ln f of Gamma(1.7e308, 2) at 1e308", got, want, 1e-13 * Math.abs(want));
    }

    /**
     * The sampler gives up after exactly MAX_REJECTIONS = 1000 rejected proposals: with a = 1 (d = 2/3,
     * c = 6^-1/2) the polar pair from generator values (0.45, 0.5), u = -0.1, v = 0, gives x = -0.1 sqrt(200 ln 10)
     * = -3.03 and t = 1 + c x &lt; 0, a rejection; the pair (0.75, 0.5) gives x = 1.67, then u = 1/2 is accepted
     * (ln u = -0.69 &lt; x^2/2 + d (1 - v + ln v) = -0.08).
     */
    @Test
    void samplerRefusesAfterExactlyMaxRejections() {
        int n = Params.MAX_REJECTIONS;
        double[] values = new double[2 * n + 3];
        for (int i = 0; i < 2 * n; i += 2) {
            values[i] = 0.45;
            values[i + 1] = 0.5;
        }
        values[2 * n] = 0.75;
        values[2 * n + 1] = 0.5;
        values[2 * n + 2] = 0.5;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Gamma.logStandard(1, new DiscreteDistributionMutationTest.FixedRng(values)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Marsaglia-Tsang");
        double[] fewer = java.util.Arrays.copyOfRange(values, 2, values.length);
        double x = 0.5 * Math.sqrt(-2 * Math.log(0.25) / 0.25);
        double t = 1 + x / Math.sqrt(6);
        close("the 1000th proposal accepted", Gamma.logStandard(1, new DiscreteDistributionMutationTest.FixedRng(fewer)),
                Math.log(2.0 / 3 * t * t * t), 1e-15);
    }

    /**
     * The same far-below-the-mean points pinned against mpmath 1.3.0 at 40 digits
     * ({@code a*log(rate) + (a-1)*log(x) - rate*x - loggamma(a)}), and the switch at rate x / a = 1/2 from both
     * sides: relative 1e-15 (a handful of roundings in terms of one sign).
     */
    @Test
    void farBelowTheMeanAgainstMpmath() {
        double[][] cases = {
            {1e6, 1, 1e-6 * 1e6, -12815505.56914761166},
            {1e6, 1, 1e-12 * 1e6, -26631001.311602327845},
            {1e6, 1, 1e-20 * 1e6, -45051663.634872949321},
            {3e7, 2, 1e-200 * 3e7 / 2, -13785510106.281400832},
            {1e300, 1, 1e-300 * 1e300, -6.8977552789821374147e+302},
            {1e6, 1, 0.3e6, -503979.42704702718683},
            {1e6, 1, 0.5e6, -193154.31410666026962},
        };
        for (double[] c : cases) {
            close("ln f of Gamma(" + c[0] + ", " + c[1] + ") at " + c[2], new Gamma(c[0], c[1]).logProb(c[2]), c[3],
                    1e-15 * Math.abs(c[3]));
        }
    }
}
