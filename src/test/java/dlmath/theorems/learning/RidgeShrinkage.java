package dlmath.theorems.learning;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.learn.Ridge;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Tag;

/**
 * ML-08 Ridge regression: normal equations, SVD shrinkage, gradient descent and the pseudo-inverse limit. Hastie,
 * Tibshirani &amp; Friedman, ESL 2nd ed., eq. 3.44 and 3.47; Hoerl &amp; Kennard, Technometrics 12 (1970); Nesterov,
 * <i>Lectures on Convex Optimization</i>, 2nd ed. (2018), Thm 2.1.15 (linear rate of gradient descent); Golub &amp;
 * Van Loan, <i>Matrix Computations</i>, 4th ed., Sec. 5.5.4 (the pseudo-inverse as the limit of ridge). Page:
 * theorems/learning/ML-08-ridge-shrinkage.md.
 */
@Theorem(id = "ML-08", name = "Ridge regression by normal equations, SVD and gradient descent",
        statement = "(X^T X + lambda I)^-1 X^T y = sum_i s_i/(s_i^2 + lambda) (u_i^T y) v_i = the limit of gradient descent with "
                + "step 1/L; as lambda -> 0 it tends to X^+ y with ||w_lambda - X^+ y|| <= lambda ||y|| / s_min^3")
@Tag("learning")
class RidgeShrinkage {

    /** A design and responses. */
    record Problem(double[][] x, double[] y, double lambda) {
        @Override
        public String toString() {
            return "X = " + Ml.show(x) + ", y = " + Arrays.toString(y) + ", lambda = " + lambda;
        }
    }

    /** n in [1, 10], d in [1, 4], N(0, 1) entries (occasionally a repeated column: rank deficient), lambda in [1e-3, 10]. */
    static final Gen<Problem> PROBLEMS = Gens.tuples(Gens.integers(1, 10), Gens.integers(1, 4), Gens.booleans()).flatMap(t ->
            Gens.tuples(Gens.listOfSize(Gens.doubleArrays(Gens.standardNormals(), t.second(), t.second()), t.first()),
                    Gens.doubleArrays(Gens.standardNormals(), t.first(), t.first()), Gens.doubles(1e-3, 10)).map(u -> {
                        double[][] x = u.first().toArray(double[][]::new);
                        if (t.third() && t.second() > 1) {
                            for (double[] r : x) {
                                r[1] = r[0];   // a repeated column
                            }
                        }
                        return new Problem(x, u.second(), u.third());
                    }));

    static double[] sv(double[][] x) {
        return new SingularValueDecomposition(new Array2DRowRealMatrix(x)).getSingularValues();
    }

    static double dist(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }

    /**
     * A first-order error bound for a computed ridge solution: backward error 64 (n + d)^2 u (the normal equations:
     * forming X^T X, gamma_n, and Cholesky, gamma_{3d+1}; the SVD route: Jacobi's rotations), times the condition
     * number kappa of the system times ||w||, plus the error of forming X^T y (or u_i^T y), gamma_n ||X|| ||y||, through
     * (X^T X + lambda I)^-1: ||y|| s_1 / (s_min^2 + lambda) (this term matters when y is nearly orthogonal to the range
     * of X and w is small). For least squares (lambda = 0) kappa is kappa(X)^2, which also covers the residual term of
     * Golub-Van Loan Thm 5.3.1.
     */
    static double err(Problem p, double kappa, double[] w, double s1, double smin) {
        int nd = p.x().length + p.x()[0].length;
        return 64.0 * nd * nd * Ml.U * (kappa * Ml.norm(w) + Ml.norm(p.y()) * s1 / (smin * smin + p.lambda()));
    }

    /**
     * Normal equations = SVD shrinkage (lambda &gt; 0), within the two error bounds; gradient descent from 0 with step
     * 1/L, L = s_1^2 + lambda (commons-math3's s_1), after T = ceil(ln(1e12) L / mu) steps is within
     * (1 - mu/L)^T ||w|| &lt;= 1e-12 ||w|| of the minimizer (Nesterov Thm 2.1.15, mu = s_min^2 + lambda, s_min = 0 if
     * n &lt; d), plus its own rounding (the fixed point of the rounded iteration, err again). kappa &gt; 1e4 is rejected.
     */
    @Property(tries = 150)
    void normalEquationsSvdAndGradientDescentAgree(Check check) {
        check.forAll(PROBLEMS.as("problem"), p -> {
            int n = p.x().length;
            int d = p.x()[0].length;
            double[] s = sv(p.x());
            double smin = n < d ? 0 : s[s.length - 1];
            double lip = s[0] * s[0] + p.lambda();
            double mu = smin * smin + p.lambda();
            double kappa = lip / mu;
            check.assume(kappa <= 1e4);
            check.label(smin < 1e-8 * s[0] ? "X rank deficient" : "X full column rank");
            double[] wc = Ridge.closedForm(Tensor.of(p.x()), p.y(), p.lambda());
            double[] ws = Ridge.viaSvd(Tensor.of(p.x()), p.y(), p.lambda());
            Claims.atMost("||w(normal equations) - w(SVD)||", dist(wc, ws), 2 * err(p, kappa, ws, s[0], smin) + 1e-300);
            double[] w = new double[d];
            long steps = (long) Math.ceil(Math.log(1e12) * kappa);
            for (long t = 0; t < steps; t++) {
                double[] r = new double[n];
                for (int i = 0; i < n; i++) {
                    r[i] = Ml.dot(p.x()[i], w) - p.y()[i];
                }
                for (int j = 0; j < d; j++) {
                    double g = p.lambda() * w[j];
                    for (int i = 0; i < n; i++) {
                        g += p.x()[i][j] * r[i];
                    }
                    w[j] -= g / lip;
                }
            }
            check.note("gradient descent steps", steps);
            Claims.atMost("||w(GD, T steps) - w(SVD)||", dist(w, ws), 1e-12 * Ml.norm(ws) + 3 * err(p, kappa, ws, s[0], smin) + 1e-300);
        });
    }

    /**
     * lambda -&gt; 0: with X of full column rank, ||w_lambda - X^+ y|| &lt;= lambda ||y|| / s_min^3 (each SVD coefficient
     * moves by lambda |u_i^T y| / (s_i (s_i^2 + lambda))), for lambda = 10^-k s_min^2, k = 2, 4, 6, 8; X^+ y from
     * commons-math3's pseudo-inverse; and Ridge at lambda = 0 is X^+ y. Rounding: the least-squares condition
     * kappa(X)^2 in place of kappa (Golub-Van Loan Thm 5.3.1 with a residual), cases with kappa(X) &gt; 1e3 rejected.
     */
    @Property(tries = 100)
    void smallLambdaTendsToThePseudoInverse(Check check) {
        check.forAll(PROBLEMS.as("problem"), p -> {
            int n = p.x().length;
            int d = p.x()[0].length;
            double[] s = sv(p.x());
            check.assume(n >= d && s[s.length - 1] > 1e-3 * s[0]);
            double smin = s[s.length - 1];
            double kx = s[0] / smin;
            double[] pinv = new SingularValueDecomposition(new Array2DRowRealMatrix(p.x())).getSolver().getInverse()
                    .operate(p.y());
            double round = 2 * err(new Problem(p.x(), p.y(), 0), kx * kx, pinv, s[0], smin) + 1e-300;
            Claims.atMost("||Ridge(lambda = 0) - X^+ y||", dist(Ridge.viaSvd(Tensor.of(p.x()), p.y(), 0), pinv), round);
            for (int k = 2; k <= 8; k += 2) {
                double lambda = Math.pow(10, -k) * smin * smin;
                double[] w = Ridge.viaSvd(Tensor.of(p.x()), p.y(), lambda);
                Claims.atMost("||w_lambda - X^+ y|| <= lambda ||y|| / s_min^3 (lambda = 1e-" + k + " s_min^2)", dist(w, pinv),
                        lambda * Ml.norm(p.y()) / (smin * smin * smin) + round);
            }
        });
    }

    /** Degenerate input: lambda = 0 and fewer rows than columns make X^T X singular: the normal equations refuse, naming viaSvd. */
    @Property(tries = 30)
    void singularNormalEquationsAreRefused(Check check) {
        check.forAll(Gens.integers(2, 4).as("d"), d -> {
            double[][] x = new double[1][d];
            Arrays.fill(x[0], 1);
            try {
                Ridge.closedForm(Tensor.of(x), new double[] {1}, 0);
                Claims.that("refused", false);
            } catch (IllegalArgumentException e) {
                Claims.that("the message points to viaSvd: " + e.getMessage(), e.getMessage().contains("viaSvd"));
            }
        });
    }

    /** Drop "step &lt; 2/L": gradient descent with step 2.5/L moves away from the minimizer along the top singular direction. */
    @Counterexample
    void stepAboveTwoOverLDiverges(Check check) {
        check.forAll(PROBLEMS.as("problem"), p -> {
            int d = p.x()[0].length;
            double[] s = sv(p.x());
            double lip = s[0] * s[0] + p.lambda();
            double[] ws = Ridge.viaSvd(Tensor.of(p.x()), p.y(), p.lambda());
            double[] w = new double[d];
            for (int t = 0; t < 50; t++) {
                double[] g = new double[d];
                for (int i = 0; i < p.x().length; i++) {
                    double r = Ml.dot(p.x()[i], w) - p.y()[i];
                    for (int j = 0; j < d; j++) {
                        g[j] += p.x()[i][j] * r;
                    }
                }
                for (int j = 0; j < d; j++) {
                    w[j] -= 2.5 * (g[j] + p.lambda() * w[j]) / lip;
                }
            }
            Claims.atMost("||w(GD, step 2.5/L, 50 steps) - w*|| <= ||w*||", dist(w, ws), Ml.norm(ws) + 1e-12);
        });
    }
}
