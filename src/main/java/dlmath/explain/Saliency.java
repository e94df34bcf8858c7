package dlmath.explain;

import dlmath.tensor.Tensor;
import java.util.Objects;

/**
 * Gradient saliency (Simonyan, Vedaldi &amp; Zisserman 2014) and gradient x input (Shrikumar et
 * al. 2016): local attributions from one gradient.
 */
public final class Saliency {

    private Saliency() {
    }

    /**
     * The gradient df/dx at x (the signed saliency map; take absolute values for Simonyan's map).
     *
     * @param f the target
     * @param x the input
     * @return df/dx, of x's shape
     */
    public static Tensor gradient(Target f, Tensor x) {
        Objects.requireNonNull(f, "f");
        return f.gradient(x);
    }

    /**
     * Gradient x input, x_i df/dx_i. For a positively homogeneous f of degree 1 (a bias-free ReLU
     * network) the entries sum to f(x) (Euler's theorem); otherwise they need not.
     *
     * @param f the target
     * @param x the input
     * @return x * df/dx, entrywise
     */
    public static Tensor gradientTimesInput(Target f, Tensor x) {
        Objects.requireNonNull(f, "f");
        return f.gradient(x).mul(x);
    }
}
