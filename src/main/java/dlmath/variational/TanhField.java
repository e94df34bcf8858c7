package dlmath.variational;

/**
 * The autonomous field {@code f(y) = tanh(W y + b)} of a residual block (He et al. 2016) and of a
 * neural ODE (Chen et al. 2018), with its Jacobian {@code df/dy = diag(1 - s^2) W},
 * {@code s = tanh(W y + b)}.
 */
public final class TanhField implements Ode.Field {

    private final double[][] w;
    private final double[] b;

    /**
     * @param w a square d x d matrix, finite
     * @param b the bias, length d, finite
     * @throws IllegalArgumentException naming the parameter on a bad shape or value
     */
    public TanhField(double[][] w, double[] b) {
        Args.matrix("TanhField", "W", w);
        Args.matrix("TanhField", "W", w, w.length, w.length);
        Args.vector("TanhField", "b", b, w.length);
        this.w = Args.copy(w);
        this.b = b.clone();
    }

    public int dim() {
        return b.length;
    }

    public double[][] w() {
        return Args.copy(w);
    }

    public double[] b() {
        return b.clone();
    }

    /** {@code s = tanh(W y + b)}. */
    public double[] apply(double[] y) {
        Args.vector("TanhField.apply", "y", y, dim());
        double[] s = Lin.mul(w, y);
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.tanh(s[i] + b[i]);
        }
        return s;
    }

    @Override
    public double[] at(double t, double[] y) {
        return apply(y);
    }

    double[][] rawW() {
        return w;
    }
}
