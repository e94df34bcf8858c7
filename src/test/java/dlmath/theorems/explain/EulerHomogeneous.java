package dlmath.theorems.explain;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.explain.IntegratedGradients;
import dlmath.explain.IntegratedGradients.Rule;
import dlmath.explain.Saliency;
import dlmath.explain.Target;
import dlmath.nn.Layer;
import dlmath.nn.Layers;
import dlmath.nn.Params;
import dlmath.tensor.Tensor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * XAI-02 Euler's theorem for positively homogeneous networks: sum_i x_i df/dx_i(x) = f(x), and integrated
 * gradients from the zero baseline equal gradient x input. Euler's homogeneous function theorem (the
 * derivative of f(t x) = t f(x) at t = 1, applied on the linear piece of f that contains x); Ancona,
 * Ceolini, Oztireli &amp; Gross, Towards Better Understanding of Gradient-Based Attribution Methods, ICLR
 * 2018, Sec. 3; Sundararajan, Taly &amp; Yan 2017, Sec. 3 (IG from the zero baseline).
 * Page: theorems/explain/XAI-02-euler-homogeneous-networks.md.
 */
@Theorem(id = "XAI-02", name = "Euler's theorem for homogeneous networks",
        statement = "for a bias-free ReLU / max-pool network f(t x) = t f(x), t > 0: sum_i x_i df/dx_i(x) = f(x), and IG from x' = 0 equals x * grad f(x) (left / trapezoid: times 1 - w_0, the weight of the node a = 0, where grad f(0) = 0)")
@Tag("explain")
class EulerHomogeneous {

    /** A model with its parameters, an input, whether it has a hidden layer, and an absolute-value bound A of f. */
    record Case(String name, Layer model, Params params, int[] shape, Tensor x, boolean hidden, boolean exact, double abs, int fanIn) {
        Target target() {
            return Target.model(model, params, Params.EMPTY, shape, 0);
        }

        @Override
        public String toString() {
            return name + " " + params.names().stream().map(k -> k + " = " + Arrays.toString(params.get(k).toArray())).toList()
                    + ", x = " + Arrays.toString(x.toArray());
        }
    }

    /**
     * Bias-free MLPs (depth 1 to 3, widths 1 to 5) and a Conv2d(1, 2, 2x2) - ReLU - MaxPool2d(2) - Linear(2, 1)
     * network on 4x4 images; with biases when {@code bias}. Half the cases are dyadic: weights j/8, inputs j/4,
     * |j| &lt;= 16, where every operation is exact and ties (zero pre-activations, equal pooled values) are frequent.
     * In a quarter of the cases the first layer is switched off on purpose (x &gt;= 0, first weights &lt;= 0: every
     * first pre-activation &lt;= 0, a flat ReLU region with zero gradient).
     */
    static Gen<Case> cases(boolean bias) {
        return s -> {
            boolean exact = s.draw(Gens.booleans());
            Gen<Double> we = exact ? Xai.dyadic(3) : Xai.entries(-2, 2);
            Gen<Double> xe = exact ? Xai.dyadic(2) : Xai.entries(-3, 3);
            if (s.draw(Gens.integers(0, 3)) == 0) {
                Layers.Conv2d conv = new Layers.Conv2d(1, 2, new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, bias);
                Layer model = Layers.Sequential.of(conv, new Layers.Activation(Layers.Kind.RELU), new Layers.MaxPool2d(2),
                        new Layers.Flatten(), new Layers.Linear(2, 1, bias));
                boolean off = s.draw(Gens.integers(0, 3)) == 0;
                Tensor k = s.draw(Xai.vector(8, we)).reshape(2, 1, 2, 2);
                k = off ? k.abs().neg() : k;
                Tensor w = s.draw(Xai.matrix(1, 2, we));
                Params p = Params.of("0.weight", k, "4.weight", w);
                if (bias) {
                    p = p.with("0.bias", s.draw(Xai.vector(2, we))).with("4.bias", s.draw(Xai.vector(1, we)));
                }
                Tensor x = s.draw(Xai.vector(16, xe)).reshape(1, 4, 4);
                x = off ? x.abs() : x;
                double abs = 4 * k.abs().maxAll() * 2 * w.abs().maxAll() * x.abs().maxAll() + (bias ? 10 * 4 : 0);
                return new Case("conv-relu-maxpool-linear", model, p, new int[] {1, 4, 4}, x, true, exact, abs, 6);
            }
            int depth = s.draw(Gens.integers(1, 3));
            int in = s.draw(Gens.integers(1, 5));
            boolean off = s.draw(Gens.integers(0, 3)) == 0;
            List<Layer> layers = new ArrayList<>();
            Params p = Params.EMPTY;
            Tensor x = s.draw(Xai.vector(in, xe));
            x = off ? x.abs() : x;
            Tensor a = x.abs();
            int width = in;
            int fan = 0;
            for (int l = 0; l < depth; l++) {
                int out = l == depth - 1 ? 1 : s.draw(Gens.integers(1, 5));
                int index = layers.size();
                layers.add(new Layers.Linear(width, out, bias));
                Tensor w = s.draw(Xai.matrix(out, width, we));
                w = off && l == 0 ? w.abs().neg() : w;
                p = p.with(index + ".weight", w);
                a = w.abs().matmul(a);
                if (bias) {
                    Tensor b = s.draw(Xai.vector(out, we));
                    p = p.with(index + ".bias", b);
                    a = a.add(b.abs());
                }
                fan += width + 1;
                if (l < depth - 1) {
                    layers.add(new Layers.Activation(Layers.Kind.RELU));
                }
                width = out;
            }
            return new Case("MLP depth " + depth, new Layers.Sequential(layers), p, new int[] {in}, x, depth > 1, exact,
                    a.get(0), fan);
        };
    }

    /**
     * Required share (percent) of "zero gradient": by construction its probability is at least 1/4 (switched off) times
     * 3/4 (a hidden layer: the convolutional case 1/4, an MLP of depth 2 or 3 with probability 3/4 * 2/3) = 3/16;
     * over 200 tries the share falls below 3% with probability at most exp(-200 D(0.03 || 3/16)) = 7e-11.
     */
    static final double COVER_ZERO_GRADIENT = 3;

    static BigDecimal exactDot(double[] x, double[] g) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            s = s.add(new BigDecimal(x[i]).multiply(new BigDecimal(g[i])));
        }
        return s;
    }

    /**
     * Euler: sum_i x_i g_i = f(x). Dyadic cases: exactly (the sum in exact decimals). Otherwise within
     * 2 gamma_{N+n+4} A, with N the total fan-in, n the number of inputs and A = |W_L| ... |W_1| |x| (MLP) or
     * prod_l (fan-in_l max|W_l|) max|x| (convolutional): f and each x_i g_i are sums over paths whose
     * absolute values add up to at most A (Higham Sec. 3.5). Covered: a zero pre-activation at x, a zero gradient.
     */
    @Property(tries = 200)
    void gradientTimesInputSumsToTheOutput(Check check) {
        check.forAll(cases(false).as("case"), c -> {
            Target f = c.target();
            double fx = f.value(c.x());
            double[] gx = Saliency.gradientTimesInput(f, c.x()).toArray();
            double[] g = Saliency.gradient(f, c.x()).toArray();
            double sum = 0;
            for (double v : gx) {
                sum += v;
            }
            boolean zeroGradient = Arrays.stream(g).allMatch(v -> v == 0);
            check.label(c.exact() ? "dyadic (exact arithmetic)" : "general doubles");
            check.cover(COVER_ZERO_GRADIENT, zeroGradient && c.hidden(), "zero gradient (every path switched off)");
            check.cover(10, c.exact(), "dyadic (exact arithmetic)");
            if (c.exact()) {
                Claims.that("sum_i x_i g_i = f(x) exactly (dyadic): " + exactDot(c.x().toArray(), g) + " vs " + fx,
                        exactDot(c.x().toArray(), g).compareTo(new BigDecimal(fx)) == 0);
            }
            Claims.close("sum_i x_i df/dx_i(x) = f(x)", sum, fx, 2 * Tol.gamma(c.fanIn() + c.x().size() + 4) * c.abs());
        });
    }

    /**
     * IG from the zero baseline: on the ray a x, a &gt; 0, the gradient is grad f(x) (the activation pattern and
     * the pooled argmax are those of x), so every node a &gt; 0 contributes grad f(x); the node a = 0 of the left and
     * trapezoid rules sits where every pre-activation is 0, and relu'(0) = 0 gives grad f(0) = 0 for a network
     * with a hidden layer. Hence IG_i = x_i g_i (1 - w_0 [hidden]), w_0 = 1/m (left), 1/(2m) (trapezoid), 0
     * (right, midpoint). Checked exactly on dyadic cases with m a power of two (all arithmetic exact).
     */
    @Property(tries = 150)
    void integratedGradientsFromZeroAreGradientTimesInput(Check check) {
        Gen<Case> exactCases = cases(false).filter(Case::exact);
        check.forAll(exactCases.as("case"), Gens.elements(Rule.values()).as("rule"), Gens.integers(0, 4).as("log2 m"),
                (c, rule, lm) -> {
                    int m = 1 << lm;
                    Target f = c.target();
                    double[] ig = IntegratedGradients.attribute(f, c.x(), Tensor.zeros(c.shape()), m, rule).toArray();
                    double[] g = Saliency.gradient(f, c.x()).toArray();
                    double[] x = c.x().toArray();
                    BigDecimal w0 = !c.hidden() ? BigDecimal.ZERO : switch (rule) {
                        case LEFT -> BigDecimal.ONE.divide(BigDecimal.valueOf(m));
                        case TRAPEZOID -> BigDecimal.ONE.divide(BigDecimal.valueOf(2L * m));
                        case RIGHT, MIDPOINT -> BigDecimal.ZERO;
                    };
                    check.label(rule + (c.hidden() ? ", hidden layer" : ", linear"));
                    for (int i = 0; i < x.length; i++) {
                        BigDecimal expected = new BigDecimal(x[i]).multiply(new BigDecimal(g[i])).multiply(BigDecimal.ONE.subtract(w0));
                        Claims.that("IG_" + i + " = x_i g_i (1 - w_0) exactly: " + ig[i] + " vs " + expected,
                                new BigDecimal(ig[i]).compareTo(expected) == 0);
                    }
                });
    }

    /** Drop homogeneity (biases): sum_i x_i g_i = f(x) fails. */
    @Counterexample
    void failsWithBiases(Check check) {
        check.forAll(cases(true).as("case"), c -> {
            Target f = c.target();
            double sum = 0;
            for (double v : Saliency.gradientTimesInput(f, c.x()).toArray()) {
                sum += v;
            }
            Claims.close("sum_i x_i df/dx_i(x) = f(x)", sum, f.value(c.x()), 2 * Tol.gamma(c.fanIn() + c.x().size() + 4) * c.abs());
        });
    }

    /** Drop the zero baseline: IG from x' != 0 is not gradient x input (midpoint, 8 steps). */
    @Counterexample
    void failsForANonZeroBaseline(Check check) {
        check.forAll(cases(false).as("case"), Gens.doubles(-2, 2).as("baseline entry"), (c, b) -> {
            Target f = c.target();
            double[] ig = IntegratedGradients.attribute(f, c.x(), Tensor.full(b, c.shape()), 8, Rule.MIDPOINT).toArray();
            double[] gx = Saliency.gradientTimesInput(f, c.x()).toArray();
            for (int i = 0; i < ig.length; i++) {
                Claims.close("IG_" + i + "(x; x') = x_i g_i", ig[i], gx[i], 2 * Tol.gamma(c.fanIn() + 20) * c.abs());
            }
        });
    }
}
