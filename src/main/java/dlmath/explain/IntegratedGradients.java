package dlmath.explain;

import dlmath.tensor.Tensor;
import java.util.Objects;

/**
 * Integrated gradients (Sundararajan, Taly &amp; Yan, Axiomatic Attribution for Deep Networks,
 * ICML 2017, Sec. 3 and the Riemann approximation of Sec. 5):
 *
 * <pre>
 *   IG_i(x) = (x_i - x'_i) int_0^1 df/dx_i(x' + a (x - x')) da
 * </pre>
 *
 * with the integral replaced by a quadrature rule with m steps on [0, 1]. The rules differ in
 * their nodes and weights (h = 1/m): left a_k = k h (k = 0..m-1), right a_k = k h (k = 1..m),
 * midpoint a_k = (k + 1/2) h (k = 0..m-1), each with weight h, and the trapezoid rule at a_k = k h
 * (k = 0..m) with weights h/2 at the two ends and h inside. The path point at a = 1 is x itself.
 */
public final class IntegratedGradients {

    /** The largest number of steps (gradient evaluations are m or m + 1). */
    public static final int MAX_STEPS = 100_000;

    /** A quadrature rule on [0, 1] with m steps. */
    public enum Rule {
        /** Left Riemann sum: nodes 0, h, ..., 1 - h; error O(1/m). */
        LEFT,
        /** Right Riemann sum: nodes h, 2h, ..., 1; error O(1/m). */
        RIGHT,
        /** Midpoint rule: nodes h/2, 3h/2, ..., 1 - h/2; error O(1/m^2). */
        MIDPOINT,
        /** Trapezoid rule: nodes 0, h, ..., 1, end weights h/2; error O(1/m^2). */
        TRAPEZOID;

        /**
         * The nodes of the rule with m steps.
         *
         * @param m the number of steps, 1 to {@link #MAX_STEPS}
         * @return the nodes in [0, 1], increasing
         */
        public double[] nodes(int m) {
            requireSteps(m);
            double[] a = new double[this == TRAPEZOID ? m + 1 : m];
            for (int k = 0; k < a.length; k++) {
                a[k] = switch (this) {
                    case LEFT, TRAPEZOID -> (double) k / m;
                    case RIGHT -> (double) (k + 1) / m;
                    case MIDPOINT -> (k + 0.5) / m;
                };
            }
            return a;
        }

        /**
         * The weights of the nodes, times m: 1 for every node, except 1/2 at the trapezoid rule's ends.
         *
         * @param m the number of steps
         * @return m times the weights, one per node
         */
        public double[] scaledWeights(int m) {
            requireSteps(m);
            double[] w = new double[this == TRAPEZOID ? m + 1 : m];
            java.util.Arrays.fill(w, 1.0);
            if (this == TRAPEZOID) {
                w[0] = 0.5;
                w[m] = 0.5;
            }
            return w;
        }
    }

    private IntegratedGradients() {
    }

    static void requireSteps(int m) {
        if (m < 1 || m > MAX_STEPS) {
            throw new IllegalArgumentException("integrated gradients: steps m must be in [1, " + MAX_STEPS + "], got " + m);
        }
    }

    /**
     * Integrated gradients of f at x from a baseline.
     *
     * @param f the target
     * @param x the input
     * @param baseline the baseline x', of x's shape
     * @param m the number of steps, 1 to {@link #MAX_STEPS}
     * @param rule the quadrature rule
     * @return the attributions, of x's shape; their sum approximates f(x) - f(x')
     * @throws IllegalArgumentException on a wrong shape, a non-finite entry, m out of range, or
     *     a non-finite value or gradient of f on the path
     */
    public static Tensor attribute(Target f, Tensor x, Tensor baseline, int m, Rule rule) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(rule, "rule");
        f.requireInput("IntegratedGradients.attribute", "x", x);
        f.requireInput("IntegratedGradients.attribute", "baseline", baseline);
        requireSteps(m);
        double[] xs = x.toArray();
        double[] bs = baseline.toArray();
        int n = xs.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = xs[i] - bs[i];
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("IntegratedGradients.attribute: x - baseline overflows at entry " + i
                        + ": x[" + i + "] = " + xs[i] + ", baseline[" + i + "] = " + bs[i]);
            }
        }
        double[] nodes = rule.nodes(m);
        double[] weights = rule.scaledWeights(m);
        double[] sum = new double[n];
        int[] shape = f.shape();
        for (int k = 0; k < nodes.length; k++) {
            double a = nodes[k];
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                p[i] = a == 1.0 ? xs[i] : bs[i] + a * d[i];
            }
            double[] g = f.gradient(Tensor.of(shape, p)).toArray();
            for (int i = 0; i < n; i++) {
                sum[i] += weights[k] * g[i];
            }
        }
        double[] ig = new double[n];
        for (int i = 0; i < n; i++) {
            ig[i] = d[i] * (sum[i] / m);
            if (!Double.isFinite(ig[i])) {
                throw new IllegalArgumentException("IntegratedGradients.attribute: attribution " + i + " overflows ("
                        + ig[i] + "): the gradients along the path are too large");
            }
        }
        return Tensor.of(shape, ig);
    }
}
