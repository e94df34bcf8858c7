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
 * LA-06 Courant-Fischer / Rayleigh: the Rayleigh quotient of a symmetric matrix lies between its
 * extreme eigenvalues and is stationary at eigenvectors. Horn &amp; Johnson, Matrix Analysis, 2nd ed.,
 * Thm 4.2.2 (Rayleigh) and Thm 4.2.6 (Courant-Fischer); Golub &amp; Van Loan, 4th ed., Thm 8.1.2.
 * Page: theorems/linalg/LA-06-rayleigh-quotient.md.
 */
@Theorem(id = "LA-06", name = "Courant-Fischer and Rayleigh quotient bounds",
        statement = "For symmetric A and x != 0: lambda_min <= x^T A x / x^T x <= lambda_max, with equality at "
                + "the eigenvectors; lambda_k = min over k-dim subspaces of the max Rayleigh quotient")
@Tag("linalg")
class RayleighQuotient {

    /**
     * The Rayleigh quotient and its rounding: fl(x^T A x) errs by gamma_{n+1} |x|^T |A| |x|, the
     * denominator by gamma_n x^T x, the division by u: together at most
     * (gamma_{n+1} || |A| ||_2 + (gamma_n + u) |r|) with || |A| ||_2 <= ||A||_F. R(x) is invariant under
     * scaling, so x is first scaled exactly by a power of two to max |x_i| in [1, 2).
     */
    static double[] rayleigh(Tensor a, Tensor x0) {
        // scale x by a power of two (exact) so that x^T x neither underflows nor overflows
        Tensor x = x0.mul(Math.scalb(1.0, -Math.getExponent(x0.normInf())));
        double num = x.dot(a.matmul(x));
        double den = x.dot(x);
        double r = num / den;
        int n = x.size();
        double err = Tol.gamma(n + 1) * a.frobenius() + (Tol.gamma(n) + Tol.U) * Math.abs(r);
        return new double[] {r, err};
    }

    @Property(tries = 200)
    void rayleighQuotientLiesBetweenTheExtremeEigenvalues(Check check) {
        check.forAll(LinalgGens.symmetricWithLarge(6).flatMap(a -> LinalgGens.nonzeroVectors(a.dim(0))
                .map(x -> new Tensor[] {a, x})).as("A, x"), in -> {
            Tensor a = in[0];
            Tensor x = in[1];
            int n = a.dim(0);
            SymmetricEigen e = SymmetricEigen.of(a);
            double[] l = e.values();
            double eta = La.eigEta(e, a.frobenius(), n);
            double[] r = rayleigh(a, x);
            check.note("lambda", l);
            check.note("R(x)", r[0]);
            double spread = l[n - 1] - l[0];
            if (spread > 0) {
                check.target((r[0] - l[0]) / spread, "(R(x) - lambda_min) / spread (1 at lambda_max)");
            }
            Claims.atLeast("R(x) >= lambda_min", r[0], l[0] - eta - r[1]);
            Claims.atMost("R(x) <= lambda_max", r[0], l[n - 1] + eta + r[1]);
        });
    }

    /**
     * Equality at eigenvectors: R(q_i) = lambda_i. With A q_hat_i = lambda_hat_i q_hat_i + r_i, the
     * residual satisfies ||r_i|| <= ||E||_2 (1 + ||Q^T Q - I||) for the backward error E, so
     * |R(q_i) - lambda_i| <= 1.1 eta plus the rounding of R.
     */
    @Property(tries = 150)
    void theBoundsAreAttainedAtEigenvectors(Check check) {
        check.forAll(LinalgGens.symmetricWithLarge(6).as("A"), a -> {
            int n = a.dim(0);
            SymmetricEigen e = SymmetricEigen.of(a);
            double[] l = e.values();
            Tensor q = e.eigenvectors();
            double eta = La.eigEta(e, a.frobenius(), n);
            for (int i = 0; i < n; i++) {
                double[] r = rayleigh(a, q.col(i));
                Claims.close("R(q_" + (i + 1) + ") = lambda_" + (i + 1), r[0], l[i], 1.1 * eta + r[1]);
            }
        });
    }

    /**
     * Courant-Fischer, the max-min form for lambda_2 of n >= 2: every x orthogonal to q_1 (the
     * eigenvector of lambda_min) has R(x) >= lambda_2, and q_1's orthogonal complement is where the
     * minimum is attained. The projection x - (q_1^T x) q_1 errs by gamma_{n+2} ||x|| in direction,
     * which moves R by at most 2 gamma_{n+2} spread.
     */
    @Property(tries = 150)
    void rayleighQuotientOnTheComplementOfTheFirstEigenvectorIsAtLeastTheSecondEigenvalue(Check check) {
        check.forAll(Gens.integers(2, 6).flatMap(n -> LinalgGens.symmetricOfSize(n).flatMap(a ->
                LinalgGens.nonzeroVectors(n).map(x -> new Tensor[] {a, x}))).as("A, x"), in -> {
            Tensor a = in[0];
            int n = a.dim(0);
            SymmetricEigen e = SymmetricEigen.of(a);
            double[] l = e.values();
            Tensor q1 = e.eigenvectors().col(0);
            Tensor x = in[1].sub(q1.mul(q1.dot(in[1])));
            check.assume(x.norm2() > 1e-6 * in[1].norm2());
            double eta = La.eigEta(e, a.frobenius(), n);
            double[] r = rayleigh(a, x);
            double spread = l[n - 1] - l[0];
            double proj = 2 * (Tol.gamma(n + 2) * in[1].norm2() / x.norm2() + n * La.eigOrth(e, n)) * spread;
            Claims.atLeast("R(x) >= lambda_2 for x orthogonal to q_1", r[0], l[1] - eta - r[1] - proj);
        });
    }

    /**
     * Symmetry dropped: for the upper triangular (non-symmetric) A its eigenvalues are exactly its diagonal
     * entries, and the Rayleigh quotient leaves [lambda_min, lambda_max] (the field of values of a
     * non-normal matrix is larger than the convex hull of its spectrum, Horn &amp; Johnson, Topics, Sec. 1.2):
     * e.g. A = [[0, 1], [0, 0]], x = (1, 1): R(x) = 1/2 > 0 = lambda_max.
     */
    @Counterexample
    void failsWithoutSymmetry(Check check) {
        check.forAll(Gens.integers(2, 4).flatMap(n -> TensorGens.tensors(n, n).map(b -> {
            double[][] u = b.toArray2D();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    u[i][j] = 0;
                }
            }
            return Tensor.of(u);
        }).flatMap(a -> LinalgGens.nonzeroVectors(n).map(x -> new Tensor[] {a, x}))).as("A (upper triangular), x"), in -> {
            Tensor a = in[0];
            double lmin = Double.POSITIVE_INFINITY;
            double lmax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < a.dim(0); i++) { // the eigenvalues of a triangular matrix, exactly
                lmin = Math.min(lmin, a.get(i, i));
                lmax = Math.max(lmax, a.get(i, i));
            }
            double[] r = rayleigh(a, in[1]);
            check.note("R(x)", r[0]);
            Claims.atLeast("R(x) >= lambda_min", r[0], lmin - r[1]);
            Claims.atMost("R(x) <= lambda_max", r[0], lmax + r[1]);
        });
    }

    /** x != 0 dropped: R(0) = 0 / 0 is undefined (NaN), and the bounds fail to hold; the engine finds x = 0. */
    @Counterexample
    void failsForTheZeroVector(Check check) {
        check.forAll(LinalgGens.symmetric(4).flatMap(a -> TensorGens.tensors(a.dim(0)).map(x -> new Tensor[] {a, x}))
                .as("A, x"), in -> {
            Tensor a = in[0];
            SymmetricEigen e = SymmetricEigen.of(a);
            double[] l = e.values();
            double eta = La.eigEta(e, a.frobenius(), a.dim(0));
            double[] r = rayleigh(a, in[1]);
            check.note("R(x)", r[0]);
            Claims.atLeast("R(x) >= lambda_min", r[0], l[0] - eta - r[1]);
            Claims.atMost("R(x) <= lambda_max", r[0], l[l.length - 1] + eta + r[1]);
        });
    }
}
