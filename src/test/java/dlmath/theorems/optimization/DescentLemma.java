package dlmath.theorems.optimization;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.ConvexProblems;
import dlmath.gen.ConvexProblems.Problem;
import dlmath.optim.Optimizers;
import org.junit.jupiter.api.Tag;

/**
 * OPT-01 The descent lemma: for L-smooth f, one gradient step with step 1/L decreases f by at
 * least ||grad f(x)||^2 / (2L). Nesterov, Lectures on Convex Optimization, 2nd ed., Springer 2018,
 * Thm 2.1.5 and eq. (2.2.19); Beck, First-Order Methods in Optimization, SIAM 2017, Lemma 5.7 and
 * Lemma 10.4. Page: theorems/optimization/OPT-01-descent-lemma.md.
 */
@Theorem(id = "OPT-01", name = "Descent lemma",
        statement = "f(x - grad f(x)/L) <= f(x) - ||grad f(x)||^2 / (2L) for L-smooth f")
@Tag("optimization")
class DescentLemma {

    static final dlmath.check.Gen<Problem> SMOOTH = Gens.oneOf(
            ConvexProblems.quadratics(50, 1e6, false), ConvexProblems.quadratics(50, 1e6, true),
            ConvexProblems.leastSquares(20, true), ConvexProblems.logistic(10), ConvexProblems.huber(20));

    /**
     * One step of Optimizers.sgd(1/L) from the problem's start x: f(x+) &lt;= f(x) - ||g||^2/(2L) + tol.
     * With the computed gradient g^ (error e_g = gradError) the exact lemma reads f(x - g^/L) &lt;= f(x)
     * - ||g^||^2/(2L) + e_g ||g^|| / L; the computed step errs by d = gamma_3 (||x|| + ||g^|| / L),
     * which moves f by at most (||g^|| + e_g + L d) d + L d^2 / 2 (||grad f(x+)|| &lt;= ||grad f(x)||
     * for convex f); both gaps are computed within their gapError.
     */
    @Property(tries = 150)
    void gradientStepDecreasesByTheSquaredGradientOver2L(Check check) {
        check.forAll(SMOOTH.as("problem"), p -> {
            double[] x = p.x0();
            double l = p instanceof ConvexProblems.Quadratic q ? Opt.smoothness(q) : p.smoothness();
            double[] g = p.grad(x);
            double gn = ConvexProblems.norm(g);
            double[] next = Opt.iterates(Optimizers.sgd(1 / p.smoothness()), p, 1)[1];
            double before = p.gap(x);
            double after = p.gap(next);
            double eg = p.gradError(x);
            double d = Tol.gamma(3) * (ConvexProblems.norm(x) + gn / l) + gn * (l - p.smoothness()) / (l * p.smoothness());
            double tol = p.gapError(x) + p.gapError(next) + eg * gn / l + (gn + eg + l * d) * d + l * d * d / 2
                    + Opt.underflow(100);
            double promised = gn * gn / (2 * l);
            check.label(p.getClass().getSimpleName());
            check.note("f(x) - f*", before);
            check.note("f(x+) - f*", after);
            check.note("||g||^2 / (2L)", promised);
            if (before - after > 0 && promised > 1e3 * tol) {
                check.target(promised / (before - after), "guaranteed / actual decrease (sharp at 1)");
            }
            Claims.atMost("f(x - g/L) <= f(x) - ||g||^2 / (2L)", after, before - promised + tol);
        });
    }

    /**
     * Drop the hypothesis that L bounds the curvature: with L/4 in place of L (step 4/L), the
     * promised decrease ||g||^2 / (L/2) fails on quadratics.
     */
    @Counterexample
    void failsWhenLUnderestimatesTheCurvature(Check check) {
        check.forAll(ConvexProblems.quadratics(5, 100, false).as("problem"), p -> {
            double l = p.smoothness() / 4;
            double[] x = p.x0();
            double gn = ConvexProblems.norm(p.grad(x));
            double[] next = Opt.iterates(Optimizers.sgd(1 / l), p, 1)[1];
            Claims.atMost("f(x - g/L') <= f(x) - ||g||^2 / (2L') with L' = L/4", p.gap(next),
                    p.gap(x) - gn * gn / (2 * l) + p.gapError(x) + p.gapError(next));
        });
    }
}
