package dlmath.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NumPy's summarized printing (threshold 1000 entries, 3 edge items), checked against the expected
 * text built here with {@link String#format} padding; and the size and null checks of {@link Checks}
 * with their exact messages.
 */
class PrintingAndChecksTest {

    /** One printed row of a summarized rank-2 tensor: the first and last three cells around "...". */
    static String row(Tensor t, int i, int[] cols, int width) {
        List<String> cells = new ArrayList<>();
        for (int j : cols) {
            cells.add(String.format("%" + width + "s", j < 0 ? "..." : Double.toString(t.get(i, j))));
        }
        return "[" + String.join(", ", cells) + "]";
    }

    @Test
    void aTensorOfMoreThanAThousandEntriesIsSummarizedLikeNumPy() {
        Tensor v = Tensor.arange(1001);
        assertThat(v.toString()).isEqualTo("Tensor[1001]\n[   0.0,    1.0,    2.0,    ...,  998.0,  999.0, 1000.0]");
        // exactly the threshold: printed in full
        String full = Tensor.arange(1000).toString();
        assertThat(full).doesNotContain("...").contains(" 500.0,");

        Tensor m = Tensor.arange(7 * 143).reshape(7, 143);   // 1001 entries, both axes longer than 6
        int[] cols = {0, 1, 2, -1, 140, 141, 142};
        int width = "1000.0".length();
        String expected = "Tensor[7, 143]\n[" + row(m, 0, cols, width) + ",\n " + row(m, 1, cols, width) + ",\n "
                + row(m, 2, cols, width) + ",\n ...,\n " + row(m, 4, cols, width) + ",\n " + row(m, 5, cols, width)
                + ",\n " + row(m, 6, cols, width) + "]";
        assertThat(m.toString()).isEqualTo(expected);

        // an axis of exactly 2 * 3 entries is printed in full even when the tensor is summarized
        Tensor six = Tensor.zeros(6, 200);
        String[] lines = six.toString().split("\n");
        assertThat(lines).hasSize(7);
        assertThat(lines[6]).isEqualTo(" [0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.0]]");
    }

    @Test
    void summarizedRankThreeSeparatesBlocksByABlankLine() {
        Tensor t = Tensor.zeros(7, 1, 150);                   // 1050 entries
        String s = t.toString();
        assertThat(s).startsWith("Tensor[7, 1, 150]\n[[[0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.0]],\n\n [[0.0,");
        assertThat(s).contains("]],\n\n ...,\n\n [[0.0");
        assertThat(s.split("\n\n")).hasSize(7);
    }

    @Test
    void sizeProductRefusesNegativeSizesAndOverflowNamingTheOperation() {
        assertThat(Checks.sizeProduct("eye", 3, 4)).isEqualTo(12);
        assertThat(Checks.sizeProduct("eye")).isEqualTo(1);
        assertThat(Checks.sizeProduct("eye", Integer.MAX_VALUE, 1)).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Checks.sizeProduct("eye", 46341, 46341)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eye: result of size 46341 x 46341 has more than 2147483647 elements");
        assertThatThrownBy(() -> Checks.sizeProduct("zeros", 2, -1, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zeros: negative size -1 in 2 x -1 x 3");
        assertThatThrownBy(() -> Checks.sizeProduct(null, -2)).hasMessage("Checks: negative size -2 in -2");
        assertThatThrownBy(() -> Checks.sizeProduct(" ", -2)).hasMessage("Checks: negative size -2 in -2");
        assertThat(Checks.sizeProduct("zeros", 0, 5)).isZero();
        assertThatThrownBy(() -> Checks.sizeProduct("eye", (int[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("factors");
    }

    @Test
    void sizeSumRefusesOverflow() {
        assertThat(Checks.sizeSum("cat", 2, 3)).isEqualTo(5);
        assertThat(Checks.sizeSum("cat", Integer.MAX_VALUE - 1, 1)).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> Checks.sizeSum("cat", Integer.MAX_VALUE, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cat: size 2147483647 + 1 exceeds 2147483647");
        assertThatThrownBy(() -> Checks.sizeSum("", Integer.MAX_VALUE, 1)).hasMessageStartingWith("Checks: size");
    }

    @Test
    void nullChecksNameTheParameterOrTheElement() {
        String x = "x";
        assertThat(Checks.notNull(x, "value")).isSameAs(x);
        assertThatThrownBy(() -> Checks.notNull(null, "value")).isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> Checks.notNull(x, null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        String[] ok = {"a", "b"};
        assertThat(Checks.noNulls(ok, "xs")).isSameAs(ok);
        assertThatThrownBy(() -> Checks.noNulls(new String[] {"a", null, null}, "xs"))
                .isInstanceOf(NullPointerException.class).hasMessage("xs[1]");
        assertThatThrownBy(() -> Checks.noNulls(null, "xs")).isInstanceOf(NullPointerException.class).hasMessage("xs");
        assertThatThrownBy(() -> Checks.noNulls(ok, null)).isInstanceOf(NullPointerException.class).hasMessage("name");
    }
}
