package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * The standard deviation where the variance leaves the double range but the standard deviation does
 * not: Normal(0, 1e200) has variance 1e400 (+inf in double) and standard deviation 1e200; Normal(0,
 * 1e-160) has a subnormal variance (sqrt of it kept 5 digits). Oracle: the closed form evaluated in
 * 40-digit BigDecimal from the exact parameters; tolerance 4u relative (at most three roundings: the
 * constant, the product or quotient, and the square root of a).
 */
class StandardDeviationTest {

    private static final MathContext MC = new MathContext(40);
    private static final double U = 0x1p-53;

    private static void close(UnivariateDistribution d, BigDecimal exact) {
        double want = exact.doubleValue();
        assertThat(d.stddev()).as("%s.stddev() vs %s", d, exact.round(new MathContext(17)))
                .isFinite().isPositive()
                .isCloseTo(want, org.assertj.core.api.Assertions.within(4 * U * want));
    }

    private static BigDecimal sqrt(double x) {
        return new BigDecimal(x).sqrt(MC);
    }

    @Test
    void closedFormsAtTheEndsOfTheDoubleRange() {
        for (double s : new double[] {1e200, 1e-160, 1e-300, 1e300, Double.MAX_VALUE / 4}) {
            BigDecimal b = new BigDecimal(s);
            close(new Normal(0, s), b);
            close(new Laplace(0, s), b.multiply(sqrt(2), MC));
            BigDecimal pi = new BigDecimal("3.141592653589793238462643383279502884197");
            close(new Logistic(0, s), b.multiply(pi, MC).divide(sqrt(3), MC));
        }
        for (double rate : new double[] {1e-170, 1e170, 1e-300, 1e300}) {
            close(new Exponential(rate), BigDecimal.ONE.divide(new BigDecimal(rate), MC));
        }
        // (shape, rate) with a variance out of range: 1e40 (rate^2 underflows), 1e300 (1e600), 1e-40 (rate^2 overflows)
        double[][] gammas = {{1e-300, 1e-170}, {1e-300, 1e-300}, {1e300, 1e-150}, {1e300, 1e170}};
        for (double[] g : gammas) {
            close(new Gamma(g[0], g[1]), sqrt(g[0]).divide(new BigDecimal(g[1]), MC));
        }
        // the variance of Uniform(-1e300, 1e300) overflows; the standard deviation 1e300 / sqrt(3) does not
        close(new Uniform(-1e300, 1e300), new BigDecimal(1e300).divide(sqrt(3), MC));
        close(new Uniform(1e-300, 3e-300), new BigDecimal(3e-300).subtract(new BigDecimal(1e-300)).divide(sqrt(12), MC));
    }

    @Test
    void theDefaultIsTheSquareRootOfTheVariance() {
        Beta beta = new Beta(2, 3);
        assertThat(beta.stddev()).isEqualTo(Math.sqrt(beta.variance()));
        Poisson poisson = new Poisson(7);
        assertThat(poisson.stddev()).isEqualTo(Math.sqrt(7));
    }
}
