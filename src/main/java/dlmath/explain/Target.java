package dlmath.explain;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.nn.Layer;
import dlmath.nn.Mode;
import dlmath.nn.Params;
import dlmath.tensor.Checks;
import dlmath.tensor.Shapes;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * The scalar function being explained: f maps an input of a fixed shape to one number. Built from
 * any differentiable {@link Var} function ({@link #of}) or from an {@code nn} model and the index
 * of one of its outputs ({@link #model}). Every evaluation refuses an input of the wrong shape or
 * with a non-finite entry, and a non-finite output, in the user's terms.
 */
public final class Target {

    private final int[] shape;
    private final Function<Var, Var> f;
    private final String name;

    private Target(int[] shape, Function<Var, Var> f, String name) {
        this.shape = shape;
        this.f = f;
        this.name = name;
    }

    /**
     * A scalar function of one tensor.
     *
     * @param shape the input's shape (at least one entry)
     * @param f the function; it must return a node with exactly one entry
     * @return the target
     * @throws IllegalArgumentException if the shape has a negative dimension or no entries
     */
    public static Target of(int[] shape, Function<Var, Var> f) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(f, "f");
        int size = Checks.sizeProduct("Target.of", shape);
        if (size < 1) {
            throw new IllegalArgumentException("Target.of: the input shape " + Shapes.toString(shape) + " has no entries");
        }
        return new Target(shape.clone(), f, "f");
    }

    /**
     * Output {@code output} of an {@code nn} model in evaluation mode, for one input of shape
     * {@code inputShape} (the model sees it as a batch of one, {@code [1, inputShape...]}).
     *
     * @param model the model
     * @param params its parameters
     * @param state its state (running statistics; {@link Params#EMPTY} if none)
     * @param inputShape the shape of one input, without the batch axis
     * @param output the index of the explained output among the model's outputs for one input
     * @return the target
     * @throws IllegalArgumentException if the input shape is empty or output is negative
     */
    public static Target model(Layer model, Params params, Params state, int[] inputShape, int output) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(inputShape, "inputShape");
        if (output < 0) {
            throw new IllegalArgumentException("Target.model: output must be >= 0, got " + output);
        }
        Checks.sizeProduct("Target.model", inputShape);
        Target t = of(inputShape, x -> {
            int[] batched = new int[inputShape.length + 1];
            batched[0] = 1;
            System.arraycopy(inputShape, 0, batched, 1, inputShape.length);
            Var y = model.apply(params.constants(x.graph()), state, x.reshape(batched), Mode.EVAL, null).y();
            int k = y.value().size();
            if (output >= k) {
                throw new IllegalArgumentException("Target.model: output " + output + " is out of range: the model gives "
                        + k + " outputs (shape " + Shapes.toString(y.shape()) + ") for one input");
            }
            return y.reshape(k).slice(0, output, output + 1).sum();
        });
        return new Target(t.shape, t.f, "output " + output + " of " + model);
    }

    /** @return a copy of the input shape */
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of input features (entries of one input) */
    public int features() {
        return Checks.sizeProduct("Target.features", shape);
    }

    /**
     * Checks that x is an input of this target: its shape, finite entries.
     *
     * @param op the calling method, for the message
     * @param what the parameter's name
     * @param x the tensor
     * @return x
     */
    Tensor requireInput(String op, String what, Tensor x) {
        Objects.requireNonNull(x, what);
        if (!Arrays.equals(x.shape(), shape)) {
            throw new IllegalArgumentException(op + ": " + what + " has shape " + Shapes.toString(x.shape())
                    + ", but " + name + " takes inputs of shape " + Shapes.toString(shape));
        }
        double[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(op + ": " + what + " has a non-finite entry: " + what + "[" + i
                        + "] (flat index) = " + v[i]);
            }
        }
        return x;
    }

    private Var apply(String op, Var x) {
        Var y = f.apply(x);
        if (y == null) {
            throw new IllegalArgumentException(op + ": " + name + " returned null");
        }
        if (y.value().size() != 1) {
            throw new IllegalArgumentException(op + ": " + name + " must return one number, but returned shape "
                    + Shapes.toString(y.shape()) + " (explain one output at a time)");
        }
        if (!Double.isFinite(y.value().toArray()[0])) {
            throw new IllegalArgumentException(op + ": " + name + " is not finite at this input: f(x) = "
                    + y.value().toArray()[0]);
        }
        return y;
    }

    /**
     * f(x).
     *
     * @param x an input of the target's shape with finite entries
     * @return the value
     * @throws IllegalArgumentException on a wrong shape, a non-finite entry or a non-finite value
     */
    public double value(Tensor x) {
        requireInput("Target.value", "x", x);
        Graph g = new Graph();
        return apply("Target.value", g.constant(x)).value().toArray()[0];
    }

    /**
     * The gradient of f at x by reverse mode.
     *
     * @param x an input of the target's shape with finite entries
     * @return df/dx, of x's shape
     * @throws IllegalArgumentException on a wrong shape, a non-finite entry, value or gradient
     */
    public Tensor gradient(Tensor x) {
        requireInput("Target.gradient", "x", x);
        Graph g = new Graph();
        Var v = g.variable(x);
        Tensor grad = Autodiff.grad(apply("Target.gradient", v), v)[0].value();
        double[] a = grad.toArray();
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("Target.gradient: " + name + " has a non-finite gradient at this input: df/dx[" + i
                        + "] (flat index) = " + a[i]);
            }
        }
        return grad.reshape(shape);
    }

    @Override
    public String toString() {
        return name + " on " + Shapes.toString(shape);
    }
}
