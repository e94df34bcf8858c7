package dlmath.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Sums, means, dot and matrix products whose partial sums overflow although every entry is finite,
 * against exact values (the scaled recomputation is exact on these powers-of-two inputs), and the
 * edges of a few conventions (ranges, axes, the operation counter, hashing).
 */
class TensorExtremesTest {

    static final double MAX = Double.MAX_VALUE;
    static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void sumAndMeanRecoverFromAnOverflowedPartialSum() {
        // MAX + MAX overflows, the exact sum is MAX; with an infinite entry the sum stays infinite
        assertThat(Tensor.of(MAX, MAX, -MAX).sumAll()).isEqualTo(MAX);
        assertThat(Tensor.of(-MAX, -MAX, MAX).sumAll()).isEqualTo(-MAX);
        assertThat(Tensor.of(MAX, MAX).sumAll()).isEqualTo(INF);          // beyond the range: +inf, never NaN
        assertThat(Tensor.of(INF, -MAX, -MAX).sumAll()).isEqualTo(INF);
        assertThat(Tensor.of(new double[][] {{MAX, MAX, -MAX}, {1, 2, 3}}).sum(new int[] {1}, false).toArray())
                .containsExactly(MAX, 6);
        // the mean of three MAX is MAX (the sum overflows, the scaled sum divided by 3 does not)
        assertThat(Tensor.of(MAX, MAX, MAX).meanAll()).isEqualTo(MAX);
        assertThat(Tensor.of(-MAX, -MAX).meanAll()).isEqualTo(-MAX);
        assertThat(Tensor.of(new double[][] {{MAX, MAX}, {4, 2}}).mean(new int[] {1}, false).toArray())
                .containsExactly(MAX, 3);
        assertThat(Tensor.of(INF, MAX).meanAll()).isEqualTo(INF);
        // the overflowing group is not the first one (its entries start at a non-zero offset)
        assertThat(Tensor.of(new double[][] {{1, 2, 3}, {MAX, MAX, -MAX}}).sum(new int[] {1}, false).toArray())
                .containsExactly(6, MAX);
        assertThat(Tensor.of(new double[][] {{4, 2}, {MAX, MAX}}).mean(new int[] {1}, false).toArray())
                .containsExactly(3, MAX);
        assertThat(Tensor.of(new double[][] {{4, 2, 3}, {MAX, MAX, MAX}}).mean(new int[] {1}, false).toArray())
                .containsExactly(3, MAX);
    }

    @Test
    void dotAndMatmulRecoverFromInfMinusInf() {
        // MAX * 2 - MAX * 2: inf - inf in the plain sum; the exact value is 0, and MAX with a third term MAX * 1
        assertThat(Tensor.of(MAX, -MAX).dot(Tensor.of(2, 2))).isZero();
        assertThat(Tensor.of(MAX, -MAX, MAX).dot(Tensor.of(2, 2, 1))).isEqualTo(MAX);
        assertThat(Tensor.of(INF, 1).dot(Tensor.of(0, 1))).isNaN();         // inf * 0: a true NaN stays
        assertThat(Tensor.of(1, -MAX).dot(Tensor.of(INF, 2))).isNaN();
        Tensor a = Tensor.of(new double[][] {{MAX, -MAX, MAX}});
        Tensor b = Tensor.of(new double[][] {{2}, {2}, {1}});
        assertThat(a.matmul(b).toArray()).containsExactly(MAX);
        // a stack of two: the second matrix overflows, the first does not
        Tensor stack = Tensor.of(new double[] {1, 2, 3, MAX, -MAX, MAX}).reshape(2, 1, 3);
        assertThat(stack.matmul(b).toArray()).containsExactly(1 * 2 + 2 * 2 + 3, MAX);
        assertThat(stack.matmul(Tensor.of(2, 2, 1)).shape()).containsExactly(2, 1);
        // stacks of 2 x 2 matrices on both sides: [[1, 2], [3, 4]] @ I and [[MAX, -MAX], [1, 1]] @ [[2, 1], [2, 1]]
        // (inf - inf in the plain sums; exactly [[0, 0], [4, 2]]), the first untouched by the rescaling
        Tensor as = Tensor.of(new double[] {1, 2, 3, 4, MAX, -MAX, 1, 1}).reshape(2, 2, 2);
        Tensor bs = Tensor.of(new double[] {1, 0, 0, 1, 2, 1, 2, 1}).reshape(2, 2, 2);
        assertThat(as.matmul(bs).toArray()).containsExactly(1, 2, 3, 4, 0, 0, 4, 2);
        assertThat(Tensor.of(new double[][] {{INF, 1}}).matmul(Tensor.of(new double[][] {{0}, {1}})).toArray()[0])
                .isNaN();
        // 4 MAX + 4 MAX - 2 MAX = 6 MAX: beyond the range, +inf (not NaN) after the rescaling
        assertThat(Tensor.of(new double[][] {{MAX, MAX, -MAX}}).matmul(Tensor.of(new double[][] {{4}, {4}, {2}}))
                .toArray()).containsExactly(INF);
    }

    @Test
    void conventionsAtTheirEdges() {
        assertThat(Tensor.arange(0, 1, 1).toArray()).containsExactly(0);
        assertThat(Tensor.arange(0, 1, 0.5).toArray()).containsExactly(0, 0.5);
        assertThatThrownBy(() -> Tensor.of(1, 2).unsqueeze(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be in [-2, 1]");
        assertThat(Tensor.of(1, 2).unsqueeze(-2).shape()).containsExactly(1, 2);
        assertThatThrownBy(() -> Shapes.normalizeAxis(0, 0)).hasMessage("axis 0 out of range for rank 0");
        assertThatThrownBy(() -> Shapes.normalizeAxis(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank must be >= 0, was -1");
        assertThatThrownBy(() -> Shapes.broadcast(new int[] {0}, new int[] {2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Shapes.broadcast: every side of a must be >= 1, but [0] has side 0");
        assertThatThrownBy(() -> Shapes.broadcast(new int[] {2}, new int[] {-1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every side of b");
    }

    @Test
    void whereIsCountedAndCountsResumeAfterANestedCount() {
        Tensor c = Tensor.of(1, 0, 1);
        assertThat(OpCount.during(() -> Tensor.where(c, c, c))).isEqualTo(3);
        Tensor a = Tensor.of(1.0, 2.0);
        long outer = OpCount.during(() -> {
            OpCount.during(() -> a.log());
            a.exp();                                           // after the inner count ended: still counted
        });
        assertThat(outer).isEqualTo(4);
        OpCount.add(0);                                         // zero operations are a valid record
    }

    @Test
    void equalTensorsHashEquallyAndShapeEntersTheHash() {
        Tensor v = Tensor.of(1, 2, 3, 4);
        assertThat(v.hashCode()).isEqualTo(Tensor.of(1, 2, 3, 4).hashCode());
        assertThat(v.hashCode()).isNotEqualTo(v.reshape(2, 2).hashCode());
        assertThat(v.hashCode()).isNotEqualTo(Tensor.of(1, 2, 3, 5).hashCode());
        assertThat(v.hashCode()).isNotZero();
        assertThat(Arrays.hashCode(new int[] {4})).isNotEqualTo(Arrays.hashCode(new int[] {2, 2}));
    }
}
