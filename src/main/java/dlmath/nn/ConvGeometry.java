package dlmath.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * The index arithmetic of a 2-D convolution or pooling window in PyTorch's NCHW layout: input
 * {@code [n, c, h, w]}, window {@code kh x kw}, stride, zero padding and dilation per spatial
 * axis. Output side {@code floor((h + 2p - d(k - 1) - 1) / s) + 1} (PyTorch, {@code Conv2d} and
 * {@code MaxPool2d} documentation; Dumoulin &amp; Visin, A guide to convolution arithmetic, 2016,
 * Relationship 15). Input position of output {@code oh} and window offset {@code i}:
 * {@code oh s - p + i d}.
 *
 * @param n batch size
 * @param c input channels
 * @param h input height
 * @param w input width
 * @param kh window height
 * @param kw window width
 * @param sh stride along the height
 * @param sw stride along the width
 * @param ph zero padding along the height (each side)
 * @param pw zero padding along the width (each side)
 * @param dh dilation along the height
 * @param dw dilation along the width
 */
public record ConvGeometry(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {

    /**
     * Checks the sizes and that the output is non-empty.
     *
     * @throws IllegalArgumentException naming the offending parameter and its value
     */
    public ConvGeometry {
        positive("batch size", n);
        positive("channels", c);
        positive("height", h);
        positive("width", w);
        positive("kernel height", kh);
        positive("kernel width", kw);
        positive("stride", sh);
        positive("stride", sw);
        positive("dilation", dh);
        positive("dilation", dw);
        if (ph < 0 || pw < 0) {
            throw new IllegalArgumentException("padding must be >= 0, got [" + ph + ", " + pw + "]");
        }
        if (h + 2L * ph < (long) dh * (kh - 1) + 1 || w + 2L * pw < (long) dw * (kw - 1) + 1) {
            throw new IllegalArgumentException("the dilated kernel " + Arrays.toString(new int[] {dh * (kh - 1) + 1, dw * (kw - 1) + 1})
                    + " is larger than the padded input " + Arrays.toString(new int[] {h + 2 * ph, w + 2 * pw})
                    + " (input " + Arrays.toString(new int[] {h, w}) + ", padding " + Arrays.toString(new int[] {ph, pw}) + ")");
        }
    }

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
    }

    /**
     * The geometry of an input shape and a window.
     *
     * @param input the input shape {@code [n, c, h, w]}
     * @param kernel {@code [kh, kw]}
     * @param stride {@code [sh, sw]}
     * @param padding {@code [ph, pw]}
     * @param dilation {@code [dh, dw]}
     * @return the geometry
     * @throws IllegalArgumentException if the input is not of rank 4 or a pair has not two entries
     */
    public static ConvGeometry of(int[] input, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(stride, "stride");
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(dilation, "dilation");
        if (input.length != 4) {
            throw new IllegalArgumentException("expected an input of shape [N, C, H, W], got " + Arrays.toString(input));
        }
        pair("kernel_size", kernel);
        pair("stride", stride);
        pair("padding", padding);
        pair("dilation", dilation);
        return new ConvGeometry(input[0], input[1], input[2], input[3], kernel[0], kernel[1], stride[0], stride[1],
                padding[0], padding[1], dilation[0], dilation[1]);
    }

    static void pair(String what, int[] v) {
        if (v == null || v.length != 2) {
            throw new IllegalArgumentException(what + " must have 2 entries (height, width), got "
                    + (v == null ? "null" : Arrays.toString(v)));
        }
    }

    /**
     * Output height.
     *
     * @return {@code floor((h + 2 ph - dh (kh - 1) - 1) / sh) + 1}
     */
    public int oh() {
        return (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
    }

    /**
     * Output width.
     *
     * @return {@code floor((w + 2 pw - dw (kw - 1) - 1) / sw) + 1}
     */
    public int ow() {
        return (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
    }

    /**
     * The input shape.
     *
     * @return {@code [n, c, h, w]}
     */
    public int[] inputShape() {
        return new int[] {n, c, h, w};
    }

    /**
     * The output shape with {@code channels} output channels.
     *
     * @param channels output channels
     * @return {@code [n, channels, oh, ow]}
     */
    public int[] outputShape(int channels) {
        return new int[] {n, channels, oh(), ow()};
    }
}
