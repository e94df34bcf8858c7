package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.AutodiffGens;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * AD-07 Hessian-vector products: reverse-over-reverse agrees with finite differences of
 * gradients and with forward-over-reverse. Pearlmutter, "Fast exact multiplication by the
 * Hessian", Neural Computation 6 (1994), Sec. 3-4 (the R-operator); Griewank &amp; Walther,
 * Evaluating Derivatives, 2nd ed., Sec. 5.3. Page: theorems/autodiff/AD-07-hessian-vector-products.md.
 */
@Theorem(id = "AD-07", name = "Hessian-vector products",
        statement = "H v by reverse-over-reverse equals the central difference of grad f along v and equals H v by forward-over-reverse")
@Tag("autodiff")
class HessianVectorProducts {

    record Case(AutodiffGens.ProgramCase program, Tensor[] v) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(program.toString());
            for (int i = 0; i < v.length; i++) {
                sb.append("; v").append(i).append(" = ").append(dlmath.autodiff.Program.format(v[i]));
            }
            return sb.toString();
        }
    }

    static final dlmath.check.Gen<Case> CASES = AutodiffGens.programs(AutodiffGens.SMOOTH_OPS, 8)
            .flatMap(c -> Derivatives.directions(c.program().inputShapes()).map(v -> new Case(c, v)));

    @Property(tries = 150)
    void reverseOverReverseMatchesDifferencesOfGradients(Check check) {
        check.forAll(CASES.as("case"), c -> {
            Tensor[] x = c.program().inputs();
            Derivatives.Bounded rr = Derivatives.hvp(c.program(), x, c.v());
            double[] hv = Derivatives.flat(rr.value());
            double[] hvError = rr.flatError();
            // each gradient at the rounded point fl(x + t v) within its running error bound, the rounding of the
            // point itself carried as an input error (Derivatives.shiftError)
            FiniteDifferences.Column col = FiniteDifferences.central(
                    t -> Derivatives.flat(Derivatives.gradient(c.program(), Derivatives.shifted(x, c.v(), t)).value()), 0.0,
                    t -> Derivatives.gradient(c.program(), Derivatives.shifted(x, c.v(), t), Derivatives.shiftError(x, c.v(), t)).flatError(),
                    1);
            for (int i = 0; i < hv.length; i++) {
                Claims.close("(H v)[" + i + "]: reverse-over-reverse vs central difference of the gradient",
                        hv[i], col.derivative()[i], col.tolerance()[i] + hvError[i]);
            }
        });
    }

    /**
     * Forward-over-reverse has no tape (tangents are tensors, not graph nodes), so the running error
     * analysis does not reach it: this comparison keeps the first-order model of
     * {@link FiniteDifferences#delta} (gamma_W M^2 per entry of H v, times ||v||_1), W the graph's declared
     * work of reverse-over-reverse, which AD-13 checks against the instrumented count (declared >= executed
     * for every primitive of Primitives.ALL, the only primitives of programs).
     */
    @Property(tries = 150)
    void reverseOverReverseMatchesForwardOverReverse(Check check) {
        check.forAll(CASES.as("case"), c -> {
            Tensor[] x = c.program().inputs();
            Graph g = new Graph();
            Var[] xs = Autodiff.variables(g, x);
            Var[] values = c.program().program().run(xs);
            Var[] grads = Autodiff.grad(values[values.length - 1].sum(), null, true, xs);
            Autodiff.grad(Derivatives.inner(grads, c.v()), xs);          // charges the second sweep's work
            double m = 1;
            for (Var v : values) {
                m = Math.max(m, v.value().normInf());
            }
            for (Var v : grads) {
                m = Math.max(m, v.value().normInf());
            }
            double delta = FiniteDifferences.delta(g.work(), m);
            double underflow = g.work() * FiniteDifferences.UNDERFLOW * m * m;
            double[] a = Derivatives.flat(Autodiff.hvpReverseOverReverse(vars -> c.program().program().evaluate(vars), x, c.v()));
            double[] b = Derivatives.flat(Autodiff.hvpForwardOverReverse(vars -> c.program().program().evaluate(vars), x, c.v()));
            double tol = 2 * delta * Derivatives.norm1(c.v()) + 2 * underflow;
            for (int i = 0; i < a.length; i++) {
                Claims.close("(H v)[" + i + "]: reverse-over-reverse vs forward-over-reverse", a[i], b[i], tol);
            }
        });
    }
}
