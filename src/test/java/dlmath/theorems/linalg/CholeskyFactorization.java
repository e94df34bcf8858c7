package dlmath.theorems.linalg;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.LinalgGens;
import dlmath.gen.MatrixGens;
import dlmath.gen.TensorGens;
import dlmath.linalg.Cholesky;
import dlmath.linalg.SymmetricEigen;
import dlmath.tensor.Tensor;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Tag;

/**
 * LA-10 Cholesky factorization: a symmetric matrix has A = L L^T with L lower triangular and a
 * positive diagonal iff it is positive definite. Golub &amp; Van Loan, Matrix Computations, 4th ed.,
 * Thm 4.2.7; Higham, Accuracy and Stability, 2nd ed., Thm 10.3 (backward error), Thm 10.4 (solve),
 * Thm 10.7 (success). Page: theorems/linalg/LA-10-cholesky-factorization.md.
 */
@Theorem(id = "LA-10", name = "Cholesky factorization exists iff SPD",
        statement = "Symmetric A = L L^T with L lower triangular, l_ii > 0, iff A is positive definite; "
                + "computed, L L^T = A + dA with |dA| <= gamma_{n+1} |L| |L^T|")
@Tag("linalg")
class CholeskyFactorization {

    /** SPD matrices: Q diag(l) Q^T with l in [1, kappa], kappa in {1, 10, 1e3, 1e6}, or B B^T + I with nice B. */
    static final Gen<Tensor> SPD = spd(Gens.integers(1, 6));

    /** SPD matrices of the same families with n in [1, 6] (probability 9/10) or in [30, 50] (1/10). */
    static final Gen<Tensor> SPD_WITH_LARGE = Gens.frequency(Gens.weight(9, SPD),
            Gens.weight(1, spd(Gens.integers(LinalgGens.LARGE_MIN, LinalgGens.LARGE_MAX))));

    static Gen<Tensor> spd(Gen<Integer> sizes) {
        return sizes.flatMap(n -> Gens.oneOf(
                Gens.elements(1.0, 10.0, 1e3, 1e6).flatMap(kappa -> MatrixGens.spd(n, kappa)),
                TensorGens.tensors(n, n).map(b -> MatrixGens.symmetrize(b.matmul(b.transpose())).add(Tensor.eye(n)))));
    }

    /**
     * Entrywise |L L^T - A| <= gamma_{n+1} |L||L^T| (Higham Thm 10.3) plus gamma_n |L||L^T| for the
     * test's product; L lower triangular with a positive diagonal.
     */
    @Property(tries = 200)
    void spdMatricesFactorBackwardStably(Check check) {
        check.forAll(SPD_WITH_LARGE.as("A"), a -> {
            int n = a.dim(0);
            check.label(n >= LinalgGens.LARGE_MIN ? "n in [30, 50]" : "n in [1, 6]");
            Tensor l = Cholesky.of(a).l();
            check.note("L", l);
            Claims.that("L is lower triangular", La.belowDiagonal(l.transpose()) == 0);
            for (int i = 0; i < n; i++) {
                Claims.atLeast("l_" + i + i + " > 0", l.get(i, i), Double.MIN_VALUE);
            }
            Tensor err = l.matmul(l.transpose()).sub(a).abs();
            // plus gradual underflow: each l_jk may err by 2^-1075 absolutely, amplified by max |l| in the products
            Tensor bound = l.abs().matmul(l.abs().transpose()).mul(Tol.gamma(n + 1) + Tol.gamma(n))
                    .add(La.underflow(4.0 * (n + 1), l.abs().maxAll()));
            double worst = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    worst = Math.max(worst, bound.get(i, j) > 0 ? err.get(i, j) / bound.get(i, j) : 0);
                    Claims.atMost("|L L^T - A|_" + i + j + " <= (gamma_{n+1} + gamma_n) (|L||L^T|)_" + i + j,
                            err.get(i, j), bound.get(i, j));
                }
            }
            check.target(worst, "max entrywise |L L^T - A| / bound");
        });
    }

    /**
     * solve: (A + dA) x = b with |dA| <= gamma_{3n+1} |L||L^T| (Higham Thm 10.4), so entrywise
     * |b - A x| <= gamma_{3n+1} |L||L^T||x| + gamma_{n+1}(|b| + |A||x|) (the test's residual).
     * logDet: L L^T = A + dA, ||dA||_2 <= gamma_{n+1} ||L||_F^2 = delta; with lambda_min(A) >= lmin,
     * |log det(A + dA) - log det A| <= -n log(1 - delta / lmin); the sum of n logs adds
     * gamma_n sum |log l_ii| + n u; det A is exact (Bareiss) and rounded once. lmin is bounded below
     * by lambda_hat_min - eta from our symmetric eigensolver (LA-05).
     */
    @Property(tries = 200)
    void solveHasASmallResidualAndLogDetIsAccurate(Check check) {
        check.forAll(SPD.flatMap(a -> LinalgGens.nonzeroVectors(a.dim(0)).map(b -> new Tensor[] {a, scaled(b)}))
                .as("A, b"), in -> {
            Tensor a = in[0];
            Tensor b = in[1];
            int n = a.dim(0);
            Cholesky c = Cholesky.of(a);
            Tensor l = c.l();
            Tensor x = c.solve(b);
            Tensor res = b.sub(a.matmul(x)).abs();
            Tensor absL = l.abs().matmul(l.abs().transpose());
            Tensor bound = absL.matmul(x.abs()).mul(Tol.gamma(3 * n + 1))
                    .add(b.abs().add(a.abs().matmul(x.abs())).mul(Tol.gamma(n + 1)))
                    .add(La.underflow(8.0 * (n + 1), a.abs().maxAll() + absL.maxAll())); // subnormal entries of b, x
            for (int i = 0; i < n; i++) {
                Claims.atMost("|b - A x|_" + i, res.get(i), bound.get(i));
            }
            // ||L^{-1} b||^2 = b^T A^{-1} b: y solves (L + dL) y = b with |dL| <= gamma_n |L| and x solves
            // (A + dA) x = b; to first order the two sides differ by x^T (|dL||L^T| + |L||dL^T| + |dA|) x,
            // at most (2 gamma_n + gamma_{3n+1}) |x|^T |L||L^T| |x| (factor 1.1 for second order), plus the dots
            Tensor y = c.solveLower(b);
            double mahalanobis = absL.matmul(x.abs()).dot(x.abs());
            Claims.close("||L^{-1} b||^2 = b^T A^{-1} b", y.dot(y), b.dot(x),
                    1.1 * (2 * Tol.gamma(n) + Tol.gamma(3 * n + 1)) * mahalanobis
                            + Tol.gamma(n) * (y.dot(y) + b.abs().dot(x.abs())));
            Claims.that("size() = n", c.size() == n);
            SymmetricEigen e = SymmetricEigen.of(a);
            double lmin = e.values()[0] - La.eigEta(e, a.frobenius(), n);
            double delta = Tol.gamma(n + 1) * l.frobenius() * l.frobenius();
            check.assume(lmin > 2 * delta);
            double logDetExact = Math.log(La.exactDet(a));
            double sumAbsLog = 0;
            for (int i = 0; i < n; i++) {
                sumAbsLog += Math.abs(Math.log(l.get(i, i)));
            }
            double tol = -n * Math.log1p(-delta / lmin) + Tol.gamma(n) * 2 * sumAbsLog + 2 * n * Tol.U + 3 * Tol.U;
            check.note("logDet", c.logDet());
            check.note("log det A (exact)", logDetExact);
            Claims.close("logDet = log det A", c.logDet(), logDetExact, tol);
        });
    }

    /**
     * The "only if": a symmetric matrix with a negative eigenvalue is refused. If Cholesky succeeded,
     * L L^T = A + dA would be positive definite with ||dA||_2 <= gamma_{n+1} ||L||_F^2, so
     * lambda_min(A) >= -gamma_{n+1} ||L||_F^2; the generated A have lambda_min <= -1/8 of max |lambda|.
     */
    @Property(tries = 200)
    void symmetricIndefiniteMatricesAreRefusedNamingThePivot(Check check) {
        check.forAll(Gens.integers(1, 6).flatMap(n -> Gens.tuples(MatrixGens.orthogonal(n),
                Gens.doubleArrays(Gens.doubles(-10, 10), n, n), Gens.integers(0, n - 1))).as("Q, l, i"), t -> {
            int n = t.first().dim(0);
            double[] l = t.second().clone();
            double max = 1;
            for (double v : l) {
                max = Math.max(max, Math.abs(v));
            }
            l[t.third()] = -Math.max(Math.abs(l[t.third()]), max / 4); // a clearly negative eigenvalue
            Tensor a = MatrixGens.symmetrize(t.first().matmul(MatrixGens.diag(Tensor.of(l))).matmul(t.first().transpose()));
            check.note("A", a);
            try {
                Tensor lf = Cholesky.of(a).l();
                double allowed = Tol.gamma(n + 1) * lf.frobenius() * lf.frobenius() + 1e-9 * max;
                throw new AssertionError("Cholesky.of accepted a matrix with eigenvalue " + l[t.third()]
                        + " (the backward error allows at most " + allowed + " below zero)");
            } catch (IllegalArgumentException e) {
                Claims.that("the refusal names a pivot: " + e.getMessage(),
                        e.getMessage().contains("not positive definite: pivot"));
            }
        });
    }

    /**
     * Necessity of positive definiteness, found by the engine: "every symmetric matrix with a positive
     * diagonal has a Cholesky factor" is false; the witness is a nonsingular (by the exact determinant)
     * symmetric matrix with a positive diagonal that is not positive definite, confirmed independently
     * by exact rational elimination (a leading principal minor <= 0, Sylvester's criterion), on which
     * Cholesky.of refuses, as declared.
     */
    @Counterexample(expects = IllegalArgumentException.class)
    void symmetricWithPositiveDiagonalIsNotEnough(Check check) {
        check.forAll(Gens.integers(2, 4).flatMap(n -> Gens.tuples(MatrixGens.symmetric(n),
                Gens.doubleArrays(Gens.doubles(1, 10), n, n))).map(t -> t.first()
                .sub(MatrixGens.diag(diagonalOf(t.first()))).add(MatrixGens.diag(Tensor.of(t.second())))).as("A"), a -> {
            check.assume(La.exactDet(a) != 0); // nonsingular, so a refused A is indefinite, not semidefinite
            check.confirm("A is not positive definite: a leading principal minor is <= 0 (exact)",
                    hasNonPositiveLeadingMinor(a));
            Tensor l = Cholesky.of(a).l();
            Claims.atMost("||L L^T - A||_F small", l.matmul(l.transpose()).sub(a).frobenius(), 1e-9 * a.frobenius());
        });
    }

    /** b scaled by a power of two (exactly) to max |b_i| in [1, 2), so that no step of the solve underflows. */
    static Tensor scaled(Tensor b) {
        return b.mul(Math.scalb(1.0, -Math.getExponent(b.normInf())));
    }

    /**
     * Whether some leading principal minor of A is <= 0, so that A is not positive definite
     * (Sylvester's criterion): Gaussian elimination without pivoting in exact rationals (commons-math3
     * BigFraction, exact from a double); its k-th pivot is minor_k / minor_{k-1}, so the first pivot
     * <= 0 marks the first leading minor <= 0.
     */
    static boolean hasNonPositiveLeadingMinor(Tensor a) {
        int n = a.dim(0);
        BigFraction[][] m = new BigFraction[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = new BigFraction(a.get(i, j));
            }
        }
        for (int k = 0; k < n; k++) {
            if (m[k][k].compareTo(BigFraction.ZERO) <= 0) {
                return true;
            }
            for (int i = k + 1; i < n; i++) {
                BigFraction f = m[i][k].divide(m[k][k]);
                for (int j = k; j < n; j++) {
                    m[i][j] = m[i][j].subtract(f.multiply(m[k][j]));
                }
            }
        }
        return false;
    }

    static Tensor diagonalOf(Tensor a) {
        double[] d = new double[a.dim(0)];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i, i);
        }
        return Tensor.of(d);
    }
}
