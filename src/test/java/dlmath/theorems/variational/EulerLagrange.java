package dlmath.theorems.variational;

import static dlmath.check.Tol.gamma;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Plot;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.variational.DiscreteFunctional;
import dlmath.variational.Potential;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;

/**
 * VAR-01 The discrete Euler-Lagrange equation. For J(y) = sum h (1/2 ((y_{i+1} - y_i)/h)^2) + sum h V(y_i)
 * with fixed ends, dJ/dy_i = h (-(y_{i+1} - 2 y_i + y_{i-1})/h^2 + V'(y_i)); gradient descent with step
 * 1/L reaches the discrete E-L solution at the rate (1 - mu/L)^k; for V = c y^2/2 (c &gt; 0) that solution
 * is within (l^2/96) c^2 max|y| h^2 of the continuum solution (sinh form), and the error ratio under
 * halving h lies in a window around 4 derived from the next term. Gelfand &amp; Fomin, Calculus of
 * Variations, Sec. 1.4 (Thm 1) and Sec. 1.7; LeVeque, Finite Difference Methods for Ordinary and Partial
 * Differential Equations, SIAM 2007, Sec. 2.4-2.6 and 2.10 (truncation error, maximum-principle stability).
 * Page: theorems/variational/VAR-01-euler-lagrange.md.
 */
@Theorem(id = "VAR-01", name = "Discrete Euler-Lagrange equation",
        statement = "grad J = h (-y'' + V'(y)) on the grid; GD on J reaches the E-L solution; error O(h^2)")
@Tag("variational")
class EulerLagrange {

    /** A potential with the test's own V' and a bound |V'(y)| &lt;= dvBound(|y|). */
    record Pot(Potential potential, DoubleUnaryOperator dv, DoubleUnaryOperator dvBound) {
        @Override
        public String toString() {
            return potential.toString();
        }
    }

    static final Gen<Pot> POTENTIALS = Gens.oneOf(
            Gens.constant(new Pot(Potential.zero(), y -> 0, y -> 0)),
            Gens.doubles(-5, 5).map(c -> new Pot(Potential.quadratic(c), y -> c * y, y -> Math.abs(c) * y)),
            Gens.constant(new Pot(Potential.quartic(), y -> y * y * y, y -> y * y * y)),
            Gens.constant(new Pot(Potential.pendulum(), Math::sin, y -> 1)));

    record Case(DiscreteFunctional j, Pot pot, double[] y) {
        @Override
        public String toString() {
            return j + ", " + pot + ", y = " + java.util.Arrays.toString(y);
        }
    }

    static final Gen<Case> CASES = s -> {
        double a = s.draw(Gens.doubles(-2, 2));
        double len = s.draw(Gens.doubles(0.25, 4));
        int n = s.draw(Gens.integers(2, 40));
        double ya = s.draw(Gens.doubles(-3, 3));
        double yb = s.draw(Gens.doubles(-3, 3));
        Pot pot = s.draw(POTENTIALS);
        double[] y = s.draw(Gens.doubleArrays(Gens.doubles(-3, 3), n - 1, n - 1));
        return new Case(new DiscreteFunctional(a, a + len, ya, yb, n, pot.potential()), pot, y);
    };

    /**
     * dJ/dy_i (reverse-mode autodiff of J) = h r_i, with r_i the test's own loop over the grid and its own V'.
     * Tolerance: both sides form the differences (y_{i+1} - y_i)/h and h V'(y_i) with at most 10 roundings
     * each (Higham Lemma 3.1), so they differ by at most gamma_10 ((|y_{i-1}| + 2|y_i| + |y_{i+1}|)/h
     * + h |V'|-bound(|y_i|)) each; twice that.
     */
    @Property(tries = 150)
    void gradientIsHTimesTheEulerLagrangeResidual(Check check) {
        check.forAll(CASES.as("case"), c -> {
            DiscreteFunctional j = c.j();
            double h = j.h();
            double[] f = j.withEnds(c.y());
            double[] g = j.gradient(c.y());
            double[] r = j.residual(c.y());
            check.label(c.pot().potential().name().contains("y^2/2") ? "quadratic" : c.pot().potential().name());
            for (int i = 1; i < j.intervals(); i++) {
                double naive = h * (-(f[i + 1] - 2 * f[i] + f[i - 1]) / (h * h) + c.pot().dv().applyAsDouble(f[i]));
                double scale = (Math.abs(f[i - 1]) + 2 * Math.abs(f[i]) + Math.abs(f[i + 1])) / h
                        + h * c.pot().dvBound().applyAsDouble(Math.abs(f[i]));
                Claims.close("dJ/dy_" + i + " (autodiff) = h r_i (naive loop)", g[i - 1], naive, 2 * gamma(10) * scale);
                Claims.close("h r_" + i + " (residual) = h r_i (naive loop)", h * r[i - 1], naive, 2 * gamma(10) * scale);
            }
        });
    }

    /** V = c y^2/2 with c in [0, 4] on [0, l], the ends in [-3, 3] with |ya| + |yb| &gt;= 1/2. */
    record Linear(double len, double c, double ya, double yb, int n) {
        DiscreteFunctional functional(int intervals) {
            return new DiscreteFunctional(0, len, ya, yb, intervals, Potential.quadratic(c));
        }
    }

    static Gen<Linear> linear(double cMin, double cMax, int nMin, int nMax) {
        return s -> {
            double len = s.draw(Gens.doubles(0.5, 2));
            double c = s.draw(Gens.oneOf(Gens.constant(0.0), Gens.doubles(cMin, cMax)));
            double ya = s.draw(Gens.doubles(-3, 3));
            double yb = s.draw(Gens.doubles(-3, 3));
            int n = s.draw(Gens.integers(nMin, nMax));
            return new Linear(len, c, ya, yb, n);
        };
    }

    /**
     * GD with step 1/L, L = 4/h + c h (&gt;= the largest Hessian eigenvalue (4/h) sin^2(pi (n-1)/(2n)) + c h),
     * from y = 0 reaches the discrete E-L solution Y (closed form, {@link Vt#discreteSolution}) at the
     * rate ||y_k - Y|| &lt;= (1 - mu/L)^k ||y_0 - Y||, mu = (4/h) sin^2(pi/(2n)) + c h the smallest eigenvalue.
     * Rounding: each step is a nonexpansive map plus an error of at most gamma_12 (2 M) per entry,
     * M = max|Y| + ||y_0 - Y|| bounding every iterate, so k gamma_12 2 M sqrt(n-1) in all.
     */
    @Property(tries = 40)
    void gradientDescentReachesTheSolution(Check check) {
        check.forAll(linear(0.05, 4, 2, 24).as("problem"), p -> {
            DiscreteFunctional j = p.functional(p.n());
            double h = j.h();
            double l = 4 / h + p.c() * h;
            double mu = 4 / h * Math.pow(Math.sin(Math.PI / (2 * p.n())), 2) + p.c() * h;
            double[] exact = Vt.discreteSolution(p.len(), p.c(), p.ya(), p.yb(), p.n());
            double r0 = Vt.norm(exact);
            int steps = 400;
            double[] y = j.gradientDescent(new double[p.n() - 1], 1 / l, steps);
            double m = Vt.maxAbs(exact) + r0;
            double bound = Math.pow(1 - mu / l, steps) * r0 + steps * gamma(12) * 2 * m * Math.sqrt(p.n() - 1);
            check.label(p.c() == 0 ? "V = 0 (straight line)" : "V = c y^2/2");
            Claims.atMost("||y_k - Y|| <= (1 - mu/L)^k ||y_0 - Y|| + rounding", Vt.norm(Vt.sub(y, exact)), bound);
        });
    }

    /**
     * The E-L solution reached by GD is within the maximum-principle bound (l^2/8) (h^2/12) c^2 (|ya| + |yb|)
     * of the continuum solution y(x) = (ya sinh(sqrt c (l - x)) + yb sinh(sqrt c x)) / sinh(sqrt c l), and the
     * errors at h and h/2 satisfy e(h) = h^2 W_h + R(h), |R(h)| &lt;= R4 h^4 (see {@link Vt#errorExpansion}), so
     * e(h)/e(h/2) lies in the window [(h^2 W_h - R(h)) / (h^2/4 W_{h/2} + R(h/2)), (h^2 W_h + R(h)) / (h^2/4
     * W_{h/2} - R(h/2))] around 4. GD runs until its contraction bound is below 1e-3 h^4 R4-scale.
     */
    @Property(tries = 20)
    void discretizationErrorIsOrderHSquared(Check check) {
        check.forAll(linear(0.25, 4, 3, 12).filter(p -> p.c() > 0 && Math.abs(p.ya()) + Math.abs(p.yb()) >= 0.5)
                .as("problem"), p -> {
            double[] e = new double[2];
            double[] lo = new double[2];
            double[] hi = new double[2];
            double[] hs = new double[2];
            for (int level = 0; level < 2; level++) {
                int n = p.n() << level;
                DiscreteFunctional j = p.functional(n);
                double h = j.h();
                Vt.Expansion ex = Vt.errorExpansion(p.len(), p.c(), p.ya(), p.yb(), n);
                double[] y = Vt.solveByDescent(j, p.c(), p.len(), p.ya(), p.yb(), 1e-6 * ex.remainder());
                double err = 0;
                for (int i = 1; i < n; i++) {
                    err = Math.max(err, Math.abs(y[i - 1] - Vt.continuum(p.len(), p.c(), p.ya(), p.yb(), j.node(i))));
                }
                double slack = 2e-6 * ex.remainder() + Vt.solutionRounding(p, n);
                double maxPrinciple = p.len() * p.len() / 8 * h * h / 12 * p.c() * p.c() * (Math.abs(p.ya())
                        + Math.abs(p.yb()));
                Claims.atMost("max_i |Y_i - y(x_i)| <= (l^2/8)(h^2/12) max|y''''| (n = " + n + ")", err,
                        maxPrinciple + slack);
                e[level] = err;
                hs[level] = h;
                lo[level] = h * h * ex.nodalMax() - ex.remainder() - slack;
                hi[level] = h * h * ex.nodalMax() + ex.remainder() + slack;
            }
            check.note("e(h), e(h/2)", e[0] + ", " + e[1]);
            Plot fig = check.plot("Euler-Lagrange, V = c^2 y^2 / 2: discretization error against h").logLog()
                    .axes("h", "max_i |Y_i - y(x_i)|");
            for (int level = 0; level < 2; level++) {
                fig.point("measured e(h)", hs[level], e[level]).point("leading term h^2 W_h", hs[level],
                        (lo[level] + hi[level]) / 2);
            }
            if (lo[1] > 0 && lo[0] > 0) {
                double ratio = e[0] / e[1];
                check.label("ratio window informative");
                check.note("window", "[" + lo[0] / hi[1] + ", " + hi[0] / lo[1] + "]");
                Claims.atLeast("e(h)/e(h/2) >= window low", ratio, lo[0] / hi[1]);
                Claims.atMost("e(h)/e(h/2) <= window high", ratio, hi[0] / lo[1]);
                check.target(Math.abs(ratio - 4), "|ratio - 4|");
            } else {
                check.label("ratio window trivial");
            }
        });
    }

    /** Drop the step-size hypothesis (step &lt; 2/L): with step 2.5/L the top mode grows by 1.5 per step. */
    @Counterexample
    void failsWithTooLargeAStep(Check check) {
        check.forAll(linear(0.05, 4, 2, 12).as("problem"), p -> {
            DiscreteFunctional j = p.functional(p.n());
            double h = j.h();
            double l = 4 / h * Math.pow(Math.sin(Math.PI * (p.n() - 1) / (2 * p.n())), 2) + p.c() * h;
            double[] exact = Vt.discreteSolution(p.len(), p.c(), p.ya(), p.yb(), p.n());
            double[] y = j.gradientDescent(new double[p.n() - 1], 2.5 / l, 200);
            Claims.atMost("||y_k - Y|| <= ||y_0 - Y|| with step 2.5/lambda_max", Vt.norm(Vt.sub(y, exact)),
                    Vt.norm(exact) * (1 + 1e-9));
        });
    }

    /**
     * Drop convexity (V'' = c &gt;= 0; the minimizer exists for c &gt; -pi^2/l^2): with c = -3 pi^2/l^2 the
     * discrete J is unbounded below and GD moves away from the E-L solution.
     */
    @Counterexample
    void failsWithoutConvexity(Check check) {
        check.forAll(linear(0.05, 4, 8, 16).as("problem"), p -> {
            double c = -3 * Math.PI * Math.PI / (p.len() * p.len());
            DiscreteFunctional j = new DiscreteFunctional(0, p.len(), p.ya(), p.yb(), p.n(), Potential.quadratic(c));
            double h = j.h();
            double[] exact = Vt.discreteSolution(p.len(), c, p.ya(), p.yb(), p.n());
            double[] y = j.gradientDescent(new double[p.n() - 1], 1 / (4 / h), 2000);
            Claims.atMost("||y_k - Y|| <= ||y_0 - Y|| (GD approaches the E-L solution)", Vt.norm(Vt.sub(y, exact)),
                    Vt.norm(exact) * (1 + 1e-9) + 1e-12);
        });
    }
}
