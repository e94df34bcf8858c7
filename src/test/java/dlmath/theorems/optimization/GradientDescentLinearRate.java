package dlmath.theorems.optimization;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.ConvexProblems;
import dlmath.gen.ConvexProblems.Quadratic;
import dlmath.optim.Optimizers;
import org.junit.jupiter.api.Tag;

/**
 * OPT-03 Gradient descent on a mu-strongly convex L-smooth function converges linearly:
 * f(x_k) - f* &lt;= (1 - mu/L)^k (f(x_0) - f*) with step 1/L, and ||x_k - x*|| &lt;= ((kappa - 1) /
 * (kappa + 1))^k ||x_0 - x*|| with step 2/(mu + L). Nesterov, Lectures on Convex Optimization, 2nd ed.,
 * Thm 2.1.15; Karimi, Nutini, Schmidt (ECML 2016) Thm 1 for the first; Bubeck, Thm 3.10 and 3.12.
 * Page: theorems/optimization/OPT-03-gradient-descent-linear-rate.md.
 */
@Theorem(id = "OPT-03", name = "Linear convergence under strong convexity",
        statement = "GD, mu-strongly convex L-smooth f: f(x_k) - f* <= (1 - mu/L)^k (f(x_0) - f*) with step 1/L; "
                + "||x_k - x*|| <= ((kappa-1)/(kappa+1))^k ||x_0 - x*|| with step 2/(mu+L)")
@Tag("optimization")
class GradientDescentLinearRate {

    static final int K = 80;

    /** Step 1/L; at every k, with the allowance of OPT-02 (the iteration is a contraction, so nonexpansive). */
    @Property(tries = 100)
    void gapContractsByOneMinusMuOverL(Check check) {
        check.forAll(ConvexProblems.quadratics(50, 1e6, false).as("problem"), p -> {
            double l = Opt.smoothness(p);
            double mu = Opt.strongConvexity(p);
            double r = p.distance();
            double xs = ConvexProblems.norm(p.xStar());
            double gap0 = p.gap(p.x0()) + p.gapError(p.x0());
            double[][] xk = Opt.iterates(Optimizers.sgd(1 / p.smoothness()), p, K);
            check.collect("kappa <= 1e" + (int) Math.ceil(Math.log10(Math.max(1, p.smoothness() / p.mu()))));
            double e = 0;
            double worst = 0;
            for (int k = 1; k <= K; k++) {
                e += Opt.stepRounding(p.dim(), xs, r + e) + r * (l - p.smoothness()) / p.smoothness();
                double bound = Math.pow(1 - mu / l, k) * gap0;
                double gap = p.gap(xk[k]);
                if (bound > 1e6 * (p.gapError(xk[k]) + Opt.moved(0, l, e))) {
                    worst = Math.max(worst, gap / bound);
                }
                Claims.atMost("f(x_" + k + ") - f* <= (1 - mu/L)^" + k + " (f(x_0) - f*)", gap,
                        Opt.moved(bound, l, e) + p.gapError(xk[k]) + Opt.underflow(1e4));
            }
            check.target(worst, "(f(x_k) - f*) / ((1 - mu/L)^k (f(x_0) - f*))");
        });
    }

    /**
     * Step 2/(mu + L): the distance contracts by (kappa - 1)/(kappa + 1) per step; the computed
     * iterate stays within e_k = sum delta_j of the exact one.
     */
    @Property(tries = 100)
    void distanceContractsByKappaMinusOneOverKappaPlusOne(Check check) {
        check.forAll(ConvexProblems.quadratics(50, 1e6, false).as("problem"), p -> {
            double l = Opt.smoothness(p);
            double mu = Opt.strongConvexity(p);
            double step = 2 / (p.mu() + p.smoothness());
            // with the perturbed spectrum [mu', L'] the contraction is max |1 - step lambda| over it
            double q = Math.max(Math.abs(1 - step * mu), Math.abs(1 - step * l));
            double r = p.distance();
            double xs = ConvexProblems.norm(p.xStar());
            double[][] xk = Opt.iterates(Optimizers.sgd(step), p, K);
            double e = 0;
            double worst = 0;
            for (int k = 1; k <= K; k++) {
                e += Opt.stepRounding(p.dim(), xs, r + e);
                double bound = Math.pow(q, k) * r;
                double dist = ConvexProblems.norm(ConvexProblems.sub(xk[k], p.xStar()));
                double tol = e + dlmath.check.Tol.gamma(p.dim() + 2) * (dist + xs);
                if (bound > 1e6 * tol) {
                    worst = Math.max(worst, dist / bound);
                }
                Claims.atMost("||x_" + k + " - x*|| <= ((kappa-1)/(kappa+1))^" + k + " ||x_0 - x*||", dist, bound + tol);
            }
            check.target(worst, "||x_k - x*|| / (((kappa-1)/(kappa+1))^k R)");
        });
    }

    /**
     * Drop strong convexity: the Huber function in 1-d (w = 1, curvature 1 at its minimum, so
     * "mu = 1" locally, L = 1) is not strongly convex; from a start beyond delta, GD with step 1
     * moves by delta per step, so f(x_1) - f* &gt; 0 = (1 - mu/L) (f(x_0) - f*).
     */
    @Counterexample
    void failsWithoutStrongConvexity(Check check) {
        check.forAll(ConvexProblems.huber(1).as("problem"), p -> {
            double mu = p.w()[0]; // the curvature at the minimum, taken for a modulus of strong convexity
            double l = p.smoothness();
            double[][] xk = Opt.iterates(Optimizers.sgd(1 / l), p, 5);
            Claims.atMost("f(x_5) - f* <= (1 - mu/L)^5 (f(x_0) - f*) with mu the curvature at x*", p.gap(xk[5]),
                    Math.pow(1 - mu / l, 5) * p.gap(p.x0()) + p.gapError(xk[5]) + p.gapError(p.x0()));
        });
    }
}
