package dlmath.learn;

import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/** Argument checks shared by the learning classes: finite data matrices and 0/1 labels. */
final class Data {

    private Data() {
    }

    /**
     * The rows of a finite matrix with at least {@code minRows} rows and one column.
     *
     * @throws IllegalArgumentException naming {@code op}, {@code name} and the shape or the entry
     */
    static double[][] matrix(String op, String name, Tensor x, int minRows) {
        Objects.requireNonNull(x, name);
        if (x.rank() != 2) {
            throw new IllegalArgumentException(op + ": " + name + " must be a matrix [n, d], got shape "
                    + Arrays.toString(x.shape()));
        }
        if (x.dim(0) < minRows || x.dim(1) < 1) {
            throw new IllegalArgumentException(op + ": " + name + " must have at least " + minRows
                    + " row(s) and 1 column, got shape " + Arrays.toString(x.shape()));
        }
        double[][] rows = x.toArray2D();
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(op + ": " + name + "[" + i + ", " + j + "] = " + rows[i][j]
                            + " is not finite");
                }
            }
        }
        return rows;
    }

    /** Checks 0/1 labels, one per row of a matrix with {@code n} rows. */
    static int[] labels(String op, int[] y, int n, String shapeOfX) {
        Objects.requireNonNull(y, "y");
        if (y.length != n) {
            throw new IllegalArgumentException(op + ": y has " + y.length + " labels but X has " + n + " rows (shape "
                    + shapeOfX + ")");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException(op + ": y[" + i + "] = " + y[i] + " is not a 0/1 label");
            }
        }
        return y.clone();
    }

    /** Checks a finite vector of length {@code n}. */
    static double[] vector(String op, String name, double[] v, int n) {
        Objects.requireNonNull(v, name);
        if (v.length != n) {
            throw new IllegalArgumentException(op + ": " + name + " has length " + v.length + ", expected " + n);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(op + ": " + name + "[" + i + "] = " + v[i] + " is not finite");
            }
        }
        return v.clone();
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The scaled 2-norm of a non-empty vector ({@link Tensor#norm2}: no overflow or underflow in the squares). */
    static double norm(double[] a) {
        return Tensor.of(a).norm2();
    }
}
