package dlmath.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The operation counter: what it counts, nesting, and its refusals. */
class OpCountTest {

    @Test
    void countsTheKernelsOperations() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        assertThat(OpCount.during(() -> a.exp())).isEqualTo(4);
        assertThat(OpCount.during(() -> a.add(a))).isEqualTo(4);
        assertThat(OpCount.during(() -> a.matmul(a))).isEqualTo(2 * 2 * 2 * 2);
        assertThat(OpCount.during(() -> a.sum(new int[] {1}, true))).isEqualTo(2);
        assertThat(OpCount.during(() -> a.mean(new int[] {0, 1}, false))).isEqualTo(4);
        assertThat(OpCount.during(() -> a.logsumexp(new int[] {1}, true))).isEqualTo(2 * (4 * 2 - 2));
        assertThat(OpCount.during(() -> a.transpose().reshape(4))).isZero();       // data movement is not counted
        assertThat(OpCount.during(() -> dlmath.linalg.Lu.of(a).solve(Tensor.of(1.0, 1.0)))).isEqualTo(2 + 2 + 6);
    }

    @Test
    void nestedCountsAddUpAndNothingIsCountedOutside() {
        Tensor a = Tensor.of(1.0, 2.0, 3.0);
        long[] inner = new long[1];
        long outer = OpCount.during(() -> {
            a.exp();
            inner[0] = OpCount.during(() -> a.log());
        });
        assertThat(inner[0]).isEqualTo(3);
        assertThat(outer).isEqualTo(6);
        OpCount.add(5);                                          // no count running: ignored
        assertThat(OpCount.during(() -> { })).isZero();
    }

    @Test
    void refusesNullAndNegativeCounts() {
        assertThatThrownBy(() -> OpCount.during(null)).isInstanceOf(NullPointerException.class).hasMessage("body");
        assertThatThrownBy(() -> OpCount.add(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be >= 0, got -1");
    }
}
