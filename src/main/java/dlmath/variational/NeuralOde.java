package dlmath.variational;

import java.util.Objects;

/**
 * The ODE {@code y' = tanh(W y + b)} on {@code [0, T]} solved by {@code L} Euler steps, with the loss
 * {@code l = 1/2 ||y_L - target||^2}, and its gradient by the discrete adjoint method (Chen et al.,
 * Neural Ordinary Differential Equations, NeurIPS 2018, Sec. 2, discretize-then-optimize; Gholami,
 * Keutzer &amp; Biros, ANODE, IJCAI 2019, eq. 6): with {@code a_L = y_L - target},
 * <pre>
 * u_k = (1 - s_k^2) * a_{k+1},   s_k = tanh(W y_k + b)
 * a_k = a_{k+1} + h W^T u_k,     dl/dW += h u_k y_k^T,   dl/db += h u_k,
 * </pre>
 * for k = L-1, ..., 0, and {@code dl/dy_0 = a_0}: the backward pass of the Euler recursion, so it
 * equals reverse-mode differentiation of the same solve (up to rounding).
 */
public final class NeuralOde {

    private final TanhField field;
    private final double horizon;
    private final int steps;

    /** The loss and its gradients. */
    public record Gradients(double loss, double[][] dW, double[] db, double[] dy0) {
    }

    /**
     * @param field the field tanh(W y + b)
     * @param horizon T, positive and finite
     * @param steps L, at least 1
     */
    public NeuralOde(TanhField field, double horizon, int steps) {
        this.field = Objects.requireNonNull(field, "field");
        this.horizon = Args.positive("NeuralOde", "horizon", horizon);
        this.steps = Args.count("NeuralOde", "steps", steps, 1);
    }

    public double stepSize() {
        return horizon / steps;
    }

    /** The Euler iterates y_0, ..., y_L. */
    public double[][] path(double[] y0) {
        Args.vector("NeuralOde.path", "y0", y0, field.dim());
        return Ode.eulerPath(field, y0, 0, horizon, steps);
    }

    /** The loss {@code 1/2 ||y_L - target||^2} and its gradients by the discrete adjoint method. */
    public Gradients adjoint(double[] y0, double[] target) {
        Args.vector("NeuralOde.adjoint", "y0", y0, field.dim());
        Args.vector("NeuralOde.adjoint", "target", target, field.dim());
        int d = field.dim();
        double h = stepSize();
        double[][] w = field.rawW();
        double[][] y = path(y0);
        double[] a = Lin.sub(y[steps], target);
        double loss = 0.5 * Lin.dot(a, a);
        double[][] dw = new double[d][d];
        double[] db = new double[d];
        for (int k = steps - 1; k >= 0; k--) {
            double[] s = field.apply(y[k]);
            double[] u = new double[d];
            for (int i = 0; i < d; i++) {
                u[i] = (1 - s[i] * s[i]) * a[i];
            }
            for (int i = 0; i < d; i++) {
                db[i] += h * u[i];
                for (int j = 0; j < d; j++) {
                    dw[i][j] += h * u[i] * y[k][j];
                }
            }
            double[] wtu = Lin.mulT(w, u);
            for (int j = 0; j < d; j++) {
                a[j] += h * wtu[j];
            }
        }
        if (Double.isNaN(loss) || hasNaN(a) || hasNaN(db) || java.util.Arrays.stream(dw).anyMatch(NeuralOde::hasNaN)) {
            // e.g. T = 1e308 with y0 at 1e308: y_L - target is infinite and 1 - tanh^2 rounds to 0, then 0 * inf
            throw Args.error("NeuralOde.adjoint", "the gradients at y0 = %s (T = %s, L = %d) are beyond the double range "
                    + "(an intermediate overflowed)", java.util.Arrays.toString(y0), horizon, steps);
        }
        return new Gradients(loss, dw, db, a);
    }

    private static boolean hasNaN(double[] v) {
        for (double x : v) {
            if (Double.isNaN(x)) {
                return true;
            }
        }
        return false;
    }
}
