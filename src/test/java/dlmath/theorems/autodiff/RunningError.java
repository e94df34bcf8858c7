package dlmath.theorems.autodiff;

import dlmath.autodiff.Attrs;
import dlmath.autodiff.Primitive;
import dlmath.autodiff.Primitives;
import dlmath.autodiff.Program;
import dlmath.autodiff.Tape;
import dlmath.autodiff.Var;
import dlmath.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A per-entry bound on the rounding error of a whole computation, by running error analysis
 * (Wilkinson; Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., SIAM 2002,
 * Sec. 3.3): the bound is carried along with the values, node by node, from quantities of the
 * run itself (values and shapes), never from a count the code under test reports.
 *
 * <p>For a value v = op(x) computed from operands x_hat, each within e_k (entrywise) of its exact
 * value x_k, the triangle inequality gives, per entry,
 * {@code |fl(op(x_hat)) - op(x)| <= R(op, x_hat) + |op(x_hat) - op(x)| <= R(op, x_hat) + 2 S(op, x_hat, e)},
 * where R is {@link RoundingModel#bound} (the rounding of one primitive on exact inputs, derived
 * from its definition) and S bounds {@code |op(x_hat + d) - op(x_hat)|} over all |d| <= e
 * entrywise (below; the factor 2 covers the rounding of S's own evaluation, a relative gamma_K far
 * below 1). Leaves are exact: variables and constants are data. Each S is a global bound on the
 * whole box |d| <= e, not a first-order estimate; where it needs e small against the nearest
 * singularity (e < |x| for log, pow, 1/b; the perturbation smaller than a standard deviation for
 * batchNorm, than lambda_min for solve and logdet) and e is not, S is +infinity (no bound: the
 * caller's claim then cannot pass vacuously, it shows infinity).
 * <ul>
 *   <li>data movement and selections (neg, abs, relu, reshape, transpose, broadcastTo, slice,
 *       concat, gather, where, max, maxPool2d) are 1-Lipschitz per entry, and the linear maps with
 *       non-negative coefficients (sum, sumTo, mean, avgPool2d and its transpose, scatterAdd) map
 *       |d| <= e to at most op(e): {@code S = |op(e)|};</li>
 *   <li>bilinear maps with non-negative coefficients (matmul, conv2d and its two gradients):
 *       {@code S = op(e_a, |b| + e_b) + op(|a|, e_b)}; add, sub: {@code e_a + e_b}; mul:
 *       {@code |b| e_a + |a| e_b + e_a e_b}; div: {@code (e_a |b| + |a| e_b) / (|b| (|b| - e_b))};</li>
 *   <li>exp: {@code y expm1(e)}; log: {@code -log1p(-e/|x|)}; log1p: {@code -log1p(-e/|1+x|)};
 *       sqrt: {@code e / sqrt(x)} ({@code sqrt(e)} at 0); pow: {@code |y| max_(+-) |expm1(p log1p(+-e/|x|))|}
 *       for e < |x|, else {@code (|x| + e)^p + |x|^p} for p > 0;
 *       sin, cos, tanh, sech2 (Lipschitz constant 4/(3 sqrt 3)): e; sigmoid: e/4;</li>
 *   <li>logsumexp: the group's max e; softmax: {@code y_i expm1(2 E)}, E the group's max e;</li>
 *   <li>solve: {@code ||(A + dA)^-1||_inf (max e_b + ||E_A||_inf ||A^-1||_inf max|b|)}, with Varah's bound
 *       {@code 1 / min_i(|a_ii| - e_ii - sum_(j != i)(|a_ij| + e_ij))} for diagonally dominant A, else for
 *       symmetric positive definite A {@code sqrt(n) / (lambda_min - ||E_A||_F)} (Weyl);</li>
 *   <li>logdet of S = (X + X^T)/2: by Weyl each eigenvalue moves by at most ||E||_F, so
 *       {@code n (-log1p(-||E||_F / lambda_min))};</li>
 *   <li>batchNorm, per channel of m entries: the centred values move by {@code c_i = e_i + mean(e)},
 *       the standard deviation s = sqrt(var + eps) (a Euclidean norm) by at most C = rms(c), so
 *       {@code |d xhat_i| <= (c_i + |xhat_i| C) / (s - C)} and
 *       {@code S = (|gamma| + e_gamma) |d xhat| + |xhat| e_gamma + e_beta}.</li>
 * </ul>
 */
public final class RunningError {

    private RunningError() {
    }

    /**
     * Per-entry bounds on the rounding error of every entry of {@code y}, a value computed on a
     * tape from variables and constants (taken as exact data). The computation must not pass
     * computed values through {@code detach} (a detached value is a constant leaf and would lose
     * its error); for programs with stop-gradient use {@link #program}.
     */
    public static Tensor of(Var y) {
        return of(y, new IdentityHashMap<Var, Tensor>());
    }

    /**
     * As {@link #of(Var)}, with the leaves in {@code leaves} carrying the given per-entry errors
     * (inputs that are themselves rounded, e.g. a shifted point x + t v); other leaves are exact.
     */
    public static Tensor of(Var y, Map<Var, Tensor> leaves) {
        return of(y, new IdentityHashMap<>(leaves));
    }

    /** As {@link #of(Var)}, memoized in {@code memo} (node to bound), which callers may share across nodes of one tape. */
    static Tensor of(Var v, IdentityHashMap<Var, Tensor> memo) {
        Tensor known = memo.get(v);
        if (known != null) {
            return known;
        }
        Tensor out;
        if (v.primitive() == null) {
            out = Tensor.zeros(v.shape());
        } else {
            Var[] in = Tape.operands(v);
            Tensor[] x = new Tensor[in.length];
            Tensor[] e = new Tensor[in.length];
            for (int k = 0; k < in.length; k++) {
                x[k] = in[k].value();
                e[k] = of(in[k], memo);
            }
            out = step(v.primitive(), v.attrs(), x, e, v.value());
        }
        memo.put(v, out);
        return out;
    }

    /** The entries of {@link #of}, flat. */
    public static double[] flat(Var y) {
        return of(y).toArray();
    }

    /**
     * A bound on the rounding error of the scalar output of a program (the sum of its last value)
     * at exact inputs x, replaying its instructions on tensors; a detached value is the same value,
     * so it carries its error on (stop-gradient changes derivatives, not values).
     */
    public static double program(Program p, Tensor[] x) {
        return program(p, x, new Tensor[x.length + p.body().size()]);
    }

    /**
     * As {@link #program(Program, Tensor[])}, with the value of instruction i replaced by
     * {@code frozen[inputs + i]} where that is not null: frozen values are data (AD-14), exact.
     */
    public static double program(Program p, Tensor[] x, Tensor[] frozen) {
        return program(p, x, null, frozen);
    }

    /**
     * As {@link #program(Program, Tensor[], Tensor[])}, with input i off by at most
     * {@code inputErrors[i]} per entry (null: exact), e.g. a point x + e d as rounded.
     */
    public static double program(Program p, Tensor[] x, Tensor[] inputErrors, Tensor[] frozen) {
        int k = x.length;
        Tensor[] values = new Tensor[k + p.body().size()];
        Tensor[] errors = new Tensor[values.length];
        for (int i = 0; i < k; i++) {
            values[i] = x[i];
            errors[i] = inputErrors == null ? Tensor.zeros(x[i].shape()) : inputErrors[i];
        }
        for (int i = 0; i < p.body().size(); i++) {
            Program.Instruction ins = p.body().get(i);
            Tensor[] in = new Tensor[ins.args().length];
            Tensor[] e = new Tensor[in.length];
            for (int j = 0; j < in.length; j++) {
                in[j] = values[ins.args()[j]];
                e[j] = errors[ins.args()[j]];
            }
            if (frozen[k + i] != null) {
                values[k + i] = frozen[k + i];
                errors[k + i] = Tensor.zeros(frozen[k + i].shape());
            } else {
                values[k + i] = ins.op().forward(in, ins.attrs());
                errors[k + i] = step(ins.op(), ins.attrs(), in, e, values[k + i]);
            }
        }
        Tensor last = values[values.length - 1];
        int[] axes = new int[last.rank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        Attrs all = Attrs.of("axes", axes);
        Tensor[] in = {last};
        return step(Primitives.SUM, all, in, new Tensor[] {errors[errors.length - 1]}, Primitives.SUM.forward(in, all)).maxAll();
    }

    /** R(op, x) + 2 S(op, x, e), per output entry. */
    static Tensor step(Primitive op, Attrs a, Tensor[] x, Tensor[] e, Tensor y) {
        double[] r = RoundingModel.bound(op, x, a, y);
        double[] s = sensitivity(op, a, x, e, y).toArray();
        double[] out = new double[r.length];
        for (int i = 0; i < out.length; i++) {
            double b = r[i] + 2 * s[i];
            out[i] = Double.isNaN(b) ? Double.POSITIVE_INFINITY : b;       // 0 * inf: no bound, never a silent NaN
        }
        return Tensor.of(y.shape(), out);
    }

    private static boolean exact(Tensor[] e) {
        for (Tensor t : e) {
            if (t.maxAll() > 0) {
                return false;
            }
        }
        return true;
    }

    /** S(op, x, e): a bound on |op(x + d) - op(x)| over |d| <= e entrywise. */
    static Tensor sensitivity(Primitive op, Attrs a, Tensor[] x, Tensor[] e, Tensor y) {
        if (exact(e)) {
            return Tensor.zeros(y.shape());
        }
        switch (op.name()) {
            case "neg", "abs", "relu", "reshape", "transpose", "broadcastTo", "slice", "concat", "gather", "where", "max",
                 "maxPool2d", "sum", "sumTo", "mean", "avgPool2d", "avgPool2dTranspose", "scatterAdd" -> {
                return op.forward(e, a).abs();
            }
            case "matmul", "conv2d", "conv2dInputGrad", "conv2dWeightGrad" -> {
                return op.forward(new Tensor[] {e[0], x[1].abs().add(e[1])}, a).add(op.forward(new Tensor[] {x[0].abs(), e[1]}, a));
            }
            case "add", "sub" -> {
                return e[0].add(e[1]).broadcastTo(y.shape());
            }
            case "mul" -> {
                return x[1].abs().mul(e[0]).add(x[0].abs().mul(e[1])).add(e[0].mul(e[1])).broadcastTo(y.shape());
            }
            case "div" -> {
                Tensor b = x[1].abs();
                Tensor room = b.sub(e[1]);
                if (!(room.minAll() > 0)) {
                    return infinite(y);
                }
                return e[0].mul(b).add(x[0].abs().mul(e[1])).div(b.mul(room)).broadcastTo(y.shape());
            }
            case "exp", "log", "log1p", "sqrt", "sin", "cos", "tanh", "sech2", "sigmoid", "pow" -> {
                return unary(op.name(), a, x[0].toArray(), y.toArray(), e[0].toArray(), y.shape());
            }
            case "logsumexp" -> {
                return Primitives.MAX.forward(e, a);
            }
            case "softmax" -> {
                int axis = dlmath.tensor.Shapes.normalizeAxis(a.integer("axis"), x[0].rank());
                Tensor big = e[0].max(new int[] {axis}, true).broadcastTo(y.shape());
                return y.mul(big.mul(2.0).map(Math::expm1));
            }
            case "solve" -> {
                return solve(x, e, y);
            }
            case "logdet" -> {
                Tensor s = x[0].add(x[0].transpose()).mul(0.5);
                double lo = RoundingModel.eigenvalueBounds(s.toArray2D())[0];
                double f = e[0].mul(e[0]).sumAll();
                f = Math.sqrt(f);
                if (!(lo > f)) {
                    return infinite(y);
                }
                return Tensor.full(s.dim(0) * -Math.log1p(-f / lo), y.shape());
            }
            case "batchNorm" -> {
                return batchNorm(x, e, a.real("eps"));
            }
            default -> throw new IllegalArgumentException("no sensitivity bound for primitive " + op.name());
        }
    }

    private static Tensor infinite(Tensor y) {
        return Tensor.full(Double.POSITIVE_INFINITY, y.shape());
    }

    private static Tensor unary(String name, Attrs a, double[] x, double[] y, double[] e, int[] shape) {
        double[] out = new double[y.length];
        for (int i = 0; i < out.length; i++) {
            double d = e[i];
            double ax = Math.abs(x[i]);
            out[i] = d == 0 ? 0 : switch (name) {
                case "exp" -> y[i] * Math.expm1(d);
                case "log" -> d < ax ? -Math.log1p(-d / ax) : Double.POSITIVE_INFINITY;
                case "log1p" -> d < Math.abs(1 + x[i]) ? -Math.log1p(-d / Math.abs(1 + x[i])) : Double.POSITIVE_INFINITY;
                case "sqrt" -> x[i] > 0 ? d / Math.sqrt(x[i]) : Math.sqrt(d);
                case "sin", "cos", "tanh", "sech2" -> d;
                case "sigmoid" -> d / 4;
                default -> {                                                     // pow
                    double p = a.real("p");
                    double r = d / ax;
                    if (r < 1) {
                        yield Math.abs(y[i]) * Math.max(Math.abs(Math.expm1(p * Math.log1p(r))), Math.abs(Math.expm1(p * Math.log1p(-r))));
                    }
                    yield p > 0 ? Math.pow(ax + d, p) + Math.pow(ax, p) : Double.POSITIVE_INFINITY;   // |x + d|, |x| <= |x| + e
                }
            };
        }
        return Tensor.of(shape, out);
    }

    /** ||(A + dA)^-1||_inf over |dA| <= e entrywise: Varah for diagonally dominant A, else Weyl for symmetric positive definite A. */
    static double inverseNormBound(double[][] m, double[][] e) {
        int n = m.length;
        double margin = Double.POSITIVE_INFINITY;
        double fro = 0;
        boolean symmetric = true;
        for (int i = 0; i < n; i++) {
            double off = 0;
            for (int j = 0; j < n; j++) {
                fro += e[i][j] * e[i][j];
                symmetric &= m[i][j] == m[j][i];
                if (j != i) {
                    off += Math.abs(m[i][j]) + e[i][j];
                }
            }
            margin = Math.min(margin, Math.abs(m[i][i]) - e[i][i] - off);
        }
        if (margin > 0) {
            return 1 / margin;
        }
        if (symmetric) {
            double lo = RoundingModel.eigenvalueBounds(m)[0] - Math.sqrt(fro);
            if (lo > 0) {
                return Math.sqrt(n) / lo;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static Tensor solve(Tensor[] x, Tensor[] e, Tensor y) {
        double[][] m = x[0].toArray2D();
        double[][] ea = e[0].toArray2D();
        int n = m.length;
        double normE = 0;
        for (double[] row : ea) {
            double s = 0;
            for (double v : row) {
                s += v;
            }
            normE = Math.max(normE, s);
        }
        double xs = inverseNormBound(m, new double[n][n]) * x[1].normInf();
        double bound = inverseNormBound(m, ea) * (e[1].maxAll() + normE * xs);
        return Tensor.full(Double.isNaN(bound) ? Double.POSITIVE_INFINITY : bound, y.shape());
    }

    private static Tensor batchNorm(Tensor[] x, Tensor[] e, double eps) {
        Tensor in = x[0];
        int[] axes = new int[in.rank() - 1];
        for (int d = 0, j = 0; d < in.rank(); d++) {
            if (d != 1) {
                axes[j++] = d;
            }
        }
        int[] cs = new int[in.rank()];
        java.util.Arrays.fill(cs, 1);
        cs[1] = in.shape()[1];
        Tensor xc = in.sub(in.mean(axes, true));
        Tensor s = xc.mul(xc).mean(axes, true).add(eps).sqrt();
        Tensor xhat = xc.div(s).abs();
        Tensor c = e[0].add(e[0].mean(axes, true));
        Tensor big = c.mul(c).mean(axes, true).sqrt();
        Tensor room = s.sub(big);
        if (!(room.minAll() > 0)) {
            return infinite(in);
        }
        Tensor dHat = c.add(xhat.mul(big)).div(room);
        Tensor eg = e[1].reshape(cs);
        return x[1].reshape(cs).abs().add(eg).mul(dHat).add(xhat.mul(eg)).add(e[2].reshape(cs));
    }
}
