package dlmath.theorems.autodiff;

import dlmath.autodiff.Choices;
import dlmath.autodiff.Primitive;
import dlmath.autodiff.Primitives;
import dlmath.autodiff.Sample;
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

    @Property(tries = 300)
    void reverseModeRowsMatchCentralDifferences(Check check) {
        everyPrimitiveAsExample(check);
        check.forAll(AutodiffGens.opSamples().as("sample"), s -> {
            check.label(s.op().name());
            FiniteDifferences.compareReverse(check, s);
        });
    }

    /**
     * The unary elementwise primitives over domains the test chooses, as wide as each op allows
     * ({@link AutodiffGens#wideUnarySamples}), with the per-entry error model, so the tolerance is
     * relative to the values met (see the page).
     */
    @Property(tries = 300)
    void reverseModeMatchesCentralDifferencesOverWideDomains(Check check) {
        check.forAll(AutodiffGens.wideUnarySamples().as("sample"), s -> {
            check.label(s.op().name());
            check.cover(20, WideDomains.extreme(s), "an entry beyond 1e100 or below 1e-100, or a saturated exp / tanh / sigmoid");
            FiniteDifferences.compareReverse(check, s);
        });
    }

    /**
     * Relative accuracy of reverse mode over the wide domains against closed-form derivatives
     * written here ({@link WideDomains#derivative}): |J - f'| <= 16u |f'| + 8 MIN_VALUE.
     */
    @Property(tries = 300)
    void reverseModeHasRelativeAccuracyOverWideDomains(Check check) {
        check.forAll(AutodiffGens.wideUnarySamples().as("sample"), s -> {
            check.label(s.op().name());
            check.cover(20, WideDomains.extreme(s), "an entry beyond 1e100 or below 1e-100, or a saturated exp / tanh / sigmoid");
            WideDomains.compareReverse(s);
        });
    }

    /** The sample descriptions and the domain predicates agree: every sample lies in its primitive's domain. */
    @Property(tries = 300)
    void everySampleLiesInItsDomain(Check check) {
        check.forAll(AutodiffGens.opSamples().as("sample"), s ->
                Claims.that(s.op().name() + ": sample lies in the domain (" + s.op().domainDescription() + ")",
                        s.op().inDomain(s.inputs(), s.attrs())));
    }

    /**
     * The domains exclude the points where a rule cannot hold: kinks (relu, abs at 0; ties of
     * max), poles (log, sqrt, pow at 0; division by 0), exp's overflow, singular matrices for
     * solve and matrices that are not positive definite for logdet, and non-finite entries.
     */
    @Property(tries = 200)
    void domainsExcludeKinksPolesAndSingularities(Check check) {
        check.forAll(Gens.doubles(-0.05, 0.05).as("t"), Gens.integers(1, 3).as("n"), (t, n) -> {
            Tensor near = Tensor.full(t, n);
            Tensor one = Tensor.ones(n);
            dlmath.autodiff.Attrs none = dlmath.autodiff.Attrs.NONE;
            for (Primitive p : new Primitive[] {Primitives.RELU, Primitives.ABS, Primitives.LOG, Primitives.SQRT}) {
                Claims.that(p.name() + " excludes x = " + t, !p.inDomain(new Tensor[] {near}, none));
            }
            Claims.that("pow excludes x = " + t, !Primitives.POW.inDomain(new Tensor[] {near}, dlmath.autodiff.Attrs.of("p", -1.0)));
            Claims.that("log1p excludes x = -1 + " + t, !Primitives.LOG1P.inDomain(new Tensor[] {near.sub(1.0)}, none));
            Claims.that("div excludes b = " + t, !Primitives.DIV.inDomain(new Tensor[] {one, near}, none));
            Claims.that("exp excludes x = 6", !Primitives.EXP.inDomain(new Tensor[] {Tensor.full(6 + t, n)}, none));
            Claims.that("every primitive excludes x = 2000",
                    !Primitives.NEG.inDomain(new Tensor[] {Tensor.full(2000 + t, n)}, none));
            Tensor tie = Tensor.of(1.0, 1.0 + t);
            Claims.that("max excludes near-ties " + tie, !Primitives.MAX.inDomain(new Tensor[] {tie},
                    dlmath.autodiff.Attrs.of("axes", new int[] {0})));
            Tensor singular = Tensor.of(new double[][] {{1, 1}, {1, 1 + t / 5}});
            Claims.that("solve excludes nearly singular " + singular, !Primitives.SOLVE.inDomain(new Tensor[] {singular, Tensor.ones(2)}, none));
            Claims.that("logdet excludes nearly singular " + singular, !Primitives.LOGDET.inDomain(new Tensor[] {singular}, none));
            Claims.that("solve accepts 2I", Primitives.SOLVE.inDomain(new Tensor[] {Tensor.eye(2).mul(2.0), Tensor.ones(2)}, none));
            Claims.that("logdet accepts I", Primitives.LOGDET.inDomain(new Tensor[] {Tensor.eye(n)}, none));
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
                (op, x) -> FiniteDifferences.compareReverse(check, new OpSample(op, new Sample(new Tensor[] {x}, dlmath.autodiff.Attrs.NONE))));
    }
}
