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
 * AD-09 Gradients accumulate over fan-out. The multivariable chain rule for
 * h(x) = f(x, ..., x): h'(x) = sum_i d_i f(x, ..., x) (Rudin, Principles of Mathematical
 * Analysis, 3rd ed., Thm 9.15); Griewank &amp; Walther, Evaluating Derivatives, 2nd ed., Sec. 3.2
 * (adjoints are incremented, not assigned). Page: theorems/autodiff/AD-09-fan-out-accumulation.md.
 */
@Theorem(id = "AD-09", name = "Fan-out accumulation",
        statement = "d/dx f(x, ..., x) = sum_i d_i f(x, ..., x): feeding one variable into several arguments sums their gradients")
@Tag("autodiff")
class FanOutAccumulation {

    @Property(tries = 200)
    void gradientOfSharedInputIsSumOfPartials(Check check) {
        check.forAll(AutodiffGens.programs(AutodiffGens.PROGRAM_OPS, 8, 2, true).as("f"), c -> {
            Tensor x = c.inputs()[0];
            int k = c.program().inputCount();
            Tensor[] same = new Tensor[k];
            java.util.Arrays.fill(same, x);
            ProgramCase atDiagonal = new ProgramCase(c.program(), same);
            check.assume(valid(atDiagonal));
            Graph g = new Graph();
            Var v = g.variable(x);
            Var[] args = new Var[k];
            java.util.Arrays.fill(args, v);
            Var sharedGrad = Autodiff.grad(c.program().evaluate(args), null, true, v)[0];
            double[] shared = sharedGrad.value().toArray();
            double[] sharedError = RunningError.flat(sharedGrad);
            Derivatives.Bounded partials = Derivatives.gradient(atDiagonal, same);
            double[] sum = new double[shared.length];
            double[] tol = new double[shared.length];
            for (int i = 0; i < k; i++) {
                double[] pd = partials.value()[i].toArray();
                double[] pe = partials.error()[i].toArray();
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += pd[j];
                    tol[j] += pe[j] + dlmath.check.Tol.gamma(k) * Math.abs(pd[j]) + FiniteDifferences.UNDERFLOW;
                }
            }
            check.collect("arguments sharing x", k);
            // each side within its running error bound (RunningError on the reverse sweep's tape); the sum of the
            // k partials adds gamma_k sum |partial| (Higham eq. 3.5) and an underflow quantum per addition
            for (int j = 0; j < sum.length; j++) {
                Claims.close("d/dx f(x, ..., x)[" + j + "] = sum of partials", shared[j], sum[j], sharedError[j] + tol[j]);
            }
        });
    }

    /** Whether every instruction's arguments stay in its primitive's domain at the new point. */
    static boolean valid(ProgramCase c) {
        Graph g = new Graph();
        Var[] values = c.program().run(Autodiff.variables(g, c.inputs()));
        for (int i = 0; i < c.program().body().size(); i++) {
            var ins = c.program().body().get(i);
            Tensor[] args = java.util.Arrays.stream(ins.args()).mapToObj(a -> values[a].value()).toArray(Tensor[]::new);
            if (!ins.op().inDomain(args, ins.attrs())) {
                return false;
            }
        }
        return values[values.length - 1].value().normInf() <= 1e3;
    }
}
