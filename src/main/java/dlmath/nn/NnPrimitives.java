package dlmath.nn;

import dlmath.autodiff.Attrs;
import dlmath.autodiff.Choices;
import dlmath.autodiff.Primitive;
import dlmath.autodiff.Sample;
import dlmath.autodiff.Var;
import dlmath.autodiff.VjpContext;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * The primitives of the layers: convolution, pooling and fused batch normalization, each with
 * its forward function, reverse rule (VJP) and forward rule (JVP) side by side, as in
 * {@link dlmath.autodiff.Primitives} (adjoint statements of Griewank &amp; Walther, Evaluating
 * Derivatives, 2nd ed., SIAM 2008, Sec. 3.2).
 *
 * <h2>Convolution as a trilinear form</h2>
 * With {@code T(x, w, g) = <g, conv(x, w)>} (the sum over the index set of {@link Kernels}), the
 * three maps {@code conv(x, w) = dT/dg}, {@code conv2dInputGrad(g, w) = dT/dx} (the transposed
 * convolution) and {@code conv2dWeightGrad(x, g) = dT/dw} are each bilinear, and the reverse rule
 * of each is made of the other two (Dumoulin &amp; Visin, A guide to convolution arithmetic,
 * 2016, Sec. 4): so the VJPs are recorded as differentiable operations and can be differentiated
 * again. The same holds for max pooling ({@code gather} and {@code scatterAdd} at the argmax are
 * adjoint) and average pooling (the pooling and its transpose).
 *
 * <h2>Batch normalization</h2>
 * Training-mode batch normalization with batch statistics over every axis but the channel axis
 * 1 (Ioffe &amp; Szegedy, Batch Normalization, ICML 2015, Alg. 1 and the backward pass of Sec.
 * 3): with {@code xhat = (x - mu) / sqrt(var + eps)} (biased variance) and {@code m} entries per
 * channel, {@code x̄ = gamma / sqrt(var + eps) (ȳ - mean(ȳ) - xhat mean(ȳ xhat))},
 * {@code gamma̅ = sum(ȳ xhat)}, {@code beta̅ = sum(ȳ)}.
 *
 * <h2>Work model</h2>
 * Convolution and its two adjoints: {@code 2 n o oh ow c kh kw} (a multiply and an add per term,
 * padding included); pooling and its transpose: one operation per window entry; gather and
 * scatter: one move per entry; batch normalization: {@code 10 N} for N entries.
 */
public final class NnPrimitives {

    private NnPrimitives() {
    }

    // ================================================================ helpers

    static int[] stride(Attrs a) {
        return a.ints("stride");
    }

    static ConvGeometry geometry(int[] input, int[] kernel, Attrs a) {
        return ConvGeometry.of(input, kernel, a.ints("stride"), a.ints("padding"), a.ints("dilation"));
    }

    /** The geometry of conv(x, w) for x [n, c, h, w] and w [o, c, kh, kw]. */
    static ConvGeometry convGeometry(Tensor x, Tensor w, Attrs a) {
        if (x.rank() != 4 || w.rank() != 4 || x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException("conv2d: input " + Arrays.toString(x.shape()) + " and weight "
                    + Arrays.toString(w.shape()) + " do not fit: expected [N, C, H, W] and [O, C, kH, kW] with the same C");
        }
        return geometry(x.shape(), new int[] {w.dim(2), w.dim(3)}, a);
    }

    static Tensor conv(Tensor x, Tensor w, Attrs a) {
        ConvGeometry g = convGeometry(x, w, a);
        return Tensor.of(g.outputShape(w.dim(0)), Kernels.conv(g, x.toArray(), w.toArray(), w.dim(0)));
    }

    static Tensor convInputGrad(Tensor gy, Tensor w, Attrs a) {
        ConvGeometry g = geometry(a.ints("input"), new int[] {w.dim(2), w.dim(3)}, a);
        checkCotangent("conv2dInputGrad", gy, g.outputShape(w.dim(0)));
        return Tensor.of(g.inputShape(), Kernels.convInputGrad(g, gy.toArray(), w.toArray(), w.dim(0)));
    }

    static Tensor convWeightGrad(Tensor x, Tensor gy, Attrs a) {
        int[] k = a.ints("kernel");
        ConvGeometry g = geometry(x.shape(), k, a);
        checkCotangent("conv2dWeightGrad", gy, g.outputShape(gy.dim(1)));
        return Tensor.of(new int[] {gy.dim(1), x.dim(1), k[0], k[1]}, Kernels.convWeightGrad(g, x.toArray(), gy.toArray(), gy.dim(1)));
    }

    private static void checkCotangent(String op, Tensor gy, int[] expected) {
        if (!Arrays.equals(gy.shape(), expected)) {
            throw new IllegalArgumentException(op + ": cotangent shape " + Arrays.toString(gy.shape())
                    + " does not match the output shape " + Arrays.toString(expected));
        }
    }

    private static Attrs with(Attrs a, String name, int[] value) {
        return Attrs.of("stride", a.ints("stride"), "padding", a.ints("padding"), "dilation", a.ints("dilation"), name, value);
    }

    private static long convWork(int[] xShape, int[] wShape, int[] yShape) {
        return 2L * yShape[0] * yShape[1] * yShape[2] * yShape[3] * wShape[1] * wShape[2] * wShape[3];
    }

    /** Every entry finite and at most 1e3 in magnitude. */
    static boolean bounded(Tensor[] x) {
        for (Tensor t : x) {
            if (!(t.normInf() <= 1e3)) {
                return false;
            }
        }
        return true;
    }

    private static final BiPredicate<Tensor[], Attrs> BOUNDED = (x, a) -> bounded(x);

    // ================================================================ samplers

    static Tensor uniform(Choices c, int[] shape, double lo, double hi) {
        int size = 1;
        for (int s : shape) {
            size *= s;
        }
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = c.real(lo, hi);
        }
        return Tensor.of(shape, v);
    }

    /**
     * Entries with distinct values at least 0.09 apart: a random arrangement of k/10 + u_k for
     * distinct integers k and u_k in [0, 0.01] (no ties, so max pooling is differentiable).
     */
    static Tensor distinct(Choices c, int[] shape) {
        return grid(c, shape, 0.1);
    }

    /** Distinct entries: a random arrangement of k spacing + u_k, u_k in [0, 0.01], for distinct integers k. */
    static Tensor grid(Choices c, int[] shape, double spacing) {
        int size = 1;
        for (int s : shape) {
            size *= s;
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = c.integer(0, i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = (order[i] - size / 2) * spacing + c.real(0, 0.01);
        }
        return Tensor.of(shape, v);
    }

    /** A random window geometry: sizes 1 to 3, stride 1 to 3, padding 0 to 2, dilation 1 to 2. */
    private record Window(int[] input, int[] kernel, int[] stride, int[] padding, int[] dilation) {
    }

    private static Window window(Choices c, boolean poolPadding, boolean dilation) {
        int n = c.integer(1, 2);
        int ch = c.integer(1, 2);
        int[] k = {c.integer(1, 3), c.integer(1, 3)};
        int[] s = {c.integer(1, 3), c.integer(1, 3)};
        int[] d = dilation ? new int[] {c.integer(1, 2), c.integer(1, 2)} : new int[] {1, 1};
        int[] p = poolPadding ? new int[] {c.integer(0, k[0] / 2), c.integer(0, k[1] / 2)}
                : new int[] {c.integer(0, 2), c.integer(0, 2)};
        int[] hw = new int[2];
        for (int i = 0; i < 2; i++) {
            int span = d[i] * (k[i] - 1) + 1;
            hw[i] = c.integer(Math.max(1, span - 2 * p[i]), span + 3);
        }
        return new Window(new int[] {n, ch, hw[0], hw[1]}, k, s, p, d);
    }

    // ================================================================ convolution

    /**
     * 2-D cross-correlation {@code y = conv(x, w)}, x [n, c, h, w], w [o, c, kh, kw] (PyTorch's
     * {@code conv2d} without bias): x̄ += conv2dInputGrad(ȳ, w), w̄ += conv2dWeightGrad(x, ȳ).
     */
    public static final Primitive CONV2D = Primitive.define("conv2d", 2,
            (x, a) -> conv(x[0], x[1], a),
            c -> {
                Attrs a = c.attrs();
                Var x = c.in(0);
                Var w = c.in(1);
                if (c.needs(0)) {
                    c.add(0, c.g().graph().apply(CONV2D_INPUT_GRAD(), with(a, "input", x.shape()), c.g(), w));
                }
                if (c.needs(1)) {
                    c.add(1, c.g().graph().apply(CONV2D_WEIGHT_GRAD(), with(a, "kernel", new int[] {w.shape()[2], w.shape()[3]}), x, c.g()));
                }
            },
            (x, dx, y, a) -> conv(dx[0], x[1], a).add(conv(x[0], dx[1], a)),
            (x, y, a) -> convWork(x[0].shape(), x[1].shape(), y.shape()),
            c -> {
                Window win = window(c, false, true);
                int o = c.integer(1, 2);
                return new Sample(new Tensor[] {uniform(c, win.input(), -2, 2),
                    uniform(c, new int[] {o, win.input()[1], win.kernel()[0], win.kernel()[1]}, -2, 2)},
                        Attrs.of("stride", win.stride(), "padding", win.padding(), "dilation", win.dilation()));
            },
            BOUNDED, "x [1-2, 1-2, h, w], w [1-2, c, 1-3, 1-3], stride 1-3, padding 0-2, dilation 1-2, entries in (-2, 2)");

    /**
     * The transposed convolution {@code z = conv2dInputGrad(g, w)} of shape attribute
     * {@code input}: ḡ += conv2d(z̄, w), w̄ += conv2dWeightGrad(z̄, g).
     */
    public static final Primitive CONV2D_INPUT_GRAD = Primitive.define("conv2dInputGrad", 2,
            (x, a) -> convInputGrad(x[0], x[1], a),
            c -> {
                Attrs a = c.attrs();
                Var w = c.in(1);
                Attrs conv = Attrs.of("stride", a.ints("stride"), "padding", a.ints("padding"), "dilation", a.ints("dilation"));
                if (c.needs(0)) {
                    c.add(0, c.g().graph().apply(CONV2D, conv, c.g(), w));
                }
                if (c.needs(1)) {
                    c.add(1, c.g().graph().apply(CONV2D_WEIGHT_GRAD(), with(a, "kernel", new int[] {w.shape()[2], w.shape()[3]}), c.g(), c.in(0)));
                }
            },
            (x, dx, y, a) -> convInputGrad(dx[0], x[1], a).add(convInputGrad(x[0], dx[1], a)),
            (x, y, a) -> convWork(y.shape(), x[1].shape(), x[0].shape()),
            c -> {
                Window win = window(c, false, true);
                int o = c.integer(1, 2);
                ConvGeometry g = ConvGeometry.of(win.input(), win.kernel(), win.stride(), win.padding(), win.dilation());
                return new Sample(new Tensor[] {uniform(c, g.outputShape(o), -2, 2),
                    uniform(c, new int[] {o, win.input()[1], win.kernel()[0], win.kernel()[1]}, -2, 2)},
                        Attrs.of("stride", win.stride(), "padding", win.padding(), "dilation", win.dilation(), "input", win.input()));
            },
            BOUNDED, "as conv2d, with the output cotangent g in place of x");

    /**
     * The kernel adjoint {@code v = conv2dWeightGrad(x, g)} with kernel size attribute
     * {@code kernel}: x̄ += conv2dInputGrad(g, v̄), ḡ += conv2d(x, v̄).
     */
    public static final Primitive CONV2D_WEIGHT_GRAD = Primitive.define("conv2dWeightGrad", 2,
            (x, a) -> convWeightGrad(x[0], x[1], a),
            c -> {
                Attrs a = c.attrs();
                Var x = c.in(0);
                Attrs conv = Attrs.of("stride", a.ints("stride"), "padding", a.ints("padding"), "dilation", a.ints("dilation"));
                if (c.needs(0)) {
                    c.add(0, c.g().graph().apply(CONV2D_INPUT_GRAD, with(a, "input", x.shape()), c.in(1), c.g()));
                }
                if (c.needs(1)) {
                    c.add(1, c.g().graph().apply(CONV2D, conv, x, c.g()));
                }
            },
            (x, dx, y, a) -> convWeightGrad(dx[0], x[1], a).add(convWeightGrad(x[0], dx[1], a)),
            (x, y, a) -> convWork(x[0].shape(), y.shape(), x[1].shape()),
            c -> {
                Window win = window(c, false, true);
                int o = c.integer(1, 2);
                ConvGeometry g = ConvGeometry.of(win.input(), win.kernel(), win.stride(), win.padding(), win.dilation());
                return new Sample(new Tensor[] {uniform(c, win.input(), -2, 2), uniform(c, g.outputShape(o), -2, 2)},
                        Attrs.of("stride", win.stride(), "padding", win.padding(), "dilation", win.dilation(), "kernel", win.kernel()));
            },
            BOUNDED, "as conv2d, with the output cotangent g in place of w");

    // forward references for the static initializers above (the three are mutually recursive)
    private static Primitive CONV2D_INPUT_GRAD() {
        return CONV2D_INPUT_GRAD;
    }

    private static Primitive CONV2D_WEIGHT_GRAD() {
        return CONV2D_WEIGHT_GRAD;
    }

    // ================================================================ gather and scatter

    static int[] indices(Tensor index) {
        double[] d = index.toArray();
        int[] k = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            k[i] = (int) d[i];
        }
        return k;
    }

    static Tensor asIndexTensor(int[] index, int[] shape) {
        double[] d = new double[index.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = index[i];
        }
        return Tensor.of(shape, d);
    }

    static Tensor gather(Tensor x, Tensor index) {
        return Tensor.of(index.shape(), Kernels.gather(x.toArray(), indices(index)));
    }

    static Tensor scatterAdd(Tensor g, Tensor index, int[] shape) {
        if (!Arrays.equals(g.shape(), index.shape())) {
            throw new IllegalArgumentException("scatterAdd: values " + Arrays.toString(g.shape()) + " and index "
                    + Arrays.toString(index.shape()) + " differ in shape");
        }
        int size = 1;
        for (int s : shape) {
            size *= s;
        }
        return Tensor.of(shape, Kernels.scatterAdd(g.toArray(), indices(index), size));
    }

    /**
     * {@code y[k] = x.flat[index[k]]}, y of the index's shape (the attribute {@code index} holds
     * integers as doubles): x̄ += scatterAdd(ȳ) into x's shape.
     */
    public static final Primitive GATHER = Primitive.define("gather", 1,
            (x, a) -> gather(x[0], a.tensor("index")),
            c -> c.add(0, c.g().graph().apply(SCATTER_ADD(), Attrs.of("index", c.attrs().tensor("index"), "shape", c.in(0).shape()), c.g())),
            (x, dx, y, a) -> gather(dx[0], a.tensor("index")),
            (x, y, a) -> y.size(),
            c -> {
                int size = c.integer(1, 6);
                int k = c.integer(1, 6);
                int[] idx = new int[k];
                for (int i = 0; i < k; i++) {
                    idx[i] = c.integer(0, size - 1);
                }
                return new Sample(new Tensor[] {uniform(c, new int[] {size}, -2, 2)}, Attrs.of("index", asIndexTensor(idx, new int[] {k})));
            },
            BOUNDED, "x of 1-6 entries, 1-6 indices with repeats allowed");

    /** {@code y = 0 of shape attribute shape; y.flat[index[k]] += g[k]}: ḡ += gather(ȳ). */
    public static final Primitive SCATTER_ADD = Primitive.define("scatterAdd", 1,
            (x, a) -> scatterAdd(x[0], a.tensor("index"), a.ints("shape")),
            c -> c.add(0, c.g().graph().apply(GATHER, Attrs.of("index", c.attrs().tensor("index")), c.g())),
            (x, dx, y, a) -> scatterAdd(dx[0], a.tensor("index"), a.ints("shape")),
            (x, y, a) -> x[0].size(),
            c -> {
                int size = c.integer(1, 6);
                int k = c.integer(1, 6);
                int[] idx = new int[k];
                for (int i = 0; i < k; i++) {
                    idx[i] = c.integer(0, size - 1);
                }
                return new Sample(new Tensor[] {uniform(c, new int[] {k}, -2, 2)},
                        Attrs.of("index", asIndexTensor(idx, new int[] {k}), "shape", new int[] {size}));
            },
            BOUNDED, "g of 1-6 entries scattered into 1-6 slots, repeats allowed");

    private static Primitive SCATTER_ADD() {
        return SCATTER_ADD;
    }

    // ================================================================ pooling

    static ConvGeometry poolGeometry(int[] input, Attrs a) {
        return geometry(input, a.ints("kernel"), a);
    }

    /** The flat input index of each output of max pooling, as a tensor of the output's shape. */
    public static Tensor maxPoolArgmax(Tensor x, Attrs a) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(a, "a");
        ConvGeometry g = poolGeometry(x.shape(), a);
        return asIndexTensor(Kernels.maxPoolArgmax(g, x.toArray()), g.outputShape(g.c()));
    }

    /** The smallest gap, over windows, between the largest entry and the next one (infinity for windows of one entry). */
    static double minWindowGap(Tensor x, Attrs a) {
        ConvGeometry g = poolGeometry(x.shape(), a);
        double[] v = x.toArray();
        int[] arg = Kernels.maxPoolArgmax(g, v);
        double gap = Double.POSITIVE_INFINITY;
        int p = 0;
        for (int nc = 0; nc < g.n() * g.c(); nc++) {
            for (int i = 0; i < g.oh(); i++) {
                for (int j = 0; j < g.ow(); j++) {
                    int best = arg[p++];
                    for (int r0 = 0; r0 < g.kh(); r0++) {
                        int r = i * g.sh() - g.ph() + r0 * g.dh();
                        for (int q0 = 0; q0 < g.kw(); q0++) {
                            int q = j * g.sw() - g.pw() + q0 * g.dw();
                            if (r >= 0 && r < g.h() && q >= 0 && q < g.w()) {
                                int k = (nc * g.h() + r) * g.w() + q;
                                if (k != best) {
                                    gap = Math.min(gap, v[best] - v[k]);
                                }
                            }
                        }
                    }
                }
            }
        }
        return gap;
    }

    /**
     * Max pooling (PyTorch's {@code max_pool2d}; padding is -infinity; attributes kernel, stride,
     * padding, dilation): x̄ += scatterAdd(ȳ) at the argmax of each window (the first at ties).
     */
    public static final Primitive MAX_POOL2D = Primitive.define("maxPool2d", 1,
            (x, a) -> gather(x[0], maxPoolArgmax(x[0], a)),
            c -> {
                int[] k = c.attrs().ints("kernel");
                Tensor index = maxPoolArgmax(c.in(0).value(), c.attrs());
                // the argmax is found again: charge its comparisons (at most kh kw per output), as the forward declares them
                c.constant(index, (long) index.size() * k[0] * k[1]);
                c.add(0, c.g().graph().apply(SCATTER_ADD, Attrs.of("index", index, "shape", c.in(0).shape()), c.g()));
            },
            (x, dx, y, a) -> gather(dx[0], maxPoolArgmax(x[0], a)),
            (x, y, a) -> {
                int[] k = a.ints("kernel");
                return (long) y.size() * k[0] * k[1];
            },
            c -> {
                Window win = window(c, true, false);
                return new Sample(new Tensor[] {distinct(c, win.input())},
                        Attrs.of("kernel", win.kernel(), "stride", win.stride(), "padding", win.padding(), "dilation", win.dilation()));
            },
            (x, a) -> bounded(x) && minWindowGap(x[0], a) >= 0.05,
            "distinct entries 0.09 apart (no ties); in programs the largest entry of each window leads by >= 0.05");

    /**
     * Average pooling with zero padding counted (PyTorch's {@code avg_pool2d} defaults;
     * attributes kernel, stride, padding; dilation 1): x̄ += avgPool2dTranspose(ȳ).
     */
    public static final Primitive AVG_POOL2D = Primitive.define("avgPool2d", 1,
            (x, a) -> {
                ConvGeometry g = poolGeometry(x[0].shape(), a);
                return Tensor.of(g.outputShape(g.c()), Kernels.avgPool(g, x[0].toArray()));
            },
            c -> c.add(0, c.g().graph().apply(AVG_POOL2D_TRANSPOSE(), Attrs.of("kernel", c.attrs().ints("kernel"),
                    "stride", c.attrs().ints("stride"), "padding", c.attrs().ints("padding"), "dilation", c.attrs().ints("dilation"),
                    "input", c.in(0).shape()), c.g())),
            (x, dx, y, a) -> {
                ConvGeometry g = poolGeometry(x[0].shape(), a);
                return Tensor.of(g.outputShape(g.c()), Kernels.avgPool(g, dx[0].toArray()));
            },
            (x, y, a) -> {
                int[] k = a.ints("kernel");
                return (long) y.size() * (k[0] * k[1] + 1);          // the window's additions and the scaling
            },
            c -> {
                Window win = window(c, true, false);
                return new Sample(new Tensor[] {uniform(c, win.input(), -2, 2)},
                        Attrs.of("kernel", win.kernel(), "stride", win.stride(), "padding", win.padding(), "dilation", win.dilation()));
            },
            BOUNDED, "x [1-2, 1-2, h, w], kernel 1-3, stride 1-3, padding up to half the kernel, entries in (-2, 2)");

    /** The adjoint of average pooling into the shape attribute {@code input}: ḡ += avgPool2d(z̄). */
    public static final Primitive AVG_POOL2D_TRANSPOSE = Primitive.define("avgPool2dTranspose", 1,
            (x, a) -> {
                ConvGeometry g = poolGeometry(a.ints("input"), a);
                checkCotangent("avgPool2dTranspose", x[0], g.outputShape(g.c()));
                return Tensor.of(g.inputShape(), Kernels.avgPoolTranspose(g, x[0].toArray()));
            },
            c -> c.add(0, c.g().graph().apply(AVG_POOL2D, Attrs.of("kernel", c.attrs().ints("kernel"),
                    "stride", c.attrs().ints("stride"), "padding", c.attrs().ints("padding"), "dilation", c.attrs().ints("dilation")), c.g())),
            (x, dx, y, a) -> {
                ConvGeometry g = poolGeometry(a.ints("input"), a);
                return Tensor.of(g.inputShape(), Kernels.avgPoolTranspose(g, dx[0].toArray()));
            },
            (x, y, a) -> {
                int[] k = a.ints("kernel");
                return (long) x[0].size() * (k[0] * k[1] + 1);       // the scaling and the window's additions
            },
            c -> {
                Window win = window(c, true, false);
                ConvGeometry g = ConvGeometry.of(win.input(), win.kernel(), win.stride(), win.padding(), win.dilation());
                return new Sample(new Tensor[] {uniform(c, g.outputShape(g.c()), -2, 2)},
                        Attrs.of("kernel", win.kernel(), "stride", win.stride(), "padding", win.padding(), "dilation", win.dilation(),
                                "input", win.input()));
            },
            BOUNDED, "as avgPool2d, with the output cotangent in place of x");

    private static Primitive AVG_POOL2D_TRANSPOSE() {
        return AVG_POOL2D_TRANSPOSE;
    }

    // ================================================================ batch normalization

    /** The axes of the batch statistics: every axis but the channel axis 1. */
    static int[] statAxes(int rank) {
        int[] axes = new int[rank - 1];
        axes[0] = 0;
        for (int d = 2; d < rank; d++) {
            axes[d - 1] = d;
        }
        return axes;
    }

    /** The shape [1, C, 1, ...] of a per-channel vector broadcast against an input of this shape. */
    static int[] channelShape(int[] shape) {
        int[] s = new int[shape.length];
        Arrays.fill(s, 1);
        s[1] = shape[1];
        return s;
    }

    static void checkBatchNormShapes(int[] x, int[] gamma, int[] beta, boolean training) {
        if (x.length < 2) {
            throw new IllegalArgumentException("batchNorm: expected an input [N, C, ...] of rank >= 2, got " + Arrays.toString(x));
        }
        int c = x[1];
        if (gamma.length != 1 || gamma[0] != c || beta.length != 1 || beta[0] != c) {
            throw new IllegalArgumentException("batchNorm: per-channel tensors " + Arrays.toString(gamma) + " and "
                    + Arrays.toString(beta) + " must be [" + c + "] for input " + Arrays.toString(x));
        }
        long m = 1;
        for (int d = 0; d < x.length; d++) {
            m *= d == 1 ? 1 : x[d];
        }
        if (training && m < 2) {
            throw new IllegalArgumentException("batchNorm: expected more than 1 value per channel when training, got input "
                    + Arrays.toString(x));
        }
    }

    static void checkBatchNorm(Tensor x, Tensor gamma, Tensor beta) {
        checkBatchNormShapes(x.shape(), gamma.shape(), beta.shape(), true);
    }

    /** xhat = (x - mean) / sqrt(var + eps) with the biased batch variance. */
    static Tensor normalized(Tensor x, double eps) {
        int[] axes = statAxes(x.rank());
        Tensor xc = x.sub(x.mean(axes, true));
        Tensor var = xc.mul(xc).mean(axes, true);
        return xc.div(var.add(eps).sqrt());
    }

    /**
     * Fused training-mode batch normalization {@code y = gamma xhat + beta} of x [N, C, ...],
     * gamma [C], beta [C] (attribute eps): the rules of Ioffe &amp; Szegedy, Sec. 3, written with
     * differentiable operations (xhat is recomputed from x, so the VJP can be differentiated
     * again).
     */
    public static final Primitive BATCH_NORM = Primitive.define("batchNorm", 3,
            (x, a) -> {
                checkBatchNorm(x[0], x[1], x[2]);
                int[] cs = channelShape(x[0].shape());
                return normalized(x[0], a.real("eps")).mul(x[1].reshape(cs)).add(x[2].reshape(cs));
            },
            NnPrimitives::batchNormVjp,
            (x, dx, y, a) -> {
                int[] axes = statAxes(x[0].rank());
                int[] cs = channelShape(x[0].shape());
                double eps = a.real("eps");
                Tensor xc = x[0].sub(x[0].mean(axes, true));
                Tensor inv = xc.mul(xc).mean(axes, true).add(eps).pow(-0.5);
                Tensor xhat = xc.mul(inv);
                Tensor d = dx[0];
                Tensor dxhat = inv.mul(d.sub(d.mean(axes, true)).sub(xhat.mul(d.mul(xhat).mean(axes, true))));
                return dxhat.mul(x[1].reshape(cs)).add(xhat.mul(dx[1].reshape(cs))).add(dx[2].reshape(cs));
            },
            (x, y, a) -> 10L * x[0].size(),
            c -> {
                int rank = c.integer(2, 4);
                int[] shape = new int[rank];
                shape[0] = c.integer(1, 3);
                shape[1] = c.integer(1, 2);
                for (int d = 2; d < rank; d++) {
                    shape[d] = c.integer(1, 2);
                }
                if (shape[0] * (rank > 2 ? shape[2] : 1) * (rank > 3 ? shape[3] : 1) < 2) {
                    shape[0] = 2;
                }
                return new Sample(new Tensor[] {grid(c, shape, 0.3), uniform(c, new int[] {shape[1]}, -2, 2),
                    uniform(c, new int[] {shape[1]}, -2, 2)}, Attrs.of("eps", 1e-5));
            },
            (x, a) -> bounded(x) && x[0].size() / x[0].dim(1) >= 2
                    && x[0].sub(x[0].mean(statAxes(x[0].rank()), true)).square().mean(statAxes(x[0].rank()), false).minAll() >= 0.01,
            "x of rank 2-4 with >= 2 entries per channel, distinct entries 0.29 apart (batch variance >= 0.02 per channel); in programs variance >= 0.01");

    /**
     * x̄ += gamma / sqrt(var + eps) (ȳ - mean(ȳ) - xhat mean(ȳ xhat)) per channel;
     * gamma̅ += sum(ȳ xhat); beta̅ += sum(ȳ).
     */
    private static void batchNormVjp(VjpContext c) {
        Var x = c.in(0);
        Var gamma = c.in(1);
        int[] axes = statAxes(x.rank());
        int[] cs = channelShape(x.shape());
        double eps = c.attrs().real("eps");
        Var xc = x.sub(x.mean(axes, true));
        Var inv = xc.mul(xc).mean(axes, true).add(eps).pow(-0.5);
        Var xhat = xc.mul(inv);
        Var g = c.g();
        if (c.needs(0)) {
            Var gxhat = g.mul(gamma.reshape(cs));
            c.add(0, inv.mul(gxhat.sub(gxhat.mean(axes, true)).sub(xhat.mul(gxhat.mul(xhat).mean(axes, true)))));
        }
        if (c.needs(1)) {
            c.add(1, g.mul(xhat).sum(axes, false));
        }
        if (c.needs(2)) {
            c.add(2, g.sum(axes, false));
        }
    }

    // ================================================================ the registry

    /** The primitives of the layers, in a fixed order. */
    public static final List<Primitive> ALL = List.of(CONV2D, CONV2D_INPUT_GRAD, CONV2D_WEIGHT_GRAD,
            GATHER, SCATTER_ADD, MAX_POOL2D, AVG_POOL2D, AVG_POOL2D_TRANSPOSE, BATCH_NORM);
}
