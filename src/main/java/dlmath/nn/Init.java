package dlmath.nn;

import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Parameter initializers with PyTorch's fan conventions ({@code torch.nn.init}): for a weight
 * [out, in, k...], fan_in = in prod(k) and fan_out = out prod(k).
 *
 * <ul>
 *   <li>Xavier/Glorot (Glorot &amp; Bengio, AISTATS 2010, eq. 16): Var = 2 / (fan_in + fan_out),
 *       uniform on +-sqrt(6 / (fan_in + fan_out)) or normal;</li>
 *   <li>He/Kaiming (He et al., Delving Deep into Rectifiers, ICCV 2015, eq. 10): Var = 2 / fan_in
 *       for ReLU, uniform on +-sqrt(6 / fan_in) or normal.</li>
 * </ul>
 */
public final class Init {

    private Init() {
    }

    /**
     * fan_in and fan_out of a weight shape.
     *
     * @param shape [out, in, k...] of rank at least 2
     * @return {fan_in, fan_out}
     */
    public static int[] fans(int... shape) {
        Objects.requireNonNull(shape, "shape");
        if (shape.length < 2) {
            throw new IllegalArgumentException("fans: need a weight of rank >= 2, got " + Arrays.toString(shape));
        }
        Checks.sizeProduct("fans", shape);   // non-negative sides, no overflow: then every product below fits
        int receptive = 1;
        for (int d = 2; d < shape.length; d++) {
            receptive *= shape[d];
        }
        int fanIn = shape[1] * receptive;
        int fanOut = shape[0] * receptive;
        if (fanIn == 0 || fanOut == 0) {
            throw new IllegalArgumentException("fans: a weight of shape " + Arrays.toString(shape) + " has no fan-in or fan-out");
        }
        return new int[] {fanIn, fanOut};
    }

    /**
     * Uniform on [-bound, bound].
     *
     * @param rng the generator
     * @param bound the half-width
     * @param shape the shape
     * @return the tensor
     */
    public static Tensor uniform(RandomGenerator rng, double bound, int... shape) {
        Objects.requireNonNull(rng, "rng");
        Objects.requireNonNull(shape, "shape");
        if (!(bound >= 0) || !Double.isFinite(bound)) {
            throw new IllegalArgumentException("uniform: bound must be finite and >= 0, got " + bound);
        }
        Checks.sizeProduct("Init.uniform", shape);
        if (Double.isFinite(2 * bound)) {
            return Tensor.rand(rng, shape).mul(2 * bound).sub(bound);
        }
        // bound above MAX / 2: (2u - 1) bound, where 2u - 1 in [-1, 1) is exact (2 bound would be +inf, and 0 * inf NaN)
        return Tensor.rand(rng, shape).mul(2).sub(1).mul(bound);
    }

    /**
     * Xavier/Glorot uniform.
     *
     * @param rng the generator
     * @param shape [out, in, k...]
     * @return entries uniform on +-sqrt(6 / (fan_in + fan_out))
     */
    public static Tensor xavierUniform(RandomGenerator rng, int... shape) {
        int[] f = fans(shape);
        return uniform(rng, Math.sqrt(6.0 / (f[0] + f[1])), shape);
    }

    /**
     * Xavier/Glorot normal.
     *
     * @param rng the generator
     * @param shape [out, in, k...]
     * @return entries N(0, 2 / (fan_in + fan_out))
     */
    public static Tensor xavierNormal(RandomGenerator rng, int... shape) {
        int[] f = fans(shape);
        return Tensor.randn(Objects.requireNonNull(rng, "rng"), shape).mul(Math.sqrt(2.0 / (f[0] + f[1])));
    }

    /**
     * He/Kaiming uniform for ReLU (fan_in mode).
     *
     * @param rng the generator
     * @param shape [out, in, k...]
     * @return entries uniform on +-sqrt(6 / fan_in)
     */
    public static Tensor heUniform(RandomGenerator rng, int... shape) {
        return uniform(rng, Math.sqrt(6.0 / fans(shape)[0]), shape);
    }

    /**
     * He/Kaiming normal for ReLU (fan_in mode).
     *
     * @param rng the generator
     * @param shape [out, in, k...]
     * @return entries N(0, 2 / fan_in)
     */
    public static Tensor heNormal(RandomGenerator rng, int... shape) {
        return Tensor.randn(Objects.requireNonNull(rng, "rng"), shape).mul(Math.sqrt(2.0 / fans(shape)[0]));
    }

    /**
     * PyTorch's default for Linear and Conv2d weights and biases: uniform on +-1/sqrt(fan_in)
     * (kaiming_uniform with a = sqrt(5)).
     *
     * @param rng the generator
     * @param fanIn the weight's fan_in
     * @param shape the shape
     * @return the tensor
     */
    public static Tensor pytorchDefault(RandomGenerator rng, int fanIn, int... shape) {
        if (fanIn < 1) {
            throw new IllegalArgumentException("pytorchDefault: fanIn must be >= 1, got " + fanIn);
        }
        return uniform(rng, 1 / Math.sqrt(fanIn), shape);
    }
}
