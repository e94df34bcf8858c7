package dlmath.nn;

import dlmath.tensor.OpCount;

/**
 * The loops of convolution and pooling on flat row-major arrays in NCHW layout. Each kernel is
 * the sum over the same index set: output {@code (n, o, i, j)}, window offset {@code (a, b)},
 * input position {@code (i sh - ph + a dh, j sw - pw + b dw)} when it lies inside the input
 * (zero padding contributes nothing); {@link Taps} lists that set once per geometry. The
 * convolution is a cross-correlation, as in PyTorch (no kernel flip).
 *
 * <p>Each kernel reports the arithmetic it executes to {@link OpCount} (a multiply and an add
 * per term of a convolution and of its two adjoints; one comparison per window entry after the
 * first in max pooling; one add per term and one multiply per output of average pooling and its
 * adjoint; one add per index of scatterAdd; nothing for gather, a data movement), so that the
 * costs the registry declares ({@link NnPrimitives}) can be checked against what runs.
 */
final class Kernels {

    private Kernels() {
    }

    /**
     * The in-bounds window entries ("taps") of every output position p = i ow + j of one plane,
     * in row-major window order: taps {@code start[p] .. start[p + 1] - 1}, each with its offset
     * {@code a kw + b} in the kernel and {@code r w + q} in the input plane.
     */
    record Taps(int[] start, int[] kernel, int[] input) {

        static Taps of(ConvGeometry g) {
            int plane = g.oh() * g.ow();
            int[] start = new int[plane + 1];
            int[] kernel = new int[plane * g.kh() * g.kw()];
            int[] input = new int[kernel.length];
            int t = 0;
            for (int i = 0; i < g.oh(); i++) {
                for (int j = 0; j < g.ow(); j++) {
                    start[i * g.ow() + j] = t;
                    for (int a = 0; a < g.kh(); a++) {
                        int r = i * g.sh() - g.ph() + a * g.dh();
                        if (r < 0 || r >= g.h()) {
                            continue;
                        }
                        for (int b = 0; b < g.kw(); b++) {
                            int q = j * g.sw() - g.pw() + b * g.dw();
                            if (q >= 0 && q < g.w()) {
                                kernel[t] = a * g.kw() + b;
                                input[t] = r * g.w() + q;
                                t++;
                            }
                        }
                    }
                }
            }
            start[plane] = t;
            return new Taps(start, kernel, input);
        }

        /** The number of taps over one plane. */
        int count() {
            return start[start.length - 1];
        }
    }

    /** y[n,o,i,j] = sum_{c,a,b} w[o,c,a,b] x[n,c,i sh - ph + a dh, j sw - pw + b dw]. */
    static double[] conv(ConvGeometry g, double[] x, double[] w, int outChannels) {
        Taps t = Taps.of(g);
        int plane = g.oh() * g.ow();
        int hw = g.h() * g.w();
        int khw = g.kh() * g.kw();
        double[] y = new double[g.n() * outChannels * plane];
        int p = 0;
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int pos = 0; pos < plane; pos++) {
                    double s = 0;
                    for (int c = 0; c < g.c(); c++) {
                        int xBase = (n * g.c() + c) * hw;
                        int wBase = (o * g.c() + c) * khw;
                        for (int k = t.start()[pos]; k < t.start()[pos + 1]; k++) {
                            s += w[wBase + t.kernel()[k]] * x[xBase + t.input()[k]];
                        }
                    }
                    y[p++] = s;
                }
            }
        }
        OpCount.add(2L * g.n() * outChannels * g.c() * t.count());
        return y;
    }

    /**
     * The adjoint in x of {@link #conv} (the transposed convolution):
     * gx[n,c,r,q] = sum over (o, i, j, a, b) reaching (r, q) of w[o,c,a,b] gy[n,o,i,j].
     */
    static double[] convInputGrad(ConvGeometry g, double[] gy, double[] w, int outChannels) {
        Taps t = Taps.of(g);
        int plane = g.oh() * g.ow();
        int hw = g.h() * g.w();
        int khw = g.kh() * g.kw();
        double[] gx = new double[g.n() * g.c() * hw];
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int pos = 0; pos < plane; pos++) {
                    double v = gy[(n * outChannels + o) * plane + pos];
                    for (int c = 0; c < g.c(); c++) {
                        int xBase = (n * g.c() + c) * hw;
                        int wBase = (o * g.c() + c) * khw;
                        for (int k = t.start()[pos]; k < t.start()[pos + 1]; k++) {
                            gx[xBase + t.input()[k]] += w[wBase + t.kernel()[k]] * v;
                        }
                    }
                }
            }
        }
        OpCount.add(2L * g.n() * outChannels * g.c() * t.count());
        return gx;
    }

    /** The adjoint in w of {@link #conv}: gw[o,c,a,b] = sum_{n,i,j} gy[n,o,i,j] x[n,c,r,q]. */
    static double[] convWeightGrad(ConvGeometry g, double[] x, double[] gy, int outChannels) {
        Taps t = Taps.of(g);
        int plane = g.oh() * g.ow();
        int hw = g.h() * g.w();
        int khw = g.kh() * g.kw();
        double[] gw = new double[outChannels * g.c() * khw];
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int pos = 0; pos < plane; pos++) {
                    double v = gy[(n * outChannels + o) * plane + pos];
                    for (int c = 0; c < g.c(); c++) {
                        int xBase = (n * g.c() + c) * hw;
                        int wBase = (o * g.c() + c) * khw;
                        for (int k = t.start()[pos]; k < t.start()[pos + 1]; k++) {
                            gw[wBase + t.kernel()[k]] += v * x[xBase + t.input()[k]];
                        }
                    }
                }
            }
        }
        OpCount.add(2L * g.n() * outChannels * g.c() * t.count());
        return gw;
    }

    /**
     * Max pooling: for each output (n, c, i, j) the flat input index of the window's largest
     * entry (padding is -infinity and never chosen; at ties the first in row-major window
     * order, as PyTorch's CPU kernel). NaN is the largest (it propagates).
     */
    static int[] maxPoolArgmax(ConvGeometry g, double[] x) {
        Taps t = Taps.of(g);
        int plane = g.oh() * g.ow();
        int hw = g.h() * g.w();
        int[] arg = new int[g.n() * g.c() * plane];
        int p = 0;
        for (int nc = 0; nc < g.n() * g.c(); nc++) {
            int xBase = nc * hw;
            for (int pos = 0; pos < plane; pos++) {
                if (t.start()[pos] == t.start()[pos + 1]) {
                    throw new IllegalArgumentException("maxPool2d: the window of output (" + pos / g.ow() + ", " + pos % g.ow()
                            + ") lies entirely in the padding (input " + g.h() + "x" + g.w() + ", padding " + g.ph() + "x" + g.pw()
                            + ", dilation " + g.dh() + "x" + g.dw() + ")");
                }
                int best = -1;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (int k = t.start()[pos]; k < t.start()[pos + 1]; k++) {
                    int at = xBase + t.input()[k];
                    double v = x[at];
                    if (best < 0 || v > bestValue || Double.isNaN(v) && !Double.isNaN(bestValue)) {
                        best = at;
                        bestValue = v;
                    }
                }
                arg[p++] = best;
            }
        }
        OpCount.add((long) g.n() * g.c() * (t.count() - plane));
        return arg;
    }

    /** y[k] = x[index[k]]. */
    static double[] gather(double[] x, int[] index) {
        double[] y = new double[index.length];
        for (int k = 0; k < index.length; k++) {
            y[k] = x[index[k]];
        }
        return y;
    }

    /** The adjoint of {@link #gather}: y[index[k]] += g[k], y of the given size. */
    static double[] scatterAdd(double[] g, int[] index, int size) {
        double[] y = new double[size];
        for (int k = 0; k < index.length; k++) {
            y[index[k]] += g[k];
        }
        OpCount.add(index.length);
        return y;
    }

    /**
     * Average pooling with zero padding counted in the divisor (PyTorch's default
     * {@code count_include_pad=True}): y = (1 / (kh kw)) sum over the window.
     */
    static double[] avgPool(ConvGeometry g, double[] x) {
        Taps t = Taps.of(g);
        int plane = g.oh() * g.ow();
        int hw = g.h() * g.w();
        double scale = 1.0 / (g.kh() * g.kw());
        double[] y = new double[g.n() * g.c() * plane];
        int p = 0;
        for (int nc = 0; nc < g.n() * g.c(); nc++) {
            int xBase = nc * hw;
            for (int pos = 0; pos < plane; pos++) {
                double s = 0;
                for (int k = t.start()[pos]; k < t.start()[pos + 1]; k++) {
                    s += x[xBase + t.input()[k]];
                }
                y[p++] = s * scale;
            }
        }
        OpCount.add((long) g.n() * g.c() * (t.count() + plane));
        return y;
    }

    /** The adjoint of {@link #avgPool}: each output's g / (kh kw) added to its window. */
    static double[] avgPoolTranspose(ConvGeometry g, double[] gy) {
        Taps t = Taps.of(g);
        int plane = g.oh() * g.ow();
        int hw = g.h() * g.w();
        double scale = 1.0 / (g.kh() * g.kw());
        double[] gx = new double[g.n() * g.c() * hw];
        int p = 0;
        for (int nc = 0; nc < g.n() * g.c(); nc++) {
            int xBase = nc * hw;
            for (int pos = 0; pos < plane; pos++) {
                double v = gy[p++] * scale;
                for (int k = t.start()[pos]; k < t.start()[pos + 1]; k++) {
                    gx[xBase + t.input()[k]] += v;
                }
            }
        }
        OpCount.add((long) g.n() * g.c() * (t.count() + plane));
        return gx;
    }
}
