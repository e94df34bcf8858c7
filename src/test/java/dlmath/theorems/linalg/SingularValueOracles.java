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
        statement = "|s_i(ours) - s_i(commons-math3)| <= eps_ours + eps_cm,i (commons-math3's error certified from its own factors); "
                + "|sqrt(lambda_i(A^T A)) - s_i| <= min(delta / s_i, sqrt(delta)), delta = O(n eps) s_1^2")
@Tag("linalg")
class SingularValueOracles {

    /** commons-math3's singular values (descending), an oracle only. */
    static double[] commonsMath(Tensor a) {
        return commonsMathCertified(a).s();
    }

    /**
     * commons-math3's singular values s (descending) with certified errors: |s_i - sigma_i(A)| <= err[i]
     * for the exact singular values sigma_i of A.
     */
    record Certified(double[] s, double[] err) {
    }

    /**
     * commons-math3's SVD (a port of JAMA's Golub-Kahan-Reinsch) with an a-posteriori error bound derived
     * from its own factors, instead of an assumed constant p(m, n) (an earlier version took LAPACK's
     * generic |s_i - sigma_i| <= p(m, n) eps s_1 with an underived p(m, n) = 4 max(m, n) min(m, n)).
     * commons-math3 is the oracle here, not the code under test, so measuring its output is allowed; the
     * bound holds whatever its algorithm did:
     * <ul>
     * <li>Write A = U_k S_k V_k^T + E with the leading k columns of U and V, k the largest with s_k > 0 and
     * both U_k, V_k orthonormal to within 1/2 (commons-math3 does not keep the columns of zero or
     * underflowing singular values orthonormal); U_k S_k V_k^T has rank k, so for i > k its sigma_i is 0,
     * at distance s_i from commons-math3's value. By Weyl for singular values
     * (Golub &amp; Van Loan, 4th ed., Cor. 8.6.2) |sigma_i(A) - sigma_i(U S V^T)| <= ||E||_2 <= ||E||_F.</li>
     * <li>For X with full column rank, sigma_min(X) sigma_i(M) <= sigma_i(X M) <= sigma_max(X) sigma_i(M)
     * (Horn &amp; Johnson, Topics in Matrix Analysis, Thm 3.3.16 with X^+ X = I); with
     * w_U = ||U^T U - I||_2 < 1, sigma_max(U)^2 <= 1 + w_U and sigma_min(U)^2 >= 1 - w_U, and likewise for V.
     * Hence sigma_i(U S V^T) lies within s_i [sqrt((1 - w_U)(1 - w_V)), sqrt((1 + w_U)(1 + w_V))], a relative
     * distance of at most w_U + w_V from s_i (for w_U, w_V <= 1/2).</li>
     * <li>Computed in floating point: fl(U S V^T) - (U S V^T) is at most gamma_{p+1} |U| S |V|^T entrywise
     * (the scaling U S and the product, Higham Lemma 3.5 / eq. (3.13)), and the subtraction from A adds
     * u |A - U S V^T|; fl(U^T U) - U^T U is at most gamma_m |U|^T |U| (Frobenius at most gamma_m ||U||_F^2);
     * ||.||_2 <= ||.||_F; and Higham's eq. (2.8) adds an absolute 2^-1074 per product and sum that
     * underflows.</li>
     * </ul>
     * So err_i = ||E_hat||_F (1 + u) + gamma_{k+1} || |U_k| S_k |V_k|^T ||_F + (w_U + w_V) s_i (i <= k; s_i
     * beyond) + underflow, with w = ||fl(X^T X) - I||_F + gamma_{rows+2} ||X||_F^2 (the choice of k makes
     * w <= 1/2). On the suite's inputs (largest entry in [1, 2)) the bound is of the order of
     * n eps s_1, i.e. the "p(m, n)" it replaces comes out of the measurement instead of an assumption.
     */
    static Certified commonsMathCertified(Tensor a) {
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(a.toArray2D()));
        double[] s = svd.getSingularValues();
        Tensor u = Tensor.of(svd.getU().getData());
        Tensor v = Tensor.of(svd.getV().getData());
        int m = a.dim(0);
        int n = a.dim(1);
        // the leading k columns: those paired with s_i > 0 whose U and V columns are orthonormal to within 1/2.
        // commons-math3 does not keep the others orthonormal: ||U^T U - I|| = 1.25 on a 4 x 4 matrix of rank 2,
        // and a zero column of U for a singular value of 1e-279 (LA-15, seed 1)
        int k = 0;
        while (k < s.length && s[k] > 0) {
            k++;
        }
        double wu = 0;
        double wv = 0;
        for (; k > 0; k--) {
            wu = departure(u.slice(1, 0, k));
            wv = departure(v.slice(1, 0, k));
            if (wu <= 0.5 && wv <= 0.5) {
                break;
            }
        }
        double residual;
        if (k == 0) {
            residual = a.frobenius() * (1 + Tol.U); // the approximation 0: E = A
        } else {
            Tensor uk = u.slice(1, 0, k);
            Tensor vk = v.slice(1, 0, k);
            Tensor sd = La.diag(k, k, java.util.Arrays.copyOf(s, k));
            Tensor e = a.sub(uk.matmul(sd).matmul(vk.transpose()));
            double forming = Tol.gamma(k + 1) * uk.abs().matmul(sd).matmul(vk.abs().transpose()).frobenius();
            residual = e.frobenius() * (1 + Tol.U) + forming + La.underflow(4.0 * m * n * (k + 1), 1);
        }
        double[] err = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            // i < k: sigma_i(U_k S_k V_k^T) within (w_U + w_V) s_i of s_i; i >= k: it is 0 (rank k), s_i away
            err[i] = residual + (i < k ? (wu + wv) * s[i] : s[i]) * (1 + Tol.U);
        }
        return new Certified(s, err);
    }

    /** A bound on ||X^T X - I||_2: the computed Frobenius norm plus gamma_k ||X||_F^2 for the product (k rows). */
    static double departure(Tensor x) {
        double f = x.frobenius();
        return x.transpose().matmul(x).sub(Tensor.eye(x.dim(1))).frobenius() * (1 + Tol.U)
                + Tol.gamma(x.dim(0) + 2) * f * f + La.underflow(2.0 * x.dim(0) * x.dim(1) * x.dim(1), 1);
    }

    /**
     * On A scaled by a power of two to a largest entry in [1, 2) (singular values scale exactly):
     * commons-math3's SVD does not rescale, and on matrices near the underflow threshold it flushes
     * singular values to 0 (e.g. [[0, 8.0e-292], [0, 0]] gives s = 0) or loses relative accuracy;
     * there it is no oracle.
     */
    @Property(tries = 200)
    void agreeWithCommonsMath(Check check) {
        check.forAll(LinalgGens.withLarge(LinalgGens.general(6)).as("A"), a0 -> {
            // scaled exactly by a power of two: commons-math3 does not rescale
            Tensor a = a0.normInf() == 0 ? a0 : a0.mul(Math.scalb(1.0, -Math.getExponent(a0.normInf())));
            check.label(LinalgGens.shapeLabel(a));
            Svd svd = Svd.of(a);
            double[] ours = svd.singularValues();
            Certified cm = commonsMathCertified(a);
            check.note("s (ours)", ours);
            check.note("s (commons-math3)", cm.s());
            check.note("certified error of commons-math3", cm.err());
            Claims.that("both give min(m, n) singular values", ours.length == cm.s().length);
            double ourEps = La.svdEps(svd, a.frobenius());
            double worst = 0;
            for (int i = 0; i < ours.length; i++) {
                double tol = ourEps + cm.err()[i];
                if (tol > 0) {
                    worst = Math.max(worst, Math.abs(ours[i] - cm.s()[i]) / tol);
                }
                Claims.close("s_" + (i + 1) + " (ours) = s_" + (i + 1) + " (commons-math3)", ours[i], cm.s()[i], tol);
            }
            check.target(worst, "|difference| / tolerance");
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
        check.forAll(LinalgGens.withLarge(LinalgGens.general(6)).as("A"), a -> {
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
     * Why the bound above must be min(delta / s_i, sqrt(delta)) with s_i, not the bound delta / s_1 that
     * holds at the top: sqrt(eig(A^T A)) loses the small singular values. The claim with s_i replaced by
     * s_1 (an absolute accuracy of order eps s_1, like the commons-math3 comparison) is refuted by a
     * rank-deficient or near-singular matrix.
     */
    @Counterexample
    void gramRootsDoNotHaveAbsoluteAccuracyEpsSigma1(Check check) {
        check.forAll(LinalgGens.moderate(5).as("A"), a -> {
            Svd svd = Svd.of(a);
            double[] s = svd.singularValues();
            Gram g = gram(a);
            double epsSvd = La.svdEps(svd, a.frobenius());
            double sLow1 = Math.max(s[0] - epsSvd, 0);
            check.assume(sLow1 > 0);
            for (int i = 0; i < s.length; i++) {
                double root = Math.sqrt(Math.max(g.lambda()[i], 0));
                double tol = g.delta() / sLow1 + epsSvd + Tol.U * root;
                check.note("sqrt(lambda_" + (i + 1) + ")", root);
                check.note("s_" + (i + 1), s[i]);
                Claims.close("sqrt(lambda_" + (i + 1) + "(A^T A)) = s_" + (i + 1) + " within delta / s_1", root, s[i], tol);
            }
        });
    }
}
