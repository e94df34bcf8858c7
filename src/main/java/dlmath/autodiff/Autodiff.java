package dlmath.autodiff;

import dlmath.tensor.Checks;
import dlmath.tensor.Shapes;
import dlmath.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reverse mode and forward mode.
 *
 * <p>Reverse mode ({@link #grad}) is the backward sweep of Griewank &amp; Walther (Evaluating
 * Derivatives, 2nd ed., SIAM 2008, Sec. 3.2, "incremental reverse mode"): the nodes that depend
 * on a variable are visited in reverse topological order (reverse creation order, which is
 * topological because inputs exist before their outputs), and each node's reverse rule adds its
 * inputs' contributions to their adjoints, so a node used k times receives the sum of k
 * contributions. The rules are written with differentiable operations, so with
 * {@code createGraph} the gradient is itself a graph that can be differentiated again (as
 * PyTorch's {@code create_graph=True} or JAX's nested {@code grad}).
 *
 * <p>Forward mode ({@link #jvp}) propagates tangents alongside values (dual numbers over tensors,
 * Griewank &amp; Walther Sec. 3.1), using only the primitives' JVP rules.
 */
public final class Autodiff {

    private Autodiff() {
    }

    /**
     * The gradient of a single-entry output with respect to some nodes; no graph is kept for the
     * gradient.
     *
     * @param y the output, with exactly one entry
     * @param wrt the nodes (usually variables)
     * @return one gradient per node, of its shape (zeros if y does not depend on it), detached
     */
    public static Var[] grad(Var y, Var... wrt) {
        return grad(y, null, false, wrt);
    }

    /**
     * The vector-Jacobian product {@code seed^T dy/dx} for each x in {@code wrt}.
     *
     * @param y the output
     * @param seed the cotangent of y, of y's shape; may be null only if y has one entry (then 1)
     * @param createGraph whether the gradient is recorded as a differentiable graph (for
     *     higher derivatives); otherwise the results are detached constants
     * @param wrt the nodes to differentiate with respect to
     * @return one gradient per node, of its shape
     * @throws IllegalArgumentException if y has more than one entry and no seed is given, if the
     *     seed's shape differs from y's, or if a node belongs to another graph
     */
    public static Var[] grad(Var y, Tensor seed, boolean createGraph, Var... wrt) {
        return grad(y, seed, createGraph, wrt, null);
    }

    /**
     * Like {@link #grad(Var, Tensor, boolean, Var...)}, accumulating into existing gradients:
     * the adjoint of {@code wrt[i]} starts at {@code initial[i]} instead of empty, so every
     * contribution is added to it (the way PyTorch accumulates into {@code .grad} across
     * backward calls). The result for {@code wrt[i]} is {@code initial[i]} plus its gradient.
     *
     * @param y the output
     * @param seed the cotangent of y, or null for a single-entry y
     * @param createGraph whether to record the gradient computation
     * @param wrt the nodes
     * @param initial one starting adjoint per node, of its shape; null for none
     * @return one gradient per node
     * @throws IllegalArgumentException as for the other overload, or if an initial adjoint has the
     *     wrong shape or the arrays differ in length
     */
    public static Var[] grad(Var y, Tensor seed, boolean createGraph, Var[] wrt, Tensor[] initial) {
        Checks.notNull(wrt, "wrt");
        Objects.requireNonNull(y, "y");
        if (seed == null && y.value().size() != 1) {
            throw new IllegalArgumentException("grad: output has shape " + Shapes.toString(y.shape()) + " ("
                    + y.value().size() + " entries), not a scalar: backward needs a seed gradient of shape "
                    + Shapes.toString(y.shape()));
        }
        if (seed != null && !Arrays.equals(seed.shape(), y.shape())) {
            throw new IllegalArgumentException("grad: seed shape " + Shapes.toString(seed.shape())
                    + " does not match output shape " + Shapes.toString(y.shape()));
        }
        for (int i = 0; i < wrt.length; i++) {
            Objects.requireNonNull(wrt[i], "wrt[" + i + "]");
            if (wrt[i].graph() != y.graph()) {
                throw new IllegalArgumentException("grad: wrt[" + i + "] belongs to another graph");
            }
        }
        Graph graph = y.graph();
        Map<Var, Var> adjoints = new IdentityHashMap<>();
        if (initial != null) {
            if (initial.length != wrt.length) {
                throw new IllegalArgumentException("grad: " + initial.length + " initial adjoints for " + wrt.length + " nodes");
            }
            for (int i = 0; i < wrt.length; i++) {
                if (initial[i] == null || !Arrays.equals(initial[i].shape(), wrt[i].shape())) {
                    throw new IllegalArgumentException("grad: initial adjoint " + i + " has shape "
                            + (initial[i] == null ? "null" : Shapes.toString(initial[i].shape()))
                            + ", but wrt[" + i + "] has shape " + Shapes.toString(wrt[i].shape()));
                }
                adjoints.put(wrt[i], graph.constant(initial[i]));
            }
        }
        if (y.requiresGrad()) {
            Var seedVar = graph.constant(seed != null ? seed : Tensor.ones(y.shape()));
            Var old = adjoints.get(y);
            adjoints.put(y, old == null ? seedVar : old.add(seedVar));
            for (Var node : reverseTopologicalOrder(y)) {
                Var g = adjoints.get(node);
                if (g != null && node.primitive() != null) {
                    node.primitive().vjp(new VjpContext(node, g, adjoints));
                }
            }
        }
        Var[] out = new Var[wrt.length];
        for (int i = 0; i < wrt.length; i++) {
            Var g = adjoints.get(wrt[i]);
            if (g == null || (!y.requiresGrad() && initial == null)) {
                out[i] = graph.constant(Tensor.zeros(wrt[i].shape()));
            } else {
                out[i] = createGraph ? g : g.detach();
            }
        }
        return out;
    }

    /** The nodes that y depends on through differentiable paths, outputs before inputs. */
    private static List<Var> reverseTopologicalOrder(Var y) {
        Map<Var, Boolean> seen = new IdentityHashMap<>();
        List<Var> nodes = new ArrayList<>();
        Deque<Var> stack = new ArrayDeque<>();
        stack.push(y);
        seen.put(y, true);
        while (!stack.isEmpty()) {
            Var v = stack.pop();
            nodes.add(v);
            for (Var in : v.inputs()) {
                if (in.requiresGrad() && seen.put(in, true) == null) {
                    stack.push(in);
                }
            }
        }
        nodes.sort(Comparator.comparingInt(Var::id).reversed());
        return nodes;
    }

    /**
     * The gradient of a scalar function at a point, in a fresh graph.
     *
     * @param f the function of variables
     * @param x the point, one tensor per argument
     * @return the gradient, one tensor per argument
     */
    public static Tensor[] gradient(Function<Var[], Var> f, Tensor... x) {
        Checks.notNull(f, "f");
        requirePoint("gradient", x);
        Graph graph = new Graph();
        Var[] vars = variables(graph, x);
        return values(grad(output("gradient", f, vars), vars));
    }

    /**
     * The vector-Jacobian product of a function at a point, in a fresh graph.
     *
     * @param f the function
     * @param x the point
     * @param seed the cotangent of the output
     * @return seed^T J, one tensor per argument
     */
    public static Tensor[] vjp(Function<Var[], Var> f, Tensor[] x, Tensor seed) {
        Checks.notNull(f, "f");
        requirePoint("vjp", x);
        Checks.notNull(seed, "seed");
        Graph graph = new Graph();
        Var[] vars = variables(graph, x);
        return values(grad(output("vjp", f, vars), seed, false, vars));
    }

    /** A value together with its forward-mode tangent. */
    public record Dual(Tensor value, Tensor tangent) {
        /** Requires both, of the same shape. */
        public Dual {
            Checks.notNull(value, "value");
            Checks.notNull(tangent, "tangent");
            if (!Arrays.equals(value.shape(), tangent.shape())) {
                throw new IllegalArgumentException("Dual: tangent shape " + Shapes.toString(tangent.shape())
                        + " does not match value shape " + Shapes.toString(value.shape()));
            }
        }
    }

    /**
     * Checks a point and its directions: non-null, as many directions as points, each of its
     * point's shape (a direction is never broadcast: H v with v of another shape is not defined).
     */
    private static void requireDirections(String op, Tensor[] x, Tensor[] v) {
        Checks.noNulls(x, "x");
        Checks.noNulls(v, "v");
        if (x.length == 0) {
            throw new IllegalArgumentException(op + ": need at least one point x, got none");
        }
        if (x.length != v.length) {
            throw new IllegalArgumentException(op + ": " + x.length + " points but " + v.length
                    + (op.equals("jvp") ? " tangents" : " directions") + " (one per point x, of its shape)");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Arrays.equals(x[i].shape(), v[i].shape())) {
                throw new IllegalArgumentException(op + ": " + (op.equals("jvp") ? "tangent" : "direction") + " v[" + i + "] has shape " + Shapes.toString(v[i].shape())
                        + " but x[" + i + "] has shape " + Shapes.toString(x[i].shape()));
            }
        }
    }

    /** A point: at least one tensor, none null. */
    private static void requirePoint(String op, Tensor[] x) {
        Checks.noNulls(x, "x");
        if (x.length == 0) {
            throw new IllegalArgumentException(op + ": need at least one point x, got none");
        }
    }

    /** f applied to the variables; a null result is refused in the user's terms. */
    private static Var output(String op, Function<Var[], Var> f, Var[] vars) {
        Var y = f.apply(vars);
        if (y == null) {
            throw new IllegalArgumentException(op + ": the function f returned null instead of a Var");
        }
        return y;
    }

    /**
     * The Jacobian-vector product {@code J v} by forward mode: the function runs once on dual
     * variables, and every primitive's JVP rule carries the tangents along.
     *
     * @param f the function
     * @param x the point
     * @param v the tangent of each argument, of its shape
     * @return f(x) and J v
     * @throws IllegalArgumentException if the numbers or shapes of x and v differ
     */
    public static Dual jvp(Function<Var[], Var> f, Tensor[] x, Tensor[] v) {
        Checks.notNull(f, "f");
        requireDirections("jvp", x, v);
        Graph graph = new Graph();
        Var[] vars = new Var[x.length];
        for (int i = 0; i < x.length; i++) {
            vars[i] = graph.dual(x[i], v[i]);
        }
        Var y = output("jvp", f, vars);
        return new Dual(y.value(), y.tangent());
    }

    /**
     * The Hessian-vector product H v of a scalar function by reverse-over-reverse: the gradient
     * is built as a graph, its inner product with v is differentiated again.
     *
     * @param f the scalar function
     * @param x the point
     * @param v the direction, one tensor per argument
     * @return H v, one tensor per argument
     */
    public static Tensor[] hvpReverseOverReverse(Function<Var[], Var> f, Tensor[] x, Tensor[] v) {
        Checks.notNull(f, "f");
        requireDirections("hvpReverseOverReverse", x, v);
        Graph graph = new Graph();
        Var[] vars = variables(graph, x);
        Var[] g = grad(output("hvpReverseOverReverse", f, vars), null, true, vars);
        Var inner = null;
        for (int i = 0; i < g.length; i++) {
            Var term = g[i].mul(graph.constant(v[i])).sum();
            inner = inner == null ? term : inner.add(term);
        }
        return values(grad(inner, vars));
    }

    /**
     * The Hessian-vector product H v by forward-over-reverse: the point carries the tangent v,
     * and the backward sweep (made of primitives) carries it into the gradient, whose tangent is
     * {@code d/dt grad f(x + t v) = H v}.
     *
     * @param f the scalar function
     * @param x the point
     * @param v the direction
     * @return H v, one tensor per argument
     */
    public static Tensor[] hvpForwardOverReverse(Function<Var[], Var> f, Tensor[] x, Tensor[] v) {
        Checks.notNull(f, "f");
        requireDirections("hvpForwardOverReverse", x, v);
        Graph graph = new Graph();
        Var[] vars = new Var[x.length];
        for (int i = 0; i < x.length; i++) {
            vars[i] = graph.dual(x[i], v[i]);
        }
        Var[] g = grad(output("hvpForwardOverReverse", f, vars), null, true, vars);
        Tensor[] out = new Tensor[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = g[i].tangent();
        }
        return out;
    }

    /** One differentiable variable per tensor. */
    public static Var[] variables(Graph graph, Tensor... x) {
        Checks.notNull(graph, "graph");
        Checks.noNulls(x, "x");
        Var[] vars = new Var[x.length];
        for (int i = 0; i < x.length; i++) {
            vars[i] = graph.variable(x[i]);
        }
        return vars;
    }

    /** The values of some nodes. */
    public static Tensor[] values(Var... vs) {
        Checks.noNulls(vs, "vs");
        Tensor[] out = new Tensor[vs.length];
        for (int i = 0; i < vs.length; i++) {
            out[i] = vs[i].value();
        }
        return out;
    }
}
