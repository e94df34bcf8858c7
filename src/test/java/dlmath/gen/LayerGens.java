package dlmath.gen;

import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.nn.ConvGeometry;
import dlmath.tensor.Tensor;
import java.util.Arrays;

/**
 * Generators for the layers chapter: convolution and pooling cases that reach batch size 1, one
 * channel, kernel = input size, stride &gt; kernel and padding &gt; 0, and entries with exact
 * ties and zeros (small integers) as well as reals. Sizes shrink toward 1, entries toward 0.
 */
public final class LayerGens {

    private LayerGens() {
    }

    /** Entries: reals in [-3, 3] (3 in 4) or small integers -2..2 (ties, exact zeros). */
    public static Gen<Double> entries() {
        return Gens.frequency(Gens.weight(3, Gens.doubles(-3, 3)), Gens.weight(1, Gens.integers(-2, 2).map(i -> (double) i)));
    }

    /** A convolution: input, kernel, bias, stride, padding, dilation. */
    public record ConvCase(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation) {
        /** @return the geometry */
        public ConvGeometry geometry() {
            return ConvGeometry.of(x.shape(), new int[] {w.dim(2), w.dim(3)}, stride, padding, dilation);
        }

        /** @return whether some input entry value repeats (ties) */
        public boolean hasTies() {
            double[] v = x.toArray();
            Arrays.sort(v);
            for (int i = 1; i < v.length; i++) {
                if (v[i] == v[i - 1]) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "x" + Arrays.toString(x.shape()) + " = " + Arrays.toString(x.toArray()) + "; w" + Arrays.toString(w.shape()) + " = "
                    + Arrays.toString(w.toArray()) + "; b = " + Arrays.toString(b.toArray()) + "; stride " + Arrays.toString(stride)
                    + ", padding " + Arrays.toString(padding) + ", dilation " + Arrays.toString(dilation);
        }
    }

    /** A window: sides 1-4, stride 1-5 (so stride &gt; kernel happens), padding 0-2, dilation 1-2, input from the dilated kernel on. */
    private record Window(int n, int c, int h, int w, int[] kernel, int[] stride, int[] padding, int[] dilation) {
    }

    private static Gen<Window> windows(int maxBatch, int maxChannels, boolean poolPadding, boolean dilation) {
        return s -> {
            int n = s.draw(Gens.integers(1, maxBatch));
            int c = s.draw(Gens.integers(1, maxChannels));
            int[] k = {s.draw(Gens.integers(1, 4)), s.draw(Gens.integers(1, 4))};
            int[] st = {s.draw(Gens.integers(1, 5)), s.draw(Gens.integers(1, 5))};
            int[] d = dilation ? new int[] {s.draw(Gens.integers(1, 2)), s.draw(Gens.integers(1, 2))} : new int[] {1, 1};
            int[] p = poolPadding ? new int[] {s.draw(Gens.integers(0, k[0] / 2)), s.draw(Gens.integers(0, k[1] / 2))}
                    : new int[] {s.draw(Gens.integers(0, 2)), s.draw(Gens.integers(0, 2))};
            int[] hw = new int[2];
            for (int i = 0; i < 2; i++) {
                int span = d[i] * (k[i] - 1) + 1;
                // the input side shrinks toward the smallest that fits: the dilated kernel minus the padding
                hw[i] = Math.max(1, span - 2 * p[i]) + s.draw(EXTRA);
            }
            return new Window(n, c, hw[0], hw[1], k, st, p, d);
        };
    }

    /** How far the input side exceeds the smallest that fits: 0 (the window spans the padded input) one time in four. */
    private static final Gen<Integer> EXTRA = Gens.frequency(Gens.weight(1, Gens.constant(0)), Gens.weight(3, Gens.integers(1, 4)));

    /** Convolutions with up to 3 images, 3 input and 3 output channels. */
    public static Gen<ConvCase> convCases() {
        return convCases(entries());
    }

    /** Convolutions with entries from a generator. */
    public static Gen<ConvCase> convCases(Gen<Double> values) {
        return s -> {
            Window win = s.draw(windows(3, 3, false, true));
            int o = s.draw(Gens.integers(1, 3));
            Tensor x = s.draw(TensorGens.tensors(new int[] {win.n(), win.c(), win.h(), win.w()}, values));
            Tensor w = s.draw(TensorGens.tensors(new int[] {o, win.c(), win.kernel()[0], win.kernel()[1]}, values));
            Tensor b = s.draw(TensorGens.tensors(new int[] {o}, values));
            return new ConvCase(x, w, b, win.stride(), win.padding(), win.dilation());
        };
    }

    /** A pooling window and its input. */
    public record PoolCase(Tensor x, int[] kernel, int[] stride, int[] padding) {
        /** @return the geometry (dilation 1) */
        public ConvGeometry geometry() {
            return ConvGeometry.of(x.shape(), kernel, stride, padding, new int[] {1, 1});
        }

        @Override
        public String toString() {
            return "x" + Arrays.toString(x.shape()) + " = " + Arrays.toString(x.toArray()) + "; kernel " + Arrays.toString(kernel)
                    + ", stride " + Arrays.toString(stride) + ", padding " + Arrays.toString(padding);
        }
    }

    /** Pooling cases (padding at most half the kernel, as PyTorch requires). */
    public static Gen<PoolCase> poolCases(Gen<Double> values) {
        return s -> {
            Window win = s.draw(windows(2, 2, true, false));
            Tensor x = s.draw(TensorGens.tensors(new int[] {win.n(), win.c(), win.h(), win.w()}, values));
            return new PoolCase(x, win.kernel(), win.stride(), win.padding());
        };
    }

    /**
     * Tensors of a shape with distinct entries at least 0.09 apart (no ties: a shuffled grid
     * k/10 plus a jitter in [0, 0.01]).
     */
    public static Gen<Tensor> distinct(int[] shape) {
        return s -> {
            int size = 1;
            for (int d : shape) {
                size *= d;
            }
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            for (int i = size - 1; i > 0; i--) {
                int j = s.draw(Gens.integers(0, i));
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                v[i] = (order[i] - size / 2) / 10.0 + s.draw(Gens.doubles(0, 0.01));
            }
            return Tensor.of(shape, v);
        };
    }

    /** Batch-norm inputs [N, C] or [N, C, H, W] with at least 2 entries per channel. */
    public static Gen<Tensor> batchNormInputs(Gen<Double> values) {
        return s -> {
            boolean spatial = s.draw(Gens.booleans());
            int n = s.draw(Gens.integers(1, 4));
            int c = s.draw(Gens.integers(1, 3));
            int[] shape = spatial ? new int[] {n, c, s.draw(Gens.integers(1, 3)), s.draw(Gens.integers(1, 3))} : new int[] {n, c};
            int per = spatial ? n * shape[2] * shape[3] : n;
            if (per < 2) {
                shape[0] = 2;
            }
            return s.draw(TensorGens.tensors(shape, values));
        };
    }
}
