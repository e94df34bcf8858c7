package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.AutodiffGens;
import dlmath.gen.AutodiffGens.ProgramCase;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * AD-08 Linearity of the gradient. Rudin, Principles of Mathematical Analysis, 3rd ed.,
 * Thm 9.15 and Def. 9.11 (the derivative is linear in the function).
 * Page: theorems/autodiff/AD-08-gradient-linearity.md.
 */
@Theorem(id = "AD-08", name = "Linearity of the gradient",
        statement = "grad(a f + b g) = a grad f + b grad g for random programs f, g on the same inputs and constants a, b")
@Tag("autodiff")
class GradientLinearity {

    @Property(tries = 150)
    void gradientOfCombinationIsCombinationOfGradients(Check check) {
        check.forAll(AutodiffGens.programPairs(AutodiffGens.PROGRAM_OPS, 6).as("f, g"),
                Gens.doubles(-3, 3).as("a"), Gens.doubles(-3, 3).as("b"), (fg, a, b) -> {
                    ProgramCase f = fg[0];
                    ProgramCase g = fg[1];
                    Tensor[] x = f.inputs();
                    Graph graph = new Graph();
                    Var[] vars = Autodiff.variables(graph, x);
                    Var h = f.program().evaluate(vars).mul(a).add(g.program().evaluate(vars).mul(b));
                    Tensor[] gh = Autodiff.values(Autodiff.grad(h, vars));
                    Derivatives.Counted gf = Derivatives.gradient(f, x);
                    Derivatives.Counted gg = Derivatives.gradient(g, x);
                    // each gradient entry within its delta; the combination adds gamma_3 (|a gf| + |b gg|)
                    double tol = Math.abs(a) * gf.delta() + Math.abs(b) * gg.delta();
                    for (int i = 0; i < x.length; i++) {
                        double[] lhs = gh[i].toArray();
                        double[] pf = gf.value()[i].toArray();
                        double[] pg = gg.value()[i].toArray();
                        for (int j = 0; j < lhs.length; j++) {
                            double rhs = a * pf[j] + b * pg[j];
                            double t = 2 * tol + Tol.gamma(3) * (Math.abs(a * pf[j]) + Math.abs(b * pg[j]));
                            Claims.close("grad(a f + b g)[" + i + "][" + j + "] = a grad f + b grad g", lhs[j], rhs, t);
                        }
                    }
                });
    }
}
