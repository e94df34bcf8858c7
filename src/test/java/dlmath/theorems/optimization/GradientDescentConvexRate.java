package dlmath.theorems.optimization;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.ConvexProblems;
import dlmath.gen.ConvexProblems.Problem;
import dlmath.gen.ConvexProblems.Quadratic;
import dlmath.optim.Optimizers;
import org.junit.jupiter.api.Tag;

/**
 * OPT-02 Gradient descent on a convex L-smooth function with step 1/L: f(x_k) - f* &lt;= L ||x_0 -
 * x*||^2 / (2k). Nesterov, Lectures on Convex Optimization, 2nd ed., Cor. 2.1.2 (Thm 2.1.14 with
 * h = 1/L); Bubeck, Convex Optimization: Algorithms and Complexity, Thm 3.3; Beck, First-Order
 * Methods in Optimization, Thm 10.21. Page: theorems/optimization/OPT-02-gradient-descent-convex-rate.md.
 */
@Theorem(id = "OPT-02", name = "Gradient descent rate for convex smooth functions",
        statement = "GD with step 1/L on convex L-smooth f: f(x_k) - f* <= L ||x_0 - x*||^2 / (2k)")
@Tag("optimization")
class GradientDescentConvexRate {

    static final int K = 60;

    static final Gen<Problem> CONVEX = Gens.oneOf(ConvexProblems.quadratics(50, 1e6, true),
            ConvexProblems.quadratics(50, 1e6, false), ConvexProblems.huber(30));

    /**
     * Checked at every k = 1..60. Allowance: the computed iterate stays within e_k = sum_{j&lt;k}
     * delta_j of the exact one (GD with step 1/L is nonexpansive), so the gap may exceed the bound
     * by moving it e_k: (sqrt(bound) + sqrt(L/2) e_k)^2, plus the rounding of the computed gap.
     */
    @Property(tries = 100)
    void suboptimalityIsAtMostLR2Over2k(Check check) {
        check.forAll(CONVEX.as("problem"), p -> {
            double l = p instanceof Quadratic q ? Opt.smoothness(q) : p.smoothness();
            double r = ConvexProblems.norm(ConvexProblems.sub(p.x0(), p.xStar()));
            double xs = ConvexProblems.norm(p.xStar());
            double[][] xk = Opt.iterates(Optimizers.sgd(1 / p.smoothness()), p, K);
            check.label(p.getClass().getSimpleName() + (p.mu() > 0 ? ", strongly convex" : ", mu = 0"));
            double e = 0;
            double worst = 0;
            double[][] curve = new double[3][K]; // k, f(x_k) - f*, the bound: for the report's figure
            for (int k = 1; k <= K; k++) {
                e += Opt.stepRounding(p.dim(), xs, r + e) + r * (l - p.smoothness()) / p.smoothness();
                double bound = l * r * r / (2 * k);
                double gap = p.gap(xk[k]);
                curve[0][k - 1] = k;
                curve[1][k - 1] = gap;
                curve[2][k - 1] = bound;
                if (bound > 0) {
                    worst = Math.max(worst, gap / bound);
                }
                Claims.atMost("f(x_" + k + ") - f* <= L ||x_0 - x*||^2 / (2 k)", gap,
                        Opt.moved(bound, l, e) + p.gapError(xk[k]) + Opt.underflow(1e4));
            }
            check.note("max_k (f(x_k) - f*) / bound", worst);
            check.target(worst, "(f(x_k) - f*) / (L R^2 / 2k)");
            check.plot("Gradient descent, step 1/L: suboptimality and its bound (the sharpest try)").logLog()
                    .axes("k", "f(x_k) - f*").line("f(x_k) - f*, " + p.getClass().getSimpleName(), curve[0], curve[1])
                    .reference("L ||x_0 - x*||^2 / (2k)", curve[0], curve[2]).rank(worst);
        });
    }

    /**
     * Drop the step-size hypothesis (step 1/L): with step 2/L on a quadratic started along the
     * top eigenvector, x_k - x* = (-1)^k (x_0 - x*) and the gap never decreases.
     */
    @Counterexample
    void failsWithStepTwoOverL(Check check) {
        check.forAll(ConvexProblems.quadratics(5, 100, true).as("problem"), p -> {
            double l = p.smoothness();
            double r = ConvexProblems.norm(ConvexProblems.sub(p.x0(), p.xStar()));
            double[][] xk = Opt.iterates(Optimizers.sgd(2 / l), p, K);
            Claims.atMost("f(x_K) - f* <= L ||x_0 - x*||^2 / (2K) with step 2/L", p.gap(xk[K]),
                    Opt.moved(l * r * r / (2 * K), l, K * Opt.stepRounding(p.dim(), ConvexProblems.norm(p.xStar()), 2 * r))
                            + p.gapError(xk[K]));
        });
    }
}
