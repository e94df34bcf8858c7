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
 * LA-01 The SVD reconstructs its matrix, backward stably. Golub &amp; Van Loan, Matrix
 * Computations, 4th ed., Thm 2.4.1; Demmel &amp; Veselic (1992) Sec. 4 for one-sided Jacobi.
 * Page: theorems/linalg/LA-01-svd-reconstruction.md.
 */
@Theorem(id = "LA-01", name = "SVD reconstruction",
        statement = "Every real m x n matrix is A = U diag(s) V^T; the computed factors reconstruct A with "
                + "||A - U S V^T||_F <= tau ||A||_F, tau of order (sweeps n + max(m, n)) u")
@Tag("linalg")
class SvdReconstruction {

    static void reconstructs(Check check, Tensor a, boolean full) {
        Svd svd = full ? Svd.full(a) : Svd.of(a);
        int m = a.dim(0);
        int n = a.dim(1);
        int p = Math.min(m, n);
        Tensor u = svd.u();
        Tensor v = svd.v();
        Claims.that("U is m x " + (full ? "m" : "min(m, n)") + ", got " + u.dim(0) + " x " + u.dim(1),
                u.dim(0) == m && u.dim(1) == (full ? m : p));
        Claims.that("V is n x " + (full ? "n" : "min(m, n)") + ", got " + v.dim(0) + " x " + v.dim(1),
                v.dim(0) == n && v.dim(1) == (full ? n : p));
        Claims.that("s has min(m, n) entries", svd.singularValues().length == p);
        double residual = a.sub(La.reconstruct(svd)).frobenius();
        double normA = a.frobenius();
        double bound = La.svdTau(svd) * normA + La.underflow(8.0 * (m + n) * (m + n), 1) + La.svdUnderflow(p, normA);
        check.note("sweeps", svd.sweeps());
        check.note("s", svd.s());
        check.note("||A - U S V^T||_F", residual);
        if (normA > 0) {
            check.target(residual / bound, "residual / derived bound");
            check.collect("LAPACK ratio ||A - USV^T||_F / (||A||_F max(m,n) eps) <= "
                    + (int) Math.ceil(residual / (normA * Math.max(m, n) * La.EPS)));
        }
        Claims.atMost("||A - U diag(s) V^T||_F <= tau ||A||_F (tau = " + La.svdTau(svd) + ")", residual, bound);
    }

    @Property(tries = 450)
    void compactSvdReconstructsTallWideSquareRankDeficientAndZeroMatrices(Check check) {
        check.example(Tensor.of(new double[][] {{0}}));
        check.example(Tensor.of(new double[][] {{-3}}));
        check.example(Tensor.zeros(3, 2));
        check.example(Tensor.of(new double[][] {{1, 2}, {2, 4}, {3, 6}}));
        check.example(Tensor.of(new double[][] {{1, 1e-12}, {1e-12, 1}}));
        check.forAll(LinalgGens.withLarge(LinalgGens.general(6)).as("A"), a -> {
            String shape = LinalgGens.shapeLabel(a);
            check.label(shape);
            boolean zero = a.normInf() == 0;
            int rank = Svd.of(a).rank(Math.max(a.dim(0), a.dim(1)) * La.EPS * Svd.of(a).singularValues()[0]);
            boolean deficient = !zero && rank < Math.min(a.dim(0), a.dim(1));
            // Coverage counts the random tries only: at least 225 of the 450 (the second half may hill-climb).
            // Per try: tall, wide ~1/4 each; square, 1x1 and zero >= 1/7; rank deficient nonzero ~1/10. By the
            // binomial tail (Chernoff, P(X < cN) <= exp(-N KL(c || p))) with N = 225: tall/wide 3%: exp(-41.9);
            // square 1%: exp(-26); a zero, 1x1 or rank-deficient matrix at least once (0.5%):
            // (6/7)^225 = 8e-16 and (9/10)^225 = 5e-11. Each < 1e-9.
            check.cover(3, shape.equals("tall"), "tall");
            check.cover(3, shape.equals("wide"), "wide");
            check.cover(1, shape.equals("square"), "square");
            check.cover(0.5, shape.equals("1x1"), "1x1");
            check.cover(0.5, zero, "zero matrix");
            check.cover(0.5, deficient, "rank deficient, nonzero");
            reconstructs(check, a, false);
        });
    }

    @Property(tries = 150)
    void fullSvdReconstructs(Check check) {
        check.example(Tensor.zeros(2, 3));
        check.forAll(LinalgGens.withLarge(LinalgGens.general(6)).as("A"), a -> {
            check.label(LinalgGens.shapeLabel(a));
            reconstructs(check, a, true);
        });
    }
}
