package dlmath.theorems.layers;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.LayerGens;
import dlmath.gen.LayerGens.ConvCase;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * NN-03 Conv2d with stride 1 is translation-equivariant on the interior: shifting the input by
 * (u, v) shifts the output by (u, v) wherever neither window touches the border. Goodfellow,
 * Bengio &amp; Courville, Deep Learning, Sec. 9.2 ("equivariant representations"). Page:
 * theorems/layers/NN-03-translation-equivariance.md.
 */
@Theorem(id = "NN-03", name = "Conv2d is translation-equivariant",
        statement = "for stride 1, conv(shift_{u,v} x)[i, j] = conv(x)[i - u, j - v] for every output whose window lies inside the shifted input region")
@Tag("layers")
class TranslationEquivariance {

    /** x shifted down by u rows and right by v columns, zero-filled (the same shape). */
    static Tensor shift(Tensor x, int u, int v) {
        int[] s = x.shape();
        double[] out = new double[x.size()];
        for (int n = 0; n < s[0]; n++) {
            for (int c = 0; c < s[1]; c++) {
                for (int r = u; r < s[2]; r++) {
                    for (int q = v; q < s[3]; q++) {
                        out[((n * s[1] + c) * s[2] + r) * s[3] + q] = x.get(n, c, r - u, q - v);
                    }
                }
            }
        }
        return Tensor.of(s, out);
    }

    /**
     * Compares conv(shift x)[i, j] with conv(x)[i - u, j - v] at every output (i, j) whose window
     * in the shifted input covers rows in [u, H) and columns in [v, W) only; returns the count.
     * The two are the same products summed in the same order: equal exactly.
     */
    static int compare(ConvCase k, int u, int v, int[] stride) {
        ConvCase shifted = new ConvCase(shift(k.x(), u, v), k.w(), k.b(), stride, k.padding(), k.dilation());
        ConvCase plain = new ConvCase(k.x(), k.w(), k.b(), stride, k.padding(), k.dilation());
        Tensor a = ConvolutionIm2col.conv(shifted.x(), k.w(), null, shifted);
        Tensor b = ConvolutionIm2col.conv(k.x(), k.w(), null, plain);
        int h = k.x().dim(2);
        int w = k.x().dim(3);
        int kh = k.w().dim(2);
        int kw = k.w().dim(3);
        int count = 0;
        for (int n = 0; n < a.dim(0); n++) {
            for (int o = 0; o < a.dim(1); o++) {
                for (int i = 0; i < a.dim(2); i++) {
                    for (int j = 0; j < a.dim(3); j++) {
                        int top = i * stride[0] - k.padding()[0];
                        int left = j * stride[1] - k.padding()[1];
                        int bottom = top + k.dilation()[0] * (kh - 1);
                        int right = left + k.dilation()[1] * (kw - 1);
                        if (top < u || left < v || bottom >= h || right >= w || i - u < 0 || j - v < 0) {
                            continue;
                        }
                        Claims.close("conv(shift x)[" + n + ", " + o + ", " + i + ", " + j + "] = conv(x)[" + n + ", " + o + ", "
                                + (i - u) + ", " + (j - v) + "]", a.get(n, o, i, j), b.get(n, o, i - u, j - v), 0);
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Convolution cases with the input enlarged 2x2 (tiled with a transform of itself), so interiors exist. */
    static final Gen<ConvCase> WIDE = LayerGens.convCases().map(k -> {
        Tensor x = k.x();
        Tensor tall = Tensor.concat(2, x, x.map(t -> Math.sin(3 * t)));
        Tensor big = Tensor.concat(3, tall, tall.map(t -> Math.cos(2 * t)));
        return new ConvCase(big, k.w(), k.b(), k.stride(), k.padding(), k.dilation());
    });

    /**
     * Share (percent) of tries with some interior output; measured near 2/3 for WIDE cases; with
     * p &gt;= 1/3 the Chernoff bound of Nn#COVER gives a false alarm below exp(-0.241 * 200) = 1e-21 over the
     * 200 random tries (no target).
     */
    static final double COVER_INTERIOR = 5;

    @Property(tries = 200)
    void strideOneConvolutionCommutesWithShifts(Check check) {
        check.forAll(WIDE.as("conv"), Gens.integers(0, 2).as("u"), Gens.integers(0, 2).as("v"), (k, u, v) -> {
            Nn.labelConv(check, k);
            int compared = compare(k, u, v, new int[] {1, 1});
            check.label(compared > 0 ? "interior outputs compared" : "no interior output");
            check.cover(COVER_INTERIOR, compared > 0, "interior outputs compared");
        });
    }

    /** Necessity of stride 1: with stride 2 a shift by one pixel is not a shift of the output. */
    @Counterexample
    void strideTwoIsNotEquivariant(Check check) {
        check.forAll(WIDE.map(k -> new ConvCase(k.x(), k.w(), k.b(), new int[] {2, 2}, k.padding(), k.dilation())).as("conv"),
                k -> compare(k, 1, 1, new int[] {2, 2}));
    }
}
