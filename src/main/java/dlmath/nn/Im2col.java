package dlmath.nn;

import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Convolution by im2col and one matrix product (Chellapilla, Puri &amp; Simard, High
 * Performance Convolutional Neural Networks for Document Processing, 2006, Sec. 3): the input
 * patches become the columns of a matrix {@code X_col [c kh kw, n oh ow]}, the kernel a matrix
 * {@code W [o, c kh kw]}, and {@code W X_col [o, n oh ow]} permuted to {@code [n, o, oh, ow]} is
 * the convolution. An implementation independent of the direct loops of {@link NnPrimitives#CONV2D}
 * (it shares only {@link ConvGeometry}'s output-size formula), used to check them and to
 * compare their speed.
 */
public final class Im2col {

    private Im2col() {
    }

    /**
     * The patch matrix: row {@code (c, a, b)}, column {@code (n, i, j)} holds
     * {@code x[n, c, i sh - ph + a dh, j sw - pw + b dw]}, or 0 in the padding.
     *
     * @param x the input [n, c, h, w]
     * @param g the geometry
     * @return the matrix [c kh kw, n oh ow]
     */
    public static Tensor columns(Tensor x, ConvGeometry g) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(g, "g");
        if (!Arrays.equals(x.shape(), g.inputShape())) {
            throw new IllegalArgumentException("im2col: input " + Arrays.toString(x.shape()) + " does not match the geometry "
                    + Arrays.toString(g.inputShape()));
        }
        double[] v = x.toArray();
        int oh = g.oh();
        int ow = g.ow();
        int rows = g.c() * g.kh() * g.kw();
        int cols = g.n() * oh * ow;
        double[] m = new double[rows * cols];
        for (int c = 0; c < g.c(); c++) {
            for (int a = 0; a < g.kh(); a++) {
                for (int b = 0; b < g.kw(); b++) {
                    int row = (c * g.kh() + a) * g.kw() + b;
                    for (int n = 0; n < g.n(); n++) {
                        for (int i = 0; i < oh; i++) {
                            int r = i * g.sh() - g.ph() + a * g.dh();
                            for (int j = 0; j < ow; j++) {
                                int q = j * g.sw() - g.pw() + b * g.dw();
                                if (r >= 0 && r < g.h() && q >= 0 && q < g.w()) {
                                    m[row * cols + (n * oh + i) * ow + j] = v[((n * g.c() + c) * g.h() + r) * g.w() + q];
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor.of(new int[] {rows, cols}, m);
    }

    /**
     * The cross-correlation of PyTorch's {@code conv2d} (no bias) by im2col and a matrix product.
     *
     * @param x the input [n, c, h, w]
     * @param w the kernel [o, c, kh, kw]
     * @param stride [sh, sw]
     * @param padding [ph, pw]
     * @param dilation [dh, dw]
     * @return the output [n, o, oh, ow]
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static Tensor conv2d(Tensor x, Tensor w, int[] stride, int[] padding, int[] dilation) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(w, "w");
        if (x.rank() != 4 || w.rank() != 4 || x.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException("conv2d: input " + Arrays.toString(x.shape()) + " and weight "
                    + Arrays.toString(w.shape()) + " do not fit: expected [N, C, H, W] and [O, C, kH, kW] with the same C");
        }
        ConvGeometry g = ConvGeometry.of(x.shape(), new int[] {w.dim(2), w.dim(3)}, stride, padding, dilation);
        int o = w.dim(0);
        Tensor product = w.reshape(o, g.c() * g.kh() * g.kw()).matmul(columns(x, g));
        return product.reshape(o, g.n(), g.oh(), g.ow()).permute(1, 0, 2, 3);
    }
}
