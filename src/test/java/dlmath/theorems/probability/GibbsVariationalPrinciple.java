package dlmath.theorems.probability;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.SimplexGens;
import dlmath.gen.TensorGens;
import dlmath.prob.Categorical;
import dlmath.prob.InfoTheory;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * PI-18 The Gibbs variational principle: logsumexp(x) = max_p (&lt;p, x&gt; + H(p)) over the simplex, attained
 * only at p = softmax(x); softmax is shift invariant and concentrates on the argmax as the temperature
 * goes to 0. Wainwright &amp; Jordan, Graphical Models, Exponential Families, and Variational Inference,
 * Found. Trends ML 1 (2008), Thm 3.4 and Sec. 3.6; Boyd &amp; Vandenberghe, Convex Optimization, Example 3.25.
 * Page: theorems/probability/PI-18-gibbs-variational-principle.md.
 */
@Theorem(id = "PI-18", name = "Gibbs variational principle",
        statement = "logsumexp(x) = max_p <p,x> + H(p), attained at softmax(x), with gap KL(p || softmax(x)); "
                + "softmax(x + c) = softmax(x); softmax(x / T) -> uniform on argmax x as T -> 0")
@Tag("probability")
class GibbsVariationalPrinciple {

    /** Logits in [-10, 10] and a probability vector of the same length n in [1, 8]. */
    static final Gen<Tensor[]> CASES = Gens.integers(1, 8).flatMap(n -> Gens.tuples(
            TensorGens.tensors(new int[] {n}, Gens.doubles(-10, 10)), SimplexGens.simplexWithZeros(n, n)))
            .map(t -> new Tensor[] {t.first(), t.second()});

    /**
     * The rounding of &lt;p, x&gt; + H(p), logsumexp and KL(p || softmax x) for |x_i| &lt;= 10: every log
     * term is at most 20 + ln n in size (ln softmax_i = x_i - lse), so each of the three sums of n
     * terms is within gamma_{2n+8} (2 (30 + ln n) + 2).
     */
    static double tolerance(int n) {
        return 3 * Tol.gamma(2 * n + 8) * (2 * (30 + Math.log(n)) + 2);
    }

    /**
     * &lt;p, x&gt; + H(p) &lt;= logsumexp(x), and the gap is KL(p || softmax(x)) (so zero only at softmax).
     * target() climbs (&lt;p, x&gt; + H(p)) - logsumexp(x) toward 0.
     */
    @Property(tries = 300)
    void logSumExpIsTheMaximumOfLinearPlusEntropy(Check check) {
        check.forAll(CASES.as("(x, p)"), c -> {
            Tensor x = c[0];
            Tensor p = c[1];
            double lse = x.logsumexpAll();
            double value = p.dot(x) + InfoTheory.entropy(p);
            Tensor s = Categorical.fromLogits(x).probs();
            double tol = tolerance(x.size());
            check.note("<p,x> + H(p)", value);
            check.note("logsumexp(x)", lse);
            check.target(value - lse, "<p,x> + H(p) - logsumexp(x) (sharp at 0)");
            Claims.atMost("<p,x> + H(p) <= logsumexp(x)", value, lse + tol);
            Claims.close("logsumexp(x) - <p,x> - H(p) = KL(p || softmax x)", lse - value, InfoTheory.kl(p, s), tol);
        });
    }

    /** The maximum is attained at softmax(x): &lt;s, x&gt; + H(s) = logsumexp(x). */
    @Property(tries = 200)
    void softmaxAttainsTheMaximum(Check check) {
        check.forAll(CASES.as("(x, _)"), c -> {
            Tensor x = c[0];
            Tensor s = Categorical.fromLogits(x).probs();
            Claims.close("<softmax x, x> + H(softmax x) = logsumexp(x)", s.dot(x) + InfoTheory.entropy(s),
                    x.logsumexpAll(), tolerance(x.size()));
        });
    }

    /**
     * softmax(x + c) = softmax(x) entrywise. Rounding: x_i + c is off by u |x_i + c|, which with the
     * max subtraction and the exponent changes each probability by a relative
     * 4 u (|x_i| + |c| + max |x|) + gamma_{n+4}.
     */
    @Property(tries = 300)
    void softmaxIsShiftInvariant(Check check) {
        check.forAll(CASES.as("(x, _)"), Gens.doubles(-100, 100).as("c"), (c, shift) -> {
            Tensor x = c[0];
            double[] a = Categorical.fromLogits(x).probs().toArray();
            double[] b = Categorical.fromLogits(x.add(shift)).probs().toArray();
            double max = x.abs().maxAll();
            for (int i = 0; i < a.length; i++) {
                double rel = 4 * Tol.U * (Math.abs(x.get(i)) + Math.abs(shift) + max) * 2 + Tol.gamma(a.length + 4);
                Claims.close("softmax(x + c)_" + i + " = softmax(x)_" + i, b[i], a[i], rel * a[i] + Double.MIN_NORMAL);
            }
        });
    }

    /**
     * softmax(x / T) puts mass at least 1 - (n - |A|) exp(-g / T) on the argmax set A (g = the gap to
     * the next value), equally on the tied entries: it tends to the uniform distribution on A. Integer
     * logits in [-5, 5] make ties common. Rounding: gamma_{n+4} per entry plus u (max |x| / T).
     */
    @Property(tries = 300)
    void lowTemperatureGivesTheArgmax(Check check) {
        check.forAll(Gens.integers(1, 8).flatMap(n -> TensorGens.tensors(new int[] {n},
                Gens.integers(-5, 5).map(Integer::doubleValue))).as("x"), Gens.doubles(0.01, 1).as("T"), (x, t) -> {
            double[] p = Categorical.fromLogits(x, t).probs().toArray();
            double max = x.maxAll();
            double second = Double.NEGATIVE_INFINITY;
            int ties = 0;
            double onArgmax = 0;
            double tiedValue = -1;
            for (int i = 0; i < p.length; i++) {
                if (x.get(i) == max) {
                    ties++;
                    onArgmax += p[i];
                    Claims.that("tied maxima get equal mass (" + p[i] + ", " + tiedValue + ")", tiedValue < 0 || p[i] == tiedValue);
                    tiedValue = p[i];
                } else {
                    second = Math.max(second, x.get(i));
                }
            }
            double rest = (p.length - ties) * Math.exp(-(max - second) / t);
            check.collect(ties + " tied");
            double tol = Tol.gamma(p.length + 4) + 4 * Tol.U * 10 / t;
            Claims.atLeast("mass on argmax >= 1 - (n - |A|) exp(-gap / T)", onArgmax, 1 - rest - tol);
            Claims.close("each argmax entry -> 1 / |A|", tiedValue, 1.0 / ties, rest + tol);
        });
    }

    /** Softmax is not scale invariant: softmax(2 x) != softmax(x) unless x is constant. */
    @Counterexample
    void softmaxIsNotScaleInvariant(Check check) {
        check.forAll(CASES.as("(x, _)"), c -> {
            Tensor x = c[0];
            Tensor a = Categorical.fromLogits(x).probs();
            Tensor b = Categorical.fromLogits(x.mul(2)).probs();
            Claims.that("softmax(2x) = softmax(x) (max difference " + a.maxAbsDiff(b) + ")", a.maxAbsDiff(b) <= 1e-12);
        });
    }
}
