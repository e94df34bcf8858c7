package dlmath.theorems.probability;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.ProbGens;
import dlmath.prob.Beta;
import dlmath.prob.Gamma;
import dlmath.prob.Quadrature;
import dlmath.prob.Special;
import dlmath.prob.UnivariateDistribution;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;

/**
 * PI-10 Jensen's inequality for the implemented distributions: E f(X) &gt;= f(E X) for convex f, with
 * E f(X) by quadrature or exact summation, and in closed form for E ln X of the gamma and beta
 * families (a digamma inequality). Durrett, Probability: Theory and Examples, 5th ed., Thm 1.6.2.
 * Page: theorems/probability/PI-10-jensen-for-distributions.md.
 */
@Theorem(id = "PI-10", name = "Jensen's inequality for distributions",
        statement = "E f(X) >= f(E X) for convex f and X from each implemented family; in particular "
                + "E ln X <= ln E X, i.e. psi(a) <= ln a")
@Tag("probability")
class JensenForDistributions {

    /** A function of x built for a distribution d (scaled by d's mean m and sd s), with its derivative. */
    record Fn(String name, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A named recipe: the function for d, or null when it is undefined on d's support or d is a point mass. */
    record Family(String name, java.util.function.Function<UnivariateDistribution, Fn> make) {
        Fn of(UnivariateDistribution d) {
            return make.apply(d);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /**
     * Convex functions: x^2; exp(z / 4) and softplus(z) with z = (x - m) / s (E exp(X / (4 s)) is
     * finite for every family here: the rates of the exponential tails exceed 1 / (4 s)); x ln x and
     * -ln x on supports inside [0, infinity) (-ln x for densities only, as a mass at 0 makes it infinite).
     */
    static final List<Family> CONVEX = List.of(
            new Family("x^2", d -> new Fn("x^2", x -> x * x, x -> 2 * x)),
            new Family("exp((x - m) / (4 s))", d -> {
                double m = d.mean();
                double s = d.stddev();
                return s == 0 ? null : new Fn("exp((x - m) / (4 s))", x -> Math.exp((x - m) / (4 * s)),
                        x -> Math.exp((x - m) / (4 * s)) / (4 * s));
            }),
            new Family("softplus((x - m) / s)", d -> {
                double m = d.mean();
                double s = d.stddev();
                return s == 0 ? null : new Fn("softplus((x - m) / s)", x -> softplus((x - m) / s),
                        x -> 1 / (1 + Math.exp(-(x - m) / s)) / s);
            }),
            new Family("x ln x", d -> d.supportLow() < 0 ? null : new Fn("x ln x",
                    x -> x == 0 ? 0 : x * Math.log(x), x -> x == 0 ? 0 : Math.log(x) + 1)),
            new Family("-ln x", d -> d.supportLow() < 0 || d.isDiscrete() ? null
                    : new Fn("-ln x", x -> -Math.log(x), x -> -1 / x)));

    /**
     * E f(X) &gt;= f(E X) - tol, tol = the quadrature's error estimate + C E[(S_d(X) + 2) |f(X)|] (the
     * integrand p f, with the log density's rounding turned into a relative error of p; integrated
     * with a break at 1, where |x ln x| and |ln x| have a kink) +
     * C (|f(m)| + |f'(m)| (|m| + s)) for f at the computed mean. target() climbs f(E X) / E f(X).
     */
    @Property(tries = 300)
    void convexFunctionsSatisfyJensen(Check check) {
        check.forAll(ProbGens.univariate().as("X"), Gens.elements(CONVEX).as("f"), (d, family) -> {
            Fn fn = family.of(d);
            if (fn == null) {
                check.label("f not applicable");
                return;
            }
            check.label(fn.name());
            double m = d.mean();
            double s = d.stddev();
            Quadrature.Result ef = Quadrature.expectation(d, fn.f());
            double fm = fn.f().applyAsDouble(m);
            double tol = ef.error() + Bounds.C * Bounds.expect(d, x -> (Bounds.logProbScale(d, x) + 2)
                    * Math.abs(fn.f().applyAsDouble(x)), Bounds.concat(Bounds.scaleKinks(d), new double[] {1})).value()
                    + Bounds.C * (Math.abs(fm) + Math.abs(fn.df().applyAsDouble(m)) * (Math.abs(m) + s));
            check.note("E f(X)", ef.value());
            check.note("f(E X)", fm);
            if (ef.value() > 0 && fm > 0) {
                check.target(fm / ef.value(), "f(E X) / E f(X) (sharp at 1 as Var X -> 0)");
            }
            Claims.atLeast("E f(X) >= f(E X)", ef.value(), fm - tol);
        });
    }

    /**
     * Closed forms: E ln X = psi(a) - ln(rate) for Gamma(a, rate) and psi(a) - psi(a + b) for Beta(a, b).
     * Jensen for the concave ln gives psi(a) &lt;= ln a and psi(a) - psi(a+b) &lt;= ln(a / (a+b)); the
     * closed forms are also checked against quadrature of ln x. The digamma values are within
     * C dg(.) (Bounds). target() climbs psi(a) - ln a toward 0 (a -&gt; infinity).
     */
    @Property(tries = 200)
    void logMeanBoundsTheMeanLog(Check check) {
        check.forAll(Gens.oneOf(ProbGens.gammas(), ProbGens.quadratureBetas()).as("X"), d -> {
            double closed;
            double bound;
            double tol;
            if (d instanceof Gamma g) {
                double a = g.concentration();
                closed = Special.digamma(a) - Math.log(g.rate());
                bound = Math.log(d.mean());
                tol = Bounds.C * (Bounds.dg(a) + Math.abs(Math.log(g.rate())) + Math.abs(Math.log(a)));
                check.target(Special.digamma(a) - Math.log(a), "psi(a) - ln a (sharp at 0)");
            } else {
                Beta b = (Beta) d;
                double a = b.concentration1();
                double c = a + b.concentration0();
                closed = Special.digamma(a) - Special.digamma(c);
                bound = Math.log(a / c);
                tol = Bounds.C * (Bounds.dg(a) + Bounds.dg(c) + Math.abs(bound));
            }
            Quadrature.Result q = Quadrature.expectation(d, Math::log);
            check.label(d.getClass().getSimpleName());
            Claims.close("closed form E ln X = quadrature", closed, q.value(), tol + q.error()
                    + Bounds.integrandRounding(d, null) * (1 + Math.abs(q.value())));
            Claims.atMost("E ln X <= ln E X", closed, bound + tol);
        });
    }

    /** Necessity of convexity: f(x) = x^3 is not convex, and E X^3 &lt; (E X)^3 for some distribution. */
    @Counterexample
    void failsWithoutConvexity(Check check) {
        check.forAll(ProbGens.univariate().as("X"), d -> {
            double m = d.mean();
            Quadrature.Result e = Quadrature.expectation(d, x -> x * x * x);
            // the reported (validated) estimate, the integrand's rounding C E[(S + 2) |X|^3] (hypot(x, sd)^3 a smooth
            // majorant of |x|^3) and the rounding of m^3 (2 products, from a mean off by C times its magnitude)
            double s = d.stddev();
            double rounding = Bounds.C * Bounds.expect(d, x -> (Bounds.logProbScale(d, x) + 2) * Math.pow(Math.hypot(x, s), 3),
                    Bounds.scaleKinks(d)).value() + 4 * Bounds.C * Math.abs(m * m * m);
            Claims.atLeast("E X^3 >= (E X)^3", e.value(), m * m * m - e.error() - rounding);
        });
    }
}
