package dlmath.variational;

import java.util.Arrays;
import java.util.Objects;

/** Argument checks of the variational package: every refusal names the operation, the parameter and its value. */
final class Args {

    /** The largest dimension or count accepted from a caller (keeps every allocation and loop bounded). */
    static final int MAX_SIZE = 1 << 20;

    private Args() {
    }

    static IllegalArgumentException error(String op, String format, Object... args) {
        return new IllegalArgumentException(op + ": " + String.format(format, args));
    }

    static double finite(String op, String name, double v) {
        if (!Double.isFinite(v)) {
            throw error(op, "%s must be finite, got %s", name, v);
        }
        return v;
    }

    static double positive(String op, String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw error(op, "%s must be positive and finite, got %s", name, v);
        }
        return v;
    }

    static int count(String op, String name, int v, int min) {
        if (v < min || v > MAX_SIZE) {
            throw error(op, "%s must be in [%d, %d], got %d", name, min, MAX_SIZE, v);
        }
        return v;
    }

    static double[] vector(String op, String name, double[] v) {
        Objects.requireNonNull(v, name);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw error(op, "%s[%d] must be finite, got %s", name, i, v[i]);
            }
        }
        return v;
    }

    static double[] vector(String op, String name, double[] v, int length) {
        vector(op, name, v);
        if (v.length != length) {
            throw error(op, "%s must have length %d, got length %d", name, length, v.length);
        }
        return v;
    }

    static double[][] matrix(String op, String name, double[][] m) {
        Objects.requireNonNull(m, name);
        if (m.length == 0) {
            throw error(op, "%s must have at least one row", name);
        }
        for (int i = 0; i < m.length; i++) {
            Objects.requireNonNull(m[i], name + "[" + i + "]");
            if (m[i].length != m[0].length) {
                throw error(op, "%s is ragged: row 0 has %d entries, row %d has %d", name, m[0].length, i, m[i].length);
            }
            vector(op, name + "[" + i + "]", m[i]);
        }
        if (m[0].length == 0) {
            throw error(op, "%s must have at least one column", name);
        }
        return m;
    }

    static double[][] matrix(String op, String name, double[][] m, int rows, int cols) {
        matrix(op, name, m);
        if (m.length != rows || m[0].length != cols) {
            throw error(op, "%s must be %dx%d, got %dx%d", name, rows, cols, m.length, m[0].length);
        }
        return m;
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    static String shape(double[][] m) {
        return m.length + "x" + (m.length == 0 ? 0 : m[0].length);
    }

    static String show(double[] v) {
        return Arrays.toString(v);
    }
}
