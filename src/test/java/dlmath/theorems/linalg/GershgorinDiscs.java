package dlmath.theorems.linalg;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.LinalgGens;
import dlmath.gen.MatrixGens;
import dlmath.linalg.SymmetricEigen;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * LA-18 Gershgorin's circle theorem, for symmetric matrices (real spectrum, so the discs are
 * intervals). Gershgorin, Izv. Akad. Nauk SSSR (1931); Horn &amp; Johnson, Matrix Analysis, 2nd ed.,
 * Thm 6.1.1; Golub &amp; Van Loan, 4th ed., Thm 7.2.1. Page: theorems/linalg/LA-18-gershgorin-discs.md.
 */
@Theorem(id = "LA-18", name = "Gershgorin circle theorem",
        statement = "Every eigenvalue of A lies in the union of the discs |z - a_ii| <= r_i = sum_{j != i} |a_ij|")
@Tag("linalg")
class GershgorinDiscs {

    /** r_i, computed, with its rounding allowance gamma_{n-1} r_i. */
    static double radius(Tensor a, int i) {
        double r = 0;
        for (int j = 0; j < a.dim(0); j++) {
            if (j != i) {
                r += Math.abs(a.get(i, j));
            }
        }
        return r;
    }

    /** The distance from x to the disc (interval) i: max(0, |x - a_ii| - r_i). */
    static double distance(Tensor a, int i, double x) {
        return Math.max(0, Math.abs(x - a.get(i, i)) - radius(a, i));
    }

    /**
     * The computed lambda_hat are exact eigenvalues of A + E, ||E||_2 <= eta, so each lies within eta of
     * an exact eigenvalue; the radii err by gamma_{n-1} r_i and the subtraction by u.
     */
    @Property(tries = 200)
    void everyEigenvalueLiesInTheUnionOfTheDiscs(Check check) {
        check.example(Tensor.of(new double[][] {{0, 1}, {1, 0}}));
        check.forAll(LinalgGens.symmetricWithLarge(6).as("A"), a -> {
            int n = a.dim(0);
            SymmetricEigen e = SymmetricEigen.of(a);
            double eta = La.eigEta(e, a.frobenius(), n);
            double worstPosition = 0;
            for (double l : e.eigenvalues().toArray()) {
                double best = Double.POSITIVE_INFINITY;
                double position = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    best = Math.min(best, distance(a, i, l));
                    double r = radius(a, i);
                    if (r > 0) {
                        position = Math.min(position, Math.abs(l - a.get(i, i)) / r);
                    }
                }
                if (Double.isFinite(position)) {
                    worstPosition = Math.max(worstPosition, position);
                }
                double allowance = eta + Tol.gamma(n) * (a.normInf() * n + Math.abs(l));
                Claims.atMost("distance from lambda = " + l + " to the union of the discs", best, allowance);
            }
            check.note("lambda", e.values());
            check.target(Math.min(worstPosition, 2), "max_lambda min_i |lambda - a_ii| / r_i (1 on a boundary)");
        });
    }

    /**
     * For symmetric A also each disc holds an eigenvalue: e_i^T A e_i = a_ii and
     * ||A e_i - a_ii e_i||_2 = (sum_{j != i} a_ij^2)^(1/2) <= r_i, so some eigenvalue is within that
     * residual of a_ii (Golub &amp; Van Loan, 4th ed., Thm 8.1.13 / Parlett, Thm 4.5.1).
     */
    @Property(tries = 150)
    void eachDiscOfASymmetricMatrixContainsAnEigenvalue(Check check) {
        check.forAll(LinalgGens.symmetricWithLarge(6).as("A"), a -> {
            int n = a.dim(0);
            SymmetricEigen e = SymmetricEigen.of(a);
            double eta = La.eigEta(e, a.frobenius(), n);
            for (int i = 0; i < n; i++) {
                double best = Double.POSITIVE_INFINITY;
                for (double l : e.values()) {
                    best = Math.min(best, Math.abs(l - a.get(i, i)));
                }
                double residual = a.row(i).sub(LinalgGens.unit(n, i).mul(a.get(i, i))).norm2();
                Claims.atMost("distance from a_" + i + i + " to the nearest eigenvalue <= ||A e_i - a_ii e_i||",
                        best, residual * (1 + Tol.gamma(n + 2)) + eta);
            }
        });
    }

    /** Necessity of the off-diagonal radius: the diagonal entries themselves are not eigenvalues in general. */
    @Counterexample
    void eigenvaluesNeedNotBeDiagonalEntries(Check check) {
        check.forAll(Gens.integers(2, 4).flatMap(MatrixGens::symmetric).as("A"), a -> {
            int n = a.dim(0);
            for (double l : SymmetricEigen.of(a).values()) {
                double best = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    best = Math.min(best, Math.abs(l - a.get(i, i)));
                }
                Claims.atMost("lambda = " + l + " within 1e-9 of a diagonal entry (radius 0)", best, 1e-9);
            }
        });
    }
}
