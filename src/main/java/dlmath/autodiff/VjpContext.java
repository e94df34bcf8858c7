package dlmath.autodiff;

import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * What a reverse rule sees of one node during the backward pass: its inputs and output as
 * {@link Var}s (so the rule's arithmetic is recorded and can be differentiated again), the
 * cotangent {@code g} of its output, and the accumulator of input adjoints.
 *
 * <p>A rule states its contribution to input i as {@code add(i, v)} (the adjoint statement
 * {@code x̄_i += v}) or {@code subtract(i, v)} ({@code x̄_i -= v}). If {@code v} has the
 * broadcast shape of the output and input i was broadcast, the accumulator sums it back to the
 * input's shape (the adjoint of broadcasting). The first contribution is stored as it is, later
 * ones are added: gradients accumulate over fan-out.
 */
public final class VjpContext {

    private final Var node;
    private final Var g;
    private final Map<Var, Var> adjoints;

    VjpContext(Var node, Var g, Map<Var, Var> adjoints) {
        this.node = node;
        this.g = g;
        this.adjoints = adjoints;
    }

    /**
     * The cotangent of the output (same shape as the output).
     *
     * @return g
     */
    public Var g() {
        return g;
    }

    /**
     * The output of the node.
     *
     * @return y
     */
    public Var out() {
        return node;
    }

    /**
     * Input i of the node.
     *
     * @param i the index
     * @return the input
     */
    public Var in(int i) {
        return node.inputs()[i];
    }

    /**
     * The number of inputs.
     *
     * @return the arity of this application
     */
    public int arity() {
        return node.inputs().length;
    }

    /**
     * The attributes of the node.
     *
     * @return the attributes
     */
    public Attrs attrs() {
        return node.attrs();
    }

    /**
     * Whether input i needs an adjoint (it depends on a variable); rules skip the others.
     *
     * @param i the index
     * @return whether to compute its contribution
     */
    public boolean needs(int i) {
        return in(i).requiresGrad();
    }

    /**
     * A constant (no gradient, no tangent) in the node's graph. Masks that the forward pass
     * already determined (signs, argmax) are passed this way and not charged again.
     *
     * @param t the value
     * @return the constant
     */
    public Var constant(Tensor t) {
        return node.graph().constant(t);
    }

    /**
     * The statement {@code x̄_i += v}.
     *
     * @param i the input
     * @param v the contribution, of the input's shape or of a shape the input broadcasts to
     */
    /**
     * A constant that the rule computed from tensors (a mask, a shift), charging the graph the
     * work that computed it, so that {@link Graph#work()} counts everything the reverse sweep does.
     *
     * @param t the tensor
     * @param work the operations spent computing it, in the model of {@link Primitives}
     * @return a constant of this graph
     * @throws IllegalArgumentException if work is negative
     */
    public Var constant(Tensor t, long work) {
        if (work < 0) {
            throw new IllegalArgumentException("constant: work must be >= 0, got " + work);
        }
        Var v = constant(t);
        node.graph().charge(work);
        return v;
    }

    public void add(int i, Var v) {
        accumulate(i, v, false);
    }

    /**
     * The statement {@code x̄_i -= v}: saves the negation when x̄_i already holds a value.
     *
     * @param i the input
     * @param v the contribution, of the input's shape or of a shape the input broadcasts to
     */
    public void subtract(int i, Var v) {
        accumulate(i, v, true);
    }

    private void accumulate(int i, Var v, boolean negate) {
        Var x = in(i);
        if (!x.requiresGrad()) {
            return;
        }
        int[] shape = x.shape();
        if (!Arrays.equals(v.shape(), shape)) {
            v = v.sumTo(shape);
        }
        Var old = adjoints.get(x);
        Var updated;
        if (old == null) {
            updated = negate ? v.neg() : v;
        } else {
            updated = negate ? old.sub(v) : old.add(v);
        }
        adjoints.put(x, updated);
    }
}
