package dlmath.theorems.learning;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.learn.LogisticRegression;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Tag;

/**
 * ML-05 The logistic-regression MLE: score equations, existence and uniqueness. McCullagh &amp; Nelder,
 * <i>Generalized Linear Models</i>, 2nd ed. (1989), Sec. 4.4 (score equations of a canonical link); Albert &amp;
 * Anderson, Biometrika 71 (1984), Thm 1-3 (existence iff the classes overlap); Hastie, Tibshirani &amp; Friedman,
 * ESL 2nd ed., Sec. 4.4.1 (IRLS). Page: theorems/learning/ML-05-logistic-score-equations.md.
 */
@Theorem(id = "ML-05", name = "Logistic regression score equations",
        statement = "at the logistic MLE with intercept, mean p_i = mean y_i and sum (p_i - y_i) x_i = -l2 w; the MLE exists "
                + "and is unique when the classes overlap (or l2 > 0), and Newton (IRLS) and gradient descent reach it")
@Tag("learning")
class LogisticScoreEquations {

    /** A data set: rows, labels, and whether to fit an intercept. */
    record Problem(double[][] x, int[] y, boolean intercept, double l2) {
        @Override
        public String toString() {
            return "X = " + Ml.show(x) + ", y = " + Arrays.toString(y) + ", intercept = " + intercept + ", l2 = " + l2;
        }
    }

    /**
     * Overlapping classes by construction: the core rows 0 (with an intercept) and e_1, ..., e_d, scaled by c, appear
     * once with each label. Their augmented rows span R^p, so every direction (w, b) != 0 gives some core row z != 0,
     * and one of its two copies is misclassified: no hyperplane separates the classes even weakly, and the MLE
     * exists (Albert &amp; Anderson Thm 3). Then up to 30 rows of N(0, s^2) features (s in [0.1, 3]) with labels from a
     * logistic model with weights in [-3, 3].
     */
    static Gen<Problem> overlapping(boolean wantL2) {
        return Gens.tuples(Gens.integers(1, 4), Gens.booleans(), Gens.sizes(0, 30)).flatMap(t -> {
            int d = t.first();
            boolean icpt = t.second();
            int m = t.third();
            Gen<double[]> w = Gens.doubleArrays(Gens.doubles(-3, 3), d + 1, d + 1);
            Gen<List<double[]>> rows = Gens.listOfSize(Gens.doubleArrays(Gens.standardNormals(), d + 1, d + 1), m);
            return Gens.tuples(Gens.tuples(w, rows), Gens.doubles(0.1, 3), wantL2 ? Gens.doubles(0.1, 10)
                    : Gens.elements(0.0, 0.0, 1.0)).map(u -> {
                double[] wt = u.first().first();
                List<double[]> extra = u.first().second();
                double c = u.second();
                int core = d + (icpt ? 1 : 0);
                double[][] x = new double[2 * core + m][d];
                int[] y = new int[x.length];
                int k = 0;
                for (int r = 0; r < core; r++) {
                    for (int label = 0; label < 2; label++) {
                        if (r < d) {
                            x[k][r] = c;
                        }
                        y[k++] = label;
                    }
                }
                for (double[] e : extra) {
                    double z = wt[d];
                    for (int j = 0; j < d; j++) {
                        x[k][j] = e[j] * c;
                        z += wt[j] * x[k][j];
                    }
                    // the label: the last normal draw through the normal CDF is uniform; y = 1 when u < sigma(z)
                    double uniform = 0.5 * org.apache.commons.math3.special.Erf.erfc(-e[d] / Math.sqrt(2));
                    y[k++] = uniform < 1 / (1 + Math.exp(-z)) ? 1 : 0;
                }
                return new Problem(x, y, icpt, u.third());
            });
        });
    }

    /** [x, 1] or x. */
    static double[] aug(double[] x, boolean intercept) {
        return intercept ? Arrays.copyOf(x, x.length + 1) : x;
    }

    static double[] theta(LogisticRegression.Model m, boolean intercept) {
        double[] w = m.weights();
        if (!intercept) {
            return w;
        }
        double[] t = Arrays.copyOf(w, w.length + 1);
        t[w.length] = m.intercept();
        return t;
    }

    /**
     * The gradient of J computed here, independently (own sigmoid, own loops), and a bound on its rounding:
     * per component j, sum_i |x_ij| (gamma_{n+2} |p_i - y_i| + 4u + gamma_{p+1} (sum_k |x_ik theta_k|) / 4)
     * (the sigmoid is 1/4-Lipschitz, so the error of z moves p by a quarter of it), plus l2 u |w_j|.
     * Returns {gradient, bound}.
     */
    static double[][] gradient(Problem pr, double[] theta) {
        int p = theta.length;
        double[] g = new double[p];
        double[] r = new double[p];
        int n = pr.x().length;
        for (int i = 0; i < n; i++) {
            double[] a = aug(pr.x()[i], pr.intercept());
            if (pr.intercept()) {
                a[p - 1] = 1;
            }
            double z = 0;
            double abs = 0;
            for (int j = 0; j < p; j++) {
                z += a[j] * theta[j];
                abs += Math.abs(a[j] * theta[j]);
            }
            double prob = 1 / (1 + Math.exp(-z));
            double res = prob - pr.y()[i];
            for (int j = 0; j < p; j++) {
                g[j] += res * a[j];
                r[j] += Math.abs(a[j]) * (Tol.gamma(n + 2) * Math.abs(res) + 4 * Ml.U + Tol.gamma(p + 1) * abs / 4);
            }
        }
        int penalized = pr.intercept() ? p - 1 : p;
        for (int j = 0; j < penalized; j++) {
            g[j] += pr.l2() * theta[j];
            r[j] += 2 * Ml.U * Math.abs(pr.l2() * theta[j]);
        }
        return new double[][] {g, r};
    }

    static final double TOL = 1e-9;

    /**
     * Newton/IRLS converges to ||grad J|| &lt;= 1e-9 (100 iterations allowed; quadratic convergence needs far fewer),
     * and the gradient recomputed here is at most 1e-9 plus twice the rounding bound of {@link #gradient} (solver and
     * test); hence with an intercept |mean p - mean y| &lt;= that over n, and sum (p_i - y_i) x_ij = -l2 w_j.
     */
    @Property(tries = 200)
    void scoreEquationsHoldAtTheMle(Check check) {
        check.forAll(overlapping(false).as("problem"), pr -> {
            LogisticRegression.Model m = LogisticRegression.newton(Tensor.of(pr.x()), pr.y(), pr.intercept(), pr.l2(), TOL, 100);
            check.label(pr.l2() == 0 ? "l2 = 0" : "l2 > 0");
            check.label(pr.intercept() ? "intercept" : "no intercept");
            check.note("Newton iterations", m.iterations());
            Claims.that("Newton converged to ||grad|| <= 1e-9 (gradient norm " + m.gradientNorm() + ")", m.converged());
            double[] th = theta(m, pr.intercept());
            double[][] gr = gradient(pr, th);
            Claims.atMost("||sum (p_i - y_i) x~_i + l2 (w, 0)||", Ml.norm(gr[0]), TOL + 2 * Ml.norm(gr[1]));
            if (pr.intercept()) {
                int n = pr.y().length;
                double meanP = Arrays.stream(m.probabilities(Tensor.of(pr.x()))).sum() / n;
                double base = Arrays.stream(pr.y()).sum() / (double) n;
                Claims.close("mean predicted probability = base rate", meanP, base,
                        (TOL + 2 * gr[1][th.length - 1]) / n + Tol.gamma(n + 1));
            }
        });
    }

    /**
     * Uniqueness: Newton and gradient descent (from zero, 20000 steps of 1/L) end within (||g_N|| + ||g_GD||) / mu of
     * each other, mu a lower bound of the strong convexity of J on the segment between them: along it every z_i is
     * between its end values, so p_i (1 - p_i) &gt;= c = min over the ends of sigma'(z_i), and mu &gt;= lambda_min(c X~^T
     * X~ + l2 diag(1, .., 1, 0)) (commons-math3). The gradients are the test's, plus their rounding bounds. Coverage: GD
     * reaches ||g|| &lt;= 1e-6 in most tries (l2 &gt;= 0.1 keeps the condition moderate).
     */
    @Property(tries = 60)
    void newtonAndGradientDescentAgree(Check check) {
        check.forAll(overlapping(true).as("problem"), pr -> {
            Tensor x = Tensor.of(pr.x());
            LogisticRegression.Model nt = LogisticRegression.newton(x, pr.y(), pr.intercept(), pr.l2(), TOL, 100);
            LogisticRegression.Model gd = LogisticRegression.gradientDescent(x, pr.y(), pr.intercept(), pr.l2(), 1e-8, 20000);
            double[] a = theta(nt, pr.intercept());
            double[] b = theta(gd, pr.intercept());
            int p = a.length;
            double c = 0.25;
            for (double[] row : pr.x()) {
                for (double[] t : List.of(a, b)) {
                    double[] r = aug(row, pr.intercept());
                    if (pr.intercept()) {
                        r[p - 1] = 1;
                    }
                    double q = 1 / (1 + Math.exp(-Math.abs(Ml.dot(r, t))));
                    c = Math.min(c, q * (1 - q));
                }
            }
            double[][] h = new double[p][p];
            for (double[] row : pr.x()) {
                double[] r = aug(row, pr.intercept());
                if (pr.intercept()) {
                    r[p - 1] = 1;
                }
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < p; j++) {
                        h[i][j] += c * r[i] * r[j];
                    }
                }
            }
            for (int j = 0; j < (pr.intercept() ? p - 1 : p); j++) {
                h[j][j] += pr.l2();
            }
            double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(h)).getRealEigenvalues();
            double mu = Arrays.stream(ev).min().orElse(0) * (1 - 1e-10) - 1e-14 * Arrays.stream(ev).max().orElse(0);
            check.assume(mu > 0);
            double[][] ga = gradient(pr, a);
            double[][] gb = gradient(pr, b);
            double gn = Ml.norm(gb[0]);
            check.cover(50, gn <= 1e-6, "gradient descent reached ||g|| <= 1e-6");
            double dist = 0;
            for (int j = 0; j < p; j++) {
                dist += (a[j] - b[j]) * (a[j] - b[j]);
            }
            check.note("||g(Newton)||, ||g(GD)||, mu", Ml.norm(ga[0]) + ", " + gn + ", " + mu);
            Claims.atMost("||theta_Newton - theta_GD||", Math.sqrt(dist),
                    (Ml.norm(ga[0]) + Ml.norm(ga[1]) + gn + Ml.norm(gb[1])) / mu);
        });
    }

    /**
     * Drop "the classes overlap": separable data (labels y = [w^T x + b &gt; 0], no overlapping core) with l2 = 0 have no
     * MLE; the Newton iterates diverge: ||w|| after 40 iterations exceeds ||w|| after 20 by more than 1.
     */
    @Counterexample(tries = 200)
    void separableClassesHaveNoMle(Check check) {
        Gen<Problem> separable = Gens.tuples(Gens.integers(1, 3), Gens.sizes(2, 20)).flatMap(t -> Gens.tuples(
                Gens.doubleArrays(Gens.doubles(-3, 3), t.first() + 1, t.first() + 1),
                Gens.listOfSize(Gens.doubleArrays(Gens.standardNormals(), t.first(), t.first()), t.second())).map(u -> {
                    double[][] x = u.second().toArray(double[][]::new);
                    int[] y = Arrays.stream(x).mapToInt(r -> Ml.dot(r, Arrays.copyOf(u.first(), r.length)) + u.first()[r.length] > 0
                            ? 1 : 0).toArray();
                    return new Problem(x, y, true, 0);
                }).filter(pr -> Arrays.stream(pr.y()).sum() % pr.y().length != 0));   // both classes
        check.forAll(separable.as("separable problem"), pr -> {
            Tensor x = Tensor.of(pr.x());
            double w20 = Ml.norm(theta(LogisticRegression.newton(x, pr.y(), true, 0, 1e-300, 20), true));
            double w40 = Ml.norm(theta(LogisticRegression.newton(x, pr.y(), true, 0, 1e-300, 40), true));
            check.note("||theta|| after 20 and 40 Newton iterations", w20 + ", " + w40);
            Claims.atMost("||theta_40|| <= ||theta_20|| + 1 (the iterates settle)", w40, w20 + 1);
        });
    }
}
