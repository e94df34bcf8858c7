package dlmath.explain;

import dlmath.linalg.Cholesky;
import dlmath.tensor.Tensor;
import java.util.Objects;

/**
 * KernelSHAP (Lundberg &amp; Lee, A Unified Approach to Interpreting Model Predictions, NeurIPS
 * 2017, Sec. 4.1 and Thm 2): the attributions minimize the weighted squared error of the additive
 * model over the coalitions,
 *
 * <pre>
 *   sum over S, 0 &lt; |S| &lt; n, of pi(S) (v(S) - v(empty) - sum_{i in S} phi_i)^2
 *   subject to sum_i phi_i = v(N) - v(empty),
 * </pre>
 *
 * with the Shapley kernel pi(S) = (n - 1) / (C(n, |S|) |S| (n - |S|)) (its infinite weights on the
 * empty and the full coalition are the constraints). With every coalition and this kernel, the
 * solution is the vector of Shapley values. The constraint eliminates phi_{n-1}; the normal
 * equations of the remaining n - 1 unknowns are solved by Cholesky. Any other kernel of
 * coalition size may be given (to show what the Shapley kernel is needed for).
 */
public final class KernelShap {

    /** A weight for coalitions of size s among n players, 0 &lt; s &lt; n; positive and finite. */
    @FunctionalInterface
    public interface Kernel {
        /**
         * The weight.
         *
         * @param n the number of players
         * @param s the coalition's size, 0 &lt; s &lt; n
         * @return the weight, positive and finite
         */
        double weight(int n, int s);
    }

    /** The Shapley kernel (n - 1) / (C(n, s) s (n - s)) of Lundberg &amp; Lee, Thm 2. */
    public static final Kernel SHAPLEY_KERNEL = (n, s) -> {
        if (!(0 < s && s < n)) {   // the empty and the full coalition have infinite weight (constraints, not rows)
            throw new IllegalArgumentException("SHAPLEY_KERNEL: the coalition size s must be in (0, n), got n = " + n
                    + ", s = " + s);
        }
        return (n - 1) / (Shapley.binomial(n, s) * s * (double) (n - s));
    };

    private KernelShap() {
    }

    /**
     * KernelSHAP with every coalition and the Shapley kernel.
     *
     * @param v the game
     * @param n the number of players, 1 to {@link Shapley#MAX_FEATURES}
     * @return the attributions
     */
    public static double[] values(Game v, int n) {
        return values(v, n, SHAPLEY_KERNEL);
    }

    /**
     * The constrained weighted least squares over every coalition with a given kernel.
     *
     * @param v the game
     * @param n the number of players, 1 to {@link Shapley#MAX_FEATURES}
     * @param kernel the weight of a coalition by its size
     * @return the attributions; they sum to v(N) - v(empty)
     * @throws IllegalArgumentException if n is out of range, a worth is not finite or a weight is
     *     not positive and finite
     */
    public static double[] values(Game v, int n, Kernel kernel) {
        Objects.requireNonNull(v, "v");
        Objects.requireNonNull(kernel, "kernel");
        Shapley.requirePlayers("KernelShap.values", n);
        double[] t = Shapley.table("KernelShap.values", v, n);
        int full = (1 << n) - 1;
        double total = t[full] - t[0];
        if (n == 1) {
            return Shapley.finite("KernelShap.values", new double[] {total});
        }
        int p = n - 1;
        double[] w = new double[n];
        for (int s = 1; s < n; s++) {
            w[s] = kernel.weight(n, s);
            if (!(w[s] > 0 && Double.isFinite(w[s]))) {
                throw new IllegalArgumentException("KernelShap.values: kernel weight for coalitions of size " + s
                        + " among n = " + n + " must be positive and finite, got " + w[s]);
            }
        }
        double[][] m = new double[p][p];
        double[] r = new double[p];
        double[] a = new double[p];
        int last = 1 << p;
        for (int s = 1; s < full; s++) {
            double ws = w[Integer.bitCount(s)];
            int zLast = (s & last) != 0 ? 1 : 0;
            double y = t[s] - t[0] - zLast * total;
            for (int i = 0; i < p; i++) {
                a[i] = ((s >> i) & 1) - zLast;
            }
            for (int i = 0; i < p; i++) {
                if (a[i] == 0) {
                    continue;
                }
                r[i] += ws * a[i] * y;
                for (int j = 0; j < p; j++) {
                    m[i][j] += ws * a[i] * a[j];
                }
            }
        }
        Tensor phi = Cholesky.of(Tensor.of(m)).solve(Tensor.of(r));
        double[] out = new double[n];
        double rest = total;
        for (int i = 0; i < p; i++) {
            out[i] = phi.get(i);
            rest -= out[i];
        }
        out[p] = rest;
        return Shapley.finite("KernelShap.values", out);
    }

    /**
     * KernelSHAP of f at x against a baseline (the interventional game), all coalitions.
     *
     * @param f the target
     * @param x the input
     * @param baseline the baseline
     * @return the attributions, of x's shape
     */
    public static Tensor baseline(Target f, Tensor x, Tensor baseline) {
        Game v = Shapley.interventional(f, x, baseline);
        return Tensor.of(f.shape(), values(v, f.features()));
    }

    /**
     * KernelSHAP of f at x with the game averaged over a background set, all coalitions.
     *
     * @param f the target
     * @param x the input
     * @param background [k, shape of x...]
     * @return the attributions, of x's shape
     */
    public static Tensor background(Target f, Tensor x, Tensor background) {
        Game v = Shapley.expected(f, x, background);
        return Tensor.of(f.shape(), values(v, f.features()));
    }
}
