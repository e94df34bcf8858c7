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
 * OPT-06 The heavy ball with Polyak's parameters alpha = 4 / (sqrt L + sqrt mu)^2, beta =
 * ((sqrt kappa - 1)/(sqrt kappa + 1))^2 on a mu-strongly convex quadratic: every 2x2 block of the
 * iteration has both eigenvalues of modulus r = (sqrt kappa - 1)/(sqrt kappa + 1), and
 * ||x_k - x*|| &lt;= (1 + 2k) r^k ||x_0 - x*||. Polyak, Some methods of speeding up the convergence of
 * iteration methods, USSR Comput. Math. Math. Phys. 4(5) 1964, Thm 9; Polyak, Introduction to
 * Optimization 1987, Sec. 3.2.1, Thm 1; Recht's lecture notes (CS726, 2012) for the 2x2 analysis.
 * Page: theorems/optimization/OPT-06-heavy-ball-rate.md.
 */
@Theorem(id = "OPT-06", name = "Heavy ball rate with Polyak's parameters",
        statement = "Heavy ball with alpha = 4/(sqrt L + sqrt mu)^2, beta = r^2, r = (sqrt kappa - 1)/(sqrt kappa + 1), "
                + "on strongly convex quadratics: ||x_k - x*|| <= (1 + 2k) r^k ||x_0 - x*||")
@Tag("optimization")
class HeavyBallRate {

    static final int K = 80;

    /**
     * Per eigen-direction e_{k+1} = (1 + beta - alpha lambda) e_k - beta e_{k-1}, e_{-1} = e_0 (PyTorch's
     * first step b_1 = g_1); complex roots r e^{+-i theta} give e_k = r^k (e_0 cos k theta + c sin k
     * theta / sin theta) with |c| = |1 - alpha lambda - beta| / (2r) |e_0| &lt;= 2 |e_0| and |sin k theta
     * / sin theta| &lt;= k. Rounding: 5 (k+1)^2 delta at distance (1 + 2k) R (Opt). The spectrum used
     * is the prescribed one widened by the rounding of A; alpha and beta from the prescribed mu, L.
     */
    @Property(tries = 100)
    void convergesAtTheSpectralRadius(Check check) {
        check.forAll(ConvexProblems.quadratics(40, 1e6, false).as("problem"), p -> {
            double l = p.smoothness();
            double mu = p.mu();
            double sk = Math.sqrt(l / mu);
            double r = (sk - 1) / (sk + 1);
            double alpha = 4 / ((Math.sqrt(l) + Math.sqrt(mu)) * (Math.sqrt(l) + Math.sqrt(mu)));
            double beta = r * r;
            // the widened spectrum [mu', L'] can push a block's roots off the circle |z| = r by at most
            // alpha * slack / (2 r) ... bounded here by the first-order perturbation of the roots:
            double slack = Opt.spectralSlack(p) * alpha;
            double rr = Math.min(1, r + Math.sqrt(slack));
            double dist0 = p.distance();
            double xs = ConvexProblems.norm(p.xStar());
            double[][] xk = Opt.iterates(Optimizers.sgd(alpha, beta), p, K);
            double worst = 0;
            double[][] curve = new double[4][K]; // k, ||x_k - x*||, the bound, f(x_k) - f*: for the report's figure
            for (int k = 1; k <= K; k++) {
                double dist = ConvexProblems.norm(ConvexProblems.sub(xk[k], p.xStar()));
                double bound = (1 + 2.0 * k) * Math.pow(rr, k) * dist0;
                curve[0][k - 1] = k;
                curve[1][k - 1] = dist;
                curve[2][k - 1] = bound;
                curve[3][k - 1] = p.gap(xk[k]);
                double e = 5.0 * (k + 1) * (k + 1) * Opt.stepRounding(p.dim(), xs, (1 + 2.0 * k) * dist0);
                if (bound > 1e6 * e) {
                    worst = Math.max(worst, dist / bound);
                }
                Claims.atMost("||x_" + k + " - x*|| <= (1 + 2k) r^k ||x_0 - x*||, r = " + r, dist, bound + e);
            }
            check.target(worst, "||x_k - x*|| / ((1 + 2k) r^k R)");
            check.plot("Heavy ball, Polyak's parameters: distance to x* and its bound, with f(x_k) - f* (the try that"
                    + " converged furthest)")
                    .logY().axes("k", "||x_k - x*||,  f(x_k) - f*").line("||x_k - x*||", curve[0], curve[1])
                    .reference("(1 + 2k) r^k ||x_0 - x*||", curve[0], curve[2])
                    .line("f(x_k) - f* (not claimed)", curve[0], curve[3]).rank(dist0 / Math.max(curve[1][K - 1], Double.MIN_VALUE));
        });
    }

    /**
     * Drop the strong convexity (use Polyak's parameters for a claimed mu while the quadratic's
     * smallest eigenvalue is 0): the zero-curvature component never moves, so no linear rate.
     */
    @Counterexample
    void failsWithoutStrongConvexity(Check check) {
        check.forAll(ConvexProblems.quadratics(5, 100, true).filter(q -> q.dim() >= 2 && q.mu() == 0).as("problem"), p -> {
            double l = p.smoothness();
            double mu = l / 100; // the claimed modulus
            double sk = Math.sqrt(l / mu);
            double r = (sk - 1) / (sk + 1);
            double alpha = 4 / ((Math.sqrt(l) + Math.sqrt(mu)) * (Math.sqrt(l) + Math.sqrt(mu)));
            double[][] xk = Opt.iterates(Optimizers.sgd(alpha, r * r), p, K);
            Claims.atMost("||x_K - x*|| <= (1 + 2K) r^K ||x_0 - x*||", ConvexProblems.norm(ConvexProblems.sub(xk[K],
                    p.xStar())), (1 + 2.0 * K) * Math.pow(r, K) * p.distance() + 1e-9 * p.distance());
        });
    }
}
