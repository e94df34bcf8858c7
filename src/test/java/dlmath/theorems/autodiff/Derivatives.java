package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.gen.AutodiffGens.ProgramCase;
import dlmath.tensor.Tensor;

/** Gradients, Hessian-vector products and their rounding bounds for programs, shared by the theorems. */
final class Derivatives {

    private Derivatives() {
    }

    /** A result with the work it took and the largest magnitude among the values involved. */
    record Counted(Tensor[] value, long work, double magnitude) {
        /** The rounding bound of each entry, gamma_W M^2 (see FiniteDifferences#delta). */
        double delta() {
            return FiniteDifferences.delta(work, magnitude);
        }

        /** The absolute gradual-underflow term W M^2 (half a subnormal quantum per operation, amplified). */
        double underflow() {
            double m = Math.max(1, magnitude);
            return work * FiniteDifferences.UNDERFLOW * m * m;
        }
    }

    /** sum_i <a_i, d_i> as a differentiable scalar. */
    static Var inner(Var[] a, Tensor[] d) {
        Var s = null;
        for (int i = 0; i < a.length; i++) {
            Var term = a[i].mul(a[i].graph().constant(d[i])).sum();
            s = s == null ? term : s.add(term);
        }
        return s;
    }

    static double magnitude(Var[] vs, Tensor... more) {
        double m = 0;
        for (Var v : vs) {
            m = Math.max(m, v.value().normInf());
        }
        for (Tensor t : more) {
            m = Math.max(m, t.normInf());
        }
        return m;
    }

    /** The reverse-mode gradient of a program at x. */
    static Counted gradient(ProgramCase c, Tensor[] x) {
        Graph g = new Graph();
        Var[] vars = Autodiff.variables(g, x);
        Var[] values = c.program().run(vars);
        Var y = values[values.length - 1].sum();
        Var[] grads = Autodiff.grad(y, vars);
        return new Counted(Autodiff.values(grads), g.work(), magnitude(values, Autodiff.values(grads)));
    }

    /** H v by reverse-over-reverse: grad of <grad f, v>. */
    static Counted hvp(ProgramCase c, Tensor[] x, Tensor[] v) {
        Graph g = new Graph();
        Var[] vars = Autodiff.variables(g, x);
        Var[] values = c.program().run(vars);
        Var[] grads = Autodiff.grad(values[values.length - 1].sum(), null, true, vars);
        Var[] hv = Autodiff.grad(inner(grads, v), vars);
        return new Counted(Autodiff.values(hv), g.work(), magnitude(values, Autodiff.values(grads)));
    }

    /** sum_i <a_i, b_i> over tensors. */
    static double dot(Tensor[] a, Tensor[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i].flatten().dot(b[i].flatten());
        }
        return s;
    }

    /** sum_i ||a_i||_1. */
    static double norm1(Tensor[] a) {
        double s = 0;
        for (Tensor t : a) {
            s += t.norm1();
        }
        return s;
    }

    /** x + e d, per input. */
    static Tensor[] shifted(Tensor[] x, Tensor[] d, double e) {
        Tensor[] out = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].add(d[i].mul(e));
        }
        return out;
    }

    /** The entries of several tensors, one after another. */
    static double[] flat(Tensor[] ts) {
        int n = 0;
        for (Tensor t : ts) {
            n += t.size();
        }
        double[] out = new double[n];
        int k = 0;
        for (Tensor t : ts) {
            for (double v : t.toArray()) {
                out[k++] = v;
            }
        }
        return out;
    }

    /** Directions with entries in [-1, 1] of the given shapes. */
    static dlmath.check.Gen<Tensor[]> directions(java.util.List<int[]> shapes) {
        return s -> {
            Tensor[] out = new Tensor[shapes.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = s.draw(Adjointness.direction(shapes.get(i)));
            }
            return out;
        };
    }
}
