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
 * <p>At the ends of the parameter range (issue 11): {@link #logBeta} uses Stirling's form (no a + b,
 * no cancellation) once an argument reaches 1e6; the incomplete gamma function uses Temme's uniform
 * asymptotic expansion for a &gt;= 1e5 (two terms, error below 1e-15 relative); the incomplete beta
 * function uses a Stirling-form prefactor for large a, b, the continued fraction up to max(a, b) =
 * 1e10, an Edgeworth (skewness-corrected normal) approximation for min(a, b) &gt;= 1e17 (error
 * O(1 / min(a, b))), and refuses, naming a and b, in between; the series of P(a, x) folds 1/a into
 * Gamma(a + 1), so a subnormal a does not overflow.
 *
 * Every function rejects arguments outside its domain with an {@link IllegalArgumentException}
 * that names the argument and its value.
 */
public final class Special {

    /** 2 / sqrt(pi), rounded once. */
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

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
        if (x < ASYMPTOTIC) {
            // Below 10 the upward recurrence to Stirling's range lost the value near the zeros at 1 and 2
            // (lgamma(1) came out 1.8e-15, lgamma(1.25 + ulp) 75 ulps off): instead the Taylor series about
            // 1 and 2 on [0.5, 2.5] (x - 1, x - 2 exact by Sterbenz), ln Gamma(x) = ln Gamma(x + 1) - ln x
            // below, and the downward recurrence ln Gamma(x) = ln Gamma(y) + ln((x-1)...(y)) above, whose
            // terms are all positive: no cancellation anywhere
            if (x < 0.5) {
                return lgamma1p(x) - Math.log(x);
            }
            if (x <= 1.5) {
                return lgamma1p(x - 1);
            }
            double y = x;
            double prod = 1;
            while (y > 2.5) {
                y -= 1;   // exact: y < 10 has an ulp of at most 2^-49
                prod *= y;
            }
            return lgamma1p(y - 2) + Math.log1p(y - 2) + Math.log(prod);
        }
        return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirling(x);
    }

    /**
     * zeta(k) for k = 2..60: k &lt;= 30 from mpmath 1.3.0 ([mp.zeta(k) for k in range(2, 31)] at 40
     * digits), beyond by 1 + 2^-k + ... + 16^-k (the rest is below 17^-30 &lt; 1e-36).
     */
    private static final double[] ZETA = zetas(new double[] {1.6449340668482264365, 1.2020569031595942854, 1.0823232337111381915,
        1.0369277551433699263, 1.0173430619844491397, 1.0083492773819228268, 1.0040773561979443394,
        1.0020083928260822144, 1.0009945751278180853, 1.0004941886041194646, 1.0002460865533080483,
        1.0001227133475784891, 1.0000612481350587048, 1.0000305882363070205, 1.0000152822594086519,
        1.0000076371976378998, 1.0000038172932649998, 1.0000019082127165539, 1.0000009539620338728,
        1.0000004769329867878, 1.0000002384505027277, 1.0000001192199259653, 1.0000000596081890513,
        1.0000000298035035147, 1.0000000149015548284, 1.0000000074507117898, 1.0000000037253340248,
        1.0000000018626597235, 1.0000000009313274324});

    private static double[] zetas(double[] upTo30) {
        double[] z = java.util.Arrays.copyOf(upTo30, 59);
        for (int k = 31; k <= 60; k++) {
            double sum = 0;
            for (int n = 16; n >= 2; n--) {
                sum += Math.pow(n, -k);
            }
            z[k - 2] = 1 + sum;
        }
        return z;
    }

    /**
     * ln Gamma(1 + e) = -gamma e + sum_(k&gt;=2) (-1)^k zeta(k) e^k / k (DLMF 5.7.3) for |e| &lt;= 1/2:
     * the terms beyond k = 60 are below 0.5^61 / 61 &lt; 8e-21, below u/16 of the result (|result|
     * &gt;= 0.12 |e| on [-1/2, 1/2]); for e &lt; 0 every term is positive, for e &gt; 0 they alternate
     * with decreasing size (no cancellation beyond a factor 2).
     */
    static double lgamma1p(double e) {
        double sum = 0;
        double power = -e;   // (-e)^k = (-1)^k e^k
        for (int k = 2; k <= 60; k++) {
            power *= -e;
            sum += ZETA[k - 2] * power / k;
        }
        return -EULER * e + sum;
    }

    /**
     * Stirling's correction {@code omega(x) = ln Gamma(x) - ((x - 1/2) ln x - x + ln sqrt(2 pi))}
     * for x &gt;= 10 (DLMF 5.11.1, error below 2e-18); 0 at +infinity.
     */
    static double stirling(double x) {
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = 0;
        for (int k = STIRLING.length - 1; k >= 0; k--) {
            series = series * inv2 + STIRLING[k];
        }
        return series * inv;
    }

    /**
     * {@code phi(lambda) = lambda - 1 - ln lambda} given {@code d = lambda - 1 >= -1}, without the
     * cancellation of the direct form near {@code lambda = 1}: the series
     * {@code sum_{k>=2} (-d)^k / k} for {@code |d| < 0.1} (truncated after 20 terms, error below
     * {@code 0.1^21}), {@code d - log1p(d)} otherwise.
     */
    static double phi(double d) {
        if (Math.abs(d) < 0.1) {
            double sum = 0;
            double pow = d * d;
            for (int k = 2; k <= 21; k++) {
                sum += (k % 2 == 0 ? pow : -pow) / k;
                pow *= d;
            }
            return sum;
        }
        return d - Math.log1p(d);
    }

    /**
     * {@code (1 + d) ln(1 + d) - d} for {@code d >= -1} (the rate function of the Poisson family), by
     * its series {@code sum_{j>=2} (-d)^j / (j (j-1))} for {@code |d| < 0.1} (20 terms, error below
     * {@code 0.1^22}) and directly otherwise: no cancellation near {@code d = 0}.
     */
    static double poissonRate(double d) {
        if (Math.abs(d) < 0.1) {
            double sum = 0;
            double pow = d * d;
            for (int j = 2; j <= 21; j++) {
                double term = (j % 2 == 0 ? pow : -pow) / (j * (j - 1.0));
                sum += term;
                if (Math.abs(term) <= 0x1p-60 * Math.abs(sum)) {
                    break;                   // the rest is below 2^-60 of the sum (terms decrease by |d| < 0.1)
                }
                pow *= d;
            }
            return sum;
        }
        return d == -1 ? 1 : (1 + d) * Math.log1p(d) - d;
    }

    /** The threshold above which the log-space (Stirling) forms replace differences of lgamma. */
    static final double LARGE = 1e6;

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

    /** {@code psi(x) - ln x} for x &gt;= 10 by the asymptotic series (DLMF 5.11.2, error below 1e-18); 0 at +infinity. */
    static double digammaMinusLog(double x) {
        double inv2 = 1 / (x * x);
        double series = 0;
        for (int k = DIGAMMA.length - 1; k >= 0; k--) {
            series = series * inv2 + DIGAMMA[k];
        }
        return -0.5 / x - series * inv2;
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
        if (!(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("logBeta: a and b must be > 0, was a=" + a + ", b=" + b);
        }
        double small = Math.min(a, b);
        double big = Math.max(a, b);
        if (big == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        if (big < ASYMPTOTIC) {
            return lgamma(a) + lgamma(b) - lgamma(a + b);
        }
        // Stirling for the large argument(s) from big = 10 on (the direct difference of lgamma values of
        // size big ln big lost 9.6e-10 at (0.5, 1e6 - ulp)), in a form where a + b never overflows and nothing
        // cancels: ln(a + b) = ln big + log1p(small / big).
        double r = small / big;
        double lnS = Math.log(big) + Math.log1p(r);
        double omegaS = stirling(big * (1 + r) == Double.POSITIVE_INFINITY ? Double.MAX_VALUE : big * (1 + r));
        if (small >= ASYMPTOTIC) {
            // ln B = ln sqrt(2 pi) - ln(s)/2 + (a - 1/2) ln(a/s) + (b - 1/2) ln(b/s) + omega(a) + omega(b) - omega(s)
            return LN_SQRT_2PI - 0.5 * lnS - (small - 0.5) * Math.log1p(1 / r) - (big - 0.5) * Math.log1p(r)
                    + stirling(small) + stirling(big) - omegaS;
        }
        // ln Gamma(big) - ln Gamma(big + small) = -(big - 1/2) log1p(small/big) - small ln(s) + small + omega(big) - omega(s)
        return lgamma(small) - (big - 0.5) * Math.log1p(r) - small * lnS + small + stirling(big) - omegaS;
    }

    /**
     * {@code ln B(alpha) - sum_i ...}: the log of the Dirichlet normalizer
     * {@code ln B(alpha) = sum_i ln Gamma(alpha_i) - ln Gamma(alpha_0)}, in Stirling's log-space form
     * when every {@code alpha_i >= 10} and {@code alpha_0 >= LARGE} (so that it neither overflows nor
     * cancels): {@code (K-1) ln sqrt(2 pi) + sum_i (alpha_i - 1/2) ln(alpha_i / alpha_0) - (K-1)/2 ln alpha_0
     * + sum_i omega(alpha_i) - omega(alpha_0)}.
     *
     * @param alpha the concentrations, each &gt; 0 and finite
     * @param logAlpha0 {@code ln alpha_0} (computed by the caller without overflow)
     * @return {@code ln B(alpha)}
     */
    static double logMultivariateBeta(double[] alpha, double logAlpha0) {
        double min = Double.POSITIVE_INFINITY;
        for (double a : alpha) {
            min = Math.min(min, a);
        }
        double alpha0 = Math.exp(logAlpha0);
        if (min < ASYMPTOTIC || logAlpha0 < Math.log(LARGE)) {
            double s = 0;
            double sum = 0;
            for (double a : alpha) {
                s += lgamma(a);
                sum += a;
            }
            return s - lgamma(sum);
        }
        double s = (alpha.length - 1) * (LN_SQRT_2PI - 0.5 * logAlpha0)
                - stirling(Math.min(alpha0, Double.MAX_VALUE));
        for (double a : alpha) {
            s += (a - 0.5) * (Math.log(a) - logAlpha0) + stirling(a);
        }
        return s;
    }

    /**
     * {@code ln} of the Dirichlet density at {@code x} (on the simplex; x is projected onto it by
     * dividing by its sum) in Stirling's log-space form, for every {@code alpha_i >= 10}:
     * {@code -sum_i alpha_i phi(x_i / m_i - 1) - sum_i ln x_i + (sum_i ln alpha_i - ln alpha_0) / 2
     * - (K-1) ln sqrt(2 pi) - sum_i omega(alpha_i) + omega(alpha_0)}, with {@code m_i = alpha_i / alpha_0}
     * the mean; no term is larger than the result's own scale, so nothing cancels even when
     * {@code alpha_0} exceeds the double range.
     */
    static double logDirichletLarge(double[] alpha, double[] mean, double lnAlpha0, double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double lp = -(alpha.length - 1) * LN_SQRT_2PI - 0.5 * lnAlpha0
                + stirling(Math.min(Math.exp(lnAlpha0), Double.MAX_VALUE));
        for (int i = 0; i < alpha.length; i++) {
            double xi = x[i] / sum;
            if (xi == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            lp += -alpha[i] * phi(xi / mean[i] - 1) - Math.log(xi) + 0.5 * Math.log(alpha[i]) - stirling(alpha[i]);
        }
        return lp;
    }

    /**
     * The entropy of Dirichlet(alpha) for large concentrations by Stirling's series (DLMF 5.11.1,
     * 5.11.2): {@code (K-1)(ln sqrt(2 pi) + 1/2) + (sum_i ln alpha_i)/2 + (1/2 - K) ln alpha_0
     * - (1/3) sum_i 1/alpha_i + (K/2 - 1/6)/alpha_0 - sum_i 1/(12 alpha_i^2) + K/(12 alpha_0^2)},
     * with an error {@code O(sum_i alpha_i^-3)}, below 1e-17 for every {@code alpha_i >= 1e6}.
     */
    static double dirichletEntropyLarge(double[] alpha, double lnAlpha0) {
        int k = alpha.length;
        double alpha0 = Math.exp(lnAlpha0);
        double h = (k - 1) * (LN_SQRT_2PI + 0.5) + (0.5 - k) * lnAlpha0 + (0.5 * k - 1.0 / 6) / alpha0
                + k / (12 * alpha0 * alpha0);
        for (double a : alpha) {
            h += 0.5 * Math.log(a) - 1 / (3 * a) - 1 / (12 * a * a);
        }
        return h;
    }

    /**
     * {@code ln(sum_i x_i)} for positive finite x_i without overflow (the sum of values scaled by a power of two).
     */
    static double max(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, v);
        }
        return max;
    }

    static double logSum(double[] x) {
        double max = max(x);
        int e = Math.getExponent(max);
        double s = 0;
        for (double v : x) {
            s += Math.scalb(v, -e);
        }
        return Math.log(s) + e * Math.log(2);
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
        if (a >= TEMME && x > 0 && x < Double.POSITIVE_INFINITY) {
            return temme(a, x, false);
        }
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
        if (a >= TEMME && x > 0 && x < Double.POSITIVE_INFINITY) {
            return temme(a, x, true);
        }
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
        return Math.exp(logGammaPrefactor(a, x));
    }

    /**
     * a ln x - x - ln Gamma(a): directly below a = 10; above, by Stirling,
     * {@code -a phi((x - a)/a) + ln(a)/2 - ln sqrt(2 pi) - omega(a)}, phi(d) = d - log1p(d) &gt;= 0,
     * so that a ln x and x, each of size a, do not cancel (at a = 99999, x = 99699 the direct form
     * lost 6.6e-12 of P).
     */
    static double logGammaPrefactor(double a, double x) {
        if (a < ASYMPTOTIC) {
            return a * Math.log(x) - x - lgamma(a);
        }
        return -a * phi((x - a) / a) + 0.5 * Math.log(a) - LN_SQRT_2PI - stirling(a);
    }

    /**
     * P(a, x) by the series e^-x x^a / Gamma(a + 1) sum_n x^n / ((a+1) ... (a+n)), for x &lt; a + 1
     * (the factor 1/a is taken into Gamma(a + 1), so that a tiny a, even subnormal, does not overflow).
     */
    private static double gammaSeries(double a, double x) {
        if (x == 0) {
            return 0;
        }
        double term = 1;
        double sum = term;
        for (int n = 1; n < MAX_ITERATIONS && term > sum * EPS; n++) {
            term *= x / (a + n);
            sum += term;
        }
        // e^-x x^a / Gamma(a + 1) = exp(a ln x - x - ln Gamma(a)) / a
        return Math.min(1, sum * (a < ASYMPTOTIC ? Math.exp(a * Math.log(x) - x - lgamma(a + 1))
                : Math.exp(logGammaPrefactor(a, x)) / a));
    }

    /** The shape from which Temme's uniform asymptotic expansion replaces the series and the fraction. */
    static final double TEMME = 1e5;

    /**
     * Temme's uniform asymptotic expansion (DLMF 8.12.3, 8.12.8; Temme, <i>Special Functions</i>,
     * 1996, Sec. 11.2.4) for large a: {@code Q(a, x) = erfc(eta sqrt(a/2)) / 2 + R_a(eta)},
     * {@code R_a(eta) = exp(-a eta^2/2) / sqrt(2 pi a) (c_0(eta) + c_1(eta) / a + O(a^-2))} with
     * {@code lambda = x / a}, {@code eta = sign(lambda - 1) sqrt(2 phi(lambda))}. With the two terms
     * kept, the error is below {@code 0.001 a^-2 exp(-a eta^2/2) / sqrt(2 pi a)}, i.e. below 1e-15
     * relative to the smaller of P and Q for {@code a >= 1e5}. Bounded time for every a.
     */
    private static double temme(double a, double x, boolean upper) {
        // (x - a) / a, not x / a - 1: x - a is exact for x in [a/2, 2a] (Sterbenz), so d carries one
        // rounding relative to itself; x / a - 1 carried u absolute, which at a = 1e20,
        // x = a + 3e10 (d = 3e-10, sqrt(a/2) d = 2.1) moved P by 3.5e-8
        return temmeAt(a, (x - a) / a, upper);
    }

    /**
     * Temme's expansion given {@code d = x / a - 1} (so that a caller with {@code x = rate t} can
     * pass {@code d = fma(t, rate, -a) / a}, exact up to one rounding: for a huge shape the result
     * changes by many standard deviations per ulp of x).
     */
    static double temmeAt(double a, double d, boolean upper) {
        double eta2 = 2 * phi(d);
        double eta = (d < 0 ? -1 : 1) * Math.sqrt(eta2);
        double c0;
        double c1;
        if (Math.abs(eta) < 1e-3) {
            c0 = -1.0 / 3 + eta / 12 - 2 * eta * eta / 135;
            c1 = -1.0 / 540 - eta / 288;
        } else {
            double lm1 = d;
            c0 = 1 / lm1 - 1 / eta;
            c1 = 1 / (eta * eta * eta) - 1 / (lm1 * lm1 * lm1) - 1 / (lm1 * lm1) - 1 / (12 * lm1);
        }
        double r = Math.exp(-0.5 * a * eta2) / Math.sqrt(2 * Math.PI * a) * (c0 + c1 / a);
        double z = eta * Math.sqrt(a / 2);
        // Q = erfc(z)/2 + R and P = erfc(-z)/2 - R; each tail is computed directly to keep it relative
        double result = upper ? 0.5 * erfc(z) + r : 0.5 * erfc(-z) - r;
        return Math.max(0, Math.min(1, result));
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
     * @throws IllegalArgumentException for a, b not positive and finite, x outside [0, 1], and in the one
     *     region not computed: max(a, b) &gt; 1e10 with (1e-17 beta^4)^(1/6) &lt; min(a, b) &lt; 1e17,
     *     beta = max + (min - 1)/2 (the continued fraction needs about 3 sqrt(max) terms there, the gamma
     *     limit's neglected terms exceed 1e-17, and the normal limit's O(1/min) error exceeds 1e-16); the
     *     message says so
     * @throws ArithmeticException if the continued fraction does not converge (not observed below 1e10)
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
        if (Math.min(a, b) >= BETA_NORMAL) {
            return betaNormal(x, a, b);
        }
        double small = Math.min(a, b);
        double big = Math.max(a, b);
        double beta = big + (small - 1) / 2;
        boolean gammaLimitHolds = big >= LARGE && 6 * Math.log(small) <= Math.log(GAMMA_LIMIT_ERROR) + 4 * Math.log(beta);
        if (gammaLimitHolds) {
            // b large: I_x(a, b) directly; a large: I_x(a, b) = 1 - I_(1-x)(b, a), the tail taken directly
            return b >= a ? gammaLimit(x, a, b, false) : gammaLimit(y, b, a, true);
        }
        if (big > BETA_LIMIT) {
            {
                throw new IllegalArgumentException("incomplete beta: a = " + a + " and b = " + b + " are outside the range "
                        + "this implementation computes: above max(a, b) = " + BETA_LIMIT + " the continued fraction "
                        + "needs about 3 sqrt(max(a, b)) terms, the gamma limit is within " + GAMMA_LIMIT_ERROR
                        + " only for min(a, b) <= (" + GAMMA_LIMIT_ERROR + " beta^4)^(1/6) = "
                        + (float) Math.exp((Math.log(GAMMA_LIMIT_ERROR) + 4 * Math.log(beta)) / 6)
                        + " (beta = max + (min - 1)/2), and the normal limit needs min(a, b) >= " + BETA_NORMAL);
            }
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - betaContinuedFraction(y, x, b, a);
        }
        return betaContinuedFraction(x, y, a, b);
    }

    /** The continued fraction converges within MAX_ITERATIONS terms up to here (about 3 sqrt(max(a, b)) terms). */
    static final double BETA_LIMIT = 1e10;
    /** The bound on the neglected terms of {@link #gammaLimit} where it is used. */
    static final double GAMMA_LIMIT_ERROR = 1e-17;

    /**
     * I_x(a, b) (or, with {@code upper}, 1 - I_x(a, b)) for a large b: with u = -ln(1 - t) the
     * integral is {@code B_x(a, b) = int_0^xi (1 - e^-u)^(a-1) e^(-b u) du}, xi = -ln(1 - x), and
     * {@code (1 - e^-u)^(a-1) = u^(a-1) e^(-(a-1) u/2) exp((a-1)(u^2/24 - u^4/2880 + ...))}. With
     * {@code beta = b + (a-1)/2} and the first correction kept,
     * {@code I_x(a, b) = (P(a, beta xi) + c P(a+2, beta xi)) / (1 + c)}, {@code c = (a-1) a (a+1) / (24 beta^2)}
     * (the same expansion for the whole integral normalizes it; Temme, <i>Special Functions</i>, 1996,
     * Sec. 11.3.3, the large-b case). The next terms, of order {@code ((a-1)^2/1152 + |a-1|/2880) (a)_4 beta^-4}
     * and c^2, are below {@link #GAMMA_LIMIT_ERROR} where this is used ({@code min(a, b)^6 <= 1e-17 beta^4}
     * and max &gt; 1e10); P and Q carry their own error (Temme's expansion, 1e-15 relative, for a &gt;= 1e5).
     * The lower or upper tail is computed directly from P or Q, so each keeps its relative accuracy.
     */
    static double gammaLimit(double x, double a, double b, boolean upper) {
        double beta = b + (a - 1) / 2;
        double z = -Math.log1p(-x) * beta;
        double c = (a - 1) * a * (a + 1) / (24 * beta * beta);
        double tail = upper ? regularizedGammaQ(a, z) + c * regularizedGammaQ(a + 2, z)
                : regularizedGammaP(a, z) + c * regularizedGammaP(a + 2, z);
        return Math.max(0, Math.min(1, tail / (1 + c)));
    }

    /** From here the normal approximation with its skewness correction is within 1e-16 (see betaNormal). */
    static final double BETA_NORMAL = 1e17;

    /**
     * I_x(a, b) for {@code min(a, b) >= 1e17} by the Edgeworth expansion of Beta(a, b) about its
     * mean: {@code Phi(z) - phi(z) gamma_1 (z^2 - 1) / 6} with the standardized {@code z} and the
     * skewness {@code gamma_1 = 2 (b - a) sqrt(a + b + 1) / ((a + b + 2) sqrt(a b))}; the error is
     * {@code O(1 / min(a, b))}, below 1e-16 here. All in ratios, so a + b may exceed the double range.
     */
    private static double betaNormal(double x, double a, double b) {
        double r = b / a;                         // mean = 1 / (1 + r), computed without a + b
        double mean = 1 / (1 + r);
        double sd = Math.sqrt(mean * (1 - mean) / a / (1 + r));   // var = ab / (s^2 (s + 1)) ~ mean (1 - mean) / s
        // x - a/(a+b) with the mean in double-double (a, b scaled by 1/4, exact, so a + b cannot overflow):
        // the rounding of the mean alone moved z by 2e-8 at a = 1e17, b = 2e17, x = 1/3 + 1e-9, where
        // sd = 8.6e-10 (I was 4.4e-9 off)
        double qa = 0.25 * a;
        double qb = 0.25 * b;
        double sHi = qa + qb;
        double sLo = qa >= qb ? qb - (sHi - qa) : qa - (sHi - qb);   // Fast2Sum (Dekker): sHi + sLo = qa + qb exactly
        double mHi = qa / sHi;
        double mLo = (Math.fma(-mHi, sHi, qa) - mHi * sLo) / sHi;
        double z = ((x - mHi) - mLo) / sd;
        if (Math.abs(z) > 40) {
            // Phi(z) and the correction phi(z) (z^2 - 1) are below 1e-340 there; z^2 may overflow (x = 1e-300 for
            // Beta(1e308, 1e308): z = -1.4e154, and 0 * inf = NaN; RB-01 at tries x10, seed 4)
            return z < 0 ? 0 : 1;
        }
        double skew = 2 * (r - 1) / (Math.sqrt(a) * Math.sqrt(r * (1 + r)));
        double density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        double p = normalCdf(z) - density * skew * (z * z - 1) / 6;
        return Math.max(0, Math.min(1, p));
    }

    /** I_x(a, b) by DLMF 8.17.22, with y = 1 - x passed separately so that ln y stays accurate. */
    private static double betaContinuedFraction(double x, double y, double a, double b) {
        double logPrefactor;
        if (Math.min(a, b) >= ASYMPTOTIC && Math.max(a, b) >= LARGE) {
            // x^a y^b / B(a, b) in Stirling's form, without the cancellation of a ln x + b ln y - ln B
            // (each of size a + b): -a phi(x s/a) - b phi(y s/b) + ln sqrt(a b / s) - ln sqrt(2 pi) - omega terms
            double r = b / a;
            double lnS = Math.log(Math.max(a, b)) + Math.log1p(Math.min(r, 1 / r));
            logPrefactor = -a * phi(x * r - y) - b * phi(y / r - x) + 0.5 * (Math.log(a) + Math.log(b) - lnS)
                    - LN_SQRT_2PI - stirling(a) - stirling(b) + stirling(a + b);
        } else {
            // ln x and ln y from whichever of x, y is below 1/2 (that one is exact; the other is 1 minus it,
            // rounded): b ln y with y = 1 - 1e-5 rounded was off by b u = 1e-10 at b = 1e6
            double lnX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
            double lnY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
            logPrefactor = a * lnX + b * lnY - logBeta(a, b);
        }
        double prefactor = Math.exp(logPrefactor) / a;
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
                return prefactor * h;
            }
        }
        throw new ArithmeticException("incomplete beta: the continued fraction did not converge in " + MAX_ITERATIONS
                + " terms for a = " + a + ", b = " + b + ", x = " + x);
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
     * The error function erf(x) = 2/sqrt(pi) int_0^x e^{-t^2} dt. For |x| &lt; 1/2 it is the
     * Maclaurin series 2/sqrt(pi) sum_n (-x^2)^n x / (n! (2n + 1)) (DLMF 7.6.1), to relative accuracy
     * a few u: the terms fall by x^2/n &lt;= 1/4 per step and their absolute sum is at most
     * e^(x^2) &lt; 1.3 times the result. (P(1/2, x^2) lost relative accuracy there: 3.4e-15 at
     * x = 1e-8, and 0 for |x| &lt; 1e-154 where x^2 underflows.) The series also keeps the sign of -0.
     *
     * @param x any non-NaN value
     * @return erf(x) in [-1, 1]
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("erf: x must not be NaN");
        }
        if (Math.abs(x) < 0.5) {
            double x2 = x * x;
            double t = x;
            double sum = x;
            // at most 16 terms: the 16th is below 4^-16 / 16! / 33 < 1e-24 of x
            for (int n = 1; n <= 16 && t != 0; n++) {
                t = -t * x2 / n;
                sum += t / (2 * n + 1);
            }
            return TWO_OVER_SQRT_PI * sum;
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
