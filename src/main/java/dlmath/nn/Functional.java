package dlmath.nn;

import dlmath.autodiff.Attrs;
import dlmath.autodiff.Var;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The layers as functions on {@link Var}s, with PyTorch's semantics ({@code torch.nn.functional}):
 * NCHW layout, parameter shapes and defaults. Convolution, pooling and training-mode batch
 * normalization are the primitives of {@link NnPrimitives}; everything else is composed from the
 * primitives of {@link dlmath.autodiff.Primitives} and needs no derivative rules of its own.
 */
public final class Functional {

    private Functional() {
    }

    private static int[] pair(String what, int[] v) {
        ConvGeometry.pair(what, v);
        return v.clone();
    }

    // ================================================================ linear and convolution

    /**
     * {@code y = x W^T + b} (PyTorch's {@code linear}).
     *
     * @param x the input [N, in] or [in]
     * @param weight W [out, in]
     * @param bias b [out], or null
     * @return y [N, out] or [out]
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static Var linear(Var x, Var weight, Var bias) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(weight, "weight");
        int[] xs = x.shape();
        int[] ws = weight.shape();
        if (ws.length != 2 || xs.length < 1 || xs.length > 2 || xs[xs.length - 1] != ws[1]) {
            throw new IllegalArgumentException("linear: input " + Arrays.toString(xs) + " and weight " + Arrays.toString(ws)
                    + " do not fit: expected [N, in] or [in] and [out, in]");
        }
        Var y = x.matmul(weight.transpose());
        if (bias != null) {
            if (!Arrays.equals(bias.shape(), new int[] {ws[0]})) {
                throw new IllegalArgumentException("linear: bias " + Arrays.toString(bias.shape()) + " must be [" + ws[0] + "]");
            }
            y = y.add(bias);
        }
        return y;
    }

    /**
     * 2-D cross-correlation plus a per-channel bias (PyTorch's {@code conv2d}, groups 1).
     *
     * @param x the input [N, C, H, W]
     * @param weight [O, C, kH, kW]
     * @param bias [O], or null
     * @param stride [sH, sW]
     * @param padding [pH, pW] (zeros)
     * @param dilation [dH, dW]
     * @return [N, O, H', W'] with H' = floor((H + 2 pH - dH (kH - 1) - 1) / sH) + 1
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static Var conv2d(Var x, Var weight, Var bias, int[] stride, int[] padding, int[] dilation) {
        Objects.requireNonNull(stride, "stride");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(dilation, "dilation");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(weight, "weight");
        Var y = x.graph().apply(NnPrimitives.CONV2D, Attrs.of("stride", pair("stride", stride),
                "padding", pair("padding", padding), "dilation", pair("dilation", dilation)), x, weight);
        if (bias != null) {
            int o = weight.shape()[0];
            if (!Arrays.equals(bias.shape(), new int[] {o})) {
                throw new IllegalArgumentException("conv2d: bias " + Arrays.toString(bias.shape()) + " must be [" + o + "]");
            }
            y = y.add(bias.reshape(1, o, 1, 1));
        }
        return y;
    }

    // ================================================================ pooling

    /**
     * Max pooling (PyTorch's {@code max_pool2d}, padding by -infinity, at most half the kernel).
     *
     * @param x [N, C, H, W]
     * @param kernel [kH, kW]
     * @param stride [sH, sW] (PyTorch's default is the kernel)
     * @param padding [pH, pW]
     * @param dilation [dH, dW]
     * @return the pooled input
     * @throws IllegalArgumentException if the padding exceeds half the kernel or the shapes do not fit
     */
    public static Var maxPool2d(Var x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(stride, "stride");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(dilation, "dilation");
        Objects.requireNonNull(x, "x");
        checkPoolPadding("maxPool2d", kernel, padding);
        Attrs a = Attrs.of("kernel", pair("kernel_size", kernel), "stride", pair("stride", stride),
                "padding", pair("padding", padding), "dilation", pair("dilation", dilation));
        NnPrimitives.poolGeometry(x.shape(), a);
        return x.graph().apply(NnPrimitives.MAX_POOL2D, a, x);
    }

    /**
     * Average pooling (PyTorch's {@code avg_pool2d} with {@code count_include_pad=True}).
     *
     * @param x [N, C, H, W]
     * @param kernel [kH, kW]
     * @param stride [sH, sW]
     * @param padding [pH, pW], at most half the kernel
     * @return the pooled input
     * @throws IllegalArgumentException if the padding exceeds half the kernel or the shapes do not fit
     */
    public static Var avgPool2d(Var x, int[] kernel, int[] stride, int[] padding) {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(stride, "stride");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(x, "x");
        checkPoolPadding("avgPool2d", kernel, padding);
        Attrs a = Attrs.of("kernel", pair("kernel_size", kernel), "stride", pair("stride", stride),
                "padding", pair("padding", padding), "dilation", new int[] {1, 1});
        NnPrimitives.poolGeometry(x.shape(), a);
        return x.graph().apply(NnPrimitives.AVG_POOL2D, a, x);
    }

    private static void checkPoolPadding(String op, int[] kernel, int[] padding) {
        pair("kernel_size", kernel);
        pair("padding", padding);
        if (padding[0] > kernel[0] / 2 || padding[1] > kernel[1] / 2) {
            throw new IllegalArgumentException(op + ": padding " + Arrays.toString(padding)
                    + " should be at most half of the kernel size " + Arrays.toString(kernel));
        }
    }

    // ================================================================ batch normalization

    /**
     * Training-mode batch normalization with batch statistics (biased variance), the fused
     * primitive {@link NnPrimitives#BATCH_NORM}.
     *
     * @param x [N, C, ...]
     * @param weight gamma [C]
     * @param bias beta [C]
     * @param eps added to the variance (PyTorch's default 1e-5)
     * @return gamma (x - mean) / sqrt(var + eps) + beta per channel
     */
    public static Var batchNormTrain(Var x, Var weight, Var bias, double eps) {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(x, "x");
        checkEps(eps);
        return x.graph().apply(NnPrimitives.BATCH_NORM, Attrs.of("eps", eps), x, weight, bias);
    }

    /**
     * Evaluation-mode batch normalization with running statistics.
     *
     * @param x [N, C, ...]
     * @param weight gamma [C]
     * @param bias beta [C]
     * @param runningMean [C]
     * @param runningVar [C]
     * @param eps added to the variance
     * @return gamma (x - running mean) / sqrt(running var + eps) + beta per channel
     */
    public static Var batchNormEval(Var x, Var weight, Var bias, Tensor runningMean, Tensor runningVar, double eps) {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(runningMean, "runningMean");
        Objects.requireNonNull(runningVar, "runningVar");
        Objects.requireNonNull(x, "x");
        checkEps(eps);
        NnPrimitives.checkBatchNormShapes(x.shape(), weight.shape(), bias.shape(), false);
        int[] cs = NnPrimitives.channelShape(x.shape());
        int c = x.shape()[1];
        if (!Arrays.equals(runningMean.shape(), new int[] {c}) || !Arrays.equals(runningVar.shape(), new int[] {c})) {
            throw new IllegalArgumentException("batchNorm: running mean " + Arrays.toString(runningMean.shape()) + " and variance "
                    + Arrays.toString(runningVar.shape()) + " must be [" + c + "]");
        }
        Var inv = x.graph().constant(runningVar.add(eps).pow(-0.5).reshape(cs));
        return x.sub(x.graph().constant(runningMean.reshape(cs))).mul(inv).mul(weight.reshape(cs)).add(bias.reshape(cs));
    }

    private static void checkEps(double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("batchNorm: eps must be positive and finite, got " + eps);
        }
    }

    /**
     * The running statistics after one training batch (PyTorch's update):
     * {@code mean <- (1 - m) mean + m batch mean}, {@code var <- (1 - m) var + m s^2} with the
     * unbiased batch variance {@code s^2 = M/(M-1) biased} over the M entries per channel.
     *
     * @param x the batch [N, C, ...]
     * @param runningMean [C]
     * @param runningVar [C]
     * @param momentum m in [0, 1] (PyTorch's default 0.1)
     * @return {new mean, new variance}
     * @throws IllegalArgumentException if momentum is outside [0, 1] or a channel has one entry
     */
    public static Tensor[] updateRunningStats(Tensor x, Tensor runningMean, Tensor runningVar, double momentum) {
        Objects.requireNonNull(runningMean, "runningMean");
        Objects.requireNonNull(runningVar, "runningVar");
        Objects.requireNonNull(x, "x");
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batchNorm: momentum must be in [0, 1], got " + momentum);
        }
        NnPrimitives.checkBatchNormShapes(x.shape(), runningMean.shape(), runningVar.shape(), true);
        int[] axes = NnPrimitives.statAxes(x.rank());
        long m = x.size() / x.dim(1);
        Tensor mean = x.mean(axes, false);
        Tensor xc = x.sub(x.mean(axes, true));
        Tensor unbiased = xc.mul(xc).sum(axes, false).div((double) (m - 1));
        return new Tensor[] {runningMean.mul(1 - momentum).add(mean.mul(momentum)),
            runningVar.mul(1 - momentum).add(unbiased.mul(momentum))};
    }

    // ================================================================ dropout

    private static void checkP(String op, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(op + ": dropout probability has to be between 0 and 1, but got " + p);
        }
    }

    /**
     * Inverted dropout with a given keep mask: {@code x mask / (1 - p)} (zeros if p = 1), the
     * mask a 0/1 tensor broadcasting against x.
     *
     * @param x the input
     * @param keep the 0/1 mask of kept entries
     * @param p the drop probability
     * @return the masked and rescaled input
     * @throws IllegalArgumentException if p is outside [0, 1] or the mask is not 0/1
     */
    public static Var dropoutWithMask(Var x, Tensor keep, double p) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(keep, "keep");
        checkP("dropout", p);
        for (double v : keep.toArray()) {
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException("dropout: the keep mask must hold 0 or 1, got " + v);
            }
        }
        Tensor scaled = p == 1 ? keep.mul(0.0) : keep.div(1 - p);
        return x.mul(x.graph().constant(scaled));
    }

    /**
     * A Bernoulli(1 - p) keep mask of a shape.
     *
     * @param rng the generator
     * @param p the drop probability
     * @param shape the shape
     * @return the 0/1 mask
     */
    public static Tensor keepMask(RandomGenerator rng, double p, int... shape) {
        Objects.requireNonNull(rng, "rng");
        checkP("dropout", p);
        Tensor u = Tensor.rand(rng, shape);
        return u.ge(p).mul(p == 1 ? 0.0 : 1.0);
    }

    /**
     * Inverted dropout (Srivastava et al., Dropout, JMLR 2014, Sec. 10 with the scaling moved to
     * training time): each entry kept with probability 1 - p and scaled by 1/(1 - p); the
     * identity in evaluation mode.
     *
     * @param x the input
     * @param p the drop probability
     * @param mode training or evaluation
     * @param rng the generator (training only)
     * @return the output
     */
    public static Var dropout(Var x, double p, Mode mode, RandomGenerator rng) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(mode, "mode");
        checkP("dropout", p);
        if (mode == Mode.EVAL || p == 0) {
            return x;
        }
        return dropoutWithMask(x, keepMask(rng, p, x.shape()), p);
    }

    /**
     * Spatial dropout (Tompson et al., Efficient Object Localization Using Convolutional
     * Networks, CVPR 2015, Sec. 3.2; PyTorch's {@code dropout2d}): whole channels of
     * x [N, C, H, W] are kept or zeroed together, one mask entry per (n, c).
     *
     * @param x [N, C, H, W]
     * @param p the drop probability
     * @param mode training or evaluation
     * @param rng the generator (training only)
     * @return the output
     */
    public static Var dropout2d(Var x, double p, Mode mode, RandomGenerator rng) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(mode, "mode");
        checkP("dropout2d", p);
        if (x.rank() != 4) {
            throw new IllegalArgumentException("dropout2d: expected an input [N, C, H, W], got " + Arrays.toString(x.shape()));
        }
        if (mode == Mode.EVAL || p == 0) {
            return x;
        }
        return dropoutWithMask(x, keepMask(rng, p, x.shape()[0], x.shape()[1], 1, 1), p);
    }

    // ================================================================ activations

    /**
     * max(x, 0).
     *
     * @param x the input
     * @return relu(x)
     */
    public static Var relu(Var x) {
        Objects.requireNonNull(x, "x");
        return x.relu();
    }

    /**
     * ELU (Clevert, Unterthiner &amp; Hochreiter, ICLR 2016, eq. 15): x for x &gt; 0,
     * alpha (e^x - 1) otherwise. The exponential is taken of min(x, 0), so no overflow reaches
     * the gradient.
     *
     * @param x the input
     * @param alpha the saturation value for x to -infinity (PyTorch's default 1)
     * @return elu(x)
     */
    public static Var elu(Var x, double alpha) {
        Objects.requireNonNull(x, "x");
        Tensor positive = x.value().gt(0.0);
        Var zero = x.graph().scalar(0.0);
        Var negativePart = Var.where(positive, zero, x);
        return Var.where(positive, x, negativePart.exp().sub(1.0).mul(alpha));
    }

    /**
     * The logistic sigmoid 1 / (1 + e^-x).
     *
     * @param x the input
     * @return sigmoid(x)
     */
    public static Var sigmoid(Var x) {
        Objects.requireNonNull(x, "x");
        return x.sigmoid();
    }

    /**
     * tanh x.
     *
     * @param x the input
     * @return tanh(x)
     */
    public static Var tanh(Var x) {
        Objects.requireNonNull(x, "x");
        return x.tanh();
    }

    /**
     * softplus(x) = log(1 + e^x), computed as logsumexp(0, x) (no overflow, derivative sigmoid
     * everywhere, including at 0). PyTorch returns x above its threshold 20, which differs from
     * log(1 + e^x) by less than e^-20 ~ 2e-9.
     *
     * @param x the input
     * @return softplus(x)
     */
    public static Var softplus(Var x) {
        Objects.requireNonNull(x, "x");
        int[] s = x.shape();
        int[] t = Arrays.copyOf(s, s.length + 1);
        t[s.length] = 1;
        Var column = x.reshape(t);
        Var zeros = x.graph().constant(Tensor.zeros(t));
        return Var.concat(s.length, zeros, column).logsumexp(new int[] {s.length}, false);
    }

    /**
     * Softmax along an axis.
     *
     * @param x the input
     * @param axis the axis
     * @return exp(x) / sum exp(x) along the axis
     */
    public static Var softmax(Var x, int axis) {
        Objects.requireNonNull(x, "x");
        return x.softmax(axis);
    }

    /**
     * log-softmax along an axis: x - logsumexp(x).
     *
     * @param x the input
     * @param axis the axis
     * @return log softmax(x)
     */
    public static Var logSoftmax(Var x, int axis) {
        Objects.requireNonNull(x, "x");
        int a = axis < 0 ? axis + x.rank() : axis;
        return x.sub(x.logsumexp(new int[] {a}, true));
    }

    /**
     * Flattens every axis after the first: [N, ...] to [N, prod(...)] (PyTorch's
     * {@code Flatten()} with start_dim 1).
     *
     * @param x the input of rank at least 1
     * @return the flattened input
     */
    public static Var flatten(Var x) {
        Objects.requireNonNull(x, "x");
        int[] s = x.shape();
        if (s.length < 1) {
            throw new IllegalArgumentException("flatten: expected an input of rank >= 1, got a scalar");
        }
        int rest = 1;
        for (int d = 1; d < s.length; d++) {
            rest *= s[d];
        }
        return x.reshape(s[0], rest);
    }

    // ================================================================ attention

    /**
     * The attention weights softmax(Q K^T / sqrt(d)) (Vaswani et al., Attention Is All You Need,
     * NeurIPS 2017, eq. 1), rows summing to 1.
     *
     * @param q queries [L, d]
     * @param k keys [S, d]
     * @return [L, S]
     */
    public static Var attentionWeights(Var q, Var k) {
        return attentionLogits(q, k).softmax(1);
    }

    /**
     * The scaled attention logits Q K^T / sqrt(d) (Vaswani et al. 2017, Sec. 3.2.1: the scaling
     * keeps their variance at 1 for queries and keys with independent unit-variance entries).
     *
     * @param q queries [L, d]
     * @param k keys [S, d]
     * @return [L, S]
     */
    public static Var attentionLogits(Var q, Var k) {
        Objects.requireNonNull(q, "q");
        Objects.requireNonNull(k, "k");
        if (q.rank() != 2 || k.rank() != 2 || q.shape()[1] != k.shape()[1]) {
            throw new IllegalArgumentException("attention: queries " + Arrays.toString(q.shape()) + " and keys "
                    + Arrays.toString(k.shape()) + " must be [L, d] and [S, d]");
        }
        return q.matmul(k.transpose()).div(Math.sqrt(q.shape()[1]));
    }

    /**
     * Scaled dot-product attention softmax(Q K^T / sqrt(d)) V (Vaswani et al. 2017, eq. 1).
     *
     * @param q queries [L, d]
     * @param k keys [S, d]
     * @param v values [S, dv]
     * @return [L, dv]
     */
    public static Var attention(Var q, Var k, Var v) {
        Objects.requireNonNull(q, "q");
        Objects.requireNonNull(k, "k");
        Objects.requireNonNull(v, "v");
        Var w = attentionWeights(q, k);
        if (v.rank() != 2 || v.shape()[0] != k.shape()[0]) {
            throw new IllegalArgumentException("attention: values " + Arrays.toString(v.shape()) + " must be [S, dv] with S = "
                    + k.shape()[0]);
        }
        return w.matmul(v);
    }
}
