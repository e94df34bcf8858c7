package dlmath.autodiff;

import dlmath.tensor.Shapes;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/** Shape helpers over {@link Tensor} that the primitives need: unbroadcasting, keepdims shapes, argmax masks. */
final class TensorSupport {

    private TensorSupport() {
    }

    /** Whether a tensor of shape {@code from} broadcasts to exactly {@code to} (NumPy's broadcast_to rule). */
    static boolean broadcastsTo(int[] from, int[] to) {
        int lead = to.length - from.length;
        if (lead < 0) {
            return false;
        }
        for (int d = 0; d < from.length; d++) {
            if (from[d] != to[lead + d] && from[d] != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The axes of {@code big} that are summed to unbroadcast it to {@code small}: every leading
     * axis that {@code small} lacks, and every axis where {@code small} has side 1 but
     * {@code big} does not.
     */
    static int[] broadcastAxes(int[] small, int[] big) {
        int lead = big.length - small.length;
        int[] axes = new int[big.length];
        int k = 0;
        for (int d = 0; d < big.length; d++) {
            if (d < lead || (small[d - lead] == 1 && big[d] != 1)) {
                axes[k++] = d;
            }
        }
        return Arrays.copyOf(axes, k);
    }

    /**
     * The adjoint of broadcasting: sums {@code t} over the axes along which {@code shape} was
     * broadcast to {@code t}'s shape, giving a tensor of {@code shape}.
     *
     * @throws IllegalArgumentException if {@code shape} does not broadcast to {@code t}'s shape
     */
    static Tensor sumTo(Tensor t, int[] shape) {
        if (!broadcastsTo(shape, t.shape())) {
            throw new IllegalArgumentException("sumTo: shape " + Shapes.toString(shape)
                    + " does not broadcast to " + Shapes.toString(t.shape()));
        }
        int[] axes = broadcastAxes(shape, t.shape());
        return axes.length == 0 ? t : t.sum(axes, true).reshape(shape);
    }

    /** Normalized, validated axes (negative counts from the end; no repeats). */
    static int[] normalizeAxes(String op, int[] axes, int rank) {
        Objects.requireNonNull(axes, "axes");
        boolean[] seen = new boolean[rank];
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int ax = Shapes.normalizeAxis(axes[i], rank);
            if (seen[ax]) {
                throw new IllegalArgumentException(op + ": axis " + axes[i] + " repeats in " + Arrays.toString(axes));
            }
            seen[ax] = true;
            out[i] = ax;
        }
        return out;
    }

    /** The shape after reducing {@code axes} with keepdims: those sides become 1. */
    static int[] keptShape(int[] shape, int[] axes) {
        int[] out = shape.clone();
        for (int ax : axes) {
            out[ax] = 1;
        }
        return out;
    }

    /** The shape after reducing {@code axes} without keepdims: those axes are removed. */
    static int[] droppedShape(int[] shape, int[] axes) {
        boolean[] drop = new boolean[shape.length];
        for (int ax : axes) {
            drop[ax] = true;
        }
        int[] out = new int[shape.length - axes.length];
        int k = 0;
        for (int d = 0; d < shape.length; d++) {
            if (!drop[d]) {
                out[k++] = shape[d];
            }
        }
        return out;
    }

    /** The number of entries folded into each result of a reduction over {@code axes}. */
    static int groupSize(int[] shape, int[] axes) {
        int n = 1;
        for (int ax : axes) {
            n *= shape[ax];
        }
        return n;
    }

    /**
     * A 0/1 mask of {@code x}'s shape with a single 1 in every group of the reduction over
     * {@code axes}: at the first (row-major) position of the group's maximum. This is the argmax
     * that the forward pass of max finds; routing the gradient to one entry is the convention of
     * {@code torch.max(dim)} (which returns these indices).
     */
    static Tensor argmaxMask(Tensor x, int[] axes) {
        int[] shape = x.shape();
        int[] kept = keptShape(shape, axes);
        double[] max = x.max(axes, true).toArray();
        double[] v = x.toArray();
        double[] mask = new double[v.length];
        boolean[] taken = new boolean[max.length];
        int[] index = new int[shape.length];
        for (int i = 0; i < v.length; i++) {
            int group = 0;
            for (int d = 0; d < shape.length; d++) {
                group = group * kept[d] + (kept[d] == 1 ? 0 : index[d]);
            }
            if (!taken[group] && v[i] == max[group]) {
                taken[group] = true;
                mask[i] = 1;
            }
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        dlmath.tensor.OpCount.add(v.length);                      // one comparison per entry
        return Tensor.of(shape, mask);
    }

    /** The sign of every entry (-1, 0 or 1). */
    static Tensor sign(Tensor x) {
        return x.map(Math::signum);
    }
}
