package dlmath.optim;

import dlmath.tensor.Tensor;
import java.util.Objects;

/** Euclidean projections onto a box and a ball (Beck, First-Order Methods in Optimization, Lemma 6.26). */
public final class Projections {

    private Projections() {
    }

    /**
     * Onto the box [lo, hi]^n: each entry clipped, P(x)_i = min(max(x_i, lo), hi).
     *
     * @param lo the lower bound
     * @param hi the upper bound, &gt;= lo
     */
    public static Projection box(double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException("box: need lo <= hi, was [" + lo + ", " + hi + "]");
        }
        return x -> Objects.requireNonNull(x, "x").maximum(lo).minimum(hi);
    }

    /**
     * Onto the ball ||x||_2 &lt;= radius (the tensor as one vector): x itself inside, else
     * radius x / ||x||_2.
     *
     * @param radius the radius, finite and &gt;= 0
     */
    public static Projection ball(double radius) {
        Trees.nonNegative("ball", "radius", radius);
        return x -> {
            Objects.requireNonNull(x, "x");
            double n = x.norm2();
            return n <= radius ? x : x.mul(radius / n);
        };
    }
}
