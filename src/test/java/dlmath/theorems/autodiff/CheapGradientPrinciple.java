package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Primitive;
import dlmath.autodiff.Primitives;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.AutodiffGens;
import dlmath.gen.AutodiffGens.OpSample;
import dlmath.tensor.OpCount;
import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * AD-13 The cheap gradient principle. Baur &amp; Strassen, "The complexity of partial
 * derivatives", Theoret. Comput. Sci. 22 (1983), Thm 1; Griewank &amp; Walther, Evaluating
 * Derivatives, 2nd ed., Sec. 4.6 (complexity of the gradient: a bounded multiple of the
 * function). Page: theorems/autodiff/AD-13-cheap-gradient-principle.md.
 */
@Theorem(id = "AD-13", name = "Cheap gradient principle",
        statement = "W(reverse sweep) <= 5 W(f): the counted work of the reverse-mode gradient is at most 5 times the work of the function (value and gradient together at most 6 W(f))")
@Tag("autodiff")
class CheapGradientPrinciple {

    /**
     * The primitives whose reverse rule is cheap (local constant <= 5): all but slice (dense
     * adjoint), logdet (an inverse), max (its rule finds the argmax again: 2N - n comparisons,
     * then a product and an accumulation, 4N - n against N - n, ratio 7 for groups of 2) and
     * solve (its rule factors A again and forms an outer product: with the exact count of LU,
     * 7 operations against 1 for n = 1).
     */
    static final List<Primitive> CHEAP = Primitives.ALL.stream()
            .filter(p -> p != Primitives.SLICE && p != Primitives.LOGDET && p != Primitives.MAX
                    && p != Primitives.SOLVE).toList();

    static final List<Primitive> CHEAP_PROGRAM_OPS = AutodiffGens.PROGRAM_OPS.stream()
            .filter(p -> p != Primitives.SLICE && p != Primitives.MAX).toList();

    /**
     * The declared work model is checked against an independent instrument: {@link OpCount}
     * counts the arithmetic operations and comparisons the tensor and linalg kernels execute. For
     * every primitive: the forward's declared work W_f is at least the count and exceeds it by
     * at most one move per output entry (data movement is charged, not counted; for solve also
     * the multiply-adds LU skips for exact-zero multipliers, 2(n-1-k) + 2 (right-hand sides) each,
     * counted from the factor L); and the reverse rule's declared work (the graph's work during
     * the sweep) is at least its count: no rule does work the graph does not charge.
     */
    @Property(tries = 300)
    void declaredWorkMatchesTheInstrumentedCount(Check check) {
        check.forAll(AutodiffGens.opSamples().as("sample"), s -> {
            check.label(s.op().name());
            Work w = Work.of(check, s);
            long skipped = s.op() == Primitives.SOLVE ? skippedByLu(s.inputs()) : 0;
            Claims.atMost(s.op().name() + ": declared forward work <= counted + one move per output entry",
                    w.declaredForward(), w.countedForward() + w.outputs() + skipped);
        });
    }

    /**
     * One primitive application and its reverse rule (accumulating into zero adjoints), each
     * measured twice: the graph's declared work and the instrument's count; claims declared &gt;=
     * counted for both (no kernel does work the graph does not charge).
     */
    record Work(long countedForward, long declaredForward, long countedReverse, long declaredReverse, long outputs) {
        static Work of(Check check, OpSample s) {
            Graph g = new Graph();
            Var[] x = Autodiff.variables(g, s.inputs());
            Var[] y = new Var[1];
            long countedForward = OpCount.during(() -> y[0] = g.apply(s.op(), s.attrs(), x));
            long declaredForward = g.work();
            check.note("counted forward", countedForward);
            check.note("declared forward", declaredForward);
            Claims.atLeast(s.op().name() + ": declared forward work >= counted operations", declaredForward, countedForward);
            Tensor[] initial = new Tensor[x.length];
            for (int i = 0; i < x.length; i++) {
                initial[i] = Tensor.zeros(x[i].shape());
            }
            long countedReverse = OpCount.during(() -> Autodiff.grad(y[0], Tensor.ones(y[0].shape()), false, x, initial));
            long declaredReverse = g.work() - declaredForward;
            check.note("counted reverse", countedReverse);
            check.note("declared reverse", declaredReverse);
            Claims.atLeast(s.op().name() + ": declared reverse work >= counted operations", declaredReverse, countedReverse);
            return new Work(countedForward, declaredForward, countedReverse, declaredReverse, y[0].value().size());
        }
    }

    /**
     * The layer primitives ({@code NnPrimitives}: convolution and its adjoints, pooling, gather and
     * scatterAdd, batchNorm) against the same instrument (their kernels report to {@link OpCount}):
     * the forward's declared work and the reverse rule's declared work are each at least the count.
     * (Their declared work charges every window entry, padding included, so no upper claim.)
     */
    @Property(tries = 150)
    void layerPrimitivesDeclareAtLeastTheInstrumentedCount(Check check) {
        check.forAll(AutodiffGens.opSamples(dlmath.nn.NnPrimitives.ALL).as("sample"), s -> {
            check.label(s.op().name());
            Work.of(check, s);
        });
    }

    /** The operations LU with partial pivoting skips on A x = b: 2(n-1-k) + 2 r per exact-zero multiplier L[i, k]. */
    static long skippedByLu(Tensor[] x) {
        Tensor l = dlmath.linalg.Lu.of(x[0]).l();
        int n = l.dim(0);
        long r = x[1].rank() == 1 ? 1 : x[1].dim(1);
        long skipped = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i; k++) {
                if (l.get(i, k) == 0) {
                    skipped += 2L * (n - 1 - k) + 2 * r;
                }
            }
        }
        return skipped;
    }

    /**
     * The local constant of one primitive: (work of its reverse rule, accumulating into adjoints
     * that already hold a value) / work of its forward. Starting every input's adjoint at zero
     * makes every contribution an accumulation: the worst case, which a primitive meets when its
     * inputs have fan-out.
     */
    static double localRatio(OpSample s) {
        Graph g = new Graph();
        Var[] x = Autodiff.variables(g, s.inputs());
        Var y = g.apply(s.op(), s.attrs(), x);
        long forward = g.work();
        Tensor[] initial = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            initial[i] = Tensor.zeros(x[i].shape());
        }
        Autodiff.grad(y, Tensor.ones(y.shape()), false, x, initial);
        return (double) (g.work() - forward) / forward;
    }

    @Property(tries = 300)
    void everyCheapPrimitiveHasLocalConstantAtMostFive(Check check) {
        check.forAll(AutodiffGens.opSamples(CHEAP).as("sample"), s -> {
            double r = localRatio(s);
            check.label(s.op().name());
            check.target(r / 5, "local ratio / 5 (sharp at 1)");
            Claims.atMost(s.op().name() + ": W(reverse rule, accumulating) / W(forward)", r, 5);
        });
    }

    @Property(tries = 300)
    void reverseSweepOfRandomProgramsCostsAtMostFiveTimesTheFunction(Check check) {
        check.forAll(AutodiffGens.programs(CHEAP_PROGRAM_OPS, 10).as("program"), c -> {
            Graph g = new Graph();
            Var[] x = Autodiff.variables(g, c.inputs());
            Var y = c.program().evaluate(x);
            long function = g.work();
            Autodiff.grad(y, x);
            long reverse = g.work() - function;
            check.note("W(f)", function);
            check.note("W(reverse sweep)", reverse);
            check.target((double) reverse / (5.0 * function), "W(reverse) / (5 W(f))");
            Claims.atMost("W(reverse sweep) <= 5 W(f)", reverse, 5 * function);
        });
    }

    /** The softmax cross-entropy loss of a two-layer tanh MLP (the benchmark's function, GradientCostBench). */
    @Property(tries = 50)
    void mlpLossGradientCostsAtMostFiveTimesTheLoss(Check check) {
        check.forAll(dlmath.check.Gens.integers(1, 8).as("batch"), dlmath.check.Gens.integers(1, 8).as("inputs"),
                dlmath.check.Gens.integers(1, 8).as("hidden"), dlmath.check.Gens.integers(2, 5).as("classes"), (b, d, h, k) -> {
                    java.util.SplittableRandom rng = new java.util.SplittableRandom(b * 1000 + d * 100 + h * 10 + k);
                    Graph g = new Graph();
                    Var x = g.constant(Tensor.randn(rng, b, d));
                    Var y = g.constant(Tensor.eye(k).slice(0, 0, 1).broadcastTo(b, k));
                    Var[] p = Autodiff.variables(g, Tensor.randn(rng, d, h), Tensor.randn(rng, h), Tensor.randn(rng, h, k), Tensor.randn(rng, k));
                    Var z = x.matmul(p[0]).add(p[1]).tanh().matmul(p[2]).add(p[3]);
                    Var loss = z.logsumexp(new int[] {1}, false).sub(z.mul(y).sum(new int[] {1}, false)).mean();
                    long function = g.work();
                    Autodiff.grad(loss, p);
                    long reverse = g.work() - function;
                    check.target((double) reverse / (5.0 * function), "W(reverse) / (5 W(f)) for the MLP");
                    Claims.atMost("MLP: W(reverse sweep) <= 5 W(f)", reverse, 5 * function);
                });
    }

    /**
     * Necessity of cheap rules: slice's adjoint is a dense tensor of the input's shape, so the
     * reverse rule of a small slice of a large tensor costs far more than the slice itself.
     */
    @Counterexample
    void denseSliceAdjointBreaksTheBound(Check check) {
        check.forAll(AutodiffGens.samples(Primitives.SLICE).as("sample"), s ->
                Claims.atMost("slice: W(reverse rule, accumulating) / W(forward)", localRatio(s), 5));
    }
}
