package dlmath.autodiff;

import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * A define-by-run computational graph (a "tape") and its work counter.
 *
 * <p>Leaves are created here: {@link #variable} (differentiable), {@link #constant} (not), and
 * {@link #dual} (a variable carrying a forward-mode tangent). Every operation on {@link Var}s
 * records one node holding its primitive, attributes and inputs, and runs the primitive's
 * forward function at once (define-by-run, as PyTorch and Chainer do).
 *
 * <p>The graph counts the primitive executions and their work ({@link Primitive#cost}), which
 * makes the cost of a gradient comparable with the cost of the function, deterministically.
 * Forward-mode tangent computations are not counted. A graph is not thread-safe.
 */
public final class Graph {

    private long operations;
    private long work;
    private int nextId;

    /**
     * A differentiable leaf.
     *
     * @param value its value
     * @return the variable
     */
    public Var variable(Tensor value) {
        return new Var(this, nextId++, requireValue(value), null, null, Attrs.NONE, new Var[0], true);
    }

    /**
     * A leaf with no gradient.
     *
     * @param value its value
     * @return the constant
     */
    public Var constant(Tensor value) {
        return new Var(this, nextId++, requireValue(value), null, null, Attrs.NONE, new Var[0], false);
    }

    /**
     * A scalar constant.
     *
     * @param value the number
     * @return the constant of shape []
     */
    public Var scalar(double value) {
        return constant(Tensor.scalar(value));
    }

    /**
     * A differentiable leaf that also carries a forward-mode tangent; every result computed from
     * it carries the tangent of the result (dual numbers over tensors).
     *
     * @param value its value
     * @param tangent its tangent, of the same shape
     * @return the variable
     * @throws IllegalArgumentException if the shapes differ
     */
    public Var dual(Tensor value, Tensor tangent) {
        requireValue(value);
        if (tangent == null || !Arrays.equals(value.shape(), tangent.shape())) {
            throw new IllegalArgumentException("dual: tangent shape " + (tangent == null ? "null" : Arrays.toString(tangent.shape()))
                    + " does not match value shape " + Arrays.toString(value.shape()));
        }
        return new Var(this, nextId++, value, tangent, null, Attrs.NONE, new Var[0], true);
    }

    /**
     * Applies a primitive to inputs of this graph: runs its forward function, counts its work,
     * computes the output tangent if an input has one, and records the node with its inputs (the
     * reverse sweep follows only the inputs that need a gradient; the test side's running error
     * analysis follows all of them).
     *
     * @param p the primitive
     * @param a its attributes
     * @param inputs its inputs
     * @return the output
     * @throws IllegalArgumentException if an input belongs to another graph, the arity is wrong, or
     *     the primitive rejects the inputs
     */
    public Var apply(Primitive p, Attrs a, Var... inputs) {
        Checks.notNull(p, "p");
        Checks.notNull(a, "a");
        Checks.notNull(inputs, "inputs");
        p.checkArity(inputs.length);
        Tensor[] x = new Tensor[inputs.length];
        boolean requiresGrad = false;
        boolean hasTangent = false;
        for (int i = 0; i < inputs.length; i++) {
            Objects.requireNonNull(inputs[i], "inputs[" + i + "]");
            if (inputs[i].graph() != this) {
                throw new IllegalArgumentException(p.name() + ": input " + i + " belongs to another graph");
            }
            x[i] = inputs[i].value();
            requiresGrad |= inputs[i].requiresGrad();
            hasTangent |= inputs[i].hasTangent();
        }
        Tensor y = p.forward(x, a);
        operations++;
        work += p.cost(x, y, a);
        Tensor tangent = null;
        if (hasTangent) {
            Tensor[] dx = new Tensor[x.length];
            for (int i = 0; i < x.length; i++) {
                dx[i] = inputs[i].tangent();
            }
            tangent = p.jvp(x, dx, y, a);
        }
        return new Var(this, nextId++, y, tangent, p, a, inputs.clone(), requiresGrad);
    }

    /**
     * The number of primitive executions so far (forward and backward).
     *
     * @return the count
     */
    public long operations() {
        return operations;
    }

    /** Charges work done outside a primitive execution (a mask a reverse rule computes on tensors). */
    void charge(long w) {
        work += w;
    }

    /**
     * The work of all primitive executions so far, in the model of {@link Primitives}.
     *
     * @return the count
     */
    public long work() {
        return work;
    }

    private static Tensor requireValue(Tensor value) {
        return Objects.requireNonNull(value, "value");
    }
}
