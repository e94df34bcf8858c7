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

    /**
     * A computed result with per-entry bounds on its rounding error, by running error analysis of
     * the tape that computed it ({@link RunningError}).
     */
    record Bounded(Tensor[] value, Tensor[] error) {
        double[] flatError() {
            return flat(error);
        }
    }

    /**
     * A bound on |fl(sum_i <u_i, w_i>) - sum_i <u_i, w_i exact>| for data u and a bounded w:
     * {@code sum |u| err(w) + gamma_(N+k) sum |u| |w|} (Higham eq. 3.5, N entries in k tensors), plus
     * one underflow quantum per operation.
     */
    static double dotBound(Tensor[] u, Bounded w) {
        double carried = 0;
        double mag = 0;
        int n = 0;
        for (int i = 0; i < u.length; i++) {
            carried += u[i].abs().flatten().dot(w.error()[i].flatten());
            mag += u[i].abs().flatten().dot(w.value()[i].abs().flatten());
            n += u[i].size();
        }
        return carried + dlmath.check.Tol.gamma(n + u.length) * mag + 2 * (n + u.length) * FiniteDifferences.UNDERFLOW;
    }

    /** Per-entry bounds on the rounding of the shifted point fl(x + fl(e d)): {@code 3u (|x| + |e d|) + 2 underflow quanta}. */
    static Tensor[] shiftError(Tensor[] x, Tensor[] d, double e) {
        Tensor[] out = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].abs().add(d[i].abs().mul(Math.abs(e))).mul(3 * RoundingModel.U).add(2 * FiniteDifferences.UNDERFLOW);
        }
        return out;
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

    /** The reverse-mode gradient of a program at x (exact data), with per-entry bounds. */
    static Bounded gradient(ProgramCase c, Tensor[] x) {
        return gradient(c, x, null);
    }

    /** The reverse-mode gradient of a program at x, whose entries are off by at most {@code inputErrors} (null: exact). */
    static Bounded gradient(ProgramCase c, Tensor[] x, Tensor[] inputErrors) {
        Graph g = new Graph();
        Var[] vars = Autodiff.variables(g, x);
        Var[] grads = Autodiff.grad(c.program().evaluate(vars), null, true, vars);
        return bounded(grads, vars, inputErrors);
    }

    /** H v by reverse-over-reverse: grad of <grad f, v> (v exact data), with per-entry bounds. */
    static Bounded hvp(ProgramCase c, Tensor[] x, Tensor[] v) {
        Graph g = new Graph();
        Var[] vars = Autodiff.variables(g, x);
        Var[] grads = Autodiff.grad(c.program().evaluate(vars), null, true, vars);
        return bounded(Autodiff.grad(inner(grads, v), null, true, vars), vars, null);
    }

    private static Bounded bounded(Var[] results, Var[] vars, Tensor[] inputErrors) {
        java.util.Map<Var, Tensor> leaves = new java.util.IdentityHashMap<>();
        if (inputErrors != null) {
            for (int i = 0; i < vars.length; i++) {
                leaves.put(vars[i], inputErrors[i]);
            }
        }
        Tensor[] error = new Tensor[results.length];
        for (int i = 0; i < results.length; i++) {
            error[i] = RunningError.of(results[i], leaves);
        }
        return new Bounded(Autodiff.values(results), error);
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
