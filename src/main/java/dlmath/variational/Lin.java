package dlmath.variational;

import dlmath.linalg.Cholesky;
import dlmath.tensor.Tensor;

/** Small dense helpers over double arrays (row-major matrices), and the Cholesky factor of dlmath.linalg. */
final class Lin {

    private Lin() {
    }

    static double[] mul(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += a[i][j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    /**
     * {@code a x} as {@link #mul}, except that a row whose plain sum is not finite is recomputed on
     * operands scaled by powers of two (exact), so that an intermediate overflow (1e308 * 1e308 - 1e308 * 1e308
     * = inf - inf) gives the true value where it is representable and +-inf where it is not, never NaN.
     */
    static double[] mulScaled(double[][] a, double[] x) {
        double[] y = mul(a, x);
        int ex = Math.getExponent(Math.max(Double.MIN_VALUE, maxAbs(x)));
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(y[i])) {
                continue;
            }
            int ea = Math.getExponent(Math.max(Double.MIN_VALUE, maxAbs(a[i])));
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += Math.scalb(a[i][j], -ea) * Math.scalb(x[j], -ex);
            }
            y[i] = Math.scalb(s, ea + ex);
        }
        return y;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double[] mulT(double[][] a, double[] x) {
        double[] y = new double[a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < y.length; j++) {
                y[j] += a[i][j] * x[i];
            }
        }
        return y;
    }

    static double[][] mul(double[][] a, double[][] b) {
        return Tensor.of(a).matmul(Tensor.of(b)).toArray2D();
    }

    static double[][] t(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** A^T A. */
    static double[][] gram(double[][] a) {
        return mul(t(a), a);
    }

    static double[] sub(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] - b[i];
        }
        return c;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double trace(double[][] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i][i];
        }
        return s;
    }

    /** A + c I (a copy). */
    static double[][] plusIdentity(double[][] a, double c) {
        double[][] b = Args.copy(a);
        for (int i = 0; i < b.length; i++) {
            b[i][i] += c;
        }
        return b;
    }

    static double[][] symmetrize(double[][] a) {
        double[][] b = Args.copy(a);
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < i; j++) {
                double m = (a[i][j] + a[j][i]) / 2;
                b[i][j] = m;
                b[j][i] = m;
            }
        }
        return b;
    }

    static Cholesky chol(double[][] a) {
        return Cholesky.of(Tensor.of(symmetrize(a)));
    }

    static double[] solve(Cholesky c, double[] b) {
        return c.solve(Tensor.of(b)).toArray();
    }

    static double[][] solve(Cholesky c, double[][] b) {
        return c.solve(Tensor.of(b)).toArray2D();
    }

    /** A^{-1} B for a square nonsingular A (LU with partial pivoting of dlmath.linalg). */
    static double[][] solveGeneral(double[][] a, double[][] b) {
        return dlmath.linalg.Linalg.solve(Tensor.of(a), Tensor.of(b)).toArray2D();
    }

    static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1;
        }
        return symmetrize(solve(chol(a), id));
    }
}
