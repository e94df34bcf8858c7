package dlmath.linalg;

import dlmath.tensor.Tensor;

/**
 * The spectral decomposition {@code A = Q diag(lambda) Q^T} of a real symmetric matrix by the
 * cyclic Jacobi method, with the eigenvalues in <b>ascending</b> order (as LAPACK's {@code dsyev}
 * and {@code numpy.linalg.eigh}) and {@code Q} orthogonal, column {@code i} an eigenvector of
 * {@code lambda_i}.
 *
 * <p>Algorithm: Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., Sec. 8.5 (Alg. 8.5.1, the
 * symmetric Schur decomposition of a 2 x 2 block, and the cyclic-by-row Jacobi of Sec. 8.5.3). For
 * each pair {@code p < q} with {@code a_pq} above the threshold, {@code tau = (a_qq - a_pp) / (2
 * a_pq)}, {@code t = sign(tau) / (|tau| + sqrt(1 + tau^2))}, {@code c = 1 / sqrt(1 + t^2)},
 * {@code s = t c}; the rotation {@code J} with {@code J_pp = J_qq = c}, {@code J_pq = s},
 * {@code J_qp = -s} gives {@code A := J^T A J} with {@code a_pq = 0} and, in Rutishauser's form,
 * {@code a_pp := a_pp - t a_pq}, {@code a_qq := a_qq + t a_pq}; and {@code Q := Q J}. A pair is
 * rotated only while {@code |a_pq| > (eps / n) ||A||_F}; the sweeps stop when a sweep rotates
 * nothing, and then the off-diagonal mass {@code off(A) = (sum_{p != q} a_pq^2)^(1/2)} is at most
 * {@code eps ||A||_F}. Rows of {@code Q^T} are held contiguously so each rotation is two row updates.
 *
 * <p>Accuracy: backward stable, {@code ||A - Q diag(lambda) Q^T||_F <= c sweeps n u ||A||_F} to
 * first order (Higham, <i>Accuracy and Stability</i>, 2nd ed., Lemma 19.8 applied to the
 * rotations, plus the final {@code off(A)}); by Weyl each computed eigenvalue is within that bound
 * of an exact one.
 */
public final class SymmetricEigen {

    /** The cap on the number of sweeps; cyclic Jacobi converges quadratically (about 5 to 10 sweeps). */
    public static final int MAX_SWEEPS = 60;

    private final double[] lambda;
    private final double[][] qt; // qt[i]: eigenvector i
    private final int sweeps;

    private SymmetricEigen(double[] lambda, double[][] qt, int sweeps) {
        this.lambda = lambda;
        this.qt = qt;
        this.sweeps = sweeps;
    }

    /**
     * Decomposes a symmetric matrix.
     *
     * @param a a square matrix with finite entries, symmetric within
     *     {@link Cholesky#SYMMETRY_TOLERANCE}{@code  * max|a_kl|}; its lower triangle is used
     * @return the decomposition, eigenvalues ascending
     * @throws IllegalArgumentException if {@code a} is not a finite square symmetric matrix (the
     *     message names the asymmetric pair)
     */
    public static SymmetricEigen of(Tensor a) {
        double[][] m = Matrices.square("SymmetricEigen.of", "A", a);
        int n = m.length;
        double tol = Cholesky.SYMMETRY_TOLERANCE * Matrices.maxAbs(m);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (!(Math.abs(m[i][j] - m[j][i]) <= tol)) {
                    throw Matrices.error("SymmetricEigen.of: A is not symmetric: A[%d, %d] = %s but A[%d, %d] = %s "
                                    + "(tolerance %s = %s * max|A|)", i, j, m[i][j], j, i, m[j][i], tol,
                            Cholesky.SYMMETRY_TOLERANCE);
                }
                m[j][i] = m[i][j];
            }
        }
        // Work on 2^-e A (exact): the rotations are scale-invariant, the eigenvalues scale back by 2^e.
        int e = Scaling.exponent(Matrices.maxAbs(m), n);
        Scaling.scale(m, e);
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            q[i][i] = 1;
        }
        double frob = 0;
        double max = Matrices.maxAbs(m);
        if (max > 0) {
            for (double[] row : m) {
                for (double x : row) {
                    frob += (x / max) * (x / max);
                }
            }
            frob = max * Math.sqrt(frob);
        }
        double threshold = Matrices.EPS / n * frob;
        int sweeps;
        for (sweeps = 1; ; sweeps++) {
            if (sweeps > MAX_SWEEPS) {
                throw new ArithmeticException("SymmetricEigen: cyclic Jacobi did not converge in " + MAX_SWEEPS
                        + " sweeps");
            }
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int r = p + 1; r < n; r++) {
                    if (Math.abs(m[p][r]) > threshold) {
                        rotate(m, q, p, r);
                        rotated = true;
                    }
                }
            }
            if (!rotated) {
                break;
            }
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = -m[i][i];
        }
        int[] order = Svd.descending(d); // descending in -lambda: ascending in lambda
        double[] lambda = new double[n];
        double[][] qt = new double[n][];
        for (int i = 0; i < n; i++) {
            lambda[i] = Scaling.times(m[order[i]][order[i]], e);
            qt[i] = q[order[i]];
        }
        return new SymmetricEigen(lambda, qt, sweeps);
    }

    /** One Jacobi rotation annihilating a[p][r] (r plays the role of q), applied to A and to Q^T. */
    private static void rotate(double[][] a, double[][] q, int p, int r) {
        double apr = a[p][r];
        double tau = (a[r][r] - a[p][p]) / (2 * apr);
        double root = Math.abs(tau) < 1e150 ? Math.sqrt(1 + tau * tau) : Math.abs(tau);
        double t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + root);
        double c = 1 / Math.sqrt(1 + t * t);
        double s = t * c;
        int n = a.length;
        double[] rowP = a[p];
        double[] rowR = a[r];
        for (int k = 0; k < n; k++) {
            if (k != p && k != r) {
                double akp = rowP[k];
                double akr = rowR[k];
                double newP = c * akp - s * akr;
                double newR = s * akp + c * akr;
                rowP[k] = newP;
                rowR[k] = newR;
                a[k][p] = newP;
                a[k][r] = newR;
            }
        }
        rowP[p] -= t * apr;
        rowR[r] += t * apr;
        rowP[r] = 0;
        rowR[p] = 0;
        double[] qp = q[p];
        double[] qr = q[r];
        for (int k = 0; k < n; k++) {
            double x = qp[k];
            double y = qr[k];
            qp[k] = c * x - s * y;
            qr[k] = s * x + c * y;
        }
    }

    /** The eigenvalues in ascending order. */
    public Tensor eigenvalues() {
        return Tensor.of(lambda);
    }

    /** The eigenvalues in ascending order, as an array (a copy). */
    public double[] values() {
        return lambda.clone();
    }

    /** The orthogonal matrix of eigenvectors: column i belongs to eigenvalue i (ascending). */
    public Tensor eigenvectors() {
        return Matrices.fromColumns(qt, qt.length);
    }

    /** The number of Jacobi sweeps performed (the last one rotated nothing). */
    public int sweeps() {
        return sweeps;
    }
}
