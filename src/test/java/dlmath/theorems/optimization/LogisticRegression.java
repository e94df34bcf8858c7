package dlmath.theorems.optimization;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.ConvexProblems;
import dlmath.gen.ConvexProblems.Logistic;
import dlmath.optim.Optimizers;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.junit.jupiter.api.Tag;

/**
 * OPT-16 Logistic regression (lab 1's model): the loss f(w) = (1/m) sum log(1 + exp(-y_i x_i^T w))
 * is convex and L-smooth with L &lt;= ||X||_2^2 / (4m) (its Hessian (1/m) X^T diag(s(1-s)) X has
 * s(1-s) &lt;= 1/4); with an L2 penalty lambda (torch's weight_decay) gradient descent with step 1/L
 * decreases the loss monotonically and converges linearly to the minimizer that Newton's method
 * finds. Bach, Self-concordant analysis for logistic regression, EJS 4 (2010), Sec. 2; Nesterov,
 * Lectures on Convex Optimization, 2nd ed., Thm 2.1.15 and Sec. 5.1 (Newton); Murphy, Probabilistic
 * Machine Learning: An Introduction (2022), Sec. 10.2.3 (Hessian). Page:
 * theorems/optimization/OPT-16-logistic-regression.md.
 */
@Theorem(id = "OPT-16", name = "Logistic regression: convex, smooth, solved by gradient descent",
        statement = "The logistic loss is convex with Hessian <= ||X||_2^2/(4m) I; with an L2 penalty lambda, GD with step "
                + "1/(L + lambda) decreases it monotonically and converges to Newton's minimizer at rate (1 - mu/L)^k")
@Tag("optimization")
class LogisticRegression {

    static final int K = 100;

    /**
     * At w in [-5, 5]^n: the eigenvalues of the Hessian (test-side loop, commons-math3's
     * EigenDecomposition) lie in [-tol, s_max^2 / (4m) + tol], tol = gamma_{m+n+8} ||(1/4m) |X|^T |X|||_F
     * (the Hessian's rounding) + 10 n u ||H||_F (the eigensolver's backward error).
     */
    @Property(tries = 100)
    void hessianIsPsdAndBoundedByXNormSquaredOver4m(Check check) {
        check.forAll(ConvexProblems.logistic(10).as("problem"), p -> {
            double[][] h = p.hessian(p.x0());
            int n = p.dim();
            double[][] abs = new double[n][n];
            double fro = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    double s = 0;
                    for (double[] xi : p.x()) {
                        s += Math.abs(xi[a] * xi[b]);
                    }
                    abs[a][b] = s / (4 * p.y().length);
                    fro = Math.hypot(fro, abs[a][b]);
                }
            }
            double hf = new Array2DRowRealMatrix(h).getFrobeniusNorm();
            double tol = Tol.gamma(p.y().length + n + 8) * fro + 10 * n * Tol.U * hf;
            double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(h)).getRealEigenvalues();
            double top = java.util.Arrays.stream(ev).max().orElseThrow();
            double bottom = java.util.Arrays.stream(ev).min().orElseThrow();
            check.target(top / p.smoothness(), "lambda_max(H) / (||X||^2 / 4m)");
            Claims.atLeast("lambda_min(Hessian) >= 0 (convex)", bottom, -tol);
            Claims.atMost("lambda_max(Hessian) <= ||X||_2^2 / (4m)", top, p.smoothness() * (1 + Tol.gamma(4 * n)) + tol);
        });
    }

    static double[] ridgeGrad(Logistic p, double lambda, double[] w) {
        double[] g = p.grad(w);
        for (int j = 0; j < w.length; j++) {
            g[j] += lambda * w[j];
        }
        return g;
    }

    static double ridge(Logistic p, double lambda, double[] w) {
        return p.f(w) + lambda / 2 * ConvexProblems.dot(w, w);
    }

    /** Damped Newton on the ridge loss (test side, commons-math3 LU), to ||grad|| below 1e-13 scale. */
    static double[] newton(Logistic p, double lambda) {
        int n = p.dim();
        double[] w = new double[n];
        for (int it = 0; it < 100; it++) {
            double[] g = ridgeGrad(p, lambda, w);
            double[][] h = p.hessian(w);
            for (int j = 0; j < n; j++) {
                h[j][j] += lambda;
            }
            double[] d = new LUDecomposition(new Array2DRowRealMatrix(h)).getSolver().solve(new ArrayRealVector(g)).toArray();
            double t = 1;
            double f0 = ridge(p, lambda, w);
            while (t > 1e-12) {
                double[] next = new double[n];
                for (int j = 0; j < n; j++) {
                    next[j] = w[j] - t * d[j];
                }
                if (ridge(p, lambda, next) <= f0) {
                    w = next;
                    break;
                }
                t /= 2;
            }
        }
        return w;
    }

    /**
     * lambda = rho L0 (rho in [1e-3, 1]): Optimizers.sgd(1/(L0 + lambda), weight_decay = lambda) on the
     * logistic gradients. Per step, F(w_{k+1}) &lt;= F(w_k) - ||grad F(w_k)||^2 / (2L) + tol (descent
     * lemma, OPT-01's tolerance); at every k, F(w_k) - F(w*) &lt;= (1 - mu/L)^k (F(w_0) - F(w*)) + tol
     * with w* from Newton (its own error ||grad F(w*)||^2 / (2 mu) added).
     */
    @Property(tries = 60)
    void gradientDescentReachesNewtonsMinimizer(Check check) {
        check.forAll(ConvexProblems.logistic(8).as("problem"), ConvexProblems.logUniform(-3, 0).as("rho"), (p, rho) -> {
            double l0 = p.smoothness();
            double lambda = rho * l0;
            double l = l0 + lambda;
            double[] wStar = newton(p, lambda);
            double gs = ConvexProblems.norm(ridgeGrad(p, lambda, wStar));
            double fStar = ridge(p, lambda, wStar);
            double newtonSlack = gs * gs / (2 * lambda) + p.gapError(wStar) + Tol.gamma(p.dim() + 2) * lambda * ConvexProblems.dot(wStar, wStar);
            double[][] ws = Opt.iterates(Optimizers.sgd(1 / l, 0, 0, lambda, false), p::grad, p.x0(), K);
            double f0 = ridge(p, lambda, ws[0]) - fStar;
            double worst = 0;
            for (int k = 0; k < K; k++) {
                double fk = ridge(p, lambda, ws[k]);
                double fn = ridge(p, lambda, ws[k + 1]);
                double[] g = ridgeGrad(p, lambda, ws[k]);
                double gn = ConvexProblems.norm(g);
                double eg = p.gradError(ws[k]) + Tol.gamma(3) * lambda * ConvexProblems.norm(ws[k]);
                double d = Tol.gamma(4) * (ConvexProblems.norm(ws[k]) + gn / l);
                double ef = p.gapError(ws[k]) + p.gapError(ws[k + 1])
                        + Tol.gamma(ws[k].length + 3) * lambda * (ConvexProblems.dot(ws[k], ws[k]) + ConvexProblems.dot(ws[k + 1], ws[k + 1]));
                double tol = ef + eg * gn / l + (gn + eg + l * d) * d + l * d * d / 2 + Opt.underflow(100);
                Claims.atMost("F(w_" + (k + 1) + ") <= F(w_" + k + ") - ||grad F||^2 / (2L)", fn, fk - gn * gn / (2 * l) + tol);
                double bound = Math.pow(1 - lambda / l, k + 1) * (f0 + newtonSlack + ef);
                double gap = fn - fStar;
                if (bound > 1e6 * (tol + newtonSlack)) {
                    worst = Math.max(worst, gap / bound);
                }
                Claims.atMost("F(w_" + (k + 1) + ") - F(w*) <= (1 - mu/L)^" + (k + 1) + " (F(w_0) - F(w*))", gap,
                        bound + newtonSlack + (k + 1) * tol);
            }
            check.target(worst, "(F(w_k) - F*) / ((1 - mu/L)^k (F(w_0) - F*))");
        });
    }

    /**
     * Drop the step bound 1/L (use 8/L, i.e. an L underestimated 8 times): the loss no longer
     * decreases monotonically.
     */
    @Counterexample
    void stepAboveOneOverLIsNotMonotone(Check check) {
        check.forAll(ConvexProblems.logistic(3).as("problem"), p -> {
            double l = p.smoothness() / 8;
            double[][] ws = Opt.iterates(Optimizers.sgd(1 / l), p::grad, new double[p.dim()], 10);
            for (int k = 0; k < 10; k++) {
                Claims.atMost("f(w_" + (k + 1) + ") <= f(w_" + k + ")", p.f(ws[k + 1]), p.f(ws[k]) + p.gapError(ws[k]));
            }
        });
    }
}
