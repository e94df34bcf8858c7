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
 * OPT-04 On a quadratic with Hessian eigenvalues in [mu, L], gradient descent with step eta
 * contracts the distance to x* by rho = max(|1 - eta mu|, |1 - eta L|) per step; rho &lt; 1 iff
 * 0 &lt; eta &lt; 2/L (for mu &gt; 0), and a step above 2/L diverges. Nesterov, Lectures on Convex
 * Optimization, 2nd ed., Sec. 1.2.3 (eq. 1.2.23 and the example after Thm 1.2.4); Polyak,
 * Introduction to Optimization, 1987, Sec. 1.4, Thm 3. Page:
 * theorems/optimization/OPT-04-step-size-threshold.md.
 */
@Theorem(id = "OPT-04", name = "Step sizes below 2/L converge, above diverge",
        statement = "On quadratics with spectrum in [mu, L], GD with step eta: ||x_k - x*|| <= rho^k ||x_0 - x*||, "
                + "rho = max|1 - eta lambda| < 1 iff eta < 2/L; eta > 2/L diverges")
@Tag("optimization")
class StepSizeThreshold {

    static final int K = 50;

    /**
     * eta = c / L with c in (0, 2): at every k, ||x_k - x*|| &lt;= rho^k R + e_k, rho over the spectrum
     * widened by the rounding of A (Opt.spectralSlack); the map is nonexpansive, so e_k = sum delta_j.
     */
    @Property(tries = 100)
    void stepsBelowTwoOverLContract(Check check) {
        check.forAll(ConvexProblems.quadratics(30, 1e4, false).as("problem"),
                Gens.oneOf(Gens.doubles(0, 2).excludeMin().excludeMax(), Gens.doubles(1.9, 2).excludeMin().excludeMax())
                        .as("c = eta L"), (p, c) -> {
                    double eta = c / p.smoothness();
                    double lo = Opt.strongConvexity(p);
                    double hi = Opt.smoothness(p);
                    double rho = Math.max(Math.abs(1 - eta * lo), Math.abs(1 - eta * hi));
                    // half of the random tries draw from (1.9, 2): fewer than 5% of 50 tries is
                    // P(Bin(50, 1/2) < 3) < 1e-11
                    check.cover(5, c > 1.9, "eta L > 1.9");
                    double r = p.distance();
                    double xs = ConvexProblems.norm(p.xStar());
                    double[][] xk = Opt.iterates(Optimizers.sgd(eta), p, K);
                    double e = 0;
                    double worst = 0;
                    for (int k = 1; k <= K; k++) {
                        e += Opt.stepRounding(p.dim(), xs, r + e);
                        double dist = ConvexProblems.norm(ConvexProblems.sub(xk[k], p.xStar()));
                        double bound = Math.pow(Math.min(1, rho), k) * r;
                        if (bound > 1e6 * (e + Tol.gamma(p.dim() + 2) * (dist + xs))) {
                            worst = Math.max(worst, dist / bound);
                        }
                        Claims.atMost("||x_" + k + " - x*|| <= rho^" + k + " ||x_0 - x*||, rho = " + rho, dist,
                                bound + e + Tol.gamma(p.dim() + 2) * (dist + xs));
                    }
                    check.target(worst, "||x_k - x*|| / (rho^k R)");
                });
    }

    /**
     * Drop eta &lt; 2/L: the engine searches c = eta L in (0, 3) and finds a step above 2/L for which
     * the distance grows (from a start with a component along the top eigenvector).
     */
    @Counterexample
    void stepsAboveTwoOverLDiverge(Check check) {
        check.forAll(ConvexProblems.quadratics(5, 100, false).as("problem"), Gens.doubles(0, 3).as("c = eta L"),
                (p, c) -> {
                    double r = p.distance();
                    double[][] xk = Opt.iterates(Optimizers.sgd(c / p.smoothness()), p, K);
                    double dist = ConvexProblems.norm(ConvexProblems.sub(xk[K], p.xStar()));
                    Claims.atMost("||x_K - x*|| <= ||x_0 - x*|| (no divergence)", dist,
                            r + K * Opt.stepRounding(p.dim(), ConvexProblems.norm(p.xStar()), r));
                });
    }
}
