package dlmath.prob;

/**
 * Special functions for the distributions: log-gamma, digamma, log-beta, the regularized
 * incomplete gamma and beta functions, erf/erfc and the standard normal CDF.
 *
 * <p>Algorithms and references:
 * <ul>
 *   <li>{@link #lgamma}: Stirling's asymptotic series with the Bernoulli numbers B_2..B_16
 *       (DLMF 5.11.1) for x &gt;= 10, and the recurrence Gamma(x+1) = x Gamma(x) (DLMF 5.5.1)
 *       to shift smaller arguments up. The truncation error of the series at x &gt;= 10 is below
 *       the first omitted term, |B_18| / (18 * 17 * 10^17) &lt; 2e-18. Absolute error a few
 *       ulps of the larger of |lgamma(x)| and lgamma(x + k) (about 1e-14 for x &lt; 10).</li>
 *   <li>{@link #digamma}: the asymptotic series psi(x) ~ ln x - 1/(2x) - sum B_2k / (2k x^2k)
 *       (DLMF 5.11.2) for x &gt;= 10, and psi(x) = psi(x+1) - 1/x (DLMF 5.5.2) below.</li>
 *   <li>{@link #regularizedGammaP}/{@link #regularizedGammaQ}: the power series of gamma(a, x)
 *       (DLMF 8.7.1) for x &lt; a + 1 and Legendre's continued fraction for Gamma(a, x) (DLMF
 *       8.9.2) otherwise, evaluated by the modified Lentz method (Lentz 1976; Thompson &amp;
 *       Barnett 1986), as in Press et al., Numerical Recipes, 3rd ed., Sec. 6.2.</li>
 *   <li>{@link #regularizedBeta}: the continued fraction DLMF 8.17.22 with the symmetry
 *       I_x(a, b) = 1 - I_{1-x}(b, a) (DLMF 8.17.4) for x &gt; (a+1)/(a+b+2), where it converges
 *       fast (Numerical Recipes, 3rd ed., Sec. 6.4), again by modified Lentz.</li>
 *   <li>{@link #erfc}, {@link #normalCdf}: erfc(x) = Q(1/2, x^2) for x &gt;= 0 (DLMF 7.11.2),
 *       so the tails keep their relative accuracy.</li>
 * </ul>
 * Every function rejects arguments outside its domain with an {@link IllegalArgumentException}
 * that names the argument and its value.
 */
public final class Special {

    /** ln(sqrt(2 pi)). */
    static final double LN_SQRT_2PI = 0.91893853320467274178032973640562;
    /** Euler-Mascheroni constant. */
    static final double EULER = 0.57721566490153286060651209008240;
    /** Relative accuracy at which the series and continued fractions stop. */
    private static final double EPS = 1e-16;
    /** Values below this are replaced in Lentz's method to avoid a division by zero. */
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 100_000;

    /** Stirling coefficients B_2k / (2k (2k-1)), k = 1..8. */
    private static final double[] STIRLING = {
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156, -3617.0 / 122400};
    /** Digamma asymptotic coefficients B_2k / (2k), k = 1..8. */
    private static final double[] DIGAMMA = {
        1.0 / 12, -1.0 / 120, 1.0 / 252, -1.0 / 240, 1.0 / 132, -691.0 / 32760, 1.0 / 12, -3617.0 / 8160};
    private static final double ASYMPTOTIC = 10;

    private Special() {
    }

    /**
     * ln Gamma(x) for x &gt; 0.
     *
     * @param x the argument, &gt; 0 (+infinity gives +infinity)
     * @return ln Gamma(x)
     */
    public static double lgamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("lgamma: x must be > 0, was " + x);
        }
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        double shift = 0;
        if (x < ASYMPTOTIC) {
            // Gamma(x) = Gamma(x + k) / (x (x+1) ... (x+k-1)); the product stays below 10! / ... * 10^k
            double prod = 1;
            while (x < ASYMPTOTIC) {
                prod *= x;
                x += 1;
            }
            shift = Math.log(prod);
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = 0;
        for (int k = STIRLING.length - 1; k >= 0; k--) {
            series = series * inv2 + STIRLING[k];
        }
        return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series * inv - shift;
    }

    /**
     * The digamma function psi(x) = d/dx ln Gamma(x), x &gt; 0.
     *
     * @param x the argument, &gt; 0
     * @return psi(x)
     */
    public static double digamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("digamma: x must be > 0, was " + x);
        }
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        double shift = 0;
        while (x < ASYMPTOTIC) {
            shift += 1 / x;
            x += 1;
        }
        double inv2 = 1 / (x * x);
        double series = 0;
        for (int k = DIGAMMA.length - 1; k >= 0; k--) {
            series = series * inv2 + DIGAMMA[k];
        }
        return Math.log(x) - 0.5 / x - series * inv2 - shift;
    }

    /** c ln y with the convention 0 ln y = 0 (also for y = 0), as in scipy's xlogy. */
    static double xlogy(double c, double y) {
        return c == 0 ? 0 : c * Math.log(y);
    }

    /**
     * ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b).
     *
     * @param a &gt; 0
     * @param b &gt; 0
     * @return ln B(a, b)
     */
    public static double logBeta(double a, double b) {
        return lgamma(a) + lgamma(b) - lgamma(a + b);
    }

    /**
     * The regularized lower incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a).
     *
     * @param a the shape, &gt; 0
     * @param x the argument, &gt;= 0 (+infinity gives 1)
     * @return P(a, x) in [0, 1]
     */
    public static double regularizedGammaP(double a, double x) {
        checkGamma(a, x);
        if (x < a + 1) {
            return gammaSeries(a, x);
        }
        return 1 - gammaContinuedFraction(a, x);
    }

    /**
     * The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x).
     *
     * @param a the shape, &gt; 0
     * @param x the argument, &gt;= 0
     * @return Q(a, x) in [0, 1]
     */
    public static double regularizedGammaQ(double a, double x) {
        checkGamma(a, x);
        if (x < a + 1) {
            return 1 - gammaSeries(a, x);
        }
        return gammaContinuedFraction(a, x);
    }

    private static void checkGamma(double a, double x) {
        if (!(a > 0) || a == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("incomplete gamma: a must be > 0 and finite, was " + a);
        }
        if (!(x >= 0)) {
            throw new IllegalArgumentException("incomplete gamma: x must be >= 0, was " + x);
        }
    }

    /** x^a e^-x / Gamma(a), the common prefactor, in log space. */
    private static double gammaPrefactor(double a, double x) {
        return Math.exp(a * Math.log(x) - x - lgamma(a));
    }

    /** P(a, x) by the series e^-x x^a / Gamma(a) sum_n x^n / (a (a+1) ... (a+n)), for x &lt; a + 1. */
    private static double gammaSeries(double a, double x) {
        if (x == 0) {
            return 0;
        }
        double term = 1 / a;
        double sum = term;
        for (int n = 1; n < MAX_ITERATIONS && term > sum * EPS; n++) {
            term *= x / (a + n);
            sum += term;
        }
        return sum * gammaPrefactor(a, x);
    }

    /** Q(a, x) by Legendre's continued fraction, for x &gt;= a + 1. */
    private static double gammaContinuedFraction(double a, double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        // Gamma(a,x) = e^-x x^a / (x+1-a - 1(1-a)/(x+3-a - 2(2-a)/(x+5-a - ...)))
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < TINY ? TINY : d;
            c = b + an / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) <= EPS) {
                break;
            }
        }
        return gammaPrefactor(a, x) * h;
    }

    /**
     * The regularized incomplete beta function I_x(a, b).
     *
     * @param x the argument in [0, 1]
     * @param a &gt; 0
     * @param b &gt; 0
     * @return I_x(a, b) in [0, 1]
     */
    public static double regularizedBeta(double x, double a, double b) {
        if (!(a > 0) || a == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("incomplete beta: a must be > 0 and finite, was " + a);
        }
        if (!(b > 0) || b == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("incomplete beta: b must be > 0 and finite, was " + b);
        }
        if (!(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException("incomplete beta: x must be in [0, 1], was " + x);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        double y = 1 - x;
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - betaContinuedFraction(y, x, b, a);
        }
        return betaContinuedFraction(x, y, a, b);
    }

    /** I_x(a, b) by DLMF 8.17.22, with y = 1 - x passed separately so that ln y stays accurate. */
    private static double betaContinuedFraction(double x, double y, double a, double b) {
        double prefactor = Math.exp(a * Math.log(x) + b * Math.log(y) - logBeta(a, b)) / a;
        // 1 / (1 + d1 / (1 + d2 / (1 + ...))), d_{2m+1} = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)),
        // d_{2m} = m(b-m)x / ((a+2m-1)(a+2m))
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < TINY ? TINY : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MAX_ITERATIONS; m++) {
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + even * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + even / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + odd * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + odd / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) <= EPS) {
                break;
            }
        }
        return prefactor * h;
    }

    /**
     * The complementary error function erfc(x) = 1 - erf(x), accurate in relative terms in the
     * right tail.
     *
     * @param x any non-NaN value
     * @return erfc(x) in [0, 2]
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("erfc: x must not be NaN");
        }
        double q = regularizedGammaQ(0.5, x * x);
        return x >= 0 ? q : 2 - q;
    }

    /**
     * The error function erf(x) = 2/sqrt(pi) int_0^x e^{-t^2} dt.
     *
     * @param x any non-NaN value
     * @return erf(x) in [-1, 1]
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("erf: x must not be NaN");
        }
        double p = regularizedGammaP(0.5, x * x);
        return x >= 0 ? p : -p;
    }

    /**
     * The standard normal CDF Phi(z) = erfc(-z / sqrt 2) / 2, computed as Q(1/2, z^2/2) / 2 for
     * z &lt; 0 so that the left tail keeps its relative accuracy.
     *
     * @param z any non-NaN value
     * @return Phi(z) in [0, 1]
     */
    public static double normalCdf(double z) {
        if (Double.isNaN(z)) {
            throw new IllegalArgumentException("normalCdf: z must not be NaN");
        }
        double q = 0.5 * regularizedGammaQ(0.5, 0.5 * z * z);
        return z < 0 ? q : 1 - q;
    }
}
