package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.AutodiffGens;
import dlmath.gen.AutodiffGens.ProgramCase;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * AD-05 The chain rule on random computational graphs. Griewank &amp; Walther, Evaluating
 * Derivatives, 2nd ed., Sec. 3.2 (reverse propagation of adjoints through an evaluation
 * procedure is the chain rule applied to its composition).
 * Page: theorems/autodiff/AD-05-chain-rule-random-programs.md.
 */
@Theorem(id = "AD-05", name = "Chain rule on random computational graphs",
        statement = "for random straight-line programs of registry primitives with fan-out, the reverse-mode gradient of the scalar output equals central differences within h^2/6 |f'''| + delta/h")
@Tag("autodiff")
class ChainRuleOnRandomPrograms {

    /** The rounding bound of one evaluation of a program: gamma_W M^2 (see FiniteDifferences#delta). */
    static double delta(ProgramCase c) {
        Graph g = new Graph();
        Var[] values = c.program().run(Autodiff.variables(g, c.inputs()));
        double m = 0;
        for (Var v : values) {
            m = Math.max(m, v.value().normInf());
        }
        values[values.length - 1].sum();
        return FiniteDifferences.delta(g.work(), m);
    }

    /** Compares the reverse-mode gradient of a program with central differences, entry by entry. */
    static void compareGradient(Check check, ProgramCase c) {
        Tensor[] x = c.inputs();
        Graph g = new Graph();
        Var[] vars = Autodiff.variables(g, x);
        Var[] grads = Autodiff.grad(c.program().evaluate(vars), vars);
        double delta = delta(c);
        for (int a = 0; a < x.length; a++) {
            double[] grad = grads[a].value().toArray();
            double[] xa = x[a].toArray();
            for (int j = 0; j < xa.length; j++) {
                int ia = a;
                int ij = j;
                FiniteDifferences.Column col = FiniteDifferences.central(
                        v -> new double[] {c.program().value(FiniteDifferences.perturbed(x, ia, ij, v))}, xa[j], delta);
                Claims.close("d f / d x" + a + "[" + j + "], reverse mode vs central difference",
                        grad[j], col.derivative()[0], col.tolerance()[0]);
            }
        }
    }

    @Property(tries = 500)
    void gradientOfRandomProgramsMatchesCentralDifferences(Check check) {
        check.forAll(AutodiffGens.programs(AutodiffGens.PROGRAM_OPS, 8).as("program"), c -> {
            int n = c.program().body().size();
            check.collect("instructions", n);
            check.cover(20, n >= 4, "at least 4 instructions");
            check.cover(10, hasFanOut(c), "a value read twice (fan-out)");
            compareGradient(check, c);
        });
    }

    /** Whether some value is read by two instructions (or twice by one). */
    static boolean hasFanOut(ProgramCase c) {
        int[] reads = new int[c.program().inputCount() + c.program().body().size()];
        for (var ins : c.program().body()) {
            for (int a : ins.args()) {
                if (++reads[a] >= 2) {
                    return true;
                }
            }
        }
        return false;
    }
}
