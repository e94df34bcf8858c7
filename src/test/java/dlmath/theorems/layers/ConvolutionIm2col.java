package dlmath.theorems.layers;

import dlmath.autodiff.Graph;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.LayerGens;
import dlmath.gen.LayerGens.ConvCase;
import dlmath.nn.ConvGeometry;
import dlmath.nn.Functional;
import dlmath.nn.Im2col;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * NN-02 Conv2d equals im2col + matmul, is bilinear, and has output side
 * floor((H + 2p - d(k-1) - 1)/s) + 1. Goodfellow, Bengio &amp; Courville, Deep Learning, Sec. 9.1
 * (eq. 9.6, convolution as cross-correlation) and Sec. 9.5 (convolution as multiplication by a
 * doubly block circulant matrix); Dumoulin &amp; Visin, A guide to convolution arithmetic, 2016,
 * Relationship 15; Chellapilla, Puri &amp; Simard 2006, Sec. 3 (im2col). Page:
 * theorems/layers/NN-02-convolution-im2col.md.
 */
@Theorem(id = "NN-02", name = "Conv2d equals im2col and matmul",
        statement = "conv2d(x, w) = reshape(W_mat @ im2col(x)) = the seven-loop definition; it is linear in x and in w; its output side is floor((H + 2p - d(k-1) - 1)/s) + 1")
@Tag("layers")
class ConvolutionIm2col {

    static Tensor conv(Tensor x, Tensor w, Tensor b, ConvCase k) {
        Graph g = new Graph();
        return Functional.conv2d(g.constant(x), g.constant(w), b == null ? null : g.constant(b), k.stride(), k.padding(),
                k.dilation()).value();
    }

    /**
     * The primitive's forward, im2col + matmul and the seven loops agree within 2 gamma_K S per
     * output (each is a K = C kH kW term dot product, off by at most gamma_K S from the exact
     * value, S the sum of |terms|, Higham, Accuracy and Stability, 2nd ed., eq. 3.5); the shape
     * equals the formula and the count of windows that fit.
     */
    @Property(tries = 200)
    void convolutionAgreesWithIm2colAndTheDefinition(Check check) {
        kernelEqualsInputExamples(check);
        check.forAll(LayerGens.convCases().as("conv"), k -> {
            Nn.labelConv(check, k);
            Tensor[] naive = Nn.naiveConv(k);
            ConvGeometry g = k.geometry();
            Tensor direct = conv(k.x(), k.w(), null, k);
            Tensor im2col = Im2col.conv2d(k.x(), k.w(), k.stride(), k.padding(), k.dilation());
            int[] formula = {g.n(), k.w().dim(0),
                (k.x().dim(2) + 2 * k.padding()[0] - k.dilation()[0] * (k.w().dim(2) - 1) - 1) / k.stride()[0] + 1,
                (k.x().dim(3) + 2 * k.padding()[1] - k.dilation()[1] * (k.w().dim(3) - 1) - 1) / k.stride()[1] + 1};
            Claims.that("output shape " + java.util.Arrays.toString(direct.shape()) + " = formula " + java.util.Arrays.toString(formula),
                    java.util.Arrays.equals(direct.shape(), formula));
            Claims.that("the formula counts the windows that fit: " + java.util.Arrays.toString(naive[0].shape()),
                    java.util.Arrays.equals(formula, naive[0].shape()));
            Claims.that("im2col shape", java.util.Arrays.equals(im2col.shape(), formula));
            int terms = k.x().dim(1) * k.w().dim(2) * k.w().dim(3);
            double[] d = direct.toArray();
            double[] m = im2col.toArray();
            double[] ref = naive[0].toArray();
            double[] abs = naive[1].toArray();
            for (int i = 0; i < ref.length; i++) {
                double tol = 2 * Nn.gamma(terms) * abs[i];
                Claims.close("conv2d[" + i + "] = seven-loop definition", d[i], ref[i], tol);
                Claims.close("im2col + matmul [" + i + "] = seven-loop definition", m[i], ref[i], tol);
            }
        });
    }

    /** Explicit cases with kernel = input size (one output per channel), batch 1, one channel, with and without dilation. */
    static void kernelEqualsInputExamples(Check check) {
        check.example(new ConvCase(Tensor.of(new int[] {1, 1, 3, 3}, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                Tensor.of(new int[] {1, 1, 3, 3}, new double[] {1, 0, -1, 2, 0, -2, 1, 0, -1}), Tensor.of(0.5),
                new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}));
        check.example(new ConvCase(Tensor.of(new int[] {2, 2, 2, 3}, new double[] {1, -1, 2, 0, 3, 1, 1, 1, 1, -2, 2, 2,
            0.5, 0.5, -1, 1, 0, 2, 3, 1, 1, -1, 0, 2}), Tensor.of(new int[] {1, 2, 2, 3}, new double[] {1, 1, 1, 1, 1, 1,
                2, -1, 0, 1, 1, 1}), Tensor.of(0.0), new int[] {3, 4}, new int[] {0, 0}, new int[] {1, 1}));
        check.example(new ConvCase(Tensor.of(new int[] {1, 1, 3, 3}, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                Tensor.of(new int[] {1, 1, 2, 2}, new double[] {1, -1, 2, 3}), Tensor.of(0.0),
                new int[] {1, 1}, new int[] {0, 0}, new int[] {2, 2}));
    }

    /**
     * Linearity: conv(a x1 + b x2, w) = a conv(x1, w) + b conv(x2, w), and the same in w. Each
     * side is within gamma_{K+2} (|a| S1 + |b| S2) of the exact value (the scaled inputs and the
     * final combination add two roundings per term), so they agree within twice that, plus
     * {@link Nn#underflow} for the 4K + 8 operations whose results may be subnormal.
     */
    @Property(tries = 150)
    void convolutionIsBilinear(Check check) {
        check.forAll(LayerGens.convCases().as("conv"), Gens.doubles(-3, 3).as("a"), Gens.doubles(-3, 3).as("b"), (k, a, b) -> {
            Tensor x2 = k.x().map(v -> Math.sin(7 * v + 1));
            Tensor w2 = k.w().map(v -> Math.cos(5 * v - 2));
            int terms = k.x().dim(1) * k.w().dim(2) * k.w().dim(3);
            double gam = Nn.gamma(terms + 3);
            ConvCase k2 = new ConvCase(x2, k.w(), k.b(), k.stride(), k.padding(), k.dilation());
            ConvCase k3 = new ConvCase(k.x(), w2, k.b(), k.stride(), k.padding(), k.dilation());
            double[] s1 = Nn.naiveConv(k)[1].toArray();
            double[] s2 = Nn.naiveConv(k2)[1].toArray();
            double[] s3 = Nn.naiveConv(k3)[1].toArray();
            double[] lhsX = conv(k.x().mul(a).add(x2.mul(b)), k.w(), null, k).toArray();
            double[] rhsX = conv(k.x(), k.w(), null, k).mul(a).add(conv(x2, k.w(), null, k).mul(b)).toArray();
            double[] lhsW = conv(k.x(), k.w().mul(a).add(w2.mul(b)), null, k).toArray();
            double[] rhsW = conv(k.x(), k.w(), null, k).mul(a).add(conv(k.x(), w2, null, k).mul(b)).toArray();
            double gain = (Math.abs(a) + Math.abs(b) + 1) * (k.w().normInf() + w2.normInf() + k.x().normInf() + x2.normInf() + 1);
            double under = Nn.underflow(4 * terms + 8, gain);
            for (int i = 0; i < lhsX.length; i++) {
                Claims.close("conv(a x1 + b x2, w)[" + i + "] = a conv(x1, w) + b conv(x2, w)", lhsX[i], rhsX[i],
                        2 * gam * (Math.abs(a) * s1[i] + Math.abs(b) * s2[i]) + under);
                Claims.close("conv(x, a w1 + b w2)[" + i + "] = a conv(x, w1) + b conv(x, w2)", lhsW[i], rhsW[i],
                        2 * gam * (Math.abs(a) * s1[i] + Math.abs(b) * s3[i]) + under);
            }
        });
    }

    /** Necessity of "no bias" for linearity: with a bias b != 0 the layer is affine, conv(2x) + b != 2 (conv(x) + b). */
    @Counterexample
    void withABiasTheLayerIsOnlyAffine(Check check) {
        check.forAll(LayerGens.convCases().as("conv"), k -> {
            double[] once = conv(k.x(), k.w(), k.b(), k).toArray();
            double[] twice = conv(k.x().mul(2.0), k.w(), k.b(), k).toArray();
            double[] s = Nn.naiveConv(k)[1].toArray();
            int terms = k.x().dim(1) * k.w().dim(2) * k.w().dim(3);
            for (int i = 0; i < once.length; i++) {
                Claims.close("conv2d with bias is linear: f(2x)[" + i + "] = 2 f(x)[" + i + "]", twice[i], 2 * once[i],
                        4 * Nn.gamma(terms + 2) * (s[i] + 1));
            }
        });
    }
}
