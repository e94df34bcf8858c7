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
     * Reverse-over-reverse against forward-over-reverse: both are exact H v, so the tolerance per entry
     * is the sum of their rounding bounds. Reverse-over-reverse: {@link RunningError} on the tape of
     * both sweeps (v exact data), as in the first property. Forward-over-reverse: the gradient is
     * computed on dual variables (point x, tangent v) with {@code createGraph}, so every step of the
     * reverse sweep is a tape node carrying its tangent; {@link TangentError} bounds each tangent by
     * running error analysis of the tangent sweep (each JVP rule's rounding and its sensitivity to
     * its operands' value and tangent errors). No count the code reports about its run enters.
     */
    @Property(tries = 150)
    void reverseOverReverseMatchesForwardOverReverse(Check check) {
        check.forAll(CASES.as("case"), c -> {
            Tensor[] x = c.program().inputs();
            Derivatives.Bounded rr = Derivatives.hvp(c.program(), x, c.v());
            Graph g = new Graph();
            Var[] duals = new Var[x.length];
            for (int i = 0; i < x.length; i++) {
                duals[i] = g.dual(x[i], c.v()[i]);
            }
            Var[] grads = Autodiff.grad(c.program().program().evaluate(duals), null, true, duals);
            TangentError analysis = new TangentError();
            Tensor[] tangents = new Tensor[grads.length];
            Tensor[] bounds = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) {
                tangents[i] = grads[i].tangent();
                bounds[i] = analysis.tangent(grads[i]);
            }
            Tensor[] viaRr = Autodiff.hvpReverseOverReverse(vars -> c.program().program().evaluate(vars), x, c.v());
            Tensor[] viaFr = Autodiff.hvpForwardOverReverse(vars -> c.program().program().evaluate(vars), x, c.v());
            for (int i = 0; i < x.length; i++) {
                Claims.that("Autodiff.hvpReverseOverReverse gives the same H v as grad of <grad f, v>", viaRr[i].equals(rr.value()[i]));
                Claims.that("Autodiff.hvpForwardOverReverse gives the same H v as the tangent of grad f", viaFr[i].equals(tangents[i]));
            }
            double[] a = Derivatives.flat(rr.value());
            double[] b = Derivatives.flat(tangents);
            double[] ea = rr.flatError();
            double[] eb = Derivatives.flat(bounds);
            for (int i = 0; i < a.length; i++) {
                Claims.close("(H v)[" + i + "]: reverse-over-reverse vs forward-over-reverse", a[i], b[i], ea[i] + eb[i]);
            }
        });
    }
}
