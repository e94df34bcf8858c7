package dlmath.linalg;

import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Shared input checks and conversions between {@link Tensor} and the {@code double[][]} rows the
 * algorithms of this package work on. Every check throws an {@link IllegalArgumentException} whose
 * message starts with the operation and names the problem (shape, entry, parameter and value).
 */
final class Matrices {

    private Matrices() {
    }

    /** Unit roundoff of IEEE double precision, {@code u = 2^-53}. */
    static final double U = 0x1.0p-53;

    /** Machine epsilon as numpy and LAPACK's {@code dlamch('P')} report it, {@code eps = 2^-52 = 2u}. */
    static final double EPS = 0x1.0p-52;

    static IllegalArgumentException error(String format, Object... args) {
        Object[] shown = args.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof int[] s) {
                shown[i] = Arrays.toString(s);
            }
        }
        return new IllegalArgumentException(String.format(java.util.Locale.ROOT, format, shown));
    }

    /** Requires a non-null rank-2 tensor with finite entries; returns its rows. */
    static double[][] matrix(String op, String name, Tensor a) {
        Objects.requireNonNull(a, name);
        if (a.rank() != 2) {
            throw error("%s: %s must be a matrix (rank 2), got shape %s", op, name, a.shape());
        }
        double[][] rows = a.toArray2D();
        requireFinite(op, name, rows);
        return rows;
    }

    /** Requires a square matrix with finite entries; returns its rows. */
    static double[][] square(String op, String name, Tensor a) {
        double[][] rows = matrix(op, name, a);
        if (rows.length != rows[0].length) {
            throw error("%s: %s must be square, got shape %s", op, name, a.shape());
        }
        return rows;
    }

    /** Requires every entry to be finite (no silent NaN: a NaN input is reported where it enters). */
    static void requireFinite(String op, String name, double[][] rows) {
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw error("%s: %s has a non-finite entry %s at [%d, %d]", op, name, rows[i][j], i, j);
                }
            }
        }
    }

    /**
     * A right-hand side for a system with {@code n} equations: a vector of length {@code n} or a
     * matrix with {@code n} rows. Returns it as columns-in-rows: {@code [n][k]}.
     */
    static double[][] rhs(String op, Tensor b, int n, int[] shapeOfA) {
        Objects.requireNonNull(b, "b");
        if (!(b.rank() == 1 && b.dim(0) == n) && !(b.rank() == 2 && b.dim(0) == n)) {
            throw error("%s: b must have %d rows (a vector [%d] or a matrix [%d, k]) to match A of shape %s, "
                    + "got shape %s", op, n, n, n, shapeOfA, b.shape());
        }
        double[][] rows = b.rank() == 1 ? column(b.toArray()) : b.toArray2D();
        requireFinite(op, "b", rows);
        return rows;
    }

    /** The result of a solve in the shape of the right-hand side {@code b}. */
    static Tensor likeRhs(double[][] x, Tensor b) {
        if (b.rank() == 1) {
            double[] v = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                v[i] = x[i][0];
            }
            return Tensor.of(v);
        }
        return Tensor.of(x);
    }

    static double[][] column(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            c[i][0] = v[i];
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        int m = a.length;
        int n = a[0].length;
        double[][] t = new double[n][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** The largest absolute entry. */
    static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double x : row) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    /** Euclidean norm of a vector, scaled so that squaring neither overflows nor underflows. */
    static double norm(double[] v) {
        double scale = 0;
        for (double x : v) {
            scale = Math.max(scale, Math.abs(x));
        }
        if (scale == 0) {
            return 0;
        }
        double s = 0;
        for (double x : v) {
            double r = x / scale;
            s += r * r;
        }
        return scale * Math.sqrt(s);
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** The matrix whose columns are the rows of {@code rows} (i.e. the transpose), as a tensor. */
    static Tensor fromColumns(double[][] rows, int count) {
        int m = rows[0].length;
        double[] out = new double[m * count];
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < m; i++) {
                out[i * count + j] = rows[j][i];
            }
        }
        return Tensor.of(new int[] {m, count}, out);
    }

    static void requirePositiveInt(String op, String name, int value) {
        if (value < 1) {
            throw error("%s: %s must be >= 1, was %d", op, name, value);
        }
    }

    static void requireTolerance(String op, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw error("%s: %s must be finite and >= 0, was %s", op, name, value);
        }
    }
}
