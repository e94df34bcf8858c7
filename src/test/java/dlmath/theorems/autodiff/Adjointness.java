package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.AutodiffGens;
import dlmath.gen.AutodiffGens.OpSample;
import dlmath.gen.AutodiffGens.ProgramCase;
import dlmath.gen.TensorGens;
import dlmath.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;

/**
 * AD-03 Adjointness of forward and reverse mode (the dot-product test).
 * Griewank &amp; Walther, Evaluating Derivatives, 2nd ed., Sec. 3.3 (the tangent and adjoint maps
 * are transposes: ȳ^T (F' ẋ) = (ȳ^T F') ẋ); Claerbout's dot-product test.
 * Page: theorems/autodiff/AD-03-adjointness.md.
 */
@Theorem(id = "AD-03", name = "Adjointness of forward and reverse mode",
        statement = "<v, J u> from forward mode equals <J^T v, u> from reverse mode, for every primitive and for random programs")
@Tag("autodiff")
class Adjointness {

    /** A function at a point with a tangent u per input and a cotangent v of the output. */
    record Probe(String what, Function<Var[], Var> f, Tensor[] x, Tensor[] u, Tensor v) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(what);
            for (int i = 0; i < u.length; i++) {
                sb.append("; u").append(i).append(" = ").append(dlmath.autodiff.Program.format(u[i]));
            }
            return sb.append("; v = ").append(dlmath.autodiff.Program.format(v)).toString();
        }
    }

    static Gen<Tensor> direction(int[] shape) {
        return TensorGens.tensors(shape, Gens.doubles(-1, 1));
    }

    /** u for each input and v for the output of a function, entries in [-1, 1]. */
    static Gen<Probe> probes(String what, Function<Var[], Var> f, Tensor[] x) {
        Tensor y = f.apply(Autodiff.variables(new Graph(), x)).value();
        return s -> {
            Tensor[] u = new Tensor[x.length];
            for (int i = 0; i < x.length; i++) {
                u[i] = s.draw(direction(x[i].shape()));
            }
            return new Probe(what, f, x, u, s.draw(direction(y.shape())));
        };
    }

    static Gen<Probe> primitiveProbes() {
        return AutodiffGens.opSamples().flatMap((OpSample s) ->
                probes(s.toString(), vars -> vars[0].graph().apply(s.op(), s.attrs(), vars), s.inputs()));
    }

    static Gen<Probe> programProbes() {
        return AutodiffGens.programs(AutodiffGens.PROGRAM_OPS, 8).flatMap((ProgramCase c) ->
                probes(c.toString(), vars -> c.program().output(vars), c.inputs()));
    }

    /**
     * Checks <v, J u> = <J^T v, u>; the identity is exact, so the tolerance is the sum of the two sides'
     * rounding bounds, per run and derived (no count of the run enters). Forward side: the tangent's
     * per-entry bound by running error analysis of the tangent sweep ({@link TangentError}), carried
     * through the inner product with v (v exact data): {@code sum |v| f + gamma_n sum |v t^|}
     * ({@link TangentError#dotBound}). Reverse side: the cotangents J^T v, computed with
     * {@code createGraph} so that the reverse sweep is a tape of registry primitives, get their
     * per-entry bounds from {@link RunningError} on that tape, carried through the inner product with
     * u ({@link Derivatives#dotBound}).
     */
    static void dotProductTest(Check check, Probe p) {
        Graph fg = new Graph();
        Var[] duals = new Var[p.x().length];
        for (int i = 0; i < duals.length; i++) {
            duals[i] = fg.dual(p.x()[i], p.u()[i]);
        }
        Var y = p.f().apply(duals);
        Tensor tangent = y.tangent();
        double lhs = dot(p.v(), tangent);
        Autodiff.Dual dual = Autodiff.jvp(p.f(), p.x(), p.u());
        Claims.that("Autodiff.jvp gives the same tangent as dual variables", dual.tangent().equals(tangent));
        double lhsBound = TangentError.dotBound(p.v(), tangent, TangentError.of(y));

        Graph rg = new Graph();
        Var[] vars = Autodiff.variables(rg, p.x());
        Var[] jtv = Autodiff.grad(p.f().apply(vars), p.v(), true, vars);
        Tensor[] viaApi = Autodiff.vjp(p.f(), p.x(), p.v());
        Tensor[] cotangents = Autodiff.values(jtv);
        Tensor[] errors = new Tensor[jtv.length];
        java.util.IdentityHashMap<Var, Tensor> memo = new java.util.IdentityHashMap<>();
        for (int i = 0; i < jtv.length; i++) {
            Claims.that("Autodiff.vjp gives the same cotangents as grad", viaApi[i].equals(cotangents[i]));
            errors[i] = RunningError.of(jtv[i], memo);
        }
        double rhs = Derivatives.dot(cotangents, p.u());
        double rhsBound = Derivatives.dotBound(p.u(), new Derivatives.Bounded(cotangents, errors));
        double tol = lhsBound + rhsBound;
        check.note("<v, J u> (forward)", lhs);
        check.note("<J^T v, u> (reverse)", rhs);
        check.note("bound, forward side", lhsBound);
        check.note("bound, reverse side", rhsBound);
        Claims.close("<v, J u> = <J^T v, u>", lhs, rhs, tol);
    }

    static double dot(Tensor a, Tensor b) {
        return a.flatten().dot(b.flatten());
    }

    @Property(tries = 300)
    void holdsForEveryPrimitive(Check check) {
        check.forAll(primitiveProbes().as("probe"), p -> {
            check.label(p.what().substring(0, p.what().indexOf(':')));
            dotProductTest(check, p);
        });
    }

    @Property(tries = 200)
    void holdsForRandomPrograms(Check check) {
        check.forAll(programProbes().as("probe"), p -> {
            check.collect("instructions", p.what().split(";").length);
            dotProductTest(check, p);
        });
    }
}
