package dlmath.theorems.linalg;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.LinalgGens;
import dlmath.gen.TensorGens;
import dlmath.linalg.SymmetricEigen;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * LA-05 The spectral theorem for real symmetric matrices. Golub &amp; Van Loan, Matrix Computations,
 * 4th ed., Thm 8.1.1 (symmetric Schur decomposition); Horn &amp; Johnson, Matrix Analysis, 2nd ed.,
 * Thm 2.5.6 and Thm 1.2.12 for trace and determinant. Page: theorems/linalg/LA-05-spectral-theorem.md.
 */
@Theorem(id = "LA-05", name = "Spectral theorem for symmetric matrices",
        statement = "A symmetric A = Q diag(lambda) Q^T with Q orthogonal and real lambda; "
                + "trace A = sum lambda_i and det A = prod lambda_i")
@Tag("linalg")
class SpectralTheorem {

    @Property(tries = 200)
    void symmetricMatricesAreOrthogonallyDiagonalizable(Check check) {
        check.example(Tensor.of(new double[][] {{0, 1}, {1, 0}}));
        check.example(Tensor.of(new double[][] {{2, 0}, {0, 2}}));
        check.forAll(LinalgGens.symmetricWithLarge(6).as("A"), a -> {
            int n = a.dim(0);
            SymmetricEigen e = SymmetricEigen.of(a);
            Tensor q = e.eigenvectors();
            double[] l = e.values();
            check.note("lambda", l);
            check.note("Q", q);
            check.collect("n = " + n);
            double residual = a.sub(La.reconstruct(e)).frobenius();
            double bound = La.eigTau(e, n) * a.frobenius();
            if (bound > 0) {
                check.target(residual / bound, "||A - Q L Q^T||_F / bound");
            }
            Claims.atMost("||A - Q diag(lambda) Q^T||_F <= tau ||A||_F", residual, bound);
            Claims.atMost("max |Q^T Q - I| <= bound", La.orthogonalityError(q), La.eigOrth(e, n));
            for (int i = 1; i < n; i++) {
                Claims.atMost("lambda_" + i + " <= lambda_" + (i + 1) + " (ascending)", l[i - 1], l[i]);
            }
        });
    }

    /**
     * trace A = sum lambda_i: the lambda_hat are the exact eigenvalues of A + E (||E||_2 <= eta, so
     * |trace E| <= n eta); the two sums err by gamma_{n-1} sum |a_ii| and gamma_{n-1} sum |lambda_i|.
     * det A = prod lambda_i: by Ipsen &amp; Rehman (2008, Thm 2.12, with |lambda_i| <= |lambda_hat_i| + eta and
     * monotonicity) |prod lambda_hat_i - det A| <= prod(|lambda_hat_i| + 2 eta) - prod(|lambda_hat_i| + eta),
     * plus gamma_{n-1} |prod lambda_hat| for the product; det A is computed exactly (Bareiss, BigDecimal).
     */
    @Property(tries = 200)
    void traceIsTheSumAndDeterminantTheProductOfTheEigenvalues(Check check) {
        check.forAll(LinalgGens.symmetric(5).as("A"), a -> {
            int n = a.dim(0);
            SymmetricEigen e = SymmetricEigen.of(a);
            double[] l = e.values();
            double eta = La.eigEta(e, a.frobenius(), n);
            double sum = 0;
            double absSum = 0;
            double prod = 1;
            double hi = 1;
            double lo = 1;
            for (double li : l) {
                sum += li;
                absSum += Math.abs(li);
                prod *= li;
                hi *= Math.abs(li) + 2 * eta;
                lo *= Math.abs(li) + eta;
            }
            double absTrace = 0;
            for (int i = 0; i < n; i++) {
                absTrace += Math.abs(a.get(i, i));
            }
            check.note("lambda", l);
            Claims.close("trace A = sum lambda_i", sum, a.trace(),
                    n * eta + Tol.gamma(n) * (absSum + absTrace));
            double det = La.exactDet(a);
            check.note("det A (exact, rounded)", det);
            Claims.close("det A = prod lambda_i", prod, det, (hi - lo) + Tol.gamma(n) * Math.abs(prod) + 2 * Tol.U * Math.abs(det));
        });
    }

    /**
     * Necessity of symmetry, the one hypothesis, dropped: a non-symmetric A has no factorization
     * Q diag(lambda) Q^T (which is symmetric), and SymmetricEigen refuses it. The asymmetry is confirmed
     * by an exact entry comparison before the call; should the solver accept A, the reconstruction claim
     * fails instead.
     */
    @Counterexample(expects = IllegalArgumentException.class)
    void nonSymmetricMatricesHaveNoOrthogonalDiagonalization(Check check) {
        check.forAll(Gens.integers(2, 4).flatMap(n -> TensorGens.tensors(n, n)).as("A"), a -> {
            boolean asymmetric = false;
            for (int i = 0; i < a.dim(0); i++) {
                for (int j = 0; j < i; j++) {
                    asymmetric |= a.get(i, j) != a.get(j, i);
                }
            }
            check.confirm("A != A^T (exact comparison of a_ij and a_ji)", asymmetric);
            SymmetricEigen e = SymmetricEigen.of(a);
            Claims.atMost("||A - Q diag(lambda) Q^T||_F <= eta", a.sub(La.reconstruct(e)).frobenius(),
                    La.eigEta(e, a.frobenius(), a.dim(0)));
        });
    }
}
