package dlmath.theorems.optimization;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.ConvexProblems;
import dlmath.gen.ConvexProblems.Problem;
import dlmath.optim.LineSearch;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * OPT-15 Backtracking with the Armijo condition f(x - t g) &lt;= f(x) - c t ||g||^2 terminates, the
 * accepted step gives that sufficient decrease, and for L-smooth f every t &lt;= 2(1 - c)/L
 * satisfies the condition, so the accepted step is at least min(t0, 2 beta (1 - c) / L); checked in
 * floating point at half that threshold, min(t0, beta (1 - c) / L), after at most
 * 1 + ceil(log_{1/beta}(t0 L / (1 - c))) trials. Nocedal and Wright, Numerical
 * Optimization, 2nd ed., Algorithm 3.1 and Lemma 3.1 (with eq. 3.6a); Beck, First-Order Methods in
 * Optimization, Lemma 10.13 (backtracking step lower bound). Page:
 * theorems/optimization/OPT-15-armijo-backtracking.md.
 */
@Theorem(id = "OPT-15", name = "Armijo backtracking",
        statement = "Backtracking terminates with f(x - t g) <= f(x) - c t ||g||^2; for L-smooth f the step is at least "
                + "min(t0, beta (1-c)/L)")
@Tag("optimization")
class ArmijoBacktracking {

    static final Gen<Problem> SMOOTH = Gens.oneOf(ConvexProblems.quadratics(30, 1e6, false),
            ConvexProblems.quadratics(30, 1e6, true), ConvexProblems.logistic(8), ConvexProblems.huber(20));

    /**
     * The decrease is re-checked on the test side (x - t g recomputed, gaps within gapError). The
     * step bound is claimed with c and t at the threshold 2(1 - c)/L shrunk by the rounding margin:
     * a trial t with t (1 - c - L t / 2) ||g||^2 above the rounding of both evaluations (2 e_f) is
     * always accepted, so the accepted step is at least beta times the largest such trial below
     * t0. Only when that margin exists at t = (1 - c)/L (label "rounding-limited" otherwise).
     */
    @Property(tries = 200)
    void terminatesWithSufficientDecreaseAndALongStep(Check check) {
        check.forAll(SMOOTH.as("problem"), Gens.tuples(ConvexProblems.logUniform(-3, 3), Gens.doubles(0.1, 0.9),
                Gens.doubles(1e-4, 0.9)).as("(t0 L, beta, c)"), (p, h) -> {
                    double l = p.smoothness() * (1 + 1e-12) + (p instanceof ConvexProblems.Quadratic q ? Opt.spectralSlack(q) : 0);
                    double t0 = h.first() / p.smoothness();
                    double beta = h.second();
                    double c = h.third();
                    double[] x = p.x0();
                    double[] g = p.grad(x);
                    double g2 = ConvexProblems.dot(g, g);
                    LineSearch.Result r = LineSearch.armijo(v -> p.gap(v.toArray()), Tensor.of(x), Tensor.of(g), t0, beta, c);
                    double t = r.step();
                    double[] next = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        next[i] = x[i] - t * g[i];
                    }
                    double ef = p.gapError(x) + p.gapError(next) + Opt.underflow(100);
                    Claims.atMost("f(x - t g) <= f(x) - c t ||g||^2", p.gap(next), p.gap(x) - c * t * g2 * (1 - Tol.gamma(x.length + 3)) + ef);
                    double threshold = (1 - c) / l;
                    double margin = threshold * (1 - c - l * threshold / 2) * g2;
                    double guaranteed = Math.min(t0, beta * threshold);
                    boolean clean = margin > 4 * (p.gapError(x) + p.gapError(ConvexProblems.sub(x, scaled(g, threshold))))
                            + 1e6 * Tol.U * (Math.abs(p.gap(x)) + g2 * threshold);
                    check.label(clean ? "step bound checked" : "rounding-limited");
                    if (clean && g2 > 0) {
                        check.target(guaranteed / t, "guaranteed / accepted step");
                        Claims.atLeast("accepted t >= min(t0, beta (1 - c)/L)", t, guaranteed * (1 - 4 * Tol.U));
                        double trials = 1 + Math.max(0, Math.ceil(Math.log(t0 / threshold) / Math.log(1 / beta)));
                        Claims.atMost("evaluations <= 2 + ceil(log_{1/beta}(t0 L / (1 - c)))", r.evaluations(), trials + 1);
                    }
                });
    }

    static double[] scaled(double[] g, double t) {
        double[] out = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = t * g[i];
        }
        return out;
    }

    /**
     * Drop L-smoothness: f(x) = |x| near 0 accepts only steps t &lt;= 2x / (1 + c)-ish, so no bound
     * beta (1 - c)/L with a fixed L = 1 holds.
     */
    @Counterexample
    void failsWithoutSmoothness(Check check) {
        check.forAll(Gens.doubles(1e-6, 1).as("x"), x -> {
            LineSearch.Result r = LineSearch.armijo(v -> Math.abs(v.get(0)), Tensor.of(x), Tensor.of(1.0), 1, 0.5, 0.5);
            Claims.atLeast("accepted t >= min(t0, beta (1 - c)/L) with L = 1", r.step(), 0.25);
        });
    }
}
