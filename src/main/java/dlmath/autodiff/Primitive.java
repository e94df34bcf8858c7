package dlmath.autodiff;

import dlmath.tensor.Checks;
import dlmath.tensor.Shapes;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * One entry of the registry of primitive operations ({@link Primitives}): the forward
 * function, its reverse rule (VJP), its forward rule (JVP), its arity, its work count and a
 * description of valid sample inputs, side by side, in the way PyTorch's OpInfo database
 * drives its generic tests. Everything else (the engine, composite operations, programs) is
 * built from these entries, so a generic theorem that runs over {@link Primitives#ALL}
 * covers every derivative rule there is.
 *
 * <p>The VJP rule is written with the differentiable operations of {@link Var}, so the
 * gradient it produces is itself a graph and can be differentiated again (Hessian-vector
 * products, higher orders). The JVP rule works on plain tensors and never calls a VJP rule:
 * forward and reverse mode are independent implementations that check each other.
 */
public final class Primitive {

    /** Arity of a primitive that takes one or more inputs (concat). */
    public static final int VARIADIC = -1;

    /** The forward function on tensors. */
    @FunctionalInterface
    public interface Forward {
        /**
         * @param x the inputs
         * @param a the attributes
         * @return the output
         */
        Tensor apply(Tensor[] x, Attrs a);
    }

    /**
     * The reverse rule: given the output cotangent {@code c.g()}, adds each input's
     * contribution {@code g^T dy/dx_i} with {@code c.add(i, ...)} or {@code c.subtract(i, ...)},
     * the adjoint statements {@code x̄_i += ...} / {@code x̄_i -= ...} of Griewank &amp; Walther.
     */
    @FunctionalInterface
    public interface Vjp {
        /**
         * @param c the node, its cotangent and the adjoint accumulator
         */
        void apply(VjpContext c);
    }

    /** The forward rule: the output tangent given input tangents (zeros for inputs without one). */
    @FunctionalInterface
    public interface Jvp {
        /**
         * @param x the inputs
         * @param dx their tangents, of the same shapes
         * @param y the output
         * @param a the attributes
         * @return the output tangent, of y's shape
         */
        Tensor apply(Tensor[] x, Tensor[] dx, Tensor y, Attrs a);
    }

    /** The work of one execution; see {@link Primitives} for the model. */
    @FunctionalInterface
    public interface Cost {
        /**
         * @param x the inputs
         * @param y the output
         * @param a the attributes
         * @return the work, in operations
         */
        long apply(Tensor[] x, Tensor y, Attrs a);
    }

    private final String name;
    private final int arity;
    private final Forward forward;
    private final Vjp vjp;
    private final Jvp jvp;
    private final Cost cost;
    private final Function<Choices, Sample> sampler;
    private final BiPredicate<Tensor[], Attrs> domain;
    private final String domainText;

    Primitive(String name, int arity, Forward forward, Vjp vjp, Jvp jvp, Cost cost,
              Function<Choices, Sample> sampler, BiPredicate<Tensor[], Attrs> domain, String domainText) {
        this.name = name;
        this.arity = arity;
        this.forward = forward;
        this.vjp = vjp;
        this.jvp = jvp;
        this.cost = cost;
        this.sampler = sampler;
        this.domain = domain;
        this.domainText = domainText;
    }

    /**
     * A primitive defined outside this package (the layers of {@code dlmath.nn} register their
     * convolution, pooling and batch-normalization primitives this way); the arguments are those
     * of the entries of {@link Primitives}, with the same meaning.
     *
     * @param name the name, as programs print it
     * @param arity the number of inputs, or {@link #VARIADIC}
     * @param forward the forward function
     * @param vjp the reverse rule, written with {@link Var} operations
     * @param jvp the forward rule on tensors
     * @param cost the work of one execution
     * @param sampler valid sample inputs from choices
     * @param domain where the derivative rules are claimed to hold
     * @param domainText the domain in words
     * @return the primitive
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if arity is negative and not {@link #VARIADIC}
     */
    public static Primitive define(String name, int arity, Forward forward, Vjp vjp, Jvp jvp, Cost cost,
                                   Function<Choices, Sample> sampler, BiPredicate<Tensor[], Attrs> domain,
                                   String domainText) {
        if (arity < 0 && arity != VARIADIC) {
            throw new IllegalArgumentException("Primitive.define: arity must be >= 0 or VARIADIC (-1), got " + arity
                    + " for " + name);
        }
        return new Primitive(java.util.Objects.requireNonNull(name, "name"), arity,
                java.util.Objects.requireNonNull(forward, "forward"), java.util.Objects.requireNonNull(vjp, "vjp"),
                java.util.Objects.requireNonNull(jvp, "jvp"), java.util.Objects.requireNonNull(cost, "cost"),
                java.util.Objects.requireNonNull(sampler, "sampler"), java.util.Objects.requireNonNull(domain, "domain"),
                java.util.Objects.requireNonNull(domainText, "domainText"));
    }

    /**
     * The name, as programs print it.
     *
     * @return e.g. {@code "mul"}
     */
    public String name() {
        return name;
    }

    /**
     * The number of inputs, or {@link #VARIADIC}.
     *
     * @return the arity
     */
    public int arity() {
        return arity;
    }

    /**
     * Evaluates the forward function on tensors (no graph, no work counted).
     *
     * @param x the inputs
     * @param a the attributes
     * @return the output
     */
    public Tensor forward(Tensor[] x, Attrs a) {
        checkInputs("forward", x, a);
        return forward.apply(x, a);
    }

    /**
     * Applies the forward rule (JVP) on tensors.
     *
     * @param x the inputs
     * @param dx the input tangents (zeros where an input has none)
     * @param y the output {@code forward(x, a)}
     * @param a the attributes
     * @return the output tangent
     */
    public Tensor jvp(Tensor[] x, Tensor[] dx, Tensor y, Attrs a) {
        checkInputs("jvp", x, a);
        Checks.noNulls(dx, "dx");
        Checks.notNull(y, "y");
        if (dx.length != x.length) {
            throw new IllegalArgumentException(name + ".jvp: " + x.length + " inputs but " + dx.length + " tangents dx");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Arrays.equals(x[i].shape(), dx[i].shape())) {
                throw new IllegalArgumentException(name + ".jvp: tangent dx[" + i + "] has shape "
                        + Shapes.toString(dx[i].shape()) + " but input x[" + i + "] has shape " + Shapes.toString(x[i].shape()));
            }
        }
        return jvp.apply(x, dx, y, a);
    }

    void vjp(VjpContext c) {
        vjp.apply(c);
    }

    /**
     * The work of one execution (see {@link Primitives} for the model).
     *
     * @param x the inputs
     * @param y the output
     * @param a the attributes
     * @return the count
     */
    public long cost(Tensor[] x, Tensor y, Attrs a) {
        checkInputs("cost", x, a);
        Checks.notNull(y, "y");
        return cost.apply(x, y, a);
    }

    /**
     * Builds valid sample inputs from choices: shapes that fit, values inside the domain and
     * away from its kinks and poles (see {@link #domainDescription()}).
     *
     * @param c the choices
     * @return inputs and attributes
     */
    public Sample sample(Choices c) {
        Checks.notNull(c, "c");
        return sampler.apply(c);
    }

    /**
     * Whether these inputs lie in the region where the derivative rules are claimed to hold,
     * with a margin: away from kinks (relu, abs at 0; ties of max) and poles (log, sqrt and
     * pow near 0; division by small numbers), and not so large that exp overflows.
     *
     * @param x the inputs
     * @param a the attributes
     * @return whether the inputs are valid for derivative checks
     */
    public boolean inDomain(Tensor[] x, Attrs a) {
        checkInputs("inDomain", x, a);
        return domain.test(x, a);
    }

    /**
     * The sample domain in words, e.g. {@code "x in (0.2, 5)"}.
     *
     * @return the description
     */
    public String domainDescription() {
        return domainText;
    }

    /** The inputs and attributes of a rule: non-null, as many inputs as the arity. */
    private void checkInputs(String rule, Tensor[] x, Attrs a) {
        Checks.noNulls(x, "x");
        Checks.notNull(a, "a");
        if (arity == VARIADIC ? x.length < 1 : x.length != arity) {
            throw new IllegalArgumentException(name + "." + rule + ": expects " + (arity == VARIADIC ? "at least 1" : arity)
                    + " input(s), got " + x.length);
        }
    }

    void checkArity(int n) {
        if (arity == VARIADIC ? n < 1 : n != arity) {
            throw new IllegalArgumentException(name + ": expects " + (arity == VARIADIC ? "at least 1" : arity)
                    + " input(s), got " + n);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
