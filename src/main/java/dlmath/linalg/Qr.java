package dlmath.linalg;

import dlmath.tensor.Tensor;

/**
 * The QR factorization {@code A = Q R} of an m x n matrix by Householder reflections, in thin
 * form ({@code Q} m x k with orthonormal columns, {@code R} k x n upper triangular,
 * {@code k = min(m, n)}) or full form ({@code Q} m x m orthogonal, {@code R} m x n).
 *
 * <p>Algorithm: Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., Alg. 5.2.1 (Householder
 * QR) with the reflector of Alg. 5.1.1 in LAPACK's {@code dlarfg} form: for column {@code j} the
 * reflector {@code H_j = I - tau_j v_j v_j^T} with {@code v_j(0) = 1} maps {@code x = A(j:m, j)} to
 * {@code beta e_1}, {@code beta = -sign(x_0) ||x||}. The sign is chosen against {@code x_0} so that
 * {@code x_0 - beta} adds two numbers of the same sign and never cancels. {@code Q = H_0 H_1 ...
 * H_{k-1}} is formed by backward accumulation (Alg. 5.1.5). The matrix is held as its transpose so
 * that every column is a contiguous array.
 *
 * <p>Accuracy (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., Thm 19.4 and
 * Lemma 19.3): there is an orthogonal {@code Q} with {@code A + dA = Q R_hat}, {@code ||da_j||_2 <=
 * gamma~_{mn} ||a_j||_2} for every column {@code j}, and the computed {@code Q_hat} is within
 * {@code sqrt(n) gamma~_{mn}} of an orthogonal matrix.
 */
public final class Qr {

    private final int m;
    private final int n;
    private final boolean full;
    /** The transpose of the factored matrix: qr[j][i] = R(i, j) for i <= j, v_j(i) for i > j. */
    private final double[][] qr;
    private final double[] tau;

    private Qr(int m, int n, boolean full, double[][] qr, double[] tau) {
        this.m = m;
        this.n = n;
        this.full = full;
        this.qr = qr;
        this.tau = tau;
    }

    /**
     * The thin factorization: {@code Q} m x k, {@code R} k x n, {@code k = min(m, n)}.
     *
     * @param a an m x n matrix with finite entries
     * @return the factorization
     * @throws IllegalArgumentException if {@code a} is not a matrix or has a non-finite entry
     */
    public static Qr of(Tensor a) {
        return factor("Qr.of", a, false);
    }

    /**
     * The full factorization: {@code Q} m x m orthogonal, {@code R} m x n.
     *
     * @param a an m x n matrix with finite entries
     * @return the factorization
     * @throws IllegalArgumentException if {@code a} is not a matrix or has a non-finite entry
     */
    public static Qr full(Tensor a) {
        return factor("Qr.full", a, true);
    }

    private static Qr factor(String op, Tensor a, boolean full) {
        double[][] at = Matrices.transpose(Matrices.matrix(op, "A", a));
        int n = at.length;
        int m = at[0].length;
        int k = Math.min(m, n);
        double[] tau = new double[k];
        for (int j = 0; j < k; j++) {
            double[] x = at[j];
            tau[j] = reflector(x, j);
            if (tau[j] != 0) {
                for (int c = j + 1; c < n; c++) {
                    apply(x, tau[j], j, at[c]);
                }
            }
        }
        return new Qr(m, n, full, at, tau);
    }

    /**
     * Overwrites {@code x(j:)} with {@code beta} at {@code j} and the tail of {@code v} below it;
     * returns {@code tau} (0 when {@code x(j+1:)} is already zero, so that {@code H = I}). The
     * vector is first scaled by a power of two to a largest entry in [1, 2), as LAPACK's
     * {@code dlarfg} rescales tiny vectors, so that {@code 1 / (x_0 - beta)} cannot overflow.
     */
    private static double reflector(double[] x, int j) {
        double max = 0;
        for (int i = j + 1; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        if (max == 0) {
            return 0;
        }
        max = Math.max(max, Math.abs(x[j]));
        // v and tau do not change when x is scaled; a power of two (exact) keeps 1 / (alpha - beta) finite
        double scale = Math.scalb(1.0, -Math.getExponent(max));
        double alpha = x[j] * scale;
        double[] tail = new double[x.length - j - 1];
        for (int i = 0; i < tail.length; i++) {
            tail[i] = x[j + 1 + i] * scale;
        }
        double norm = Math.hypot(alpha, Matrices.norm(tail));
        double beta = alpha >= 0 ? -norm : norm;
        double tau = (beta - alpha) / beta;
        double factor = 1 / (alpha - beta);
        for (int i = 0; i < tail.length; i++) {
            x[j + 1 + i] = tail[i] * factor;
        }
        x[j] = beta / scale;
        return tau;
    }

    /** y := (I - tau v v^T) y on rows j.., where v = (1, h(j+1:)). */
    private static void apply(double[] h, double tau, int j, double[] y) {
        double w = y[j];
        for (int i = j + 1; i < h.length; i++) {
            w += h[i] * y[i];
        }
        w *= tau;
        y[j] -= w;
        for (int i = j + 1; i < h.length; i++) {
            y[i] -= w * h[i];
        }
    }

    /** The number of columns of {@code Q} and rows of {@code R}: k = min(m, n) (thin) or m (full). */
    private int qCols() {
        return full ? m : Math.min(m, n);
    }

    /**
     * The orthogonal factor.
     *
     * @return {@code Q}, m x k (thin) or m x m (full), with orthonormal columns
     */
    public Tensor q() {
        int cols = qCols();
        double[][] qt = new double[cols][m]; // qt[c] is column c of Q
        for (int c = 0; c < cols; c++) {
            qt[c][c] = 1;
        }
        for (int j = tau.length - 1; j >= 0; j--) {
            if (tau[j] != 0) {
                for (int c = 0; c < cols; c++) {
                    apply(qr[j], tau[j], j, qt[c]);
                }
            }
        }
        return Matrices.fromColumns(qt, cols);
    }

    /**
     * The upper triangular factor.
     *
     * @return {@code R}, k x n (thin) or m x n (full), zero below the diagonal
     */
    public Tensor r() {
        int rows = qCols();
        double[] out = new double[rows * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i <= Math.min(j, rows - 1) && i < m; i++) {
                out[i * n + j] = qr[j][i];
            }
        }
        return Tensor.of(new int[] {rows, n}, out);
    }

    /**
     * The least-squares solution {@code x = argmin ||A x - b||_2} for a tall or square {@code A}
     * (m &gt;= n) of full column rank: {@code R_1 x = (Q^T b)(0:n)}. The residual {@code b - A x} is
     * orthogonal to the column space of {@code A}.
     *
     * @param b a vector of length m or a matrix with m rows (one problem per column)
     * @return {@code x}, of length n (or n x k)
     * @throws IllegalArgumentException if m &lt; n (use {@link Linalg#pinv} for the minimum-norm
     *     solution), if {@code b} has the wrong number of rows, or if {@code A} is numerically rank
     *     deficient: {@code |R(j, j)| <= max(m, n) eps max_i |R(i, i)|} for some j (the message names j)
     */
    public Tensor solveLeastSquares(Tensor b) {
        String op = "Qr.solveLeastSquares";
        if (m < n) {
            throw Matrices.error("%s: A of shape %s has fewer rows than columns, so the least-squares solution is "
                    + "not unique; use Linalg.pinv(A) for the minimum-norm solution", op, new int[] {m, n});
        }
        double[][] y = Matrices.rhs(op, b, m, new int[] {m, n});
        double maxDiag = 0;
        for (int j = 0; j < n; j++) {
            maxDiag = Math.max(maxDiag, Math.abs(qr[j][j]));
        }
        double threshold = Math.max(m, n) * Matrices.EPS * maxDiag;
        for (int j = 0; j < n; j++) {
            if (!(Math.abs(qr[j][j]) > threshold)) {
                throw Matrices.error("%s: A of shape %s is numerically rank deficient: |R[%d, %d]| = %s <= %s "
                                + "(max(m, n) eps max|R[i, i]|); use Linalg.pinv(A)", op, new int[] {m, n}, j, j,
                        Math.abs(qr[j][j]), threshold);
            }
        }
        int k = y[0].length;
        double[][] cols = Matrices.transpose(y); // cols[c] is column c of b
        double[][] x = new double[n][k];
        for (int c = 0; c < k; c++) {
            double[] z = cols[c];
            for (int j = 0; j < tau.length; j++) {
                if (tau[j] != 0) {
                    apply(qr[j], tau[j], j, z);
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = z[i];
                for (int j = i + 1; j < n; j++) {
                    s -= qr[j][i] * x[j][c];
                }
                x[i][c] = s / qr[i][i];
            }
        }
        return Matrices.likeRhs(x, b);
    }
}
