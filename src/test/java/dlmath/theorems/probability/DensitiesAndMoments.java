package dlmath.theorems.probability;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.ProbGens;
import dlmath.prob.Bernoulli;
import dlmath.prob.Beta;
import dlmath.prob.Binomial;
import dlmath.prob.Categorical;
import dlmath.prob.DiscreteDistribution;
import dlmath.prob.Exponential;
import dlmath.prob.Gamma;
import dlmath.prob.Laplace;
import dlmath.prob.Logistic;
import dlmath.prob.Normal;
import dlmath.prob.Poisson;
import dlmath.prob.Quadrature;
import dlmath.prob.Special;
import dlmath.prob.Uniform;
import dlmath.prob.UnivariateDistribution;
import org.apache.commons.math3.distribution.AbstractIntegerDistribution;
import org.apache.commons.math3.distribution.AbstractRealDistribution;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.EnumeratedIntegerDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.LaplaceDistribution;
import org.apache.commons.math3.distribution.LogisticDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.junit.jupiter.api.Tag;

/**
 * PI-12 Densities integrate to one; log densities and CDFs agree with an independent implementation
 * (commons-math3); CDFs are integrals of densities; closed-form mean, variance and entropy agree
 * with quadrature. Page: theorems/probability/PI-12-densities-and-moments.md.
 */
@Theorem(id = "PI-12", name = "Densities, CDFs and moments",
        statement = "each density integrates (each mass sums) to 1; log densities and CDFs agree with "
                + "commons-math3; F(b) - F(a) is the integral of the density; the closed-form mean, variance "
                + "and entropy equal E[X], E[(X - m)^2] and -E[log p(X)]")
@Tag("probability")
class DensitiesAndMoments {

    /** The commons-math3 oracle of a continuous family. */
    static AbstractRealDistribution oracle(UnivariateDistribution d) {
        if (d instanceof Normal n) {
            return new NormalDistribution(null, n.loc(), n.scale());
        }
        if (d instanceof Laplace l) {
            return new LaplaceDistribution(null, l.loc(), l.scale());
        }
        if (d instanceof Logistic l) {
            return new LogisticDistribution(null, l.loc(), l.scale());
        }
        if (d instanceof Uniform u) {
            return new UniformRealDistribution(null, u.low(), u.high());
        }
        if (d instanceof Exponential e) {
            return new ExponentialDistribution(null, 1 / e.rate());
        }
        if (d instanceof Gamma g) {
            return new GammaDistribution(null, g.concentration(), 1 / g.rate());
        }
        Beta b = (Beta) d;
        return new BetaDistribution(null, b.concentration1(), b.concentration0());
    }

    /** The commons-math3 oracle of a discrete family (Poisson with its series accuracy raised to 1e-15). */
    static AbstractIntegerDistribution discreteOracle(UnivariateDistribution d) {
        if (d instanceof Bernoulli b) {
            return new BinomialDistribution(null, 1, b.probs());
        }
        if (d instanceof Binomial b) {
            return new BinomialDistribution(null, b.totalCount(), b.probs());
        }
        if (d instanceof Poisson p) {
            return new PoissonDistribution(null, p.rate(), 1e-15, 10_000_000);
        }
        Categorical c = (Categorical) d;
        int[] k = new int[c.numCategories()];
        for (int i = 0; i < k.length; i++) {
            k[i] = i;
        }
        return new EnumeratedIntegerDistribution(null, k, c.probs().toArray());
    }

    /**
     * A point of the support: mean + z sd with z in [-3, 3], pulled strictly inside the support
     * (rounded to an integer of the support for a discrete distribution).
     */
    static double point(UnivariateDistribution d, double z) {
        double x = d.mean() + z * d.stddev();
        if (d instanceof DiscreteDistribution dd) {
            return Math.max(dd.low(), Math.min(dd.summationHigh(), Math.rint(x)));
        }
        double lo = d.supportLow();
        double hi = d.supportHigh();
        double width = hi - lo;
        return Math.max(lo + 1e-3 * Math.min(width, d.stddev()), Math.min(hi - 1e-3 * Math.min(width, d.stddev()), x));
    }

    static final Gen<Double> Z = Gens.doubles(-3, 3).as("z");

    /**
     * The most nodes one expectation can use: at most 8 pieces (mean + {-8, -2, 0, 2, 8} sd and up to
     * two kinks), each with at most 2 * 6.5 * 2^9 + 1 = 6657 nodes at the finest level (t in
     * [-6.5, 6.5], step 2^-9; exp-sinh pieces have fewer).
     */
    static final long MAX_NODES = 8L * 6657;

    /**
     * What the quadrature may report for an integrand with integral of |f| = I on the families
     * generated here: its level difference is at most r I by its acceptance test (r =
     * {@link Quadrature#RELATIVE_TOLERANCE}), its rounding part at most (N + 16) u I with N &lt;=
     * {@link #MAX_NODES}, so (r + (N + 16) u) I; its tail and abscissa parts are not bounded a priori,
     * and the claim that the whole estimate stays within this (plus the integrand's rounding) is a
     * check that the estimate is not vacuous on these families, not a derivation of the error.
     */
    static double quadratureContract(double integralOfAbs) {
        return (Quadrature.RELATIVE_TOLERANCE + (MAX_NODES + 16) * Tol.U) * integralOfAbs;
    }

    /**
     * |integral of p - 1| &lt;= the quadrature's reported error (an estimate validated by the targeted
     * search of QuadratureErrorEstimateTest, see Quadrature) + C E[S(X)], the rounding of the
     * integrand p (its log density off by C S(x)); for a discrete family the exact sum's gamma_n
     * (Higham eq. 4.4) instead of the reported error; and the reported estimate is not vacuous: at
     * most {@link #quadratureContract} (I|p| = 1) plus the integrand's rounding.
     */
    @Property(tries = 300)
    void densitiesIntegrateToOne(Check check) {
        check.forAll(ProbGens.univariate().as("d"), d -> {
            Quadrature.Result mass = Quadrature.expectation(d, x -> 1);
            check.label(d.getClass().getSimpleName());
            check.note("integral", mass.value());
            check.note("reported error", mass.error());
            // a discrete family is an exact sum of n = summationHigh - supportLow + 1 terms: gamma_n (Higham eq. 4.4)
            boolean discrete = d instanceof dlmath.prob.DiscreteDistribution;
            double sumError = discrete ? Tol.gamma((int) Math.min(1_000_000,
                    ((dlmath.prob.DiscreteDistribution) d).summationHigh() - (long) d.supportLow() + 1)) : mass.error();
            Claims.close("integral of the density = 1", mass.value(), 1, sumError + Bounds.integrandRounding(d, null));
            Claims.atMost("the quadrature's reported estimate is within (r + (N + 16) u) I|p|", mass.error(),
                    (discrete ? sumError : quadratureContract(1)) + Bounds.integrandRounding(d, null));
        });
    }

    /**
     * The gamma log density a ln(rate) + (a - 1) ln x - rate x - lnGamma(a) with commons-math3's
     * logGamma: GammaDistribution.logDensity goes through a Lanczos-based ratio that loses about
     * 1e-13 at small x (at a = 0.5, rate = 0.1, x = 0.00707 it is off by 3.3e-13 from a 40-digit
     * mpmath value, while this formula is off by 2e-15).
     */
    static double gammaLogDensity(Gamma g, double x) {
        double a = g.concentration();
        return a * Math.log(g.rate()) + (a - 1) * Math.log(x) - g.rate() * x
                - org.apache.commons.math3.special.Gamma.logGamma(a);
    }

    /**
     * log p(x) agrees with commons-math3's logDensity / logProbability (for the gamma family, the
     * formula with commons-math3's logGamma, see {@link #gammaLogDensity}): both are within C S(x) of
     * the exact value (commons-math3 evaluates the same terms; its log-gamma is accurate to a few
     * ulps), so the tolerance is 2 C S(x).
     */
    @Property(tries = 400)
    void logDensitiesAgreeWithCommonsMath(Check check) {
        check.forAll(ProbGens.univariate().as("d"), Z, (d, z) -> {
            double x = point(d, z);
            double mine = d.logProb(x);
            double theirs = d.isDiscrete() ? discreteOracle(d).logProbability((int) x)
                    : d instanceof Gamma g ? gammaLogDensity(g, x) : oracle(d).logDensity(x);
            check.label(d.getClass().getSimpleName());
            check.note("x", x);
            if (Double.isInfinite(mine) || Double.isInfinite(theirs)) {
                Claims.that("both -infinity (" + mine + ", " + theirs + ")", mine == theirs);
                return;
            }
            Claims.close("log p(x) = commons-math3", mine, theirs, 2 * Bounds.C * Bounds.logProbScale(d, x));
        });
    }

    /**
     * The magnitude of the exponent x^a e^-x / Gamma(a) (or its beta analogue) of a CDF's
     * continued fraction: its rounding is a relative error of the CDF.
     */
    static double cdfScale(UnivariateDistribution d, double x) {
        if (d instanceof Gamma g) {
            double a = g.concentration();
            double t = g.rate() * x;
            return Bounds.xlogy(a, t) + t + Bounds.lg(a);
        }
        if (d instanceof Beta b) {
            return Bounds.logProbScale(d, x) + Math.abs(Math.log(x)) + Math.abs(Math.log1p(-x));
        }
        if (d instanceof Normal n) {
            double z = (x - n.loc()) / n.scale();
            return z * z + 2;
        }
        if (d instanceof Poisson p) {
            return Bounds.xlogy(x + 1, p.rate()) + p.rate() + Bounds.lg(x + 2);
        }
        if (d instanceof Binomial b) {
            int n = b.totalCount();
            return Bounds.lg(n + 2) + Bounds.xlogy(x + 1, b.probs()) + Bounds.xlogy(n - x, 1 - b.probs()) + 2 * Bounds.lg(n + 1);
        }
        // closed forms: exp of (x - m) / s, or a ratio; a point mass has no spread to scale by
        return d.isDiscrete() ? 4 : 4 + (Math.abs(x) + Math.abs(d.mean())) / d.stddev();
    }

    /**
     * F(x) agrees with commons-math3's cumulativeProbability. Both evaluate continued fractions or
     * series stopped at a relative accuracy of 1e-14 (commons-math3's default; 1e-15 for its normal
     * and, as configured here, its Poisson) and a prefactor whose exponent is off by C cdfScale(x).
     * Tolerance 4e-14 + 2 C cdfScale(x), relative to F for a continuous F &lt;= 1/2 (the left tail is
     * computed directly on both sides), absolute otherwise (commons-math3 computes the binomial CDF
     * as 1 - I_p(k + 1, n - k)).
     */
    @Property(tries = 400)
    void cdfsAgreeWithCommonsMath(Check check) {
        check.forAll(ProbGens.univariate().as("d"), Z, (d, z) -> {
            double x = point(d, z);
            double mine = d.cdf(x);
            double theirs = d.isDiscrete() ? discreteOracle(d).cumulativeProbability((int) x)
                    : oracle(d).cumulativeProbability(x);
            check.label(d.getClass().getSimpleName());
            check.note("x", x);
            double rel = 4e-14 + 2 * Bounds.C * cdfScale(d, x);
            double tol = rel * (!d.isDiscrete() && mine <= 0.5 ? mine : 1) + 8 * Tol.U;
            Claims.close("F(x) = commons-math3", mine, theirs, tol);
        });
    }

    /** The integral of d's density over [a, b] (ends may be infinite), split at the Laplace kink. */
    static Quadrature.Result integral(UnivariateDistribution d, double a, double b) {
        if (d instanceof Laplace l && l.loc() > a && l.loc() < b) {
            return Quadrature.integrate(d::prob, a, l.loc()).plus(Quadrature.integrate(d::prob, l.loc(), b));
        }
        return Quadrature.integrate(d::prob, a, b);
    }

    /**
     * F(b) = integral of p from the lower end of the support to b, and 1 - F(a) = integral of p from a
     * to the upper end (a = m - sd, b = m + z sd inside the support): the CDF formulas against the
     * densities, by tanh-sinh quadrature on finite pieces and exp-sinh toward infinite ends.
     * Tolerance: quadrature error + C E[S] + 2 CDF_ERROR (1e-12, the CDF accuracy shown above).
     */
    @Property(tries = 200)
    void cdfIsTheIntegralOfTheDensity(Check check) {
        check.forAll(ProbGens.continuous().as("d"), Gens.doubles(0.5, 3).as("z"), (d, z) -> {
            double a = point(d, -1);
            double b = point(d, z);
            check.label(d.getClass().getSimpleName());
            double tol = Bounds.integrandRounding(d, null) + 2 * ContinuousKlDivergence.CDF_ERROR;
            Quadrature.Result below = integral(d, d.supportLow(), b);
            Claims.close("F(b) = integral of p up to b", d.cdf(b), below.value(), below.error() + tol);
            Quadrature.Result above = integral(d, a, d.supportHigh());
            Claims.close("1 - F(a) = integral of p from a", 1 - d.cdf(a), above.value(), above.error() + tol);
        });
    }

    /**
     * The density vanishes outside the support (and a mass off the integers), the CDF is 0 below it and
     * 1 above it; at the ends: P(X &lt;= low) = 0 for a density, the uniform is [low, high) as in
     * PyTorch, and the exponential density at 0 is its rate.
     */
    @Property(tries = 300)
    void densitiesVanishOutsideTheSupport(Check check) {
        check.forAll(ProbGens.univariate().as("d"), Gens.doubles(0.5, 10).as("delta"), (d, delta) -> {
            double lo = d.supportLow();
            double hi = d.supportHigh();
            check.label(d.getClass().getSimpleName());
            if (Double.isFinite(lo)) {
                Claims.that("p(low - delta) = 0", d.prob(lo - delta) == 0);
                Claims.that("F(low - delta) = 0", d.cdf(lo - delta) == 0);
                double mass = d.prob(lo);
                Claims.that("F(low) = P(X = low) for a mass, 0 for a density (" + d.cdf(lo) + ")",
                        d.isDiscrete() ? Math.abs(d.cdf(lo) - mass) <= 4 * Tol.U + (mass == 0 ? 0 : Bounds.C
                                * Bounds.logProbScale(d, lo) * mass) : d.cdf(lo) == 0);
            }
            if (Double.isFinite(hi)) {
                Claims.that("p(high + delta) = 0", d.prob(hi + delta) == 0);
                Claims.that("F(high + delta) = 1", d.cdf(hi + delta) == 1);
            }
            if (d.isDiscrete()) {
                Claims.that("no mass off the integers", d.prob(Math.floor(d.mean()) + 0.5) == 0);
            }
            if (d instanceof Uniform u) {
                Claims.that("p(high) = 0 (support [low, high))", d.prob(u.high()) == 0);
                Claims.close("p(low) = 1 / (high - low)", d.prob(u.low()), 1 / (u.high() - u.low()),
                        4 * Tol.U / (u.high() - u.low()));
            }
            if (d instanceof Exponential e) {
                Claims.close("p(0) = rate", d.prob(0), e.rate(), 4 * Tol.U * e.rate() * (1 + Math.abs(Math.log(e.rate()))));
            }
        });
    }

    /**
     * The special functions agree with commons-math3 (Gamma.logGamma, Erf, Gamma.regularizedGamma*,
     * Beta.regularizedBeta): lgamma within 2 C (|lgamma| + 16); erf, erfc and the incomplete functions
     * within (4e-14 + 2 C S) times the value where it is computed directly (series or continued
     * fraction) and absolutely where it is 1 minus that, S the magnitude of the prefactor's exponent.
     */
    /** rel v, and 0 for v = 0 (where an infinite magnitude meets an exact zero). */
    static double times(double rel, double v) {
        return v == 0 ? 0 : rel * v;
    }

    @Property(tries = 300)
    void specialFunctionsAgreeWithCommonsMath(Check check) {
        check.forAll(Gens.doubles(0.01, 50).as("a"), Gens.doubles(0.01, 30).as("b"), Gens.doubles(0, 60).as("x"),
                Gens.doubles(0, 1).excludeMin().excludeMax().as("t"), (a, b, x, t) -> {
                    Claims.close("lgamma(a)", Special.lgamma(a), org.apache.commons.math3.special.Gamma.logGamma(a),
                            2 * Bounds.C * Bounds.lg(a));
                    double z = x / 6 - 5;
                    double erfc = Special.erfc(z);
                    double rel = 4e-14 + 2 * Bounds.C * (z * z + 2);
                    Claims.close("erfc(z)", erfc, org.apache.commons.math3.special.Erf.erfc(z), rel * Math.min(1, erfc) + 4 * Tol.U);
                    Claims.close("erf(z)", Special.erf(z), org.apache.commons.math3.special.Erf.erf(z), rel + 4 * Tol.U);
                    double sGamma = Bounds.xlogy(a, x) + x + Bounds.lg(a);
                    double relGamma = 4e-14 + 2 * Bounds.C * sGamma;
                    double p = Special.regularizedGammaP(a, x);
                    double q = Special.regularizedGammaQ(a, x);
                    boolean series = x < a + 1;
                    Claims.close("P(a, x)", p, org.apache.commons.math3.special.Gamma.regularizedGammaP(a, x),
                            times(relGamma, series ? p : 1) + 4 * Tol.U);
                    Claims.close("Q(a, x)", q, org.apache.commons.math3.special.Gamma.regularizedGammaQ(a, x),
                            times(relGamma, series ? 1 : q) + 4 * Tol.U);
                    double sBeta = Bounds.xlogy(a, t) + Bounds.xlogy(b, 1 - t) + Bounds.lg(a) + Bounds.lg(b) + Bounds.lg(a + b);
                    double ib = Special.regularizedBeta(t, a, b);
                    boolean direct = t <= (a + 1) / (a + b + 2);
                    Claims.close("I_t(a, b)", ib, org.apache.commons.math3.special.Beta.regularizedBeta(t, a, b),
                            times(4e-14 + 2 * Bounds.C * sBeta, direct ? ib : 1) + 4 * Tol.U);
                });
    }

    /**
     * The digamma function satisfies psi(1) = -gamma_Euler, the recurrence psi(x + 1) = psi(x) + 1/x and
     * Gauss's duplication formula psi(2x) = psi(x)/2 + psi(x + 1/2)/2 + ln 2 (DLMF 5.4.12, 5.5.2,
     * 5.5.8); commons-math3's digamma is only accurate to about 3e-9, so these identities are the
     * oracle. Tolerance C (dg(x) + dg(x + 1/2) + dg(2x) + dg(x + 1) + 1/x + 1).
     */
    @Property(tries = 300)
    void digammaSatisfiesItsIdentities(Check check) {
        check.forAll(Gens.doubles(0.01, 60).as("x"), x -> {
            double tol = Bounds.C * (Bounds.dg(x) + Bounds.dg(x + 0.5) + Bounds.dg(2 * x) + Bounds.dg(x + 1) + 1 / x + 1);
            Claims.close("psi(x + 1) = psi(x) + 1/x", Special.digamma(x + 1), Special.digamma(x) + 1 / x, tol);
            Claims.close("psi(2x) = psi(x)/2 + psi(x + 1/2)/2 + ln 2", Special.digamma(2 * x),
                    Special.digamma(x) / 2 + Special.digamma(x + 0.5) / 2 + Math.log(2), tol);
            Claims.close("psi(1) = -gamma", Special.digamma(1), -0.57721566490153286061, Bounds.C * Bounds.dg(1));
        });
    }

    /**
     * mean = E[X], variance = E[(X - mean)^2], entropy = -E[log p(X)] by quadrature (exact sums for
     * the discrete families). Tolerances: the quadrature's error estimate plus C E[(S(X) + 2) |g(X)|]
     * for the integrand p g, plus C times the closed form's magnitude (C (|m| + s), C s^2 (1 + ...),
     * and the entropy magnitude of Bounds).
     */
    @Property(tries = 300)
    void momentsAgreeWithQuadrature(Check check) {
        check.forAll(ProbGens.univariate().as("d"), d -> {
            double m = d.mean();
            double v = d.variance();
            double s = Math.sqrt(v);
            double[] breaks = Bounds.scaleKinks(d);
            Quadrature.Result mean = Quadrature.expectation(d, x -> x);
            Quadrature.Result var = Quadrature.expectation(d, x -> (x - m) * (x - m));
            check.label(d.getClass().getSimpleName());
            // hypot(x, s) >= |x| and hypot(t, 2) >= (|t| + 2) / 2 are smooth majorants (no kinks to split at)
            double tolMean = mean.error() + Bounds.C * Bounds.expect(d, x -> (Bounds.logProbScale(d, x) + 2)
                    * Math.hypot(x, s), breaks).value() + Bounds.C * (Math.abs(m) + s);
            Claims.close("mean = E[X]", m, mean.value(), tolMean);
            double tolVar = var.error() + Bounds.C * Bounds.expect(d, x -> (Bounds.logProbScale(d, x) + 2)
                    * (x - m) * (x - m), breaks).value() + Bounds.C * (v + m * m);
            Claims.close("variance = E[(X - mean)^2]", v, var.value(), tolVar);
            Quadrature.Result h = Quadrature.expectation(d, x -> -d.logProb(x), Bounds.kinks(d));
            Claims.close("entropy = -E[log p(X)]", d.entropy(), h.value(), h.error() + Bounds.C
                    * (Bounds.entropyScale(d) + Bounds.expect(d, x -> Bounds.logProbScale(d, x) * 2
                    * Math.hypot(d.logProb(x), 2), Bounds.concat(breaks, Bounds.kinks(d))).value()));
        });
    }

    /** A density is not a probability: it can exceed 1 (a normal with scale below 1 / sqrt(2 pi) = 0.4). */
    @Counterexample
    void densitiesCanExceedOne(Check check) {
        check.forAll(ProbGens.continuous().as("d"), d -> Claims.atMost("p(mean) <= 1", d.prob(point(d, 0)), 1));
    }
}
