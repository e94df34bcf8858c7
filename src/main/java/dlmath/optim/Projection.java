package dlmath.optim;

import dlmath.tensor.Tensor;

/** A Euclidean projection onto a closed convex set, applied to each parameter tensor. */
@FunctionalInterface
public interface Projection {

    /**
     * The nearest point of the set to {@code x}.
     *
     * @param x a point
     * @return its projection, of x's shape
     */
    Tensor apply(Tensor x);
}
