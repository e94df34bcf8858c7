package dlmath.theorems.tensors;

import static dlmath.gen.TensorAssert.assertThat;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.Coverage;
import dlmath.gen.TensorGens;
import dlmath.gen.TnGens;
import dlmath.gen.TnGens.Operands;
import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * TN-02 Transpose of a product. Horn &amp; Johnson, Matrix Analysis, 2nd ed., Sec. 0.2 (transpose).
 * Page: theorems/tensors/TN-02-transpose-of-a-product.md.
 */
@Theorem(id = "TN-02", name = "Transpose of a product",
        statement = "(AB)^T = B^T A^T and (A^T)^T = A, exactly in floating point; for stacks the last two axes are transposed")
@Tag("tensors")
class TransposeOfProduct {

    static final Gen<Operands> PAIRS = TnGens.products(5, TensorGens.values());

    static void labelShape(Check check, Tensor a, Tensor b) {
        int n = a.dim(0);
        int m = a.dim(1);
        int p = b.dim(1);
        check.label(n == 1 && m == 1 && p == 1 ? "1x1 @ 1x1" : n == 1 || p == 1 ? "row or column result" : "general");
        // Covers derived (Coverage, rule F; N = 250, no target, the one property that calls labelShape): TnGens.productSides
        // is a frequency of weights 1, 1, 1, 1, 1, 2 (of 7); n = p = 1 is the first two alternatives: p >= 2/7 -> 11.65%,
        // e^-20.8; the outer product is the fifth: p >= 1/7 -> 2.45%, e^-20.7.
        check.cover(Coverage.percent(2.0 / 7, 250), n == 1 && p == 1, "n = p = 1 (a dot product)");
        check.cover(Coverage.percent(1.0 / 7, 250), m == 1 && n > 1 && p > 1, "inner dimension 1 (an outer product)");
    }

    /**
     * Exact: entry (i, j) of both sides is sum_k a_jk b_ki, the same products (floating-point
     * multiplication commutes) added in the same order of k, so no tolerance is needed.
     */
    @Property(tries = 250) // the cover arithmetic in labelShape is for N = 250
    void transposeReversesTheProduct(Check check) {
        check.forAll(PAIRS.as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor b = ops.get(1);
            labelShape(check, a, b);
            assertThat(a.matmul(b).transpose()).isExactly(b.transpose().matmul(a.transpose()));
        });
    }

    @Property(tries = 200)
    void transposeIsAnInvolutionThatSwapsIndices(Check check) {
        check.forAll(TensorGens.matrices(1, 5, 1, 5).as("A"), a -> {
            Tensor t = a.transpose();
            assertThat(t).hasShape(a.dim(1), a.dim(0));
            for (int i = 0; i < a.dim(0); i++) {
                for (int j = 0; j < a.dim(1); j++) {
                    Claims.that("A^T[" + j + ", " + i + "] = A[" + i + ", " + j + "]",
                            Double.compare(t.get(j, i), a.get(i, j)) == 0);
                }
            }
            assertThat(t.transpose()).isExactly(a);
        });
    }

    /** Transposition is linear: (A + B)^T = A^T + B^T, exactly (the same additions). */
    @Property(tries = 100)
    void transposeIsLinear(Check check) {
        check.forAll(Gens.integers(1, 4).flatMap(n -> Gens.integers(1, 4).flatMap(m ->
                Gens.tuples(TensorGens.tensors(n, m), TensorGens.tensors(n, m)))).as("(A, B)"), ab -> {
            Tensor a = ab.first();
            Tensor b = ab.second();
            assertThat(a.add(b).transpose()).isExactly(a.transpose().add(b.transpose()));
        });
    }

    /**
     * Stacks: for A of shape [s, n, m] and B of shape [s, m, p], transpose swaps the last two axes
     * of each matrix, and (AB)^T = B^T A^T matrix by matrix.
     */
    @Property(tries = 100)
    void stacksTransposeMatrixByMatrix(Check check) {
        Gen<Operands> stacks = Gens.listOfSize(Gens.integers(1, 3), 4).flatMap(d ->
                Gens.tuples(TensorGens.tensors(d.get(0), d.get(1), d.get(2)), TensorGens.tensors(d.get(0), d.get(2), d.get(3)))
                        .map(t -> new Operands(List.of("A", "B"), List.of(t.first(), t.second()))));
        check.forAll(stacks.as("stacks"), ops -> {
            Tensor a = ops.get(0);
            Tensor b = ops.get(1);
            assertThat(a.transpose()).isExactly(a.permute(0, 2, 1));
            assertThat(a.matmul(b).transpose()).isExactly(b.transpose().matmul(a.transpose()));
        });
    }

    /** Vectors and scalars are their own transposes. */
    @Property(tries = 50)
    void vectorsAreTheirOwnTranspose(Check check) {
        check.forAll(TensorGens.tensors(TensorGens.shapes(0, 1, 1, 5)).as("x"), x ->
                assertThat(x.transpose()).isExactly(x));
    }

    /**
     * The order reversal is necessary: (AB)^T = A^T B^T fails (already for 2x2 matrices), even
     * with the rounding allowance 2 gamma_n |B^T||A^T| of two n-term products.
     */
    @Counterexample
    void orderMustBeReversed(Check check) {
        check.forAll(Gens.integers(1, 3).flatMap(n -> Gens.tuples(TensorGens.tensors(n, n), TensorGens.tensors(n, n)))
                .as("(A, B)"), ab -> {
                    Tensor a = ab.first();
                    Tensor b = ab.second();
                    int n = a.dim(0);
                    assertThat(a.matmul(b).transpose()).isCloseTo(a.transpose().matmul(b.transpose()),
                            Naive.tensor(Naive.tol(2 * Naive.gamma(n), Naive.absProduct(b.transpose(), a.transpose()), n)));
                });
    }
}
