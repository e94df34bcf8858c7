package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Program;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.AutodiffGens;
import dlmath.gen.AutodiffGens.ProgramCase;
import dlmath.gen.TensorAssert;
import dlmath.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * AD-14 Stop-gradient. detach(y) has y's value and derivative zero: it is the constant function
 * equal to y's current value (JAX's lax.stop_gradient, PyTorch's Tensor.detach; used e.g. for
 * the target network in DQN, Mnih et al., Nature 518 (2015)). Page: theorems/autodiff/AD-14-stop-gradient.md.
 */
@Theorem(id = "AD-14", name = "Stop-gradient",
        statement = "a detached branch contributes exactly zero gradient and zero tangent; the gradient of a program with detached values equals the derivative of the program with those values frozen")
@Tag("autodiff")
class StopGradient {

    /** Exactly zero: sum(w * detach(f(x))) has gradient 0 in every entry, and f(x) + detach(g(x)) has the gradient of f, bit for bit. */
    @Property(tries = 150)
    void detachedBranchesGetExactlyZeroGradient(Check check) {
        check.forAll(AutodiffGens.programPairs(AutodiffGens.PROGRAM_OPS, 6).as("f, g"), fg -> {
            Tensor[] x = fg[0].inputs();
            Graph g1 = new Graph();
            Var[] v1 = Autodiff.variables(g1, x);
            Var only = fg[1].program().output(v1).detach().sum();
            for (Var grad : Autodiff.grad(only, v1)) {
                TensorAssert.assertThat(grad.value()).isExactly(Tensor.zeros(grad.shape()));
            }
            Graph g2 = new Graph();
            Var[] v2 = Autodiff.variables(g2, x);
            Var[] mixed = Autodiff.grad(fg[0].program().evaluate(v2).add(fg[1].program().evaluate(v2).detach()), v2);
            Graph g3 = new Graph();
            Var[] v3 = Autodiff.variables(g3, x);
            Var[] plain = Autodiff.grad(fg[0].program().evaluate(v3), v3);
            for (int i = 0; i < x.length; i++) {
                TensorAssert.assertThat(mixed[i].value()).isExactly(plain[i].value());
            }
            Graph g4 = new Graph();
            Var[] duals = new Var[x.length];
            for (int i = 0; i < x.length; i++) {
                duals[i] = g4.dual(x[i], Tensor.ones(x[i].shape()));
            }
            Var tangentOut = fg[1].program().output(duals).detach();
            TensorAssert.assertThat(tangentOut.tangent()).isExactly(Tensor.zeros(tangentOut.shape()));
        });
    }

    /** A program with some instructions detached, and their indices. */
    record Case(ProgramCase program, List<Integer> detached) {
        @Override
        public String toString() {
            return program.toString();
        }
    }

    static final dlmath.check.Gen<Case> CASES = AutodiffGens.programs(AutodiffGens.PROGRAM_OPS, 8).flatMap(c ->
            Gens.listOfSize(Gens.booleans(), c.program().body().size()).map(flags -> {
                List<Program.Instruction> body = new ArrayList<>();
                List<Integer> detached = new ArrayList<>();
                for (int i = 0; i < flags.size(); i++) {
                    body.add(c.program().body().get(i).withDetached(flags.get(i)));
                    if (flags.get(i)) {
                        detached.add(i);
                    }
                }
                return new Case(new ProgramCase(new Program(c.program().inputShapes(), body), c.inputs()), detached);
            }));

    /**
     * Central differences of the program in which every detached value is frozen at its value at
     * the base point: the gradient must match them (same error model as AD-05).
     */
    @Property(tries = 150)
    void gradientEqualsDerivativeWithDetachedValuesFrozen(Check check) {
        check.forAll(CASES.as("program"), c -> {
            check.collect("detached instructions", c.detached().size());
            Tensor[] x = c.program().inputs();
            Program p = c.program().program();
            Graph g = new Graph();
            Var[] base = p.run(Autodiff.variables(g, x));
            Tensor[] frozen = new Tensor[base.length];
            for (int i : c.detached()) {
                frozen[p.inputCount() + i] = base[p.inputCount() + i].value();
            }
            Var[] vars = Autodiff.variables(g, x);
            // the gradient's tape treats detached values as constants: exactly what the frozen program does
            Var[] gv = Autodiff.grad(p.evaluate(vars), null, true, vars);
            for (int a = 0; a < x.length; a++) {
                double[] xa = x[a].toArray();
                double[] grad = gv[a].value().toArray();
                double[] ad = RunningError.flat(gv[a]);
                for (int j = 0; j < xa.length; j++) {
                    int ia = a;
                    int ij = j;
                    FiniteDifferences.Column col = FiniteDifferences.central(
                            v -> new double[] {frozenValue(p, FiniteDifferences.perturbed(x, ia, ij, v), frozen)}, xa[j],
                            v -> new double[] {RunningError.program(p, FiniteDifferences.perturbed(x, ia, ij, v), frozen)},
                            Math.max(1, Math.abs(xa[j])));
                    Claims.close("d f / d x" + a + "[" + j + "] with detached values frozen", grad[j], col.derivative()[0],
                            col.tolerance()[0] + ad[j]);
                }
            }
        });
    }

    /** Evaluates the program on tensors, using the frozen value for every detached instruction. */
    static double frozenValue(Program p, Tensor[] x, Tensor[] frozen) {
        List<Tensor> values = new ArrayList<>(List.of(x));
        for (int i = 0; i < p.body().size(); i++) {
            Program.Instruction ins = p.body().get(i);
            Tensor[] args = java.util.Arrays.stream(ins.args()).mapToObj(values::get).toArray(Tensor[]::new);
            Tensor fresh = ins.op().forward(args, ins.attrs());
            values.add(ins.detached() ? frozen[p.inputCount() + i] : fresh);
        }
        return values.get(values.size() - 1).sumAll();
    }
}
