package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Primitive;
import dlmath.autodiff.Primitives;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.TensorAssert;
import dlmath.gen.TensorGens;
import dlmath.tensor.Shapes;
import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * AD-10 The gradient of a broadcast input is the sum over the broadcast axes. Broadcasting
 * x to shape S is the linear map B with (Bx)_i = x_{pi(i)}; its adjoint sums over the preimages
 * (B^T y)_j = sum_{pi(i) = j} y_i, and the chain rule gives grad_x = B^T grad_{Bx}.
 * NumPy broadcasting rules; Griewank &amp; Walther, Evaluating Derivatives, 2nd ed., Sec. 3.2.
 * Page: theorems/autodiff/AD-10-broadcasting-backward.md.
 */
@Theorem(id = "AD-10", name = "Broadcasting backward",
        statement = "for z = op(a, b) with broadcasting, grad_a has a's shape and equals the gradient with respect to the broadcast copy of a, summed over the broadcast axes")
@Tag("autodiff")
class BroadcastingBackward {

    static final List<Primitive> OPS = List.of(Primitives.ADD, Primitives.SUB, Primitives.MUL, Primitives.DIV);

    /** Operands: a broadcastable pair of shapes, entries in [-3, 3], the divisor with |b| in [0.5, 3]. */
    record Case(Primitive op, Tensor a, Tensor b, Tensor w) {
        @Override
        public String toString() {
            return op.name() + ": a = " + dlmath.autodiff.Program.format(a) + "; b = " + dlmath.autodiff.Program.format(b)
                    + "; w = " + dlmath.autodiff.Program.format(w);
        }
    }

    static final dlmath.check.Gen<Case> CASES = Gens.elements(OPS).flatMap(op -> TensorGens.broadcastablePair(3, 3).flatMap(s ->
            Gens.tuples(TensorGens.tensors(s[0], Gens.doubles(-3, 3)),
                    TensorGens.tensors(s[1], Gens.doubles(0.5, 3)),
                    TensorGens.tensors(Shapes.broadcast(s[0], s[1]), Gens.doubles(-1, 1)))
                    .map(t -> new Case(op, t.first(), t.second(), t.third()))));

    @Property(tries = 200)
    void gradientOfBroadcastInputIsSumOverBroadcastAxes(Check check) {
        check.forAll(CASES.as("case"), c -> {
            int[] full = Shapes.broadcast(c.a().shape(), c.b().shape());
            check.label(java.util.Arrays.equals(c.a().shape(), full) ? "a not broadcast" : "a broadcast");
            // L = sum(w * op(a, b)) with a as given ...
            Graph g = new Graph();
            Var a = g.variable(c.a());
            Var b = g.variable(c.b());
            Tensor[] grads = Autodiff.values(Autodiff.grad(loss(c, a, b), a, b));
            // ... and with a replaced by an explicit copy broadcast to the full shape.
            Graph g2 = new Graph();
            Var aFull = g2.variable(c.a().broadcastTo(full));
            Var b2 = g2.variable(c.b());
            Tensor gFull = Autodiff.grad(loss(c, aFull, b2), aFull, b2)[0].value();
            TensorAssert.assertThat(grads[0]).hasShape(c.a().shape());
            TensorAssert.assertThat(grads[1]).hasShape(c.b().shape());
            double[] expected = sumOverBroadcastAxes(gFull, c.a().shape());
            double[] actual = grads[0].toArray();
            int group = gFull.size() / actual.length;
            double scale = gFull.normInf();
            for (int j = 0; j < actual.length; j++) {
                // summation order may differ: gamma_group * group * max|entry| (Higham Sec. 4.2)
                Claims.close("grad_a[" + j + "] = sum over the broadcast axes of grad_{broadcast a}", actual[j], expected[j],
                        Tol.gamma(group) * group * scale + 2 * group * FiniteDifferences.UNDERFLOW);
            }
        });
    }

    /**
     * Drops the hypothesis that the shapes broadcast: a side s >= 2 of a against a different side
     * t >= 2 of b on one axis. NumPy's rule, written here ({@link #broadcastable}), confirms the
     * violation before the call; the operation then refuses the pair (the declared exception), so
     * there is no gradient to compare.
     */
    @Counterexample(expects = IllegalArgumentException.class)
    void shapesThatDoNotBroadcastHaveNoGradient(Check check) {
        dlmath.check.Gen<int[][]> pairs = s -> {
            int rank = s.draw(Gens.integers(1, 3));
            int[] a = new int[rank];
            for (int d = 0; d < rank; d++) {
                a[d] = s.draw(Gens.integers(1, 3));
            }
            int[] b = a.clone();
            int axis = s.draw(Gens.integers(0, rank - 1));
            a[axis] = s.draw(Gens.integers(2, 3));
            b[axis] = a[axis] == 2 ? 3 : 2;
            return new int[][] {a, b};
        };
        check.forAll(Gens.elements(OPS).as("op"), pairs.as("shapes"), (op, sh) -> {
            check.confirm("shapes " + java.util.Arrays.toString(sh[0]) + " and " + java.util.Arrays.toString(sh[1])
                    + " do not broadcast (NumPy's rule)", !broadcastable(sh[0], sh[1]));
            Graph g = new Graph();
            Var a = g.variable(Tensor.ones(sh[0]));
            Var b = g.variable(Tensor.ones(sh[1]));
            Tensor grad = Autodiff.grad(g.apply(op, dlmath.autodiff.Attrs.NONE, a, b).sum(), a)[0].value();
            TensorAssert.assertThat(grad).hasShape(sh[0]);
        });
    }

    /** NumPy's broadcasting rule, independently of {@link Shapes}: aligned from the right, sides equal or one is 1. */
    static boolean broadcastable(int[] a, int[] b) {
        for (int i = 1; i <= Math.min(a.length, b.length); i++) {
            int x = a[a.length - i];
            int y = b[b.length - i];
            if (x != y && x != 1 && y != 1) {
                return false;
            }
        }
        return true;
    }

    static Var loss(Case c, Var a, Var b) {
        return a.graph().apply(c.op(), dlmath.autodiff.Attrs.NONE, a, b).mul(a.graph().constant(c.w())).sum();
    }

    /** Independent of the engine: walks every index of the full shape and adds into the index it came from. */
    static double[] sumOverBroadcastAxes(Tensor full, int[] small) {
        int[] shape = full.shape();
        int lead = shape.length - small.length;
        double[] v = full.toArray();
        double[] out = new double[Math.max(1, java.util.Arrays.stream(small).reduce(1, (x, y) -> x * y))];
        int[] index = new int[shape.length];
        for (int i = 0; i < v.length; i++) {
            int target = 0;
            for (int d = 0; d < small.length; d++) {
                target = target * small[d] + (small[d] == 1 ? 0 : index[lead + d]);
            }
            out[target] += v[i];
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return out;
    }
}
