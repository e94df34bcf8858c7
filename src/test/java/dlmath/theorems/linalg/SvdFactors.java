package dlmath.theorems.linalg;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.LinalgGens;
import dlmath.linalg.Svd;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * LA-02 The factors of the SVD: orthonormal singular vectors, singular values non-negative and
 * sorted. Golub &amp; Van Loan, Matrix Computations, 4th ed., Thm 2.4.1.
 * Page: theorems/linalg/LA-02-svd-factors.md.
 */
@Theorem(id = "LA-02", name = "SVD factors",
        statement = "In A = U diag(s) V^T, U^T U = I, V^T V = I and s_1 >= s_2 >= ... >= s_min(m,n) >= 0")
@Tag("linalg")
class SvdFactors {

    static void factors(Check check, Tensor a, boolean full) {
        Svd svd = full ? Svd.full(a) : Svd.of(a);
        double orth = La.svdOrth(svd);
        double eu = La.orthogonalityError(svd.u());
        double ev = La.orthogonalityError(svd.v());
        check.note("U", svd.u());
        check.note("s", svd.s());
        check.note("V", svd.v());
        check.target(Math.max(eu, ev) / orth, "orthogonality error / bound");
        Claims.atMost("max |U^T U - I| <= bound", eu, orth);
        Claims.atMost("max |V^T V - I| <= bound", ev, orth);
        double[] s = svd.singularValues();
        for (int i = 0; i < s.length; i++) {
            Claims.atLeast("s_" + (i + 1) + " >= 0", s[i], 0);
            if (i > 0) {
                Claims.atMost("s_" + (i + 1) + " <= s_" + i, s[i], s[i - 1]);
            }
        }
    }

    @Property(tries = 200)
    void compactFactorsAreOrthonormalAndTheSpectrumSortedAndNonNegative(Check check) {
        check.example(Tensor.of(new double[][] {{1, 2}, {2, 4}, {3, 6}}));
        check.example(Tensor.of(new double[][] {{-1, 0}, {0, 3}}));
        check.forAll(LinalgGens.withLarge(LinalgGens.general(6)).as("A"), a -> {
            check.label(LinalgGens.shapeLabel(a));
            factors(check, a, false);
        });
    }

    @Property(tries = 150)
    void fullFactorsAreOrthogonal(Check check) {
        check.example(Tensor.zeros(3, 1));
        // rank 4, null space spanned by (1, ..., 1) / sqrt(5): no unit vector has a residual above 1/2 (found by LA-14)
        check.example(Tensor.eye(5).sub(Tensor.full(0.2, 5, 5)));
        // rank 2, whose two noise columns kept being rotated against the others and converged only
        // linearly (found by LA-02 under seed 6 before noise columns below m eps were left alone)
        check.example(Tensor.of(new double[][] {{22.5, 55.97315492169365, 43.42237656654269, 6.326864098994534},
                {4.0, -0.6704318088240555, 10.781505476626652, -4.999167889772428},
                {-33.9296875, -61.7890625, -72.00075236786859, 3.5}, {0, 0, 0, 0}}));
        // rank 2 in an exactly two-dimensional column space: four noise columns cycled (found by LA-03, seed 14)
        check.example(Tensor.of(new double[][] {{0, 0.2338645652312795, 0, 0.09309453973988427, 0, 0},
                {0, -0.7839447441672831, 0, 0.12687560275224205, 0, 0}, {0, -0.26485522139716305, 0, 0.04861458600247547, 0, 0},
                {0, 0.5041400491627177, 0, 0.24394859504381153, 0, 0}, {0, 0.08020302831284024, 0, -0.40418027302285886, 0, 0}}));
        check.forAll(LinalgGens.withLarge(LinalgGens.general(6)).as("A"), a -> {
            check.label(LinalgGens.shapeLabel(a));
            factors(check, a, true);
        });
    }

    /** The singular values of A and of A^T, of -A and of A with its rows permuted agree (orthogonal invariance). */
    @Property(tries = 150)
    void singularValuesAreInvariantUnderTransposeNegationAndPermutation(Check check) {
        check.forAll(LinalgGens.general(5).as("A"), a -> {
            Svd svd = Svd.of(a);
            double[] s = svd.singularValues();
            double eps = La.svdEps(svd, a.frobenius());
            int m = a.dim(0);
            double[] reversedRows = new double[a.size()];
            int n = a.dim(1);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    reversedRows[i * n + j] = a.get(m - 1 - i, j);
                }
            }
            Tensor[] variants = {a.transpose(), a.neg(), Tensor.of(new int[] {m, n}, reversedRows)};
            String[] names = {"A^T", "-A", "A with rows reversed"};
            for (int v = 0; v < variants.length; v++) {
                Svd other = Svd.of(variants[v]);
                double[] t = other.singularValues();
                double tol = eps + La.svdEps(other, a.frobenius());
                for (int i = 0; i < s.length; i++) {
                    Claims.close("s_" + (i + 1) + "(" + names[v] + ") = s_" + (i + 1) + "(A)", t[i], s[i], tol);
                }
            }
        });
    }
}
