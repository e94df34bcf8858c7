package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Claims;
import dlmath.gen.AutodiffGens.OpSample;
import dlmath.tensor.Tensor;

/**
 * Closed-form derivatives of the unary elementwise primitives, written here independently of the
 * registry's rules, and the relative comparison of reverse and forward mode with them over the
 * tests' wide domains.
 *
 * <p>Tolerance {@code 16u |f'| + 8 MIN_VALUE}, u = 2^-53: each closed form below takes at most
 * 4 roundings after a library function within 1 ulp (java.lang.Math), so it is off by at most
 * 8u |f'|; each rule of the registry, on a seed or tangent of ones, is a product or quotient of at
 * most 4 such factors (e.g. exp: g y; sqrt: g / (2y)), so it is off by at most 8u |f'| as well
 * (Higham, Accuracy and Stability, 2nd ed., Lemma 3.1); one subnormal quantum per operation.
 */
final class WideDomains {

    static final double U = Math.ulp(1.0) / 2;

    private WideDomains() {
    }

    /** The logistic function, evaluated so that neither tail loses relative accuracy. */
    static double logistic(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** f'(x) of the primitive, in closed form. */
    static double derivative(String op, double x, double p) {
        return switch (op) {
            case "exp" -> Math.exp(x);
            case "log" -> 1 / x;
            case "log1p" -> 1 / (1 + x);
            case "sqrt" -> 0.5 / Math.sqrt(x);
            case "tanh" -> 4 * logistic(2 * x) * logistic(-2 * x);    // sech^2 x = 4 e^2x / (1 + e^2x)^2
            case "sigmoid" -> logistic(x) * logistic(-x);
            case "sech2" -> -8 * logistic(2 * x) * logistic(-2 * x) * Math.tanh(x);
            case "pow" -> p * Math.pow(x, p - 1);
            case "sin" -> Math.cos(x);
            case "cos" -> -Math.sin(x);
            case "relu" -> x > 0 ? 1 : 0;
            case "abs" -> Math.signum(x);
            case "neg" -> -1;
            default -> throw new IllegalArgumentException("no closed form for " + op);
        };
    }

    /** Whether some entry lies far out: |x| >= 1e100 or <= 1e-100 (x != 0), or exp, tanh, sigmoid at |x| >= 40. */
    static boolean extreme(OpSample s) {
        boolean saturating = switch (s.op().name()) {
            case "exp", "tanh", "sech2", "sigmoid" -> true;
            default -> false;
        };
        for (double v : s.inputs()[0].toArray()) {
            double a = Math.abs(v);
            if (a >= 1e100 || (a != 0 && a <= 1e-100) || (saturating && a >= 40)) {
                return true;
            }
        }
        return false;
    }

    private static double p(OpSample s) {
        return s.op().name().equals("pow") ? s.attrs().real("p") : 0;
    }

    static void compare(OpSample s, double[] ad, String mode) {
        double[] x = s.inputs()[0].toArray();
        for (int i = 0; i < x.length; i++) {
            double exact = derivative(s.op().name(), x[i], p(s));
            Claims.close(s.op().name() + "'(" + x[i] + "), " + mode + " vs closed form", ad[i], exact,
                    16 * U * Math.abs(exact) + 8 * Double.MIN_VALUE);
        }
    }

    /** Reverse mode with a seed of ones (the Jacobian is diagonal). */
    static void compareReverse(OpSample s) {
        Graph g = new Graph();
        Var[] x = Autodiff.variables(g, s.inputs());
        Var y = g.apply(s.op(), s.attrs(), x);
        Var[] grad = Autodiff.grad(y, Tensor.ones(y.shape()), false, x);
        compare(s, grad[0].value().toArray(), "reverse mode");
    }

    /** Forward mode with a tangent of ones. */
    static void compareForward(OpSample s) {
        Graph g = new Graph();
        Tensor x = s.inputs()[0];
        Var v = g.dual(x, Tensor.ones(x.shape()));
        compare(s, g.apply(s.op(), s.attrs(), v).tangent().toArray(), "forward mode");
    }
}
