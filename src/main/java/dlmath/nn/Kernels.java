package dlmath.nn;

/**
 * The loops of convolution and pooling on flat row-major arrays in NCHW layout. Each kernel is
 * the sum over the same index set: output {@code (n, o, i, j)}, window offset {@code (a, b)},
 * input position {@code (i sh - ph + a dh, j sw - pw + b dw)} when it lies inside the input
 * (zero padding contributes nothing). The convolution is a cross-correlation, as in PyTorch
 * (no kernel flip).
 */
final class Kernels {

    private Kernels() {
    }

    /** y[n,o,i,j] = sum_{c,a,b} w[o,c,a,b] x[n,c,i sh - ph + a dh, j sw - pw + b dw]. */
    static double[] conv(ConvGeometry g, double[] x, double[] w, int outChannels) {
        int oh = g.oh();
        int ow = g.ow();
        double[] y = new double[g.n() * outChannels * oh * ow];
        int p = 0;
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = 0;
                        for (int c = 0; c < g.c(); c++) {
                            int xBase = (n * g.c() + c) * g.h();
                            int wBase = (o * g.c() + c) * g.kh();
                            for (int a = 0; a < g.kh(); a++) {
                                int r = i * g.sh() - g.ph() + a * g.dh();
                                if (r < 0 || r >= g.h()) {
                                    continue;
                                }
                                for (int b = 0; b < g.kw(); b++) {
                                    int q = j * g.sw() - g.pw() + b * g.dw();
                                    if (q >= 0 && q < g.w()) {
                                        s += w[(wBase + a) * g.kw() + b] * x[(xBase + r) * g.w() + q];
                                    }
                                }
                            }
                        }
                        y[p++] = s;
                    }
                }
            }
        }
        return y;
    }

    /**
     * The adjoint in x of {@link #conv} (the transposed convolution):
     * gx[n,c,r,q] = sum over (o, i, j, a, b) reaching (r, q) of w[o,c,a,b] gy[n,o,i,j].
     */
    static double[] convInputGrad(ConvGeometry g, double[] gy, double[] w, int outChannels) {
        int oh = g.oh();
        int ow = g.ow();
        double[] gx = new double[g.n() * g.c() * g.h() * g.w()];
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double v = gy[((n * outChannels + o) * oh + i) * ow + j];
                        for (int c = 0; c < g.c(); c++) {
                            int xBase = (n * g.c() + c) * g.h();
                            int wBase = (o * g.c() + c) * g.kh();
                            for (int a = 0; a < g.kh(); a++) {
                                int r = i * g.sh() - g.ph() + a * g.dh();
                                if (r < 0 || r >= g.h()) {
                                    continue;
                                }
                                for (int b = 0; b < g.kw(); b++) {
                                    int q = j * g.sw() - g.pw() + b * g.dw();
                                    if (q >= 0 && q < g.w()) {
                                        gx[(xBase + r) * g.w() + q] += w[(wBase + a) * g.kw() + b] * v;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return gx;
    }

    /** The adjoint in w of {@link #conv}: gw[o,c,a,b] = sum_{n,i,j} gy[n,o,i,j] x[n,c,r,q]. */
    static double[] convWeightGrad(ConvGeometry g, double[] x, double[] gy, int outChannels) {
        int oh = g.oh();
        int ow = g.ow();
        double[] gw = new double[outChannels * g.c() * g.kh() * g.kw()];
        for (int n = 0; n < g.n(); n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double v = gy[((n * outChannels + o) * oh + i) * ow + j];
                        for (int c = 0; c < g.c(); c++) {
                            int xBase = (n * g.c() + c) * g.h();
                            int wBase = (o * g.c() + c) * g.kh();
                            for (int a = 0; a < g.kh(); a++) {
                                int r = i * g.sh() - g.ph() + a * g.dh();
                                if (r < 0 || r >= g.h()) {
                                    continue;
                                }
                                for (int b = 0; b < g.kw(); b++) {
                                    int q = j * g.sw() - g.pw() + b * g.dw();
                                    if (q >= 0 && q < g.w()) {
                                        gw[(wBase + a) * g.kw() + b] += v * x[(xBase + r) * g.w() + q];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return gw;
    }

    /**
     * Max pooling: for each output (n, c, i, j) the flat input index of the window's largest
     * entry (padding is -infinity and never chosen; at ties the first in row-major window
     * order, as PyTorch's CPU kernel). NaN is the largest (it propagates).
     */
    static int[] maxPoolArgmax(ConvGeometry g, double[] x) {
        int oh = g.oh();
        int ow = g.ow();
        int[] arg = new int[g.n() * g.c() * oh * ow];
        int p = 0;
        for (int nc = 0; nc < g.n() * g.c(); nc++) {
            int xBase = nc * g.h();
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int best = -1;
                    double bestValue = Double.NEGATIVE_INFINITY;
                    for (int a = 0; a < g.kh(); a++) {
                        int r = i * g.sh() - g.ph() + a * g.dh();
                        if (r < 0 || r >= g.h()) {
                            continue;
                        }
                        for (int b = 0; b < g.kw(); b++) {
                            int q = j * g.sw() - g.pw() + b * g.dw();
                            if (q < 0 || q >= g.w()) {
                                continue;
                            }
                            int k = (xBase + r) * g.w() + q;
                            double v = x[k];
                            if (best < 0 || v > bestValue || Double.isNaN(v) && !Double.isNaN(bestValue)) {
                                best = k;
                                bestValue = v;
                            }
                        }
                    }
                    if (best < 0) {
                        throw new IllegalArgumentException("maxPool2d: the window of output (" + i + ", " + j
                                + ") lies entirely in the padding (input " + g.h() + "x" + g.w() + ", padding " + g.ph() + "x" + g.pw()
                                + ", dilation " + g.dh() + "x" + g.dw() + ")");
                    }
                    arg[p++] = best;
                }
            }
        }
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
        return y;
    }

    /**
     * Average pooling with zero padding counted in the divisor (PyTorch's default
     * {@code count_include_pad=True}): y = (1 / (kh kw)) sum over the window.
     */
    static double[] avgPool(ConvGeometry g, double[] x) {
        int oh = g.oh();
        int ow = g.ow();
        double scale = 1.0 / (g.kh() * g.kw());
        double[] y = new double[g.n() * g.c() * oh * ow];
        int p = 0;
        for (int nc = 0; nc < g.n() * g.c(); nc++) {
            int xBase = nc * g.h();
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double s = 0;
                    for (int a = 0; a < g.kh(); a++) {
                        int r = i * g.sh() - g.ph() + a * g.dh();
                        if (r < 0 || r >= g.h()) {
                            continue;
                        }
                        for (int b = 0; b < g.kw(); b++) {
                            int q = j * g.sw() - g.pw() + b * g.dw();
                            if (q >= 0 && q < g.w()) {
                                s += x[(xBase + r) * g.w() + q];
                            }
                        }
                    }
                    y[p++] = s * scale;
                }
            }
        }
        return y;
    }

    /** The adjoint of {@link #avgPool}: each output's g / (kh kw) added to its window. */
    static double[] avgPoolTranspose(ConvGeometry g, double[] gy) {
        int oh = g.oh();
        int ow = g.ow();
        double scale = 1.0 / (g.kh() * g.kw());
        double[] gx = new double[g.n() * g.c() * g.h() * g.w()];
        int p = 0;
        for (int nc = 0; nc < g.n() * g.c(); nc++) {
            int xBase = nc * g.h();
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double v = gy[p++] * scale;
                    for (int a = 0; a < g.kh(); a++) {
                        int r = i * g.sh() - g.ph() + a * g.dh();
                        if (r < 0 || r >= g.h()) {
                            continue;
                        }
                        for (int b = 0; b < g.kw(); b++) {
                            int q = j * g.sw() - g.pw() + b * g.dw();
                            if (q >= 0 && q < g.w()) {
                                gx[(xBase + r) * g.w() + q] += v;
                            }
                        }
                    }
                }
            }
        }
        return gx;
    }
}
