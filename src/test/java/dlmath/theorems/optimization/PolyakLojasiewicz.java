package dlmath.theorems.optimization;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.ConvexProblems;
import dlmath.optim.Optimizers;
import org.junit.jupiter.api.Tag;

/**
 * OPT-17 Under the Polyak-Lojasiewicz inequality ||grad f(x)||^2 / 2 &gt;= mu (f(x) - f*), gradient
 * descent with step 1/L on an L-smooth f converges linearly, f(x_{k+1}) - f* &lt;= (1 - mu/L)(f(x_k) -
 * f*), without convexity. Karimi, Nutini, Schmidt, Linear Convergence of Gradient and
 * Proximal-Gradient Methods under the Polyak-Lojasiewicz Condition, ECML PKDD 2016, Thm 1 (and
 * the example f(x) = x^2 + 3 sin^2 x with mu = 1/32); Polyak, USSR Comput. Math. Math. Phys. 3
 * (1963). Page: theorems/optimization/OPT-17-polyak-lojasiewicz.md.
 */
@Theorem(id = "OPT-17", name = "Linear convergence under the Polyak-Lojasiewicz inequality",
        statement = "If ||grad f||^2/2 >= mu (f - f*) and f is L-smooth, GD with step 1/L has f(x_{k+1}) - f* <= "
                + "(1 - mu/L)(f(x_k) - f*), e.g. for the non-convex x^2 + 3 sin^2 x and rank-deficient least squares")
@Tag("optimization")
class PolyakLojasiewicz {

    static final int K = 60;

    /** f(x) = sum_i (x_i^2 + 3 sin^2 x_i): f'' = 2 + 6 cos 2x in [-4, 8], so L = 8; PL with mu = 1/32; f* = 0 at 0. */
    static double f(double[] x) {
        double s = 0;
        for (double v : x) {
            double sn = Math.sin(v);
            s += v * v + 3 * sn * sn;
        }
        return s;
    }

    static double[] grad(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = 2 * x[i] + 3 * Math.sin(2 * x[i]);
        }
        return g;
    }

    /**
     * Every step from the computed iterate: f(x_{k+1}) &lt;= (1 - mu/L) f(x_k) + tol, tol the rounding
     * of f at both points (gamma_{n+8} f, sin within one ulp) plus the effect of the rounded step
     * d = gamma_3 (||x|| + ||g||/L) + gamma_4 ||g|| / L: ||grad f(x+)|| d + L d^2 / 2.
     */
    @Property(tries = 100)
    void nonConvexSumOfSines(Check check) {
        check.forAll(Gens.sizes(1, 30).flatMap(n -> Gens.doubleArrays(Gens.doubles(-1e3, 1e3), n, n)).as("x0"), x0 -> {
            double l = 8;
            double mu = 1.0 / 32;
            double[][] xs = Opt.iterates(Optimizers.sgd(1 / l), PolyakLojasiewicz::grad, x0, K);
            double worst = 0;
            for (int k = 0; k < K; k++) {
                double fk = f(xs[k]);
                double fn = f(xs[k + 1]);
                double gn = ConvexProblems.norm(grad(xs[k]));
                double d = Tol.gamma(3) * (ConvexProblems.norm(xs[k]) + gn / l) + Tol.gamma(4) * gn / l;
                double tol = Tol.gamma(x0.length + 8) * (fk + fn) + (gn + l * d) * d + l * d * d / 2 + Opt.underflow(100);
                if (fk > 1e6 * tol && mu < l) {
                    worst = Math.max(worst, fn / ((1 - mu / l) * fk));
                }
                Claims.atMost("f(x_" + (k + 1) + ") <= (1 - mu/L) f(x_" + k + ")", fn, (1 - mu / l) * fk + tol);
            }
            check.target(worst, "(f(x_{k+1}) - f*) / ((1 - mu/L)(f(x_k) - f*))");
        });
    }

    /**
     * Rank-deficient least squares (convex, not strongly convex): PL holds with mu = the smallest
     * positive s^2 / m (Karimi et al., Sec. 2.3); f(x_{k+1}) - f* &lt;= (1 - mu/L)(f(x_k) - f*) per step.
     */
    @Property(tries = 100)
    void rankDeficientLeastSquares(Check check) {
        check.forAll(ConvexProblems.leastSquares(20, true).as("problem"), p -> {
            double m = p.y().length;
            double mu = java.util.Arrays.stream(p.s()).filter(v -> v > 0).min().orElseThrow();
            mu = mu * mu / m;
            double l = p.smoothness();
            check.label(java.util.Arrays.stream(p.s()).anyMatch(v -> v == 0) ? "rank deficient" : "full rank");
            double[][] xs = Opt.iterates(Optimizers.sgd(1 / l), p, K);
            double worst = 0;
            for (int k = 0; k < K; k++) {
                double gk = p.gap(xs[k]);
                double gnext = p.gap(xs[k + 1]);
                double gn = ConvexProblems.norm(p.grad(xs[k]));
                double d = Tol.gamma(3) * (ConvexProblems.norm(xs[k]) + gn / l) + p.gradError(xs[k]) / l;
                // A = X^T X / m is formed from X = U S V^T rounded: its nonzero spectrum moves by at most
                // gamma_{3n} ||X||^2 / m (relative to L), covered by l's slack below
                double slack = Tol.gamma(3 * p.dim() + 3) * l * 4;
                double tol = p.gapError(xs[k]) + p.gapError(xs[k + 1]) + (gn + l * d) * d + l * d * d / 2
                        + slack / l * gk + Opt.underflow(100);
                if (gk > 1e6 * tol && mu < l) {
                    worst = Math.max(worst, gnext / ((1 - mu / l) * gk));
                }
                Claims.atMost("f(x_" + (k + 1) + ") - f* <= (1 - mu/L)(f(x_" + k + ") - f*)", gnext, (1 - mu / l) * gk + tol);
            }
            check.target(worst, "per-step ratio / (1 - mu/L)");
        });
    }

    /**
     * Drop the PL inequality: f(x) = x^4 on [-1, 1] (L = 12 there) has |f'|^2 / 2 = 8 x^6, not &gt;= mu x^4
     * near 0; GD with step 1/12 slows down, and the per-step factor 1 - mu/L fails for any mu &gt; 0 (here
     * 1/32, as for the sine example).
     */
    @Counterexample
    void withoutPlGradientDescentStalls(Check check) {
        check.forAll(Gens.doubles(-1, 1).as("x0"), x0 -> {
            double l = 12;
            double[][] xs = Opt.iterates(Optimizers.sgd(1 / l), x -> new double[] {4 * x[0] * x[0] * x[0]},
                    new double[] {x0}, 20);
            for (int k = 0; k < 20; k++) {
                double fk = Math.pow(xs[k][0], 4);
                Claims.atMost("x_{k+1}^4 <= (1 - mu/L) x_k^4", Math.pow(xs[k + 1][0], 4), (1 - 1.0 / 32 / l) * fk);
            }
        });
    }
}
