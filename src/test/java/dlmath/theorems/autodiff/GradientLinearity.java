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
                    Var[] gh = Autodiff.grad(h, null, true, vars);
                    Derivatives.Bounded gf = Derivatives.gradient(f, x);
                    Derivatives.Bounded gg = Derivatives.gradient(g, x);
                    // each gradient entry within its running error bound (RunningError on the reverse sweep's tape);
                    // the combination a gf + b gg adds gamma_3 (|a gf| + |b gg|) and three underflow quanta
                    for (int i = 0; i < x.length; i++) {
                        double[] lhs = gh[i].value().toArray();
                        double[] eh = RunningError.flat(gh[i]);
                        double[] pf = gf.value()[i].toArray();
                        double[] pg = gg.value()[i].toArray();
                        double[] ef = gf.error()[i].toArray();
                        double[] eg = gg.error()[i].toArray();
                        for (int j = 0; j < lhs.length; j++) {
                            double rhs = a * pf[j] + b * pg[j];
                            double t = eh[j] + Math.abs(a) * ef[j] + Math.abs(b) * eg[j]
                                    + Tol.gamma(3) * (Math.abs(a * pf[j]) + Math.abs(b * pg[j])) + 3 * FiniteDifferences.UNDERFLOW;
                            Claims.close("grad(a f + b g)[" + i + "][" + j + "] = a grad f + b grad g", lhs[j], rhs, t);
                        }
                    }
                });
    }
}
