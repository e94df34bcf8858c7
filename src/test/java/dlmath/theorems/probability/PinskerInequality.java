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
import dlmath.gen.SimplexGens;
import dlmath.prob.Exponential;
import dlmath.prob.InfoTheory;
import dlmath.prob.KL;
import dlmath.prob.Laplace;
import dlmath.prob.Logistic;
import dlmath.prob.Normal;
import dlmath.prob.Quadrature;
import dlmath.prob.UnivariateDistribution;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * PI-09 Pinsker's inequality TV(P, Q) &lt;= sqrt(KL(P || Q) / 2). Tsybakov, Introduction to
 * Nonparametric Estimation, Springer 2009, Lemma 2.5(i); Cover &amp; Thomas, 2nd ed., Lemma 11.6.1.
 * Page: theorems/probability/PI-09-pinsker-inequality.md.
 */
@Theorem(id = "PI-09", name = "Pinsker's inequality",
        statement = "TV(P,Q) <= sqrt(KL(P||Q) / 2), and the constant 1/2 cannot be improved")
@Tag("probability")
class PinskerInequality {

    /** Pairs of one length, with zeros allowed in both. */
    static final Gen<Tensor[]> PAIRS = Gens.integers(1, 8).flatMap(n -> Gens.oneOf(
            Gens.tuples(SimplexGens.simplexWithZeros(n, n), SimplexGens.simplexWithZeros(n, n)),
            Gens.tuples(SimplexGens.simplexWideWithZeros(n, n), SimplexGens.simplexWideWithZeros(n, n)))
            .map(t -> new Tensor[] {t.first(), t.second()}));

    /** Bernoulli pairs (a, 1-a), (a + d, 1 - a - d) near each other, where the inequality is nearly tight. */
    static final Gen<Tensor[]> NEAR = Gens.tuples(Gens.doubles(0.05, 0.95), Gens.doubles(-0.05, 0.05)).map(t ->
            new Tensor[] {Tensor.of(t.first(), 1 - t.first()), Tensor.of(t.first() + t.second(), 1 - t.first()
                    - t.second())});

    /**
     * TV &lt;= sqrt(KL/2), and TV is the largest difference of the probabilities of an event, attained
     * at A* = {i : p_i &gt; q_i} (within gamma_{n+2} per sum). Rounding: TV within gamma_{n+1}; KL within e = gamma_{2n+4} (sum p_i (|ln p_i|
     * + |ln q_i|) + 1), so sqrt(KL/2) within sqrt(e/2). target() climbs TV / sqrt(KL/2) toward 1.
     */
    @Property(tries = 400)
    void totalVariationIsBoundedByKl(Check check) {
        check.forAll(Gens.oneOf(PAIRS, NEAR).as("(p, q)"), pq -> {
            double tv = InfoTheory.totalVariation(pq[0], pq[1]);
            double kl = InfoTheory.kl(pq[0], pq[1]);
            check.label(Math.min(SimplexGens.smallestPositive(pq[0]), SimplexGens.smallestPositive(pq[1])) < 1e-100
                    ? "a probability below 1e-100" : "all probabilities >= 1e-100");
            double e = Tol.gamma(2 * pq[0].size() + 4) * (CrossEntropyDecomposition.magnitude(pq[0], pq[1]) + 1);
            double bound = Math.sqrt(Math.max(0, kl) / 2);
            check.note("TV(p,q)", tv);
            check.note("KL(p||q)", kl);
            if (kl > 1e-12 && Double.isFinite(kl)) {
                check.target(tv / bound, "TV / sqrt(KL/2) (sharp at 1)");
            }
            if (bound <= 1) { // where the bound says more than TV <= 1
                check.plot("TV against sqrt(KL/2), pairs with sqrt(KL/2) <= 1: all below Pinsker's line")
                        .axes("sqrt(KL(p||q)/2)", "TV(p, q)").point("pairs (p, q)", bound, tv)
                        .reference("TV = sqrt(KL/2)", new double[] {0, 1}, new double[] {0, 1});
            }
            Claims.atMost("TV(p,q) <= sqrt(KL(p||q)/2)", tv, bound + Math.sqrt(e / 2) + Tol.gamma(pq[0].size() + 1));
            double excess = 0;
            for (int i = 0; i < pq[0].size(); i++) {
                excess += Math.max(0, pq[0].get(i) - pq[1].get(i));
            }
            Claims.close("TV(p,q) = max_A |p(A) - q(A)| = p(A*) - q(A*), A* = {p > q}", tv, excess,
                    Tol.gamma(pq[0].size() + 2) * 2);
        });
    }

    /** Location pairs of one continuous family with one scale, and exponential pairs: their densities cross once. */
    static final Gen<ProbGens.Pair<UnivariateDistribution, UnivariateDistribution>> CROSSING = Gens.oneOf(
            Gens.tuples(Gens.tuples(Gens.doubles(-10, 10), Gens.doubles(-10, 10)), Gens.doubles(0.1, 10), Gens.integers(0, 2))
                    .map(t -> {
                        double a = t.first().first();
                        double b = t.first().second();
                        double s = t.second();
                        int family = t.third();
                        UnivariateDistribution p = family == 0 ? new Normal(a, s) : family == 1
                                ? new Laplace(a, s) : new Logistic(a, s);
                        UnivariateDistribution q = family == 0 ? new Normal(b, s) : family == 1
                                ? new Laplace(b, s) : new Logistic(b, s);
                        return new ProbGens.Pair<>(p, q);
                    }),
            Gens.tuples(Gens.doubles(0.1, 10), Gens.doubles(0.1, 10)).map(t ->
                    new ProbGens.Pair<UnivariateDistribution, UnivariateDistribution>(new Exponential(t.first()),
                            new Exponential(t.second()))));

    /** The point where two densities of a pair in {@link #CROSSING} cross (the midpoint for a location pair). */
    static double crossing(UnivariateDistribution p, UnivariateDistribution q) {
        if (p instanceof Exponential a && q instanceof Exponential b) {
            return a.rate() == b.rate() ? 0 : Math.log(a.rate() / b.rate()) / (a.rate() - b.rate());
        }
        return (p.mean() + q.mean()) / 2;
    }

    /**
     * Densities: for pairs whose densities cross at one point c, TV = |F_p(c) - F_q(c)| (the set where
     * p &gt; q is a half-line). KL by the closed form, or by quadrature for the logistic (no closed form).
     * Tolerance: 2 CDF errors (1e-12 each, PI-12) plus sqrt of half the KL allowance.
     */
    @Property(tries = 300)
    void holdsForDensities(Check check) {
        check.forAll(CROSSING.as("(p, q)"), pq -> {
            UnivariateDistribution p = pq.p();
            UnivariateDistribution q = pq.q();
            double c = crossing(p, q);
            double tv = Math.abs(p.cdf(c) - q.cdf(c));
            double kl;
            double e;
            if (KL.hasClosedForm(p, q)) {
                kl = KL.divergence(p, q);
                e = Bounds.C * Bounds.klScale(p, q);
            } else {
                Quadrature.Result r = KL.numerical(p, q);
                kl = r.value();
                e = r.error() + Bounds.integrandRounding(p, q);
            }
            check.label(p.getClass().getSimpleName());
            check.note("TV(p,q)", tv);
            check.note("KL(p||q)", kl);
            if (kl > 1e-9) {
                check.target(tv / Math.sqrt(kl / 2), "TV / sqrt(KL/2) for densities");
            }
            Claims.atMost("TV(p,q) <= sqrt(KL(p||q)/2)", tv, Math.sqrt(Math.max(0, kl) / 2) + Math.sqrt(e / 2)
                    + 2 * ContinuousKlDivergence.CDF_ERROR);
        });
    }

    /** There is no reverse Pinsker inequality: KL(p||q) &lt;= 4 TV(p,q) fails (KL is unbounded, TV &lt;= 1). */
    @Counterexample
    void noReverseInequality(Check check) {
        check.forAll(PAIRS.as("(p, q)"), pq -> Claims.atMost("KL(p||q) <= 4 TV(p,q)", InfoTheory.kl(pq[0], pq[1]),
                4 * InfoTheory.totalVariation(pq[0], pq[1]) + 1e-12));
    }
}
