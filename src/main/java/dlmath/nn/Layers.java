package dlmath.nn;

import dlmath.autodiff.Var;
import dlmath.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The layers as records of hyper-parameters, with the names, parameter names and shapes and
 * defaults of PyTorch's {@code torch.nn} modules ({@code weight}, {@code bias},
 * {@code running_mean}, {@code running_var}).
 */
public final class Layers {

    private Layers() {
    }

    private static void positive(String layer, String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(layer + ": " + what + " must be >= 1, got " + v);
        }
    }

    /** The null checks every {@code apply} makes: the parameter map, the state and the input. */
    private static void applyArgs(Map<String, Var> params, Params state, Var x) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(x, "x");
    }

    private static Var param(Map<String, Var> p, String name) {
        Objects.requireNonNull(p, "params");
        Var v = p.get(name);
        if (v == null) {
            throw new IllegalArgumentException("apply: missing parameter '" + name + "' (have " + p.keySet() + ")");
        }
        return v;
    }

    /**
     * {@code y = x W^T + b}, W [out, in], b [out]; PyTorch's default init uniform on
     * +-1/sqrt(in).
     *
     * @param in input features
     * @param out output features
     * @param bias whether there is a bias
     */
    public record Linear(int in, int out, boolean bias) implements Layer {
        /** Checks the sizes. */
        public Linear {
            positive("Linear", "in_features", in);
            positive("Linear", "out_features", out);
        }

        /**
         * With a bias.
         *
         * @param in input features
         * @param out output features
         */
        public Linear(int in, int out) {
            this(in, out, true);
        }

        @Override
        public Params init(RandomGenerator rng) {
            Params p = Params.of("weight", Init.pytorchDefault(rng, in, out, in));
            return bias ? p.with("bias", Init.pytorchDefault(rng, in, out)) : p;
        }

        @Override
        public Out apply(Map<String, Var> p, Params state, Var x, Mode mode, RandomGenerator rng) {
            applyArgs(p, state, x);
            return new Out(Functional.linear(x, param(p, "weight"), bias ? param(p, "bias") : null), state);
        }
    }

    /**
     * 2-D convolution, weight [out, in, kH, kW], bias [out]; PyTorch's default init uniform on
     * +-1/sqrt(in kH kW).
     *
     * @param in input channels
     * @param out output channels
     * @param kernel [kH, kW]
     * @param stride [sH, sW]
     * @param padding [pH, pW]
     * @param dilation [dH, dW]
     * @param bias whether there is a bias
     */
    public record Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean bias) implements Layer {
        /** Checks the sizes. */
        public Conv2d {
            positive("Conv2d", "in_channels", in);
            positive("Conv2d", "out_channels", out);
            ConvGeometry.pair("kernel_size", kernel);
            ConvGeometry.pair("stride", stride);
            ConvGeometry.pair("padding", padding);
            ConvGeometry.pair("dilation", dilation);
            kernel = kernel.clone();
            stride = stride.clone();
            padding = padding.clone();
            dilation = dilation.clone();
        }

        /**
         * Square kernel, stride and padding, dilation 1, with a bias.
         *
         * @param in input channels
         * @param out output channels
         * @param kernel kernel side
         * @param stride stride
         * @param padding padding
         */
        public Conv2d(int in, int out, int kernel, int stride, int padding) {
            this(in, out, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1}, true);
        }

        @Override
        public Params init(RandomGenerator rng) {
            int fanIn = in * kernel[0] * kernel[1];
            Params p = Params.of("weight", Init.pytorchDefault(rng, fanIn, out, in, kernel[0], kernel[1]));
            return bias ? p.with("bias", Init.pytorchDefault(rng, fanIn, out)) : p;
        }

        @Override
        public String toString() {
            return "Conv2d(" + in + ", " + out + ", kernel_size=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride)
                    + ", padding=" + Arrays.toString(padding) + ", dilation=" + Arrays.toString(dilation) + ", bias=" + bias + ")";
        }

        @Override
        public Out apply(Map<String, Var> p, Params state, Var x, Mode mode, RandomGenerator rng) {
            applyArgs(p, state, x);
            return new Out(Functional.conv2d(x, param(p, "weight"), bias ? param(p, "bias") : null, stride, padding, dilation), state);
        }
    }

    /**
     * Max pooling; PyTorch's default stride is the kernel.
     *
     * @param kernel [kH, kW]
     * @param stride [sH, sW]
     * @param padding [pH, pW]
     */
    public record MaxPool2d(int[] kernel, int[] stride, int[] padding) implements Layer {
        /** Copies the arrays. */
        public MaxPool2d {
            kernel = Objects.requireNonNull(kernel, "kernel").clone();
            stride = Objects.requireNonNull(stride, "stride").clone();
            padding = Objects.requireNonNull(padding, "padding").clone();
        }

        /**
         * Square window, stride = kernel, no padding.
         *
         * @param kernel the side
         */
        public MaxPool2d(int kernel) {
            this(new int[] {kernel, kernel}, new int[] {kernel, kernel}, new int[] {0, 0});
        }

        @Override
        public String toString() {
            return "MaxPool2d(kernel_size=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride) + ", padding="
                    + Arrays.toString(padding) + ")";
        }

        @Override
        public Out apply(Map<String, Var> p, Params state, Var x, Mode mode, RandomGenerator rng) {
            applyArgs(p, state, x);
            return new Out(Functional.maxPool2d(x, kernel, stride, padding, new int[] {1, 1}), state);
        }
    }

    /**
     * Average pooling (zero padding counted); PyTorch's default stride is the kernel.
     *
     * @param kernel [kH, kW]
     * @param stride [sH, sW]
     * @param padding [pH, pW]
     */
    public record AvgPool2d(int[] kernel, int[] stride, int[] padding) implements Layer {
        /** Copies the arrays. */
        public AvgPool2d {
            kernel = Objects.requireNonNull(kernel, "kernel").clone();
            stride = Objects.requireNonNull(stride, "stride").clone();
            padding = Objects.requireNonNull(padding, "padding").clone();
        }

        /**
         * Square window, stride = kernel, no padding.
         *
         * @param kernel the side
         */
        public AvgPool2d(int kernel) {
            this(new int[] {kernel, kernel}, new int[] {kernel, kernel}, new int[] {0, 0});
        }

        @Override
        public String toString() {
            return "AvgPool2d(kernel_size=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride) + ", padding="
                    + Arrays.toString(padding) + ")";
        }

        @Override
        public Out apply(Map<String, Var> p, Params state, Var x, Mode mode, RandomGenerator rng) {
            applyArgs(p, state, x);
            return new Out(Functional.avgPool2d(x, kernel, stride, padding), state);
        }
    }

    /**
     * Batch normalization over channel axis 1 (BatchNorm1d for [N, C] or [N, C, L], BatchNorm2d
     * for [N, C, H, W]): weight (gamma) ones, bias (beta) zeros, running_mean zeros, running_var
     * ones; in training the batch statistics (biased variance) normalize and the running
     * statistics follow {@link Functional#updateRunningStats} (unbiased variance); in evaluation
     * the running statistics normalize.
     *
     * @param features C
     * @param eps added to the variance (default 1e-5)
     * @param momentum of the running statistics (default 0.1)
     * @param spatial whether this is BatchNorm2d (input of rank 4) rather than BatchNorm1d (rank 2 or 3)
     */
    public record BatchNorm(int features, double eps, double momentum, boolean spatial) implements Layer {
        /** Checks the parameters. */
        public BatchNorm {
            positive(spatial ? "BatchNorm2d" : "BatchNorm1d", "num_features", features);
            if (!(eps > 0) || !Double.isFinite(eps)) {
                throw new IllegalArgumentException("BatchNorm: eps must be positive and finite, got " + eps);
            }
            if (!(momentum >= 0 && momentum <= 1)) {
                throw new IllegalArgumentException("BatchNorm: momentum must be in [0, 1], got " + momentum);
            }
        }

        /**
         * BatchNorm1d with PyTorch's defaults (eps 1e-5, momentum 0.1).
         *
         * @param features C
         * @return the layer
         */
        public static BatchNorm batchNorm1d(int features) {
            return new BatchNorm(features, 1e-5, 0.1, false);
        }

        /**
         * BatchNorm2d with PyTorch's defaults (eps 1e-5, momentum 0.1).
         *
         * @param features C
         * @return the layer
         */
        public static BatchNorm batchNorm2d(int features) {
            return new BatchNorm(features, 1e-5, 0.1, true);
        }

        @Override
        public Params init(RandomGenerator rng) {
            return Params.of("weight", Tensor.ones(features), "bias", Tensor.zeros(features));
        }

        @Override
        public Params initState() {
            return Params.of("running_mean", Tensor.zeros(features), "running_var", Tensor.ones(features));
        }

        @Override
        public Out apply(Map<String, Var> p, Params state, Var x, Mode mode, RandomGenerator rng) {
            applyArgs(p, state, x);
            int r = x.rank();
            if (spatial ? r != 4 : r != 2 && r != 3) {
                throw new IllegalArgumentException((spatial ? "BatchNorm2d: expected an input [N, C, H, W]"
                        : "BatchNorm1d: expected an input [N, C] or [N, C, L]") + ", got " + Arrays.toString(x.shape()));
            }
            if (x.shape()[1] != features) {
                throw new IllegalArgumentException("BatchNorm: input " + Arrays.toString(x.shape()) + " has " + x.shape()[1]
                        + " channels, the layer " + features);
            }
            Tensor mean = state.get("running_mean");
            Tensor var = state.get("running_var");
            if (mode == Mode.EVAL) {
                return new Out(Functional.batchNormEval(x, param(p, "weight"), param(p, "bias"), mean, var, eps), state);
            }
            Var y = Functional.batchNormTrain(x, param(p, "weight"), param(p, "bias"), eps);
            Tensor[] next = Functional.updateRunningStats(x.value(), mean, var, momentum);
            return new Out(y, Params.of("running_mean", next[0], "running_var", next[1]));
        }
    }

    /**
     * Inverted dropout.
     *
     * @param p the drop probability (PyTorch's default 0.5)
     */
    public record Dropout(double p) implements Layer {
        /** Checks p. */
        public Dropout {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("Dropout: dropout probability has to be between 0 and 1, but got " + p);
            }
        }

        @Override
        public Out apply(Map<String, Var> params, Params state, Var x, Mode mode, RandomGenerator rng) {
            applyArgs(params, state, x);
            return new Out(Functional.dropout(x, p, mode, rng), state);
        }
    }

    /**
     * Spatial dropout (whole channels).
     *
     * @param p the drop probability (PyTorch's default 0.5)
     */
    public record Dropout2d(double p) implements Layer {
        /** Checks p. */
        public Dropout2d {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("Dropout2d: dropout probability has to be between 0 and 1, but got " + p);
            }
        }

        @Override
        public Out apply(Map<String, Var> params, Params state, Var x, Mode mode, RandomGenerator rng) {
            applyArgs(params, state, x);
            return new Out(Functional.dropout2d(x, p, mode, rng), state);
        }
    }

    /** The elementwise activations and the (log-)softmax over the feature axis 1. */
    public enum Kind {
        /** max(x, 0). */
        RELU,
        /** ELU with alpha 1. */
        ELU,
        /** The logistic sigmoid. */
        SIGMOID,
        /** tanh. */
        TANH,
        /** log(1 + e^x). */
        SOFTPLUS,
        /** Softmax along axis 1. */
        SOFTMAX,
        /** Log-softmax along axis 1. */
        LOG_SOFTMAX
    }

    /**
     * A parameter-free activation.
     *
     * @param kind which
     */
    public record Activation(Kind kind) implements Layer {
        /** Checks the kind. */
        public Activation {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public Out apply(Map<String, Var> params, Params state, Var x, Mode mode, RandomGenerator rng) {
            applyArgs(params, state, x);
            Var y = switch (kind) {
                case RELU -> Functional.relu(x);
                case ELU -> Functional.elu(x, 1.0);
                case SIGMOID -> Functional.sigmoid(x);
                case TANH -> Functional.tanh(x);
                case SOFTPLUS -> Functional.softplus(x);
                case SOFTMAX -> Functional.softmax(x, 1);
                case LOG_SOFTMAX -> Functional.logSoftmax(x, 1);
            };
            return new Out(y, state);
        }
    }

    /** Flattens every axis after the first. */
    public record Flatten() implements Layer {
        @Override
        public Out apply(Map<String, Var> params, Params state, Var x, Mode mode, RandomGenerator rng) {
            applyArgs(params, state, x);
            return new Out(Functional.flatten(x), state);
        }
    }

    /**
     * Layers applied in order; the parameters and state of layer i are named {@code "i.name"},
     * as in PyTorch's {@code nn.Sequential}.
     *
     * @param layers the layers
     */
    public record Sequential(List<Layer> layers) implements Layer {
        /** Copies the list. */
        public Sequential {
            Objects.requireNonNull(layers, "layers");
            for (int i = 0; i < layers.size(); i++) {
                Objects.requireNonNull(layers.get(i), "layers[" + i + "]");
            }
            layers = List.copyOf(layers);
        }

        /**
         * From layers.
         *
         * @param layers the layers
         * @return the model
         */
        public static Sequential of(Layer... layers) {
            return new Sequential(Arrays.asList(Objects.requireNonNull(layers, "layers")));
        }

        @Override
        public Params init(RandomGenerator rng) {
            Params p = Params.EMPTY;
            for (int i = 0; i < layers.size(); i++) {
                p = p.merge(layers.get(i).init(rng).prefixed(i + "."));
            }
            return p;
        }

        @Override
        public Params initState() {
            Params s = Params.EMPTY;
            for (int i = 0; i < layers.size(); i++) {
                s = s.merge(layers.get(i).initState().prefixed(i + "."));
            }
            return s;
        }

        @Override
        public Out apply(Map<String, Var> params, Params state, Var x, Mode mode, RandomGenerator rng) {
            applyArgs(params, state, x);
            Params next = Params.EMPTY;
            Var y = x;
            for (int i = 0; i < layers.size(); i++) {
                String prefix = i + ".";
                Map<String, Var> scoped = new java.util.LinkedHashMap<>();
                params.forEach((k, v) -> {
                    if (k.startsWith(prefix)) {
                        scoped.put(k.substring(prefix.length()), v);
                    }
                });
                Out o = layers.get(i).apply(scoped, state.scope(prefix), y, mode, rng);
                y = o.y();
                next = next.merge(o.state().prefixed(prefix));
            }
            return new Out(y, next);
        }

        /**
         * The layers as a list (for printing).
         *
         * @return the names of the layer records
         */
        public List<String> describe() {
            List<String> out = new ArrayList<>();
            for (Layer l : layers) {
                out.add(l.toString());
            }
            return out;
        }
    }
}
