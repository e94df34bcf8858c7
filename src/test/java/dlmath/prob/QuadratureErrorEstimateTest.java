package dlmath.prob;

import dlmath.gen.ProbGens;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Tol;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.special.Gamma;

/**
 * A targeted search for inputs where {@link Quadrature}'s reported error falls below its actual
 * error. Each property integrates a density, an entropy integrand or a KL integrand written here
 * (not the library's densities) with {@link Quadrature#integrate}, split at mean + {-8, -2, 0, 2, 8}
 * standard deviations as {@link Quadrature#expectation} splits, and compares with a closed form
 * computed independently: commons-math3's {@code logGamma} and {@link ProbGens#digamma} (written in the tests). The
 * engine's hill climbing maximises {@code actual / (reported + R)}, where R is the rounding of the
 * integrand and of the closed form (derived below), and the claim is actual &lt;= reported + R.
 * A refusal (ArithmeticException: no convergence, or the density's mass beyond the double range) is
 * allowed and labelled: the contract is "right or refused", never silently wrong.
 *
 * <p><b>Rounding model R.</b> A log density written as a sum of m &lt;= 4 terms, each a product and a
 * logarithm, is off by at most 6 u S(x), S the sum of the terms' magnitudes (Higham, 2nd ed., eq.
 * 3.4 and Lemma 3.1, first order), plus the error of its log-gamma constants: commons-math3's
 * logGamma agrees with ours within 128 u (|lg| + 16) (PI-12) and ours is within 16 u (|lg| + 16)
 * (Bounds.lg), so each constant is within 144 u (|lg| + 16). exp adds u relative. The expectation of
 * a product of such magnitudes is bounded by Cauchy-Schwarz and Minkowski: for S = sum v_i phi_i,
 * E|S T| &lt;= N(S) N(T) with N(S) = sum |v_i| sqrt(E phi_i^2), and E phi^2 from closed forms: for X ~
 * Beta(a, b), E ln^2 X = psi'(a) - psi'(a + b) + (psi(a) - psi(a + b))^2 &lt;= 1/a + 1/a^2 +
 * (psi(a + b) - psi(a))^2 (psi'(x) &lt;= 1/x + 1/x^2); for X ~ Gamma(a, r), E ln^2 X &lt;= 1/a + 1/a^2 +
 * (psi(a) - ln r)^2 and E X^2 = a (a + 1) / r^2. The closed forms are sums of at most six terms:
 * 8 u times their magnitudes, plus the log-gamma errors above and 64 u times the digamma magnitude
 * (Bounds.dg's model) per digamma.
 *
 * <p><b>Found.</b> Under seeds 1 to 30 at tries x1 and 1 to 5 at x10 no violation; the worst ratios
 * actual / (reported + R) of the hill climbing: heavyTails 0.90, betaKlDivergence 0.54,
 * betaAndGammaMasses 0.34, normalAndLaplaceEntropies 0.05, gammaKlDivergence 0.02 (R dominates there).
 * The estimate before this search (level difference and N u A) fails at Beta(1, 0.649)'s mass (2.9e-11
 * against 2.8e-13); seed 16 found the case kept as an example in betaKlDivergence.
 */
class QuadratureErrorEstimateTest {

    static final double U = Tol.U;

    /** Concentrations 10^e, e in [-3, 3]: 1e-3 (mass within 1e-300 of an end) to 1e3 (a spike). */
    static final Gen<Double> CONCENTRATIONS = Gens.doubles(-3, 3).map(e -> Math.pow(10, e));
    static final Gen<Double> RATES = Gens.doubles(-1, 1).map(e -> Math.pow(10, e));

    /** The error allowance of one digamma value: 64 u (|psi| + 1/x + ln(x + 10) + 1). */
    static double dgError(double x) {
        return 64 * U * (Math.abs(ProbGens.digamma(x)) + 1 / x + Math.log(x + 10) + 1);
    }

    static double lg(double x) {
        return Gamma.logGamma(x);
    }

    /** The error allowance of one commons-math3 log-gamma value. */
    static double lgError(double x) {
        return 144 * U * (Math.abs(lg(x)) + 16);
    }

    /** N(S) = sum |v_i| sqrt(E phi_i^2): an upper bound of the L2 norm of sum v_i phi_i. */
    static double norm(double[] v, double[] m2) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += Math.abs(v[i]) * Math.sqrt(m2[i]);
        }
        return s;
    }

    /** The integral of f over (lo, hi) split at m + {-8, -2, 0, 2, 8} s, as Quadrature.expectation splits. */
    static Quadrature.Result integrate(DoubleUnaryOperator f, double lo, double hi, double m, double s, double... extra) {
        TreeSet<Double> cuts = new TreeSet<>();
        cuts.add(lo);
        cuts.add(hi);
        for (double k : new double[] {-8, -2, 0, 2, 8}) {
            double c = m + k * s;
            if (c > lo && c < hi) {
                cuts.add(c);
            }
        }
        for (double c : extra) {
            if (c > lo && c < hi) {
                cuts.add(c);
            }
        }
        Double[] ends = cuts.toArray(new Double[0]);
        Quadrature.Result r = new Quadrature.Result(0, 0);
        for (int i = 0; i + 1 < ends.length; i++) {
            r = r.plus(Quadrature.integrate(f, ends[i], ends[i + 1]));
        }
        return r;
    }

    /** The claim actual &lt;= reported + R, with the ratio as the hill-climbing target. */
    static void judge(Check check, double closed, Quadrature.Result r, double rounding) {
        if (Double.isInfinite(r.value())) {
            // the integrand overflowed at a node (a density beyond the double range near an end): the
            // rule returns the infinite sum with an infinite error, right in the contract's terms
            check.label("infinite value, infinite error (the integrand overflows at a node)");
            Claims.that("an infinite value comes with an infinite error", r.error() == Double.POSITIVE_INFINITY);
            return;
        }
        double actual = Math.abs(r.value() - closed);
        check.note("closed form", closed);
        check.note("quadrature", r.value());
        check.note("reported error", r.error());
        check.note("rounding R", rounding);
        check.target(actual / (r.error() + rounding), "actual / (reported + R)");
        check.label(r.error() > 1e-6 * (1 + Math.abs(closed)) ? "reported error above 1e-6 (mass beyond the double grid)"
                : "reported error at most 1e-6");
        Claims.atMost("|quadrature - closed form| <= reported error + rounding", actual, r.error() + rounding);
    }

    /** Runs the quadrature, labelling a refusal instead of failing. */
    static Quadrature.Result orRefusal(Check check, java.util.function.Supplier<Quadrature.Result> q) {
        try {
            return q.get();
        } catch (ArithmeticException e) {
            check.label("refused: " + (e.getMessage().contains("converge") ? "no convergence" : "density beyond the double range"));
            return null;
        }
    }

    /** The second moments of (|ln X|, |ln(1 - X)|, 1) for X ~ Beta(a, b), bounded as in the class comment. */
    static double[] betaMoments(double a, double b) {
        double la = ProbGens.digamma(a + b) - ProbGens.digamma(a);
        double lb = ProbGens.digamma(a + b) - ProbGens.digamma(b);
        return new double[] {1 / a + 1 / (a * a) + la * la, 1 / b + 1 / (b * b) + lb * lb, 1};
    }

    /** The second moments of (|ln X|, X, 1) for X ~ Gamma(a, rate r). */
    static double[] gammaMoments(double a, double r) {
        double l = ProbGens.digamma(a) - Math.log(r);
        return new double[] {1 / a + 1 / (a * a) + l * l, a * (a + 1) / (r * r), 1};
    }

    /**
     * KL(Beta(a1, b1) || Beta(a2, b2)) = integral of p (ln p - ln q) over (0, 1), all four
     * concentrations in [1e-3, 1e3], against ln B(a2, b2) - ln B(a1, b1) + (a1 - a2) psi(a1) +
     * (b1 - b2) psi(b1) + (a2 - a1 + b2 - b1) psi(a1 + b1). The integrand p (l1 - l2) is off by
     * p [(d1 + 2u) |l1 - l2| + d1 + d2], d_i = 6 u S_i + e_i; with |l1 - l2| &lt;= D:
     * R = (6u N(S1) + e1 + 2u) N(D) + 6u (N(S1) + N(S2)) + e1 + e2 + the closed form's rounding.
     */
    @Property(tries = 300)
    void betaKlDivergence(Check check) {
        // found by the search at seed 16: 96% of Beta(1, 0.001)'s mass lies within u of 1, where nodes round onto the
        // end or are evaluated at the wrong distance; the quadrature was off by 5.5e-11 against a reported 8.4e-14
        check.example(1.00000003463646, 0.001, 1.0, 0.001);
        check.forAll(CONCENTRATIONS.as("a1"), CONCENTRATIONS.as("b1"), CONCENTRATIONS.as("a2"), CONCENTRATIONS.as("b2"),
                (a1, b1, a2, b2) -> {
                    double min = Math.min(Math.min(a1, b1), Math.min(a2, b2));
                    double max = Math.max(Math.max(a1, b1), Math.max(a2, b2));
                    check.label(min < 1e-2 ? "a concentration below 1e-2" : max > 1e2 ? "a concentration above 1e2" : "all in [1e-2, 1e2]");
                    double lnB1 = lg(a1) + lg(b1) - lg(a1 + b1);
                    double lnB2 = lg(a2) + lg(b2) - lg(a2 + b2);
                    double e1 = lgError(a1) + lgError(b1) + lgError(a1 + b1) + 2 * U * (Math.abs(lg(a1)) + Math.abs(lg(b1)));
                    double e2 = lgError(a2) + lgError(b2) + lgError(a2 + b2) + 2 * U * (Math.abs(lg(a2)) + Math.abs(lg(b2)));
                    DoubleUnaryOperator l1 = x -> (a1 - 1) * Math.log(x) + (b1 - 1) * Math.log1p(-x) - lnB1;
                    DoubleUnaryOperator l2 = x -> (a2 - 1) * Math.log(x) + (b2 - 1) * Math.log1p(-x) - lnB2;
                    double m = a1 / (a1 + b1);
                    double s = Math.sqrt(a1 * b1 / ((a1 + b1) * (a1 + b1) * (a1 + b1 + 1)));
                    Quadrature.Result r = orRefusal(check, () -> integrate(x -> {
                        double u1 = l1.applyAsDouble(x);
                        double p = Math.exp(u1);
                        return p == 0 ? 0 : p * (u1 - l2.applyAsDouble(x));
                    }, 0, 1, m, s));
                    if (r == null) {
                        return;
                    }
                    double[] t = {lnB2, -lnB1, (a1 - a2) * ProbGens.digamma(a1), (b1 - b2) * ProbGens.digamma(b1), (a2 - a1 + b2 - b1) * ProbGens.digamma(a1 + b1)};
                    double closed = t[0] + t[1] + t[2] + t[3] + t[4];
                    double closedRounding = 8 * U * (Math.abs(t[0]) + Math.abs(t[1]) + Math.abs(t[2]) + Math.abs(t[3]) + Math.abs(t[4]))
                            + e1 + e2 + Math.abs(a1 - a2) * dgError(a1) + Math.abs(b1 - b2) * dgError(b1)
                            + Math.abs(a2 - a1 + b2 - b1) * dgError(a1 + b1);
                    double[] mo = betaMoments(a1, b1);
                    double n1 = norm(new double[] {a1 - 1, b1 - 1, lnB1}, mo);
                    double n2 = norm(new double[] {a2 - 1, b2 - 1, lnB2}, mo);
                    double nd = norm(new double[] {a1 - a2, b1 - b2, Math.abs(lnB1 - lnB2) + e1 + e2}, mo);
                    double rounding = (6 * U * n1 + e1 + 2 * U) * nd + 6 * U * (n1 + n2) + e1 + e2 + closedRounding;
                    judge(check, closed, r, rounding);
                });
    }

    /**
     * KL(Gamma(a1, r1) || Gamma(a2, r2)) = integral of p (ln p - ln q) over (0, infinity)
     * (tanh-sinh on the inner pieces, exp-sinh on the last), concentrations in [1e-3, 1e3], rates in
     * [0.1, 10], against (a1 - a2) psi(a1) - lnGamma(a1) + lnGamma(a2) + a2 (ln r1 - ln r2) +
     * a1 (r2 - r1) / r1; R as for the Beta pairs with phi = (|ln x|, x, 1).
     */
    @Property(tries = 300)
    void gammaKlDivergence(Check check) {
        check.forAll(CONCENTRATIONS.as("a1"), RATES.as("r1"), CONCENTRATIONS.as("a2"), RATES.as("r2"), (a1, r1, a2, r2) -> {
            double min = Math.min(a1, a2);
            double max = Math.max(a1, a2);
            check.label(min < 1e-2 ? "a concentration below 1e-2" : max > 1e2 ? "a concentration above 1e2" : "both in [1e-2, 1e2]");
            double c1 = a1 * Math.log(r1) - lg(a1);
            double c2 = a2 * Math.log(r2) - lg(a2);
            double e1 = lgError(a1) + 2 * U * Math.abs(a1 * Math.log(r1));
            double e2 = lgError(a2) + 2 * U * Math.abs(a2 * Math.log(r2));
            DoubleUnaryOperator l1 = x -> c1 + (a1 - 1) * Math.log(x) - r1 * x;
            DoubleUnaryOperator l2 = x -> c2 + (a2 - 1) * Math.log(x) - r2 * x;
            Quadrature.Result r = orRefusal(check, () -> integrate(x -> {
                double u1 = l1.applyAsDouble(x);
                double p = Math.exp(u1);
                return p == 0 ? 0 : p * (u1 - l2.applyAsDouble(x));
            }, 0, Double.POSITIVE_INFINITY, a1 / r1, Math.sqrt(a1) / r1));
            if (r == null) {
                return;
            }
            double[] t = {(a1 - a2) * ProbGens.digamma(a1), -lg(a1), lg(a2), a2 * Math.log(r1), -a2 * Math.log(r2), a1 * (r2 - r1) / r1};
            double closed = t[0] + t[1] + t[2] + t[3] + t[4] + t[5];
            double mag = 0;
            for (double v : t) {
                mag += Math.abs(v);
            }
            double closedRounding = 8 * U * mag + lgError(a1) + lgError(a2) + Math.abs(a1 - a2) * dgError(a1);
            double[] mo = gammaMoments(a1, r1);
            double n1 = norm(new double[] {a1 - 1, r1, Math.abs(c1) + e1}, mo);
            double n2 = norm(new double[] {a2 - 1, r2, Math.abs(c2) + e2}, mo);
            double nd = norm(new double[] {a1 - a2, r1 - r2, Math.abs(c1 - c2) + e1 + e2}, mo);
            double rounding = (6 * U * n1 + e1 + 2 * U) * nd + 6 * U * (n1 + n2) + e1 + e2 + closedRounding;
            judge(check, closed, r, rounding);
        });
    }

    /**
     * The Beta and Gamma densities written here integrate to 1 (the masses of KL's p): R = 6u N(S) +
     * e + u, the rounding of exp(l) integrated. A concentration near 1e-3 piles mass below the
     * smallest double: the reported error must then say so (or the rule refuse).
     */
    @Property(tries = 300)
    void betaAndGammaMasses(Check check) {
        check.forAll(CONCENTRATIONS.as("a"), CONCENTRATIONS.as("b"), RATES.as("rate"), (a, b, rate) -> {
            check.label(Math.min(a, b) < 1e-2 ? "a concentration below 1e-2" : Math.max(a, b) > 1e2
                    ? "a concentration above 1e2" : "both in [1e-2, 1e2]");
            double lnB = lg(a) + lg(b) - lg(a + b);
            double eB = lgError(a) + lgError(b) + lgError(a + b) + 2 * U * (Math.abs(lg(a)) + Math.abs(lg(b)));
            double m = a / (a + b);
            double s = Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
            Quadrature.Result beta = orRefusal(check, () -> integrate(
                    x -> Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnB), 0, 1, m, s));
            if (beta != null) {
                judge(check, 1, beta, 6 * U * norm(new double[] {a - 1, b - 1, lnB}, betaMoments(a, b)) + eB + U);
            }
            double c = a * Math.log(rate) - lg(a);
            double eG = lgError(a) + 2 * U * Math.abs(a * Math.log(rate));
            Quadrature.Result gamma = orRefusal(check, () -> integrate(
                    x -> Math.exp(c + (a - 1) * Math.log(x) - rate * x), 0, Double.POSITIVE_INFINITY, a / rate, Math.sqrt(a) / rate));
            if (gamma != null) {
                judge(check, 1, gamma, 6 * U * norm(new double[] {a - 1, rate, Math.abs(c)}, gammaMoments(a, rate)) + eG + U);
            }
        });
    }

    /**
     * Heavy tails: the Lomax density a (1 + x)^(-1-a) on (0, infinity), a = 10^e, e in [-2, 1], integrates
     * to 1; the exp-sinh rule stops at x = exp(pi/2 sinh 4.5) = 4.7e30, beyond which the mass (4.7e30)^-a is
     * 8.5e-4 at a = 0.1: the tail part of the reported error must account for it. Integrand a exp(-(1 + a)
     * log1p(x)): off by (1 + a) |log1p x| 3u + 2u relatively, E log1p X = 1/a: R = 3u (1 + a) / a + 2u.
     */
    @Property(tries = 200)
    void heavyTails(Check check) {
        check.example(0.35);   // converges with 1.7e-11 of mass beyond the range: the tail part must carry it
        check.forAll(Gens.doubles(-2, 1).map(e -> Math.pow(10, e)).as("a"), a -> {
            check.label(a < 0.1 ? "a below 0.1 (mass beyond 1e30 above 1e-3)" : "a in [0.1, 10]");
            Quadrature.Result r = orRefusal(check, () -> Quadrature.integrate(x -> a * Math.exp(-(1 + a) * Math.log1p(x)),
                    0, Double.POSITIVE_INFINITY));
            if (r != null) {
                judge(check, 1, r, 3 * U * (1 + a) / a + 2 * U);
            }
        });
    }

    /**
     * Entropies of N(mu, sigma^2) and Laplace(mu, b), mu in [-10, 10], scales 10^[-3, 3]: the
     * integrals of -p ln p against ln(sigma sqrt(2 pi e)) and 1 + ln(2b). Far from 0 and narrow, the
     * nodes near mu are only u |mu| apart in x, sigma times u |mu| / sigma: the abscissa rounding part
     * of the reported error. Integrand -p ln p = p (y + c) with y = z^2 / 2 (z = (x - mu) / sigma) or
     * |x - mu| / b and c = ln(sigma sqrt(2 pi)) or ln(2b): off by p [(4u y + 2u |c| + 2u) (y + |c|) + 4u y + 2u |c|];
     * with E y = 1/2, E y^2 = 3/4 (normal) and E y = 1, E y^2 = 2 (Laplace): R = 4u (E y^2 + ...) bounded
     * below, plus 4u |closed form|.
     */
    @Property(tries = 300)
    void normalAndLaplaceEntropies(Check check) {
        check.forAll(Gens.doubles(-10, 10).as("mu"), Gens.doubles(-3, 3).map(e -> Math.pow(10, e)).as("scale"), (mu, sc) -> {
            check.label(sc < 1e-2 ? "scale below 1e-2" : sc > 1e2 ? "scale above 1e2" : "scale in [1e-2, 1e2]");
            double cn = Math.log(sc * Math.sqrt(2 * Math.PI));
            Quadrature.Result normal = orRefusal(check, () -> integrate(x -> {
                double z = (x - mu) / sc;
                double y = z * z / 2;
                return Math.exp(-y - cn) * (y + cn);
            }, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, mu, sc));
            double ac = Math.abs(cn);
            if (normal != null) {
                double closed = 0.5 + cn;
                judge(check, closed, normal, 8 * U * (0.75 + 0.5 * ac + (ac + 1) * (0.5 + ac)) + 4 * U * Math.abs(closed) + 4 * U);
            }
            double cl = Math.log(2 * sc);
            Quadrature.Result laplace = orRefusal(check, () -> integrate(x -> {
                double y = Math.abs(x - mu) / sc;
                return Math.exp(-y - cl) * (y + cl);
            }, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, mu, Math.sqrt(2) * sc, mu));
            double al = Math.abs(cl);
            if (laplace != null) {
                double closed = 1 + cl;
                judge(check, closed, laplace, 8 * U * (2 + 2 * al + (al + 1) * (1 + al)) + 4 * U * Math.abs(closed) + 4 * U);
            }
        });
    }
}
