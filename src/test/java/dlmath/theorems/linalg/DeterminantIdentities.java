package dlmath.theorems.linalg;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.Coverage;
import dlmath.gen.LinalgGens;
import dlmath.gen.MatrixGens;
import dlmath.gen.TensorGens;
import dlmath.linalg.Linalg;
import dlmath.linalg.Lu;
import dlmath.linalg.Svd;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * LA-15 Determinant identities: multiplicativity, invariance under transposition, and
 * |det A| = prod sigma_i. Horn &amp; Johnson, Matrix Analysis, 2nd ed., Sec. 0.3 (det(AB) = det A det B,
 * det A^T = det A) and Sec. 2.6 (|det A| = prod sigma_i). Error bounds: Higham, Accuracy and
 * Stability, 2nd ed., Thm 9.3, and Ipsen &amp; Rehman, SIAM J. Matrix Anal. Appl. 30 (2008), Thm 2.12.
 * Page: theorems/linalg/LA-15-determinant-identities.md.
 */
@Theorem(id = "LA-15", name = "Determinant identities",
        statement = "det(AB) = det(A) det(B), det(A^T) = det(A) and |det A| = prod_i sigma_i(A)")
@Tag("linalg")
class DeterminantIdentities {

    /** Our det of a, and the bound on its error against the exact determinant (La.detErrorBound). */
    record Det(double value, double error) {
        static Det of(Tensor a) {
            Lu lu = Lu.of(a);
            double d = lu.det();
            return new Det(d, La.detErrorBound(a, lu, d));
        }
    }

    /**
     * Wilkinson's matrix W_n: 1 on the diagonal, -1 below it, 1 in the last column. Gaussian elimination
     * with partial pivoting (no row exchange: ties keep the pivot row) doubles the last column at every
     * step: growth factor 2^(n-1), the worst case (Higham, Accuracy and Stability, 2nd ed., Sec. 9.4);
     * det W_n = 2^(n-1).
     */
    static Tensor wilkinson(int n) {
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                w[i][j] = -1;
            }
            w[i][i] = 1;
            w[i][n - 1] = 1;
        }
        return Tensor.of(w);
    }

    /**
     * General square matrices (side up to 5), and with probability 1/5 Wilkinson's growth matrix of side
     * up to {@code maxWilkinson}. The properties below have no targeted search, so all their tries are
     * random: with N >= 150 of them and probability 1/5, a cover of 2% fails by chance with probability
     * at most exp(-150 KL(0.02 || 0.2)) = exp(-35) (Chernoff).
     */
    static Gen<Tensor> squares(int maxWilkinson) {
        return Gens.frequency(Gens.weight(4, LinalgGens.sides(5).flatMap(n -> LinalgGens.general(n, n))),
                Gens.weight(1, Gens.integers(2, maxWilkinson).map(DeterminantIdentities::wilkinson)));
    }

    /** An m x n matrix of integers in [-k, k] (exact in double; its determinant is an integer). */
    static Gen<Tensor> integerMatrix(int m, int n, int k) {
        return Gens.listOfSize(Gens.integers(-k, k), m * n)
                .map(l -> Tensor.of(new int[] {m, n}, l.stream().mapToDouble(Integer::doubleValue).toArray()));
    }

    /** B rounded to the nearest multiples of 2^-30 (a dyadic matrix: integers of about 34 bits times 2^-30). */
    static Tensor dyadic(Tensor b) {
        return b.map(x -> Math.rint(Math.scalb(x, 30)) * 0x1.0p-30);
    }

    /** diag(2^r) B diag(2^c), exactly (powers of two), row and column exponents in [-8, 8]. */
    static Gen<Tensor> graded(Tensor b) {
        int n = b.dim(0);
        return Gens.tuples(Gens.listOfSize(Gens.integers(-8, 8), n), Gens.listOfSize(Gens.integers(-8, 8), n)).map(t -> {
            double[][] g = b.toArray2D();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    g[i][j] = Math.scalb(g[i][j], t.first().get(i) + t.second().get(j));
                }
            }
            return Tensor.of(g);
        });
    }

    /**
     * Large squares, n in [30, 50], from five families of equal weight (a frequency: exactly 1/5 each): a Haar matrix
     * U diag(s) V^T with s in [0, 10] (zeros and tiny values included: near-singular) rounded to multiples of 2^-30
     * (a dyadic matrix; its smallest singular values are then those of a 2^-31 perturbation), integers in [-10, 10]
     * (det an integer up to 10^92), an integer product X Y^T of rank r in [1, n - 1] (det exactly 0), the dyadic
     * Haar matrix with s in [1, 10] graded by powers of two on rows and columns (2^-8 .. 2^8 each: |det| is within
     * [2^-850, 2^(800 + 166)], inside the double range), and Wilkinson's W_n (growth 2^(n-1)). The exact
     * determinant (La.exactDet: the powers of two of rows and columns taken out, then La.modularDet on integers of
     * at most about 36 bits) costs a few milliseconds at n = 50.
     */
    static Gen<Tensor> large() {
        return Gens.integers(LinalgGens.LARGE_MIN, LinalgGens.LARGE_MAX).flatMap(n -> Gens.frequency(
                Gens.weight(1, MatrixGens.spectra(n).flatMap(s -> MatrixGens.withSingularValues(n, n, s)).map(DeterminantIdentities::dyadic)),
                Gens.weight(1, integerMatrix(n, n, 10)),
                Gens.weight(1, Gens.integers(1, n - 1).flatMap(r -> Gens.tuples(integerMatrix(n, r, 3), integerMatrix(r, n, 3))
                        .map(t -> t.first().matmul(t.second())))),
                Gens.weight(1, Gens.doubleArrays(Gens.doubles(1, 10), n, n)
                        .flatMap(s -> MatrixGens.withSingularValues(n, n, s)).map(DeterminantIdentities::dyadic)
                        .flatMap(DeterminantIdentities::graded)),
                Gens.weight(1, Gens.constant(wilkinson(n)))));
    }

    static boolean isWilkinson(Tensor a) {
        return a.dim(0) >= 2 && a.equals(wilkinson(a.dim(0)));
    }

    /**
     * Against the exact determinant. Sizes: {@link #squares} (n <= 5, Wilkinson's up to 12) with probability 7/8,
     * {@link #large()} (n in [30, 50]) with probability 1/8, a frequency: exact per try, no edge bias. No targeted
     * search, so all N = 200 tries are random. Covers (false alarm at most 1e-9 each): n in [30, 50] with p = 1/8,
     * Coverage.percent(0.125, 200) (1/10 would be too rare for 1e-9 over 200 tries); Wilkinson's matrix with
     * p = 7/8 * 1/5 + 1/8 * 1/5 = 1/5, 2% (exp(-200 KL(0.02 || 0.2)) = e^-31).
     */
    @Property(tries = 200)
    void luDeterminantIsWithinItsErrorBoundOfTheExactDeterminant(Check check) {
        check.example(Tensor.of(new double[][] {{1, 2}, {2, 4}}));
        check.example(Tensor.of(new double[][] {{0, 1}, {1, 0}}));
        check.forAll(Gens.frequency(Gens.weight(7, squares(12)), Gens.weight(1, large())).as("A"), a -> {
            check.cover(2, isWilkinson(a), "Wilkinson's growth matrix");
            check.cover(Coverage.percent(0.125, 200), a.dim(0) >= LinalgGens.LARGE_MIN, "n in [30, 50]");
            check.label(a.dim(0) >= LinalgGens.LARGE_MIN ? "n in [30, 50]" : "n <= 12");
            Det d = Det.of(a);
            double exact = La.exactDet(a);
            check.note("det (LU)", d.value());
            check.note("det (exact, rounded)", exact);
            check.label(exact == 0 ? "singular" : "nonsingular");
            Claims.close("det_LU(A) = det(A)", d.value(), exact, d.error() + 2 * Tol.U * Math.abs(exact));
            Claims.that("Linalg.det agrees with Lu.det", Linalg.det(a) == d.value());
        });
    }

    /**
     * The formula det A = det(P) prod u_ii rests on P A = L U. The computed factors satisfy
     * |L U - P A| <= gamma_n |L||U| entrywise (Higham Thm 9.3), plus gamma_n |L||U| for the test's
     * product; L is unit lower triangular with |l_ij| <= 1 (partial pivoting), U upper triangular, P the
     * permutation matrix of pivots(). A zero pivot (isSingular) means det(A + dA) = 0, so then
     * |det A| <= err(A).
     */
    @Property(tries = 150)
    void luFactorsReproduceThePermutedMatrix(Check check) {
        check.example(Tensor.of(new double[][] {{1, 2}, {2, 4}}));
        check.forAll(squares(50).as("A"), a -> {
            int n = a.dim(0);
            Lu lu = Lu.of(a);
            check.cover(2, isWilkinson(a), "Wilkinson's growth matrix");
            if (isWilkinson(a)) {
                Claims.that("growth: u_nn = 2^(n-1) for Wilkinson's W_n", lu.u().get(n - 1, n - 1) == Math.scalb(1.0, n - 1));
            }
            Tensor l = lu.l();
            Tensor u = lu.u();
            Tensor p = lu.p();
            int[] piv = lu.pivots();
            Claims.that("size() = n", lu.size() == n);
            for (int i = 0; i < n; i++) {
                Claims.that("P row " + i + " is e_" + piv[i], p.row(i).equals(LinalgGens.unit(n, piv[i])));
                Claims.that("l_ii = 1", l.get(i, i) == 1);
                for (int j = 0; j < n; j++) {
                    if (j > i) {
                        Claims.that("L is lower triangular", l.get(i, j) == 0);
                    } else {
                        Claims.atMost("|l_" + i + j + "| <= 1 (partial pivoting)", Math.abs(l.get(i, j)), 1);
                    }
                    if (j < i) {
                        Claims.that("U is upper triangular", u.get(i, j) == 0);
                    }
                }
            }
            Tensor err = l.matmul(u).sub(p.matmul(a)).abs();
            // plus gradual underflow: each l_ik and update may err by 2^-1075, amplified by max |u_kj|
            Tensor bound = l.abs().matmul(u.abs()).mul(2 * Tol.gamma(n)).add(La.underflow(4.0 * (n + 1), u.abs().maxAll()));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    Claims.atMost("|L U - P A|_" + i + j, err.get(i, j), bound.get(i, j));
                }
            }
            check.label(lu.isSingular() ? "zero pivot" : "nonzero pivots");
            if (lu.isSingular()) {
                Claims.atMost("|det A| for a zero pivot", Math.abs(La.exactDet(a)), Det.of(a).error());
            } else if (lu.det() == 0) { // the error bound (a 40-digit SVD) only where it is needed
                Claims.atMost("nonzero pivots give a nonzero det, or |det A| within its error", Math.abs(La.exactDet(a)), Det.of(a).error());
            }
        });
    }

    @Property(tries = 200)
    void determinantOfTheTransposeEqualsTheDeterminant(Check check) {
        check.forAll(LinalgGens.sides(5).flatMap(n -> LinalgGens.general(n, n)).as("A"), a -> {
            Det d = Det.of(a);
            Det dt = Det.of(a.transpose());
            Claims.close("det(A^T) = det(A)", dt.value(), d.value(), d.error() + dt.error());
        });
    }

    /**
     * |det A| = prod sigma_i: the computed sigma_hat are exact for A + E (||E||_2 <= eps), so by
     * Ipsen-Rehman |prod sigma_hat - |det A|| <= prod(sigma_hat + 2 eps) - prod(sigma_hat + eps), plus
     * gamma_n prod sigma_hat for the product and the LU determinant's own error.
     */
    @Property(tries = 200)
    void absoluteDeterminantIsTheProductOfTheSingularValues(Check check) {
        check.forAll(LinalgGens.sides(5).flatMap(n -> LinalgGens.general(n, n)).as("A"), a -> {
            int n = a.dim(0);
            Det d = Det.of(a);
            Svd svd = Svd.of(a);
            double eps = La.svdEps(svd, a.frobenius());
            double prod = 1;
            double hi = 1;
            double lo = 1;
            for (double s : svd.singularValues()) {
                prod *= s;
                hi *= s + 2 * eps;
                lo *= s + eps;
            }
            check.note("prod sigma_i", prod);
            check.note("det A", d.value());
            Claims.close("|det A| = prod sigma_i", Math.abs(d.value()), prod, d.error() + (hi - lo) + Tol.gamma(n) * prod);
        });
    }

    /**
     * det(fl(AB)) = det A det B: C = fl(AB) = AB + F with ||F||_2 <= f = gamma_n || |A||B| ||_F, so
     * |det C - det(AB)| <= prod(sigma_i(C) + f) - prod(sigma_i(C)) (Ipsen-Rehman, with sigma(C) <= sigma_hat(C)
     * + eps_C); our det(C) adds its error; the product of the two computed dets carries
     * |det_hat A| err_B + |det_hat B| err_A + err_A err_B and one rounding.
     */
    @Property(tries = 200)
    void determinantIsMultiplicative(Check check) {
        check.forAll(LinalgGens.sides(4).flatMap(n -> Gens.tuples(LinalgGens.general(n, n), LinalgGens.general(n, n)))
                .as("A, B"), t -> {
            Tensor a = t.first();
            Tensor b = t.second();
            int n = a.dim(0);
            Tensor c = a.matmul(b);
            Det da = Det.of(a);
            Det db = Det.of(b);
            Det dc = Det.of(c);
            Svd sc = Svd.of(c);
            double epsC = La.svdEps(sc, c.frobenius());
            double f = Tol.gamma(n) * a.abs().matmul(b.abs()).frobenius();
            double hi = 1;
            double lo = 1;
            for (double s : sc.singularValues()) {
                hi *= s + epsC + f;
                lo *= s + epsC;
            }
            double product = da.value() * db.value();
            double tol = dc.error() + (hi - lo) + Math.abs(da.value()) * db.error() + Math.abs(db.value()) * da.error()
                    + da.error() * db.error() + Tol.U * Math.abs(product);
            check.note("det(AB)", dc.value());
            check.note("det(A) det(B)", product);
            Claims.close("det(AB) = det(A) det(B)", dc.value(), product, tol);
        });
    }

    /**
     * Squareness dropped: a non-square matrix has no determinant, and Lu refuses it naming its shape. The
     * shape is confirmed before the call; should Lu accept A, |det A| = prod sigma_i is claimed against the
     * 40-digit singular values.
     */
    @Counterexample(expects = IllegalArgumentException.class)
    void nonSquareMatricesHaveNoDeterminant(Check check) {
        check.forAll(LinalgGens.sides(4).flatMap(m -> LinalgGens.sides(4).flatMap(n -> TensorGens.tensors(m, n))).as("A"), a -> {
            check.confirm("A is not square: " + a.dim(0) + " x " + a.dim(1), a.dim(0) != a.dim(1));
            double det = Lu.of(a).det();
            double prod = 1;
            for (double s : La.referenceSingularValues(a)) {
                prod *= s;
            }
            Claims.close("|det A| = prod sigma_i", Math.abs(det), prod, 1e-12 * prod);
        });
    }
}
