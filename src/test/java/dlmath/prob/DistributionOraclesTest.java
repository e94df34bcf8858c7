package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;

import dlmath.tensor.Tensor;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

/**
 * Densities, masses, CDFs, moments and entropies of Gamma, Beta, Binomial, Poisson and Dirichlet,
 * also at large parameters, against commons-math3 and closed forms (digamma at integers and
 * half-integers from harmonic sums, DLMF 5.4.14-15; commons-math3's digamma is not used: it is 3e-9
 * off near 1).
 *
 * <p>Tolerances: commons-math3 evaluates the log densities as sums of terms of size up to
 * {@code a |ln x| + ln Gamma(a)} with an error of a few ulps of each, so the comparison allows
 * {@code 1e-12} at parameters up to 100 and {@code 1e-15 (sum of the terms' magnitudes)} (written out per case)
 * at parameters of order 1e6; the closed-form entropies at large parameters cancel terms of size
 * {@code a ln a ~ 3e7}, hence an absolute {@code 1e-7}.
 */
class DistributionOraclesTest {

    static void close(String what, double actual, double expected, double abs) {
        assertThat(Math.abs(actual - expected)).as("%s: %s vs oracle %s", what, actual, expected)
                .isLessThanOrEqualTo(abs);
    }

    /** H_n = 1 + 1/2 + ... + 1/n, summed here. */
    static double harmonic(int n) {
        double h = 0;
        for (int k = 1; k <= n; k++) {
            h += 1.0 / k;
        }
        return h;
    }

    @Test
    void gammaAgainstCommonsMath() {
        double[][] shapeRate = {{0.5, 2}, {3, 0.1}, {50, 2}};
        for (double[] sr : shapeRate) {
            Gamma g = new Gamma(sr[0], sr[1]);
            GammaDistribution o = new GammaDistribution(sr[0], 1 / sr[1]);
            double mean = sr[0] / sr[1];
            for (double f : new double[] {0.05, 0.5, 1, 1.7, 4}) {
                double x = f * mean;
                String at = "Gamma" + java.util.Arrays.toString(sr) + " at " + x;
                close("logProb " + at, g.logProb(x), o.logDensity(x), 1e-12 * Math.max(1, Math.abs(o.logDensity(x))));
                close("cdf " + at, g.cdf(x), o.cumulativeProbability(x), 1e-11 * o.cumulativeProbability(x) + 1e-14);
            }
            close("mean", g.mean(), mean, 1e-15 * mean);
            close("variance", g.variance(), sr[0] / (sr[1] * sr[1]), 1e-15 * sr[0] / (sr[1] * sr[1]));
        }
        // entropy a - ln b + ln Gamma(a) + (1 - a) psi(a): psi(1/2) = -gamma - 2 ln 2, psi(n) = -gamma + H_(n-1)
        double g0 = Special.EULER;
        close("H(Gamma(1/2, 2))", new Gamma(0.5, 2).entropy(),
                0.5 - Math.log(2) + 0.5 * Math.log(Math.PI) + 0.5 * (-g0 - 2 * Math.log(2)), 1e-14);
        close("H(Gamma(3, 0.1))", new Gamma(3, 0.1).entropy(),
                3 - Math.log(0.1) + Math.log(2) - 2 * (-g0 + 1.5), 1e-14);
        close("H(Gamma(50, 2))", new Gamma(50, 2).entropy(),
                50 - Math.log(2) + org.apache.commons.math3.special.Gamma.logGamma(50) - 49 * (-g0 + harmonic(49)), 1e-11);
        // a large shape: psi(a) = ln a - 1/(2a) - 1/(12 a^2) + 1/(120 a^4) (DLMF 5.11.2, remainder below 1e-40)
        double a = 2e6;
        double psi = Math.log(a) - 1 / (2 * a) - 1 / (12 * a * a);
        close("H(Gamma(2e6, 3))", new Gamma(a, 3).entropy(),
                a - Math.log(3) + org.apache.commons.math3.special.Gamma.logGamma(a) + (1 - a) * psi, 1e-7);
        Gamma big = new Gamma(a, 3);
        GammaDistribution bigO = new GammaDistribution(a, 1.0 / 3);
        for (double k : new double[] {-3, -0.5, 0, 1, 4}) {
            double x = (a + k * Math.sqrt(a)) / 3;
            // commons-math3's log density: terms of size a ln(a) ~ 3e7, a few ulps each
            close("logProb Gamma(2e6, 3) at " + k + " sd", big.logProb(x), bigO.logDensity(x), 1e-7);
            close("cdf Gamma(2e6, 3) at " + k + " sd", big.cdf(x), bigO.cumulativeProbability(x), 1e-8);
        }
    }

    @Test
    void betaAgainstCommonsMathAndClosedForms() {
        double[][] ab = {{0.5, 0.5}, {2, 3}, {5, 7}, {0.3, 40}};
        for (double[] p : ab) {
            Beta b = new Beta(p[0], p[1]);
            BetaDistribution o = new BetaDistribution(p[0], p[1]);
            for (double x : new double[] {0.01, 0.2, 0.5, 0.93}) {
                close("logProb Beta" + java.util.Arrays.toString(p) + " at " + x, b.logProb(x), o.logDensity(x),
                        1e-12 * Math.max(1, Math.abs(o.logDensity(x))));
            }
            double s = p[0] + p[1];
            close("mean", b.mean(), p[0] / s, 1e-15);
            close("variance", b.variance(), p[0] * p[1] / (s * s * (s + 1)), 1e-16);
        }
        // entropies: arcsine ln(pi / 4); integer a, b: ln B(a, b) - (a-1) H_(a-1) - (b-1) H_(b-1) + (a+b-2) H_(a+b-1)
        close("H(Beta(1/2, 1/2))", new Beta(0.5, 0.5).entropy(), Math.log(Math.PI / 4), 1e-14);
        close("H(Beta(1, 1))", new Beta(1, 1).entropy(), 0, 1e-15);
        for (int[] p : new int[][] {{2, 3}, {5, 7}, {1, 9}}) {
            int x = p[0];
            int y = p[1];
            double lnB = org.apache.commons.math3.special.Beta.logBeta(x, y);
            double h = lnB - (x - 1) * harmonic(x - 1) - (y - 1) * harmonic(y - 1) + (x + y - 2) * harmonic(x + y - 1);
            close("H(Beta(" + x + ", " + y + "))", new Beta(x, y).entropy(), h, 1e-13);
        }
        // large parameters: moments in closed form, the density against commons-math3 near the mean
        Beta big = new Beta(1e6, 2e6);
        BetaDistribution bigO = new BetaDistribution(1e6, 2e6);
        close("mean Beta(1e6, 2e6)", big.mean(), 1.0 / 3, 1e-16);
        close("variance Beta(1e6, 2e6)", big.variance(), 2e12 / (9e12 * (3e6 + 1)), 1e-14 * 2e12 / (9e12 * (3e6 + 1)));
        double sd = Math.sqrt(2e12 / (9e12 * (3e6 + 1)));
        for (double k : new double[] {-2, 0, 1.5}) {
            double x = 1.0 / 3 + k * sd;
            close("logProb Beta(1e6, 2e6) at " + k + " sd", big.logProb(x), bigO.logDensity(x), 1e-7);
        }
    }

    @Test
    void binomialAndPoissonMassesAgainstCommonsMath() {
        for (int n : new int[] {10, 1000, 100000}) {
            for (double p : new double[] {0.3, 1e-3}) {
                Binomial b = new Binomial(n, p);
                BinomialDistribution o = new BinomialDistribution(n, p);
                double mean = n * p;
                for (double k : new double[] {0, mean, mean + 3 * Math.sqrt(mean * (1 - p)) + 1, n}) {
                    int kk = (int) Math.min(n, Math.round(k));
                    double want = o.logProbability(kk);
                    close("Binomial(" + n + ", " + p + ") at " + kk, b.logProb(kk), want, 1e-10 * Math.max(1, Math.abs(want)));
                }
                close("mean", b.mean(), mean, 1e-15 * mean);
                close("variance", b.variance(), mean * (1 - p), 1e-15 * mean);
            }
        }
        for (double rate : new double[] {0.5, 30, 1e5}) {
            Poisson q = new Poisson(rate);
            PoissonDistribution o = new PoissonDistribution(rate);
            double entropy = 0;
            int top = (int) (rate + 40 * Math.sqrt(rate) + 60);
            for (int k = 0; k <= top; k++) {
                double lp = o.logProbability(k);
                entropy -= Math.exp(lp) * lp;
                if (k % 7 == 0 || Math.abs(k - rate) < 2) {
                    close("Poisson(" + rate + ") at " + k, q.logProb(k), lp, 1e-10 * Math.max(1, Math.abs(lp)));
                }
            }
            // the naive sum over the support: top + 1 terms of rounding u each, relative to the entropy
            close("H(Poisson(" + rate + "))", q.entropy(), entropy, 1e-10 * Math.max(1, entropy));
        }
    }

    @Test
    void dirichletAgainstClosedForms() {
        // log p(x) = ln Gamma(a_0) - sum ln Gamma(a_i) + sum (a_i - 1) ln x_i
        double[][] alphas = {{0.5, 2, 3}, {1, 1, 1}, {1e6, 2e6, 3e6}, {0.5, 1e7, 2}};
        double[][] xs = {{0.2, 0.3, 0.5}, {1.0 / 6, 1.0 / 3, 0.5}};
        for (double[] alpha : alphas) {
            Dirichlet d = new Dirichlet(Tensor.of(alpha));
            double a0 = 0;
            double lnGammas = 0;
            double magnitude = 0;
            for (double a : alpha) {
                a0 += a;
                lnGammas += org.apache.commons.math3.special.Gamma.logGamma(a);
                magnitude += Math.abs(org.apache.commons.math3.special.Gamma.logGamma(a));
            }
            double lnGammaA0 = org.apache.commons.math3.special.Gamma.logGamma(a0);
            magnitude += Math.abs(lnGammaA0);
            for (double[] x : xs) {
                double want = lnGammaA0 - lnGammas;
                double terms = magnitude;
                for (int i = 0; i < x.length; i++) {
                    want += (alpha[i] - 1) * Math.log(x[i]);
                    terms += Math.abs((alpha[i] - 1) * Math.log(x[i]));
                }
                // a few ulps of each term's magnitude (commons-math3's log-gamma is within 1e-15 relative)
                close("Dirichlet" + java.util.Arrays.toString(alpha) + " at " + java.util.Arrays.toString(x),
                        d.logProb(Tensor.of(x)), want, 1e-14 * terms + 1e-13);
            }
            double[] mean = d.mean().toArray();
            for (int i = 0; i < alpha.length; i++) {
                close("mean", mean[i], alpha[i] / a0, 1e-15);
            }
        }
        // entropy ln B(a) + (a_0 - K) psi(a_0) - sum (a_i - 1) psi(a_i); at integers the gammas cancel:
        // (1, 2, 3): ln(2 / 120) + 3 H_5 - (H_1 + 2 H_2)
        close("H(Dirichlet(1, 2, 3))", new Dirichlet(Tensor.of(1, 2, 3)).entropy(),
                Math.log(2.0 / 120) + 3 * harmonic(5) - (harmonic(1) + 2 * harmonic(2)), 1e-13);
        close("H(Dirichlet(1, 1, 1))", new Dirichlet(Tensor.of(1, 1, 1)).entropy(), Math.log(0.5), 1e-14);
    }

    /** psi(n) = -gamma + H_(n-1) for a positive integer n. */
    static double psi(int n) {
        return -Special.EULER + harmonic(n - 1);
    }

    static double lnGamma(double x) {
        return org.apache.commons.math3.special.Gamma.logGamma(x);
    }

    @Test
    void klOfGammasAndDirichletsAgainstClosedFormsAtIntegerShapes() {
        // KL(Gamma(a, b) || Gamma(c, d)) = (a - c) psi(a) - ln Gamma(a) + ln Gamma(c) + c (ln b - ln d) + a (d - b) / b
        int[][] shapes = {{3, 5}, {20, 30}, {40, 12}, {11, 11}};
        double[][] rates = {{2, 1}, {1.5, 1.5}, {0.3, 4}, {1, 2}};
        for (int i = 0; i < shapes.length; i++) {
            int a = shapes[i][0];
            int c = shapes[i][1];
            double b = rates[i][0];
            double d = rates[i][1];
            double want = (a - c) * psi(a) - lnGamma(a) + lnGamma(c) + c * (Math.log(b) - Math.log(d)) + a * (d - b) / b;
            double terms = Math.abs((a - c) * psi(a)) + lnGamma(a) + lnGamma(c) + Math.abs(c * Math.log(b / d)) + a * Math.abs(d - b) / b;
            close("KL(Gamma(" + a + ", " + b + ") || Gamma(" + c + ", " + d + "))",
                    KL.divergence(new Gamma(a, b), new Gamma(c, d)), want, 1e-14 * terms + 1e-15);
        }
        // KL(Dir(a) || Dir(b)) = ln Gamma(a_0) - sum ln Gamma(a_i) - ln Gamma(b_0) + sum ln Gamma(b_i)
        //                        + sum (a_i - b_i) (psi(a_i) - psi(a_0))
        int[][][] pairs = {{{2, 3, 4}, {1, 5, 2}}, {{20, 30, 40}, {25, 15, 60}}, {{12, 12}, {3, 30}}};
        for (int[][] pr : pairs) {
            int[] a = pr[0];
            int[] b = pr[1];
            int a0 = 0;
            int b0 = 0;
            for (int i = 0; i < a.length; i++) {
                a0 += a[i];
                b0 += b[i];
            }
            double want = lnGamma(a0) - lnGamma(b0);
            double terms = lnGamma(a0) + lnGamma(b0);
            for (int i = 0; i < a.length; i++) {
                double t = -lnGamma(a[i]) + lnGamma(b[i]) + (a[i] - b[i]) * (psi(a[i]) - psi(a0));
                want += t;
                terms += Math.abs(lnGamma(a[i])) + Math.abs(lnGamma(b[i])) + Math.abs((a[i] - b[i]) * (psi(a[i]) - psi(a0)));
            }
            double[] ad = java.util.Arrays.stream(a).asDoubleStream().toArray();
            double[] bd = java.util.Arrays.stream(b).asDoubleStream().toArray();
            close("KL(Dir" + java.util.Arrays.toString(a) + " || Dir" + java.util.Arrays.toString(b) + ")",
                    KL.divergence(new Dirichlet(Tensor.of(ad)), new Dirichlet(Tensor.of(bd))), want, 1e-14 * terms + 1e-15);
            if (a.length == 2) {
                close("KL(Beta || Beta)", KL.divergence(new Beta(a[0], a[1]), new Beta(b[0], b[1])), want, 1e-14 * terms + 1e-15);
            }
        }
    }
}
