package dlmath.learn;

import dlmath.linalg.Cholesky;
import dlmath.linalg.Svd;
import dlmath.tensor.Tensor;
import java.util.Arrays;

/**
 * Ridge regression without intercept (center X and y first for one):
 * {@code w_lambda = argmin ||X w - y||^2 + lambda ||w||^2}, two ways:
 * <ul>
 *   <li>{@link #closedForm}: the normal equations {@code (X^T X + lambda I) w = X^T y} by Cholesky;</li>
 *   <li>{@link #viaSvd}: with {@code X = U S V^T}, {@code w = sum_i sigma_i / (sigma_i^2 + lambda) (u_i^T y) v_i}
 *       (Hastie, Tibshirani &amp; Friedman, <i>The Elements of Statistical Learning</i>, 2nd ed., eq. 3.47);
 *       at {@code lambda = 0} the terms with {@code sigma_i <= max(n, d) eps sigma_1} are dropped, which gives the
 *       minimum-norm least-squares solution {@code X^+ y}.</li>
 * </ul>
 */
public final class Ridge {

    private Ridge() {
    }

    /**
     * Ridge by the normal equations.
     *
     * @param x the design [n, d], finite
     * @param y the responses, length n, finite
     * @param lambda the penalty, finite, &gt;= 0
     * @return w, length d
     * @throws IllegalArgumentException on a bad shape or lambda, or if {@code X^T X + lambda I} is not numerically
     *     positive definite: Cholesky fails, or a squared pivot is at most {@code 4 (d + 1) eps} times its diagonal
     *     entry (e.g. lambda = 0 and X rank deficient: use {@link #viaSvd})
     */
    public static double[] closedForm(Tensor x, double[] y, double lambda) {
        double[][] a = Data.matrix("Ridge.closedForm", "X", x, 1);
        double[] b = check("Ridge.closedForm", y, lambda, a.length);
        int d = a[0].length;
        double[][] g = new double[d][d];
        double[] r = new double[d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k <= j; k++) {
                double s = 0;
                for (double[] row : a) {
                    s += row[j] * row[k];
                }
                g[j][k] = s;
                g[k][j] = s;
            }
            g[j][j] += lambda;
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i][j] * b[i];
            }
            r[j] = s;
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(g[j][j]) || !Double.isFinite(r[j])) {
                throw new IllegalArgumentException("Ridge.closedForm: X^T X or X^T y overflows for X of shape "
                        + Arrays.toString(x.shape()) + " (column " + j + "); scale X and y, or use Ridge.viaSvd");
            }
        }
        Cholesky c;
        try {
            c = Cholesky.of(Tensor.of(g));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ridge.closedForm: X^T X + lambda I is not positive definite for X of shape "
                    + Arrays.toString(x.shape()) + " and lambda = " + lambda + " (" + e.getMessage() + "); use Ridge.viaSvd",
                    e);
        }
        double[][] l = c.l().toArray2D();
        for (int j = 0; j < d; j++) {   // a pivot lost to cancellation: X^T X + lambda I is singular to working precision
            if (l[j][j] * l[j][j] <= 4 * (d + 1) * Math.ulp(1.0) * g[j][j]) {
                throw new IllegalArgumentException("Ridge.closedForm: X^T X + lambda I is numerically singular for X of shape "
                        + Arrays.toString(x.shape()) + " and lambda = " + lambda + " (pivot " + j + " is " + l[j][j] * l[j][j]
                        + " of diagonal " + g[j][j] + "); use Ridge.viaSvd");
            }
        }
        return finite("Ridge.closedForm", c.solve(Tensor.of(r)).toArray());
    }

    /**
     * Ridge by the SVD: {@code sum_i sigma_i / (sigma_i^2 + lambda) (u_i^T y) v_i}.
     *
     * @param x the design [n, d], finite
     * @param y the responses, length n, finite
     * @param lambda the penalty, finite, &gt;= 0 (0: the pseudo-inverse solution)
     * @return w, length d
     * @throws IllegalArgumentException on a bad shape or lambda, or a solution beyond the double range
     */
    public static double[] viaSvd(Tensor x, double[] y, double lambda) {
        double[][] a = Data.matrix("Ridge.viaSvd", "X", x, 1);
        double[] b = check("Ridge.viaSvd", y, lambda, a.length);
        int d = a[0].length;
        Svd svd = Svd.of(x);
        double[][] u = svd.u().toArray2D();
        double[][] v = svd.v().toArray2D();
        double[] s = svd.singularValues();
        double cut = Math.max(a.length, d) * Math.ulp(1.0) * s[0];
        double[] w = new double[d];
        for (int i = 0; i < s.length; i++) {
            if (lambda == 0 && s[i] <= cut || s[i] == 0) {
                continue;
            }
            double uty = 0;
            for (int r = 0; r < a.length; r++) {
                uty += u[r][i] * b[r];
            }
            double coef = uty / (s[i] + lambda / s[i]);   // sigma / (sigma^2 + lambda), without squaring sigma
            for (int j = 0; j < d; j++) {
                w[j] += coef * v[j][i];
            }
        }
        return finite("Ridge.viaSvd", w);
    }

    private static double[] check(String op, double[] y, double lambda, int n) {
        double[] b = Data.vector(op, "y", y, n);
        if (!(lambda >= 0 && lambda < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(op + ": lambda must be finite and >= 0, got " + lambda);
        }
        return b;
    }

    private static double[] finite(String op, double[] w) {
        for (int j = 0; j < w.length; j++) {
            if (!Double.isFinite(w[j])) {
                throw new IllegalArgumentException(op + ": the solution is beyond the double range (w[" + j + "] = " + w[j]
                        + ")");
            }
        }
        return w;
    }
}
