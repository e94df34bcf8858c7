package dlmath.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * Helpers for tensor shapes: sizes, row-major strides, broadcasting and axis normalization.
 *
 * <p>A shape is an {@code int[]} of sides, one per axis; the rank is its length, and the empty
 * shape {@code []} is the shape of a scalar. The methods here never modify their arguments.
 */
public final class Shapes {

    private Shapes() {
    }

    /**
     * Formats a shape the way error messages and {@link Tensor#toString()} show it.
     *
     * @param shape the shape
     * @return e.g. {@code "[2, 3]"}, or {@code "[]"} for a scalar
     */
    public static String toString(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * The number of elements of a tensor with this shape: the product of its sides (1 for a scalar).
     *
     * @param shape the shape
     * @return the product of the sides
     * @throws IllegalArgumentException if a side is negative or the product exceeds
     *     {@link Integer#MAX_VALUE}
     */
    public static int size(int[] shape) {
        Checks.notNull(shape, "shape");
        long n = 1;
        for (int side : shape) {
            if (side < 0) {
                throw new IllegalArgumentException(
                        "shape " + toString(shape) + " has a negative side " + side);
            }
            n *= side;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "shape " + toString(shape) + " has more than " + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) n;
    }

    /**
     * The broadcast shape of two shapes, following the NumPy / PyTorch rule: align the shapes on
     * their last axis, pad the shorter one with leading 1s, and in every axis the sides must be
     * equal or one of them must be 1; the result takes the larger side.
     *
     * <p>Example: {@code [3, 1]} and {@code [1, 4]} broadcast to {@code [3, 4]};
     * {@code [2, 1, 3]} and {@code [5, 3]} broadcast to {@code [2, 5, 3]}.
     *
     * @param a the first shape
     * @param b the second shape
     * @return the broadcast shape, a new array
     * @throws IllegalArgumentException {@code "cannot broadcast [2, 3] with [4]"} if some axis has
     *     two different sides, neither of which is 1
     */
    public static int[] broadcast(int[] a, int[] b) {
        Checks.notNull(a, "a");
        Checks.notNull(b, "b");
        requireSides("Shapes.broadcast", "a", a);
        requireSides("Shapes.broadcast", "b", b);
        return broadcast(null, a, b);
    }

    /**
     * Normalizes an axis that may count from the end: {@code -1} is the last axis, {@code -rank}
     * the first.
     *
     * @param axis an axis in {@code [-rank, rank)}
     * @param rank the rank of the tensor
     * @return the axis in {@code [0, rank)}
     * @throws IllegalArgumentException {@code "axis 3 out of range for rank 2"} otherwise
     */
    public static int normalizeAxis(int axis, int rank) {
        if (rank < 0) {
            throw new IllegalArgumentException("Shapes.normalizeAxis: rank must be >= 0, was " + rank);
        }
        return normalizeAxis(null, axis, rank);
    }

    // ---------------------------------------------------------------- package-private helpers

    /** Every side of a shape is at least 1 (this library has no empty tensors). */
    private static void requireSides(String op, String name, int[] shape) {
        for (int side : shape) {
            if (side < 1) {
                throw new IllegalArgumentException(op + ": every side of " + name + " must be >= 1, but "
                        + toString(shape) + " has side " + side);
            }
        }
    }

    /** Like {@link #broadcast(int[], int[])}, with the name of the operation in the message. */
    static int[] broadcast(String op, int[] a, int[] b) {
        if (!canBroadcast(a, b)) {
            throw new IllegalArgumentException(
                    prefix(op) + "cannot broadcast " + toString(a) + " with " + toString(b));
        }
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            // Sides counted from the right; a missing leading axis acts as a side of 1.
            out[d] = Math.max(sideFromEnd(a, rank - d), sideFromEnd(b, rank - d));
        }
        return out;
    }

    /** Whether two shapes broadcast, i.e. whether {@link #broadcast(int[], int[])} succeeds. */
    static boolean canBroadcast(int[] a, int[] b) {
        for (int k = 1; k <= Math.max(a.length, b.length); k++) {
            int sa = sideFromEnd(a, k);
            int sb = sideFromEnd(b, k);
            if (sa != sb && sa != 1 && sb != 1) {
                return false;
            }
        }
        return true;
    }

    /** Like {@link #normalizeAxis(int, int)}, with the name of the operation in the message. */
    static int normalizeAxis(String op, int axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw new IllegalArgumentException(
                    prefix(op) + "axis " + axis + " out of range for rank " + rank);
        }
        return axis < 0 ? axis + rank : axis;
    }

    /**
     * Validates a shape given to a factory or to {@code broadcastTo}: not null, every side at
     * least 1 (this library has no empty tensors), and not too many elements.
     *
     * @return a defensive copy of the shape
     */
    static int[] checkShape(String op, int[] shape) {
        Objects.requireNonNull(shape, "shape");
        for (int side : shape) {
            if (side < 1) {
                throw new IllegalArgumentException(prefix(op) + "every side must be >= 1, but shape "
                        + toString(shape) + " has side " + side);
            }
        }
        size(shape);
        return shape.clone();
    }

    /**
     * Row-major (C order) strides: {@code strides[d]} is how far apart in the flat data two
     * elements are whose indices differ by one in axis {@code d}. The last axis has stride 1.
     */
    static int[] strides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }

    /** The k-th side counted from the end (k = 1 is the last); 1 where the shape is too short. */
    private static int sideFromEnd(int[] shape, int k) {
        return k <= shape.length ? shape[shape.length - k] : 1;
    }

    private static String prefix(String op) {
        return op == null ? "" : op + ": ";
    }
}
