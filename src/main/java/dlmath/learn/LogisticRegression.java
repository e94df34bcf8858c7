package dlmath.learn;

import dlmath.linalg.Cholesky;
import dlmath.linalg.Linalg;
import dlmath.tensor.Tensor;
import java.util.Arrays;

/**
 * Binary logistic regression {@code P(y = 1 | x) = sigma(w^T x + b)}, fitted by minimizing the
 * penalized negative log-likelihood (the convention of scikit-learn's {@code LogisticRegression}
 * with {@code C = 1 / l2}; the intercept is not penalized)
 * <pre>
 *   J(w, b) = sum_i [ log(1 + e^{z_i}) - y_i z_i ] + (l2 / 2) ||w||^2,   z_i = w^T x_i + b,
 *   grad J  = X~^T (p - y) + l2 (w, 0),   hess J = X~^T diag(p_i (1 - p_i)) X~ + l2 diag(1, ..., 1, 0),
 * </pre>
 * {@code X~ = [X, 1]} with an intercept, {@code X} without. Two solvers:
 * <ul>
 *   <li>{@link #newton}: Newton's method, i.e. iteratively reweighted least squares (Hastie, Tibshirani
 *       &amp; Friedman, <i>The Elements of Statistical Learning</i>, 2nd ed., Sec. 4.4.1), with a backtracking
 *       (Armijo) line search (where the predicted decrease is below the resolution of J, a step that lowers the
 *       gradient norm is accepted); when the Hessian is numerically singular (separable data drive
 *       {@code p_i (1 - p_i)} to 0) the step solves {@code (H + mu I) d = -g} with the smallest
 *       {@code mu = 10^k * 1e-12 * max(1, trace(H) / p)} that Cholesky accepts;</li>
 *   <li>{@link #gradientDescent}: gradient descent with the fixed step {@code 1 / L},
 *       {@code L = ||X~||_2^2 / 4 + l2}, a Lipschitz constant of the gradient.</li>
 * </ul>
 * Both stop when {@code ||grad J||_2 <= tolerance} (absolute) or after {@code maxIterations}; the
 * result says which. The minimizer exists and is unique when {@code l2 > 0}, or when {@code X~} has
 * full column rank and the classes overlap (no hyperplane separates them even weakly; Albert &amp;
 * Anderson, Biometrika 71, 1984, Thm 1-3); for separable classes the infimum is not attained and
 * the unpenalized iterates diverge, while the gradient tends to 0 along them: a small gradient norm
 * ({@code converged}) is then no proof that a minimizer exists (the growth of the weights is).
 *
 * <p>Entries of X must be at most {@link #MAX_ENTRY} in magnitude (else the Hessian can overflow):
 * standardize first.
 */
public final class LogisticRegression {

    /** The largest magnitude of an entry of X accepted: {@code 2^400} (about 2.6e120). */
    public static final double MAX_ENTRY = 0x1p400;

    private LogisticRegression() {
    }

    /**
     * A fitted model.
     *
     * @param weights the coefficients w, length d
     * @param intercept b (0 without an intercept)
     * @param iterations the iterations done
     * @param gradientNorm {@code ||grad J||_2} at the returned point, as computed by the solver
     * @param converged whether {@code gradientNorm <= tolerance}
     */
    public record Model(double[] weights, double intercept, int iterations, double gradientNorm, boolean converged) {
        /** Defensive copy; checks the components (finite weights and intercept, counts and norm not negative). */
        public Model {
            weights = java.util.Objects.requireNonNull(weights, "weights").clone();
            if (weights.length == 0) {
                throw new IllegalArgumentException("LogisticRegression.Model: weights must have at least one entry, got []");
            }
            for (int j = 0; j < weights.length; j++) {
                if (!Double.isFinite(weights[j])) {
                    throw new IllegalArgumentException("LogisticRegression.Model: weights[" + j + "] = " + weights[j]
                            + " is not finite");
                }
            }
            if (!Double.isFinite(intercept)) {
                throw new IllegalArgumentException("LogisticRegression.Model: intercept = " + intercept + " is not finite");
            }
            if (iterations < 0) {
                throw new IllegalArgumentException("LogisticRegression.Model: iterations = " + iterations + " is negative");
            }
            if (!(gradientNorm >= 0)) {
                throw new IllegalArgumentException("LogisticRegression.Model: gradientNorm = " + gradientNorm
                        + " is not a norm (negative or NaN)");
            }
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }

        /**
         * The decision function {@code z = X w + b}.
         *
         * @param x rows [m, d]
         * @return one score per row
         * @throws IllegalArgumentException if x is not a finite matrix with d columns
         */
        public double[] decision(Tensor x) {
            double[][] rows = Data.matrix("LogisticRegression.decision", "X", x, 1);
            if (rows[0].length != weights.length) {
                throw new IllegalArgumentException("LogisticRegression.decision: X must have " + weights.length
                        + " columns (the model's weights), got shape " + Arrays.toString(x.shape()));
            }
            double[] z = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                z[i] = Data.dot(rows[i], weights) + intercept;
                if (!Double.isFinite(z[i])) {
                    z[i] = scaledDecision(rows[i]);
                }
            }
            return z;
        }

        /**
         * {@code w^T x + b} when the plain sum overflowed (an infinite term, or inf - inf = NaN): the sum of
         * {@code (2^-ew w_j)(2^-ex x_j) + 2^-(ew+ex) b} with ew, ex the binary exponents of the largest |w_j|
         * and |x_j| (each product at most 4 in magnitude), scaled back; infinite only if the value is
         * beyond the double range.
         */
        private double scaledDecision(double[] row) {
            int ew = Standardizer.exponentOf(Arrays.stream(weights).map(Math::abs).max().orElse(0));
            int ex = Standardizer.exponentOf(Arrays.stream(row).map(Math::abs).max().orElse(0));
            double s = Math.scalb(intercept, -ew - ex);
            for (int j = 0; j < row.length; j++) {
                s += Math.scalb(weights[j], -ew) * Math.scalb(row[j], -ex);
            }
            return Math.scalb(s, ew + ex);
        }

        /**
         * The probabilities {@code sigma(X w + b)} of class 1.
         *
         * @param x rows [m, d]
         * @return one probability per row
         */
        public double[] probabilities(Tensor x) {
            double[] z = decision(x);
            for (int i = 0; i < z.length; i++) {
                z[i] = sigmoid(z[i]);
            }
            return z;
        }

        /**
         * The predicted classes at threshold 1/2: 1 where {@code w^T x + b >= 0}.
         *
         * @param x rows [m, d]
         * @return 0/1 per row
         */
        public int[] predict(Tensor x) {
            double[] z = decision(x);
            int[] c = new int[z.length];
            for (int i = 0; i < z.length; i++) {
                c[i] = z[i] >= 0 ? 1 : 0;
            }
            return c;
        }
    }

    /** The logistic function, without overflow: {@code 1 / (1 + e^{-z})}. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** {@code log(1 + e^z)} without overflow. */
    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /**
     * Fits by Newton's method (IRLS) with a backtracking line search, from zero.
     *
     * @param x the data [n, d], finite, entries at most {@link #MAX_ENTRY} in magnitude
     * @param y 0/1 labels
     * @param intercept whether to fit an (unpenalized) intercept
     * @param l2 the L2 penalty, finite, &gt;= 0
     * @param tolerance the absolute gradient norm to stop at, finite, &gt; 0
     * @param maxIterations at most this many Newton steps, in [0, 10000]
     * @return the model; {@code converged} says whether the tolerance was reached
     * @throws IllegalArgumentException on a bad shape, label or parameter
     */
    public static Model newton(Tensor x, int[] y, boolean intercept, double l2, double tolerance, int maxIterations) {
        Problem pr = new Problem("LogisticRegression.newton", x, y, intercept, l2, tolerance, maxIterations);
        int p = pr.p;
        double[] theta = new double[p];
        double[] g = pr.gradient(theta);
        double f = pr.objective(theta);
        int it = 0;
        while (Data.norm(g) > tolerance && it < maxIterations) {
            double[][] h = pr.hessian(theta);
            double[] step = solve(h, g);
            double slope = Data.dot(g, step);
            // near the minimum the predicted decrease -slope is below the resolution of J (about 1e-16 |J|): there
            // the step is accepted when it reduces the gradient norm (Newton's local convergence)
            boolean unresolved = -slope <= 1e-12 * (1 + Math.abs(f));
            double gNorm = Data.norm(g);
            double t = 1;
            double[] next = null;
            double[] gNext = null;
            double fNext = f;
            for (int k = 0; k < 60; k++, t /= 2) {
                double[] cand = new double[p];
                for (int j = 0; j < p; j++) {
                    cand[j] = theta[j] + t * step[j];
                }
                double fc = pr.objective(cand);
                double[] gc = null;
                if (fc <= f + 1e-4 * t * slope || unresolved && Data.norm(gc = pr.gradient(cand)) < gNorm) {
                    next = cand;
                    fNext = fc;
                    gNext = gc;
                    break;
                }
            }
            it++;
            if (next == null) {
                break;   // no decrease within rounding: the gradient is as small as this arithmetic makes it
            }
            theta = next;
            f = fNext;
            g = gNext != null ? gNext : pr.gradient(theta);
        }
        return pr.model(theta, it, Data.norm(g));
    }

    /** The step {@code d} with {@code (H + mu I) d = -g}, mu = 0 or the smallest regularization Cholesky accepts. */
    private static double[] solve(double[][] h, double[] g) {
        int p = g.length;
        double trace = 0;
        for (int j = 0; j < p; j++) {
            trace += h[j][j];
        }
        double mu0 = 1e-12 * Math.max(1, trace / p);
        double[] minusG = new double[p];
        for (int j = 0; j < p; j++) {
            minusG[j] = -g[j];
        }
        double mu = 0;
        for (int k = 0; k < 40; k++) {
            double[][] a = new double[p][];
            for (int j = 0; j < p; j++) {
                a[j] = h[j].clone();
                a[j][j] += mu;
            }
            try {
                return Cholesky.of(Tensor.of(a)).solve(Tensor.of(minusG)).toArray();
            } catch (IllegalArgumentException notPositiveDefinite) {
                mu = mu == 0 ? mu0 : mu * 10;
            }
        }
        return minusG;   // unreachable in practice: mu = 1e27 * trace makes H + mu I diagonally dominant
    }

    /**
     * Fits by gradient descent with step {@code 1 / L}, {@code L = ||X~||_2^2 / 4 + l2}, from zero.
     *
     * @param x the data [n, d], finite, entries at most {@link #MAX_ENTRY} in magnitude
     * @param y 0/1 labels
     * @param intercept whether to fit an (unpenalized) intercept
     * @param l2 the L2 penalty, finite, &gt;= 0
     * @param tolerance the absolute gradient norm to stop at, finite, &gt; 0
     * @param maxIterations at most this many steps, in [0, 10^7]
     * @return the model
     * @throws IllegalArgumentException on a bad shape, label or parameter
     */
    public static Model gradientDescent(Tensor x, int[] y, boolean intercept, double l2, double tolerance,
                                        int maxIterations) {
        Problem pr = new Problem("LogisticRegression.gradientDescent", x, y, intercept, l2, tolerance, maxIterations);
        double s = Linalg.norm2(Tensor.of(pr.x));
        double lipschitz = s * s / 4 + l2;
        double[] theta = new double[pr.p];
        double[] g = pr.gradient(theta);
        int it = 0;
        while (Data.norm(g) > tolerance && it < maxIterations) {
            for (int j = 0; j < pr.p; j++) {
                theta[j] -= g[j] / lipschitz;
            }
            g = pr.gradient(theta);
            it++;
        }
        return pr.model(theta, it, Data.norm(g));
    }

    /** The data with the intercept column, and the objective's parts. */
    private static final class Problem {
        final double[][] x;   // n x p, the last column 1 with an intercept
        final int[] y;
        final boolean intercept;
        final double l2;
        final double tolerance;
        final int p;

        Problem(String op, Tensor data, int[] labels, boolean intercept, double l2, double tolerance, int maxIterations) {
            double[][] rows = Data.matrix(op, "X", data, 1);
            this.y = Data.labels(op, labels, rows.length, Arrays.toString(data.shape()));
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < rows[i].length; j++) {
                    if (Math.abs(rows[i][j]) > MAX_ENTRY) {
                        throw new IllegalArgumentException(op + ": X[" + i + ", " + j + "] = " + rows[i][j] + " exceeds "
                                + MAX_ENTRY + " in magnitude (the Hessian would overflow); standardize X first");
                    }
                }
            }
            if (!(l2 >= 0 && l2 < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(op + ": l2 must be finite and >= 0, got " + l2);
            }
            if (!(tolerance > 0 && tolerance < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(op + ": tolerance must be finite and > 0, got " + tolerance);
            }
            int maxAllowed = op.endsWith("newton") ? 10_000 : 10_000_000;
            if (maxIterations < 0 || maxIterations > maxAllowed) {
                throw new IllegalArgumentException(op + ": maxIterations must be in [0, " + maxAllowed + "], got "
                        + maxIterations);
            }
            this.intercept = intercept;
            this.l2 = l2;
            this.tolerance = tolerance;
            int d = rows[0].length;
            this.p = d + (intercept ? 1 : 0);
            this.x = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                x[i] = Arrays.copyOf(rows[i], p);
                if (intercept) {
                    x[i][d] = 1;
                }
            }
        }

        int penalized() {
            return intercept ? p - 1 : p;
        }

        double objective(double[] theta) {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                double z = Data.dot(x[i], theta);
                f += softplus(z) - (y[i] == 1 ? z : 0);
            }
            double w2 = 0;
            for (int j = 0; j < penalized(); j++) {
                w2 += theta[j] * theta[j];
            }
            return f + l2 / 2 * w2;
        }

        double[] gradient(double[] theta) {
            double[] g = new double[p];
            for (int i = 0; i < x.length; i++) {
                double r = sigmoid(Data.dot(x[i], theta)) - y[i];
                for (int j = 0; j < p; j++) {
                    g[j] += r * x[i][j];
                }
            }
            for (int j = 0; j < penalized(); j++) {
                g[j] += l2 * theta[j];
            }
            return g;
        }

        double[][] hessian(double[] theta) {
            double[][] h = new double[p][p];
            for (double[] row : x) {
                double q = sigmoid(Data.dot(row, theta));
                double s = q * (1 - q);
                for (int a = 0; a < p; a++) {
                    double sa = s * row[a];
                    for (int b = 0; b <= a; b++) {
                        h[a][b] += sa * row[b];
                    }
                }
            }
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < a; b++) {
                    h[b][a] = h[a][b];
                }
            }
            for (int j = 0; j < penalized(); j++) {
                h[j][j] += l2;
            }
            return h;
        }

        Model model(double[] theta, int iterations, double gradientNorm) {
            int d = intercept ? p - 1 : p;
            return new Model(Arrays.copyOf(theta, d), intercept ? theta[d] : 0, iterations, gradientNorm,
                    gradientNorm <= tolerance);
        }
    }
}
