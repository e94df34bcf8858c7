package dlmath.theorems.layers;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.nn.Functional;
import dlmath.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;

/**
 * NN-07 Activation identities: sigmoid' = s(1 - s), tanh' = 1 - tanh^2,
 * tanh(x) = 2 sigmoid(2x) - 1, softplus' = sigmoid, relu(x) - relu(-x) = x, and ELU is C^1 at 0
 * iff alpha = 1. Goodfellow, Bengio &amp; Courville, Deep Learning, Sec. 3.10 (eqs. 3.30-3.41:
 * properties of the logistic and softplus functions) and Sec. 6.3; Clevert, Unterthiner &amp;
 * Hochreiter, Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs), ICLR
 * 2016, eq. 15-16. Page: theorems/layers/NN-07-activation-identities.md.
 */
@Theorem(id = "NN-07", name = "Activation identities",
        statement = "sigmoid' = s(1-s); tanh' = 1 - tanh^2; tanh x = 2 sigmoid(2x) - 1; softplus' = sigmoid; relu(x) - relu(-x) = x; ELU is continuously differentiable at 0 iff alpha = 1")
@Tag("layers")
class ActivationIdentities {

    static final double U = Tol.U;

    /** Reals in [-40, 40] and, one time in four, in [-1e300, 1e300] (saturation, no overflow), with subnormals and zeros. */
    static final Gen<Double> X = Gens.frequency(Gens.weight(3, Gens.doubles(-40, 40).withSubnormals()),
            Gens.weight(1, Gens.doubles(-1e300, 1e300)));

    static double derivative(Function<Var, Var> f, double x) {
        Graph g = new Graph();
        Var v = g.variable(Tensor.of(x));
        return Autodiff.grad(f.apply(v).sum(), v)[0].value().get(0);
    }

    static double value(Function<Var, Var> f, double x) {
        Graph g = new Graph();
        return f.apply(g.constant(Tensor.of(x))).value().get(0);
    }

    /** The reference sigmoid 1 / (1 + e^-x), within gamma_3 relative (exp within 1 ulp, an add, a divide). */
    static double sigma(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /**
     * sigmoid'(x) = s (1 - s) and softplus'(x) = s: both sides carry a relative error gamma_4 in
     * s, which reaches s(1 - s) as an absolute error at most gamma_4 s (|d/ds s(1-s)| &lt;= 1);
     * allowance 3 gamma_4 s for the two sides and the product's rounding, plus the smallest
     * subnormal for underflow.
     */
    @Property(tries = 300)
    void logisticDerivatives(Check check) {
        check.forAll(X.as("x"), x -> {
            double s = sigma(x);
            check.label(Math.abs(x) > 40 ? "saturated" : "moderate");
            Claims.close("sigmoid'(x) = s(1-s)", derivative(Functional::sigmoid, x), s * (1 - s), 3 * Tol.gamma(4) * s + Double.MIN_VALUE);
            Claims.close("softplus'(x) = sigmoid(x)", derivative(Functional::softplus, x), s, 3 * Tol.gamma(6) * s + Double.MIN_VALUE);
            double sp = x > 30 ? x + Math.exp(-x) : Math.log1p(Math.exp(x));
            Claims.close("softplus(x) = log(1 + e^x)", value(Functional::softplus, x), sp, Tol.gamma(6) * Math.abs(sp) + Double.MIN_VALUE);
        });
    }

    /**
     * tanh'(x) = 1 - tanh^2 x and tanh x = 2 sigmoid(2x) - 1, absolute errors: tanh and sigmoid
     * are within gamma_4 relative and at most 1 in magnitude, so 1 - t^2 is within 3 gamma_4 and
     * 2 s - 1 within 3 gamma_4 (absolute), on each side.
     */
    @Property(tries = 300)
    void hyperbolicTangentIdentities(Check check) {
        check.forAll(X.as("x"), x -> {
            double t = Math.tanh(x);
            Claims.close("tanh'(x) = 1 - tanh^2(x)", derivative(Functional::tanh, x), 1 - t * t, 6 * Tol.gamma(4));
            Claims.close("tanh(x) = 2 sigmoid(2x) - 1", value(Functional::tanh, x), 2 * value(Functional::sigmoid, 2 * x) - 1, 6 * Tol.gamma(4));
        });
    }

    /** relu(x) - relu(-x) = x exactly, over the whole double range (signed zeros compare equal). */
    @Property(tries = 300)
    void reluDifferenceIsTheIdentity(Check check) {
        check.forAll(Gens.doubles(-Double.MAX_VALUE, Double.MAX_VALUE).withSubnormals().as("x"), x -> {
            Graph g = new Graph();
            Var v = g.constant(Tensor.of(x));
            double d = Functional.relu(v).sub(Functional.relu(v.neg())).value().get(0);
            Claims.close("relu(x) - relu(-x) = x", d, x, 0);
        });
    }

    /**
     * ELU: for alpha = 1 the one-sided derivatives at +-t (t in [1e-300, 1e-8]) are 1 and
     * e^-t, equal within t + gamma_2; the value is x for x &gt; 0 and alpha (e^x - 1) otherwise,
     * within alpha gamma_3 (e^x within 1 ulp, the subtraction and the product); at 0 it is 0.
     */
    @Property(tries = 300)
    void eluIsContinuouslyDifferentiableForAlphaOne(Check check) {
        check.forAll(Gens.doubles(1e-300, 1e-8).as("t"), X.as("x"), (t, x) -> {
            double right = derivative(v -> Functional.elu(v, 1.0), t);
            double left = derivative(v -> Functional.elu(v, 1.0), -t);
            Claims.close("ELU(alpha = 1)'(0+) = ELU'(0-)", right, left, t + Tol.gamma(2));
            Claims.close("ELU(0) = 0", value(v -> Functional.elu(v, 1.0), 0.0), 0, 0);
            double want = x > 0 ? x : Math.expm1(x);
            Claims.close("ELU(x) = x or e^x - 1", value(v -> Functional.elu(v, 1.0), x), want, Tol.gamma(3) * Math.max(1, Math.abs(want)));
        });
    }

    /** Necessity of alpha = 1: for alpha != 1 the derivative jumps from alpha to 1 at 0. */
    @Counterexample
    void eluWithAlphaNotOneHasAKink(Check check) {
        check.forAll(Gens.doubles(1e-300, 1e-8).as("t"), Gens.elements(0.5, 2.0, 1.5, 0.1).as("alpha"), (t, alpha) -> {
            double right = derivative(v -> Functional.elu(v, alpha), t);
            double left = derivative(v -> Functional.elu(v, alpha), -t);
            Claims.close("ELU(alpha = " + alpha + ")'(0+) = ELU'(0-)", right, left, t + Tol.gamma(2));
        });
    }
}
