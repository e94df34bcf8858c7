package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * Dirichlet in its three regimes: ordinary, "mixed" (alpha_0 at least 1e6 with some alpha_i below 10) and
 * "large" (every alpha_i at least 10, alpha_0 at least 1e6); exact zeros and negative or NaN entries,
 * points off the simplex, marginals beyond the double range, samples for tiny and huge concentrations,
 * entropies for subnormal concentrations.
 *
 * <p>Oracles: closed forms. With integer small concentrations and one large concentration n, the
 * normalizer is exact: ln B = sum_small ln Gamma(a_i) + ln Gamma(n) - ln Gamma(n + S) with
 * ln Gamma(n + S) - ln Gamma(n) = sum_{j < S} ln(n + j); psi(n + S) - psi(n) = sum_{j &lt; S} 1/(n + j),
 * psi(x) = ln x - 1/(2x) - 1/(12 x^2) + 1/(120 x^4) (DLMF 5.11.2, remainder below 1e-36 at 1e7),
 * psi(k) = -gamma + H_(k-1). These oracles carry terms below 100 in magnitude, so 1e-12 absolute allows
 * 40 roundings of each. With two large concentrations the oracle is commons-math3's ln Gamma and digamma
 * (relative error below 1e-15 at these arguments), hence 1e-15 of the sum of the terms' magnitudes.
 */
class DirichletMutationTest {

    static final double N = 1e7;

    static void close(String what, double actual, double expected, double tol) {
        assertThat(Math.abs(actual - expected)).as("%s: %s vs oracle %s (tolerance %s)", what, actual, expected, tol)
                .isLessThanOrEqualTo(tol);
    }

    /** ln Gamma(n + s) - ln Gamma(n) for an integer s &gt;= 0. */
    static double lnRising(double n, int s) {
        double r = 0;
        for (int j = 0; j < s; j++) {
            r += Math.log(n + j);
        }
        return r;
    }

    static double lnFactorial(int k) {
        double r = 0;
        for (int j = 2; j <= k; j++) {
            r += Math.log(j);
        }
        return r;
    }

    static double harmonic(int n) {
        double h = 0;
        for (int k = 1; k <= n; k++) {
            h += 1.0 / k;
        }
        return h;
    }

    static double psiLarge(double x) {
        return Math.log(x) - 1 / (2 * x) - 1 / (12 * x * x) + 1 / (120 * x * x * x * x);
    }

    /** Dirichlet(b, N, c) with integers b, c &lt; 10: ln f(x) = -ln B + (b-1) ln x0 + (N-1) ln x1 + (c-1) ln x2. */
    static double mixedLogDensity(int b, int c, double x0, double lnX1, double x2) {
        double lnB = lnFactorial(b - 1) + lnFactorial(c - 1) - lnRising(N, b + c);
        return -lnB + (b == 1 ? 0 : (b - 1) * Math.log(x0)) + (N - 1) * lnX1 + (c == 1 ? 0 : (c - 1) * Math.log(x2));
    }

    @Test
    void mixedRegimeDensityAgainstTheExactNormalizer() {
        // x exact binary fractions summing to exactly 1
        double x0 = 0x1p-22;
        double x2 = 0x1p-21;
        double x1 = 1 - x0 - x2;
        Dirichlet d = new Dirichlet(Tensor.of(2, N, 3));
        double want = mixedLogDensity(2, 3, x0, Math.log1p(-(x0 + x2)), x2);
        close("ln f Dirichlet(2, 1e7, 3)", d.logProb(Tensor.of(x0, x1, x2)), want, 1e-12);
        // an exact zero where alpha_i = 1 has a finite density
        Dirichlet one = new Dirichlet(Tensor.of(1, N, 3));
        close("ln f Dirichlet(1, 1e7, 3) at x0 = 0", one.logProb(Tensor.of(0, 1 - 0x1p-21, 0x1p-21)),
                mixedLogDensity(1, 3, 0, Math.log1p(-0x1p-21), 0x1p-21), 1e-12);
        // off the simplex by less than 1e-9: the point is projected (x / sum), so the density moves only by the
        // rounding of the projection. The Stirling form's sensitivity to a relative change delta of x_i is
        // |alpha_0 x_i - a_i| + |a_i - 1| (at most 10 here) times delta (at most 2u): 1e-12 still holds. (The
        // unprojected point, scaled by 1 + 2^-31, would move it by K 2^-31 = 1.4e-9.)
        double s = 1 + 0x1p-31;
        close("ln f Dirichlet(2, 1e7, 3) at x (1 + 2^-31)", d.logProb(Tensor.of(x0 * s, x1 * s, x2 * s)), want, 1e-12);
        // far from the mean, half the mass on the small coordinates (ln f ~ -5e6, terms of that size: 1e-8), and
        // the same point off the simplex by 2^-31: projected, it moves by the rounding of x / sum only (alpha_0
        // X_small u ~ 1e-9), not by alpha_0 X_small 2^-31 ~ 2e-3 as the unprojected point would
        double far = mixedLogDensity(2, 3, 0.25, Math.log(0.5), 0.25);
        close("ln f Dirichlet(2, 1e7, 3) at (1/4, 1/2, 1/4)", d.logProb(Tensor.of(0.25, 0.5, 0.25)), far, 1e-8);
        close("ln f Dirichlet(2, 1e7, 3) at (1/4, 1/2, 1/4)(1 + 2^-31)",
                d.logProb(Tensor.of(0.25 * s, 0.5 * s, 0.25 * s)), far, 1e-8);
        // a zero in the large coordinate, a negative entry, a sum off by 1e-6: density 0
        assertThat(d.logProb(Tensor.of(0.5, 0, 0.5))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.logProb(Tensor.of(-1e-300, 1, 1e-300))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.logProb(Tensor.of(x0, x1 + 1e-6, x2))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> d.logProb(Tensor.of(0.5, Double.NaN, 0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1]").hasMessageContaining("NaN");
    }

    /**
     * Two large concentrations and two small ones: ln B + sum (a_i - 1) ln x_i against commons-math3's ln Gamma;
     * the terms are of size 3e8, so the comparison allows 1e-15 of their magnitudes.
     */
    @Test
    void mixedRegimeWithTwoLargeAndTwoSmall() {
        double[] alpha = {2.5, N, 0.5, 2 * N};
        double[] x = {0x1p-20, 0.25, 0x1p-21, 0.75 - 0x1p-20 - 0x1p-21};
        double a0 = 0;
        for (double a : alpha) {
            a0 += a;
        }
        double want = Gamma.logGamma(a0);
        double mag = Math.abs(want);
        for (int i = 0; i < alpha.length; i++) {
            want += -Gamma.logGamma(alpha[i]) + (alpha[i] - 1) * Math.log(x[i]);
            mag += Math.abs(Gamma.logGamma(alpha[i])) + Math.abs((alpha[i] - 1) * Math.log(x[i]));
        }
        close("ln f Dirichlet(2.5, 1e7, 0.5, 2e7)", new Dirichlet(Tensor.of(alpha)).logProb(Tensor.of(x)), want,
                1e-15 * mag);
        // entropy ln B + (a_0 - K) psi(a_0) - sum (a_i - 1) psi(a_i)
        double h = -Gamma.logGamma(a0) + (a0 - 4) * Gamma.digamma(a0);
        double hm = Math.abs(Gamma.logGamma(a0)) + Math.abs((a0 - 4) * Gamma.digamma(a0));
        for (double a : alpha) {
            h += Gamma.logGamma(a) - (a - 1) * Gamma.digamma(a);
            hm += Math.abs(Gamma.logGamma(a)) + Math.abs((a - 1) * Gamma.digamma(a));
        }
        close("H Dirichlet(2.5, 1e7, 0.5, 2e7)", new Dirichlet(Tensor.of(alpha)).entropy(), h, 1e-15 * hm);
    }

    /**
     * H = ln B + (a_0 - K) psi(a_0) - sum (a_i - 1) psi(a_i) for (b, N, c), b, c integers; the terms of size N
     * cancel exactly: (a_0 - 3) psi(a_0) - (N - 1) psi(N) = (N - 1) sum_{j < b + c} 1/(N + j) + (b + c - 2) psi(a_0).
     */
    @Test
    void mixedRegimeEntropyAgainstTheExactCancellation() {
        for (int[] bc : new int[][] {{2, 3}, {1, 1}, {9, 4}}) {
            int b = bc[0];
            int c = bc[1];
            double a0 = N + b + c;
            double lnB = lnFactorial(b - 1) + lnFactorial(c - 1) - lnRising(N, b + c);
            double dPsi = 0;
            for (int j = 0; j < b + c; j++) {
                dPsi += 1 / (N + j);
            }
            double psiB = -Special.EULER + harmonic(b - 1);
            double psiC = -Special.EULER + harmonic(c - 1);
            double want = lnB + (N - 1) * dPsi + (b + c - 2) * psiLarge(a0) - (b - 1) * psiB - (c - 1) * psiC;
            close("H Dirichlet(" + b + ", 1e7, " + c + ")", new Dirichlet(Tensor.of(b, N, c)).entropy(), want, 1e-12);
        }
    }

    @Test
    void ordinaryAndLargeRegimesAtTheEdgesOfTheSimplex() {
        // alpha_1 = 1 with x_1 = 0: ln f = ln Gamma(3) - ln Gamma(1) - ln Gamma(2) + 1 * ln 1 = ln 2
        Dirichlet d = new Dirichlet(Tensor.of(1, 2));
        assertThat(d.logProb(Tensor.of(0, 1))).isEqualTo(Math.log(2));
        assertThat(d.logProb(Tensor.of(-0.0, 1))).isEqualTo(Math.log(2));
        assertThat(d.logProb(Tensor.of(-1e-300, 1))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> d.logProb(Tensor.of(Double.NaN, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[0]").hasMessageContaining("NaN");
        Dirichlet large = new Dirichlet(Tensor.of(1e6, 2e6, 3e6));
        assertThat(large.logProb(Tensor.of(-1e-300, 0.5, 0.5))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(large.logProb(Tensor.of(1.0 / 6, 1.0 / 3, 0.5 + 1e-6))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> large.logProb(Tensor.of(0.5, 0.5, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[2]").hasMessageContaining("NaN");
        assertThat(d.toString()).isEqualTo("Dirichlet(concentration=" + Tensor.of(1, 2) + ")");
    }

    @Test
    void marginalsBeyondTheDoubleRangeAreRefused() {
        double max = Double.MAX_VALUE;
        Dirichlet d = new Dirichlet(Tensor.of(max, max, 1));
        assertThatThrownBy(() -> d.marginal(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other than 2").hasMessageContaining("beyond the double range");
        Dirichlet e = new Dirichlet(Tensor.of(max, 1));
        assertThat(e.marginal(1).mean()).isEqualTo(1 / max);
        assertThatThrownBy(() -> d.marginal(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("i must be in [0, 3)").hasMessageContaining("3");
    }

    /**
     * Samples for concentrations whose Gamma variates underflow (1e-3: ln G ~ -1000 u^-1) or are huge: each on
     * the simplex (entries finite, &gt;= 0, summing to 1 within K u) and the largest entry is the one of the
     * largest log-gamma variate, so it is at least 1/K.
     */
    @Test
    void samplesStayOnTheSimplexForTinyAndHugeConcentrations() {
        double[][] alphas = {{1e-3, 1e-3, 1e-3}, {1e-300, 1e-300}, {1e7, 1e7, 3e7}, {1e300, 1e300}};
        SplittableRandom rng = new SplittableRandom(7);
        for (double[] alpha : alphas) {
            Dirichlet d = new Dirichlet(Tensor.of(alpha));
            for (int t = 0; t < 50; t++) {
                double[] x = d.sample(rng).toArray();
                double sum = 0;
                double max = 0;
                for (double v : x) {
                    assertThat(v).as("entry of a sample of %s", d).isBetween(0.0, 1.0);
                    sum += v;
                    max = Math.max(max, v);
                }
                close("sum of a sample of " + d, sum, 1, alpha.length * 1.2e-16);
                assertThat(max).isGreaterThanOrEqualTo(1.0 / alpha.length);
            }
        }
    }

    /**
     * Concentrations below 1: the entropy of Dirichlet(a, a) is ln 2 - 1/a + O(1) as a -> 0 (ln Gamma(a) ~ -ln a,
     * psi(a) ~ -1/a): at a = 1e-310 below -1e309, so -infinity, not NaN (the plain form gives -inf + inf).
     * At a = 1e-3 against commons-math3 (digamma by the recurrence psi(a) = psi(a + 1) - 1/a, terms of size 1e3).
     */
    @Test
    void entropyForTinyConcentrations() {
        assertThat(new Dirichlet(Tensor.of(1e-310, 1e-310)).entropy()).isEqualTo(Double.NEGATIVE_INFINITY);
        double a = 1e-3;
        double want = 2 * Gamma.logGamma(a) - Gamma.logGamma(2 * a) + (2 * a - 2) * Gamma.digamma(2 * a)
                - 2 * (a - 1) * Gamma.digamma(a);
        close("H Dirichlet(1e-3, 1e-3)", new Dirichlet(Tensor.of(a, a)).entropy(), want, 1e-12 * 2000);
    }

    /**
     * The large regime at its centre: Dirichlet(n, n) at (1/2, 1/2) has ln f = ln Gamma(2n) - 2 ln Gamma(n)
     * - 2(n - 1) ln 2 = ln 2 + ln(n / pi)/2 - 1/(8n) + O(n^-3) (Legendre's duplication formula, DLMF 5.5.5, and
     * ln Gamma(n + 1/2) - ln Gamma(n) = ln(n)/2 - 1/(8n) + O(n^-3), DLMF 5.11.13): terms below 10, 1e-13. The
     * direct form would subtract terms of size 2n ln 2 ~ 3e6 and lose 1e-10.
     */
    @Test
    void largeRegimeAtTheCentreAgainstTheDuplicationFormula() {
        for (double n : new double[] {1e6, 3e6, 1e9}) {
            double want = Math.log(2) + 0.5 * Math.log(n / Math.PI) - 1 / (8 * n);
            close("ln f Dirichlet(" + n + ", " + n + ") at (1/2, 1/2)", new Dirichlet(Tensor.of(n, n)).logProb(
                    Tensor.of(0.5, 0.5)), want, 1e-13);
        }
    }
}
