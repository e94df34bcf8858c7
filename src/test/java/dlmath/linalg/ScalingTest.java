package dlmath.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The power-of-two scaling policy of {@link Scaling}, at the edges of each rule: the expected
 * exponents are worked out by hand from the documented policy (keep {@code max|a|} below
 * {@code 2^(HIGH - bitlength(n))}, scale up below {@code 2^LOW}; half of both for squares).
 */
class ScalingTest {

    @Test
    void exponentKeepsOrdinaryMatricesAndScalesOnlyPastEachEdge() {
        // n = 1: bitlength 1, the top kept exponent is 999
        assertThat(Scaling.exponent(0x1p999, 1)).isZero();
        assertThat(Scaling.exponent(0x1.fffffp999, 1)).isZero();
        assertThat(Scaling.exponent(0x1p1000, 1)).isEqualTo(1);
        assertThat(Scaling.exponent(Double.MAX_VALUE, 1)).isEqualTo(1023 - 999);
        // n = 3 and 4: bitlength 2 and 3, top kept exponents 998 and 997; n = 0 counts as 1
        assertThat(Scaling.exponent(0x1p998, 3)).isZero();
        assertThat(Scaling.exponent(0x1p999, 3)).isEqualTo(1);
        assertThat(Scaling.exponent(0x1p999, 4)).isEqualTo(2);
        assertThat(Scaling.exponent(0x1p999, 0)).isZero();
        // the low edge: 2^-500 is kept, below it the matrix is brought to [1, 2)
        assertThat(Scaling.exponent(0x1p-500, 7)).isZero();
        assertThat(Scaling.exponent(0x1.8p-501, 7)).isEqualTo(-501);
        assertThat(Scaling.exponent(Double.MIN_VALUE, 7)).isEqualTo(-1074);
        assertThat(Scaling.exponent(1.5, 7)).isZero();
        // zero and non-finite maxima are left alone (the caller refuses non-finite input)
        assertThat(Scaling.exponent(0, 3)).isZero();
        assertThat(Scaling.exponent(Double.POSITIVE_INFINITY, 3)).isZero();
        assertThat(Scaling.exponent(Double.NaN, 3)).isZero();
    }

    @Test
    void squaresExponentUsesHalfTheRange() {
        // n = 1: top kept exponent 500 - 1 = 499; bottom -250
        assertThat(Scaling.squaresExponent(0x1p499, 1)).isZero();
        assertThat(Scaling.squaresExponent(0x1p500, 1)).isEqualTo(1);
        assertThat(Scaling.squaresExponent(0x1p500, 2)).isEqualTo(2);
        assertThat(Scaling.squaresExponent(0x1p499, 0)).isZero();
        assertThat(Scaling.squaresExponent(0x1p-250, 5)).isZero();
        assertThat(Scaling.squaresExponent(0x1p-251, 5)).isEqualTo(-251);
        assertThat(Scaling.squaresExponent(0, 5)).isZero();
        assertThat(Scaling.squaresExponent(Double.NEGATIVE_INFINITY, 5)).isZero();
        assertThat(Scaling.squaresExponent(Double.NaN, 5)).isZero();
    }

    @Test
    void evenExponentRoundsOddExponentsUp() {
        assertThat(Scaling.evenExponent(0x1p1000, 1)).isEqualTo(2);     // exponent 1
        assertThat(Scaling.evenExponent(0x1p1001, 1)).isEqualTo(2);     // exponent 2
        assertThat(Scaling.evenExponent(0x1p-501, 1)).isEqualTo(-500);  // exponent -501
        assertThat(Scaling.evenExponent(0x1p-502, 1)).isEqualTo(-502);
        assertThat(Scaling.evenExponent(3.0, 1)).isZero();
    }

    @Test
    void exponentOfCountsSubnormalsBelowMinExponent() {
        assertThat(Scaling.exponentOf(1.0)).isZero();
        assertThat(Scaling.exponentOf(Double.MIN_NORMAL)).isEqualTo(-1022);
        assertThat(Scaling.exponentOf(Double.MIN_NORMAL / 2)).isEqualTo(-1023);
        assertThat(Scaling.exponentOf(0x1.8p-1030)).isEqualTo(-1030);
        assertThat(Scaling.exponentOf(Double.MIN_VALUE)).isEqualTo(-1074);
        assertThat(Scaling.exponentOf(-0x1p-1074 * 5)).isEqualTo(-1072);
    }

    @Test
    void scalingIsExactAndInvertible() {
        double[][] a = {{3, -0.5}, {0x1p-1000, 7}};
        Scaling.scale(a, 3);
        assertThat(a[0]).containsExactly(0.375, -0.0625);
        assertThat(a[1]).containsExactly(0x1p-1003, 0.875);
        Scaling.unscale(a, 3);
        assertThat(a[0]).containsExactly(3, -0.5);
        assertThat(a[1]).containsExactly(0x1p-1000, 7);
        Scaling.scale(a, 0);
        assertThat(a[0]).containsExactly(3, -0.5);
        assertThat(Scaling.times(3, -2)).isEqualTo(0.75);
        assertThat(Scaling.times(3, 0)).isEqualTo(3);
        assertThat(Scaling.times(0x1p1000, 100)).isInfinite();
        Tensor t = Tensor.of(6, -2);
        assertThat(Scaling.scaled(t, 1).toArray()).containsExactly(3, -1);
        assertThat(Scaling.scaled(t, 0)).isSameAs(t);
    }
}
