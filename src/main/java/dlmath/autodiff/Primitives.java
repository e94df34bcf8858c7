package dlmath.autodiff;

import dlmath.linalg.Cholesky;
import dlmath.linalg.Lu;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The registry of primitive operations. Each entry states, next to each other, the forward
 * function, the reverse rule (VJP), the forward rule (JVP), the arity, the work count and the
 * sample domain (see {@link Primitive}). Composite operations ({@link Var#sum()},
 * {@link Var#add(double)}, softmax cross-entropy, ...) are built from these and need no rules.
 *
 * <h2>Derivative rules</h2>
 * Written as Griewank &amp; Walther's adjoint statements (Evaluating Derivatives, 2nd ed., SIAM
 * 2008, Sec. 3.2) lifted to tensors: for {@code y = f(x_1, ..., x_k)} the VJP adds
 * {@code x̄_i += ȳ^T ∂f/∂x_i} and the JVP returns {@code ẏ = Σ_i ∂f/∂x_i ẋ_i}. Matrix rules
 * follow Giles, "An extended collection of matrix derivative results for forward and reverse
 * mode AD" (2008): {@code C = AB}: {@code Ā += C̄ B^T, B̄ += A^T C̄}; {@code x = A^-1 b}:
 * {@code b̄ += A^-T x̄, Ā -= b̄ x^T}; {@code y = log det A}: {@code Ā += ȳ A^-T}.
 *
 * <h2>Work model</h2>
 * The work of one execution, used to compare the cost of a gradient with the cost of the
 * function ({@link Graph#work()}): the arithmetic operations (function evaluations, additions,
 * multiplications, divisions, comparisons) the kernels execute, as counted by the independent
 * instrument {@link dlmath.tensor.OpCount}, plus one move per output entry for data movement.
 * N is the number of output entries, and for a reduction N and n are the numbers of input and
 * output entries:
 * <ul>
 *   <li>elementwise operations (unary, binary with broadcasting, where): N, one operation per
 *       output entry (broadcasting itself is index arithmetic and free);</li>
 *   <li>data movement (reshape, transpose, broadcastTo, slice, concat): N, one move per output
 *       entry;</li>
 *   <li>sum, sumTo, max: N - n additions or comparisons (k - 1 per group of k entries), or N
 *       (a copy) when nothing is reduced; mean: N (N - n additions and n divisions);
 *       logsumexp: 4N - 2n (per group of k: k - 1 comparisons for the max, k - 1 subtractions,
 *       exponentials and additions, a log1p and an addition); softmax along an axis with g groups:
 *       5N - 2g (subtract, exp, divide per entry; max and sum per group);</li>
 *   <li>matmul [n, m] @ [m, p]: 2nmp (a multiply and an add per term; a vector operand counts
 *       as one row or column);</li>
 *   <li>solve with A [n, n] and k right-hand sides: n(n-1) + (n-1)n(2n-1)/3 for LU with partial
 *       pivoting (pivot comparisons, one division and n-k-1 multiply-adds per multiplier) and
 *       (2n^2 - n) k for the two triangular solves; logdet: n(n+1)(2n+1)/6 for Cholesky, 2n^2
 *       for the symmetric part and 2n + 1 for the logarithms of the diagonal and their sum.</li>
 * </ul>
 * A reverse rule that computes a mask or a shift on plain tensors (relu and abs: the sign, N;
 * max: the group maxima and the argmax, 2N - n; logsumexp: the group maxima, N - n) charges
 * that work through {@link VjpContext#constant(Tensor, long)}, so the graph's work counts all
 * the reverse sweep does. AD-13 checks this model against the instrument on every primitive.
 */
public final class Primitives {

    private Primitives() {
    }

    // ================================================================ cost models

    private static final Primitive.Cost ELEMENTWISE = (x, y, a) -> y.size();
    private static final Primitive.Cost MOVES = (x, y, a) -> y.size();
    private static final Primitive.Cost REDUCTION = (x, y, a) -> reductionWork(x[0].size(), y.size());

    static long reductionWork(long in, long out) {
        return in > out ? in - out : in;
    }

    // ================================================================ domains

    /** Every entry finite and at most 1e3 in magnitude. */
    static boolean bounded(Tensor[] x) {
        for (Tensor t : x) {
            if (!(t.normInf() <= 1e3)) {
                return false;
            }
        }
        return true;
    }

    private static final BiPredicate<Tensor[], Attrs> ANY = (x, a) -> bounded(x);

    private static BiPredicate<Tensor[], Attrs> atLeast(double lo) {
        return (x, a) -> bounded(x) && x[0].minAll() >= lo;
    }

    private static boolean awayFromZero(Tensor t, double margin) {
        return t.abs().minAll() >= margin;
    }

    // ================================================================ samplers

    private static Function<Choices, Sample> unary(double lo, double hi) {
        return c -> new Sample(new Tensor[] {Samples.uniform(c, Samples.shape(c, 0, 3, 3), lo, hi)}, Attrs.NONE);
    }

    private static Function<Choices, Sample> unaryAwayFromZero() {
        return c -> new Sample(new Tensor[] {Samples.awayFromZero(c, Samples.shape(c, 0, 3, 3), 0.1, 3)}, Attrs.NONE);
    }

    private static Function<Choices, Sample> binary(double lo, double hi) {
        return c -> {
            int[][] s = Samples.broadcastable(c, 2, 3, 3);
            return new Sample(new Tensor[] {Samples.uniform(c, s[0], lo, hi), Samples.uniform(c, s[1], lo, hi)}, Attrs.NONE);
        };
    }

    private static Function<Choices, Sample> reduction(boolean distinct) {
        return c -> {
            int[] shape = Samples.shape(c, 1, 3, 3);
            Tensor x = distinct ? Samples.distinct(c, shape) : Samples.uniform(c, shape, -3, 3);
            return new Sample(new Tensor[] {x}, Attrs.of("axes", Samples.axes(c, shape.length)));
        };
    }

    // ================================================================ elementwise, unary

    /** -x. */
    public static final Primitive NEG = new Primitive("neg", 1,
            (x, a) -> x[0].neg(),
            c -> c.subtract(0, c.g()),
            (x, dx, y, a) -> dx[0].neg(),
            ELEMENTWISE, unary(-3, 3), ANY, "x in (-3, 3)");

    /** e^x: x̄ += ȳ y. */
    public static final Primitive EXP = new Primitive("exp", 1,
            (x, a) -> x[0].exp(),
            c -> c.add(0, c.g().mul(c.out())),
            (x, dx, y, a) -> dx[0].mul(y),
            ELEMENTWISE, unary(-2, 2), (x, a) -> bounded(x) && x[0].maxAll() <= 5,
            "x in (-2, 2); in programs x <= 5");

    /** ln x: x̄ += ȳ / x. */
    public static final Primitive LOG = new Primitive("log", 1,
            (x, a) -> x[0].log(),
            c -> c.add(0, c.g().div(c.in(0))),
            (x, dx, y, a) -> dx[0].div(x[0]),
            ELEMENTWISE, unary(0.2, 5), atLeast(0.1), "x in (0.2, 5); in programs x >= 0.1");

    /** ln(1 + x): x̄ += ȳ / (1 + x). */
    public static final Primitive LOG1P = new Primitive("log1p", 1,
            (x, a) -> x[0].log1p(),
            c -> c.add(0, c.g().div(c.in(0).add(1.0))),
            (x, dx, y, a) -> dx[0].div(x[0].add(1.0)),
            ELEMENTWISE, unary(-0.5, 5), atLeast(-0.9), "x in (-0.5, 5); in programs x >= -0.9");

    /** sqrt x: x̄ += ȳ / (2y). */
    public static final Primitive SQRT = new Primitive("sqrt", 1,
            (x, a) -> x[0].sqrt(),
            c -> c.add(0, c.g().div(c.out().mul(2.0))),
            (x, dx, y, a) -> dx[0].div(y.mul(2.0)),
            ELEMENTWISE, unary(0.2, 5), atLeast(0.1), "x in (0.2, 5); in programs x >= 0.1");

    /**
     * sech^2 x = 1 - tanh^2 x, the derivative of tanh, computed from x as
     * {@code 4 e^(-2|x|) / (1 + e^(-2|x|))^2}, accurate to a few ulps for every x (1 - y^2 from
     * y = tanh x loses all digits once |y| is near 1: it is 0 from |x| = 19.1 on, where sech^2 x is
     * 1e-16): x̄ += ȳ (-2 y tanh x).
     */
    public static final Primitive SECH2 = new Primitive("sech2", 1,
            (x, a) -> x[0].map(Primitives::sech2),
            c -> c.add(0, c.g().mul(c.out().mul(c.in(0).tanh())).mul(-2.0)),
            (x, dx, y, a) -> dx[0].mul(y.mul(x[0].tanh())).mul(-2.0),
            ELEMENTWISE, unary(-3, 3), ANY, "x in (-3, 3)");

    static double sech2(double x) {
        double e = Math.exp(-2 * Math.abs(x));
        double d = 1 + e;
        return 4 * e / (d * d);
    }

    /** tanh x: x̄ += ȳ sech^2 x (from x, not as 1 - y^2: see {@link #SECH2}). */
    public static final Primitive TANH = new Primitive("tanh", 1,
            (x, a) -> x[0].tanh(),
            c -> c.add(0, c.g().mul(c.g().graph().apply(SECH2, Attrs.NONE, c.in(0)))),
            (x, dx, y, a) -> dx[0].mul(x[0].map(Primitives::sech2)),
            ELEMENTWISE, unary(-3, 3), ANY, "x in (-3, 3)");

    /**
     * sigmoid x: x̄ += ȳ y sigmoid(-x). The factor 1 - y is taken as sigmoid(-x): from y it is 0
     * once y rounds to 1 (x &gt; 36.7), where the derivative is e^-x.
     */
    public static final Primitive SIGMOID = new Primitive("sigmoid", 1,
            (x, a) -> x[0].sigmoid(),
            c -> c.add(0, c.g().mul(c.out().mul(c.in(0).neg().sigmoid()))),
            (x, dx, y, a) -> dx[0].mul(y).mul(x[0].neg().sigmoid()),
            ELEMENTWISE, unary(-4, 4), ANY, "x in (-4, 4)");

    /** max(x, 0): x̄ += ȳ [x &gt; 0]. */
    public static final Primitive RELU = new Primitive("relu", 1,
            (x, a) -> x[0].maximum(0.0),
            c -> c.add(0, c.g().mul(c.constant(c.in(0).value().gt(0.0), c.in(0).value().size()))),
            (x, dx, y, a) -> dx[0].mul(x[0].gt(0.0)),
            ELEMENTWISE, unaryAwayFromZero(), (x, a) -> bounded(x) && awayFromZero(x[0], 0.1),
            "|x| in (0.1, 3), away from the kink at 0");

    /** |x|: x̄ += ȳ sign(x). */
    public static final Primitive ABS = new Primitive("abs", 1,
            (x, a) -> x[0].abs(),
            c -> c.add(0, c.g().mul(c.constant(TensorSupport.sign(c.in(0).value()), c.in(0).value().size()))),
            (x, dx, y, a) -> dx[0].mul(TensorSupport.sign(x[0])),
            ELEMENTWISE, unaryAwayFromZero(), (x, a) -> bounded(x) && awayFromZero(x[0], 0.1),
            "|x| in (0.1, 3), away from the kink at 0");

    /** sin x: x̄ += ȳ cos x. */
    public static final Primitive SIN = new Primitive("sin", 1,
            (x, a) -> x[0].map(Math::sin),
            c -> c.add(0, c.g().mul(c.in(0).cos())),
            (x, dx, y, a) -> dx[0].mul(x[0].map(Math::cos)),
            ELEMENTWISE, unary(-3, 3), ANY, "x in (-3, 3)");

    /** cos x: x̄ -= ȳ sin x. */
    public static final Primitive COS = new Primitive("cos", 1,
            (x, a) -> x[0].map(Math::cos),
            c -> c.subtract(0, c.g().mul(c.in(0).sin())),
            (x, dx, y, a) -> dx[0].mul(x[0].map(Math::sin)).neg(),
            ELEMENTWISE, unary(-3, 3), ANY, "x in (-3, 3)");

    private static final double[] EXPONENTS = {2, 3, 0.5, -1, 1.5, -0.5};

    /** x^p, p constant: x̄ += ȳ p x^(p-1). */
    public static final Primitive POW = new Primitive("pow", 1,
            (x, a) -> x[0].pow(a.real("p")),
            c -> {
                double p = c.attrs().real("p");
                c.add(0, c.g().mul(c.in(0).pow(p - 1)).mul(p));
            },
            (x, dx, y, a) -> {
                double p = a.real("p");
                return dx[0].mul(x[0].pow(p - 1)).mul(p);
            },
            ELEMENTWISE,
            c -> new Sample(new Tensor[] {Samples.uniform(c, Samples.shape(c, 0, 3, 3), 0.3, 3)},
                    Attrs.of("p", EXPONENTS[c.integer(0, EXPONENTS.length - 1)])),
            (x, a) -> bounded(x) && x[0].minAll() >= 0.1 && x[0].maxAll() <= 100,
            "x in (0.3, 3), p in {2, 3, 0.5, -1, 1.5, -0.5}; in programs x in [0.1, 100]");

    // ================================================================ elementwise, binary (broadcasting)

    /** a + b: ā += ȳ, b̄ += ȳ (each summed over its broadcast axes). */
    public static final Primitive ADD = new Primitive("add", 2,
            (x, a) -> x[0].add(x[1]),
            c -> {
                c.add(0, c.g());
                c.add(1, c.g());
            },
            (x, dx, y, a) -> dx[0].add(dx[1]).broadcastTo(y.shape()),
            ELEMENTWISE, binary(-3, 3), ANY, "a, b in (-3, 3), broadcastable shapes");

    /** a - b: ā += ȳ, b̄ -= ȳ. */
    public static final Primitive SUB = new Primitive("sub", 2,
            (x, a) -> x[0].sub(x[1]),
            c -> {
                c.add(0, c.g());
                c.subtract(1, c.g());
            },
            (x, dx, y, a) -> dx[0].sub(dx[1]).broadcastTo(y.shape()),
            ELEMENTWISE, binary(-3, 3), ANY, "a, b in (-3, 3), broadcastable shapes");

    /** a b: ā += ȳ b, b̄ += ȳ a. */
    public static final Primitive MUL = new Primitive("mul", 2,
            (x, a) -> x[0].mul(x[1]),
            c -> {
                if (c.needs(0)) {
                    c.add(0, c.g().mul(c.in(1)));
                }
                if (c.needs(1)) {
                    c.add(1, c.g().mul(c.in(0)));
                }
            },
            (x, dx, y, a) -> dx[0].mul(x[1]).add(x[0].mul(dx[1])).broadcastTo(y.shape()),
            ELEMENTWISE, binary(-3, 3), ANY, "a, b in (-3, 3), broadcastable shapes");

    /** a / b: with t = ȳ / b, ā += t, b̄ -= t y. */
    public static final Primitive DIV = new Primitive("div", 2,
            (x, a) -> x[0].div(x[1]),
            c -> {
                Var t = c.g().div(c.in(1));
                c.add(0, t);
                if (c.needs(1)) {
                    c.subtract(1, t.mul(c.out()));
                }
            },
            (x, dx, y, a) -> dx[0].sub(y.mul(dx[1])).div(x[1]).broadcastTo(y.shape()),
            ELEMENTWISE,
            c -> {
                int[][] s = Samples.broadcastable(c, 2, 3, 3);
                return new Sample(new Tensor[] {Samples.uniform(c, s[0], -3, 3), Samples.awayFromZero(c, s[1], 0.5, 3)},
                        Attrs.NONE);
            },
            (x, a) -> bounded(x) && awayFromZero(x[1], 0.1),
            "a in (-3, 3), |b| in (0.5, 3); in programs |b| >= 0.1");

    /**
     * where(mask, a, b): ā += ȳ [mask], b̄ += ȳ [not mask]. The result has the broadcast shape of
     * a and b; the mask must broadcast to it (a mask selects entries, it does not enlarge the
     * result, so one operand always has the result's size and the reverse rule stays cheap).
     */
    public static final Primitive WHERE = new Primitive("where", 2,
            (x, a) -> {
                Tensor mask = a.tensor("mask");
                int[] shape = dlmath.tensor.Shapes.broadcast(x[0].shape(), x[1].shape());
                if (!TensorSupport.broadcastsTo(mask.shape(), shape)) {
                    throw new IllegalArgumentException("where: mask shape " + Arrays.toString(mask.shape())
                            + " does not broadcast to the shape " + Arrays.toString(shape) + " of a and b");
                }
                return Tensor.where(mask, x[0], x[1]);
            },
            c -> {
                Tensor mask = c.attrs().tensor("mask");
                Var zero = c.constant(Tensor.scalar(0));
                if (c.needs(0)) {
                    c.add(0, Var.where(mask, c.g(), zero));
                }
                if (c.needs(1)) {
                    c.add(1, Var.where(mask, zero, c.g()));
                }
            },
            (x, dx, y, a) -> Tensor.where(a.tensor("mask"), dx[0], dx[1]).broadcastTo(y.shape()),
            ELEMENTWISE,
            c -> {
                int[][] s = Samples.broadcastable(c, 2, 3, 3);
                int[] mask = Samples.variant(c, dlmath.tensor.Shapes.broadcast(s[0], s[1]));
                return new Sample(new Tensor[] {Samples.uniform(c, s[0], -3, 3), Samples.uniform(c, s[1], -3, 3)},
                        Attrs.of("mask", Samples.mask(c, mask)));
            },
            ANY, "a, b in (-3, 3), broadcastable shapes; mask 0/1 of a shape that broadcasts to theirs");

    // ================================================================ linear algebra

    /** C = A B for ranks 1 and 2: Ā += C̄ B^T, B̄ += A^T C̄ (vectors as rows or columns). */
    public static final Primitive MATMUL = new Primitive("matmul", 2,
            (x, a) -> {
                if (x[0].rank() < 1 || x[0].rank() > 2 || x[1].rank() < 1 || x[1].rank() > 2) {
                    throw new IllegalArgumentException("matmul: autodiff supports operands of rank 1 or 2, got "
                            + Arrays.toString(x[0].shape()) + " @ " + Arrays.toString(x[1].shape()));
                }
                return x[0].matmul(x[1]);
            },
            Primitives::matmulVjp,
            (x, dx, y, a) -> dx[0].matmul(x[1]).add(x[0].matmul(dx[1])),
            (x, y, a) -> 2L * x[0].dim(-1) * y.size(),
            c -> {
                int kind = c.integer(0, 3);
                int n = c.integer(1, 3);
                int m = c.integer(1, 3);
                int p = c.integer(1, 3);
                int[] sa = kind < 2 ? new int[] {n, m} : new int[] {m};
                int[] sb = kind % 2 == 0 ? new int[] {m, p} : new int[] {m};
                return new Sample(new Tensor[] {Samples.uniform(c, sa, -2, 2), Samples.uniform(c, sb, -2, 2)}, Attrs.NONE);
            },
            ANY, "A, B in (-2, 2); shapes [n, m] @ [m, p], [n, m] @ [m], [m] @ [m, p], [m] @ [m]");

    private static void matmulVjp(VjpContext c) {
        Var a = c.in(0);
        Var b = c.in(1);
        Var g = c.g();
        int ra = a.rank();
        int rb = b.rank();
        if (ra == 2 && rb == 2) {                          // [n,m] @ [m,p]
            if (c.needs(0)) {
                c.add(0, g.matmul(b.transpose()));
            }
            if (c.needs(1)) {
                c.add(1, a.transpose().matmul(g));
            }
        } else if (ra == 2) {                              // [n,m] @ [m] -> [n]
            if (c.needs(0)) {
                c.add(0, g.reshape(a.shape()[0], 1).mul(b));
            }
            if (c.needs(1)) {
                c.add(1, a.transpose().matmul(g));
            }
        } else if (rb == 2) {                              // [m] @ [m,p] -> [p]
            if (c.needs(0)) {
                c.add(0, b.matmul(g));
            }
            if (c.needs(1)) {
                c.add(1, a.reshape(a.shape()[0], 1).mul(g));
            }
        } else {                                           // [m] @ [m] -> []
            c.add(0, g.mul(b));
            c.add(1, g.mul(a));
        }
    }

    /** x = A^-1 b: b̄ += A^-T x̄, Ā -= b̄ x^T (Giles 2008, Sec. 2.3.1). */
    public static final Primitive SOLVE = new Primitive("solve", 2,
            (x, a) -> Lu.of(x[0]).solve(x[1]),
            c -> {
                Var bBar = c.in(0).transpose().solve(c.g());
                c.add(1, bBar);
                if (c.needs(0)) {
                    Var x = c.out();
                    int n = x.shape()[0];
                    Var outer = x.rank() == 1
                            ? bBar.reshape(n, 1).mul(x.reshape(1, n))
                            : bBar.matmul(x.transpose());
                    c.subtract(0, outer);
                }
            },
            (x, dx, y, a) -> Lu.of(x[0]).solve(dx[1].sub(dx[0].matmul(y))),
            (x, y, a) -> {
                long n = x[0].dim(0);
                long k = x[1].rank() == 1 ? 1 : x[1].dim(1);
                return n * (n - 1) + (n - 1) * n * (2 * n - 1) / 3 + (2 * n * n - n) * k;
            },
            c -> {
                int n = c.integer(1, 3);
                int k = c.integer(0, 2);
                int[] sb = k == 0 ? new int[] {n} : new int[] {n, k};
                return new Sample(new Tensor[] {Samples.wellConditioned(c, n), Samples.uniform(c, sb, -2, 2)}, Attrs.NONE);
            },
            (x, a) -> bounded(x) && conditionInf(x[0]) <= 100,
            "A = 2I + B with |B_ij| <= 0.5 (condition number <= 7), b in (-2, 2); elsewhere cond_inf(A) <= 100");

    /** ||A||_inf ||A^-1||_inf, infinite if A is singular. */
    static double conditionInf(Tensor a) {
        try {
            return a.opNormInf() * Lu.of(a).inverse().opNormInf();
        } catch (IllegalArgumentException singular) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /** y = log det S with S = (A + A^T)/2 SPD: Ā += ȳ S^-1 (Giles 2008, Sec. 2.2.2). */
    public static final Primitive LOGDET = new Primitive("logdet", 1,
            (x, a) -> Tensor.scalar(Cholesky.of(symmetricPart(x[0])).logDet()),
            c -> {
                Var a = c.in(0);
                Var sym = a.add(a.transpose()).mul(0.5);
                Var inverse = sym.solve(c.constant(Tensor.eye(a.shape()[0])));
                c.add(0, inverse.mul(c.g()));
            },
            (x, dx, y, a) -> Tensor.scalar(Cholesky.of(symmetricPart(x[0])).solve(symmetricPart(dx[0])).trace()),
            (x, y, a) -> {
                long n = x[0].dim(0);
                return n * (n + 1) * (2 * n + 1) / 6 + 2 * n * n + 2 * n + 1;
            },
            c -> new Sample(new Tensor[] {Samples.spd(c, c.integer(1, 3))}, Attrs.NONE),
            (x, a) -> bounded(x) && positiveDefiniteWithMargin(x[0], 0.1),
            "A = I + B B^T with |B_ij| <= 1 (SPD, condition number <= 10); elsewhere (A + A^T)/2 - 0.1 I SPD");

    /** (A + A^T) / 2 of a square matrix, exactly symmetric. */
    static Tensor symmetricPart(Tensor a) {
        if (a.rank() != 2 || a.dim(0) != a.dim(1)) {
            throw new IllegalArgumentException("logdet: need a square matrix, got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
        return a.add(a.transpose()).mul(0.5);
    }

    /** Whether (A + A^T)/2 - margin I is positive definite. */
    static boolean positiveDefiniteWithMargin(Tensor a, double margin) {
        try {
            Cholesky.of(symmetricPart(a).sub(Tensor.eye(a.dim(0)).mul(margin)));
            return true;
        } catch (IllegalArgumentException notPd) {
            return false;
        }
    }

    // ================================================================ shapes

    /** The transpose of the last two axes: x̄ += ȳ^T. */
    public static final Primitive TRANSPOSE = new Primitive("transpose", 1,
            (x, a) -> {
                if (x[0].rank() < 2) {
                    throw new IllegalArgumentException("transpose: need rank >= 2, got shape " + Arrays.toString(x[0].shape()));
                }
                return x[0].transpose();
            },
            c -> c.add(0, c.g().transpose()),
            (x, dx, y, a) -> dx[0].transpose(),
            MOVES, c -> new Sample(new Tensor[] {Samples.uniform(c, Samples.shape(c, 2, 3, 3), -3, 3)}, Attrs.NONE),
            ANY, "rank 2 or 3, entries in (-3, 3)");

    /** Reshape: x̄ += reshape(ȳ, shape of x). */
    public static final Primitive RESHAPE = new Primitive("reshape", 1,
            (x, a) -> x[0].reshape(a.ints("shape")),
            c -> c.add(0, c.g().reshape(c.in(0).shape())),
            (x, dx, y, a) -> dx[0].reshape(y.shape()),
            MOVES,
            c -> {
                int[] s = Samples.shape(c, 0, 3, 3);
                int n = Samples.size(s);
                int[][] targets = {{n}, {1, n}, {n, 1}, reversed(s)};
                return new Sample(new Tensor[] {Samples.uniform(c, s, -3, 3)},
                        Attrs.of("shape", targets[c.integer(0, targets.length - 1)]));
            },
            ANY, "any shape of rank <= 3 to [n], [1, n], [n, 1] or its reversed shape");

    private static int[] reversed(int[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            r[i] = s[s.length - 1 - i];
        }
        return r;
    }

    /** Broadcast to a shape: x̄ += ȳ summed over the broadcast axes. */
    public static final Primitive BROADCAST_TO = new Primitive("broadcastTo", 1,
            (x, a) -> x[0].broadcastTo(a.ints("shape")),
            c -> c.add(0, c.g()),
            (x, dx, y, a) -> dx[0].broadcastTo(y.shape()),
            MOVES,
            c -> {
                int[] full = Samples.shape(c, 0, 3, 3);
                return new Sample(new Tensor[] {Samples.uniform(c, Samples.variant(c, full), -3, 3)}, Attrs.of("shape", full));
            },
            ANY, "a shape that broadcasts to a target of rank <= 3");

    /** Sum back to a shape (the adjoint of broadcastTo): x̄ += broadcastTo(ȳ). */
    public static final Primitive SUM_TO = new Primitive("sumTo", 1,
            (x, a) -> TensorSupport.sumTo(x[0], a.ints("shape")),
            c -> c.add(0, c.g().broadcastTo(c.in(0).shape())),
            (x, dx, y, a) -> TensorSupport.sumTo(dx[0], y.shape()),
            REDUCTION,
            c -> {
                int[] full = Samples.shape(c, 0, 3, 3);
                return new Sample(new Tensor[] {Samples.uniform(c, full, -3, 3)}, Attrs.of("shape", Samples.variant(c, full)));
            },
            ANY, "entries in (-3, 3), target any shape that broadcasts to the input's");

    /** Entries [start, end) along an axis: x̄ gets ȳ in that range, zeros elsewhere. */
    public static final Primitive SLICE = new Primitive("slice", 1,
            (x, a) -> x[0].slice(a.integer("axis"), a.integer("start"), a.integer("end")),
            c -> {
                int axis = dlmath.tensor.Shapes.normalizeAxis(c.attrs().integer("axis"), c.in(0).rank());
                int start = c.attrs().integer("start");
                int end = c.attrs().integer("end");
                int[] shape = c.in(0).shape();
                int side = shape[axis];
                java.util.List<Var> parts = new java.util.ArrayList<>();
                if (start > 0) {
                    shape[axis] = start;
                    parts.add(c.constant(Tensor.zeros(shape)));
                }
                parts.add(c.g());
                if (end < side) {
                    shape[axis] = side - end;
                    parts.add(c.constant(Tensor.zeros(shape)));
                }
                c.add(0, parts.size() == 1 ? c.g() : Var.concat(axis, parts.toArray(new Var[0])));
            },
            (x, dx, y, a) -> dx[0].slice(a.integer("axis"), a.integer("start"), a.integer("end")),
            MOVES,
            c -> {
                int[] s = Samples.shape(c, 1, 3, 3);
                int axis = c.integer(0, s.length - 1);
                int start = c.integer(0, s[axis] - 1);
                int end = c.integer(start + 1, s[axis]);
                return new Sample(new Tensor[] {Samples.uniform(c, s, -3, 3)}, Attrs.of("axis", axis, "start", start, "end", end));
            },
            ANY, "rank 1 to 3, any non-empty range");

    /** Concatenation along an axis: each x̄_i += its slice of ȳ. */
    public static final Primitive CONCAT = new Primitive("concat", Primitive.VARIADIC,
            (x, a) -> Tensor.concat(a.integer("axis"), x),
            c -> {
                int axis = dlmath.tensor.Shapes.normalizeAxis(c.attrs().integer("axis"), c.in(0).rank());
                int offset = 0;
                for (int i = 0; i < c.arity(); i++) {
                    int side = c.in(i).shape()[axis];
                    if (c.needs(i)) {
                        c.add(i, c.arity() == 1 ? c.g() : c.g().slice(axis, offset, offset + side));
                    }
                    offset += side;
                }
            },
            (x, dx, y, a) -> Tensor.concat(a.integer("axis"), dx),
            MOVES,
            c -> {
                int[] base = Samples.shape(c, 1, 3, 3);
                int axis = c.integer(0, base.length - 1);
                int count = c.integer(1, 3);
                Tensor[] parts = new Tensor[count];
                for (int i = 0; i < count; i++) {
                    int[] s = base.clone();
                    s[axis] = c.integer(1, 3);
                    parts[i] = Samples.uniform(c, s, -3, 3);
                }
                return new Sample(parts, Attrs.of("axis", axis));
            },
            ANY, "1 to 3 tensors of rank 1 to 3 agreeing outside the axis");

    // ================================================================ reductions (keepdims)

    /** Sum over axes, keeping them with side 1: x̄ += broadcastTo(ȳ). */
    public static final Primitive SUM = new Primitive("sum", 1,
            (x, a) -> x[0].sum(a.ints("axes"), true),
            c -> c.add(0, broadcastBack(c.g(), c.in(0))),
            (x, dx, y, a) -> dx[0].sum(a.ints("axes"), true),
            REDUCTION, reduction(false), ANY, "rank 1 to 3, entries in (-3, 3), a non-empty set of axes");

    /**
     * Mean over axes (keepdims): x̄ += broadcastTo(ȳ / k), k the group size. The rule divides by the
     * integer k (exact data) rather than multiplying by 1/k, which would put the rounded constant
     * fl(1/k) on the tape of the reverse sweep: every constant of a sweep is then exact data (masks,
     * zeros, shifts, small integers), which the running error analysis of AD-03..09 takes as given.
     */
    public static final Primitive MEAN = new Primitive("mean", 1,
            (x, a) -> x[0].mean(a.ints("axes"), true),
            c -> {
                int k = TensorSupport.groupSize(c.in(0).shape(), c.attrs().ints("axes"));
                c.add(0, broadcastBack(c.g().div(k), c.in(0)));
            },
            (x, dx, y, a) -> dx[0].mean(a.ints("axes"), true),
            (x, y, a) -> x[0].size(), reduction(false), ANY, "rank 1 to 3, entries in (-3, 3), a non-empty set of axes");

    /** Max over axes (keepdims): x̄ += ȳ at the first maximizer of each group. */
    public static final Primitive MAX = new Primitive("max", 1,
            (x, a) -> x[0].max(a.ints("axes"), true),
            c -> {
                Tensor x = c.in(0).value();
                Tensor mask = TensorSupport.argmaxMask(x, c.attrs().ints("axes"));
                long n = c.out().value().size();
                c.add(0, c.g().mul(c.constant(mask, x.size() - n + x.size())));   // the group maxima, one comparison per entry          // ȳ broadcast over the group, kept at the argmax
            },
            (x, dx, y, a) -> dx[0].mul(TensorSupport.argmaxMask(x[0], a.ints("axes"))).sum(a.ints("axes"), true),
            REDUCTION, reduction(true),
            (x, a) -> bounded(x) && maxGap(x[0], a.ints("axes")) >= 0.1,
            "entries pairwise >= 0.3 apart (no ties); in programs the top two of a group differ by >= 0.1");

    /** The smallest gap between the largest and the second largest entry of a group. */
    static double maxGap(Tensor x, int[] axes) {
        Tensor mask = TensorSupport.argmaxMask(x, axes);
        Tensor top = x.max(axes, true);
        Tensor second = Tensor.where(mask, Tensor.scalar(Double.NEGATIVE_INFINITY), x).max(axes, true);
        return top.sub(second).minAll();
    }

    /**
     * Log-sum-exp over axes (keepdims): x̄ += ȳ softmax(x). The softmax is computed as
     * {@code e / sum(e)} with {@code e = exp(x - max x)} and the max held constant (softmax is
     * shift-invariant, so this changes no derivative), not as {@code exp(x - y)}: once |y| is so
     * large that its ulp exceeds 1 (|y| &gt; 2^53), {@code x - y} loses the information that
     * {@code log} added, e.g. x = [1e300, 1e300] would get the gradient [1, 1] instead of
     * [0.5, 0.5].
     */
    public static final Primitive LOGSUMEXP = new Primitive("logsumexp", 1,
            (x, a) -> x[0].logsumexp(a.ints("axes"), true),
            c -> {
                int[] axes = c.attrs().ints("axes");
                Var x = c.in(0);
                Var e = x.sub(c.constant(x.value().max(axes, true), x.value().size() - c.out().value().size())).exp();
                c.add(0, c.g().mul(e.div(e.sum(axes, true))));
            },
            (x, dx, y, a) -> {
                int[] axes = a.ints("axes");
                Tensor e = x[0].sub(x[0].max(axes, true)).exp();
                return dx[0].mul(e.div(e.sum(axes, true))).sum(axes, true);
            },
            (x, y, a) -> 4L * x[0].size() - 2L * y.size(), reduction(false), ANY, "rank 1 to 3, entries in (-3, 3), a non-empty set of axes");

    /** Softmax along an axis: x̄ += y (ȳ - sum(ȳ y)). */
    public static final Primitive SOFTMAX = new Primitive("softmax", 1,
            (x, a) -> {
                int[] axis = {a.integer("axis")};
                Tensor e = x[0].sub(x[0].max(axis, true)).exp();
                return e.div(e.sum(axis, true));
            },
            c -> {
                int[] axis = {c.attrs().integer("axis")};
                Var gy = c.g().mul(c.out());
                c.add(0, gy.sub(c.out().mul(gy.sum(axis, true))));
            },
            (x, dx, y, a) -> {
                int[] axis = {a.integer("axis")};
                Tensor ydx = y.mul(dx[0]);
                return ydx.sub(y.mul(ydx.sum(axis, true)));
            },
            (x, y, a) -> 5L * x[0].size() - 2L * (x[0].size() / x[0].shape()[dlmath.tensor.Shapes.normalizeAxis(a.integer("axis"), x[0].rank())]),
            c -> {
                int[] shape = Samples.shape(c, 1, 3, 3);
                return new Sample(new Tensor[] {Samples.uniform(c, shape, -3, 3)}, Attrs.of("axis", c.integer(0, shape.length - 1)));
            },
            ANY, "rank 1 to 3, entries in (-3, 3), one axis");

    /** ȳ of keepdims shape broadcast back to x's shape (no operation if the shapes agree). */
    private static Var broadcastBack(Var g, Var x) {
        return Arrays.equals(g.shape(), x.shape()) ? g : g.broadcastTo(x.shape());
    }

    // ================================================================ the registry

    /** Every primitive, in a fixed order. */
    public static final List<Primitive> ALL = List.of(
            NEG, EXP, LOG, LOG1P, SQRT, TANH, SECH2, SIGMOID, RELU, ABS, SIN, COS, POW,
            ADD, SUB, MUL, DIV, WHERE,
            MATMUL, SOLVE, LOGDET,
            TRANSPOSE, RESHAPE, BROADCAST_TO, SUM_TO, SLICE, CONCAT,
            SUM, MEAN, MAX, LOGSUMEXP, SOFTMAX);

    private static final Map<String, Primitive> BY_NAME = new LinkedHashMap<>();

    static {
        for (Primitive p : ALL) {
            BY_NAME.put(p.name(), p);
        }
    }

    /**
     * The primitive with this name.
     *
     * @param name e.g. {@code "mul"}
     * @return the primitive
     * @throws IllegalArgumentException if there is none
     */
    public static Primitive byName(String name) {
        Primitive p = BY_NAME.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no primitive named '" + name + "'; known: " + BY_NAME.keySet());
        }
        return p;
    }
}
