package dlmath.theorems.autodiff;

import dlmath.autodiff.Primitives;
import dlmath.autodiff.Sample;
import dlmath.check.Check;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.AutodiffGens;
import dlmath.gen.AutodiffGens.OpSample;
import dlmath.gen.TensorGens;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * AD-02 Forward mode agrees with finite differences, for every registry primitive.
 * Griewank &amp; Walther, Evaluating Derivatives, 2nd ed., Sec. 3.1 (tangent propagation
 * computes F'(x) ẋ). Page: theorems/autodiff/AD-02-forward-mode-finite-differences.md.
 */
@Theorem(id = "AD-02", name = "Forward mode agrees with finite differences",
        statement = "for every registry primitive and valid sample, each column J e_j from forward mode (dual tensors) equals the central-difference column within h^2/6 |f'''| + delta/h")
@Tag("autodiff")
class ForwardModeMatchesFiniteDifferences {

    @Property(tries = 300)
    void forwardModeColumnsMatchCentralDifferences(Check check) {
        ReverseModeMatchesFiniteDifferences.everyPrimitiveAsExample(check);
        check.forAll(AutodiffGens.opSamples().as("sample"), s -> {
            check.label(s.op().name());
            FiniteDifferences.compareForward(check, s);
        });
    }

    /** The unary elementwise primitives over the tests' wide domains (as AD-01). */
    @Property(tries = 300)
    void forwardModeMatchesCentralDifferencesOverWideDomains(Check check) {
        check.forAll(AutodiffGens.wideUnarySamples().as("sample"), s -> {
            check.label(s.op().name());
            check.cover(20, WideDomains.extreme(s), "an entry beyond 1e100 or below 1e-100, or a saturated exp / tanh / sigmoid");
            FiniteDifferences.compareForward(check, s);
        });
    }

    /** Relative accuracy of forward mode over the wide domains against the closed forms (as AD-01). */
    @Property(tries = 300)
    void forwardModeHasRelativeAccuracyOverWideDomains(Check check) {
        check.forAll(AutodiffGens.wideUnarySamples().as("sample"), s -> {
            check.label(s.op().name());
            check.cover(20, WideDomains.extreme(s), "an entry beyond 1e100 or below 1e-100, or a saturated exp / tanh / sigmoid");
            WideDomains.compareForward(s);
        });
    }

    /** Necessity of the domain: within a step of the kink of abs or relu the difference quotient is not the derivative. */
    @Counterexample
    void failsAtTheKinkOfAbsAndRelu(Check check) {
        check.forAll(Gens.elements(Primitives.RELU, Primitives.ABS).as("op"),
                TensorGens.tensors(new int[] {1}, Gens.doubles(-1e-6, 1e-6)).as("x"),
                (op, x) -> FiniteDifferences.compareForward(check, new OpSample(op, new Sample(new Tensor[] {x}, dlmath.autodiff.Attrs.NONE))));
    }
}
