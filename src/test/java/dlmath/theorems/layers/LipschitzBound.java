package dlmath.theorems.layers;

import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.nn.Functional;
import dlmath.tensor.Tensor;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Tag;

/**
 * NN-10 For 1-Lipschitz activations, ||f(x) - f(y)|| &lt;= prod ||W_i||_2 ||x - y||.
 * Goodfellow, Bengio &amp; Courville, Deep Learning, Sec. 7.13 (sensitivity and adversarial
 * examples); Szegedy et al., Intriguing properties of neural networks, ICLR 2014, Sec. 4.3
 * (the product of operator norms bounds the instability). Page: theorems/layers/NN-10-lipschitz-bound.md.
 */
@Theorem(id = "NN-10", name = "Lipschitz bound of a feed-forward network",
        statement = "for f = W_L s(... s(W_1 x + b_1) ...) + b_L with s 1-Lipschitz (relu, tanh): ||f(x) - f(y)||_2 <= prod ||W_i||_2 ||x - y||_2, sharp for one layer")
@Tag("layers")
class LipschitzBound {

    /** The spectral norm by commons-math3's SVD (an oracle independent of the code under test). */
    static double spectralNorm(Tensor w) {
        return new SingularValueDecomposition(new Array2DRowRealMatrix(w.toArray2D())).getNorm();
    }

    static Tensor apply(ReluNetworks.Net net, Tensor x, boolean tanh, double eluAlpha) {
        Graph g = new Graph();
        Var h = g.constant(x);
        for (int l = 0; l < net.weights().size(); l++) {
            h = Functional.linear(h, g.constant(net.weights().get(l)), g.constant(net.biases().get(l)));
            if (l < net.weights().size() - 1) {
                h = eluAlpha > 0 ? Functional.elu(h, eluAlpha) : tanh ? Functional.tanh(h) : Functional.relu(h);
            }
        }
        return h.value();
    }

    /**
     * The bound with rounding: f(x) and f(y) are each within gamma_{N+4} |W_L| ... (|W_1| |x| + |b|)
     * (absolute-value pass with biases, tanh within 1 ulp), measured in the 2-norm; the norms and
     * products add gamma_{2L+n}; SVD's norm within 1e-14 relative (commons-math3, backward stable).
     * target() climbs the ratio toward 1 (one layer, x - y along the top singular vector).
     */
    @Property(tries = 300)
    void productOfSpectralNormsBoundsTheNetwork(Check check) {
        check.forAll(ReluNetworks.NETS.as("net"), Gens.longs(0, 1000).as("seed"), Gens.booleans().as("tanh"), Gens.doubles(1e-6, 3).as("r"),
                (net, seed, tanh, r) -> {
                    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
                    Tensor x = Tensor.randn(rng, net.inputs());
                    Tensor d = Tensor.randn(rng, net.inputs());
                    Tensor y = x.add(d.mul(r / Math.max(d.norm2(), 1e-300)));
                    double lip = 1;
                    for (Tensor w : net.weights()) {
                        lip *= spectralNorm(w) * (1 + 1e-14);
                    }
                    double dist = x.sub(y).norm2();
                    double out = apply(net, x, tanh, 0).sub(apply(net, y, tanh, 0)).norm2();
                    double err = rounding(net, x) + rounding(net, y);
                    if (dist > 0 && lip > 0) {
                        check.target(out / (lip * dist), "||f(x) - f(y)|| / (prod ||W|| ||x - y||)");
                    }
                    Claims.atMost("||f(x) - f(y)|| <= prod ||W_i|| ||x - y||", out,
                            lip * dist * (1 + Tol.gamma(2 * net.weights().size() + net.inputs() + 4)) + err);
                });
    }

    /** The 2-norm of the rounding bound gamma_{N+4} (|W_L| ... (|W_1| |x| + |b_1|) ... + |b_L|). */
    static double rounding(ReluNetworks.Net net, Tensor x) {
        Tensor a = x.abs();
        int n = 0;
        for (int l = 0; l < net.weights().size(); l++) {
            a = net.weights().get(l).abs().matmul(a).add(net.biases().get(l).abs());
            n += net.weights().get(l).dim(1) + 2;
        }
        return Tol.gamma(n + 4) * a.norm2() * (1 + Tol.gamma(a.size())) + Nn.underflow(2 * n + 8, ReluNetworks.gain(net)) * Math.sqrt(a.size());
    }

    /** Necessity of 1-Lipschitz activations: ELU with alpha = 2 has slope up to 2 below 0. */
    @Counterexample
    void eluWithAlphaTwoIsNotOneLipschitz(Check check) {
        check.forAll(Gens.doubles(-0.5, -1e-3).as("x"), x -> {
            ReluNetworks.Net net = new ReluNetworks.Net(java.util.List.of(Tensor.of(new double[][] {{1}}), Tensor.of(new double[][] {{1}})),
                    java.util.List.of(Tensor.of(0.0), Tensor.of(0.0)));
            double out = Math.abs(apply(net, Tensor.of(x), false, 2.0).get(0) - apply(net, Tensor.of(0.0), false, 2.0).get(0));
            Claims.atMost("|f(x) - f(0)| <= |x| for ELU(alpha = 2)", out, Math.abs(x) * (1 + Tol.gamma(8)) + Tol.gamma(8));
        });
    }
}
