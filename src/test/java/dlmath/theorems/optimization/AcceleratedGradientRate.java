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
import dlmath.optim.Optimizer;
import dlmath.optim.Optimizers;
import dlmath.optim.State;
import dlmath.optim.Step;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * OPT-05 Nesterov's accelerated gradient method in Beck and Teboulle's form (FISTA, no prox) with
 * step 1/L on a convex L-smooth function: f(x_k) - f* &lt;= 2 L ||x_0 - x*||^2 / (k + 1)^2. Beck and
 * Teboulle, SIAM J. Imaging Sci. 2 (2009), Thm 4.4; Beck, First-Order Methods in Optimization, Thm
 * 10.34; Nesterov, Lectures on Convex Optimization, 2nd ed., Thm 2.2.2. Page:
 * theorems/optimization/OPT-05-accelerated-gradient-rate.md.
 */
@Theorem(id = "OPT-05", name = "Accelerated gradient rate",
        statement = "FISTA / Nesterov with step 1/L on convex L-smooth f: f(x_k) - f* <= 2 L ||x_0 - x*||^2 / (k+1)^2")
@Tag("optimization")
class AcceleratedGradientRate {

    static final int K = 60;

    static final Gen<Problem> CONVEX = Gens.oneOf(ConvexProblems.quadratics(50, 1e6, true),
            ConvexProblems.quadratics(50, 1e6, false), ConvexProblems.huber(30));

    /** The iterates x_k (in the state; the parameters are the extrapolated y_k). */
    static double[][] fista(double step, Problem p, int k) {
        Optimizer opt = Optimizers.fista(step);
        Tensor[] y = Opt.params(p.x0());
        State s = opt.init(y);
        double[][] xs = new double[k + 1][];
        xs[0] = p.x0();
        for (int i = 1; i <= k; i++) {
            Step st = opt.update(Opt.params(p.grad(Opt.vec(y))), s, y);
            y = Optimizer.apply(y, st.updates());
            s = st.state();
            xs[i] = ((State.Fista) s).x()[0].toArray();
        }
        return xs;
    }

    /**
     * At every k = 1..60. Allowance: the FISTA iterates stay within R of x* and the y_k within 3R;
     * a perturbation of one step is amplified at most 5 (k + 1) times (the momentum blocks have
     * spectral radius &lt;= 1; Opt), so e_k = 5 (k + 1)^2 delta(3R).
     */
    @Property(tries = 100)
    void suboptimalityIsAtMost2LR2OverKPlusOneSquared(Check check) {
        check.forAll(CONVEX.as("problem"), p -> {
            double l = p instanceof Quadratic q ? Opt.smoothness(q) : p.smoothness();
            double r = ConvexProblems.norm(ConvexProblems.sub(p.x0(), p.xStar()));
            double xs = ConvexProblems.norm(p.xStar());
            double[][] xk = fista(1 / p.smoothness(), p, K);
            check.label(p.getClass().getSimpleName());
            double worst = 0;
            double[][] curve = new double[3][K]; // k, f(x_k) - f*, the bound: for the report's figure
            for (int k = 1; k <= K; k++) {
                double e = 5.0 * (k + 1) * (k + 1) * (Opt.stepRounding(p.dim(), xs, 4 * r)
                        + 3 * r * (l - p.smoothness()) / p.smoothness());
                double bound = 2 * l * r * r / ((k + 1.0) * (k + 1));
                double gap = p.gap(xk[k]);
                curve[0][k - 1] = k;
                curve[1][k - 1] = gap;
                curve[2][k - 1] = bound;
                if (bound > 0) {
                    worst = Math.max(worst, gap / bound);
                }
                Claims.atMost("f(x_" + k + ") - f* <= 2 L ||x_0 - x*||^2 / (k+1)^2", gap,
                        Opt.moved(bound, l, e) + p.gapError(xk[k]) + Opt.underflow(1e5));
            }
            check.target(worst, "(f(x_k) - f*) / (2 L R^2 / (k+1)^2)");
            check.plot("Nesterov / FISTA, step 1/L: suboptimality and its bound (the sharpest try)").logLog()
                    .axes("k", "f(x_k) - f*").line("f(x_k) - f*, " + p.getClass().getSimpleName(), curve[0], curve[1])
                    .reference("2 L ||x_0 - x*||^2 / (k+1)^2", curve[0], curve[2]).rank(worst);
        });
    }

    /**
     * Drop the step hypothesis (1/L): with step 2/L the extrapolation amplifies the top eigen
     * component (roots -1 +- sqrt 2 as t_k grows), and the bound fails.
     */
    @Counterexample
    void failsWithStepTwoOverL(Check check) {
        check.forAll(ConvexProblems.quadratics(5, 100, true).as("problem"), p -> {
            double l = p.smoothness();
            double r = p.distance();
            double[][] xk = fista(2 / l, p, K);
            Claims.atMost("f(x_K) - f* <= 2 L ||x_0 - x*||^2 / (K+1)^2 with step 2/L", p.gap(xk[K]),
                    2 * l * r * r / ((K + 1.0) * (K + 1)) + p.gapError(xk[K]));
        });
    }
}
