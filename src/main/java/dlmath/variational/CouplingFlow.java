package dlmath.variational;

/**
 * A two-dimensional affine coupling layer (Dinh, Sohl-Dickstein &amp; Bengio, Density estimation using
 * Real NVP, ICLR 2017, eqs. 4-6): {@code z_1 = x_1}, {@code z_2 = x_2 exp(s(x_1)) + t(x_1)} with
 * {@code s(x_1) = alpha tanh(beta x_1 + gamma)} and {@code t(x_1) = delta x_1 + epsilon}. The Jacobian
 * is triangular: {@code log |det J| = s(x_1)}. Invertible for every parameter value.
 */
public final class CouplingFlow implements Flow {

    private final double alpha;
    private final double beta;
    private final double gamma;
    private final double delta;
    private final double epsilon;

    /** The parameters of s and t, finite; |alpha| at most 300 (exp(s) must stay a normal double). */
    public CouplingFlow(double alpha, double beta, double gamma, double delta, double epsilon) {
        String op = "CouplingFlow";
        this.alpha = Args.finite(op, "alpha", alpha);
        if (Math.abs(alpha) > 300) {
            throw Args.error(op, "|alpha| must be at most 300, got %s", alpha);
        }
        this.beta = Args.finite(op, "beta", beta);
        this.gamma = Args.finite(op, "gamma", gamma);
        this.delta = Args.finite(op, "delta", delta);
        this.epsilon = Args.finite(op, "epsilon", epsilon);
    }

    @Override
    public int dim() {
        return 2;
    }

    private double s(double x1) {
        return alpha * Math.tanh(beta * x1 + gamma);
    }

    @Override
    public double[] forward(double[] x) {
        Args.vector("CouplingFlow.forward", "x", x, 2);
        return new double[] {x[0], x[1] * Math.exp(s(x[0])) + delta * x[0] + epsilon};
    }

    @Override
    public double logAbsDetJacobian(double[] x) {
        Args.vector("CouplingFlow.logAbsDetJacobian", "x", x, 2);
        return s(x[0]);
    }

    @Override
    public String toString() {
        return "Coupling(s = " + alpha + " tanh(" + beta + " x1 + " + gamma + "), t = " + delta + " x1 + " + epsilon + ")";
    }
}
