package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * The special functions against independent oracles: commons-math3 (Lanczos log-gamma, its own
 * series and continued fractions) on grids through every branch, and closed forms where the
 * parameters are too large for commons-math3.
 *
 * <p>Tolerances: commons-math3 stops its series and fractions at 1e-14 relative and evaluates the
 * prefactor {@code exp(a ln x - x - ln Gamma(a))} with an absolute error of about
 * {@code (a |ln x| + x + |ln Gamma(a)|) u} in the exponent; our own claims are a few ulps (log-gamma)
 * and 1e-15 relative (the incomplete functions). So with arguments up to 500 the two agree to
 * {@code 1e-11} relative plus {@code 1e-14} absolute (for the values computed as 1 - P); at
 * {@code a = 2e5} the exponent's rounding, about {@code 3e6 u = 7e-10}, dominates, and the bound is
 * {@code 1e-8} relative.
 */
class SpecialFunctionsTest {

    static void close(String what, double actual, double expected, double rel, double abs) {
        assertThat(Math.abs(actual - expected)).as("%s: %s vs oracle %s", what, actual, expected)
                .isLessThanOrEqualTo(rel * Math.abs(expected) + abs);
    }

    @Test
    void logGammaAndDigammaAgreeWithCommonsMath() {
        for (double x : new double[] {1e-300, 1e-5, 0.1, 0.5, 1, 1.5, 2, 3.7, 9.99, 10, 10.01, 25.3, 171.5, 1e4, 1e10}) {
            close("lgamma(" + x + ")", Special.lgamma(x), Gamma.logGamma(x), 1e-13, 1e-13);
        }
        // digamma against closed forms (commons-math3's digamma is 3e-9 off at x = 0.01): Gauss's values at
        // 1/4, 1/3, 1/2, 3/4 (DLMF 5.4.13-5.4.15), psi(n + 1) = -gamma + H_n and psi(n + 1/2) = -gamma - 2 ln 2
        // + sum_k 2 / (2k - 1) (DLMF 5.4.14-5.4.15), summed here; psi(x) = -1/x - gamma + zeta(2) x + O(x^2) at 1e-6
        double g = Special.EULER;
        close("psi(1/4)", Special.digamma(0.25), -g - Math.PI / 2 - 3 * Math.log(2), 1e-14, 1e-14);
        close("psi(3/4)", Special.digamma(0.75), -g + Math.PI / 2 - 3 * Math.log(2), 1e-14, 1e-14);
        close("psi(1/3)", Special.digamma(1.0 / 3), -g - Math.PI / (2 * Math.sqrt(3)) - 1.5 * Math.log(3), 1e-14, 1e-14);
        close("psi(1e-6)", Special.digamma(1e-6), -1e6 - g + Math.PI * Math.PI / 6 * 1e-6, 1e-15, 0);
        for (int n : new int[] {0, 1, 4, 9, 11, 99, 1000}) {
            double h = 0;
            double odd = 0;
            for (int k = 1; k <= n; k++) {
                h += 1.0 / k;
                odd += 2.0 / (2 * k - 1);
            }
            close("psi(" + (n + 1) + ")", Special.digamma(n + 1), -g + h, 1e-14, 1e-14);
            close("psi(" + (n + 0.5) + ")", Special.digamma(n + 0.5), -g - 2 * Math.log(2) + odd, 1e-14, 1e-14);
        }
        close("digamma(1) = -gamma", Special.digamma(1), -Special.EULER, 0, 1e-15);
    }

    @Test
    void logBetaAgreesWithCommonsMath() {
        double[][] ab = {{0.5, 0.5}, {1, 1}, {2.5, 7}, {30, 0.1}, {1e3, 2e3}, {12, 1e7}, {1e7, 3}, {2e6, 3e6}};
        for (double[] p : ab) {
            close("logBeta" + java.util.Arrays.toString(p), Special.logBeta(p[0], p[1]), Beta.logBeta(p[0], p[1]),
                    1e-11, 1e-13);
        }
    }

    @Test
    void incompleteGammaAgreesWithCommonsMathOnBothSidesOfXEqualsAPlusOne() {
        for (double a : new double[] {0.1, 0.5, 1, 3, 10, 50, 200}) {
            for (double x : new double[] {0.01, 0.5 * a, a, a + 1, 2 * a + 3, a + 10 * Math.sqrt(a) + 5}) {
                String at = "(" + a + ", " + x + ")";
                close("P" + at, Special.regularizedGammaP(a, x), Gamma.regularizedGammaP(a, x), 1e-11, 1e-14);
                close("Q" + at, Special.regularizedGammaQ(a, x), Gamma.regularizedGammaQ(a, x), 1e-11, 1e-14);
            }
        }
        assertThat(Special.regularizedGammaP(3, 0)).isZero();
        assertThat(Special.regularizedGammaQ(3, 0)).isEqualTo(1);
        assertThat(Special.regularizedGammaQ(3, Double.POSITIVE_INFINITY)).isZero();
        assertThat(Special.regularizedGammaP(3, Double.POSITIVE_INFINITY)).isEqualTo(1);
    }

    @Test
    void temmeExpansionAgreesWithCommonsMathForALargeShape() {
        double a = 2e5;
        double sd = Math.sqrt(a);
        // k sd from the mean, both sides; the last two are within 1e-3 a of a (the small-eta branch of Temme)
        for (double k : new double[] {-6, -3, -0.5, 2, 5, 0.01, -0.02}) {
            double x = a + k * sd;
            String at = "(" + a + ", " + x + ")";
            close("P" + at, Special.regularizedGammaP(a, x), Gamma.regularizedGammaP(a, x), 1e-8, 1e-300);
            close("Q" + at, Special.regularizedGammaQ(a, x), Gamma.regularizedGammaQ(a, x), 1e-8, 1e-300);
        }
    }

    @Test
    void incompleteBetaAgreesWithCommonsMath() {
        double[] params = {0.5, 1, 2.5, 10, 100};
        for (double a : params) {
            for (double b : params) {
                for (double x : new double[] {0.01, 0.3, 0.5, 0.9, 0.999}) {
                    close("I_" + x + "(" + a + ", " + b + ")", Special.regularizedBeta(x, a, b),
                            Beta.regularizedBeta(x, a, b), 1e-11, 1e-14);
                }
            }
        }
        assertThat(Special.regularizedBeta(0, 2, 3)).isZero();
        assertThat(Special.regularizedBeta(1, 2, 3)).isEqualTo(1);
    }

    @Test
    void incompleteBetaForLargeParametersAgainstClosedForms() {
        // I_x(1, b) = 1 - (1 - x)^b and I_x(2, b) = 1 - (1 - x)^b (1 + b x) (the negative binomial sum),
        // with b = 1e7: the gamma-limit branch; the mirror I_x(b, 2) = (1 - y)^b (1 + b y), y = 1 - x
        double b = 1e7;
        for (double x : new double[] {1e-8, 1e-7, 3e-7, 1e-6}) {
            double pow = Math.exp(b * Math.log1p(-x));
            close("I_x(1, 1e7)", Special.regularizedBeta(x, 1, b), -Math.expm1(b * Math.log1p(-x)), 1e-12, 0);
            close("I_x(2, 1e7)", Special.regularizedBeta(x, 2, b), 1 - pow * (1 + b * x), 1e-11, 1e-16);
            double xm = 1 - x;
            double y = 1 - xm;                                   // exact (Sterbenz)
            double powY = Math.exp(b * Math.log1p(-y));
            close("I_x(1e7, 2)", Special.regularizedBeta(xm, b, 2), powY * (1 + b * y), 1e-11, 1e-300);
        }
        // the Stirling-form prefactor (min >= 10, max >= 1e6): against commons-math3, whose prefactor
        // a ln x + b ln(1 - x) - ln B(a, b) cancels terms of size 1e6 (error about 1e6 u); symmetric case exact
        double a = 1e6;
        double b2 = 2e6;
        double mean = a / (a + b2);
        double sd = Math.sqrt(a * b2 / ((a + b2) * (a + b2) * (a + b2 + 1)));
        for (double k : new double[] {-4, -1, 0.5, 3}) {
            double x = mean + k * sd;
            close("I_x(1e6, 2e6) at " + k + " sd", Special.regularizedBeta(x, a, b2), Beta.regularizedBeta(x, a, b2),
                    1e-8, 1e-300);
        }
        close("I_1/2(1e6, 1e6)", Special.regularizedBeta(0.5, 1e6, 1e6), 0.5, 1e-12, 0);
        // the normal limit, min(a, b) >= 1e17: symmetric, exactly 1/2 at the mean; far tails 0 and 1
        assertThat(Special.regularizedBeta(0.5, 1e17, 1e17)).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-16));
        assertThat(Special.regularizedBeta(0.4, 1e17, 1e17)).isZero();
        assertThat(Special.regularizedBeta(0.6, 1e17, 1e17)).isEqualTo(1);
    }

    @Test
    void errorFunctionsAgreeWithCommonsMath() {
        for (double x : new double[] {-5, -1, -0.3, 0, 1e-10, 0.3, 1, 2.5, 5, 10, 26}) {
            close("erf(" + x + ")", Special.erf(x), Erf.erf(x), 1e-12, 1e-16);
            close("erfc(" + x + ")", Special.erfc(x), Erf.erfc(x), 1e-12, 1e-300);
            close("Phi(" + x + ")", Special.normalCdf(x), 0.5 * Erf.erfc(-x / Math.sqrt(2)), 1e-12, 1e-300);
        }
    }

    /**
     * erf on |x| < 1/2, where x^2 underflows (|x| < 1e-154; P(1/2, x^2) gave 0) or P(1/2, x^2) lost
     * relative accuracy (3.4e-15 at x = 1e-8): against the Maclaurin series (DLMF 7.6.1) to 30 terms in
     * 40-digit BigDecimal (the omitted tail is below 4^-30 / 30! < 1e-50 relative). Tolerance 13u
     * relative, from the double series' error (standard model, Higham ch. 3): |term_n| <= 4^-n |x| /
     * (n! (2n + 1)) (0.083, 0.0063, 3.3e-4, ... times |x|) and every partial sum is at most |x| (an
     * alternating series of decreasing terms); each term carries at most 3n + 1 roundings, in all
     * sum (3n + 1) |term_n| u <= 0.38 u |x|; an addition errs by at most min(u |S_n|, |term_n|): u |x|
     * for the 10 terms above 1e-16 |x| and 0.35 u |x| for the rest together; so the sum is off by at
     * most 10.73 u |x|, the result by 2/sqrt(pi) times that plus the constant's and the product's
     * roundings (u |result|), against |result| >= 1.04 |x| (erf(x) / x at x = 1/2): 12.6 u. Subnormal
     * results: plus 2^-1074.
     */
    @Test
    void erfNearZeroIsItsMaclaurinSeries() {
        java.math.MathContext mc = new java.math.MathContext(40);
        java.math.BigDecimal c = java.math.BigDecimal.valueOf(2)
                .divide(new java.math.BigDecimal("3.141592653589793238462643383279502884197").sqrt(mc), mc);
        for (double x : new double[] {1e-300, -1e-200, 1e-160, 1e-100, 0x1p-28, -0x1.fffffffffffffp-28, 0x1p-27, 1e-8,
                1e-4, -0.01, 0.1, 0.3, 0.4999999999999999, -0.49, Double.MIN_VALUE, 1e-310, -3e-320}) {
            java.math.BigDecimal b = new java.math.BigDecimal(x);
            java.math.BigDecimal x2 = b.multiply(b, mc);
            java.math.BigDecimal t = b;
            java.math.BigDecimal sum = b;
            for (int n = 1; n <= 30; n++) {
                t = t.multiply(x2, mc).divide(java.math.BigDecimal.valueOf(n), mc).negate();
                sum = sum.add(t.divide(java.math.BigDecimal.valueOf(2 * n + 1), mc), mc);
            }
            java.math.BigDecimal series = c.multiply(sum, mc);
            double want = series.doubleValue();
            double tol = 13 * 0x1p-53 * Math.abs(want) + Double.MIN_VALUE;
            assertThat(Special.erf(x)).as("erf(%s) vs %s", x, series.round(new java.math.MathContext(17)))
                    .isCloseTo(want, org.assertj.core.api.Assertions.within(tol));
        }
        assertThat(Double.doubleToRawLongBits(Special.erf(-0.0))).as("erf(-0) = -0 (odd)")
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }
}
