package dlmath.theorems.layers;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.LayerGens;
import dlmath.gen.TensorGens;
import dlmath.nn.Functional;
import dlmath.nn.Layer;
import dlmath.nn.Layers.BatchNorm;
import dlmath.nn.Mode;
import dlmath.nn.Params;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * NN-05 Batch normalization in training mode: per-channel output mean beta and variance
 * gamma^2 var/(var + eps); invariance to per-channel positive affine maps (with eps scaled
 * along); the input gradient sums to 0 per channel and its inner product with x_hat is
 * eps/(var + eps) inv &lt;g', x_hat&gt; (0 for eps = 0); the fused rule equals autodiff through the
 * composite definition; the running statistics follow the exponential moving average with the
 * unbiased variance. Ioffe &amp; Szegedy, Batch Normalization, ICML 2015, Alg. 1, Alg. 2 and the
 * chain rule of Sec. 3; Goodfellow, Bengio &amp; Courville, Deep Learning, Sec. 8.7.1. Page:
 * theorems/layers/NN-05-batch-norm-training.md.
 */
@Theorem(id = "NN-05", name = "Batch normalization in training mode",
        statement = "per channel: mean(y) = beta, var(y) = gamma^2 var/(var+eps); y(a x + b; a^2 eps) = y(x; eps) for a > 0; sum x_bar = 0 and <x_bar, x_hat> = eps/(var+eps) inv <g gamma, x_hat>; running mean/var follow the EMA with momentum and the unbiased variance")
@Tag("layers")
class BatchNormTraining {

    static final double U = Tol.U;

    /** Inputs [N, C] or [N, C, H, W] with >= 2 entries per channel: reals, or small integers (ties, zero variance). */
    static final Gen<Tensor> INPUTS = LayerGens.batchNormInputs(LayerGens.entries());

    static int[] axes(Tensor x) {
        return x.rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};
    }

    /** The entries of channel c, by a separate loop over the flat data. */
    static double[] channel(Tensor x, int c) {
        int[] s = x.shape();
        int inner = x.size() / (s[0] * s[1]);
        double[] v = x.toArray();
        double[] out = new double[s[0] * inner];
        int k = 0;
        for (int n = 0; n < s[0]; n++) {
            for (int i = 0; i < inner; i++) {
                out[k++] = v[(n * s[1] + c) * inner + i];
            }
        }
        return out;
    }

    /** Two-pass mean and biased variance (Higham, Sec. 1.9), and the rounding model of the layer's forward pass. */
    record Stats(double mean, double var, double inv, double[] xhat, double maxAbs, double xhatError, double invRelError) {
        static Stats of(double[] x, double eps) {
            int m = x.length;
            double s = 0;
            double maxAbs = 0;
            for (double v : x) {
                s += v;
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            double mean = s / m;
            double q = 0;
            for (double v : x) {
                q += (v - mean) * (v - mean);
            }
            double var = q / m;
            double inv = 1 / Math.sqrt(var + eps);
            double[] xhat = new double[m];
            double maxC = 0;
            for (int i = 0; i < m; i++) {
                xhat[i] = (x[i] - mean) * inv;
                maxC = Math.max(maxC, Math.abs(x[i] - mean));
            }
            // centering error per entry: the mean's error (an m-term sum and a division) plus the subtraction
            double e = Tol.gamma(m + 1) * maxAbs + U * (maxAbs + Math.abs(mean));
            // variance error: centering propagated (2 sqrt(var) e + e^2) plus an (m+2)-term sum of squares
            double dvar = 2 * Math.sqrt(var) * e + e * e + Tol.gamma(m + 3) * (var + 2 * Math.sqrt(var) * e + e * e);
            double invRel = dvar / (2 * (var + eps)) + Tol.gamma(4);
            double xhatError = inv * e + maxC * inv * invRel + Tol.gamma(4) * maxC * inv;
            return new Stats(mean, var, inv, xhat, maxAbs, 2 * xhatError, invRel);
        }
    }

    static Tensor forward(Tensor x, Tensor gamma, Tensor beta, double eps) {
        Graph g = new Graph();
        return Functional.batchNormTrain(g.constant(x), g.constant(gamma), g.constant(beta), eps).value();
    }

    /**
     * With gamma = 1, beta = 0: per channel the output mean is 0 and the biased variance is
     * var / (var + eps). Each output entry is within the x_hat allowance a of {@link Stats}
     * (first-order rounding model of centering, variance, inverse square root and product,
     * Higham, Accuracy and Stability, Sec. 3.1); so mean(y) is within a + gamma_{m+1} max|y|, and
     * var(y) within 2 max|y| a + a^2 + gamma_{m+3} (max y^2 + 1).
     */
    @Property(tries = 200)
    void outputIsStandardizedPerChannel(Check check) {
        check.forAll(INPUTS.as("x"), x -> {
            double eps = 1e-5;
            int c = x.dim(1);
            Tensor y = forward(x, Tensor.ones(c), Tensor.zeros(c), eps);
            label(check, x);
            for (int ch = 0; ch < c; ch++) {
                Stats sx = Stats.of(channel(x, ch), eps);
                double[] yc = channel(y, ch);
                Stats sy = Stats.of(yc, eps);
                int m = yc.length;
                double maxY = 0;
                for (double v : yc) {
                    maxY = Math.max(maxY, Math.abs(v));
                }
                double a = sx.xhatError();
                Claims.close("mean(y) = 0 in channel " + ch, sy.mean(), 0, a + Tol.gamma(m + 1) * maxY);
                Claims.close("var(y) = var/(var + eps) in channel " + ch, sy.var(), sx.var() / (sx.var() + eps),
                        2 * maxY * a + a * a + Tol.gamma(m + 3) * (maxY * maxY + 1));
            }
        });
    }

    static void label(Check check, Tensor x) {
        if (x.dim(0) == 1) {
            check.label("batch 1");
        }
        if (x.dim(1) == 1) {
            check.label("one channel");
        }
        boolean constantChannel = false;
        for (int ch = 0; ch < x.dim(1); ch++) {
            constantChannel |= Stats.of(channel(x, ch), 1e-5).var() == 0;
        }
        if (constantChannel) {
            check.label("a constant channel (var = 0)");
        }
        check.label(x.rank() == 2 ? "BatchNorm1d [N, C]" : "BatchNorm2d [N, C, H, W]");
    }

    /**
     * y(a x + b; a^2 eps) = y(x; eps) for a &gt; 0 per channel (exact in real arithmetic: x_hat is
     * unchanged). Allowance: both sides' x_hat allowances times |gamma|, plus the rounding of
     * a x + b (gamma_2 |a x + b| per entry) carried through x_hat's Jacobian inv (delta_ij - 1/m -
     * x_hat_i x_hat_j / m), whose rows sum in absolute value to at most inv (2 + |x_hat_i|).
     */
    @Property(tries = 200)
    void invariantUnderPositiveAffineMaps(Check check) {
        check.forAll(INPUTS.as("x"), Gens.doubles(0.1, 10).as("a"), Gens.doubles(-5, 5).as("b"), (x, a, b) -> compareAffine(x, a, b));
    }

    /** Compares BN(a x + b; a^2 eps) with BN(x; eps) entrywise within the allowance above. */
    static void compareAffine(Tensor x, double a, double b) {
        double eps = 1e-5;
        int c = x.dim(1);
        Tensor gamma = Tensor.arange(c).add(0.5);
        Tensor beta = Tensor.arange(c).neg();
        Tensor xa = x.mul(a).add(b);
        Tensor y1 = forward(x, gamma, beta, eps);
        Tensor y2 = forward(xa, gamma, beta, eps * a * a);
        for (int ch = 0; ch < c; ch++) {
            Stats s1 = Stats.of(channel(x, ch), eps);
            Stats s2 = Stats.of(channel(xa, ch), eps * a * a);
            double maxXhat = 0;
            for (double v : s1.xhat()) {
                maxXhat = Math.max(maxXhat, Math.abs(v));
            }
            double inputRounding = Tol.gamma(2) * s2.maxAbs() * s2.inv() * (2 + maxXhat);
            double tol = gamma.get(ch) * (s1.xhatError() + s2.xhatError() + inputRounding) + 2 * U * (gamma.get(ch) * (maxXhat + 1) + c);
            double[] v1 = channel(y1, ch);
            double[] v2 = channel(y2, ch);
            for (int i = 0; i < v1.length; i++) {
                Claims.close("BN(a x + b; a^2 eps) = BN(x; eps), channel " + ch + " entry " + i, v2[i], v1[i], tol);
            }
        }
    }

    /** Necessity of a &gt; 0: a negative scale flips the sign of x_hat. */
    @Counterexample
    void negativeScaleIsNotInvariant(Check check) {
        check.forAll(INPUTS.as("x"), Gens.doubles(-10, -0.1).as("a"), Gens.doubles(-5, 5).as("b"), (x, a, b) -> compareAffine(x, a, b));
    }

    /** The composite definition gamma (x - mean) / sqrt(var + eps) + beta through the registry's differentiable operations. */
    static Var composite(Var x, Var gamma, Var beta, double eps) {
        int[] ax = x.rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};
        int[] cs = x.rank() == 2 ? new int[] {1, x.shape()[1]} : new int[] {1, x.shape()[1], 1, 1};
        Var xc = x.sub(x.mean(ax, true));
        Var var = xc.mul(xc).mean(ax, true);
        return xc.div(var.add(eps).sqrt()).mul(gamma.reshape(cs)).add(beta.reshape(cs));
    }

    /**
     * The input gradient x_bar of &lt;g, BN(x)&gt;: per channel sum x_bar = 0 and
     * &lt;x_bar, x_hat&gt; = eps/(var + eps) inv &lt;gamma g, x_hat&gt;; and the fused rule equals the
     * gradient autodiff computes through {@link #composite} (an independent differentiation of
     * the definition). Allowance per entry of x_bar: |gamma| inv (gamma_{2m+10} (|g_i| + |mean g|
     * + 2 |x_hat_i| |c|) + a (|c| + |x_hat_i| max|g|)) + |x_bar_i| invRel, with c = mean(g x_hat)
     * and a the x_hat allowance; sums add gamma_m of their absolute sums.
     */
    @Property(tries = 200)
    void inputGradientIdentitiesAndCompositeReference(Check check) {
        check.forAll(INPUTS.as("x"), Gens.longs(0, 1000).as("cotangent seed"), (x, seed) -> {
            double eps = 1e-5;
            int c = x.dim(1);
            Tensor gamma = Tensor.arange(c).mul(0.7).sub(0.4);
            Tensor beta = Tensor.arange(c).mul(0.3);
            Tensor cot = Tensor.randn(new java.util.SplittableRandom(seed), x.shape());
            Graph g = new Graph();
            Var[] v = Autodiff.variables(g, x, gamma, beta);
            Var y = Functional.batchNormTrain(v[0], v[1], v[2], eps);
            Tensor[] fused = Autodiff.values(Autodiff.grad(y, cot, false, v));
            Graph g2 = new Graph();
            Var[] w = Autodiff.variables(g2, x, gamma, beta);
            Tensor[] ref = Autodiff.values(Autodiff.grad(composite(w[0], w[1], w[2], eps), cot, false, w));
            label(check, x);
            for (int ch = 0; ch < c; ch++) {
                Stats s = Stats.of(channel(x, ch), eps);
                double[] gx = channel(fused[0], ch);
                double[] rx = channel(ref[0], ch);
                double[] gc = channel(cot, ch);
                int m = gx.length;
                double gm = 0;
                double cm = 0;
                double maxG = 0;
                for (int i = 0; i < m; i++) {
                    gm += gc[i] / m;
                    cm += gc[i] * s.xhat()[i] / m;
                    maxG = Math.max(maxG, Math.abs(gc[i]));
                }
                double gam = Math.abs(gamma.get(ch));
                double sum = 0;
                double sumAbs = 0;
                double dot = 0;
                double dotAbs = 0;
                double sumTol = 0;
                double dotTol = 0;
                double a = s.xhatError();
                for (int i = 0; i < m; i++) {
                    double xh = s.xhat()[i];
                    double e = gam * s.inv() * (Tol.gamma(2 * m + 10) * (Math.abs(gc[i]) + Math.abs(gm) + 2 * Math.abs(xh * cm))
                            + a * (Math.abs(cm) + Math.abs(xh) * maxG)) + Math.abs(gx[i]) * s.invRelError();
                    Claims.close("fused BN backward = autodiff through the composite definition, channel " + ch + " entry " + i,
                            gx[i], rx[i], 2 * e + Double.MIN_VALUE);
                    sum += gx[i];
                    sumAbs += Math.abs(gx[i]);
                    dot += gx[i] * xh;
                    dotAbs += Math.abs(gx[i] * xh);
                    sumTol += e;
                    dotTol += e * Math.abs(xh) + Math.abs(gx[i]) * a;
                }
                Claims.close("sum of x_bar over channel " + ch + " = 0", sum, 0, sumTol + Tol.gamma(m) * sumAbs + Double.MIN_VALUE);
                double expected = eps / (s.var() + eps) * s.inv() * gamma.get(ch) * cm * m;
                double expectedTol = Tol.gamma(m + 8) * Math.abs(expected) + gam * s.inv() * m * maxG * a * (1 + 1);
                Claims.close("<x_bar, x_hat> = eps/(var+eps) inv <gamma g, x_hat> in channel " + ch, dot, expected,
                        dotTol + Tol.gamma(m) * dotAbs + expectedTol + Double.MIN_VALUE);
                double gg = 0;
                double ggAbs = 0;
                double gb = 0;
                double gbAbs = 0;
                for (int i = 0; i < m; i++) {
                    gg += gc[i] * s.xhat()[i];
                    ggAbs += Math.abs(gc[i]) * (Math.abs(s.xhat()[i]) + a);
                    gb += gc[i];
                    gbAbs += Math.abs(gc[i]);
                }
                Claims.close("d/dgamma = sum g x_hat in channel " + ch, fused[1].get(ch), gg, 2 * Tol.gamma(m + 2) * ggAbs + m * maxG * a);
                Claims.close("d/dbeta = sum g in channel " + ch, fused[2].get(ch), gb, 2 * Tol.gamma(m) * gbAbs);
            }
        });
    }

    /**
     * The running statistics after k = 1 to 4 training batches through the layer, from
     * (0, 1): mean_k = sum_j m (1-m)^(k-j) mu_j and var_k = (1-m)^k + sum_j m (1-m)^(k-j) s_j^2
     * with s_j^2 = M/(M - 1) times the biased variance (the unbiased estimate, M entries per
     * channel), computed here by two-pass sums. Allowance: each step adds a few roundings to
     * quantities of magnitude at most max(1, max|x|, M/(M-1) max x^2); gamma_{M+4k+6} of those.
     */
    @Property(tries = 150)
    void runningStatisticsFollowTheMovingAverage(Check check) {
        check.forAll(Gens.integers(1, 4).flatMap(k -> INPUTS.flatMap(x0 -> TensorGens.tensors(x0.shape(), LayerGens.entries())
                .list(k, k).map(list -> list))).as("batches"), Gens.elements(0.1, 0.5, 1.0, 0.0).as("momentum"), (batches, mom) -> {
                    Tensor first = batches.get(0);
                    int c = first.dim(1);
                    BatchNorm bn = new BatchNorm(c, 1e-5, mom, first.rank() == 4);
                    Params params = bn.init(null);
                    Params state = bn.initState();
                    for (Tensor x : batches) {
                        Graph g = new Graph();
                        Layer.Out out = bn.apply(params.constants(g), state, g.constant(x), Mode.TRAIN, null);
                        state = out.state();
                    }
                    int k = batches.size();
                    double maxMag = 1;
                    for (int ch = 0; ch < c; ch++) {
                        double rm = 0;
                        double rv = 1;
                        int mCount = 0;
                        for (Tensor x : batches) {
                            double[] v = channel(x, ch);
                            mCount = v.length;
                            Stats s = Stats.of(v, 1e-5);
                            double unbiased = s.var() * v.length / (v.length - 1);
                            rm = (1 - mom) * rm + mom * s.mean();
                            rv = (1 - mom) * rv + mom * unbiased;
                            maxMag = Math.max(maxMag, Math.max(s.maxAbs(), s.maxAbs() * s.maxAbs() * 2 * v.length / (v.length - 1.0)));
                        }
                        double tol = Tol.gamma(mCount + 4 * k + 6) * maxMag * 4;
                        Claims.close("running_mean[" + ch + "] = EMA of batch means", state.get("running_mean").get(ch), rm, tol);
                        Claims.close("running_var[" + ch + "] = EMA of unbiased batch variances", state.get("running_var").get(ch), rv, tol);
                    }
                });
    }


}
