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
import dlmath.gen.LayerGens;
import dlmath.gen.LayerGens.PoolCase;
import dlmath.nn.Functional;
import dlmath.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;

/**
 * NN-04 Max pooling: the gradient flows only to each window's argmax and preserves the total;
 * max pooling commutes with non-decreasing functions. Goodfellow, Bengio &amp; Courville, Deep
 * Learning, Sec. 9.3 (pooling) and Sec. 6.3.1 (the subgradient of max). Page:
 * theorems/layers/NN-04-max-pool-gradient.md.
 */
@Theorem(id = "NN-04", name = "Max pooling routes the gradient to the argmax",
        statement = "d<c, maxpool(x)>/dx = sum over windows of c_w e_{argmax_w}: zero off the argmaxes, total sum(c); maxpool(f(x)) = f(maxpool(x)) for non-decreasing f")
@Tag("layers")
class MaxPoolGradient {

    static Var pool(Var x, PoolCase k) {
        return Functional.maxPool2d(x, k.kernel(), k.stride(), k.padding(), new int[] {1, 1});
    }

    /**
     * The gradient of {@code <c, maxpool(x)>} equals the scatter of c to the argmax of each
     * window, computed here by a separate scan over the window (the first maximum in row-major
     * order wins at ties, PyTorch's rule): exactly, since both add the same c values in output
     * order. Its support lies in the set of argmaxes and its sum is sum(c) within gamma_N sum|c|.
     * Pooling cases include ties (small-integer entries) and windows that overlap (stride &lt; kernel).
     */
    @Property(tries = 200)
    void gradientGoesToTheArgmax(Check check) {
        check.forAll(LayerGens.poolCases(LayerGens.entries()).as("pool"), k -> {
            Graph g = new Graph();
            Var x = g.variable(k.x());
            Var y = pool(x, k);
            Tensor c = k.x().sum(new int[] {0, 1, 2, 3}, false).add(Tensor.arange(y.value().size()).reshape(y.shape()).map(Math::sin));
            Tensor grad = Autodiff.grad(y.mul(g.constant(c)).sum(), x)[0].value();
            double[] expected = new double[k.x().size()];
            boolean[] argmax = new boolean[k.x().size()];
            int[] s = k.x().shape();
            int oh = y.shape()[2];
            int ow = y.shape()[3];
            boolean tie = false;
            for (int n = 0; n < s[0]; n++) {
                for (int ch = 0; ch < s[1]; ch++) {
                    for (int i = 0; i < oh; i++) {
                        for (int j = 0; j < ow; j++) {
                            int best = -1;
                            double bv = 0;
                            int count = 0;
                            for (int a = 0; a < k.kernel()[0]; a++) {
                                for (int b = 0; b < k.kernel()[1]; b++) {
                                    int r = i * k.stride()[0] - k.padding()[0] + a;
                                    int q = j * k.stride()[1] - k.padding()[1] + b;
                                    if (r < 0 || r >= s[2] || q < 0 || q >= s[3]) {
                                        continue;
                                    }
                                    double v = k.x().get(n, ch, r, q);
                                    if (best < 0 || v > bv) {
                                        best = ((n * s[1] + ch) * s[2] + r) * s[3] + q;
                                        bv = v;
                                        count = 1;
                                    } else if (v == bv) {
                                        count++;
                                    }
                                }
                            }
                            tie |= count > 1;
                            Claims.close("maxpool[" + n + ", " + ch + ", " + i + ", " + j + "] = window maximum", y.value().get(n, ch, i, j), bv, 0);
                            expected[best] += c.get(n, ch, i, j);
                            argmax[best] = true;
                        }
                    }
                }
            }
            check.label(tie ? "ties in a window" : "no ties");
            check.cover(TIES, tie, "ties in a window");
            double[] got = grad.toArray();
            double total = 0;
            for (int i = 0; i < got.length; i++) {
                Claims.close("dL/dx[" + i + "] = sum of c over the windows whose argmax is " + i, got[i], expected[i], 0);
                if (!argmax[i]) {
                    Claims.that("dL/dx[" + i + "] = 0 off the argmaxes", got[i] == 0);
                }
                total += got[i];
            }
            double cs = c.sumAll();
            Claims.close("sum dL/dx = sum c (pooling preserves the total gradient)", total, cs,
                    Nn.gamma(got.length + c.size()) * c.abs().sumAll() * 2);
        });
    }

    /**
     * Required share (percent) of tries with a tie inside a window. Integer entries (1 in 4, five
     * values) make ties in about a quarter of the cases (measured 26%); taking p &gt;= 0.2, over
     * 200 tries a share below 3% has probability at most exp(-200 D(0.03 || 0.2)) = exp(-26) &lt; 1e-11.
     */
    static final double TIES = 3;

    /** Non-decreasing functions (rounded to nearest, Java's Math functions are semi-monotonic). */
    static final Gen<DoubleUnaryOperator> INCREASING = Gens.elements(Math::exp, Math::tanh, v -> v * v * v, v -> v + 1,
            Math::cbrt, v -> Math.max(v, 0));

    /** maxpool(f(x)) = f(maxpool(x)) exactly for non-decreasing f (f of the maximum is the maximum of f). */
    @Property(tries = 200)
    void commutesWithNonDecreasingFunctions(Check check) {
        check.forAll(LayerGens.poolCases(LayerGens.entries()).as("pool"), INCREASING.as("f"), (k, f) -> {
            Graph g = new Graph();
            Tensor a = pool(g.constant(k.x().map(f)), k).value();
            Tensor b = pool(g.constant(k.x()), k).value().map(f);
            double[] av = a.toArray();
            double[] bv = b.toArray();
            for (int i = 0; i < av.length; i++) {
                Claims.close("maxpool(f(x))[" + i + "] = f(maxpool(x))[" + i + "]", av[i], bv[i], 0);
            }
        });
    }

    /** Necessity of "non-decreasing": for f(x) = -x, maxpool(-x) = -minpool(x), not -maxpool(x). */
    @Counterexample
    void failsForDecreasingFunctions(Check check) {
        check.forAll(LayerGens.poolCases(LayerGens.entries()).as("pool"), k -> {
            Graph g = new Graph();
            double[] a = pool(g.constant(k.x().neg()), k).value().toArray();
            double[] b = pool(g.constant(k.x()), k).value().neg().toArray();
            for (int i = 0; i < a.length; i++) {
                Claims.close("maxpool(-x)[" + i + "] = -maxpool(x)[" + i + "]", a[i], b[i], 0);
            }
        });
    }

}
