package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlmath.prob.DiscreteDistributionMutationTest.FixedRng;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * Normal, Laplace and Logistic where x - loc overflows (both finite, opposite signs near the ends of the
 * range), and their samplers at chosen generator values (inversion: the sample is F^-1(u) in closed form;
 * the polar method: the first value u sqrt(-2 ln s / s) of the first pair with 0 &lt; s &lt; 1).
 *
 * <p>Oracles: (x - loc) / scale in BigDecimal (exact, then rounded once); closed-form inverse CDFs.
 * Tolerances: a few ulps of the result (relative 1e-15), the formulas being a handful of roundings.
 */
class LocationScaleMutationTest {

    static double exactZ(double x, double loc, double scale) {
        return new BigDecimal(x).subtract(new BigDecimal(loc)).divide(new BigDecimal(scale), MathContext.DECIMAL128)
                .doubleValue();
    }

    @Test
    void standardizeWhenTheDifferenceOverflows() {
        double loc = 1.5e308;
        double x = -1.5e308;
        double scale = 10;
        double z = exactZ(x, loc, scale);   // -3e307
        Laplace lap = new Laplace(loc, scale);
        double want = -Math.abs(z) - Math.log(2 * scale);
        assertThat(lap.logProb(x)).isCloseTo(want, org.assertj.core.api.Assertions.withinPercentage(1e-13));
        assertThat(lap.cdf(x)).isEqualTo(0.0);
        assertThat(new Laplace(-loc, scale).cdf(-x)).isEqualTo(1.0);
        Logistic logi = new Logistic(loc, scale);
        assertThat(logi.logProb(x)).isCloseTo(-Math.abs(z) - Math.log(scale),
                org.assertj.core.api.Assertions.withinPercentage(1e-13));
        Normal n = new Normal(loc, 1e300);
        double zn = exactZ(x, loc, 1e300);   // -3e8
        assertThat(n.logProb(x)).isCloseTo(-0.5 * zn * zn - Math.log(1e300) - 0.5 * Math.log(2 * Math.PI),
                org.assertj.core.api.Assertions.withinPercentage(1e-13));
        assertThat(n.scoreLoc(x)).isCloseTo(zn / 1e300, org.assertj.core.api.Assertions.withinPercentage(1e-13));
    }

    @Test
    void inversionSamplersAtChosenUniforms() {
        // Logistic: F^-1(u) = loc + s ln(u / (1 - u)); a generator returning 0 first is asked again
        Logistic logi = new Logistic(2, 3);
        assertThat(logi.sample(new FixedRng(0.25))).isCloseTo(2 + 3 * Math.log(1.0 / 3), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(logi.sample(new FixedRng(0.0, 0.0, 0.75))).isCloseTo(2 + 3 * Math.log(3), org.assertj.core.api.Assertions.within(1e-15));
        assertThatThrownBy(() -> logi.sample(new FixedRng(0.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Logistic sampler").hasMessageContaining("degenerate");
        Laplace lap = new Laplace(-1, 2);
        assertThat(lap.sample(new FixedRng(0.0, 0.25))).isCloseTo(-1 + 2 * Math.log(0.5), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(lap.sample(new FixedRng(0.5))).isEqualTo(-1.0);
        assertThat(lap.sample(new FixedRng(0.875))).isCloseTo(-1 - 2 * Math.log(0.25), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(lap.cdf(-1)).isEqualTo(0.5);
        assertThatThrownBy(() -> lap.sample(new FixedRng(0.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Laplace sampler").hasMessageContaining("degenerate");
        // Exponential: -ln(1 - u) / rate
        assertThat(new Exponential(4).sample(new FixedRng(0.75))).isCloseTo(Math.log(4) / 4, org.assertj.core.api.Assertions.within(1e-16));
        assertThat(new Exponential(4).cdf(0)).isZero();
        // Uniform: low + (high - low) u
        assertThat(new Uniform(-2, 6).sample(new FixedRng(0.375))).isEqualTo(1.0);
    }

    /**
     * The polar method rejects s = 1 (u = 0, v = -1: generator values 1/2 and 0) and s = 0, and returns
     * u sqrt(-2 ln s / s) for the first pair inside the unit disc: (1/2, 0) from 3/4, 1/2, with s = 1/4.
     */
    @Test
    void polarMethodRejectsTheBoundaryOfTheDisc() {
        double want = 0.5 * Math.sqrt(-2 * Math.log(0.25) / 0.25);
        assertThat(Normal.standard(new FixedRng(0.5, 0.0, 0.75, 0.5))).isCloseTo(want, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(Normal.standard(new FixedRng(0.5, 0.5, 0.75, 0.5))).isCloseTo(want, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(new Normal(1, 2).sample(new FixedRng(0.75, 0.5))).isCloseTo(1 + 2 * want, org.assertj.core.api.Assertions.within(1e-14));
        assertThatThrownBy(() -> Normal.standard(new FixedRng(0.5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("polar method");
        // exactly MAX_REJECTIONS = 1000 rejected pairs, then a good one: refused (the bound is 1000 pairs)
        double[] values = new double[2 * Params.MAX_REJECTIONS + 2];
        java.util.Arrays.fill(values, 0.5);
        values[values.length - 2] = 0.75;
        assertThatThrownBy(() -> Normal.standard(new FixedRng(values))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000 rejected");
        double[] fewer = java.util.Arrays.copyOfRange(values, 2, values.length);
        assertThat(Normal.standard(new FixedRng(fewer))).isCloseTo(want, org.assertj.core.api.Assertions.within(1e-15));
    }
}
