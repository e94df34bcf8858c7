package dlmath.theorems.probability;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.ProbGens;
import dlmath.gen.SimplexGens;
import dlmath.prob.Categorical;
import dlmath.prob.InfoTheory;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * PI-04 Bounds on the entropy of a finite distribution: 0 &lt;= H(p) &lt;= ln n, with H = ln n only at
 * the uniform distribution and H = 0 only at point masses. Cover &amp; Thomas, Elements of
 * Information Theory, 2nd ed., Thm 2.6.4 and Lemma 2.1.1. Page: theorems/probability/PI-04-entropy-bounds.md.
 */
@Theorem(id = "PI-04", name = "Entropy bounds",
        statement = "0 <= H(p) <= ln n for a distribution on n points, with H(p) = ln n only at the uniform "
                + "distribution and H(p) = 0 only at a point mass")
@Tag("probability")
class EntropyBounds {

    /**
     * The rounding of H(p) = -sum p_i ln p_i over n entries: each term within gamma_3 p_i |ln p_i|,
     * the sum of the non-negative terms within gamma_n, and the API's division by the sum
     * (|sum - 1| &lt;= gamma_n) moves H by at most gamma_n (H + 1): in all gamma_{2n+3} (H + 1).
     * The comparison adds the rounding of ln n, of max p and of the total variation (gamma_n).
     */
    static double tolerance(int n, double h) {
        return Tol.gamma(2 * n + 6) * (h + Math.log(n) + 2);
    }

    /**
     * -ln max_i p_i &lt;= H(p) &lt;= ln n - 2 TV(p, u)^2, u uniform: the left side (the min-entropy) is 0
     * only for a point mass; the right side is Pinsker's inequality applied to
     * KL(p || u) = ln n - H(p), so H(p) &lt; ln n for every p != u. target() climbs H / ln n.
     */
    @Property(tries = 300)
    void entropyLiesBetweenZeroAndLogN(Check check) {
        check.forAll(SimplexGens.simplexWithZeros(1, 10).as("p"), p -> {
            int n = p.size();
            double h = InfoTheory.entropy(p);
            double tv = InfoTheory.totalVariation(p, Tensor.full(1.0 / n, n));
            double tol = tolerance(n, h);
            check.note("H(p)", h);
            check.note("TV(p, uniform)", tv);
            if (n >= 2) {
                check.target(h / Math.log(n), "H(p) / ln n (sharp at 1, the uniform distribution)");
            }
            Claims.atLeast("H(p) >= -ln max p >= 0", h, -Math.log(p.maxAll()) - tol);
            Claims.atMost("H(p) <= ln n - 2 TV(p, uniform)^2", h, Math.log(n) - 2 * tv * tv + tol);
        });
    }

    /**
     * The Categorical distribution's entropy (summed over its support as exp(log p) log p) equals
     * H(p); the extra rounding of exp(ln p_i) is u |ln p_i| relatively per term, so the
     * tolerance adds gamma_{2n+6} sum p_i ln^2 p_i.
     */
    @Property(tries = 200)
    void categoricalEntropyAgrees(Check check) {
        check.forAll(ProbGens.categoricals().as("d"), d -> {
            Tensor p = d.probs();
            double h = InfoTheory.entropy(p);
            double sq = 0;
            for (double v : p.toArray()) {
                sq += v == 0 ? 0 : v * Math.log(v) * Math.log(v);
            }
            Claims.close("Categorical(p).entropy() = H(p)", d.entropy(), h,
                    tolerance(p.size(), h) + Tol.gamma(2 * p.size() + 6) * sq);
        });
    }

    /** The bounds are attained: H(uniform on n points) = ln n and H(point mass) = 0. */
    @Property
    void boundsAreAttained(Check check) {
        check.forAll(Gens.integers(1, 50).as("n"), Gens.integers(0, 49).as("k"), (n, k) -> {
            Claims.close("H(uniform) = ln n", InfoTheory.entropy(Tensor.full(1.0 / n, n)), Math.log(n),
                    tolerance(n, Math.log(n)));
            double[] e = new double[n];
            e[k % n] = 1;
            Claims.close("H(point mass) = 0", new Categorical(Tensor.of(e)).entropy(), 0, 0);
        });
    }

    /**
     * Necessity of finiteness: a differential entropy can be negative (a normal with scale below
     * 1 / sqrt(2 pi e) = 0.242, a uniform of width below 1); the engine finds such a density.
     */
    @Counterexample
    void differentialEntropyCanBeNegative(Check check) {
        check.forAll(ProbGens.continuous().as("d"), d -> Claims.atLeast("H(d) >= 0", d.entropy(), 0));
    }
}
