package dlmath.linalg;

import dlmath.tensor.Tensor;

/**
 * The Cholesky factorization {@code A = L L^T} of a symmetric positive definite matrix, with
 * {@code L} lower triangular and a positive diagonal.
 *
 * <p>Algorithm: the row-oriented (Cholesky-Banachiewicz) form of Golub &amp; Van Loan, <i>Matrix
 * Computations</i>, 4th ed., Alg. 4.2.1: for each row {@code j} and {@code k < j},
 * {@code l_jk = (a_jk - sum_{i<k} l_ji l_ki) / l_kk}, then the pivot
 * {@code d_j = a_jj - sum_{i<j} l_ji^2} and {@code l_jj = sqrt(d_j)}. Only the lower triangle of
 * {@code A} is read. The factorization exists iff {@code A} is positive definite (Golub &amp; Van
 * Loan Thm 4.2.7), and then every pivot is positive; the first pivot {@code d_j <= 0} proves that
 * the leading {@code (j+1) x (j+1)} minor is not positive, so {@code A} is not positive definite.
 *
 * <p>Accuracy (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., Thm 10.3):
 * the computed factor satisfies {@code L L^T = A + dA} with {@code |dA| <= gamma_{n+1} |L| |L^T|}
 * entrywise, {@code gamma_k = k u / (1 - k u)}.
 *
 * <p>Input checks: {@code A} must be a finite square matrix, symmetric within
 * {@link #SYMMETRY_TOLERANCE}{@code  * max|a_kl|} (a product such as {@code Q D Q^T} is symmetric
 * only up to its rounding, about {@code n u max|a_kl|}), and positive definite. Each failure is an
 * {@link IllegalArgumentException} that names the problem: the shape, the asymmetric pair, or the
 * index and value of the first non-positive pivot.
 */
public final class Cholesky {

    /** Relative tolerance of the symmetry check: {@code |a_ij - a_ji| <= 1e-12 max_kl |a_kl|}. */
    public static final double SYMMETRY_TOLERANCE = 1e-12;

    private final double[][] l;
    private final int scale;   // l is the factor of 2^-scale A (scale even; see Scaling)

    private Cholesky(double[][] l, int scale) {
        this.l = l;
        this.scale = scale;
    }

    /**
     * Factors a symmetric positive definite matrix.
     *
     * @param a a square, symmetric, positive definite matrix with finite entries
     * @return the factorization
     * @throws IllegalArgumentException if {@code a} is not a matrix, not square, has a non-finite
     *     entry, is not symmetric within the tolerance, or is not positive definite (the message
     *     names the first non-positive pivot and its value)
     */
    public static Cholesky of(Tensor a) {
        double[][] m = Matrices.square("Cholesky.of", "A", a);
        int n = m.length;
        double tol = SYMMETRY_TOLERANCE * Matrices.maxAbs(m);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (!(Math.abs(m[i][j] - m[j][i]) <= tol)) {
                    throw Matrices.error("Cholesky.of: A is not symmetric: A[%d, %d] = %s but A[%d, %d] = %s "
                                    + "(tolerance %s = %s * max|A|)", i, j, m[i][j], j, i, m[j][i], tol,
                            SYMMETRY_TOLERANCE);
                }
            }
        }
        // Factor 2^-e A with e even (exact): L = 2^(e/2) L', and no pivot overflows or underflows.
        int e = Scaling.evenExponent(Matrices.maxAbs(m), n);
        Scaling.scale(m, e);
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] lj = l[j];
            for (int k = 0; k < j; k++) {
                double[] lk = l[k];
                double s = m[j][k];
                dlmath.tensor.OpCount.add(2L * k + 1);
                for (int i = 0; i < k; i++) {
                    s -= lj[i] * lk[i];
                }
                lj[k] = s / lk[k];
            }
            double d = m[j][j];
            dlmath.tensor.OpCount.add(2L * j + 1);
            for (int i = 0; i < j; i++) {
                d -= lj[i] * lj[i];
            }
            if (!(d > 0)) {
                throw Matrices.error("Cholesky.of: A is not positive definite: pivot %d is %s <= 0 "
                        + "(the leading %dx%d minor is not positive definite)", j, Scaling.times(d, e), j + 1, j + 1);
            }
            lj[j] = Math.sqrt(d);
        }
        return new Cholesky(l, e);
    }

    /** The order {@code n} of {@code A}. */
    public int size() {
        return l.length;
    }

    /**
     * The lower triangular factor.
     *
     * @return {@code L}, n x n, with {@code L L^T = A} and a positive diagonal
     */
    public Tensor l() {
        double[][] out = new double[l.length][];
        for (int i = 0; i < l.length; i++) {
            out[i] = l[i].clone();
        }
        Scaling.unscale(out, scale / 2);
        return Tensor.of(out);
    }

    /**
     * Solves {@code A x = b} by forward substitution {@code L y = b} and back substitution
     * {@code L^T x = y} (Higham Thm 10.4: {@code (A + dA) x = b}, {@code |dA| <= gamma_{3n+1} |L||L^T|}).
     *
     * @param b a vector of length n or a matrix with n rows (one system per column)
     * @return {@code x} in the shape of {@code b}
     * @throws IllegalArgumentException if {@code b} has the wrong number of rows or a non-finite entry
     */
    public Tensor solve(Tensor b) {
        double[][] y = Matrices.rhs("Cholesky.solve", b, l.length, new int[] {l.length, l.length});
        int f = Scaling.exponent(Matrices.maxAbs(y), l.length);
        Scaling.scale(y, f);
        forward(y);
        backwardTransposed(y);
        Scaling.unscale(y, f - scale);   // A = 2^e A', b = 2^f b': x = 2^(f - e) A'^-1 b'
        return Matrices.likeRhs(y, b);
    }

    /**
     * Solves {@code L y = b} by forward substitution; with {@code y = L^{-1} (x - mu)},
     * {@code ||y||^2 = (x - mu)^T A^{-1} (x - mu)} is the squared Mahalanobis distance.
     *
     * @param b a vector of length n or a matrix with n rows
     * @return {@code L^{-1} b} in the shape of {@code b}
     * @throws IllegalArgumentException if {@code b} has the wrong number of rows or a non-finite entry
     */
    public Tensor solveLower(Tensor b) {
        double[][] y = Matrices.rhs("Cholesky.solveLower", b, l.length, new int[] {l.length, l.length});
        int f = Scaling.exponent(Matrices.maxAbs(y), l.length);
        Scaling.scale(y, f);
        forward(y);
        Scaling.unscale(y, f - scale / 2);   // L = 2^(e/2) L'
        return Matrices.likeRhs(y, b);
    }

    /**
     * {@code log det A = 2 sum_i log l_ii}, computed without forming the determinant (which
     * overflows or underflows long before its logarithm does).
     *
     * @return the natural logarithm of {@code det A}
     */
    public double logDet() {
        double s = 0;
        dlmath.tensor.OpCount.add(2L * l.length + 1);
        for (int i = 0; i < l.length; i++) {
            s += Math.log(l[i][i]);
        }
        return scale == 0 ? 2 * s : 2 * s + (double) scale * l.length * Math.log(2);
    }

    /** In place: y := L^{-1} y, column by column of y. */
    private void forward(double[][] y) {
        int n = l.length;
        int k = y[0].length;
        for (int i = 0; i < n; i++) {
            double[] li = l[i];
            dlmath.tensor.OpCount.add((2L * i + 1) * k);
            for (int c = 0; c < k; c++) {
                double s = y[i][c];
                for (int j = 0; j < i; j++) {
                    s -= li[j] * y[j][c];
                }
                y[i][c] = s / li[i];
            }
        }
    }

    /** In place: y := L^{-T} y. */
    private void backwardTransposed(double[][] y) {
        int n = l.length;
        int k = y[0].length;
        for (int i = n - 1; i >= 0; i--) {
            dlmath.tensor.OpCount.add((2L * (n - 1 - i) + 1) * k);
            for (int c = 0; c < k; c++) {
                double s = y[i][c];
                for (int j = i + 1; j < n; j++) {
                    s -= l[j][i] * y[j][c];
                }
                y[i][c] = s / l[i][i];
            }
        }
    }
}
