package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of {@link Beta} aimed at the branches the mutation run (PIT) left untested: the log
 * density in its direct and Stirling (both concentrations large) forms, the four regimes of the
 * entropy, the mean and variance past the double range of a + b, and the clamping of the CDF,
 * against mpmath 1.3.0 (200 digits; {@code theorems/robustness/mpmath/prob_mutation.py} prints the
 * table), commons-math3's BetaDistribution and closed forms.
 *
 * <p>Tolerances: {@code 8u} times the sum of the sizes of the terms each form adds (u = 2^-53): a
 * rounding of each term and of each addition, with a factor 2 to spare; Stirling's series of the
 * entropy for a concentration of 1e6 or more leaves O(a^-3) &lt; 1e-17 (the Javadoc of
 * {@code Special.dirichletEntropyLarge} and of {@code Beta.entropy}).
 */
class BetaMutationTest {

    private static final double U = 0x1p-53;

    /** name, arguments (a, b[, x]), mpmath value. */
    static final String REFERENCE = """
            betaLogProb 20.0,1000000.0,1e-05 8.224893136133325333620425
            betaLogProb 12.0,2000000.0,7e-06 12.03597151815076080764938
            betaLogProb 2000000.0,12.0,0.999994 12.34032604013733890651857
            betaLogProb 0.5,2.5,0.25 0.09772343904459998097142739
            betaLogProb 2.5,0.5,0.75 0.09772343904459998097142739
            betaLogProb 3.0,1000000.0,2e-06 12.50866073852105274852526
            betaEntropy 1000000.0,2000000.0 -6.790161810721964063040355
            betaEntropy 2000000.0,2000000.0 -6.875111231897386179110713
            betaEntropy 2.5,3000000.0 -13.18417602046036413905877
            betaEntropy 3000000.0,0.5 -14.82351300005174498518978
            betaEntropy 10000000.0,12.0 -13.48506803481738530037497
            betaEntropy 0.3,2.5 -1.970286252125176455044295
            betaEntropy 2.5,0.3 -1.970286252125176455044295
            betaEntropy 0.5,0.5 -0.2415644752704904446910369
            betaEntropy 2.0,3.0 -0.2349066497880003102297095
            betaEntropy 7.5,1.5 -0.8786991925213449025798673
            betaLogProb 1000.0,100000000.0,1e-05 14.04778618800089372962087
            betaEntropy 500000.0,1000000.0 -6.443588442664470575083025
            betaEntropy 9.5,1000000.0 -11.3069628365322228434376
            """;

    static double[] numbers(String csv) {
        return java.util.Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** |(c - 1) psi(c)| as a term size (commons-math3's digamma: sizing only). */
    static double psiTerm(double c, double at) {
        return Math.abs((c - 1) * Gamma.digamma(at));
    }

    @Test
    void logDensityAndEntropyAgreeWithMpmath() {
        for (String line : REFERENCE.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            double[] p = numbers(f[1]);
            double a = p[0];
            double b = p[1];
            double ref = Double.parseDouble(f[2]);
            Beta beta = new Beta(a, b);
            double small = Math.min(a, b);
            double big = Math.max(a, b);
            double lnB = Math.abs(org.apache.commons.math3.special.Beta.logBeta(a, b));
            double got;
            double tol;
            if (f[0].equals("betaLogProb")) {
                double x = p[2];
                got = beta.logProb(x);
                double sizes;
                if (small >= 10 && big >= 1e6) {
                    // Stirling's form: a phi(x/m - 1) + b phi((1-x)/(1-m) - 1), ln x, ln(1 - x), ln a / 2, ln b / 2
                    double m = a / (a + b);
                    double t = x / m - 1;
                    double s = (1 - x) / (1 - m) - 1;
                    sizes = a * (t - Math.log1p(t)) + b * (s - Math.log1p(s)) + Math.abs(Math.log(x)) + Math.abs(Math.log1p(-x))
                            + Math.log(a * b) + 10;
                } else {
                    // (a - 1) ln x + (b - 1) ln(1 - x) - ln B(a, b)
                    sizes = Math.abs((a - 1) * Math.log(x)) + Math.abs((b - 1) * Math.log1p(-x)) + lnB;
                }
                tol = 8 * U * (Math.abs(ref) + sizes);
            } else {
                got = beta.entropy();
                double sizes;
                if (small >= 1e6) {
                    sizes = 2 * Math.log(a + b) + Math.log(a) + Math.log(b);
                } else if (big >= 1e6) {
                    // ln B, (small - 1) psi(small), (big - 1)(psi(s) - psi(big)) ~ small, (small - 1) psi(s)
                    sizes = lnB + psiTerm(small, small) + (small + 1) * (2 * Math.log(a + b) + 2);
                } else if (small < 1) {
                    sizes = lnB + psiTerm(a, a + 1) + psiTerm(b, b + 1) + Math.abs((a + b - 2) * Gamma.digamma(a + b + 1)) + 1
                            + (a / b + b / a) / (a + b);
                } else {
                    sizes = lnB + psiTerm(a, a) + psiTerm(b, b) + Math.abs((a + b - 2) * Gamma.digamma(a + b));
                }
                tol = 8 * U * (Math.abs(ref) + sizes) + 1e-17;
            }
            assertThat(Math.abs(got - ref)).as("%s: got %s", line.strip(), got).isLessThanOrEqualTo(tol);
        }
    }

    @Test
    void densityCdfMeanAndVarianceAgainstCommonsMathAndClosedForms() {
        Beta beta = new Beta(2.5, 0.75);
        BetaDistribution oracle = new BetaDistribution(2.5, 0.75);
        for (double x : new double[] {0.01, 0.3, 0.5, 0.97}) {
            // commons-math3 density: exp of the same log form with its own logBeta, ~1e-14 relative
            assertThat(beta.logProb(x)).as("logProb(%s)", x).isCloseTo(oracle.logDensity(x), within(1e-13));
            assertThat(beta.cdf(x)).as("cdf(%s)", x).isCloseTo(oracle.cumulativeProbability(x), within(1e-13));
        }
        // outside [0, 1]: density 0, CDF clamped to 0 and 1; at the ends x^(a-1) with a > 1 is 0, (1-x)^(b-1) with b < 1 infinite
        assertThat(beta.logProb(-0.25)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(beta.logProb(1.25)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(beta.logProb(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(beta.logProb(1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(beta.cdf(-3)).isZero();
        assertThat(beta.cdf(7)).isEqualTo(1.0);
        // a = 1: the factor x^0 = 1 also at x = 0 (0 ln 0 = 0): Beta(1, 3) has density 3 (1 - x)^2, 3 at 0
        assertThat(new Beta(1, 3).logProb(0)).isCloseTo(Math.log(3), within(4 * U * Math.log(3)));
        assertThat(new Beta(3, 1).logProb(1)).isCloseTo(Math.log(3), within(4 * U * Math.log(3)));
        // large concentrations at the ends of [0, 1]: density 0 (the Stirling form is used only inside)
        Beta large = new Beta(20, 1e6);
        assertThat(large.logProb(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(large.logProb(1)).isEqualTo(Double.NEGATIVE_INFINITY);
        // mean a / (a + b) and variance ab / ((a+b)^2 (a+b+1)), exactly representable cases
        assertThat(new Beta(1, 3).mean()).isEqualTo(0.25);
        assertThat(new Beta(1, 3).variance()).isEqualTo(3.0 / 80, within(U * 3.0 / 80 * 4));
        // past the double range of a + b: the mean 1 / (1 + b/a), the variance m (1 - m) / (a + b + 1)
        assertThat(new Beta(1e308, 1e308).mean()).isEqualTo(0.5);
        assertThat(new Beta(1e308, 3e307).mean()).isCloseTo(1 / 1.3, within(4 * U));
        double v = new Beta(1e300, 3e300).variance();   // a + b = 4e300 >= 1e100: m = 1/4, var = (3/16) / (4e300 + 1)
        assertThat(v).isCloseTo(3.0 / 16 / 4e300, within(8 * U * 3.0 / 16 / 4e300));
        double w = new Beta(2e99, 6e99).variance();      // a + b = 8e99 < 1e100: the direct form, same closed form
        assertThat(w).isCloseTo(3.0 / 16 / 8e99, within(8 * U * 3.0 / 16 / 8e99));
        // both concentrations subnormal: the entropy is -inf (the shifted digamma form; psi(a) itself is -inf there)
        assertThat(new Beta(Double.MIN_VALUE, Double.MIN_VALUE).entropy()).isEqualTo(Double.NEGATIVE_INFINITY);
        // support and kind
        assertThat(beta.isDiscrete()).isFalse();
        assertThat(beta.supportLow()).isZero();
        assertThat(beta.supportHigh()).isEqualTo(1.0);
        assertThat(beta.toString()).isEqualTo("Beta(concentration1=2.5, concentration0=0.75)");
        assertThat(beta.concentration1()).isEqualTo(2.5);
        assertThat(beta.concentration0()).isEqualTo(0.75);
    }

    @Test
    void samplesHaveTheMean() {
        // the mean of 4000 draws of Beta(0.5, 2) (mean 0.2, sd 0.2138): |error| <= 6.1 sd / sqrt(n) = 0.0206 except
        // with probability 1e-9 (Chebyshev would need more; the mean of bounded draws obeys Hoeffding:
        // P(|mean - 0.2| >= t) <= 2 exp(-2 n t^2) = 1e-9 for t = sqrt(ln(2e9) / (2 n)) = 0.0518); Hoeffding's t is used
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        Beta beta = new Beta(0.5, 2);
        double s = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            double x = beta.sample(rng);
            assertThat(x).isBetween(0.0, 1.0);
            s += x;
        }
        assertThat(s / n).isCloseTo(0.2, within(Math.sqrt(Math.log(2e9) / (2 * n))));
    }
}
