package dlmath.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The API boundary of {@link Tensor} and {@link Shapes}: every bad input is an
 * {@link IllegalArgumentException} whose message names the problem, plus a few worked examples of
 * the semantics. The deep checking is done by the property-based theorems.
 */
class TensorApiTest {

    private static final Tensor A23 = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    /** Asserts an IllegalArgumentException whose message contains every fragment. */
    private static void assertRejects(ThrowingCallable call, String... fragments) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll(fragments);
    }

    // =========================================================================== errors

    @Nested
    class ShapesErrors {

        @Test
        void broadcastNamesBothShapes() {
            assertThatThrownBy(() -> Shapes.broadcast(new int[] {2, 3}, new int[] {4}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot broadcast [2, 3] with [4]");
        }

        @Test
        void normalizeAxisNamesAxisAndRank() {
            assertThatThrownBy(() -> Shapes.normalizeAxis(3, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("axis 3 out of range for rank 2");
            assertRejects(() -> Shapes.normalizeAxis(-3, 2), "axis -3", "rank 2");
            assertThat(Shapes.normalizeAxis(-1, 2)).isEqualTo(1);
            assertThat(Shapes.normalizeAxis(-2, 2)).isZero();
        }

        @Test
        void sizeAndToString() {
            assertThat(Shapes.size(new int[] {2, 3, 4})).isEqualTo(24);
            assertThat(Shapes.size(new int[0])).isEqualTo(1);
            assertThat(Shapes.toString(new int[] {2, 3})).isEqualTo("[2, 3]");
            assertThat(Shapes.toString(new int[0])).isEqualTo("[]");
            assertRejects(() -> Shapes.size(new int[] {2, -1}), "[2, -1]", "negative");
            assertRejects(() -> Shapes.size(new int[] {65536, 65536}), "[65536, 65536]");
        }
    }

    @Nested
    class FactoryErrors {

        @Test
        void eyeNamesParameterAndValue() {
            assertThatThrownBy(() -> Tensor.eye(-1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("eye: n must be >= 1, was -1");
        }

        @Test
        void arangeNamesParameterAndValue() {
            assertRejects(() -> Tensor.arange(0), "arange", "n must be >= 1, was 0");
            assertRejects(() -> Tensor.arange(0, 1, 0), "arange", "step", "was 0.0");
            assertRejects(() -> Tensor.arange(0, 1, Double.NaN), "step", "NaN");
            assertRejects(() -> Tensor.arange(Double.NEGATIVE_INFINITY, 1, 1), "start", "-Infinity");
            assertRejects(() -> Tensor.arange(1, 0, 1), "empty range", "start=1.0", "stop=0.0", "step=1.0");
        }

        @Test
        void shapesWithNonPositiveSidesAreRejected() {
            assertRejects(() -> Tensor.zeros(2, 0), "zeros", "[2, 0]", "side 0");
            assertRejects(() -> Tensor.ones(-1), "ones", "[-1]", "side -1");
            assertRejects(() -> Tensor.full(1.0, 3, -2), "full", "[3, -2]");
            assertRejects(() -> Tensor.randn(new SplittableRandom(1), 0), "randn", "[0]");
            assertRejects(() -> Tensor.rand(new SplittableRandom(1), 2, 0), "rand", "[2, 0]");
        }

        @Test
        void ofRejectsRaggedEmptyAndMismatchedData() {
            assertRejects(() -> Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8}}),
                    "ragged", "row 0 has length 3", "row 2 has length 2");
            assertRejects(() -> Tensor.of(new double[0][]), "at least one row");
            assertRejects(() -> Tensor.of(new double[][] {{}}), "empty");
            assertRejects(() -> Tensor.of(), "at least one value");
            assertRejects(() -> Tensor.of(new int[] {2, 3}, new double[5]),
                    "data length 5", "[2, 3]", "size 6");
        }

        @Test
        void nullArgumentsAreNullPointerExceptionsNamingTheParameter() {
            assertThatThrownBy(() -> Tensor.randn(null, 2)).isInstanceOf(NullPointerException.class).hasMessage("rng");
            assertThatThrownBy(() -> Tensor.of((double[]) null)).isInstanceOf(NullPointerException.class).hasMessage("values");
            assertThatThrownBy(() -> A23.add(null)).isInstanceOf(NullPointerException.class).hasMessage("other");
            assertThatThrownBy(() -> A23.map(null)).isInstanceOf(NullPointerException.class).hasMessage("f");
        }
    }

    @Nested
    class ShapeMismatchErrors {

        @Test
        void elementwiseOpsNameBothShapes() {
            Tensor b = Tensor.zeros(4);
            assertRejects(() -> A23.add(b), "add", "[2, 3]", "[4]");
            assertRejects(() -> A23.sub(b), "sub", "[2, 3]", "[4]");
            assertRejects(() -> A23.mul(b), "mul", "[2, 3]", "[4]");
            assertRejects(() -> A23.div(b), "div", "[2, 3]", "[4]");
            assertRejects(() -> A23.pow(b), "pow", "[2, 3]", "[4]");
            assertRejects(() -> A23.maximum(b), "maximum", "[2, 3]", "[4]");
            assertRejects(() -> A23.gt(b), "gt", "[2, 3]", "[4]");
            assertRejects(() -> A23.zipWith(b, Math::atan2), "zipWith", "[2, 3]", "[4]");
            assertRejects(() -> Tensor.where(Tensor.ones(2, 3), A23, b), "where", "[2, 3]", "[4]");
        }

        @Test
        void broadcastToNamesBothShapes() {
            assertRejects(() -> A23.broadcastTo(3, 3), "broadcastTo", "[2, 3]", "[3, 3]");
            assertRejects(() -> A23.broadcastTo(3), "broadcastTo", "[2, 3]", "[3]");
        }

        @Test
        void matmulNamesBothShapes() {
            assertThatThrownBy(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("matmul: inner dimensions differ: [2, 3] @ [4, 5]");
            assertRejects(() -> Tensor.zeros(3).matmul(Tensor.zeros(4)), "inner dimensions", "[3] @ [4]");
            assertRejects(() -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)),
                    "matmul", "batch", "[2, 3, 4] @ [3, 4, 5]");
            assertRejects(() -> Tensor.scalar(2).matmul(Tensor.zeros(3)), "matmul", "scalar", "[] @ [3]");
        }

        @Test
        void reshapeNamesBothShapesAndSizes() {
            assertThatThrownBy(() -> Tensor.zeros(2, 3).reshape(4, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("reshape: cannot reshape [2, 3] (size 6) to [4, 2] (size 8)");
            assertRejects(() -> A23.reshape(-1, -1), "only one -1", "[-1, -1]");
            assertRejects(() -> A23.reshape(4, -1), "[2, 3]", "size 6", "[4, -1]");
            assertRejects(() -> A23.reshape(-2, 3), "invalid side -2", "[-2, 3]");
            assertRejects(() -> A23.reshape(0, 6), "invalid side 0", "[0, 6]");
        }

        @Test
        void concatNamesBothShapes() {
            assertRejects(() -> Tensor.concat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)),
                    "concat", "[2, 3]", "[2, 4]", "axis 0");
            assertRejects(() -> Tensor.concat(0, Tensor.zeros(2, 3), Tensor.zeros(3)), "[2, 3]", "[3]");
            assertRejects(() -> Tensor.concat(0), "at least one");
        }

        @Test
        void vectorAndMatrixProductsNameShapes() {
            assertRejects(() -> Tensor.zeros(3).dot(Tensor.zeros(4)), "dot", "[3]", "[4]");
            assertRejects(() -> A23.dot(A23), "dot", "[2, 3]");
            assertRejects(() -> A23.outer(Tensor.zeros(3)), "outer", "[2, 3]", "[3]");
            assertRejects(() -> A23.kron(Tensor.zeros(3)), "kron", "[2, 3]", "[3]");
            assertRejects(A23::trace, "trace", "square", "[2, 3]");
            assertRejects(() -> Tensor.zeros(3).opNorm1(), "opNorm1", "rank 2", "[3]");
            assertRejects(() -> Tensor.zeros(3).opNormInf(), "opNormInf", "rank 2", "[3]");
            assertRejects(() -> Tensor.zeros(3).toArray2D(), "toArray2D", "rank 2", "[3]");
        }

        @Test
        void comparisonsNeedEqualShapes() {
            assertRejects(() -> A23.allClose(A23.transpose(), 0, 0), "allClose", "[2, 3]", "[3, 2]");
            assertRejects(() -> A23.maxAbsDiff(Tensor.zeros(6)), "maxAbsDiff", "[2, 3]", "[6]");
            assertRejects(() -> A23.allClose(A23, -1, 0), "atol", "-1.0");
            assertRejects(() -> A23.allClose(A23, 0, Double.NaN), "rtol", "NaN");
        }
    }

    @Nested
    class AxisAndIndexErrors {

        @Test
        void axisOutOfRangeNamesAxisAndRank() {
            assertThatThrownBy(() -> A23.sum(2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sum: axis 2 out of range for rank 2");
            assertRejects(() -> A23.dim(-3), "dim", "axis -3", "rank 2");
            assertRejects(() -> A23.mean(new int[] {5}, true), "mean", "axis 5", "rank 2");
            assertRejects(() -> A23.max(2), "max", "axis 2", "rank 2");
            assertRejects(() -> A23.min(2), "min", "axis 2", "rank 2");
            assertRejects(() -> A23.prod(2), "prod", "axis 2", "rank 2");
            assertRejects(() -> A23.logsumexp(2), "logsumexp", "axis 2", "rank 2");
            assertRejects(() -> A23.argmax(2), "argmax", "axis 2", "rank 2");
            assertRejects(() -> A23.slice(2, 0, 1), "slice", "axis 2", "rank 2");
            assertRejects(() -> A23.squeeze(2), "squeeze", "axis 2", "rank 2");
            assertRejects(() -> A23.unsqueeze(3), "unsqueeze", "axis 3", "rank 2");
            assertRejects(() -> A23.unsqueeze(-4), "unsqueeze", "axis -4", "rank 2");
            assertRejects(() -> A23.permute(0, 2), "permute", "axis 2", "rank 2");
            assertRejects(() -> Tensor.concat(2, A23, A23), "concat", "axis 2", "rank 2");
            assertRejects(() -> Tensor.scalar(1).sum(0), "sum", "axis 0", "rank 0");
        }

        @Test
        void repeatedAxesAndNonPermutationsAreRejected() {
            assertRejects(() -> A23.sum(new int[] {1, -1}, false), "sum", "repeats", "[1, -1]");
            assertRejects(() -> A23.permute(1, 1), "permute", "[1, 1]", "not a permutation", "[2, 3]");
            assertRejects(() -> A23.permute(0), "permute", "[2, 3]", "needs 2 axes");
        }

        @Test
        void indicesOutOfRangeAreNamed() {
            assertRejects(() -> A23.get(0, 3), "get", "index 3", "axis 1", "side 3", "[2, 3]");
            assertRejects(() -> A23.get(-1, 0), "get", "index -1", "axis 0");
            assertRejects(() -> A23.get(0), "get", "[2, 3]", "needs 2 indices");
            assertRejects(() -> A23.row(2), "row", "index 2", "2 rows", "[2, 3]");
            assertRejects(() -> A23.col(-1), "col", "index -1", "3 columns");
            assertRejects(() -> Tensor.zeros(3).row(0), "row", "rank 2", "[3]");
            assertRejects(() -> A23.slice(1, 2, 5), "slice", "[2, 5)", "axis 1", "side 3");
            assertRejects(() -> A23.slice(1, 2, 2), "slice", "[2, 2)", "empty");
            assertRejects(() -> A23.squeeze(0), "squeeze", "axis 0", "[2, 3]", "side 2");
            assertRejects(A23::item, "item", "[2, 3]", "6 elements");
        }
    }

    // ======================================================================== semantics

    @Nested
    class Semantics {

        @Test
        void broadcastingColumnPlusRow() {
            Tensor column = Tensor.of(new int[] {3, 1}, new double[] {0, 10, 20});
            Tensor row = Tensor.of(new int[] {1, 4}, new double[] {1, 2, 3, 4});
            Tensor sum = column.add(row);
            assertThat(sum.shape()).containsExactly(3, 4);
            assertThat(sum.toArray2D()).isEqualTo(new double[][] {
                {1, 2, 3, 4}, {11, 12, 13, 14}, {21, 22, 23, 24}});
            assertThat(Shapes.broadcast(new int[] {2, 1, 3}, new int[] {5, 3})).containsExactly(2, 5, 3);
            assertThat(A23.add(10.0)).isEqualTo(A23.add(Tensor.scalar(10)));
        }

        @Test
        void whereBroadcastsAllThree() {
            Tensor cond = Tensor.of(1, 0, 1);
            Tensor picked = Tensor.where(cond, A23, Tensor.scalar(-1));
            assertThat(picked.toArray2D()).isEqualTo(new double[][] {{1, -1, 3}, {4, -1, 6}});
        }

        @Test
        void matmulHandExample() {
            Tensor b = Tensor.of(new double[][] {{7, 8}, {9, 10}, {11, 12}});
            // [1 2 3] . [7 9 11] = 7 + 18 + 33 = 58, [1 2 3] . [8 10 12] = 8 + 20 + 36 = 64,
            // [4 5 6] . [7 9 11] = 28 + 45 + 66 = 139, [4 5 6] . [8 10 12] = 32 + 50 + 72 = 154.
            assertThat(A23.matmul(b).toArray2D()).isEqualTo(new double[][] {{58, 64}, {139, 154}});
        }

        @Test
        void matmulVectorCases() {
            Tensor v = Tensor.of(1, 1, 2);
            Tensor dot = v.matmul(Tensor.of(3, 4, 5));
            assertThat(dot.isScalar()).isTrue();
            assertThat(dot.item()).isEqualTo(17.0);
            Tensor mv = A23.matmul(v);
            assertThat(mv.shape()).containsExactly(2);
            assertThat(mv.toArray()).containsExactly(9, 21);
            Tensor vm = Tensor.of(1, -1).matmul(A23);
            assertThat(vm.shape()).containsExactly(3);
            assertThat(vm.toArray()).containsExactly(-3, -3, -3);
            // A vector against a stack keeps the batch axes: [3] @ [4, 3, 2] -> [4, 2].
            assertThat(v.matmul(Tensor.ones(4, 3, 2)).shape()).containsExactly(4, 2);
            assertThat(Tensor.ones(4, 2, 3).matmul(v).shape()).containsExactly(4, 2);
        }

        @Test
        void batchedMatmulBroadcastsBatchAxes() {
            SplittableRandom rng = new SplittableRandom(42);
            Tensor a = Tensor.randn(rng, 2, 1, 3, 4);
            Tensor b = Tensor.randn(rng, 5, 4, 2);
            Tensor c = a.matmul(b);
            assertThat(c.shape()).containsExactly(2, 5, 3, 2);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 5; j++) {
                    Tensor ai = a.slice(0, i, i + 1).reshape(3, 4);
                    Tensor bj = b.slice(0, j, j + 1).reshape(4, 2);
                    Tensor cij = c.slice(0, i, i + 1).slice(1, j, j + 1).reshape(3, 2);
                    assertThat(cij).isEqualTo(ai.matmul(bj));
                }
            }
        }

        @Test
        void blockedMatmulIsBitForBitTheTextbookSum() {
            // Sizes cross the k and j tile boundaries (128 and 512); m = 2 * 128 + 47 also leaves
            // 3 values of k after the 4-way unrolled loop.
            SplittableRandom rng = new SplittableRandom(7);
            int n = 5;
            int m = 303;
            int p = 530;
            double[][] a = Tensor.randn(rng, n, m).toArray2D();
            double[][] b = Tensor.randn(rng, m, p).toArray2D();
            double[][] expected = new double[n][p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    double s = 0;
                    for (int k = 0; k < m; k++) {
                        s += a[i][k] * b[k][j];
                    }
                    expected[i][j] = s;
                }
            }
            assertThat(Tensor.of(a).matmul(Tensor.of(b)).toArray2D()).isEqualTo(expected);
        }

        @Test
        void logsumexpIsStable() {
            Tensor huge = Tensor.of(1e300, 1e300);
            assertThat(huge.logsumexpAll()).isEqualTo(1e300 + Math.log(2)).isNotNaN();
            assertThat(Tensor.of(-1e300, -1e300).logsumexpAll()).isEqualTo(-1e300 + Math.log(2));
            assertThat(Tensor.of(1000, 1000).logsumexpAll()).isCloseTo(1000 + Math.log(2),
                    org.assertj.core.data.Offset.offset(1e-12));
            double negInf = Double.NEGATIVE_INFINITY;
            assertThat(Tensor.of(negInf, negInf).logsumexpAll()).isEqualTo(negInf);
            assertThat(Tensor.of(negInf, 0).logsumexpAll()).isEqualTo(0.0);
            Tensor rows = Tensor.of(new double[][] {{1e300, 1e300}, {0, 0}});
            assertThat(rows.logsumexp(1).toArray()).containsExactly(1e300 + Math.log(2), Math.log(2));
        }

        @Test
        void sigmoidIsStableAtExtremes() {
            Tensor s = Tensor.of(-1e300, -800, 0, 800, 1e300).sigmoid();
            assertThat(s.toArray()).containsExactly(0, 0, 0.5, 1, 1);
        }

        @Test
        void norm2ScalesToAvoidOverflowAndUnderflow() {
            assertThat(Tensor.of(3e200, 4e200).norm2()).isCloseTo(5e200, org.assertj.core.data.Percentage.withPercentage(1e-12));
            assertThat(Tensor.of(3e-200, 4e-200).norm2()).isCloseTo(5e-200, org.assertj.core.data.Percentage.withPercentage(1e-12));
            assertThat(Tensor.zeros(3).norm2()).isZero();
            assertThat(A23.frobenius()).isCloseTo(Math.sqrt(91), org.assertj.core.data.Offset.offset(1e-14));
            assertThat(A23.opNorm1()).isEqualTo(9);
            assertThat(A23.opNormInf()).isEqualTo(15);
        }

        @Test
        void reductionsOverAxes() {
            assertThat(A23.sum(0).toArray()).containsExactly(5, 7, 9);
            assertThat(A23.sum(new int[] {1}, true).shape()).containsExactly(2, 1);
            assertThat(A23.sum(new int[] {0, 1}, false).isScalar()).isTrue();
            assertThat(A23.mean(-1).toArray()).containsExactly(2, 5);
            assertThat(A23.prod(0).toArray()).containsExactly(4, 10, 18);
            assertThat(Tensor.of(1, 3, 3, 2).argmax(0).item()).isEqualTo(1.0);
            assertThat(Tensor.of(1, 3, 3, 2).argmaxAll()).isEqualTo(1);
            Tensor t = Tensor.arange(24).reshape(2, 3, 4);
            assertThat(t.sum(new int[] {0, 2}, false).toArray()).containsExactly(
                    (0 + 1 + 2 + 3) + (12 + 13 + 14 + 15), (4 + 5 + 6 + 7) + (16 + 17 + 18 + 19),
                    (8 + 9 + 10 + 11) + (20 + 21 + 22 + 23));
        }

        @Test
        void reshapingAndIndexing() {
            Tensor t = Tensor.arange(24).reshape(2, -1, 4);
            assertThat(t.shape()).containsExactly(2, 3, 4);
            assertThat(t.get(1, 2, 3)).isEqualTo(23);
            assertThat(t.permute(2, 0, 1).get(3, 1, 2)).isEqualTo(23);
            assertThat(t.transpose().shape()).containsExactly(2, 4, 3);
            assertThat(t.transpose().get(1, 3, 2)).isEqualTo(23);
            assertThat(t.slice(1, 1, 3).get(0, 0, 0)).isEqualTo(4);
            assertThat(Tensor.concat(-1, A23, A23.mul(10)).row(1).toArray()).containsExactly(4, 5, 6, 40, 50, 60);
            assertThat(Tensor.concat(0, A23, A23).shape()).containsExactly(4, 3);
            assertThat(A23.col(2).toArray()).containsExactly(3, 6);
            assertThat(A23.unsqueeze(-1).shape()).containsExactly(2, 3, 1);
            assertThat(A23.unsqueeze(0).squeeze(0)).isEqualTo(A23);
            assertThat(Tensor.of(new double[][] {{1, 2}}).kron(Tensor.eye(2)).toArray2D())
                    .isEqualTo(new double[][] {{1, 0, 2, 0}, {0, 1, 0, 2}});
            assertThat(Tensor.eye(2).kron(A23).shape()).containsExactly(4, 6);
            assertThat(Tensor.eye(2).kron(A23).get(3, 5)).isEqualTo(6);
        }

        @Test
        void defensiveCopies() {
            double[] values = {1, 2, 3};
            Tensor v = Tensor.of(values);
            values[0] = 99;
            v.toArray()[1] = 99;
            v.shape()[0] = 99;
            assertThat(v.toArray()).containsExactly(1, 2, 3);
            assertThat(v.shape()).containsExactly(3);
        }

        @Test
        void equalityIsExact() {
            assertThat(Tensor.of(Double.NaN)).isEqualTo(Tensor.of(Double.NaN));
            assertThat(Tensor.of(0.0)).isNotEqualTo(Tensor.of(-0.0));
            assertThat(Tensor.of(1, 2)).isNotEqualTo(Tensor.of(new double[][] {{1, 2}}));
            assertThat(Tensor.of(1, 2).hashCode()).isEqualTo(Tensor.of(1, 2).hashCode());
            assertThat(Tensor.of(1, 2).allClose(Tensor.of(1 + 1e-12, 2), 1e-9, 0)).isTrue();
            assertThat(Tensor.of(Double.POSITIVE_INFINITY).allClose(Tensor.of(Double.POSITIVE_INFINITY), 0, 0)).isTrue();
            assertThat(Tensor.of(Double.NaN).allClose(Tensor.of(Double.NaN), 1, 1)).isFalse();
            assertThat(Tensor.of(1.0).allClose(Tensor.of(Double.POSITIVE_INFINITY), 0, 1)).isFalse();
        }

        @Test
        void toStringLayout() {
            Tensor t = Tensor.of(new double[][] {{1, -2.5, 0}, {3, 4, 10}});
            assertThat(t.toString()).isEqualTo("""
                    Tensor[2, 3]
                    [[ 1.0, -2.5,  0.0],
                     [ 3.0,  4.0, 10.0]]""");
            assertThat(Tensor.scalar(1.5).toString()).isEqualTo("Tensor[]\n1.5");
            assertThat(Tensor.of(1, 2, 3).toString()).isEqualTo("Tensor[3]\n[1.0, 2.0, 3.0]");
            assertThat(Tensor.arange(8).reshape(2, 2, 2).toString()).isEqualTo("""
                    Tensor[2, 2, 2]
                    [[[0.0, 1.0],
                      [2.0, 3.0]],

                     [[4.0, 5.0],
                      [6.0, 7.0]]]""");
        }
    }
}
