package dlmath.theorems.tensors;

import static dlmath.gen.TensorAssert.assertThat;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.TensorGens;
import dlmath.gen.TnGens.Operands;
import dlmath.gen.TnGens;
import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * TN-15 Kronecker and outer products: the mixed-product property (A (x) B)(C (x) D) = AC (x) BD,
 * (A (x) B)^T = A^T (x) B^T, tr(A (x) B) = tr A tr B, ||A (x) B||_F = ||A||_F ||B||_F, and the
 * outer product x y^T. Horn &amp; Johnson, Topics in Matrix Analysis, Sec. 4.2 (Lemma 4.2.10,
 * mixed product; the transpose and trace rules of Sec. 4.2); rounding: Higham, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., Lemma 3.3. Page: theorems/tensors/TN-15-kronecker-products.md.
 */
@Theorem(id = "TN-15", name = "Kronecker and outer products",
        statement = "|(A kron B)(C kron D) - (AC) kron (BD)| <= (gamma_{mr+2} + gamma_{m+r+1}) (|A||C|) kron (|B||D|); "
                + "(A kron B)^T = A^T kron B^T and K[i r + k, j c + l] = a_ij b_kl exactly; tr and ||.||_F multiply; "
                + "outer(x, y) = x y^T exactly")
@Tag("tensors")
class KroneckerProducts {

    /** A (n x m), C (m x p), B (q x r), D (r x s): sides in [1, 3]. */
    static final Gen<Operands> FOUR = Gens.listOfSize(Gens.integers(1, 3), 6).flatMap(d ->
            Gens.tuples(TnGens.tensors(d.get(0), d.get(1)), TnGens.tensors(d.get(1), d.get(2)),
                    Gens.tuples(TnGens.tensors(d.get(3), d.get(4)), TnGens.tensors(d.get(4), d.get(5))))
                    .map(t -> new Operands(List.of("A", "C", "B", "D"),
                            List.of(t.first(), t.second(), t.third().first(), t.third().second()))));

    /**
     * Left: each entry of A (x) B and of C (x) D is one product (one rounding each), then a dot
     * product of length m r: gamma_{mr+2} ((|A| (x) |B|)(|C| (x) |D|)) = gamma_{mr+2} (|A||C|) (x) (|B||D|).
     * Right: AC within gamma_m, BD within gamma_r, their entrywise products one more rounding.
     */
    @Property(tries = 250)
    void mixedProductProperty(Check check) {
        check.forAll(FOUR.as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor c = ops.get(1);
            Tensor b = ops.get(2);
            Tensor d = ops.get(3);
            int m = a.dim(1);
            int r = b.dim(1);
            Tensor left = a.kron(b).matmul(c.kron(d));
            Tensor right = a.matmul(c).kron(b.matmul(d));
            double[][] scale = Naive.kron(Naive.absProduct(a, c), Naive.absProduct(b, d));
            double[][] tol = Naive.tol(Naive.gamma(m * r + 2) + Naive.gamma(m + r + 1), scale, m + r + 1);
            assertThat(left).isCloseTo(right, Naive.tensor(tol));
        });
    }

    /** The definition, entry by entry: K[i r + k][j c + l] = a_ij b_kl (one product, exact to compare). */
    @Property(tries = 200)
    void entriesAreProducts(Check check) {
        check.forAll(TensorGens.matrices(1, 3, 1, 3).as("A"), TensorGens.matrices(1, 3, 1, 3).as("B"), (a, b) -> {
            Tensor k = a.kron(b);
            int r = b.dim(0);
            int c = b.dim(1);
            assertThat(k).hasShape(a.dim(0) * r, a.dim(1) * c);
            for (int i = 0; i < a.dim(0); i++) {
                for (int j = 0; j < a.dim(1); j++) {
                    for (int p = 0; p < r; p++) {
                        for (int q = 0; q < c; q++) {
                            Claims.that("K[" + (i * r + p) + ", " + (j * c + q) + "] = a_" + i + j + " b_" + p + q,
                                    k.get(i * r + p, j * c + q) == a.get(i, j) * b.get(p, q));
                        }
                    }
                }
            }
            assertThat(k.transpose()).isExactly(a.transpose().kron(b.transpose()));
        });
    }

    /**
     * tr(A (x) B) = tr A tr B: the left sums n q products (each one rounding): gamma_{nq} sum |a_ii b_kk|;
     * the right is within gamma_{n-1} + gamma_{q-1} + u. ||A (x) B||_F = ||A||_F ||B||_F: the left is
     * the 2-norm of N = nmqr rounded products (gamma_{N+6}), the right two norms and a product.
     */
    @Property(tries = 200)
    void traceAndFrobeniusNormMultiply(Check check) {
        check.forAll(Gens.integers(1, 4).flatMap(n -> TnGens.tensors(n, n)).as("A"),
                Gens.integers(1, 4).flatMap(q -> TnGens.tensors(q, q)).as("B"), (a, b) -> {
                    int n = a.dim(0);
                    int q = b.dim(0);
                    double absA = 0;
                    double absB = 0;
                    for (int i = 0; i < n; i++) {
                        absA += Math.abs(a.get(i, i));
                    }
                    for (int i = 0; i < q; i++) {
                        absB += Math.abs(b.get(i, i));
                    }
                    Tensor k = a.kron(b);
                    Claims.close("tr(A kron B) = tr A tr B", k.trace(), a.trace() * b.trace(),
                            Naive.tol(Naive.gamma(n * q) + Naive.gamma(n + q - 1), absA * absB, n + q));
                    int size = n * n * q * q;
                    double f = a.frobenius() * b.frobenius();
                    Claims.close("||A kron B||_F = ||A||_F ||B||_F", k.frobenius(), f,
                            Naive.tol(Naive.gamma(size + 6) + Naive.gamma(n * n + q * q + 11), f, n * n + q * q + 11));
                });
    }

    /** outer(x, y) = x y^T: entries x_i y_j, the same as the matrix product of a column and a row and as their kron. */
    @Property(tries = 150)
    void outerProductIsColumnTimesRow(Check check) {
        check.forAll(TensorGens.vectors(1, 5).as("x"), TensorGens.vectors(1, 5).as("y"), (x, y) -> {
            Tensor o = x.outer(y);
            assertThat(o).hasShape(x.size(), y.size());
            for (int i = 0; i < x.size(); i++) {
                for (int j = 0; j < y.size(); j++) {
                    Claims.that("outer[i, j] = x_i y_j", o.get(i, j) == x.get(i) * y.get(j));
                }
            }
            Tensor col = x.reshape(x.size(), 1);
            Tensor row = y.reshape(1, y.size());
            assertThat(col.matmul(row)).isExactly(o);
            assertThat(col.kron(row)).isExactly(o);
            assertThat(y.outer(x)).isExactly(o.transpose());
        });
    }

    /**
     * The hypothesis "no underflow" (entries 0 or in [2^-200, 10]) dropped: entries c 2^-269, c in [1, 4],
     * whose products of four lie in the subnormal range, where a product errs by up to 2^-1075 absolutely,
     * not by a relative u. The two sides of the mixed-product property round differently there, and the
     * relative bound does not cover the difference.
     */
    @Counterexample
    void mixedProductNeedsNoUnderflow(Check check) {
        Gen<Double> tiny = Gens.doubles(1, 4).map(c -> c * 0x1p-269);
        Gen<Operands> four = Gens.listOfSize(Gens.integers(1, 2), 6).flatMap(d ->
                Gens.tuples(TensorGens.tensors(new int[] {d.get(0), d.get(1)}, tiny), TensorGens.tensors(new int[] {d.get(1), d.get(2)}, tiny),
                        Gens.tuples(TensorGens.tensors(new int[] {d.get(3), d.get(4)}, tiny), TensorGens.tensors(new int[] {d.get(4), d.get(5)}, tiny)))
                        .map(t -> new Operands(List.of("A", "C", "B", "D"),
                                List.of(t.first(), t.second(), t.third().first(), t.third().second()))));
        check.forAll(four.as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor c = ops.get(1);
            Tensor b = ops.get(2);
            Tensor d = ops.get(3);
            int m = a.dim(1);
            int r = b.dim(1);
            double[][] scale = Naive.kron(Naive.absProduct(a, c), Naive.absProduct(b, d));
            double[][] tol = Naive.tol(Naive.gamma(m * r + 2) + Naive.gamma(m + r + 1), scale, m + r + 1);
            assertThat(a.kron(b).matmul(c.kron(d))).isCloseTo(a.matmul(c).kron(b.matmul(d)), Naive.tensor(tol));
        });
    }
}
