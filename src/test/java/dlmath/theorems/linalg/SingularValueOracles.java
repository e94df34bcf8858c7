package dlmath.theorems.linalg;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.LinalgGens;
import dlmath.linalg.Svd;
import dlmath.linalg.SymmetricEigen;
import dlmath.tensor.Tensor;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Tag;

/**
 * LA-03 Singular values agree with independent computations: commons-math3's Golub-Kahan SVD
 * and the square roots of the eigenvalues of A^T A. Weyl's perturbation theorem for singular
 * values (Golub &amp; Van Loan, Matrix Computations, 4th ed., Cor. 8.6.2) turns backward errors into
 * absolute errors. Page: theorems/linalg/LA-03-singular-value-oracles.md.
 */
@Theorem(id = "LA-03", name = "Singular values agree with independent oracles",
        statement = "|s_i(ours) - s_i(commons-math3)| <= (tau + 4 max(m,n) min(m,n) eps) s_1-scale; "
                + "|sqrt(lambda_i(A^T A)) - s_i| <= min(delta / s_i, sqrt(delta)), delta = O(n eps) s_1^2")
@Tag("linalg")
class SingularValueOracles {

    /** commons-math3's singular values (descending), an oracle only. */
    static double[] commonsMath(Tensor a) {
        return new SingularValueDecomposition(new Array2DRowRealMatrix(a.toArray2D())).getSingularValues();
    }

    /**
     * The error assumed for commons-math3 (a port of JAMA's Golub-Kahan-Reinsch SVD): LAPACK's form
     * |s_hat_i - s_i| <= p(m, n) eps s_1 (LAPACK Users' Guide, 3rd ed., Sec. 4.9) with
     * p(m, n) = 4 max(m, n) min(m, n): 2 min(m, n) Householder reflections of length up to max(m, n)
     * in the bidiagonalization, each within about 2 max(m, n) eps, and a backward stable QR iteration.
     */
    static double commonsMathError(Tensor a, double s1) {
        int m = a.dim(0);
        int n = a.dim(1);
        return 4.0 * Math.max(m, n) * Math.min(m, n) * La.EPS * s1;
    }

    /**
     * On A scaled by a power of two to a largest entry in [1, 2) (singular values scale exactly):
     * commons-math3's SVD does not rescale, and on matrices near the underflow threshold it flushes
     * singular values to 0 (e.g. [[0, 8.0e-292], [0, 0]] gives s = 0) or loses relative accuracy;
     * there it is no oracle.
     */
    @Property(tries = 200)
    void agreeWithCommonsMath(Check check) {
        check.forAll(LinalgGens.general(6).as("A"), a0 -> {
            // scaled exactly by a power of two: commons-math3 does not rescale
            Tensor a = a0.normInf() == 0 ? a0 : a0.mul(Math.scalb(1.0, -Math.getExponent(a0.normInf())));
            check.label(LinalgGens.shapeLabel(a));
            Svd svd = Svd.of(a);
            double[] ours = svd.singularValues();
            double[] cm = commonsMath(a);
            check.note("s (ours)", ours);
            check.note("s (commons-math3)", cm);
            Claims.that("both give min(m, n) singular values", ours.length == cm.length);
            double tol = La.svdEps(svd, a.frobenius()) + commonsMathError(a, Math.max(ours[0], cm[0]));
            double worst = 0;
            for (int i = 0; i < ours.length; i++) {
                worst = Math.max(worst, Math.abs(ours[i] - cm[i]));
                Claims.close("s_" + (i + 1) + " (ours) = s_" + (i + 1) + " (commons-math3)", ours[i], cm[i], tol);
            }
            if (tol > 0) {
                check.target(worst / tol, "|difference| / tolerance");
            }
        });
    }

    /** Eigenvalues of the smaller Gram matrix (A^T A or A A^T), descending, and the bound delta on their error. */
    record Gram(double[] lambda, double delta) {
    }

    /**
     * delta bounds |lambda_hat_i - s_i^2|: forming C = fl(A^T A) errs by at most
     * gamma_k |A^T| |A| entrywise (k the inner dimension), so by || |A|^T |A| ||_F in the 2-norm, and
     * the eigenvalues of C are computed within eigEta of C's (Weyl).
     */
    static Gram gram(Tensor a) {
        boolean tall = a.dim(0) >= a.dim(1);
        Tensor left = tall ? a.transpose() : a;
        Tensor right = tall ? a : a.transpose();
        int inner = left.dim(1);
        Tensor c = left.matmul(right);
        c = c.add(c.transpose()).div(2); // exact: fl(A^T A) is already symmetric (same products, same order)
        SymmetricEigen e = SymmetricEigen.of(c);
        // gradual underflow: each product and sum also errs by up to 2^-1075 absolutely (Higham eq. (2.8))
        double forming = Tol.gamma(inner) * left.abs().matmul(right.abs()).frobenius()
                + c.dim(0) * 2.0 * inner * Double.MIN_VALUE;
        double delta = forming + La.eigEta(e, c.frobenius(), c.dim(0));
        double[] asc = e.values();
        double[] desc = new double[asc.length];
        for (int i = 0; i < asc.length; i++) {
            desc[i] = asc[asc.length - 1 - i];
        }
        return new Gram(desc, delta);
    }

    /**
     * The right bound for sqrt(lambda(A^T A)): with |lambda_hat - s^2| <= delta and x = max(lambda_hat, 0),
     * |sqrt(x) - s| = |x - s^2| / (sqrt(x) + s) <= delta / s, and |sqrt(x) - s| <= sqrt(|x - s^2|) <= sqrt(delta).
     * So a singular value near s_1 keeps about eps relative accuracy, while one near 0 is only known to
     * sqrt(delta), about sqrt(eps) s_1. Products that underflow add up to 2^-1075 each to delta.
     * Our s_hat_i is within epsSvd of s_i, and sqrt adds u.
     */
    @Property(tries = 200)
    void squareRootsOfGramEigenvaluesAgreeWithinTheSquaredConditioningBound(Check check) {
        check.forAll(LinalgGens.general(6).as("A"), a -> {
            Svd svd = Svd.of(a);
            double[] s = svd.singularValues();
            double epsSvd = La.svdEps(svd, a.frobenius());
            Gram g = gram(a);
            for (int i = 0; i < s.length; i++) {
                double root = Math.sqrt(Math.max(g.lambda()[i], 0));
                double sLow = Math.max(s[i] - epsSvd, 0);
                double bound = Math.min(sLow > 0 ? g.delta() / sLow : Double.POSITIVE_INFINITY, Math.sqrt(g.delta()))
                        + epsSvd + Tol.U * root;
                if (i == s.length - 1) {
                    check.label(sLow > 0 && g.delta() / sLow < Math.sqrt(g.delta()) ? "smallest s: delta / s binds"
                            : "smallest s: sqrt(delta) binds");
                }
                if (bound > 0) {
                    check.target(Math.abs(root - s[i]) / bound, "|sqrt(lambda_i) - s_i| / bound");
                }
                Claims.close("sqrt(lambda_" + (i + 1) + "(A^T A)) = s_" + (i + 1), root, s[i], bound);
            }
        });
    }

    /**
     * Why the bound above must be min(delta / s, sqrt(delta)) and not c eps s_1: sqrt(eig(A^T A)) loses
     * the small singular values. The naive claim, with the constant of the commons-math3 comparison,
     * is refuted by a rank-deficient or near-singular matrix.
     */
    @Counterexample
    void gramRootsDoNotHaveAbsoluteAccuracyEpsSigma1(Check check) {
        check.forAll(LinalgGens.moderate(5).as("A"), a -> {
            Svd svd = Svd.of(a);
            double[] s = svd.singularValues();
            Gram g = gram(a);
            double tol = La.svdEps(svd, a.frobenius()) + commonsMathError(a, s[0]);
            for (int i = 0; i < s.length; i++) {
                double root = Math.sqrt(Math.max(g.lambda()[i], 0));
                check.note("sqrt(lambda_" + (i + 1) + ")", root);
                check.note("s_" + (i + 1), s[i]);
                Claims.close("sqrt(lambda_" + (i + 1) + "(A^T A)) = s_" + (i + 1) + " within c eps s_1", root, s[i], tol);
            }
        });
    }
}
