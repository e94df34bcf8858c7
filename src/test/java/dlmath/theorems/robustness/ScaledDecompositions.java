package dlmath.theorems.robustness;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.linalg.Cholesky;
import dlmath.linalg.Linalg;
import dlmath.linalg.Lu;
import dlmath.linalg.Svd;
import dlmath.linalg.SymmetricEigen;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;

/**
 * RB-03 Decompositions and solvers commute with power-of-two scaling: for a matrix A with
 * moderate entries and {@code s = 2^k}, {@code |k|} up to 1000, the decompositions and solvers of
 * {@code sA} are those of A scaled back exactly ({@code x(sA, b) = x(A, b) / s}, {@code (sA)^-1 =
 * A^-1 / s}, {@code lambda(sA) = s lambda(A)}, {@code sigma(sA) = s sigma(A)}, {@code L(sA) =
 * sqrt(s) L(A)}, {@code det(sA) = s^n det A}, ...). Scaling by a power of two is exact in binary
 * floating point (IEEE 754, Sec. 5.3.3 scaleB; Higham, Accuracy and Stability, 2nd ed., Sec. 2.1),
 * so the unscaled result scaled back is an independent oracle that holds bit for bit, as long as
 * the algorithms keep their intermediate values in the normal range (which their power-of-two
 * equilibration is for). Page: theorems/robustness/RB-03-scaled-decompositions.md.
 */
@Theorem(id = "RB-03", name = "Decompositions commute with power-of-two scaling",
        statement = "for s = 2^k, |k| <= 1000: solve, inverse, det, logAbsDet, Cholesky, symmetric eigenvalues, singular "
                + "values, pinv, norm2, cond, rank and the power iteration of sA equal those of A scaled back exactly")
@Tag("robustness")
class ScaledDecompositions {

    /** Exponents: both ends (entries of sA near 2^+-1004), and moderate ones. */
    static final Gen<Integer> EXPONENTS = Gens.elements(List.of(1018, 1000, -1000, -1010, -1060, -1070, 600, -600, 64)).as("k");

    /** Small integers on the diagonal of a strictly diagonally dominant matrix: cond_inf(A) <= 3 n. */
    static Gen<Tensor> dominant(boolean symmetric) {
        return Gens.integers(1, 6).flatMap(n -> Gens.lists(Gens.integers(-3, 3), n * n, n * n).map(l -> {
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] = symmetric && j > i ? l.get(j * n + i) : l.get(i * n + j);
                }
            }
            for (int i = 0; i < n; i++) {
                double off = 0;
                for (int j = 0; j < n; j++) {
                    off += j == i ? 0 : Math.abs(a[i][j]);
                }
                a[i][i] = off + 1 + Math.abs(a[i][i]);   // strictly dominant, positive: SPD when symmetric
            }
            return Tensor.of(a);
        }));
    }

    static final Gen<Tensor> MATRICES = dominant(false).as("A");
    static final Gen<Tensor> SPD = dominant(true).as("A (SPD)");

    static Tensor scalb(Tensor t, int k) {
        return t.map(x -> Math.scalb(x, k));
    }

    static void same(String what, Tensor actual, Tensor expected) {
        Claims.that(what + ": " + actual + " equals the unscaled result scaled back " + expected,
                Arrays.equals(actual.toArray(), expected.toArray()) && Arrays.equals(actual.shape(), expected.shape()));
    }

    @Property(tries = 200)
    void luSolveInverseAndDeterminant(Check check) {
        check.forAll(MATRICES, EXPONENTS, (a, k) -> {
            int n = a.dim(0);
            Tensor sa = scalb(a, k);
            Tensor b = Tensor.arange(n).add(1);
            check.label(k > 0 ? "scaled up" : "scaled down");
            same("solve(2^k A, b)", Linalg.solve(sa, b), scalb(Linalg.solve(a, b), -k));
            same("inverse(2^k A)", Linalg.inverse(sa), scalb(Linalg.inverse(a), -k));
            same("U of 2^k A", Lu.of(sa).u(), scalb(Lu.of(a).u(), k));
            same("L of 2^k A", Lu.of(sa).l(), Lu.of(a).l());
            double det = Lu.of(sa).det();
            double expected = Math.scalb(Lu.of(a).det(), n * k);
            Claims.that("det(2^k A) = " + det + " = 2^(nk) det A = " + expected, det == expected
                    || Math.abs(det - expected) <= 2 * Double.MIN_VALUE);   // one rounding vs two in the subnormals
            double lad = Lu.of(sa).logAbsDet();
            double lad0 = Lu.of(a).logAbsDet() + (double) n * k * Math.log(2);
            // the sum of n logs and of n k ln 2: each rounding at most u of the running magnitude
            Claims.close("logAbsDet(2^k A) vs logAbsDet(A) + n k ln 2", lad, lad0,
                    Tol.gamma(n + 3) * (Math.abs(lad0) + 2 * Math.abs(n * k * Math.log(2))));
            Claims.that("logAbsDet finite", Double.isFinite(lad));
        });
    }

    @Property(tries = 200)
    void choleskyAndSymmetricEigen(Check check) {
        check.forAll(SPD, EXPONENTS, (a, k) -> {
            int even = k & ~1;                  // sqrt(2^k) is a power of two for even k
            Tensor sa = scalb(a, even);
            Tensor b = Tensor.arange(a.dim(0)).add(1);
            same("L of 2^k A", Cholesky.of(sa).l(), scalb(Cholesky.of(a).l(), even / 2));
            same("Cholesky solve", Cholesky.of(sa).solve(b), scalb(Cholesky.of(a).solve(b), -even));
            same("eigenvalues of 2^k A", SymmetricEigen.of(sa).eigenvalues(), scalb(SymmetricEigen.of(a).eigenvalues(), even));
            same("eigenvectors of 2^k A", SymmetricEigen.of(sa).eigenvectors(), SymmetricEigen.of(a).eigenvectors());
            double ld = Cholesky.of(sa).logDet();
            double ld0 = Cholesky.of(a).logDet() + (double) a.dim(0) * even * Math.log(2);
            Claims.close("logDet(2^k A) vs logDet(A) + n k ln 2", ld, ld0,
                    Tol.gamma(a.dim(0) + 3) * (Math.abs(ld0) + 2 * Math.abs(a.dim(0) * even * Math.log(2))));
        });
    }

    @Property(tries = 200)
    void singularValuesPseudoInverseAndNorms(Check check) {
        check.forAll(MATRICES, EXPONENTS, (a, k) -> {
            Tensor sa = scalb(a, k);
            same("singular values of 2^k A", Svd.of(sa).s(), scalb(Svd.of(a).s(), k));
            same("pinv(2^k A)", Linalg.pinv(sa), scalb(Linalg.pinv(a), -k));
            Claims.that("norm2(2^k A) = 2^k norm2(A)", Linalg.norm2(sa) == Math.scalb(Linalg.norm2(a), k));
            Claims.that("cond(2^k A) = cond(A)", Linalg.cond(sa) == Linalg.cond(a));
            Claims.that("rank(2^k A) = rank(A)", Linalg.rank(sa) == Linalg.rank(a));
            double[] p = Linalg.powerIteration(sa, 5, new SplittableRandom(3));
            double[] p0 = Linalg.powerIteration(a, 5, new SplittableRandom(3));
            for (int i = 0; i < p.length; i++) {
                Claims.that("power iteration estimate " + i + " of 2^k A = 2^k that of A", p[i] == Math.scalb(p0[i], k));
            }
        });
    }
}
