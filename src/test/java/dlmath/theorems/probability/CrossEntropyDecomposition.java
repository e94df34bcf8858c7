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
import dlmath.prob.Dirichlet;
import dlmath.prob.InfoTheory;
import dlmath.prob.KL;
import dlmath.prob.Quadrature;
import dlmath.prob.UnivariateDistribution;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * PI-05 Cross entropy is entropy plus KL divergence: H(p, q) = H(p) + KL(p || q). Cover &amp; Thomas,
 * Elements of Information Theory, 2nd ed., Sec. 2.3 and Thm 2.6.3 (the identity behind the
 * cross-entropy loss); Murphy, Machine Learning: a Probabilistic Perspective, Sec. 2.8.2.
 * Page: theorems/probability/PI-05-cross-entropy-decomposition.md.
 */
@Theorem(id = "PI-05", name = "Cross entropy decomposition",
        statement = "H(p, q) = H(p) + KL(p||q) for finite distributions and for densities")
@Tag("probability")
class CrossEntropyDecomposition {

    static final Gen<Tensor[]> PAIRS = Gens.integers(1, 10).flatMap(n -> Gens.tuples(SimplexGens.simplexWithZeros(n, n),
            SimplexGens.simplexWithZeros(n, n)).map(t -> new Tensor[] {t.first(), t.second()}));

    /** sum_i p_i (|ln p_i| + |ln q_i|) over p_i &gt; 0. */
    static double magnitude(Tensor p, Tensor q) {
        double s = 0;
        for (int i = 0; i < p.size(); i++) {
            s += Bounds.term(p.get(i), q.get(i));
        }
        return s;
    }

    /**
     * Finite distributions, q may have zeros: both sides are +infinity exactly when some q_i = 0 &lt; p_i.
     * Rounding: the three sums of n terms are within gamma_{n+3} of their magnitudes, and the
     * normalizations by the sums within gamma_n: tolerance gamma_{2n+6} (magnitude + 1).
     */
    @Property(tries = 300)
    void discreteCrossEntropyIsEntropyPlusKl(Check check) {
        check.forAll(PAIRS.as("(p, q)"), pq -> {
            Tensor p = pq[0];
            Tensor q = pq[1];
            double lhs = InfoTheory.crossEntropy(p, q);
            double rhs = InfoTheory.entropy(p) + InfoTheory.kl(p, q);
            check.note("H(p,q)", lhs);
            check.note("H(p) + KL(p||q)", rhs);
            check.label(Double.isInfinite(lhs) ? "infinite (q_i = 0 < p_i)" : "finite");
            if (Double.isInfinite(lhs) || Double.isInfinite(rhs)) {
                Claims.that("both +infinity (" + lhs + ", " + rhs + ")", lhs == rhs);
                return;
            }
            Claims.close("H(p,q) = H(p) + KL(p||q)", lhs, rhs, Tol.gamma(2 * p.size() + 6) * (magnitude(p, q) + 1));
        });
    }

    /**
     * Densities: -E_p[ln q(X)] by double-exponential quadrature equals the closed-form entropy of p
     * plus the registered closed form KL(p || q) (pairs with finite KL). This checks each family's
     * entropy formula and KL formula against its log density. Tolerance: the quadrature's error
     * estimate plus C (entropy magnitude + KL magnitude) plus the integrand's rounding C E_p[S_p + S_q].
     */
    @Property(tries = 150)
    void continuousCrossEntropyIsEntropyPlusKl(Check check) {
        check.forAll(ProbGens.continuousKlPairs().as("(p, q)"), pq -> {
            UnivariateDistribution p = pq.p();
            UnivariateDistribution q = pq.q();
            double kl = KL.divergence(p, q);
            if (Double.isInfinite(kl)) {
                check.label("KL infinite (skipped)");
                return;
            }
            check.label(p.getClass().getSimpleName() + " || " + q.getClass().getSimpleName());
            Quadrature.Result cross = Quadrature.expectation(p, x -> -q.logProb(x), Bounds.kinks(q));
            double tol = cross.error() + Bounds.C * (Bounds.entropyScale(p) + Bounds.klScale(p, q))
                    + Bounds.integrandRounding(p, q);
            check.note("-E_p ln q (quadrature)", cross.value());
            check.note("H(p) + KL(p||q)", p.entropy() + kl);
            Claims.close("-E_p ln q(X) = H(p) + KL(p||q)", cross.value(), p.entropy() + kl, tol);
        });
    }

    /**
     * Dirichlet: the uniform Dirichlet(1, ..., 1) has the constant density Gamma(K) = (K-1)! on the
     * simplex, so H(p, uniform) = -ln Gamma(K) for every p, and the closed-form entropy plus the
     * registered KL(p || uniform) must equal it. Tolerance: C times the magnitudes of the two closed forms
     * (log-gamma and digamma terms with the weights they carry).
     */
    @Property(tries = 150)
    void dirichletCrossEntropyWithTheUniformIsConstant(Check check) {
        check.forAll(ProbGens.dirichlets(2, 6).as("p"), p -> {
            int k = p.dim();
            double[] a = p.concentration().toArray();
            double a0 = 0;
            double mag = 0;
            for (double ai : a) {
                a0 += ai;
                mag += 2 * Bounds.lg(ai) + (Math.abs(ai - 1) + ai + 1) * (Bounds.dg(ai) + 1);
            }
            mag += 2 * Bounds.lg(a0) + Bounds.lg(k) + (a0 + k) * (2 * Bounds.dg(a0) + 1);
            Dirichlet uniform = new Dirichlet(Tensor.ones(k));
            check.collect("K = " + k);
            Claims.close("H(p) + KL(p || Dirichlet(1)) = -ln Gamma(K)", p.entropy() + KL.divergence(p, uniform),
                    -org.apache.commons.math3.special.Gamma.logGamma(k), Bounds.C * mag);
        });
    }

    /** The decomposition needs H(p), not H(q): H(p, q) = H(q) + KL(p || q) fails. */
    @Counterexample
    void failsWithTheEntropyOfQ(Check check) {
        check.forAll(PAIRS.as("(p, q)"), pq -> {
            double lhs = InfoTheory.crossEntropy(pq[0], pq[1]);
            double rhs = InfoTheory.entropy(pq[1]) + InfoTheory.kl(pq[0], pq[1]);
            Claims.that("H(p,q) = H(q) + KL(p||q) (" + lhs + " vs " + rhs + ")", lhs == rhs
                    || Math.abs(lhs - rhs) <= Tol.gamma(2 * pq[0].size() + 6) * (magnitude(pq[0], pq[1])
                    + magnitude(pq[1], pq[1]) + 1));
        });
    }
}
