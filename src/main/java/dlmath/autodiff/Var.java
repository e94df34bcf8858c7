package dlmath.autodiff;

import dlmath.tensor.Checks;
import dlmath.tensor.Shapes;
import dlmath.tensor.Tensor;
import java.util.Objects;

/**
 * A node of a {@link Graph}: a tensor value together with how it was computed (primitive,
 * attributes, inputs), whether it depends on a variable ({@link #requiresGrad()}), and, in
 * forward mode, its tangent.
 *
 * <p>The methods below are the differentiable operations. Each either applies one primitive of
 * {@link Primitives} or is a composite of primitives (marked "composite"), which needs no
 * derivative rules of its own. Shapes and broadcasting follow {@link Tensor}.
 */
public final class Var {

    private final Graph graph;
    private final int id;
    private final Tensor value;
    private final Tensor tangent;
    private final Primitive primitive;
    private final Attrs attrs;
    private final Var[] inputs;
    private final boolean requiresGrad;

    Var(Graph graph, int id, Tensor value, Tensor tangent, Primitive primitive, Attrs attrs, Var[] inputs,
        boolean requiresGrad) {
        this.graph = graph;
        this.id = id;
        this.value = value;
        this.tangent = tangent;
        this.primitive = primitive;
        this.attrs = attrs;
        this.inputs = inputs;
        this.requiresGrad = requiresGrad;
    }

    // ------------------------------------------------------------------ accessors

    /** @return the graph this node belongs to */
    public Graph graph() {
        return graph;
    }

    /** @return the value */
    public Tensor value() {
        return value;
    }

    /** @return a copy of the shape of the value */
    public int[] shape() {
        return value.shape();
    }

    /** @return the rank of the value */
    public int rank() {
        return value.rank();
    }

    /** @return whether this depends on a variable, so that gradients flow into it */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** @return whether a forward-mode tangent is attached */
    public boolean hasTangent() {
        return tangent != null;
    }

    /** @return the forward-mode tangent, or zeros of the value's shape if none is attached */
    public Tensor tangent() {
        return tangent != null ? tangent : Tensor.zeros(value.shape());
    }

    /** @return the primitive that computed this node, or null for a leaf */
    public Primitive primitive() {
        return primitive;
    }

    /** @return the attributes of the primitive application (empty for a leaf) */
    public Attrs attrs() {
        return attrs;
    }

    Var[] inputs() {
        return inputs;
    }

    int id() {
        return id;
    }

    /**
     * Stop-gradient: the same value as a constant, with no gradient and no tangent flowing
     * through it (JAX's {@code stop_gradient}, PyTorch's {@code detach}).
     *
     * @return the detached constant
     */
    public Var detach() {
        return graph.constant(value);
    }

    // ------------------------------------------------------------------ elementwise

    /** @return -x */
    public Var neg() {
        return unary(Primitives.NEG);
    }

    /** @return e^x */
    public Var exp() {
        return unary(Primitives.EXP);
    }

    /** @return ln x */
    public Var log() {
        return unary(Primitives.LOG);
    }

    /** @return ln(1 + x) */
    public Var log1p() {
        return unary(Primitives.LOG1P);
    }

    /** @return the square root */
    public Var sqrt() {
        return unary(Primitives.SQRT);
    }

    /** @return tanh x */
    public Var tanh() {
        return unary(Primitives.TANH);
    }

    /** @return 1 / (1 + e^-x) */
    public Var sigmoid() {
        return unary(Primitives.SIGMOID);
    }

    /** @return max(x, 0) */
    public Var relu() {
        return unary(Primitives.RELU);
    }

    /** @return |x| */
    public Var abs() {
        return unary(Primitives.ABS);
    }

    /** @return sin x */
    public Var sin() {
        return unary(Primitives.SIN);
    }

    /** @return cos x */
    public Var cos() {
        return unary(Primitives.COS);
    }

    /**
     * x^p entrywise for a constant exponent.
     *
     * @param p the exponent
     * @return the powers
     */
    public Var pow(double p) {
        return graph.apply(Primitives.POW, Attrs.of("p", p), this);
    }

    /** @param other y (broadcast) @return x + y */
    public Var add(Var other) {
        return graph.apply(Primitives.ADD, Attrs.NONE, this, other);
    }

    /** @param other y (broadcast) @return x - y */
    public Var sub(Var other) {
        return graph.apply(Primitives.SUB, Attrs.NONE, this, other);
    }

    /** @param other y (broadcast) @return x * y entrywise */
    public Var mul(Var other) {
        return graph.apply(Primitives.MUL, Attrs.NONE, this, other);
    }

    /** @param other y (broadcast) @return x / y entrywise */
    public Var div(Var other) {
        return graph.apply(Primitives.DIV, Attrs.NONE, this, other);
    }

    /** @param c a constant @return x + c (composite) */
    public Var add(double c) {
        return add(graph.scalar(c));
    }

    /** @param c a constant @return x - c (composite) */
    public Var sub(double c) {
        return sub(graph.scalar(c));
    }

    /** @param c a constant @return c - x (composite) */
    public Var rsub(double c) {
        return graph.scalar(c).sub(this);
    }

    /** @param c a constant @return c x (composite) */
    public Var mul(double c) {
        return mul(graph.scalar(c));
    }

    /** @param c a constant @return x / c (composite) */
    public Var div(double c) {
        return div(graph.scalar(c));
    }

    /**
     * Picks {@code a} where the mask is non-zero and {@code b} elsewhere; the mask is a constant
     * and all three broadcast.
     *
     * @param mask the 0/1 mask
     * @param a the entries where it holds
     * @param b the entries where it does not
     * @return the selection
     */
    public static Var where(Tensor mask, Var a, Var b) {
        Objects.requireNonNull(mask, "mask");
        Checks.notNull(a, "a");
        Checks.notNull(b, "b");
        return a.graph.apply(Primitives.WHERE, Attrs.of("mask", mask), a, b);
    }

    // ------------------------------------------------------------------ linear algebra

    /**
     * The matrix product for operands of rank 1 or 2 ({@code numpy.matmul} semantics).
     *
     * @param other the right factor
     * @return the product
     */
    public Var matmul(Var other) {
        return graph.apply(Primitives.MATMUL, Attrs.NONE, this, other);
    }

    /** @return the transpose (last two axes swapped; rank &gt;= 2) */
    public Var transpose() {
        return unary(Primitives.TRANSPOSE);
    }

    /**
     * Solves {@code A x = b} with this as A.
     *
     * @param b a vector [n] or matrix [n, k]
     * @return x = A^-1 b
     */
    public Var solve(Var b) {
        return graph.apply(Primitives.SOLVE, Attrs.NONE, this, b);
    }

    /** @return log det of the symmetric part (A + A^T) / 2, which must be positive definite */
    public Var logdet() {
        return unary(Primitives.LOGDET);
    }

    // ------------------------------------------------------------------ shapes

    /**
     * The same entries with another shape.
     *
     * @param shape the new shape (same size)
     * @return the reshaped variable
     */
    public Var reshape(int... shape) {
        return graph.apply(Primitives.RESHAPE, Attrs.of("shape", shape), this);
    }

    /**
     * Broadcasts to a larger shape.
     *
     * @param shape the target
     * @return the broadcast variable
     */
    public Var broadcastTo(int... shape) {
        return graph.apply(Primitives.BROADCAST_TO, Attrs.of("shape", shape), this);
    }

    /**
     * Sums back to a shape that broadcasts to this one (the adjoint of broadcasting).
     *
     * @param shape the target
     * @return the sums
     */
    public Var sumTo(int... shape) {
        return graph.apply(Primitives.SUM_TO, Attrs.of("shape", shape), this);
    }

    /**
     * The entries with index in {@code [start, end)} along an axis.
     *
     * @param axis the axis
     * @param start first index kept
     * @param end one past the last
     * @return the slice
     */
    public Var slice(int axis, int start, int end) {
        return graph.apply(Primitives.SLICE, Attrs.of("axis", Shapes.normalizeAxis(axis, rank()), "start", start, "end", end), this);
    }

    /**
     * Joins variables along an axis.
     *
     * @param axis the axis
     * @param vs at least one variable, all of the same graph
     * @return the concatenation
     */
    public static Var concat(int axis, Var... vs) {
        if (vs == null || vs.length == 0) {
            throw new IllegalArgumentException("concat: need at least one input");
        }
        Checks.noNulls(vs, "vs");
        return vs[0].graph.apply(Primitives.CONCAT, Attrs.of("axis", axis), vs);
    }

    // ------------------------------------------------------------------ reductions

    /** @return the sum of all entries, a scalar (composite: sum, then reshape) */
    public Var sum() {
        return sum(allAxes(), false);
    }

    /**
     * Sums over axes.
     *
     * @param axes the axes
     * @param keepdims whether they stay with side 1 (otherwise a reshape removes them: composite)
     * @return the sums
     */
    public Var sum(int[] axes, boolean keepdims) {
        return reduce(Primitives.SUM, axes, keepdims);
    }

    /** @return the mean of all entries, a scalar */
    public Var mean() {
        return mean(allAxes(), false);
    }

    /**
     * Means over axes.
     *
     * @param axes the axes
     * @param keepdims whether they stay with side 1
     * @return the means
     */
    public Var mean(int[] axes, boolean keepdims) {
        return reduce(Primitives.MEAN, axes, keepdims);
    }

    /**
     * Maxima over axes; the gradient goes to the first maximal entry.
     *
     * @param axes the axes
     * @param keepdims whether they stay with side 1
     * @return the maxima
     */
    public Var max(int[] axes, boolean keepdims) {
        return reduce(Primitives.MAX, axes, keepdims);
    }

    /**
     * Stable log-sum-exp over axes.
     *
     * @param axes the axes
     * @param keepdims whether they stay with side 1
     * @return log sum exp
     */
    public Var logsumexp(int[] axes, boolean keepdims) {
        return reduce(Primitives.LOGSUMEXP, axes, keepdims);
    }

    /**
     * The softmax along one axis.
     *
     * @param axis the axis
     * @return exp(x - lse(x)) along the axis
     */
    public Var softmax(int axis) {
        return graph.apply(Primitives.SOFTMAX, Attrs.of("axis", Shapes.normalizeAxis(axis, rank())), this);
    }

    private Var reduce(Primitive p, int[] axes, boolean keepdims) {
        int[] ax = TensorSupport.normalizeAxes(p.name(), axes, rank());
        Var kept = graph.apply(p, Attrs.of("axes", ax), this);
        return keepdims ? kept : kept.reshape(TensorSupport.droppedShape(shape(), ax));
    }

    private int[] allAxes() {
        int[] axes = new int[rank()];
        for (int d = 0; d < axes.length; d++) {
            axes[d] = d;
        }
        return axes;
    }

    private Var unary(Primitive p) {
        return graph.apply(p, Attrs.NONE, this);
    }

    /** @return e.g. {@code Var#3 [2, 2] = mul(...)}, or {@code Var#0 [3] (variable)} */
    @Override
    public String toString() {
        String kind = primitive != null ? primitive.name() : requiresGrad ? "variable" : "constant";
        return "Var#" + id + " " + Shapes.toString(value.shape()) + " (" + kind + ")";
    }
}
