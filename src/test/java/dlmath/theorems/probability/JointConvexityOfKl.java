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
import dlmath.prob.InfoTheory;
import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * PI-19 Joint convexity of the KL divergence: KL(l p1 + (1-l) p2 || l q1 + (1-l) q2) &lt;=
 * l KL(p1 || q1) + (1 - l) KL(p2 || q2). Cover &amp; Thomas, Elements of Information Theory, 2nd ed.,
 * Thm 2.7.2 (via the log sum inequality, Thm 2.7.1). Page: theorems/probability/PI-19-joint-convexity-of-kl.md.
 */
@Theorem(id = "PI-19", name = "Joint convexity of KL divergence",
        statement = "KL(l p1 + (1-l) p2 || l q1 + (1-l) q2) <= l KL(p1||q1) + (1-l) KL(p2||q2) for l in [0, 1]")
@Tag("probability")
class JointConvexityOfKl {

    /** p1, p2 (zeros allowed) and q1, q2 (positive) of one length n in [1, 6]. */
    static final Gen<List<Tensor>> FOUR = Gens.integers(1, 6).flatMap(n -> Gens.tuples(
            Gens.listOfSize(Gens.oneOf(SimplexGens.simplexWithZeros(n, n), SimplexGens.simplexWideWithZeros(n, n)), 2),
            Gens.listOfSize(Gens.oneOf(SimplexGens.simplex(n, n), SimplexGens.simplexWide(n, n)), 2))
            .map(t -> List.of(t.first().get(0), t.first().get(1), t.second().get(0), t.second().get(1))));

    static Tensor mix(double l, Tensor a, Tensor b) {
        return a.mul(l).add(b.mul(1 - l));
    }

    /**
     * Rounding: the mixtures are within gamma_3 entrywise (so their sums within gamma_{n+3} of 1, which
     * InfoTheory divides out, a relative gamma_{n+3}); each KL sum within gamma_{2n+6} of its
     * magnitude sum p_i (|ln p_i| + |ln q_i|) + 1.
     */
    static double tolerance(double l, Tensor p1, Tensor p2, Tensor q1, Tensor q2, Tensor pm, Tensor qm) {
        return Tol.gamma(2 * p1.size() + 8) * (CrossEntropyDecomposition.magnitude(pm, qm)
                + l * CrossEntropyDecomposition.magnitude(p1, q1) + (1 - l) * CrossEntropyDecomposition.magnitude(p2, q2) + 3);
    }

    /** The inequality; target() climbs the ratio of the sides toward 1 (equal components give equality). */
    @Property(tries = 400)
    void klIsJointlyConvex(Check check) {
        check.forAll(FOUR.as("(p1, p2, q1, q2)"), Gens.doubles(0, 1).as("lambda"), (v, l) -> {
            Tensor pm = mix(l, v.get(0), v.get(1));
            Tensor qm = mix(l, v.get(2), v.get(3));
            double lhs = InfoTheory.kl(pm, qm);
            double smallest = 1;
            for (Tensor t : v) {
                smallest = Math.min(smallest, SimplexGens.smallestPositive(t));
            }
            check.label(smallest < 1e-100 ? "a probability below 1e-100" : "all probabilities >= 1e-100");
            double rhs = l * InfoTheory.kl(v.get(0), v.get(2)) + (1 - l) * InfoTheory.kl(v.get(1), v.get(3));
            check.note("KL(mix p || mix q)", lhs);
            check.note("mix of KLs", rhs);
            if (rhs > 1e-9) {
                check.target(lhs / rhs, "KL(mix || mix) / mix of KLs (sharp at 1)");
            }
            Claims.atMost("KL(l p1 + (1-l) p2 || l q1 + (1-l) q2) <= l KL(p1||q1) + (1-l) KL(p2||q2)", lhs,
                    rhs + tolerance(l, v.get(0), v.get(1), v.get(2), v.get(3), pm, qm));
        });
    }

    /** Equality when the two components coincide (p1 = p2, q1 = q2): both sides are KL(p1 || q1). */
    @Property(tries = 100)
    void equalityForEqualComponents(Check check) {
        check.forAll(FOUR.as("(p, _, q, _)"), Gens.doubles(0, 1).as("lambda"), (v, l) -> {
            Tensor p = v.get(0);
            Tensor q = v.get(2);
            Tensor pm = mix(l, p, p);
            Tensor qm = mix(l, q, q);
            Claims.close("KL(mix || mix) = KL(p || q)", InfoTheory.kl(pm, qm), InfoTheory.kl(p, q),
                    2 * tolerance(l, p, p, q, q, pm, qm));
        });
    }

    /**
     * Necessity of one common weight: with weight l for the p's and m for the q's the inequality fails
     * (e.g. p1 = q2, p2 = q1, l != m).
     */
    @Counterexample
    void failsWithDifferentWeights(Check check) {
        check.forAll(FOUR.as("(p1, p2, q1, q2)"), Gens.doubles(0, 1).as("lambda"), Gens.doubles(0, 1).as("mu"),
                (v, l, m) -> {
                    Tensor pm = mix(l, v.get(0), v.get(1));
                    Tensor qm = mix(m, v.get(2), v.get(3));
                    double rhs = l * InfoTheory.kl(v.get(0), v.get(2)) + (1 - l) * InfoTheory.kl(v.get(1), v.get(3));
                    Claims.atMost("KL(l p1 + (1-l) p2 || m q1 + (1-m) q2) <= l KL(p1||q1) + (1-l) KL(p2||q2)",
                            InfoTheory.kl(pm, qm), rhs + tolerance(l, v.get(0), v.get(1), v.get(2), v.get(3), pm, qm));
                });
    }
}
