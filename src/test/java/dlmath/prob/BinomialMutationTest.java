package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Binomial at and around the switch to Stirling's form (n &gt;= 1e6, 10 &lt;= k &lt;= n - 10, 0 &lt; p &lt; 1).
 *
 * <p>Oracles (closed forms whose terms are below 50 in magnitude, so 1e-13 absolute allows dozens of roundings;
 * the direct lgamma form loses n ln n u ~ 1e-9 here): the central term ln C(2m, m) - 2m ln 2 = -ln(pi m)/2
 * - 1/(8m) + O(m^-3) (from Stirling, DLMF 5.11.1; the m^-3 term is below 1e-18 at m = 5e5); at k = 10 and
 * k = n - 10, ln C(n, 10) as the sum of 10 logarithms minus ln 10!.
 */
class BinomialMutationTest {

    static void close(String what, double actual, double expected, double tol) {
        assertThat(Math.abs(actual - expected)).as("%s: %s vs oracle %s (tolerance %s)", what, actual, expected, tol)
                .isLessThanOrEqualTo(tol);
    }

    static double lnChooseTen(double n) {
        double r = 0;
        for (int j = 0; j < 10; j++) {
            r += Math.log(n - j) - Math.log(j + 1);
        }
        return r;
    }

    @Test
    void centralTermAtTheSwitchOver() {
        for (int m : new int[] {500_000, 1_250_000}) {
            double want = -0.5 * Math.log(Math.PI * m) - 1.0 / (8 * m);
            close("ln P(X = m), Binomial(" + 2 * m + ", 1/2)", new Binomial(2 * m, 0.5).logProb(m), want, 1e-13);
        }
    }

    @Test
    void tenFromEitherEnd() {
        int n = 1_000_000;
        double p = 1e-5;   // mean 10
        double want = lnChooseTen(n) + 10 * Math.log(p) + (n - 10) * Math.log1p(-p);
        close("ln P(X = 10), Binomial(1e6, 1e-5)", new Binomial(n, p).logProb(10), want, 1e-13);
        double q = 1 - 1.0 / 1024;   // exact, mean n - 976.5
        double wantHigh = lnChooseTen(n) + (n - 10) * Math.log(q) + 10 * Math.log(1.0 / 1024);
        close("ln P(X = n - 10), Binomial(1e6, 1 - 2^-10)", new Binomial(n, q).logProb(n - 10), wantHigh,
                1e-13 * Math.abs(wantHigh));
        // the last point: ln p^n, no binomial coefficient
        close("ln P(X = n)", new Binomial(2_000_000, q).logProb(2_000_000), 2e6 * Math.log(q), 1e-15 * 2e6 * Math.log(1024));
    }

    @Test
    void degenerateProbabilitiesAtLargeN() {
        Binomial zero = new Binomial(2_000_000, 0);
        assertThat(zero.logProb(0)).isEqualTo(0.0);
        assertThat(zero.logProb(10)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(zero.logProb(1_000_000)).isEqualTo(Double.NEGATIVE_INFINITY);
        Binomial one = new Binomial(2_000_000, 1);
        assertThat(one.logProb(2_000_000)).isEqualTo(0.0);
        assertThat(one.logProb(2_000_000 - 10)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(one.logProb(1_000_000)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
