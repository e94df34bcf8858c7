package dlmath.theorems.autodiff;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.AutodiffGens;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * AD-06 Symmetry of the Hessian (Schwarz), through reverse-over-reverse differentiation.
 * Rudin, Principles of Mathematical Analysis, 3rd ed., Thm 9.41; Griewank &amp; Walther,
 * Evaluating Derivatives, 2nd ed., Sec. 5.3 (second-order adjoints).
 * Page: theorems/autodiff/AD-06-hessian-symmetry.md.
 */
@Theorem(id = "AD-06", name = "Hessian symmetry (Schwarz)",
        statement = "for C^2 programs, <u, H v> = <v, H u>, with H v computed as the gradient of <grad f, v>")
@Tag("autodiff")
class HessianSymmetry {

    @Property(tries = 150)
    void mixedSecondDerivativesAgree(Check check) {
        check.forAll(AutodiffGens.programs(AutodiffGens.SMOOTH_OPS, 8).flatMap(c ->
                        Derivatives.directions(c.program().inputShapes()).flatMap(u ->
                                Derivatives.directions(c.program().inputShapes()).map(v -> new Object[] {c, u, v}))).as("case"),
                o -> {
                    var c = (AutodiffGens.ProgramCase) o[0];
                    Tensor[] u = (Tensor[]) o[1];
                    Tensor[] v = (Tensor[]) o[2];
                    Derivatives.Bounded hv = Derivatives.hvp(c, c.inputs(), v);
                    Derivatives.Bounded hu = Derivatives.hvp(c, c.inputs(), u);
                    double uHv = Derivatives.dot(u, hv.value());
                    double vHu = Derivatives.dot(v, hu.value());
                    check.note("program", c);
                    check.note("<u, H v>", uHv);
                    check.note("<v, H u>", vHu);
                    check.collect("instructions", c.program().body().size());
                    // each entry of the computed H v is within its running error bound (RunningError on the tape of
                    // reverse-over-reverse, v exact data); each dot product adds its own rounding (Derivatives.dotBound)
                    double tol = Derivatives.dotBound(u, hv) + Derivatives.dotBound(v, hu);
                    Claims.close("<u, H v> = <v, H u>", uHv, vHu, tol);
                });
    }
}
