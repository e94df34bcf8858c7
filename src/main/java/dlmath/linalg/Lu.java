package dlmath.linalg;

import dlmath.tensor.Tensor;

/**
 * The LU factorization with partial pivoting {@code P A = L U} of a square matrix: {@code P} a
 * permutation, {@code L} unit lower triangular with {@code |l_ij| <= 1}, {@code U} upper triangular.
 *
 * <p>Algorithm: Gaussian elimination with partial pivoting, Golub &amp; Van Loan, <i>Matrix
 * Computations</i>, 4th ed., Alg. 3.4.1 (the row with the largest {@code |a_ik|}, {@code i >= k}, is
 * swapped into position {@code k}; the first such row on ties). The factorization always completes,
 * as LAPACK's {@code dgetrf} does; a zero pivot {@code U(k, k) = 0} means that {@code A} is exactly
 * singular in floating point, and then {@link #det()} is 0 while {@link #solve} and
 * {@link #inverse()} refuse with an {@link IllegalArgumentException} naming the pivot.
 *
 * <p>Accuracy (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., Thm 9.3 and
 * 9.4): {@code L U = P A + dA} with {@code |dA| <= gamma_n |L| |U|}, and the computed solution of
 * {@code A x = b} satisfies {@code (A + dA) x = b}, {@code |dA| <= gamma_{3n} P^T |L| |U|}.
 */
public final class Lu {

    private final double[][] lu; // L below the diagonal (unit diagonal implied), U on and above
    private final int[] perm;    // row i of P A is row perm[i] of A
    private final int sign;      // det P
    private final int scale;     // the factors are those of 2^-scale A (see Scaling)

    private Lu(double[][] lu, int[] perm, int sign, int scale) {
        this.lu = lu;
        this.perm = perm;
        this.sign = sign;
        this.scale = scale;
    }

    /**
     * Factors a square matrix.
     *
     * @param a a square matrix with finite entries
     * @return the factorization (also for a singular matrix)
     * @throws IllegalArgumentException if {@code a} is not square or has a non-finite entry
     */
    public static Lu of(Tensor a) {
        // (Power-of-two equilibration: a matrix whose largest entry is near the top of the double range is
        // scaled down just enough, one whose largest entry is below 2^-500 is scaled up; l(), u(), det(),
        // logAbsDet(), solve and inverse are those of A, computed without overflow or subnormal digits lost.)
        double[][] m = Matrices.square("Lu.of", "A", a);
        int n = m.length;
        // Factor 2^-e A (exact): the pivots and L are those of A, U is scaled by 2^-e, and entries near
        // the ends of the double range neither overflow in the elimination nor lose digits as subnormals.
        int e = Scaling.exponent(Matrices.maxAbs(m), n);
        Scaling.scale(m, e);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int sign = 1;
        for (int k = 0; k < n; k++) {
            int p = k;
            dlmath.tensor.OpCount.add(n - k - 1);                   // pivot comparisons
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(m[i][k]) > Math.abs(m[p][k])) {
                    p = i;
                }
            }
            if (p != k) {
                double[] row = m[p];
                m[p] = m[k];
                m[k] = row;
                int t = perm[p];
                perm[p] = perm[k];
                perm[k] = t;
                sign = -sign;
            }
            double pivot = m[k][k];
            if (pivot == 0) {
                continue; // the column below is zero too: nothing to eliminate
            }
            double[] rowK = m[k];
            for (int i = k + 1; i < n; i++) {
                double[] rowI = m[i];
                double l = rowI[k] / pivot;
                rowI[k] = l;
                dlmath.tensor.OpCount.add(l != 0 ? 1 + 2L * (n - k - 1) : 1);
                if (l != 0) {
                    for (int j = k + 1; j < n; j++) {
                        rowI[j] -= l * rowK[j];
                    }
                }
            }
        }
        return new Lu(m, perm, sign, e);
    }

    /** The order n. */
    public int size() {
        return lu.length;
    }

    /** The unit lower triangular factor {@code L}. */
    public Tensor l() {
        int n = lu.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(lu[i], 0, l[i], 0, i);
            l[i][i] = 1;
        }
        return Tensor.of(l);
    }

    /** The upper triangular factor {@code U}. */
    public Tensor u() {
        int n = lu.length;
        double[][] u = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(lu[i], i, u[i], i, n - i);
        }
        Scaling.unscale(u, scale);
        return Tensor.of(u);
    }

    /** The permutation matrix {@code P} with {@code P A = L U}. */
    public Tensor p() {
        int n = lu.length;
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            p[i][perm[i]] = 1;
        }
        return Tensor.of(p);
    }

    /** The row permutation: row i of {@code P A} is row {@code pivots()[i]} of {@code A}. */
    public int[] pivots() {
        return perm.clone();
    }

    /**
     * The determinant {@code det A = det(P) prod_i U(i, i)} (0 for a singular matrix). The product
     * may overflow or underflow for large n; {@link #logAbsDet()} does not.
     *
     * @return {@code det A}
     */
    public double det() {
        // the product of the scaled pivots with its binary exponent carried apart, so that it
        // overflows or underflows only if det A itself is beyond the double range
        double d = sign;
        long exponent = (long) scale * lu.length;
        for (int i = 0; i < lu.length; i++) {
            d *= lu[i][i];
            if (d == 0) {
                return d;
            }
            int k = Math.getExponent(d);
            if (k > 500 || k < -500) {
                d = Math.scalb(d, -k);
                exponent += k;
            }
        }
        return Math.scalb(d, (int) Math.max(-4000, Math.min(4000, exponent)));
    }

    /**
     * {@code log |det A| = sum_i log |U(i, i)|}; negative infinity for a singular matrix.
     *
     * @return the natural logarithm of {@code |det A|}
     */
    public double logAbsDet() {
        double s = 0;
        for (int i = 0; i < lu.length; i++) {
            s += Math.log(Math.abs(lu[i][i]));
        }
        return scale == 0 ? s : s + (double) scale * lu.length * Math.log(2);
    }

    /** Whether some pivot {@code U(k, k)} is exactly zero. */
    public boolean isSingular() {
        return firstZeroPivot() >= 0;
    }

    private int firstZeroPivot() {
        for (int i = 0; i < lu.length; i++) {
            if (lu[i][i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Solves {@code A x = b} by {@code L y = P b} and {@code U x = y}.
     *
     * @param b a vector of length n or a matrix with n rows (one system per column)
     * @return {@code x} in the shape of {@code b}
     * @throws IllegalArgumentException if {@code A} is singular (a zero pivot, named), or {@code b}
     *     has the wrong number of rows or a non-finite entry
     */
    public Tensor solve(Tensor b) {
        double[][] y = Matrices.rhs("Lu.solve", b, lu.length, new int[] {lu.length, lu.length});
        // A x = b with A = 2^e A' and b = 2^f b': x = 2^(f - e) A'^-1 b', every step in range
        int f = Scaling.exponent(Matrices.maxAbs(y), lu.length);
        Scaling.scale(y, f);
        double[][] x = solveInPlace("Lu.solve", y);
        Scaling.unscale(x, f - scale);
        return Matrices.likeRhs(x, b);
    }

    /**
     * The inverse {@code A^{-1}}, solving {@code A X = I}. The factorization works on {@code 2^-e A}
     * (a power-of-two scaling, exact; see {@link #of}), so entries of {@code A^{-1}} are right wherever
     * they are representable; an entry beyond the double range is infinite, never NaN.
     *
     * @return {@code A^{-1}}
     * @throws IllegalArgumentException if {@code A} is singular (a zero pivot, named)
     */
    public Tensor inverse() {
        int n = lu.length;
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1;
        }
        double[][] x = solveInPlace("Lu.inverse", id);
        Scaling.unscale(x, -scale);   // A^-1 = 2^-e A'^-1; entries beyond the double range become infinite
        return Tensor.of(x);
    }

    private double[][] solveInPlace(String op, double[][] b) {
        int zero = firstZeroPivot();
        int n = lu.length;
        if (zero >= 0) {
            throw Matrices.error("%s: A (%dx%d) is singular: pivot U[%d, %d] = 0 in the LU factorization with "
                    + "partial pivoting", op, n, n, zero, zero);
        }
        int k = b[0].length;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = b[perm[i]].clone();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double l = lu[i][j];
                if (l != 0) {
                    dlmath.tensor.OpCount.add(2L * k);
                    for (int c = 0; c < k; c++) {
                        x[i][c] -= l * x[j][c];
                    }
                }
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            for (int j = i + 1; j < n; j++) {
                double u = lu[i][j];
                dlmath.tensor.OpCount.add(2L * k);
                for (int c = 0; c < k; c++) {
                    x[i][c] -= u * x[j][c];
                }
            }
            dlmath.tensor.OpCount.add(k);
            for (int c = 0; c < k; c++) {
                x[i][c] /= lu[i][i];
            }
        }
        return x;
    }
}
