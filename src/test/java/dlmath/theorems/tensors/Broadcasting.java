package dlmath.theorems.tensors;

import static dlmath.gen.TensorAssert.assertThat;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.Coverage;
import dlmath.gen.TensorGens;
import dlmath.tensor.Shapes;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * TN-01 Broadcasting. NumPy, "Broadcasting: general broadcasting rules"; Array API standard,
 * "Broadcasting". Page: theorems/tensors/TN-01-broadcasting.md.
 */
@Theorem(id = "TN-01", name = "Broadcasting follows the NumPy rule",
        statement = "a + b has the broadcast shape of a and b, (a + b)[i] = a[i|a] + b[i|b] at the projected indices, "
                + "a + b = b + a, and a + b = broadcastTo(a) + broadcastTo(b), exactly")
@Tag("tensors")
class Broadcasting {

    /**
     * Two shapes of the same rank (1 to 4) that broadcast only through side-1 axes: sides 2 or 3,
     * each operand with some of them set to 1.
     */
    static final Gen<int[][]> SAME_RANK = TensorGens.shapes(1, 4, 2, 3).flatMap(full ->
            Gens.listOfSize(Gens.listOfSize(Gens.booleans(), full.length), 2).map(ones -> {
                int[][] out = new int[2][full.length];
                for (int k = 0; k < 2; k++) {
                    for (int d = 0; d < full.length; d++) {
                        out[k][d] = ones.get(k).get(d) ? 1 : full[d];
                    }
                }
                return out;
            }));

    /**
     * Two tensors of mutually broadcastable shapes (rank 0 to 4, sides 1 to 3), any nice entries:
     * half from {@code TensorGens.broadcastablePair}, half of the same rank.
     */
    static final Gen<List<Tensor>> PAIRS = Gens.oneOf(TensorGens.broadcastablePair(4, 3), SAME_RANK).flatMap(s ->
            Gens.tuples(TensorGens.tensors(s[0]), TensorGens.tensors(s[1])).map(t -> List.of(t.first(), t.second())));

    static final Gen<List<Tensor>> TRIPLES = TensorGens.broadcastableTriple(3, 3).flatMap(s ->
            Gens.tuples(TensorGens.tensors(s[0]), TensorGens.tensors(s[1]), TensorGens.tensors(s[2]))
                    .map(t -> List.of(t.first(), t.second(), t.third())));

    static void labelShapes(Check check, int[] a, int[] b) {
        check.label(a.length == b.length ? "same rank" : "different ranks");
        // Covers derived from PAIRS (Coverage, rules F, C, S; N = 200 random tries, no target): oneOf takes
        // broadcastablePair(4, 3) or SAME_RANK with probability 1/2 each. In broadcastablePair the rank r comes from
        // sizes(0, 4): P(r = 0) <= eb 2/5 + (1 - eb)/2 <= 0.495 (cap >= 1) and P(r = 0) >= 1/5 (cap <= 4: 0 is one of
        // the 5 edges and 1 of at most 5 uniform values). Each operand drops integers(0, r) leading axes, independently;
        // no value of a choice in [0, r >= 1] has probability above eb 3/5 + (1 - eb)/2 <= 0.55, so the drops differ
        // with probability >= 0.45, and drop = r (a scalar) has probability >= 1/5.
        // different ranks: p >= 1/2 * 0.505 * 0.45 = 0.114 -> 0.35% (at least one of 200), e^-20.9.
        check.cover(Coverage.percent(0.5 * 0.505 * 0.45, 200), a.length != b.length, "different ranks");
        // SAME_RANK: rank >= 1, sides 2 or 3, each axis of each operand set to 1 by a boolean (P(true) in [0.5, 0.55]),
        // so the two operands differ on axis 0 with probability >= 2 * 0.55 * 0.45 = 0.495: p >= 0.2475 -> 7.3%, e^-20.8.
        check.cover(Coverage.percent(0.5 * 0.495, 200), !Arrays.equals(a, b) && a.length == b.length,
                "same rank, a side-1 axis broadcasts");
        // a scalar operand: r = 0 (>= 1/5), or r >= 1 and a drop equals r (>= 1 - (4/5)^2 = 0.36): p >= 1/2 (0.2 + 0.8
        // * 0.36) = 0.244 -> 7.1%, e^-20.8.
        check.cover(Coverage.percent(0.5 * (0.2 + 0.8 * 0.36), 200), a.length == 0 || b.length == 0, "a scalar operand");
    }

    @Property(tries = 200)
    void resultShapeFollowsTheRule(Check check) {
        check.forAll(PAIRS.as("(a, b)"), ab -> {
            int[] sa = ab.get(0).shape();
            int[] sb = ab.get(1).shape();
            labelShapes(check, sa, sb);
            int[] rule = Naive.broadcastRule(sa, sb);
            Claims.that("the generated shapes broadcast", rule != null);
            check.note("rule(a, b)", Shapes.toString(rule));
            Claims.that("Shapes.broadcast(a, b) = rule(a, b) = " + Shapes.toString(rule)
                    + ", was " + Shapes.toString(Shapes.broadcast(sa, sb)), Arrays.equals(Shapes.broadcast(sa, sb), rule));
            assertThat(ab.get(0).add(ab.get(1))).hasShape(rule);
            assertThat(ab.get(1).mul(ab.get(0))).hasShape(rule);
        });
    }

    /** Every entry of a + b is the sum of the entries broadcasting reads: index i projected onto each shape. */
    @Property(tries = 200)
    void entriesAreSumsOfProjectedEntries(Check check) {
        check.forAll(PAIRS.as("(a, b)"), ab -> {
            Tensor a = ab.get(0);
            Tensor b = ab.get(1);
            labelShapes(check, a.shape(), b.shape());
            Tensor sum = a.add(b);
            for (int[] i : Naive.indices(sum.shape())) {
                double expected = a.get(Naive.project(i, a.shape())) + b.get(Naive.project(i, b.shape()));
                if (Double.compare(sum.get(i), expected) != 0) {
                    throw new AssertionError("(a + b)" + Arrays.toString(i) + " = " + sum.get(i) + ", but a"
                            + Arrays.toString(Naive.project(i, a.shape())) + " + b" + Arrays.toString(Naive.project(i, b.shape()))
                            + " = " + expected + "\na + b = " + sum);
                }
            }
        });
    }

    @Property(tries = 200)
    void additionAndMultiplicationCommuteExactly(Check check) {
        check.forAll(PAIRS.as("(a, b)"), ab -> {
            Tensor a = ab.get(0);
            Tensor b = ab.get(1);
            labelShapes(check, a.shape(), b.shape());
            assertThat(a.add(b)).isExactly(b.add(a));
            assertThat(a.mul(b)).isExactly(b.mul(a));
        });
    }

    /** Broadcasting is explicit expansion: a + b = broadcastTo(a, s) + broadcastTo(b, s), entry by entry. */
    @Property(tries = 200)
    void equalsExplicitExpansion(Check check) {
        check.forAll(PAIRS.as("(a, b)"), ab -> {
            Tensor a = ab.get(0);
            Tensor b = ab.get(1);
            labelShapes(check, a.shape(), b.shape());
            int[] s = Naive.broadcastRule(a.shape(), b.shape());
            Tensor ea = a.broadcastTo(s);
            Tensor eb = b.broadcastTo(s);
            for (int[] i : Naive.indices(s)) {
                Claims.that("broadcastTo(a)" + Arrays.toString(i) + " = a" + Arrays.toString(Naive.project(i, a.shape())),
                        Double.compare(ea.get(i), a.get(Naive.project(i, a.shape()))) == 0);
            }
            assertThat(a.add(b)).isExactly(ea.add(eb));
            assertThat(a.sub(b)).isExactly(ea.sub(eb));
            assertThat(a.div(b)).isExactly(ea.div(eb));
        });
    }

    /**
     * Three operands: the broadcast shape does not depend on the grouping, and where(c, a, b) picks
     * the projected entries; the entrywise maximum, which is exact, is associative under broadcasting.
     */
    @Property(tries = 150)
    void threeOperandsBroadcastTogether(Check check) {
        check.forAll(TRIPLES.as("(c, a, b)"), t -> {
            Tensor c = t.get(0);
            Tensor a = t.get(1);
            Tensor b = t.get(2);
            int[] s = Naive.broadcastRule(Naive.broadcastRule(c.shape(), a.shape()), b.shape());
            // derived (Coverage; N = 150, no target): broadcastableTriple(3, 3) has rank r >= 1 with probability >= 0.505
            // (sizes(0, 3), as for PAIRS), and then a's and b's drops differ with probability >= 0.45: p >= 0.227 -> 4%, e^-20.8.
            check.cover(Coverage.percent(0.505 * 0.45, 150), c.rank() != a.rank() || a.rank() != b.rank(), "mixed ranks");
            assertThat(c.maximum(a).maximum(b)).isExactly(c.maximum(a.maximum(b))).hasShape(s);
            Tensor w = Tensor.where(c.gt(0), a, b);
            assertThat(w).hasShape(s);
            for (int[] i : Naive.indices(s)) {
                double want = c.get(Naive.project(i, c.shape())) > 0 ? a.get(Naive.project(i, a.shape()))
                        : b.get(Naive.project(i, b.shape()));
                Claims.that("where(c > 0, a, b)" + Arrays.toString(i) + " = " + want + ", was " + w.get(i),
                        Double.compare(w.get(i), want) == 0);
            }
        });
    }

    /**
     * The hypothesis "the shapes broadcast" dropped: for shapes that do not broadcast there is no
     * broadcast shape, and add refuses the operands, naming both shapes. The engine confirms with the
     * rule written out in the test (Naive.broadcastRule = null) before the call; should add return a
     * result, the claim that the shapes broadcast fails.
     */
    @Counterexample(expects = IllegalArgumentException.class)
    void shapesThatDoNotBroadcastHaveNoSum(Check check) {
        check.forAll(Gens.tuples(TensorGens.shapes(1, 3, 2, 3), TensorGens.shapes(1, 3, 2, 3)).as("(shape a, shape b)"), s -> {
            int[] rule = Naive.broadcastRule(s.first(), s.second());
            check.confirm("the shapes do not broadcast (the rule written out in the test)", rule == null);
            Tensor sum = Tensor.zeros(s.first()).add(Tensor.zeros(s.second()));
            Claims.that("a + b has the broadcast shape of a and b, but there is none; got shape "
                    + Shapes.toString(sum.shape()), rule != null);
        });
    }
}
