package dlmath.autodiff;

import dlmath.tensor.Tensor;

/**
 * The two factorizations that the primitives {@code solve} and {@code logdet} need: LU with
 * partial pivoting and Cholesky. Kept private to this package as a stopgap; the library's
 * {@code dlmath.linalg} (being written in parallel) is meant to replace it. Algorithms as in
 * Golub &amp; Van Loan, Matrix Computations, 4th ed., Alg. 3.4.1 (LU with partial pivoting,
 * "gaxpy" form) and Alg. 4.2.1 (Cholesky).
 */
final class DenseLinalg {

    private DenseLinalg() {
    }

    /**
     * Solves {@code A X = B} by LU with partial pivoting: at step k the row with the largest
     * |entry| in column k (among rows k..n-1) becomes the pivot row, which bounds the multipliers
     * by 1 (GVL Sec. 3.4.3).
     *
     * @param a a square matrix [n, n]
     * @param b a vector [n] or a matrix [n, k]
     * @return X, of b's shape
     * @throws IllegalArgumentException if the shapes do not fit or A is singular (a zero pivot)
     */
    static Tensor solve(Tensor a, Tensor b) {
        if (a.rank() != 2 || a.dim(0) != a.dim(1)) {
            throw new IllegalArgumentException("solve: A must be a square matrix, got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
        int n = a.dim(0);
        if (!(b.rank() == 1 || b.rank() == 2) || b.dim(0) != n) {
            throw new IllegalArgumentException("solve: b must have shape [" + n + "] or [" + n + ", k] to match A "
                    + java.util.Arrays.toString(a.shape()) + ", got " + java.util.Arrays.toString(b.shape()));
        }
        int k = b.rank() == 1 ? 1 : b.dim(1);
        double[][] lu = a.toArray2D();
        double[] rhs = b.toArray();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int col = 0; col < n; col++) {
            int p = col;
            for (int i = col + 1; i < n; i++) {
                if (Math.abs(lu[i][col]) > Math.abs(lu[p][col])) {
                    p = i;
                }
            }
            if (lu[p][col] == 0) {
                throw new IllegalArgumentException("solve: A is singular (zero pivot in column " + col + ")");
            }
            double[] row = lu[p];
            lu[p] = lu[col];
            lu[col] = row;
            int t = perm[p];
            perm[p] = perm[col];
            perm[col] = t;
            for (int i = col + 1; i < n; i++) {
                double m = lu[i][col] / lu[col][col];
                lu[i][col] = m;
                for (int j = col + 1; j < n; j++) {
                    lu[i][j] -= m * lu[col][j];
                }
            }
        }
        double[] x = new double[n * k];
        for (int c = 0; c < k; c++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {           // L y = P b (unit lower triangular)
                double s = rhs[perm[i] * k + c];
                for (int j = 0; j < i; j++) {
                    s -= lu[i][j] * y[j];
                }
                y[i] = s;
            }
            for (int i = n - 1; i >= 0; i--) {       // U x = y
                double s = y[i];
                for (int j = i + 1; j < n; j++) {
                    s -= lu[i][j] * x[j * k + c];
                }
                x[i * k + c] = s / lu[i][i];
            }
        }
        return Tensor.of(b.shape(), x);
    }

    /**
     * The Cholesky factor L (lower triangular, positive diagonal) with {@code S = L L^T}, reading
     * only the lower triangle of S.
     *
     * @param s a symmetric positive definite matrix
     * @return L as rows
     * @throws IllegalArgumentException if S is not positive definite (a non-positive pivot)
     */
    static double[][] cholesky(Tensor s) {
        int n = s.dim(0);
        double[][] a = s.toArray2D();
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 0)) {
                throw new IllegalArgumentException("logdet: matrix is not positive definite (pivot " + j + " is " + d + ")");
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < n; i++) {
                double v = a[i][j];
                for (int k = 0; k < j; k++) {
                    v -= l[i][k] * l[j][k];
                }
                l[i][j] = v / l[j][j];
            }
        }
        return l;
    }

    /** Solves {@code L L^T X = B} for a matrix B given as rows, by forward and back substitution. */
    static double[][] choleskySolve(double[][] l, double[][] b) {
        int n = l.length;
        int k = b[0].length;
        double[][] x = new double[n][k];
        for (int c = 0; c < k; c++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double s = b[i][c];
                for (int j = 0; j < i; j++) {
                    s -= l[i][j] * y[j];
                }
                y[i] = s / l[i][i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = y[i];
                for (int j = i + 1; j < n; j++) {
                    s -= l[j][i] * x[j][c];
                }
                x[i][c] = s / l[i][i];
            }
        }
        return x;
    }

    /** The symmetric part (A + A^T) / 2 of a square matrix. */
    static Tensor symmetricPart(Tensor a) {
        if (a.rank() != 2 || a.dim(0) != a.dim(1)) {
            throw new IllegalArgumentException("logdet: need a square matrix, got shape " + java.util.Arrays.toString(a.shape()));
        }
        return a.add(a.transpose()).mul(0.5);
    }
}
