package dlmath.linalg;

import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;

/**
 * The singular value decomposition {@code A = U diag(s) V^T} of an m x n matrix by one-sided
 * Jacobi, with the singular values {@code s} non-negative and sorted in descending order.
 *
 * <p>Algorithm (Hestenes 1958; Demmel &amp; Veselic, "Jacobi's method is more accurate than QR",
 * SIAM J. Matrix Anal. Appl. 13 (1992), Alg. 4.1; Drmac, "Implementation of Jacobi rotations for
 * accurate singular value computation in floating point arithmetic", SIAM J. Sci. Comput. 18 (1997)):
 * for a tall matrix {@code B} (m &gt;= n; a wide {@code A} is handled as {@code B = A^T} with the roles
 * of {@code U} and {@code V} swapped), plane rotations are applied from the right to pairs of columns
 * {@code (b_p, b_q)} in cyclic order until all columns are mutually orthogonal. For a pair with
 * {@code alpha = ||b_p||^2}, {@code beta = ||b_q||^2}, {@code gamma = b_p^T b_q}, the rotation angle
 * solves the symmetric 2 x 2 eigenproblem of {@code [[alpha, gamma], [gamma, beta]]}:
 * {@code zeta = (beta - alpha) / (2 gamma)}, {@code t = sign(zeta) / (|zeta| + sqrt(1 + zeta^2))} (the
 * smaller root, so the angle is at most {@code pi/4}), {@code c = 1 / sqrt(1 + t^2)}, {@code s = c t}.
 *
 * <p>The rotation criterion is scale-invariant: a pair is rotated while
 * {@code |b_p^T b_q| > m eps ||b_p|| ||b_q||} (the cosine of the angle between the two columns exceeds
 * {@code m eps}), whatever the lengths of the columns, which is what gives Demmel and Veselic's
 * relative accuracy. alpha, beta and gamma are computed on the two columns scaled (exactly) by powers
 * of two to largest entry in [1, 2), so that no squared norm under- or overflows, and the angle from
 * these scaled quantities and the exponent difference (for columns more than 2^500 apart in scale,
 * {@code t = 1 / (2 zeta)} is kept as a mantissa and an exponent, so that each product {@code t y_i}
 * is rounded once even when it is subnormal). Exact zero columns are orthogonal to everything. Two
 * exceptions, both outside the relative-accuracy regime:
 * <ul>
 * <li>The underflow level: entries below 2^-1022 (after the initial scaling below) carry an absolute
 * rounding error of up to 2^-1075 per operation, which can change the dot product by
 * {@code delta = 2 sqrt(m) 2^-1074 (||b_p|| + ||b_q||)}; a pair is rotated only while
 * {@code |b_p^T b_q| > m eps ||b_p|| ||b_q|| + delta}. At the end, a pair with cosine above
 * {@code m eps} whose {@code delta} is at least {@code m eps ||b_p|| ||b_q||} (so that its shorter
 * column is at most {@code 8 * 2^-1022 / sqrt(m)} long) has that shorter column marked: it keeps
 * its length as singular value but gets a completed left singular vector, an absolute backward error
 * of at most twice its length. Every other pair is left with cosine at most {@code 2 m eps}.</li>
 * <li>Cancellation: a column that the rotations shrink to at most {@link #CANCELLED}{@code  m eps}
 * times the longest it has been is rounding noise and is set to zero (see there).</li>
 * </ul>
 * The sweeps stop when a whole sweep rotates nothing. Then {@code s_j = ||b_j||},
 * {@code u_j = b_j / s_j}, and {@code V} is the product of the rotations.
 *
 * <p>Implementation notes: the columns of {@code B} and of {@code V} are held as rows of their
 * transposes, so that each rotation runs over contiguous arrays; {@code B} is first scaled by a
 * power of two, exactly, when its largest entry is below 1 (up to [1, 2)) or at least 2^1000 (down to
 * [2^999, 2^1000), which keeps the rotated columns, of length at most sqrt(m) times the largest
 * entry, finite); entries between 1 and 2^1000 are left alone, so that no entry of a matrix with
 * largest entry at least 1 is pushed into the subnormal range. Left singular vectors of zero singular
 * values (and the extra columns of the full {@code U}) are completed to an orthonormal basis by
 * Gram-Schmidt, applied twice, on unit vectors.
 *
 * <p>Accuracy: backward stable, {@code ||A - U diag(s) V^T||_F <= (sweeps (n - 1) gamma_6 + gamma_{m+3})
 * ||A||_F} to first order (each column takes part in {@code n - 1} rotations per sweep; Higham,
 * <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., Lemma 19.8 for sequences of plane
 * rotations), plus the absolute underflow-level errors above. For {@code A = B D} with {@code D}
 * diagonal, every singular value, however small, is computed with relative error
 * {@code O(m eps kappa(B_scaled))} (Demmel &amp; Veselic Thm 4.2), down to the underflow level.
 */
public final class Svd {

    /** The cap on the number of sweeps; convergence is quadratic and needs about 5 to 10 in double. */
    public static final int MAX_SWEEPS = 60;

    /**
     * A column that the rotations shrink to at most {@code CANCELLED m eps} times the longest it has
     * been has been cancelled to rounding noise: it is set to zero, a backward error of at most
     * {@code CANCELLED m eps} times that length. (The columns are B V with V orthogonal at every
     * stage, so such a shrinking means sigma_min(B) is at most that small a fraction of a column
     * length: the columns of B with unit length then have condition number at least about
     * {@code 1 / (CANCELLED m eps)}, outside the relative-accuracy regime.) Without this, noise confined
     * to the span of the other columns (a rank-deficient matrix with zero rows, say) shrinks only by a
     * factor of about u per sweep, down to the underflow threshold: 20 sweeps and more.
     */
    public static final double CANCELLED = 4;

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
        /** 2^-1074, the spacing of doubles in the subnormal range: the absolute error of an underflowing operation. */
        private static final double TINY = Double.MIN_VALUE;

        final int rows;
        final double[][] b;     // b[j]: column j of B (scaled), orthogonalized in place
        final double[][] v;     // v[j]: column j of V
        final double[] sigma;   // sorted descending
        final int[] order;      // order[i]: the column of b holding the i-th largest singular value
        /** Columns not orthogonal to the others to working relative accuracy (underflow level only): U completed there. */
        final boolean[] unresolved;
        final double threshold; // m eps: the largest cosine between two columns counted as orthogonal
        int sweeps;

        // The pair last measured: columns scaled by 2^-ex and 2^-ey to largest entry in [1, 2).
        private double ah;
        private double bh;
        private double gh;
        private int ex;
        private int ey;
        // The largest ||b_j||^2 so far, as longestSq[j] 2^(2 longestExp[j]).
        private double[] longestSq;
        private int[] longestExp;

        Jacobi(double[][] cols, int rows, int count) {
            this.rows = rows;
            this.b = cols;
            this.threshold = rows * Matrices.EPS;
            this.v = new double[count][count];
            for (int i = 0; i < count; i++) {
                v[i][i] = 1;
            }
            double max = Matrices.maxAbs(cols);
            int e = max == 0 ? 0 : exponent(max);
            double scale = e < 0 ? Math.scalb(1.0, e) : e >= 1000 ? Math.scalb(1.0, e - 999) : 1;
            if (scale != 1) {
                for (double[] c : b) {
                    for (int i = 0; i < rows; i++) {
                        c[i] /= scale;
                    }
                }
            }
            orthogonalize();
            double[] norms = new double[count];
            for (int j = 0; j < count; j++) {
                norms[j] = Matrices.norm(b[j]);
            }
            unresolved = new boolean[count];
            for (int p = 0; p < count - 1; p++) {
                for (int q = p + 1; q < count; q++) {
                    if (measure(p, q) && Math.abs(gh) > threshold * Math.sqrt(ah) * Math.sqrt(bh)
                            && slack() >= threshold * Math.sqrt(ah) * Math.sqrt(bh)) {
                        unresolved[norms[p] <= norms[q] ? p : q] = true;
                    }
                }
            }
            order = descending(norms);
            sigma = new double[count];
            for (int i = 0; i < count; i++) {
                sigma[i] = norms[order[i]] * scale;
            }
        }

        /** The binary exponent of a positive finite x, subnormals included: 2^e <= x < 2^(e+1). */
        static int exponent(double x) {
            return x >= Double.MIN_NORMAL ? Math.getExponent(x) : Math.getExponent(x * 0x1.0p54) - 54;
        }

        /** 2^-e as two factors whose product is exact when applied one after the other (e >= -1074). */
        private static double firstFactor(int e) {
            return Math.scalb(1.0, Math.min(-e, 1000));
        }

        private static double secondFactor(int e) {
            return Math.scalb(1.0, -e - Math.min(-e, 1000));
        }

        /**
         * Measures columns p and q: returns false if one of them is zero; otherwise sets ex, ey (the
         * exponents of their largest entries) and ah, bh, gh (the squared norms and the dot product of
         * the columns scaled exactly by 2^-ex and 2^-ey, so that nothing under- or overflows).
         */
        private boolean measure(int p, int q) {
            double[] x = b[p];
            double[] y = b[q];
            double mx = 0;
            double my = 0;
            for (int i = 0; i < rows; i++) {
                mx = Math.max(mx, Math.abs(x[i]));
                my = Math.max(my, Math.abs(y[i]));
            }
            if (mx == 0 || my == 0) {
                return false;
            }
            ex = exponent(mx);
            ey = exponent(my);
            double fx1 = firstFactor(ex);
            double fx2 = secondFactor(ex);
            double fy1 = firstFactor(ey);
            double fy2 = secondFactor(ey);
            double alpha = 0;
            double beta = 0;
            double gamma = 0;
            for (int i = 0; i < rows; i++) {
                double xi = x[i] * fx1 * fx2;
                double yi = y[i] * fy1 * fy2;
                alpha += xi * xi;
                beta += yi * yi;
                gamma += xi * yi;
            }
            ah = alpha;
            bh = beta;
            gh = gamma;
            return true;
        }

        /**
         * What rounding at the underflow level can do to the dot product of the pair last measured,
         * {@code 2 sqrt(m) 2^-1074 (||x|| + ||y||)}, in the scaled units of gh (divided by 2^(ex + ey)).
         */
        private double slack() {
            double d = 2 * Math.sqrt(rows);
            return Math.scalb(d, -1074 - ey) * Math.sqrt(ah) + Math.scalb(d, -1074 - ex) * Math.sqrt(bh);
        }

        private void orthogonalize() {
            int count = b.length;
            longestSq = new double[count];
            longestExp = new int[count];
            for (int j = 0; j < count; j++) {
                double mx = Matrices.maxAbs(new double[][] {b[j]});
                longestExp[j] = mx == 0 ? 0 : exponent(mx);
                longestSq[j] = scaledSquare(b[j], longestExp[j]);
            }
            for (sweeps = 1; sweeps <= MAX_SWEEPS; sweeps++) {
                boolean rotated = false;
                for (int p = 0; p < count - 1; p++) {
                    for (int q = p + 1; q < count; q++) {
                        rotated |= rotate(p, q);
                    }
                }
                if (!rotated) {
                    return;
                }
            }
            throw new ArithmeticException("Svd: one-sided Jacobi did not converge in " + MAX_SWEEPS + " sweeps");
        }

        /**
         * Orthogonalizes columns p and q unless they are orthogonal to working accuracy (the cosine
         * {@code |gamma| / sqrt(alpha beta)} at most m eps) or the cosine cannot be resolved to that
         * accuracy: what rounding at the underflow level can do to the dot product,
         * {@code 2 sqrt(m) 2^-1074 (||b_p|| + ||b_q||)}, is at least {@code m eps ||b_p|| ||b_q||}
         * (then the shorter column is at most {@code 8 * 2^-1022 / sqrt(m)} long).
         */
        private boolean rotate(int p, int q) {
            if (!measure(p, q)) {
                return false; // a zero column is orthogonal to every column
            }
            double na = Math.sqrt(ah);
            double nb = Math.sqrt(bh);
            double slack = slack();
            if (!(Math.abs(gh) > threshold * na * nb + slack)) {
                return false; // orthogonal to working accuracy, up to what rounding at the underflow level can do
            }
            // zeta = (beta - alpha) / (2 gamma) = (2^k bh - 2^-k ah) / (2 gh) with k = ey - ex.
            int k = ey - ex;
            if (Math.abs(k) > 500) {
                // |zeta| > 2^490: t = 1 / (2 zeta) = th 2^kt to working accuracy, |t| < 2^-480, c = 1. t may be
                // subnormal, so it is kept as th 2^kt and each product t y_i rounded once (error <= 2^-1075).
                double th = k > 0 ? gh / bh : -gh / ah;
                int kt = k > 0 ? -k : k;
                smallRotation(b[p], b[q], th, kt);
                smallRotation(v[p], v[q], th, kt);
                // the cancellation rule applies here too: a short column in the null space of the long ones
                // otherwise shrinks by only a factor of about eps per sweep (13 sweeps on [[1, e, 1], [0, 0, 0],
                // [1, 0, 0]] with e = 1.2e-150, found by LA-11 at 10x tries, seed 11)
                settle(p, b[p], scaledSquare(b[p], ex), ex);
                settle(q, b[q], scaledSquare(b[q], ey), ey);
                return true;
            }
            double zeta = (Math.scalb(bh, k) - Math.scalb(ah, -k)) / (2 * gh);
            double root = Math.abs(zeta) < 1e150 ? Math.sqrt(1 + zeta * zeta) : Math.abs(zeta);
            double t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + root);
            double c = 1 / Math.sqrt(1 + t * t);
            double s = c * t;
            rotatePair(v[p], v[q], c, s);
            double[] x = b[p];
            double[] y = b[q];
            double fx1 = firstFactor(ex);
            double fx2 = secondFactor(ex);
            double fy1 = firstFactor(ey);
            double fy2 = secondFactor(ey);
            double a2 = 0; // ||x'||^2 and ||y'||^2 in the scaled units of ah and bh
            double b2 = 0;
            for (int i = 0; i < rows; i++) {
                double xi = x[i];
                double yi = y[i];
                double xn = c * xi - s * yi;
                double yn = s * xi + c * yi;
                x[i] = xn;
                y[i] = yn;
                double xs = xn * fx1 * fx2;
                double ys = yn * fy1 * fy2;
                a2 += xs * xs;
                b2 += ys * ys;
            }
            settle(p, x, a2, ex);
            settle(q, y, b2, ey);
            return true;
        }

        /**
         * After a rotation: column j (squared norm {@code sq 2^(2e)}) is set to zero if it has shrunk to
         * at most CANCELLED m eps times the longest it has been; otherwise that longest length is updated.
         */
        private void settle(int j, double[] col, double sq, int e) {
            double longest = Math.scalb(longestSq[j], 2 * (longestExp[j] - e));
            if (sq <= CANCELLED * CANCELLED * threshold * threshold * longest) {
                java.util.Arrays.fill(col, 0);
            } else if (sq > longest) {
                longestSq[j] = sq;
                longestExp[j] = e;
            }
        }

        /** ||col||^2 2^(-2e), with col scaled exactly by 2^-e before squaring (nothing under- or overflows). */
        private static double scaledSquare(double[] col, int e) {
            double f1 = firstFactor(e);
            double f2 = secondFactor(e);
            double sq = 0;
            for (double c : col) {
                double x = c * f1 * f2;
                sq += x * x;
            }
            return sq;
        }

        /** The rotation with c = 1, s = t = th 2^kt (|t| < 2^-480): x := x - t y, y := y + t x. */
        private static void smallRotation(double[] x, double[] y, double th, int kt) {
            for (int i = 0; i < x.length; i++) {
                double xi = x[i];
                double yi = y[i];
                x[i] = xi - Math.scalb(th * yi, kt);
                y[i] = yi + Math.scalb(th * xi, kt);
            }
        }

        private static void rotatePair(double[] x, double[] y, double c, double s) {
            for (int i = 0; i < x.length; i++) {
                double xi = x[i];
                double yi = y[i];
                x[i] = c * xi - s * yi;
                y[i] = s * xi + c * yi;
            }
        }

        /** The first {@code count} left singular vectors, in sorted order, completed where s = 0. */
        double[][] leftVectors(int count) {
            double[][] u = new double[count][];
            int known = 0;
            boolean[] missing = new boolean[count];
            for (int i = 0; i < sigma.length; i++) {
                double[] col = b[order[i]];
                if (sigma[i] > 0 && !unresolved[order[i]]) {
                    // scaled exactly to largest entry in [1, 2) first, so that a subnormal column normalizes accurately
                    int e = exponent(Matrices.maxAbs(new double[][] {col}));
                    double f1 = firstFactor(e);
                    double f2 = secondFactor(e);
                    double[] w = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        w[r] = col[r] * f1 * f2;
                    }
                    double norm = Matrices.norm(w);
                    for (int r = 0; r < rows; r++) {
                        w[r] /= norm;
                    }
                    u[i] = w;
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
