package dlmath.theorems.layers;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Tol;
import dlmath.gen.LayerGens.ConvCase;
import dlmath.tensor.Tensor;
import dlmath.theorems.autodiff.FiniteDifferences;
import dlmath.theorems.autodiff.RunningError;
import java.util.function.Function;

/**
 * Independent references and shared checks of the layers chapter: a naive seven-loop
 * convolution written from the definition (not from the kernels under test), its rounding
 * bound, and a gradient check of a scalar function against central differences with the error
 * model of {@link FiniteDifferences}.
 */
final class Nn {

    private Nn() {
    }

    /**
     * y[n][o][i][j] = sum_c sum_a sum_b w[o][c][a][b] x[n][c][i s - p + a d][j s - p + b d] (zero
     * outside), the seven loops of the definition (PyTorch's Conv2d documentation), on
     * {@link Tensor#get}; also returns the sum of |terms| per output (for the rounding bound).
     */
    static Tensor[] naiveConv(ConvCase k) {
        Tensor x = k.x();
        Tensor w = k.w();
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int o = w.dim(0);
        int kh = w.dim(2);
        int kw = w.dim(3);
        int oh = 0;
        while (oh * k.stride()[0] + k.dilation()[0] * (kh - 1) <= h + 2 * k.padding()[0] - 1) {
            oh++;
        }
        int ow = 0;
        while (ow * k.stride()[1] + k.dilation()[1] * (kw - 1) <= wd + 2 * k.padding()[1] - 1) {
            ow++;
        }
        double[] y = new double[n * o * oh * ow];
        double[] abs = new double[y.length];
        for (int in = 0; in < n; in++) {
            for (int io = 0; io < o; io++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = 0;
                        double m = 0;
                        for (int ic = 0; ic < c; ic++) {
                            for (int a = 0; a < kh; a++) {
                                for (int b = 0; b < kw; b++) {
                                    int r = i * k.stride()[0] - k.padding()[0] + a * k.dilation()[0];
                                    int q = j * k.stride()[1] - k.padding()[1] + b * k.dilation()[1];
                                    double xv = r >= 0 && r < h && q >= 0 && q < wd ? x.get(in, ic, r, q) : 0;
                                    double t = w.get(io, ic, a, b) * xv;
                                    s += t;
                                    m += Math.abs(t);
                                }
                            }
                        }
                        int idx = ((in * o + io) * oh + i) * ow + j;
                        y[idx] = s;
                        abs[idx] = m;
                    }
                }
            }
        }
        int[] shape = {n, o, oh, ow};
        return new Tensor[] {Tensor.of(shape, y), Tensor.of(shape, abs)};
    }

    /**
     * Checks the reverse-mode gradient of a scalar function against central differences, entry
     * by entry. Rounding, per entry and per evaluation point, by running error analysis
     * ({@link RunningError}): each evaluation of f is within {@code RunningError.of(f(x))} (every
     * primitive's own rounding plus the errors of its inputs carried through it), each computed
     * gradient entry within the bound of its reverse-sweep tape (created as a graph). The
     * function must not detach computed values (a detached value would be taken as exact data).
     *
     * @return the number of entries compared
     */
    static int gradientMatchesFiniteDifferences(String what, Function<Var[], Var> f, Tensor... x) {
        Graph g = new Graph();
        Var[] vars = Autodiff.variables(g, x);
        Var[] grads = Autodiff.grad(f.apply(vars), null, true, vars);
        int count = 0;
        for (int a = 0; a < x.length; a++) {
            double[] xa = x[a].toArray();
            double[] ga = grads[a].value().toArray();
            double[] ad = RunningError.flat(grads[a]);
            for (int j = 0; j < xa.length; j++) {
                int ia = a;
                int ij = j;
                java.util.Map<Double, Var> at = new java.util.HashMap<>();     // one evaluation per stencil point, for both
                java.util.function.DoubleFunction<Var> fAt = v -> at.computeIfAbsent(v, t -> apply(f, x, ia, ij, t));
                FiniteDifferences.Column col = FiniteDifferences.central(v -> new double[] {fAt.apply(v).value().item()}, xa[j],
                        v -> RunningError.flat(fAt.apply(v)), Math.max(1, Math.abs(xa[j])));
                Claims.close(what + ": d/d x" + a + "[" + j + "], reverse mode vs central difference", ga[j], col.derivative()[0],
                        col.tolerance()[0] + ad[j]);
                count++;
            }
        }
        return count;
    }

    /** f at x with entry j of input a replaced by v, in a fresh graph. */
    static Var apply(Function<Var[], Var> f, Tensor[] x, int a, int j, double v) {
        Tensor[] p = x.clone();
        double[] d = x[a].toArray();
        d[j] = v;
        p[a] = Tensor.of(x[a].shape(), d);
        Graph g = new Graph();
        return f.apply(Autodiff.variables(g, p));
    }

    /** Labels and covers the hard cases of a convolution (coverage over random tries). */
    static void labelConv(Check check, ConvCase k) {
        int[] s = k.x().shape();
        int[] ws = k.w().shape();
        boolean batch1 = s[0] == 1;
        boolean oneChannel = s[1] == 1;
        boolean kernelIsInput = ws[2] == s[2] && ws[3] == s[3];
        boolean windowIsPaddedInput = k.dilation()[0] * (ws[2] - 1) + 1 == s[2] + 2 * k.padding()[0]
                && k.dilation()[1] * (ws[3] - 1) + 1 == s[3] + 2 * k.padding()[1];
        boolean strideExceeds = k.stride()[0] > ws[2] || k.stride()[1] > ws[3];
        boolean padded = k.padding()[0] > 0 || k.padding()[1] > 0;
        boolean ties = k.hasTies();
        String[] names = {"batch 1", "one channel", "kernel = input size", "window = padded input", "stride > kernel", "padding > 0", "ties in x"};
        boolean[] holds = {batch1, oneChannel, kernelIsInput, windowIsPaddedInput, strideExceeds, padded, ties};
        for (int i = 0; i < names.length; i++) {
            if (holds[i]) {
                check.label(names[i]);
            }
        }
        check.cover(COVER, batch1, "batch 1");
        check.cover(COVER, oneChannel, "one channel");
        check.cover(COVER, strideExceeds, "stride > kernel");
        check.cover(COVER, padded, "padding > 0");
    }

    /**
     * Required share (percent) of a labelled case whose probability under the generator is at
     * least 1/3 (batch 1 and one channel: exactly 1/3; stride &gt; kernel: 3/4; padding &gt; 0:
     * 8/9). Over n &gt;= 100 tries the observed share falls below 5% with probability at most
     * exp(-n D(0.05 || 1/3)) = exp(-0.241 n) &lt;= 4e-11 (Chernoff-Hoeffding, D the binary KL
     * divergence). "Kernel = input size" (about 1/150) is labelled and reached by explicit examples.
     */
    static final double COVER = 5;

    /**
     * Gradual underflow: an operation whose result is subnormal is off by at most half the
     * smallest subnormal in absolute terms instead of u relatively (Higham, Accuracy and
     * Stability, 2nd ed., Sec. 2.1); {@code ops} such errors amplified by at most {@code gain}
     * on their way to the output.
     */
    static double underflow(int ops, double gain) {
        return ops * Double.MIN_VALUE * Math.max(1, gain);
    }

    /** gamma_k, the relative error bound of a k-term sum (Higham, Accuracy and Stability, Sec. 3.1). */
    static double gamma(int k) {
        return Tol.gamma(k);
    }
}
