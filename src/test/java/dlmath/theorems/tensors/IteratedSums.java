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
import dlmath.gen.TnGens;
import dlmath.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * TN-05 Iterated sums (Fubini for finite sums) and means, within the recursive-summation bound.
 * Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Sec. 4.2 (recursive summation,
 * |E| <= gamma_{n-1} sum |x_i|) and Lemma 3.3. Page: theorems/tensors/TN-05-iterated-sums.md.
 */
@Theorem(id = "TN-05", name = "Iterated sums and means",
        statement = "summing over a set of axes at once equals summing over them one at a time, in any order, within "
                + "(gamma_{R-1} + gamma_{sum(d_i - 1)}) sum|x| per output entry; the total equals the sum over axis 0 "
                + "then axis 1; mean = sum / count")
@Tag("tensors")
class IteratedSums {

    /** A tensor of rank 1 to 4 (sides 1 to 4) with a subset of its axes, as flags. */
    record Reduction(Tensor x, boolean[] reduced, boolean keepdims) {
        int[] axes() {
            List<Integer> a = new ArrayList<>();
            for (int d = 0; d < reduced.length; d++) {
                if (reduced[d]) {
                    a.add(d);
                }
            }
            return a.stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public String toString() {
            return "axes = " + Arrays.toString(axes()) + ", keepdims = " + keepdims + "\nx = " + x;
        }
    }

    static Gen<Reduction> reductions(Gen<Double> entries) {
        // the rank from integers(1, 4), not sizes: every rank has probability >= 1/5 on every try (the covers in label)
        return Gens.integers(1, 4).flatMap(rank -> Gens.listOfSize(Gens.sizes(1, 4), rank)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray())).flatMap(s -> Gens.tuples(TensorGens.tensors(s, entries),
                Gens.listOfSize(Gens.booleans(), s.length), Gens.booleans()).map(t -> {
                    boolean[] r = new boolean[s.length];
                    for (int d = 0; d < r.length; d++) {
                        r[d] = t.second().get(d);
                    }
                    return new Reduction(t.first(), r, t.third());
                }));
    }

    /** The shape after reducing: reduced axes removed, or kept with side 1. */
    static int[] reducedShape(int[] shape, boolean[] reduced, boolean keepdims) {
        List<Integer> out = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (!reduced[d]) {
                out.add(shape[d]);
            } else if (keepdims) {
                out.add(1);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * For each output entry (in the keepdims shape): the sum of |x| over its group, the group size R,
     * and sum over the reduced axes of (d_i - 1), computed by walking the indices.
     */
    static double[] groupAbsSums(Tensor x, boolean[] reduced) {
        int[] keep = reducedShape(x.shape(), reduced, true);
        double[] out = new double[Naive.size(keep)];
        for (int[] i : Naive.indices(x.shape())) {
            int[] o = i.clone();
            for (int d = 0; d < o.length; d++) {
                if (reduced[d]) {
                    o[d] = 0;
                }
            }
            out[Naive.flat(o, keep)] += Math.abs(x.get(i));
        }
        return out;
    }

    /** Sums the reduced axes one at a time (keepdims, so axes keep their numbers), in the given order. */
    static Tensor oneAtATime(Tensor x, int[] order) {
        Tensor s = x;
        for (int ax : order) {
            s = s.sum(new int[] {ax}, true);
        }
        return s;
    }

    static void label(Check check, Reduction r) {
        int k = r.axes().length;
        check.label(k == 0 ? "no axes" : k == r.x().rank() ? "all axes" : "some axes");
        // Covers derived from reductions() (Coverage, rule C), over N = 150 random tries, the fewest of the properties
        // that call label (IteratedSums, OrderReductions, LogSumExpBounds; none of them hill-climbs; LogSumExpBounds keeps
        // k >= 1 only, which can only raise the probabilities of the first two cases). The rank r is integers(1, 4):
        // each value has probability >= 1/5 (a fifth of the edges and a quarter of the uniform draws, or more); each axis
        // is reduced by a boolean, true with probability >= 1/2; keepdims is a boolean.
        // two or more axes: r = 2 with both reduced (>= 1/4) or r >= 3 with two of three reduced (>= 1/2); P(r >= 3)
        // >= 2/5 and P(r = 2) >= 1/5, so p >= 1/5 * 1/4 + 2/5 * 1/2 = 0.25 -> 5.3%, e^-20.8.
        check.cover(Coverage.percent(0.25, 150), k >= 2, "two or more axes");
        // all axes: P(all reduced | r) >= 2^-r, so p >= 1/5 (1/2 + 1/4 + 1/8) + 2/5 * 1/16 = 0.2 -> 2.6%, e^-20.8.
        check.cover(Coverage.percent(0.2, 150), k == r.x().rank(), "all axes");
        // keepdims: p >= 1/2 -> 24.3%, e^-20.8.
        check.cover(Coverage.percent(0.5, 150), r.keepdims(), "keepdims");
    }

    /**
     * Sum over a set of axes at once = the iterated single-axis sums in reverse order, within
     * (gamma_{R-1} + gamma_{sum(d_i - 1)}) sum|x| per output entry, and the result shape has the
     * reduced axes removed (or kept with side 1).
     */
    @Property(tries = 250)
    void sumOverAxesEqualsIteratedSums(Check check) {
        check.forAll(reductions(TnGens.entries()).as("reduction"), r -> {
            label(check, r);
            Tensor x = r.x();
            int[] axes = r.axes();
            int[] shape = x.shape();
            Tensor joint = x.sum(axes, r.keepdims());
            assertThat(joint).hasShape(reducedShape(shape, r.reduced(), r.keepdims()));
            int[] reverse = new int[axes.length];
            int groupSize = 1;
            int steps = 0;
            for (int i = 0; i < axes.length; i++) {
                reverse[i] = axes[axes.length - 1 - i];
                groupSize *= shape[axes[i]];
                steps += shape[axes[i]] - 1;
            }
            Tensor iterated = oneAtATime(x, reverse).reshape(reducedShape(shape, r.reduced(), r.keepdims()));
            double g = Naive.gamma(Math.max(groupSize - 1, 0)) + Naive.gamma(steps);
            double[] abs = groupAbsSums(x, r.reduced());
            double[] tol = new double[abs.length];
            for (int i = 0; i < tol.length; i++) {
                tol[i] = Naive.tol(g, abs[i], groupSize);
            }
            assertThat(joint).isCloseTo(iterated, Tensor.of(iterated.shape(), tol));
        });
    }

    /**
     * The total of an m x n matrix: sumAll (m n - 1 additions) against axis 0 then axis 1 ((m - 1)
     * + (n - 1) additions per path): |difference| <= (gamma_{mn-1} + gamma_{m+n-2}) sum|x|.
     */
    @Property(tries = 200)
    void totalIsSumOverAxisZeroThenAxisOne(Check check) {
        check.forAll(Gens.integers(1, 6).flatMap(m -> Gens.integers(1, 6).flatMap(n -> TnGens.tensors(m, n))).as("X"), x -> {
            int m = x.dim(0);
            int n = x.dim(1);
            // derived (Coverage; N = 200, no target): m and n are independent integers(1, 6); P(side = 1) = eb/5
            // + (1 - eb)/6 >= 1/6 (rule C), so p >= 1 - (5/6)^2 = 11/36 -> 11.35%, e^-20.8.
            check.cover(Coverage.percent(11.0 / 36, 200), m == 1 || n == 1, "a single row or column");
            double total = x.sumAll();
            double iterated = x.sum(0).sum(0).item();
            double other = x.sum(1).sum(0).item();
            double tol = Naive.tol(Naive.gamma(m * n - 1) + Naive.gamma(m + n - 2), Naive.absSum(x), m * n);
            check.note("sumAll", total);
            check.note("sum(0).sum(0)", iterated);
            Claims.close("sumAll(X) = sum over axis 0 then axis 1", total, iterated, tol);
            Claims.close("sumAll(X) = sum over axis 1 then axis 0", total, other, tol);
            Claims.close("sum over both axes at once = sumAll", x.sum(new int[] {0, 1}, false).item(), total,
                    Naive.tol(2 * Naive.gamma(m * n - 1), Naive.absSum(x), m * n));
        });
    }

    /** Exact for small integers: no rounding, so the order of summation cannot matter. */
    @Property(tries = 150)
    void exactForSmallIntegers(Check check) {
        check.forAll(reductions(TnGens.integers(100)).as("reduction"), r -> {
            label(check, r);
            Tensor x = r.x();
            int[] axes = r.axes();
            int[] shuffled = axes.clone();
            for (int i = 0; i + 1 < shuffled.length; i += 2) {
                int t = shuffled[i];
                shuffled[i] = shuffled[i + 1];
                shuffled[i + 1] = t;
            }
            Tensor joint = x.sum(axes, true);
            assertThat(oneAtATime(x, shuffled)).isExactly(joint);
            assertThat(oneAtATime(x, axes)).isExactly(joint);
            // the oracle: every entry added into its group
            double[] want = new double[Naive.size(joint.shape())];
            for (int[] i : Naive.indices(x.shape())) {
                int[] o = i.clone();
                for (int ax : axes) {
                    o[ax] = 0;
                }
                want[Naive.flat(o, joint.shape())] += x.get(i);
            }
            assertThat(joint).isExactly(Tensor.of(joint.shape(), want));
            Claims.that("sumAll = sum of the group sums", x.sumAll() == joint.sumAll());
        });
    }

    /**
     * mean = sum / count: the computed mean over R entries and the computed sum divided by R are
     * each within gamma_R sum|x| / R of the exact mean, so within 2 gamma_R sum|x| / R of each other.
     */
    @Property(tries = 200)
    void meanIsSumDividedByCount(Check check) {
        check.forAll(reductions(TnGens.entries()).as("reduction"), r -> {
            label(check, r);
            Tensor x = r.x();
            int[] axes = r.axes();
            int count = 1;
            for (int ax : axes) {
                count *= x.dim(ax);
            }
            Tensor mean = x.mean(axes, r.keepdims());
            Tensor viaSum = x.sum(axes, r.keepdims()).div(count);
            assertThat(mean).hasShape(reducedShape(x.shape(), r.reduced(), r.keepdims()));
            double[] abs = groupAbsSums(x, r.reduced());
            double[] tol = new double[abs.length];
            for (int i = 0; i < tol.length; i++) {
                tol[i] = Naive.tol(2 * Naive.gamma(count), abs[i] / count, count + 1);
            }
            assertThat(mean).isCloseTo(viaSum, Tensor.of(viaSum.shape(), tol));
            Claims.close("meanAll = sumAll / size", x.meanAll(), x.sumAll() / x.size(),
                    Naive.tol(2 * Naive.gamma(x.size()), Naive.absSum(x) / x.size(), x.size() + 1));
        });
    }

    /** Single-axis forms: sum(axis) and mean(axis) drop the axis, and negative axes count from the end. */
    @Property(tries = 100)
    void singleAxisAndNegativeAxes(Check check) {
        check.forAll(TnGens.tensors(TensorGens.shapes(1, 4, 1, 4)).flatMap(x ->
                Gens.integers(0, x.rank() - 1).map(ax -> new Reduction(x, flags(x.rank(), ax), false))).as("reduction"), r -> {
                    Tensor x = r.x();
                    int ax = r.axes()[0];
                    assertThat(x.sum(ax)).isExactly(x.sum(new int[] {ax}, false));
                    assertThat(x.sum(ax - x.rank())).isExactly(x.sum(ax));
                    assertThat(x.mean(ax)).isExactly(x.mean(new int[] {ax - x.rank()}, false));
                });
    }

    static boolean[] flags(int rank, int axis) {
        boolean[] f = new boolean[rank];
        f[axis] = true;
        return f;
    }

    /** The tolerance is necessary: the floating-point total depends on the order of summation. */
    @Counterexample
    void orderOfSummationMatters(Check check) {
        check.forAll(Gens.integers(1, 6).flatMap(m -> Gens.integers(1, 6).flatMap(n -> TnGens.tensors(m, n))).as("X"), x ->
                Claims.that("sumAll(X) = sum(0).sum(0) exactly (" + x.sumAll() + " vs " + x.sum(0).sum(0).item() + ")",
                        x.sumAll() == x.sum(0).sum(0).item()));
    }
}
