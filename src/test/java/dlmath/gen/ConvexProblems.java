package dlmath.gen;

import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Pretty;
import dlmath.check.Tol;
import dlmath.tensor.Tensor;
import java.util.Arrays;

/**
 * Optimization test problems whose constants are known by construction, written with plain
 * loops over {@code double[]} (independent of {@code dlmath.optim} and of {@code Tensor}'s
 * kernels): quadratics with a prescribed spectrum (L, mu, x*, f*), least squares with a prescribed
 * singular spectrum and a residual orthogonal to the range (x*, f*), logistic regression
 * (L &lt;= ||X||_2^2 / (4m) with ||X||_2 prescribed), Huber and weighted absolute values, maxima of
 * affine functions with a prescribed minimizer, and far starting points. Generators reach
 * kappa = L / mu up to 1e6, dimensions 1 to 50, and distances ||x_0 - x*|| from 1e-3 to 1e6.
 */
public final class ConvexProblems {

    private ConvexProblems() {
    }

    /** A differentiable (or subdifferentiable) objective with constants known by construction. */
    public interface Problem {
        int dim();

        double f(double[] x);

        /** The gradient, or for a non-smooth problem a subgradient. */
        double[] grad(double[] x);

        /** The smoothness constant (Lipschitz constant of the gradient); infinity if not smooth. */
        double smoothness();

        /** The strong-convexity constant (0 if only convex). */
        double mu();

        /** A minimizer, or null when not known in closed form. */
        double[] xStar();

        /** The minimum value (NaN when not known in closed form). */
        double fStar();

        /** f(x) - f*, computed without cancellation against f* where the structure allows. */
        default double gap(double[] x) {
            return f(x) - fStar();
        }

        /** A bound on the rounding error of the computed {@link #gap} at x. */
        double gapError(double[] x);

        /** The starting point. */
        double[] x0();

        /** A bound on the Euclidean norm of the rounding error of the computed {@link #grad} at x. */
        double gradError(double[] x);
    }

    // ====================================================================== quadratics

    /**
     * f(x) = 1/2 (x - x*)^T A (x - x*) + f*, A = Q diag(lambda) Q^T with Haar Q; L = max lambda,
     * mu = min lambda (0 for a merely convex quadratic), gradient A (x - x*).
     */
    public record Quadratic(double[][] a, double[][] q, double[] lambda, double[] xStar, double fStar, double[] x0)
            implements Problem {
        @Override
        public int dim() {
            return lambda.length;
        }

        @Override
        public double f(double[] x) {
            return gap(x) + fStar;
        }

        @Override
        public double gap(double[] x) {
            double[] d = sub(x, xStar);
            return 0.5 * dot(d, matvec(a, d));
        }

        @Override
        public double gapError(double[] x) {
            double[] d = sub(x, xStar);
            double s = 0;
            for (int i = 0; i < d.length; i++) {
                for (int j = 0; j < d.length; j++) {
                    s += Math.abs(d[i]) * Math.abs(a[i][j]) * Math.abs(d[j]);
                }
            }
            return Tol.gamma(2 * d.length + 3) * 0.5 * s;
        }

        @Override
        public double[] grad(double[] x) {
            return matvec(a, sub(x, xStar));
        }

        @Override
        public double gradError(double[] x) {
            double[] d = sub(x, xStar);
            double[] e = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                for (int j = 0; j < d.length; j++) {
                    e[i] += Math.abs(a[i][j]) * Math.abs(d[j]);
                }
            }
            return Tol.gamma(d.length + 2) * norm(e);
        }

        @Override
        public double smoothness() {
            return Arrays.stream(lambda).max().orElseThrow();
        }

        @Override
        public double mu() {
            return Arrays.stream(lambda).min().orElseThrow();
        }

        @Override
        public double fStar() {
            return fStar;
        }

        @Override
        public double[] xStar() {
            return xStar.clone();
        }

        @Override
        public double[] x0() {
            return x0.clone();
        }

        /** ||x0 - x*||. */
        public double distance() {
            return norm(sub(x0, xStar));
        }

        @Override
        public String toString() {
            return "quadratic n = " + dim() + ", spectrum " + Pretty.format(lambda) + ", x* = " + Pretty.format(xStar)
                    + ", x0 = " + Pretty.format(x0) + ", f* = " + Pretty.format(fStar);
        }
    }

    /** A quadratic with this spectrum, Q, x*, f* and start. */
    public static Quadratic quadratic(double[][] q, double[] lambda, double[] xStar, double fStar, double[] x0) {
        int n = lambda.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += q[i][k] * lambda[k] * q[j][k];
                }
                a[i][j] = s;
                a[j][i] = s;
            }
        }
        return new Quadratic(a, q, lambda.clone(), xStar.clone(), fStar, x0.clone());
    }

    /** Log-uniform doubles in [10^lo, 10^hi]. */
    public static Gen<Double> logUniform(double lo, double hi) {
        return Gens.doubles(lo, hi).map(e -> Math.pow(10, e));
    }

    /**
     * Spectra of length n with max L and min mu = L / kappa (both attained when n &gt;= 2), the rest
     * log-uniform between; L in [1e-3, 1e3], kappa in [1, kappaMax] (log-uniform); with
     * {@code convex}, mu = 0: the smallest entries are exact zeros.
     */
    public static Gen<double[]> spectrum(int n, double kappaMax, boolean convex) {
        return Gens.tuples(logUniform(-3, 3), logUniform(0, Math.log10(kappaMax)),
                Gens.doubleArrays(Gens.doubles(0, 1), n, n)).map(t -> {
                    double l = t.first();
                    double mu = convex ? 0 : l / t.second();
                    double[] u = t.third();
                    double[] s = new double[n];
                    for (int i = 0; i < n; i++) {
                        if (i == 0) {
                            s[i] = l;
                        } else if (i == n - 1) {
                            s[i] = mu;
                        } else if (convex) {
                            s[i] = u[i] < 0.3 ? 0 : l * Math.pow(1e-6, u[i]);
                        } else {
                            s[i] = mu == l ? l : Math.min(l, Math.max(mu, l * Math.pow(mu / l, u[i])));
                        }
                    }
                    if (n == 1 && convex) {
                        s[0] = l; // a 1-d convex quadratic with mu = 0 would be constant; keep L
                    }
                    return s;
                });
    }

    /**
     * Quadratics of dimension 1..maxDim: spectrum from {@link #spectrum}, Haar Q, x* in [-10, 10]^n,
     * f* in [-100, 100], start x* + r d with a direction d from {@code normal entries}, or the
     * extreme eigenvectors (where the rates are attained), and r log-uniform in [1e-3, 1e6].
     */
    public static Gen<Quadratic> quadratics(int maxDim, double kappaMax, boolean convex) {
        return Gens.sizes(1, maxDim).flatMap(n -> Gens.tuples(
                Gens.tuples(spectrum(n, kappaMax, convex), MatrixGens.orthogonal(n)),
                Gens.tuples(Gens.doubleArrays(Gens.doubles(-10, 10), n, n), Gens.doubles(-100, 100)),
                Gens.tuples(Gens.doubleArrays(Gens.standardNormals(), n, n), Gens.integers(0, 3), logUniform(-3, 6)))
                .map(t -> {
                    double[] lambda = t.first().first();
                    double[][] q = t.first().second().toArray2D();
                    double[] xStar = t.second().first();
                    double[] dir = direction(q, lambda, t.third().first(), t.third().second());
                    double r = t.third().third();
                    double[] x0 = new double[n];
                    for (int i = 0; i < n; i++) {
                        x0[i] = xStar[i] + r * dir[i];
                    }
                    return quadratic(q, lambda, xStar, t.second().second(), x0);
                }));
    }

    /**
     * A unit direction: kind 0 the normalized vector g, 1 the top eigenvector, 2 the bottom one,
     * 3 their normalized sum (the worst case of the heavy ball and of step 2/(mu+L)).
     */
    static double[] direction(double[][] q, double[] lambda, double[] g, int kind) {
        int n = lambda.length;
        int top = 0;
        int bottom = 0;
        for (int i = 0; i < n; i++) {
            top = lambda[i] > lambda[top] ? i : top;
            bottom = lambda[i] < lambda[bottom] ? i : bottom;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = switch (kind) {
                case 0 -> g[i];
                case 1 -> q[i][top];
                case 2 -> q[i][bottom];
                default -> q[i][top] + q[i][bottom];
            };
        }
        double nd = norm(d);
        if (nd == 0) {
            d[0] = 1;
            return d;
        }
        for (int i = 0; i < n; i++) {
            d[i] /= nd;
        }
        return d;
    }

    // ====================================================================== least squares

    /**
     * f(x) = ||X x - y||^2 / (2m) with X = U diag(s) V^T (m x n, m &gt;= n), y = X x* + r with r
     * orthogonal to the range of X: x* is a minimizer, f* = ||r||^2 / (2m), L = s_max^2 / m,
     * mu = s_min^2 / m. As a quadratic: A = X^T X / m.
     */
    public record LeastSquares(double[][] x, double[] y, double[] s, double[] xStar, double fStar, double[] x0)
            implements Problem {
        @Override
        public int dim() {
            return xStar.length;
        }

        int m() {
            return y.length;
        }

        @Override
        public double f(double[] w) {
            double[] r = residual(w);
            return dot(r, r) / (2 * m());
        }

        double[] residual(double[] w) {
            double[] r = matvec(x, w);
            for (int i = 0; i < r.length; i++) {
                r[i] -= y[i];
            }
            return r;
        }

        @Override
        public double gap(double[] w) {
            double[] e = matvec(x, sub(w, xStar)); // f(w) - f* = ||X (w - x*)||^2 / (2m) since r is orthogonal
            return dot(e, e) / (2 * m());
        }

        @Override
        public double gapError(double[] w) {
            double[] d = sub(w, xStar);
            double s2 = 0;
            for (int i = 0; i < m(); i++) {
                double row = 0;
                for (int j = 0; j < d.length; j++) {
                    row += Math.abs(x[i][j] * d[j]);
                }
                s2 += row * row;
            }
            return Tol.gamma(2 * d.length + m() + 4) * 3 * s2 / (2 * m());
        }

        @Override
        public double[] grad(double[] w) {
            double[] r = residual(w);
            double[] g = new double[dim()];
            for (int j = 0; j < dim(); j++) {
                double s2 = 0;
                for (int i = 0; i < m(); i++) {
                    s2 += x[i][j] * r[i];
                }
                g[j] = s2 / m();
            }
            return g;
        }

        @Override
        public double gradError(double[] w) {
            double[] r = residual(w);
            double[] e = new double[dim()];
            for (int j = 0; j < dim(); j++) {
                for (int i = 0; i < m(); i++) {
                    double row = Math.abs(y[i]) + Math.abs(r[i]);
                    for (int k = 0; k < dim(); k++) {
                        row += Math.abs(x[i][k] * w[k]);
                    }
                    e[j] += Math.abs(x[i][j]) * row / m();
                }
            }
            return Tol.gamma(m() + dim() + 4) * norm(e);
        }

        @Override
        public double smoothness() {
            return Arrays.stream(s).max().orElseThrow() * Arrays.stream(s).max().orElseThrow() / m();
        }

        @Override
        public double mu() {
            double lo = Arrays.stream(s).min().orElseThrow();
            return lo * lo / m();
        }

        @Override
        public double[] xStar() {
            return xStar.clone();
        }

        @Override
        public double fStar() {
            return fStar;
        }

        @Override
        public double[] x0() {
            return x0.clone();
        }

        @Override
        public String toString() {
            return "least squares m = " + m() + ", n = " + dim() + ", singular values " + Pretty.format(s)
                    + ", x* = " + Pretty.format(xStar) + ", x0 = " + Pretty.format(x0);
        }
    }

    /**
     * Least-squares problems m x n, 1 &lt;= n &lt;= maxDim, m = n + extra (extra in 0..5); singular
     * values log-uniform in [1e-2, 1e1] (some exact zeros when {@code convex}: rank deficient).
     */
    public static Gen<LeastSquares> leastSquares(int maxDim, boolean convex) {
        return Gens.sizes(1, maxDim).flatMap(n -> Gens.integers(0, 5).flatMap(extra -> {
            int m = n + extra;
            return Gens.tuples(
                    Gens.tuples(Gens.doubleArrays(Gens.doubles(-2, 1), n, n), MatrixGens.orthogonal(m), MatrixGens.orthogonal(n)),
                    Gens.tuples(Gens.doubleArrays(Gens.doubles(-5, 5), n, n), Gens.doubleArrays(Gens.doubles(-3, 3), m, m)),
                    Gens.tuples(Gens.doubleArrays(Gens.standardNormals(), n, n), logUniform(-3, 4))).map(t -> {
                        double[] s = Arrays.stream(t.first().first()).map(e -> convex && e < -1.5 ? 0 : Math.pow(10, e)).toArray();
                        if (convex) {
                            s[0] = Math.max(s[0], 1); // not all zero
                        }
                        double[][] u = t.first().second().toArray2D();
                        double[][] v = t.first().third().toArray2D();
                        double[][] x = new double[m][n];
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                double acc = 0;
                                for (int k = 0; k < n; k++) {
                                    acc += u[i][k] * s[k] * v[j][k];
                                }
                                x[i][j] = acc;
                            }
                        }
                        double[] xStar = t.second().first();
                        double[] z = t.second().second();
                        double[] r = new double[m]; // in the span of U's columns n..m-1 and of the columns with s = 0
                        for (int k = 0; k < m; k++) {
                            if (k >= n || s[k] == 0) {
                                for (int i = 0; i < m; i++) {
                                    r[i] += u[i][k] * z[k];
                                }
                            }
                        }
                        double[] y = matvec(x, xStar);
                        for (int i = 0; i < m; i++) {
                            y[i] += r[i];
                        }
                        double[] dir = t.third().first();
                        double nd = norm(dir);
                        double[] x0 = xStar.clone();
                        for (int j = 0; j < n; j++) {
                            x0[j] += nd == 0 ? (j == 0 ? t.third().second() : 0) : t.third().second() * dir[j] / nd;
                        }
                        return new LeastSquares(x, y, s, xStar, dot(r, r) / (2 * m), x0);
                    });
        }));
    }

    // ====================================================================== logistic regression

    /**
     * f(w) = (1/m) sum_i log(1 + exp(-y_i x_i^T w)), labels y_i = +-1, X = U diag(s) V^T with
     * prescribed singular values: L &lt;= ||X||_2^2 / (4m) = s_max^2 / (4m); x* unknown (found by
     * Newton's method in OPT-16).
     */
    public record Logistic(double[][] x, double[] y, double[] s, double[] x0) implements Problem {
        @Override
        public int dim() {
            return x0.length;
        }

        int m() {
            return y.length;
        }

        @Override
        public double f(double[] w) {
            double[] z = matvec(x, w);
            double acc = 0;
            for (int i = 0; i < z.length; i++) {
                acc += softplus(-y[i] * z[i]);
            }
            return acc / m();
        }

        /** f itself: f* is not known in closed form, and only differences of gaps are used. */
        @Override
        public double gap(double[] w) {
            return f(w);
        }

        @Override
        public double gapError(double[] w) {
            double[] z = matvec(x, w);
            double acc = 0;
            for (int i = 0; i < z.length; i++) {
                double row = 0;
                for (int j = 0; j < w.length; j++) {
                    row += Math.abs(x[i][j] * w[j]);
                }
                acc += softplus(-y[i] * z[i]) + row; // |d softplus| <= 1 times the error of z_i, plus the sum
            }
            return Tol.gamma(w.length + m() + 8) * acc / m();
        }

        @Override
        public double[] grad(double[] w) {
            double[] z = matvec(x, w);
            double[] g = new double[dim()];
            for (int i = 0; i < m(); i++) {
                double c = -y[i] * sigmoid(-y[i] * z[i]);
                for (int j = 0; j < dim(); j++) {
                    g[j] += c * x[i][j];
                }
            }
            for (int j = 0; j < dim(); j++) {
                g[j] /= m();
            }
            return g;
        }

        @Override
        public double gradError(double[] w) {
            double[] e = new double[dim()];
            for (int i = 0; i < m(); i++) {
                double row = 0;
                for (int k = 0; k < dim(); k++) {
                    row += Math.abs(x[i][k] * w[k]);
                }
                double c = 1 + row / 4; // |sigma| <= 1, and |sigma'| <= 1/4 times the error of z_i
                for (int j = 0; j < dim(); j++) {
                    e[j] += Math.abs(x[i][j]) * c / m();
                }
            }
            return Tol.gamma(m() + dim() + 12) * norm(e);
        }

        /** The Hessian (1/m) sum_i s_i (1 - s_i) x_i x_i^T, s_i = sigmoid(x_i^T w). */
        public double[][] hessian(double[] w) {
            double[] z = matvec(x, w);
            int n = dim();
            double[][] h = new double[n][n];
            for (int i = 0; i < m(); i++) {
                double p = sigmoid(z[i]);
                double c = p * (1 - p) / m();
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        h[a][b] += c * x[i][a] * x[i][b];
                    }
                }
            }
            return h;
        }

        @Override
        public double smoothness() {
            double top = Arrays.stream(s).max().orElseThrow();
            return top * top / (4 * m());
        }

        @Override
        public double mu() {
            return 0;
        }

        @Override
        public double[] xStar() {
            return null;
        }

        @Override
        public double fStar() {
            return Double.NaN;
        }

        @Override
        public double[] x0() {
            return x0.clone();
        }

        @Override
        public String toString() {
            return "logistic m = " + m() + ", n = " + dim() + ", singular values " + Pretty.format(s) + ", labels "
                    + Pretty.format(y) + ", x0 = " + Pretty.format(x0);
        }
    }

    /**
     * Logistic problems with n in 1..maxDim features, m in n..n+8 examples, singular values in
     * [0.1, 10] (log-uniform), labels +-1 from coins, or separable-free labels: when {@code
     * noisy}, half of the labels are flipped so that a finite minimizer exists almost surely.
     */
    public static Gen<Logistic> logistic(int maxDim) {
        return Gens.sizes(1, maxDim).flatMap(n -> Gens.integers(n, n + 8).flatMap(m -> Gens.tuples(
                Gens.tuples(Gens.doubleArrays(Gens.doubles(-1, 1), n, n), MatrixGens.orthogonal(m), MatrixGens.orthogonal(n)),
                Gens.doubleArrays(Gens.doubles(-1, 1), m, m),
                Gens.doubleArrays(Gens.doubles(-5, 5), n, n)).map(t -> {
                    double[] s = Arrays.stream(t.first().first()).map(e -> Math.pow(10, e)).toArray();
                    double[][] u = t.first().second().toArray2D();
                    double[][] v = t.first().third().toArray2D();
                    double[][] x = new double[m][n];
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double acc = 0;
                            for (int k = 0; k < n; k++) {
                                acc += u[i][k] * s[k] * v[j][k];
                            }
                            x[i][j] = acc;
                        }
                    }
                    double[] y = Arrays.stream(t.second()).map(c -> c < 0 ? -1 : 1).toArray();
                    return new Logistic(x, y, s, t.third());
                })));
    }

    // ====================================================================== Huber and non-smooth

    /**
     * f(x) = sum_i w_i h_delta(x_i - c_i) with the Huber function h(r) = r^2 / 2 for |r| &lt;= delta,
     * delta (|r| - delta / 2) beyond: convex, L = max w_i, mu = 0, x* = c, f* = 0; linear growth far
     * from c (so gradient descent is sublinear there).
     */
    public record Huber(double[] w, double[] c, double delta, double[] x0) implements Problem {
        @Override
        public int dim() {
            return c.length;
        }

        static double h(double r, double delta) {
            double a = Math.abs(r);
            return a <= delta ? r * r / 2 : delta * (a - delta / 2);
        }

        @Override
        public double f(double[] x) {
            double acc = 0;
            for (int i = 0; i < c.length; i++) {
                acc += w[i] * h(x[i] - c[i], delta);
            }
            return acc;
        }

        @Override
        public double gapError(double[] x) {
            return Tol.gamma(c.length + 6) * f(x);
        }

        @Override
        public double[] grad(double[] x) {
            double[] g = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                double r = x[i] - c[i];
                g[i] = w[i] * Math.max(-delta, Math.min(delta, r));
            }
            return g;
        }

        @Override
        public double gradError(double[] x) {
            return Tol.gamma(3) * norm(grad(x));
        }

        @Override
        public double smoothness() {
            return Arrays.stream(w).max().orElseThrow();
        }

        @Override
        public double mu() {
            return 0;
        }

        @Override
        public double[] xStar() {
            return c.clone();
        }

        @Override
        public double fStar() {
            return 0;
        }

        @Override
        public double[] x0() {
            return x0.clone();
        }

        @Override
        public String toString() {
            return "Huber delta = " + Pretty.format(delta) + ", weights " + Pretty.format(w) + ", c = " + Pretty.format(c)
                    + ", x0 = " + Pretty.format(x0);
        }
    }

    /** Huber problems: n in 1..maxDim, weights log-uniform in [1e-2, 1e2], delta in [1e-2, 10], far starts. */
    public static Gen<Huber> huber(int maxDim) {
        return Gens.sizes(1, maxDim).flatMap(n -> Gens.tuples(
                Gens.listOfSize(logUniform(-2, 2), n), Gens.doubleArrays(Gens.doubles(-10, 10), n, n),
                Gens.tuples(logUniform(-2, 1), Gens.doubleArrays(Gens.doubles(-1e4, 1e4), n, n))).map(t ->
                new Huber(t.first().stream().mapToDouble(Double::doubleValue).toArray(), t.second(), t.third().first(),
                        t.third().second())));
    }

    /**
     * f(x) = max_i (a_i^T x + b_i), i = 1..k, with a minimizer x* by construction: the last a_k is
     * -(sum_{i&lt;k} p_i a_i) / p_k for positive weights p, so 0 = sum p_i a_i is in the convex hull of
     * the a_i, and b_i = f* - a_i^T x* makes every piece active at x*. G = max ||a_i|| is a
     * Lipschitz constant; mu = 0, not smooth.
     */
    public record MaxAffine(double[][] a, double[] b, double[] xStar, double fStar, double[] x0) implements Problem {
        @Override
        public int dim() {
            return xStar.length;
        }

        @Override
        public double f(double[] x) {
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < a.length; i++) {
                best = Math.max(best, dot(a[i], x) + b[i]);
            }
            return best;
        }

        @Override
        public double gap(double[] x) {
            double best = Double.NEGATIVE_INFINITY; // max_i a_i^T (x - x*), as b_i + a_i^T x* = f*
            double[] d = sub(x, xStar);
            for (double[] ai : a) {
                best = Math.max(best, dot(ai, d));
            }
            return best;
        }

        @Override
        public double gapError(double[] x) {
            double[] d = sub(x, xStar);
            double worst = 0;
            for (double[] ai : a) {
                double s = 0;
                for (int j = 0; j < d.length; j++) {
                    s += Math.abs(ai[j]) * (Math.abs(d[j]) + Math.abs(x[j]));
                }
                worst = Math.max(worst, s);
            }
            return Tol.gamma(d.length + 2) * worst;
        }

        @Override
        public double[] grad(double[] x) {
            int arg = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < a.length; i++) {
                double v = dot(a[i], x) + b[i];
                if (v > best) {
                    best = v;
                    arg = i;
                }
            }
            return a[arg].clone();
        }

        /** 0: the subgradient returned is a row a_i, copied exactly. */
        @Override
        public double gradError(double[] x) {
            return 0;
        }

        /** G = max_i ||a_i||_2, a bound on every subgradient. */
        public double lipschitz() {
            double g = 0;
            for (double[] ai : a) {
                g = Math.max(g, norm(ai));
            }
            return g;
        }

        @Override
        public double smoothness() {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public double mu() {
            return 0;
        }

        @Override
        public double[] xStar() {
            return xStar.clone();
        }

        @Override
        public double fStar() {
            return fStar;
        }

        @Override
        public double[] x0() {
            return x0.clone();
        }

        @Override
        public String toString() {
            return "max of " + a.length + " affine pieces, a = " + Pretty.format(a) + ", x* = " + Pretty.format(xStar)
                    + ", x0 = " + Pretty.format(x0);
        }
    }

    /**
     * Max-of-affine problems: n in 1..maxDim, k in 2..8 pieces (k = 2 in 1-d is |x|-like), a_i in
     * [-5, 5]^n, x* in [-10, 10]^n, start within distance [1e-2, 1e3] of x*.
     */
    public static Gen<MaxAffine> maxAffine(int maxDim) {
        return Gens.sizes(1, maxDim).flatMap(n -> Gens.integers(2, 8).flatMap(k -> Gens.tuples(
                Gens.tuples(Gens.listOfSize(Gens.doubleArrays(Gens.doubles(-5, 5), n, n), k - 1),
                        Gens.doubleArrays(Gens.doubles(0.1, 1), k, k)),
                Gens.tuples(Gens.doubleArrays(Gens.doubles(-10, 10), n, n), Gens.doubles(-10, 10)),
                Gens.tuples(Gens.doubleArrays(Gens.standardNormals(), n, n), logUniform(-2, 3))).map(t -> {
                    double[][] a = new double[k][];
                    double[] p = t.first().second();
                    double[] last = new double[n];
                    for (int i = 0; i < k - 1; i++) {
                        a[i] = t.first().first().get(i);
                        for (int j = 0; j < n; j++) {
                            last[j] -= p[i] * a[i][j] / p[k - 1];
                        }
                    }
                    a[k - 1] = last;
                    if (Arrays.stream(a).allMatch(ai -> norm(ai) == 0)) {
                        a[0] = new double[n];
                        a[0][0] = 1;
                        a[k - 1] = new double[n];
                        a[k - 1][0] = -1;
                    }
                    double[] xStar = t.second().first();
                    double fStar = t.second().second();
                    double[] b = new double[k];
                    for (int i = 0; i < k; i++) {
                        b[i] = fStar - dot(a[i], xStar);
                    }
                    double[] dir = t.third().first();
                    double nd = norm(dir);
                    double[] x0 = xStar.clone();
                    for (int j = 0; j < n; j++) {
                        x0[j] += nd == 0 ? (j == 0 ? t.third().second() : 0) : t.third().second() * dir[j] / nd;
                    }
                    return new MaxAffine(a, b, xStar, fStar, x0);
                })));
    }

    // ====================================================================== plain vector helpers

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double norm(double[] a) {
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double s = 0;
        for (double v : a) {
            s += (v / scale) * (v / scale);
        }
        return scale * Math.sqrt(s);
    }

    public static double[] sub(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    public static double[] matvec(double[][] a, double[] x) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = dot(a[i], x);
        }
        return out;
    }

    public static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** The vector as a rank-1 tensor. */
    public static Tensor tensor(double[] x) {
        return Tensor.of(x);
    }
}
