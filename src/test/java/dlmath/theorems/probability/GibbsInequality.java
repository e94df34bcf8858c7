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
import dlmath.prob.InfoTheory;
import dlmath.prob.KL;
import dlmath.prob.Quadrature;
import dlmath.prob.UnivariateDistribution;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * PI-01 Gibbs' inequality: KL(P || Q) &gt;= 0 with equality iff P = Q, for finite distributions.
 * Cover &amp; Thomas, Elements of Information Theory, 2nd ed., Thm 2.6.3.
 * Page: theorems/probability/PI-01-gibbs-inequality.md.
 */
@Theorem(id = "PI-01", name = "Gibbs' inequality",
        statement = "KL(P||Q) >= 0 for finite distributions P, Q, with equality iff P = Q")
@Tag("probability")
class GibbsInequality {

    /** Pairs (p, q) of one length: p may have zeros, q is strictly positive. */
    static final Gen<Tensor[]> PAIRS = Gens.integers(1, 10).flatMap(n -> Gens.oneOf(
            Gens.tuples(SimplexGens.simplexWithZeros(n, n), SimplexGens.simplex(n, n)),
            Gens.tuples(SimplexGens.simplexWideWithZeros(n, n), SimplexGens.simplexWide(n, n)))
            .map(t -> new Tensor[] {t.first(), t.second()}));

    /** sum_i p_i (|ln p_i| + |ln q_i|) over p_i &gt; 0: the magnitude of the terms of KL(p || q). */
    static double magnitude(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i] == 0 ? 0 : p[i] * (Math.abs(Math.log(p[i])) + Math.abs(Math.log(q[i])));
        }
        return s;
    }

    /** The Bhattacharyya coefficient sum_i sqrt(p_i q_i). */
    static double bhattacharyya(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += Math.sqrt(p[i] * q[i]);
        }
        return s;
    }

    /**
     * KL(p || q) &gt;= D_1/2(p || q) = -2 ln sum_i sqrt(p_i q_i) &gt;= 0, and the middle term is 0 only
     * if p = q (Cauchy-Schwarz), so KL is positive for every p != q. (The Renyi divergence D_alpha
     * is non-decreasing in alpha and D_1 = KL: van Erven &amp; Harremoes, IEEE Trans. Inf. Theory 60,
     * 2014, Thm 3.) Rounding: each of the n terms p_i (ln p_i - ln q_i) is off by at most
     * gamma_3 p_i (|ln p_i| + |ln q_i|), the sum by gamma_n of the same magnitude; the Bhattacharyya
     * coefficient is within gamma_{n+2} relatively, so its -2 ln within 2 gamma_{n+2} / (1 - gamma_{n+2}).
     * The inputs are normalized (|sum - 1| &lt;= gamma_n), which the API divides out.
     */
    @Property(tries = 300)
    void klIsAtLeastTheBhattacharyyaDistance(Check check) {
        check.forAll(PAIRS.as("(p, q)"), pq -> {
            double[] p = pq[0].toArray();
            double[] q = pq[1].toArray();
            double kl = InfoTheory.kl(pq[0], pq[1]);
            check.label(Math.min(SimplexGens.smallestPositive(pq[0]), SimplexGens.smallestPositive(pq[1])) < 1e-100
                    ? "a probability below 1e-100" : "all probabilities >= 1e-100");
            double bc = bhattacharyya(p, q);
            double renyiHalf = -2 * Math.log(bc);
            int n = p.length;
            double tol = Tol.gamma(n + 3) * magnitude(p, q) + 3 * Tol.gamma(n + 2) + 4 * Tol.gamma(n);
            check.note("KL(p||q)", kl);
            check.note("D_1/2(p||q)", renyiHalf);
            check.label(n == 1 ? "n = 1 (p = q = (1))" : "n >= 2");
            // Coverage over the 300 random tries (no target). Measured 86% (seed 1); taking p >= 0.7,
            // P[share < 20%] <= exp(-300 KL(0.2 || 0.7)) = exp(-160) < 1e-9 (Chernoff).
            check.cover(20, renyiHalf > 1e-3, "p and q far apart");
            Claims.atLeast("KL(p||q) >= -2 ln sum sqrt(p_i q_i) - tol", kl, renyiHalf - tol);
            Claims.atLeast("-2 ln sum sqrt(p_i q_i) >= -tol", renyiHalf, -tol);
        });
    }

    /** Equality case: KL(p || p) = 0 (every term is p_i (ln p_i - ln p_i), exactly 0). */
    @Property
    void klOfADistributionWithItselfIsZero(Check check) {
        check.forAll(SimplexGens.simplexWithZeros(1, 10).as("p"), p -> {
            Claims.close("KL(p||p) = 0", InfoTheory.kl(p, p), 0, 0);
            Claims.close("KL(Cat(p)||Cat(p)) = 0", KL.divergence(new dlmath.prob.Categorical(p),
                    new dlmath.prob.Categorical(p)), 0, 0);
        });
    }

    /**
     * The registered closed forms of the discrete families (Bernoulli, Binomial, Poisson,
     * Categorical) are &gt;= 0, and equal the exact sum sum_k p_k (ln p_k - ln q_k) over the support
     * (KL.numerical; for Poisson up to the point where the tail mass is below e^-270).
     * Tolerance: C (magnitude of the closed form + E_p[S_p + S_q]) plus the sum's own rounding
     * bound, with C = 64 u and the magnitudes of {@link Bounds}.
     */
    @Property(tries = 200)
    void discreteClosedFormsAgreeWithTheExactSum(Check check) {
        check.forAll(ProbGens.discreteKlPairs().as("(p, q)"), pq -> {
            UnivariateDistribution p = pq.p();
            UnivariateDistribution q = pq.q();
            check.label(p.getClass().getSimpleName());
            double closed = KL.divergence(p, q);
            Quadrature.Result sum = KL.numerical(p, q);
            check.note("closed form", closed);
            check.note("exact sum", sum.value());
            if (Double.isInfinite(closed) || Double.isInfinite(sum.value())) {
                Claims.that("both infinite (" + closed + ", " + sum.value() + ")", closed == sum.value());
                return;
            }
            double tol = sum.error() + Bounds.C * (Bounds.klScale(p, q) + Bounds.expect(p, x ->
                    Bounds.logProbScale(p, x) + Bounds.logProbScale(q, x)).value());
            Claims.atLeast("KL(p||q) >= -tol", closed, -tol);
            Claims.close("closed form = sum_k p_k ln(p_k / q_k)", closed, sum.value(), tol);
        });
    }

    /**
     * Necessity of normalization: with a "q" whose entries do not sum to 1 (here q = c q' with
     * c in [1.25, 3]) the sum sum_i p_i ln(p_i / q_i) can be negative. Computed by the formula, since
     * the API rejects such a q.
     */
    @Counterexample
    void failsWhenQIsNotNormalized(Check check) {
        check.forAll(PAIRS.as("(p, q')"), Gens.doubles(1.25, 3).as("c"), (pq, c) -> {
            double[] p = pq[0].toArray();
            double[] q = pq[1].toArray();
            double s = 0;
            for (int i = 0; i < p.length; i++) {
                s += p[i] == 0 ? 0 : p[i] * (Math.log(p[i]) - Math.log(c * q[i]));
            }
            check.note("sum_i q_i", c);
            Claims.atLeast("sum p ln(p / (c q')) >= 0", s, -Tol.gamma(p.length + 4) * (magnitude(p, q) + Math.log(c)));
        });
    }
}
