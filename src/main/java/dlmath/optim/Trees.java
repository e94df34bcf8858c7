package dlmath.optim;

import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/** Checks and elementwise maps over arrays of tensors (optax's pytrees, here flat arrays). */
final class Trees {

    private Trees() {
    }

    /** Checks that two arrays are non-null, have no null entries, and agree in count and shapes. */
    static void check(String op, String aName, Tensor[] a, String bName, Tensor[] b) {
        Objects.requireNonNull(a, aName);
        Objects.requireNonNull(b, bName);
        if (a.length != b.length) {
            throw new IllegalArgumentException(op + ": " + aName + " has " + a.length + " tensors but " + bName
                    + " has " + b.length);
        }
        for (int i = 0; i < a.length; i++) {
            Objects.requireNonNull(a[i], aName + "[" + i + "]");
            Objects.requireNonNull(b[i], bName + "[" + i + "]");
            if (!Arrays.equals(a[i].shape(), b[i].shape())) {
                throw new IllegalArgumentException(op + ": " + aName + "[" + i + "] has shape "
                        + Arrays.toString(a[i].shape()) + " but " + bName + "[" + i + "] has shape "
                        + Arrays.toString(b[i].shape()));
            }
        }
    }

    /** Checks grads against params and refuses non-finite gradient entries. */
    static void checkStep(String op, Tensor[] grads, Tensor[] params) {
        check(op, "grads", grads, "params", params);
        for (int i = 0; i < grads.length; i++) {
            double[] g = grads[i].toArray();
            for (int j = 0; j < g.length; j++) {
                if (!Double.isFinite(g[j])) {
                    throw new IllegalArgumentException(op + ": grads[" + i + "] entry " + j + " is " + g[j]
                            + " (gradients must be finite)");
                }
            }
        }
    }

    /** Checks a state's per-parameter tensors against the parameters. */
    static void checkState(String op, String name, Tensor[] s, Tensor[] params) {
        if (s == null) {
            throw new IllegalArgumentException(op + ": state has no " + name + " (was it made by this rule's init?)");
        }
        check(op, "state." + name, s, "params", params);
    }

    /** Zeros of each parameter's shape. */
    static Tensor[] zerosLike(Tensor[] params) {
        Objects.requireNonNull(params, "params");
        if (params.length == 0) {
            throw new IllegalArgumentException("init: need at least one parameter");
        }
        Tensor[] out = new Tensor[params.length];
        for (int i = 0; i < params.length; i++) {
            out[i] = Tensor.zeros(Objects.requireNonNull(params[i], "params[" + i + "]").shape());
        }
        return out;
    }

    /** Fills each parameter's shape with {@code value}. */
    static Tensor[] fullLike(Tensor[] params, double value) {
        Tensor[] z = zerosLike(params);
        for (int i = 0; i < z.length; i++) {
            z[i] = z[i].add(value);
        }
        return z;
    }

    /** Requires a finite number >= 0. */
    static double nonNegative(String op, String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(op + ": " + name + " must be finite and >= 0, was " + value);
        }
        return value;
    }

    /** Requires a number in [0, 1). */
    static double unitInterval(String op, String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(op + ": " + name + " must be in [0, 1), was " + value);
        }
        return value;
    }

    /** Requires a state of the given type. */
    static <S extends State> S state(String op, State s, Class<S> type) {
        Objects.requireNonNull(s, "state");
        if (!type.isInstance(s)) {
            throw new IllegalArgumentException(op + ": expected a " + type.getSimpleName() + " state, got "
                    + s.getClass().getSimpleName() + " (was it made by this rule's init?)");
        }
        return type.cast(s);
    }

    /** Refuses entries that overflowed to infinity (e.g. g^2 for |g| above 1e154). */
    static Tensor finite(String op, String what, Tensor t) {
        double[] v = t.toArray();
        for (int j = 0; j < v.length; j++) {
            if (!Double.isFinite(v[j])) {
                throw new IllegalArgumentException(op + ": " + what + " entry " + j + " overflowed to " + v[j]
                        + "; scale the loss or the gradients down");
            }
        }
        return t;
    }

    /**
     * num / den entrywise, where 0 / 0 is 0 (a zero denominator with eps = 0 comes only from
     * gradients that were all zero, and then the step is 0); a non-zero numerator over a zero
     * denominator is refused.
     */
    static Tensor divide(String op, Tensor num, Tensor den) {
        double[] a = num.toArray();
        double[] b = den.toArray();
        for (int j = 0; j < a.length; j++) {
            if (b[j] == 0) {
                if (a[j] != 0) {
                    throw new IllegalArgumentException(op + ": entry " + j + " divides " + a[j]
                            + " by a zero denominator; use eps > 0");
                }
                a[j] = 0;
            } else {
                a[j] = a[j] / b[j];
            }
        }
        return Tensor.of(num.shape(), a);
    }
}
