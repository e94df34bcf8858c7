package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Choices;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Primitive;
import dlmath.autodiff.Primitives;
import dlmath.autodiff.Sample;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.AutodiffGens;
import dlmath.gen.AutodiffGens.OpSample;
import dlmath.gen.TensorGens;
import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;

/**
 * AD-01 Reverse mode agrees with finite differences, for every registry primitive.
 * Griewank &amp; Walther, Evaluating Derivatives, 2nd ed., Sec. 3.2 (reverse mode computes
 * ȳ^T F'(x)). Page: theorems/autodiff/AD-01-reverse-mode-finite-differences.md.
 */
@Theorem(id = "AD-01", name = "Reverse mode agrees with finite differences",
        statement = "for every registry primitive and valid sample, each row e_i^T J from reverse mode equals the central-difference Jacobian row within h^2/6 |f'''| + delta/h")
@Tag("autodiff")
class ReverseModeMatchesFiniteDifferences {

    /** Every primitive once with a fixed seeded sample, so that each is covered on every run. */
    static void everyPrimitiveAsExample(Check check) {
        for (Primitive p : Primitives.ALL) {
            check.example(new OpSample(p, p.sample(Choices.random(new SplittableRandom(p.name().hashCode())))));
        }
    }

    /** Compares the reverse-mode Jacobian, row by row, with the central-difference columns. */
    static void compareReverse(Check check, OpSample s) {
        Tensor[] x = s.inputs();
        FiniteDifferences.Column[][] fd = FiniteDifferences.jacobian(s);
        Graph g = new Graph();
        Var[] vars = Autodiff.variables(g, x);
        Var y = g.apply(s.op(), s.attrs(), vars);
        int outputs = y.value().size();
        for (int i = 0; i < outputs; i++) {
            double[] seed = new double[outputs];
            seed[i] = 1;
            Var[] rows = Autodiff.grad(y, Tensor.of(y.shape(), seed), false, vars);
            for (int a = 0; a < x.length; a++) {
                double[] row = rows[a].value().toArray();
                for (int j = 0; j < row.length; j++) {
                    FiniteDifferences.Column col = fd[a][j];
                    check.note("h", col.h());
                    Claims.close(s.op().name() + ": d y[" + i + "] / d x" + a + "[" + j + "], reverse mode vs central difference",
                            row[j], col.derivative()[i], col.tolerance()[i]);
                }
            }
        }
    }

    @Property(tries = 300)
    void reverseModeRowsMatchCentralDifferences(Check check) {
        everyPrimitiveAsExample(check);
        check.forAll(AutodiffGens.opSamples().as("sample"), s -> {
            check.label(s.op().name());
            compareReverse(check, s);
        });
    }

    /**
     * Necessity of the domain (away from kinks): at |x| &lt; 1e-6, inside the stencil of the
     * central difference, abs and relu are not differentiable and the check fails.
     */
    @Counterexample
    void failsAtTheKinkOfAbsAndRelu(Check check) {
        check.forAll(Gens.elements(Primitives.ABS, Primitives.RELU).as("op"),
                TensorGens.tensors(new int[] {2}, Gens.doubles(-1e-6, 1e-6)).as("x"),
                (op, x) -> compareReverse(check, new OpSample(op, new Sample(new Tensor[] {x}, dlmath.autodiff.Attrs.NONE))));
    }
}
