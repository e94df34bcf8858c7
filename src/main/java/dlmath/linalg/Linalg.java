package dlmath.linalg;

import dlmath.tensor.Tensor;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Linear-algebra functions built on the decompositions of this package: determinant, solve and
 * inverse by {@link Lu}; pseudo-inverse, rank, spectral norm and condition number by {@link Svd};
 * and the power iteration.
 *
 * <p>Thresholds follow NumPy: the default rank threshold is
 * {@code max(m, n) eps sigma_1} ({@code numpy.linalg.matrix_rank}), and {@link #pinv(Tensor)} uses
 * the same cut-off ({@code numpy.linalg.pinv} with {@code rtol = max(m, n) eps}), where
 * {@code eps = 2^-52} is the machine epsilon and {@code sigma_1} the largest singular value.
 */
public final class Linalg {

    /** Machine epsilon {@code 2^-52}, as {@code numpy.finfo(float).eps}. */
    public static final double EPS = Matrices.EPS;

    private Linalg() {
    }

    /**
     * The determinant, by LU with partial pivoting ({@link Lu#det()}); 0 for a singular matrix.
     *
     * @param a a square matrix with finite entries
     * @return {@code det A}
     * @throws IllegalArgumentException if {@code a} is not square or has a non-finite entry
     */
    public static double det(Tensor a) {
        return Lu.of(a).det();
    }

    /**
     * Solves {@code A x = b} by LU with partial pivoting.
     *
     * @param a a square non-singular matrix
     * @param b a vector of length n or a matrix with n rows
     * @return {@code x} in the shape of {@code b}
     * @throws IllegalArgumentException if {@code a} is not square, is singular, or the shapes do not match
     */
    public static Tensor solve(Tensor a, Tensor b) {
        return Lu.of(a).solve(b);
    }

    /**
     * The inverse by LU with partial pivoting.
     *
     * @param a a square non-singular matrix
     * @return {@code A^{-1}}
     * @throws IllegalArgumentException if {@code a} is not square or is singular
     */
    public static Tensor inverse(Tensor a) {
        return Lu.of(a).inverse();
    }

    /** The default cut-off for singular values: {@code max(m, n) eps sigma_1}. */
    static double defaultThreshold(Svd svd) {
        double[] s = svd.singularValues();
        return Math.max(svd.rows(), svd.cols()) * EPS * s[0];
    }

    /**
     * The Moore-Penrose pseudo-inverse {@code A^+ = V diag(1/sigma_i) U^T}, keeping the singular
     * values {@code sigma_i > max(m, n) eps sigma_1} (those at or below are treated as zero). Entries of
     * {@code A^+} beyond the double range (a kept singular value below about {@code 1 / Double.MAX_VALUE})
     * become infinite.
     *
     * @param a an m x n matrix with finite entries
     * @return {@code A^+}, n x m
     * @throws IllegalArgumentException if {@code a} is not a matrix or has a non-finite entry
     */
    public static Tensor pinv(Tensor a) {
        int e = exponentOf(a);              // A^+ = 2^-e (2^-e A)^+, with the SVD of a matrix in the normal range
        Svd svd = Svd.of(Scaling.scaled(a, e));
        Tensor p = pinv(svd, defaultThreshold(svd));
        return e == 0 ? p : p.map(x -> Math.scalb(x, -e));
    }

    /**
     * The exponent of the power-of-two scaling that brings a matrix with entries near the ends of
     * the double range (where its singular values would be subnormal or overflow) into the normal
     * range; 0 for ordinary matrices. Validates the matrix.
     */
    private static int exponentOf(Tensor a) {
        double[][] m = Matrices.matrix("Linalg", "A", a);
        return Scaling.exponent(Matrices.maxAbs(m), Math.max(m.length, m[0].length));
    }

    /**
     * The pseudo-inverse keeping the singular values {@code sigma_i > tol}.
     *
     * @param a an m x n matrix with finite entries
     * @param tol the absolute cut-off, finite and &gt;= 0
     * @return {@code A^+}, n x m
     * @throws IllegalArgumentException if {@code a} is not a finite matrix or {@code tol} is negative or not finite
     */
    public static Tensor pinv(Tensor a, double tol) {
        Matrices.requireTolerance("Linalg.pinv", "tol", tol);
        return pinv(Svd.of(a), tol);
    }

    private static Tensor pinv(Svd svd, double tol) {
        double[][] u = svd.u().toArray2D();
        double[][] v = svd.v().toArray2D();
        double[] s = svd.singularValues();
        int m = svd.rows();
        int n = svd.cols();
        // A^+ = 2^-e (2^-e A)^+: work with the singular values scaled by 2^-e, so that 1 / s_k does
        // not overflow (nor 0 * inf make NaN) where the entries of A^+ are representable
        int e = Scaling.exponent(s[0], 1);
        double[][] out = new double[n][m];
        for (int k = 0; k < s.length; k++) {
            if (!(s[k] > tol)) {
                continue;
            }
            double sk = Scaling.times(s[k], -e);
            for (int i = 0; i < n; i++) {
                double vi = v[i][k] / sk; // divided, not multiplied by 1 / s_k, which may overflow first
                if (vi != 0) {
                    for (int j = 0; j < m; j++) {
                        out[i][j] += vi * u[j][k];
                    }
                }
            }
        }
        Scaling.unscale(out, -e);
        return Tensor.of(out);
    }

    /**
     * The numerical rank: the number of singular values above {@code max(m, n) eps sigma_1}
     * (as {@code numpy.linalg.matrix_rank}); 0 for the zero matrix.
     *
     * @param a a matrix with finite entries
     * @return the rank
     */
    public static int rank(Tensor a) {
        Svd svd = Svd.of(Scaling.scaled(a, exponentOf(a)));   // the relative threshold is scale-free
        return svd.rank(defaultThreshold(svd));
    }

    /**
     * The number of singular values above {@code tol}.
     *
     * @param a a matrix with finite entries
     * @param tol the absolute threshold, finite and &gt;= 0
     * @return the rank
     */
    public static int rank(Tensor a, double tol) {
        Matrices.requireTolerance("Linalg.rank", "tol", tol);
        return Svd.of(a).rank(tol);
    }

    /**
     * The spectral norm {@code ||A||_2 = sigma_1}, the largest singular value. (Not
     * {@link Tensor#norm2()}, which is the Euclidean norm of the entries, i.e. the Frobenius norm.)
     *
     * @param a a matrix with finite entries
     * @return {@code sigma_1}
     */
    public static double norm2(Tensor a) {
        int e = exponentOf(a);
        return Math.scalb(Svd.of(Scaling.scaled(a, e)).singularValues()[0], e);
    }

    /**
     * The 2-norm condition number {@code sigma_1 / sigma_min}, {@code sigma_min = sigma_{min(m, n)}}
     * (as {@code numpy.linalg.cond}); positive infinity when {@code sigma_min = 0}, NaN for the
     * zero matrix (0 / 0, as NumPy).
     *
     * @param a a matrix with finite entries
     * @return the condition number
     */
    public static double cond(Tensor a) {
        double[] s = Svd.of(Scaling.scaled(a, exponentOf(a))).singularValues();   // a ratio: scale-free
        double min = s[s.length - 1];
        if (s[0] == 0) {
            return Double.NaN;
        }
        return min == 0 ? Double.POSITIVE_INFINITY : s[0] / min;
    }

    /**
     * The power iteration for the eigenvalue of largest magnitude: {@code x_0} is a vector of
     * {@code n} standard normal draws {@code rng.nextGaussian()} (in index order), and for
     * {@code k = 1, ..., iterations}, {@code x_k = A x_{k-1} / ||A x_{k-1}||}; the estimate after
     * step {@code k} is the Rayleigh quotient {@code x_k^T A x_k / x_k^T x_k}. For symmetric
     * {@code A} with {@code |lambda_1| > |lambda_2|} its error is at most
     * {@code max_i |lambda_1 - lambda_i| tan^2(theta_0) |lambda_2 / lambda_1|^{2k}} (Golub &amp; Van
     * Loan, <i>Matrix Computations</i>, 4th ed., Thm 8.2.1), {@code cos theta_0 = |q_1^T x_0| / ||x_0||}.
     * If {@code A x_{k-1} = 0}, then 0 is an eigenvalue with eigenvector {@code x_{k-1}} and the
     * remaining estimates are 0.
     *
     * @param a a square matrix with finite entries
     * @param iterations the number of steps, &gt;= 1
     * @param rng the source of the starting vector
     * @return the {@code iterations} estimates, entry {@code k - 1} after step {@code k}
     * @throws IllegalArgumentException if {@code a} is not a finite square matrix, {@code iterations < 1}
     *     or {@code rng} is null
     */
    public static double[] powerIteration(Tensor a, int iterations, RandomGenerator rng) {
        double[][] m = Matrices.square("Linalg.powerIteration", "A", a);
        Matrices.requirePositiveInt("Linalg.powerIteration", "iterations", iterations);
        Objects.requireNonNull(rng, "rng");
        int n = m.length;
        int e = Scaling.exponent(Matrices.maxAbs(m), n);   // iterate with 2^-e A (exact), so A x cannot overflow
        Scaling.scale(m, e);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        double[] estimates = new double[iterations];
        double[] y = times(m, x);
        for (int k = 0; k < iterations; k++) {
            double norm = Matrices.norm(y);
            if (norm == 0) {
                break; // A x = 0: the estimates stay 0
            }
            for (int i = 0; i < n; i++) {
                x[i] = y[i] / norm;
            }
            y = times(m, x);
            estimates[k] = Scaling.times(Matrices.dot(x, y) / Matrices.dot(x, x), e);
        }
        return estimates;
    }

    private static double[] times(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = Matrices.dot(a[i], x);
        }
        return y;
    }
}
