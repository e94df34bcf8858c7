package dlmath.theorems.autodiff;

import dlmath.autodiff.Attrs;
import dlmath.autodiff.Primitive;
import dlmath.autodiff.Primitives;
import dlmath.autodiff.Tape;
import dlmath.autodiff.Var;
import dlmath.check.Tol;
import dlmath.linalg.Cholesky;
import dlmath.tensor.Tensor;
import java.util.IdentityHashMap;

/**
 * Per-entry bounds on the rounding error of forward-mode tangents, by running error analysis of
 * the tangent sweep (Wilkinson; Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed.,
 * SIAM 2002, Sec. 3.3, with the standard model {@code fl(a op b) = (a op b)(1 + d), |d| <= u},
 * Sec. 2.2 and ch. 3). Forward mode stores each node's tangent next to its value on the tape
 * ({@link dlmath.autodiff.Graph#apply}: the primitive's JVP rule on the inputs' values and
 * tangents), so the bound walks the same tape as {@link RunningError}, node by node, and uses only
 * values, tangents and shapes of the run, never a count the code under test reports.
 *
 * <p>The exact tangent of a node is the derivative along the seed of the exact value of that node as a
 * function of the inputs (dual leaves: point and tangent are exact data; constants, including the
 * masks, argmax selections and shifts a reverse sweep computes from values, are data with tangent 0).
 * Every JVP rule of {@link Primitives} is an expression {@code G(x, t, y)} in the inputs' values x,
 * their tangents t and the node's value y, equal to the exact tangent at exact arguments. The computed
 * tangent is {@code fl(G(x^, t^, y^))} with {@code |x^ - x| <= e} (RunningError), {@code |t^ - t| <= f}
 * (this analysis, inputs first) and {@code |y^ - y| <= e_y} (RunningError), so per entry
 * <pre>
 *   |fl(G(x^, t^, y^)) - G(x, t, y)| &lt;= |fl(G(z^)) - G(z^)| + |G(z^) - G(z)|,   z = (x, t, y).
 * </pre>
 * Both terms are bounded at once by running the expression G as it is written in {@code Primitives}
 * step by step, each step a registry primitive on (value, error) pairs ({@link #op}):
 * a step's new error is its rounding on exact operands ({@link RoundingModel#bound}, derived from the
 * standard model for each primitive) plus its sensitivity to operands off by their errors (a global
 * bound over the box, {@link RunningError#sensitivity}) times {@link #slack} = 1 + 10 gamma_(N+8), which
 * covers the rounding of the sensitivity's own evaluation. The rules, as steps (t_k the tangent
 * of input k, x_k its value, y the node's value):
 * <ul>
 *   <li>neg: {@code -t}; exp: {@code t y}; log: {@code t / x}; log1p: {@code t / (x + 1)}; sqrt:
 *       {@code t / (2y)}; sin: {@code t cos x}; cos: {@code -(t sin x)}; tanh: {@code t sech2(x)};
 *       sech2: {@code (t (y tanh x)) (-2)}; sigmoid: {@code (t y) sigmoid(-x)}; pow:
 *       {@code (t x^(p-1)) p};</li>
 *   <li>add, sub: {@code t_0 +- t_1}; mul: {@code t_0 x_1 + x_0 t_1}; div: {@code (t_0 - y t_1) / x_1};
 *       matmul: {@code t_0 x_1 + x_0 t_1} (two matmuls and an add); solve:
 *       {@code x_0^-1 (t_1 - t_0 y)} (a matmul, a subtraction, an LU solve); where, the data movements
 *       and the linear reductions (transpose, reshape, broadcastTo, sumTo, slice, concat, sum, mean): the
 *       primitive itself applied to the tangents;</li>
 *   <li>logsumexp: {@code sum(t w)} with {@code w = e / sum(e)}, {@code e = exp(x - c)}, c the group
 *       maxima of x^ taken as exact data (the exact tangent {@code sum_i t_i exp(x_i - c) / sum_j exp(x_j - c)}
 *       is the same for every c); softmax: {@code y t - y sum(y t)};</li>
 *   <li>relu, abs, max: the rule multiplies t by a mask of x^ ({@code [x > 0]}, {@code sign x}, the
 *       first argmax of each group), exact; the error is f where the exact x has the same mask. Where it
 *       may not (|x^| &lt;= e for relu and abs; for max a group with a second entry within 2 max(e) of the
 *       top), the tangent may be the other branch's: add {@code |t^| + f} (relu), {@code 2(|t^| + f)}
 *       (abs), {@code 2 max_group(|t^| + f)} (max);</li>
 *   <li>logdet: {@code tr(S^-1 D)}, S and D the symmetric parts of x and t (steps: transpose, add, times
 *       0.5), the solve by Cholesky. Rounding of the solve, per column j (Higham Thm 10.4):
 *       {@code (S^ + dS_j) z^_j = d^_j}, {@code |dS_j| <= gamma_(3n+1) |R^T||R|}, and
 *       {@code || |R^T||R| ||_inf <= n max_i s_ii / (1 - gamma_(n+1))} (Cauchy-Schwarz on the columns of
 *       R, {@code ||r_i||^2 = s_ii + ds_ii}, Thm 10.3), so every entry of Z is within
 *       {@code ||S^-1||_inf gamma_(3n+1) n max s_ii / (1 - gamma_(n+1)) max|z^|}, with
 *       {@code ||S^-1||_inf <= sqrt(n) / lambda_min} (lambda_min from {@link RoundingModel#eigenvalueBounds});
 *       sensitivity to S and D off by e_S, f_D: {@code ||(S + E)^-1||_inf (max f_D + ||e_S||_inf
 *       ||S^-1||_inf max|d^|)} ({@link RunningError#inverseNormBound}); both times 2 (second-order terms);
 *       the trace, a sum of n entries: {@code gamma_n sum|z^_ii| + n max err(Z)} (Higham eq. 3.5).</li>
 * </ul>
 * Every step also carries the underflow quanta of {@link RoundingModel}. A bound that needs an error
 * below a distance to a singularity that it is not below is +infinity (the claim then shows it).
 */
final class TangentError {

    /** A value with a per-entry bound on its error. */
    record B(Tensor v, Tensor e) {
        static B exact(Tensor t) {
            return new B(t, Tensor.zeros(t.shape()));
        }

        static B exact(double s) {
            return exact(Tensor.scalar(s));
        }
    }

    private final IdentityHashMap<Var, Tensor> values = new IdentityHashMap<>();
    private final IdentityHashMap<Var, Tensor> tangents = new IdentityHashMap<>();

    /** Per-entry bounds on the rounding error of the tangent of {@code y}, whose leaves are exact data. */
    static Tensor of(Var y) {
        return new TangentError().tangent(y);
    }

    /** The bound for one node (memoized; one analysis may serve several nodes of one tape). */
    Tensor tangent(Var v) {
        Tensor known = tangents.get(v);
        if (known != null) {
            return known;
        }
        Tensor out;
        Var[] in = Tape.operands(v);
        boolean carries = false;
        for (Var w : in) {
            carries |= w.hasTangent();
        }
        if (v.primitive() == null || !carries) {
            out = Tensor.zeros(v.shape());                // a leaf's tangent is data; no tangent in: exactly 0
        } else {
            B[] x = new B[in.length];
            B[] t = new B[in.length];
            for (int k = 0; k < in.length; k++) {
                x[k] = new B(in[k].value(), RunningError.of(in[k], values));
                t[k] = new B(in[k].tangent(), tangent(in[k]));
            }
            B y = new B(v.value(), RunningError.of(v, values));
            Tensor e = rule(v.primitive(), v.attrs(), x, t, y).e();
            if (!java.util.Arrays.equals(e.shape(), v.shape())) {
                throw new IllegalStateException(v.primitive().name() + ": tangent bound of shape "
                        + java.util.Arrays.toString(e.shape()) + " for a value of shape " + java.util.Arrays.toString(v.shape()));
            }
            out = e.map(b -> Double.isNaN(b) ? Double.POSITIVE_INFINITY : b);     // never a silent NaN
        }
        tangents.put(v, out);
        return out;
    }

    /**
     * The factor on a step's sensitivity S that covers the rounding of S's own evaluation:
     * {@code 1 + 10 gamma_(N+8)}, N the number of entries of the step's operands. Each entry of every S
     * used here is a sum of at most N products of non-negative numbers and library functions within
     * 1 ulp, with at most one subtraction of two given numbers ({@code |b| - e_b}, exact relative to
     * its operands) or a Varah margin {@code |a_ii| - sum_(j != i) |a_ij|} of solve's samples (A = 2I + B,
     * |B_ij| &lt;= 0.5, n &lt;= 3: the margin is at least 1/7 of the sum of its terms' magnitudes); by the
     * standard model its computed value is within a relative {@code 7 gamma_(N+8)} of the exact one.
     */
    static double slack(Tensor[] x) {
        int n = 0;
        for (Tensor t : x) {
            n += t.size();
        }
        return 1 + 10 * Tol.gamma(n + 8);
    }

    /** One step of the rule: the primitive on bounded operands (value as computed, error R + slack S). */
    static B op(Primitive p, Attrs a, B... in) {
        Tensor[] x = new Tensor[in.length];
        Tensor[] e = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            x[i] = in[i].v();
            e[i] = in[i].e();
        }
        Tensor y = p.forward(x, a);
        double[] r = RoundingModel.bound(p, x, a, y);
        double[] s = RunningError.sensitivity(p, a, x, e, y).toArray();
        double slack = slack(x);
        double[] out = new double[r.length];
        for (int i = 0; i < out.length; i++) {
            double b = r[i] + slack * s[i];
            out[i] = Double.isNaN(b) ? Double.POSITIVE_INFINITY : b;
        }
        return new B(y, Tensor.of(y.shape(), out));
    }

    static B op(Primitive p, B... in) {
        return op(p, Attrs.NONE, in);
    }

    /** The JVP rule of {@code p} as steps (see the class comment), at bounded values, tangents and output. */
    static B rule(Primitive p, Attrs a, B[] x, B[] t, B y) {
        B x0 = x[0];
        B t0 = t[0];
        Attrs to = Attrs.of("shape", y.v().shape());
        return switch (p.name()) {
            case "neg" -> op(Primitives.NEG, t0);
            case "exp" -> op(Primitives.MUL, t0, y);
            case "log" -> op(Primitives.DIV, t0, x0);
            case "log1p" -> op(Primitives.DIV, t0, op(Primitives.ADD, x0, B.exact(1)));
            case "sqrt" -> op(Primitives.DIV, t0, op(Primitives.MUL, y, B.exact(2)));
            case "sin" -> op(Primitives.MUL, t0, op(Primitives.COS, x0));
            case "cos" -> op(Primitives.NEG, op(Primitives.MUL, t0, op(Primitives.SIN, x0)));
            case "tanh" -> op(Primitives.MUL, t0, op(Primitives.SECH2, x0));
            case "sech2" -> op(Primitives.MUL, op(Primitives.MUL, t0, op(Primitives.MUL, y, op(Primitives.TANH, x0))), B.exact(-2));
            case "sigmoid" -> op(Primitives.MUL, op(Primitives.MUL, t0, y), op(Primitives.SIGMOID, op(Primitives.NEG, x0)));
            case "pow" -> {
                double q = a.real("p");
                yield op(Primitives.MUL, op(Primitives.MUL, t0, op(Primitives.POW, Attrs.of("p", q - 1), x0)), B.exact(q));
            }
            case "relu" -> kink(op(Primitives.MUL, t0, B.exact(x0.v().gt(0.0))), x0, t0, 1);
            case "abs" -> kink(op(Primitives.MUL, t0, B.exact(x0.v().map(Math::signum))), x0, t0, 2);
            case "add" -> op(Primitives.BROADCAST_TO, to, op(Primitives.ADD, t0, t[1]));
            case "sub" -> op(Primitives.BROADCAST_TO, to, op(Primitives.SUB, t0, t[1]));
            case "mul" -> op(Primitives.BROADCAST_TO, to,
                    op(Primitives.ADD, op(Primitives.MUL, t0, x[1]), op(Primitives.MUL, x0, t[1])));
            case "div" -> op(Primitives.BROADCAST_TO, to,
                    op(Primitives.DIV, op(Primitives.SUB, t0, op(Primitives.MUL, y, t[1])), x[1]));
            case "where" -> op(Primitives.BROADCAST_TO, to, op(Primitives.WHERE, a, t0, t[1]));
            case "matmul" -> op(Primitives.ADD, op(Primitives.MATMUL, t0, x[1]), op(Primitives.MATMUL, x0, t[1]));
            case "solve" -> op(Primitives.SOLVE, x0, op(Primitives.SUB, t[1], op(Primitives.MATMUL, t0, y)));
            case "logdet" -> logdet(x0, t0);
            case "transpose", "reshape", "broadcastTo", "sumTo", "slice", "concat", "sum", "mean" -> op(p, a, t);
            case "max" -> max(a.ints("axes"), x0, t0);
            case "logsumexp" -> {
                Attrs axes = Attrs.of("axes", a.ints("axes"));
                B e = op(Primitives.EXP, op(Primitives.SUB, x0, B.exact(x0.v().max(a.ints("axes"), true))));
                B w = op(Primitives.DIV, e, op(Primitives.SUM, axes, e));
                yield op(Primitives.SUM, axes, op(Primitives.MUL, t0, w));
            }
            case "softmax" -> {
                B ydx = op(Primitives.MUL, y, t0);
                B s = op(Primitives.SUM, Attrs.of("axes", new int[] {a.integer("axis")}), ydx);
                yield op(Primitives.SUB, ydx, op(Primitives.MUL, y, s));
            }
            default -> throw new IllegalArgumentException("no tangent error bound for primitive " + p.name());
        };
    }

    /** A masked tangent: where |x^| &lt;= e the exact mask may differ, add {@code factor (|t^| + f)}. */
    private static B kink(B masked, B x, B t, double factor) {
        Tensor near = x.e().sub(x.v().abs()).ge(0.0).mul(x.e().gt(0.0));
        return new B(masked.v(), masked.e().add(near.mul(t.v().abs().add(t.e())).mul(factor)));
    }

    /**
     * max's rule {@code sum(t [first argmax])}: one selected entry per group, exact, error at most the
     * group's largest f; plus {@code 2 max_group(|t^| + f)} where a second entry lies within 2 max(e) of the top.
     */
    private static B max(int[] axes, B x, B t) {
        Tensor top = x.v().max(axes, true);
        Tensor reach = x.e().max(axes, true).mul(2.0);
        Tensor close = x.v().sub(top).add(reach).ge(0.0).sum(axes, true);          // entries within reach of the top
        Tensor flip = close.ge(2.0);
        Tensor mag = t.v().abs().add(t.e()).max(axes, true);
        Tensor e = t.e().max(axes, true).add(flip.mul(mag).mul(2.0));
        return new B(Primitives.MAX.forward(new Tensor[] {t.v()}, Attrs.of("axes", axes)), e);
    }

    /** logdet's rule {@code tr(S^-1 D)} (see the class comment). */
    private static B logdet(B a, B d) {
        B half = B.exact(0.5);
        B s = op(Primitives.MUL, op(Primitives.ADD, a, op(Primitives.TRANSPOSE, a)), half);
        B dd = op(Primitives.MUL, op(Primitives.ADD, d, op(Primitives.TRANSPOSE, d)), half);
        int n = s.v().dim(0);
        double[][] sm = s.v().toArray2D();
        double lo = RoundingModel.eigenvalueBounds(sm)[0];
        if (!(lo > 0)) {
            return new B(Tensor.scalar(Double.NaN), Tensor.scalar(Double.POSITIVE_INFINITY));
        }
        double inv = Math.sqrt(n) / lo;                                     // ||S^-1||_inf <= sqrt(n) ||S^-1||_2
        double diag = 0;
        for (int i = 0; i < n; i++) {
            diag = Math.max(diag, sm[i][i]);
        }
        Tensor z = Cholesky.of(s.v()).solve(dd.v());
        double round = inv * Tol.gamma(3 * n + 1) * n * diag / (1 - Tol.gamma(n + 1)) * z.normInf();
        double normE = 0;
        for (double[] row : s.e().toArray2D()) {
            double r = 0;
            for (double v : row) {
                r += v;
            }
            normE = Math.max(normE, r);
        }
        double sens = RunningError.inverseNormBound(sm, s.e().toArray2D()) * (dd.e().maxAll() + normE * inv * dd.v().normInf());
        double entry = 2 * (round + sens) + 6 * n * RoundingModel.UNDERFLOW;
        double diagSum = 0;
        for (int i = 0; i < n; i++) {
            diagSum += Math.abs(z.get(i, i));
        }
        double e = Tol.gamma(n) * diagSum + n * entry + n * RoundingModel.UNDERFLOW;
        return new B(Tensor.scalar(z.trace()), Tensor.scalar(e));
    }

    /**
     * A bound on |fl(sum_i a_i b^_i) - sum_i a_i b_i| for data a and b^ within f of b, the sum in order
     * over all entries (Tensor.dot): {@code sum |a| f + gamma_n sum |a b^|} (Higham eq. 3.5), plus one
     * underflow quantum per operation; the factor {@code 1 + gamma_(n+3)} covers the rounding of the bound's
     * own evaluation (two sums of n non-negative products and three more operations).
     */
    static double dotBound(Tensor a, Tensor b, Tensor f) {
        Tensor aa = a.abs().flatten();
        int n = aa.size();
        return (1 + Tol.gamma(n + 3)) * (aa.dot(f.flatten()) + Tol.gamma(n) * aa.dot(b.abs().flatten())) + 2 * n * RoundingModel.UNDERFLOW;
    }
}
