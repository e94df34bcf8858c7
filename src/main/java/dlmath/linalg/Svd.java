package dlmath.linalg;

import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;

/**
 * The singular value decomposition {@code A = U diag(s) V^T} of an m x n matrix by one-sided
 * Jacobi, with the singular values {@code s} non-negative and sorted in descending order.
 *
 * <p>Algorithm (Hestenes 1958; Demmel &amp; Veselic, "Jacobi's method is more accurate than QR",
 * SIAM J. Matrix Anal. Appl. 13 (1992), Alg. 4.1): for a tall matrix {@code B} (m &gt;= n; a wide
 * {@code A} is handled as {@code B = A^T} with the roles of {@code U} and {@code V} swapped), plane
 * rotations are applied from the right to pairs of columns {@code (b_p, b_q)} in cyclic order until
 * all columns are mutually orthogonal. For a pair with {@code alpha = ||b_p||^2},
 * {@code beta = ||b_q||^2}, {@code gamma = b_p^T b_q}, the rotation angle solves the symmetric 2 x 2
 * eigenproblem of {@code [[alpha, gamma], [gamma, beta]]}: {@code zeta = (beta - alpha) / (2 gamma)},
 * {@code t = sign(zeta) / (|zeta| + sqrt(1 + zeta^2))} (the smaller root, so the angle is at most
 * {@code pi/4}), {@code c = 1 / sqrt(1 + t^2)}, {@code s = c t}. A pair is rotated only while
 * {@code |gamma| > m eps sqrt(alpha beta)}, the relative criterion that gives Demmel and Veselic's
 * relative accuracy, and unless one of the two columns is at most the noise floor
 * {@code 4 m n eps ||B||_F} long; the sweeps stop when a whole sweep rotates nothing. Then
 * {@code s_j = ||b_j||}, {@code u_j = b_j / s_j}, and {@code V} is the product of the rotations. A
 * column below the noise floor that is still not orthogonal to another is rounding noise left in the
 * span of the others (a rank-deficient matrix produces it: in exact arithmetic it would be zero; in
 * floating point it cannot be made orthogonal to columns whose span it lies in, and rotating it again
 * and again converges only linearly, if at all); it is deflated, its singular value set to 0, at a
 * backward error of at most the noise floor per column. Relative accuracy is therefore promised for
 * columns longer than the noise floor.
 *
 * <p>Implementation notes: the columns of {@code B} and of {@code V} are held as rows of their
 * transposes, so that each rotation runs over contiguous arrays; {@code B} is first scaled by a
 * power of two (exactly) so that its largest entry lies in [1, 2). Left singular vectors of zero
 * singular values (and the extra columns of the full {@code U}) are completed to an orthonormal basis
 * by Gram-Schmidt, applied twice, on unit vectors.
 *
 * <p>Accuracy: backward stable, {@code ||A - U diag(s) V^T||_F <= (sweeps (n - 1) gamma_6 + gamma_{m+3})
 * ||A||_F} to first order (each column takes part in {@code n - 1} rotations per sweep; Higham,
 * <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., Lemma 19.8 for sequences of plane
 * rotations). For {@code A = B D} with {@code D} diagonal, every singular value, however small, is
 * computed with relative error {@code O(m eps kappa(B_scaled))} (Demmel &amp; Veselic Thm 4.2).
 */
public final class Svd {

    /** The cap on the number of sweeps; convergence is quadratic and needs about 5 to 10 in double. */
    public static final int MAX_SWEEPS = 60;

    /** The constant c of the noise floor {@code c m n eps ||B||_F} below which columns are not rotated. */
    static final double NOISE = 4;


    private final int m;
    private final int n;
    private final double[][] ut; // columns of U, as rows
    private final double[] s;
    private final double[][] vt; // columns of V, as rows
    private final int sweeps;

    private Svd(int m, int n, double[][] ut, double[] s, double[][] vt, int sweeps) {
        this.m = m;
        this.n = n;
        this.ut = ut;
        this.s = s;
        this.vt = vt;
        this.sweeps = sweeps;
    }

    /**
     * The compact SVD: {@code U} m x k, {@code s} of length k, {@code V} n x k, {@code k = min(m, n)}.
     *
     * @param a an m x n matrix with finite entries
     * @return the decomposition
     * @throws IllegalArgumentException if {@code a} is not a matrix or has a non-finite entry
     */
    public static Svd of(Tensor a) {
        return decompose("Svd.of", a, false);
    }

    /**
     * The full SVD: {@code U} m x m and {@code V} n x n orthogonal, {@code s} of length min(m, n).
     *
     * @param a an m x n matrix with finite entries
     * @return the decomposition
     * @throws IllegalArgumentException if {@code a} is not a matrix or has a non-finite entry
     */
    public static Svd full(Tensor a) {
        if (a != null && a.rank() == 2) {   // U is m x m and V is n x n: refuse sizes beyond an array
            Checks.sizeProduct("Svd.full: U of A with shape " + java.util.Arrays.toString(a.shape()), a.dim(0), a.dim(0));
            Checks.sizeProduct("Svd.full: V of A with shape " + java.util.Arrays.toString(a.shape()), a.dim(1), a.dim(1));
        }
        return decompose("Svd.full", a, true);
    }

    private static Svd decompose(String op, Tensor a, boolean full) {
        double[][] rows = Matrices.matrix(op, "A", a);
        int m = rows.length;
        int n = rows[0].length;
        boolean wide = m < n;
        // The columns of the tall matrix B: B = A (columns of A) or B = A^T (rows of A).
        double[][] cols = wide ? rows : Matrices.transpose(rows);
        int bm = wide ? n : m; // rows of B
        int bn = wide ? m : n; // columns of B
        Jacobi j = new Jacobi(cols, bm, bn);
        double[][] left = j.leftVectors(full ? bm : bn);
        double[][] right = j.rightVectors();
        return wide ? new Svd(m, n, right, j.sigma, left, j.sweeps)
                : new Svd(m, n, left, j.sigma, right, j.sweeps);
    }

    /** One-sided Jacobi on the columns of a tall matrix, then sorting and completion. */
    private static final class Jacobi {
        final int rows;
        final double[][] b;     // b[j]: column j of B (scaled), orthogonalized in place
        final double[][] v;     // v[j]: column j of V
        final double[] sigma;   // sorted descending
        final int[] order;      // order[i]: the column of b holding the i-th largest singular value
        int sweeps;
        /** Columns at most this long are rounding noise: {@code 4 m n eps ||B||_F} (B scaled). */
        double noiseFloor;

        Jacobi(double[][] cols, int rows, int count) {
            this.rows = rows;
            this.b = cols;
            this.v = new double[count][count];
            for (int i = 0; i < count; i++) {
                v[i][i] = 1;
            }
            double max = Matrices.maxAbs(cols);
            double scale = max == 0 ? 1 : Math.scalb(1.0, Math.getExponent(max));
            for (double[] c : b) {
                for (int i = 0; i < rows; i++) {
                    c[i] /= scale;
                }
            }
            double frob = 0;
            for (double[] c : b) {
                frob = Math.hypot(frob, Matrices.norm(c));
            }
            noiseFloor = NOISE * rows * count * Matrices.EPS * frob;
            orthogonalize();
            double[] norms = new double[count];
            for (int j = 0; j < count; j++) {
                norms[j] = Matrices.norm(b[j]);
            }
            boolean[] deflated = deflate(norms);
            for (int j = 0; j < count; j++) {
                if (deflated[j]) {
                    norms[j] = 0;
                }
            }
            order = descending(norms);
            sigma = new double[count];
            for (int i = 0; i < count; i++) {
                sigma[i] = norms[order[i]] * scale;
            }
        }

        private void orthogonalize() {
            int count = b.length;
            double threshold = rows * Matrices.EPS;
            for (sweeps = 1; sweeps <= MAX_SWEEPS; sweeps++) {
                boolean rotated = false;
                for (int p = 0; p < count - 1; p++) {
                    for (int q = p + 1; q < count; q++) {
                        rotated |= rotate(p, q, threshold);
                    }
                }
                if (!rotated) {
                    return;
                }
            }
            throw new ArithmeticException("Svd: one-sided Jacobi did not converge in " + MAX_SWEEPS + " sweeps");
        }

        /** Orthogonalizes columns p and q if they are not orthogonal to working accuracy. */
        private boolean rotate(int p, int q, double threshold) {
            double[] x = b[p];
            double[] y = b[q];
            double alpha = 0;
            double beta = 0;
            double gamma = 0;
            for (int i = 0; i < rows; i++) {
                alpha += x[i] * x[i];
                beta += y[i] * y[i];
                gamma += x[i] * y[i];
            }
            if (!(Math.abs(gamma) > threshold * Math.sqrt(alpha) * Math.sqrt(beta))) {
                return false;
            }
            if (Math.min(alpha, beta) <= noiseFloor * noiseFloor) {
                return false; // the smaller column is rounding noise: deflated at the end if not orthogonal
            }
            double zeta = (beta - alpha) / (2 * gamma);
            double root = Math.abs(zeta) < 1e150 ? Math.sqrt(1 + zeta * zeta) : Math.abs(zeta);
            double t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + root);
            double c = 1 / Math.sqrt(1 + t * t);
            double s = c * t;
            rotatePair(x, y, c, s);
            rotatePair(v[p], v[q], c, s);
            return true;
        }

        private static void rotatePair(double[] x, double[] y, double c, double s) {
            for (int i = 0; i < x.length; i++) {
                double xi = x[i];
                double yi = y[i];
                x[i] = c * xi - s * yi;
                y[i] = s * xi + c * yi;
            }
        }

        /**
         * Marks the deflated columns: zero, below 2^-460 of the largest entry (where squared norms
         * underflow), or below the noise floor and still not orthogonal to some other column
         * (rounding noise left in the span of the others, as in a rank-deficient matrix). Their
         * singular value is set to 0 and their left singular vector completed: a backward error of
         * at most the noise floor per column.
         */
        private boolean[] deflate(double[] norms) {
            int count = norms.length;
            boolean[] deflated = new boolean[count];
            double[][] unit = new double[count][];
            for (int j = 0; j < count; j++) {
                deflated[j] = !(norms[j] > 0x1.0p-460);
                if (!deflated[j]) {
                    unit[j] = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        unit[j][r] = b[j][r] / norms[j];
                    }
                }
            }
            double threshold = rows * Matrices.EPS;
            for (int j = 0; j < count; j++) {
                for (int k = 0; k < count && !deflated[j]; k++) {
                    if (k != j && !deflated[k] && norms[j] <= noiseFloor
                            && Math.abs(Matrices.dot(unit[j], unit[k])) > threshold) {
                        deflated[j] = true;
                    }
                }
            }
            return deflated;
        }

        /** The first {@code count} left singular vectors, in sorted order, completed where s = 0. */
        double[][] leftVectors(int count) {
            double[][] u = new double[count][];
            int known = 0;
            boolean[] missing = new boolean[count];
            for (int i = 0; i < sigma.length; i++) {
                double[] col = b[order[i]];
                double norm = Matrices.norm(col);
                if (sigma[i] > 0) {
                    u[i] = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        u[i][r] = col[r] / norm;
                    }
                    known++;
                } else {
                    missing[i] = true;
                }
            }
            for (int i = sigma.length; i < count; i++) {
                missing[i] = true;
            }
            if (known < count) {
                complete(u, missing, rows);
            }
            return u;
        }

        double[][] rightVectors() {
            double[][] out = new double[sigma.length][];
            for (int i = 0; i < sigma.length; i++) {
                out[i] = v[order[i]];
            }
            return out;
        }
    }

    /** Indices sorting {@code x} in descending order (stable). */
    static int[] descending(double[] x) {
        Integer[] idx = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (i, j) -> Double.compare(x[j], x[i]));
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /**
     * Fills the rows {@code vectors[i]} with {@code missing[i]} so that all rows are orthonormal:
     * each new vector is the unit vector whose component orthogonal to the vectors present
     * (Gram-Schmidt applied twice, "twice is enough") is longest, normalized (chosen by its
     * squared projection, in O(k m) per vector). With k orthonormal
     * vectors present, the squared lengths of these components sum to {@code length - k}, so the
     * longest is at least {@code sqrt((length - k) / length) >= 1 / sqrt(length)}.
     */
    static void complete(double[][] vectors, boolean[] missing, int length) {
        for (int i = 0; i < vectors.length; i++) {
            if (!missing[i]) {
                continue;
            }
            // The component of e_j orthogonal to the orthonormal vectors present has squared length
            // 1 - sum_k v_k[j]^2: pick the j with the smallest sum (the first on ties) in O(k m),
            // then orthogonalize only that unit vector (not all m of them, which costs O(k m^2)).
            double[] projected = new double[length];
            for (int k = 0; k < vectors.length; k++) {
                if (vectors[k] != null && (k < i || !missing[k])) {
                    for (int r = 0; r < length; r++) {
                        projected[r] += vectors[k][r] * vectors[k][r];
                    }
                }
            }
            int chosen = 0;
            for (int r = 1; r < length; r++) {
                if (projected[r] < projected[chosen]) {
                    chosen = r;
                }
            }
            double[] best = null;
            double bestNorm = -1;
            for (int e = chosen; e <= chosen; e++) {
                double[] w = new double[length];
                w[e] = 1;
                for (int pass = 0; pass < 2; pass++) {
                    for (int k = 0; k < vectors.length; k++) {
                        if (vectors[k] != null && (k < i || !missing[k])) {
                            double d = Matrices.dot(vectors[k], w);
                            for (int r = 0; r < length; r++) {
                                w[r] -= d * vectors[k][r];
                            }
                        }
                    }
                }
                double norm = Matrices.norm(w);
                if (norm > bestNorm) {
                    bestNorm = norm;
                    best = w;
                }
            }
            for (int r = 0; r < length; r++) {
                best[r] /= bestNorm;
            }
            vectors[i] = best;
        }
    }

    /** The left singular vectors as columns: m x min(m, n) (compact) or m x m (full). */
    public Tensor u() {
        return Matrices.fromColumns(ut, ut.length);
    }

    /** The singular values, non-negative and in descending order; length min(m, n). */
    public Tensor s() {
        return Tensor.of(s);
    }

    /** The right singular vectors as columns: n x min(m, n) (compact) or n x n (full). */
    public Tensor v() {
        return Matrices.fromColumns(vt, vt.length);
    }

    /** The singular values as an array (descending); a copy. */
    public double[] singularValues() {
        return s.clone();
    }

    /**
     * The number of singular values above {@code tol}.
     *
     * @param tol a threshold, finite and &gt;= 0
     * @return {@code #{i : s_i > tol}}
     * @throws IllegalArgumentException if {@code tol} is negative, NaN or infinite
     */
    public int rank(double tol) {
        Matrices.requireTolerance("Svd.rank", "tol", tol);
        int r = 0;
        for (double x : s) {
            if (x > tol) {
                r++;
            }
        }
        return r;
    }

    /** The rows m of {@code A}. */
    public int rows() {
        return m;
    }

    /** The columns n of {@code A}. */
    public int cols() {
        return n;
    }

    /** The number of Jacobi sweeps performed (the last one rotated nothing); enters the backward error bound. */
    public int sweeps() {
        return sweeps;
    }
}
