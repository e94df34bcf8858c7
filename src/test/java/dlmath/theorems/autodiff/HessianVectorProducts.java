package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
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
            double[] hv = Derivatives.flat(Derivatives.hvp(c.program(), x, c.v()).value());
            double delta = Derivatives.gradient(c.program(), x).delta() * 4;   // the gradient at x +- h v: magnitudes may grow
            FiniteDifferences.Column col = FiniteDifferences.central(
                    t -> Derivatives.flat(Derivatives.gradient(c.program(), Derivatives.shifted(x, c.v(), t)).value()), 0.0, delta);
            for (int i = 0; i < hv.length; i++) {
                Claims.close("(H v)[" + i + "]: reverse-over-reverse vs central difference of the gradient",
                        hv[i], col.derivative()[i], col.tolerance()[i]);
            }
        });
    }

    @Property(tries = 150)
    void reverseOverReverseMatchesForwardOverReverse(Check check) {
        check.forAll(CASES.as("case"), c -> {
            Tensor[] x = c.program().inputs();
            Derivatives.Counted rr = Derivatives.hvp(c.program(), x, c.v());
            double[] a = Derivatives.flat(Autodiff.hvpReverseOverReverse(vars -> c.program().program().evaluate(vars), x, c.v()));
            double[] b = Derivatives.flat(Autodiff.hvpForwardOverReverse(vars -> c.program().program().evaluate(vars), x, c.v()));
            double tol = 2 * rr.delta() * Derivatives.norm1(c.v()) + 2 * rr.underflow();
            for (int i = 0; i < a.length; i++) {
                Claims.close("(H v)[" + i + "]: reverse-over-reverse vs forward-over-reverse", a[i], b[i], tol);
            }
        });
    }
}
