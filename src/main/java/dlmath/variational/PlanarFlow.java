package dlmath.variational;

/**
 * The planar flow {@code f(x) = x + u tanh(w^T x + b)} (Rezende &amp; Mohamed 2015, eq. 10), with
 * {@code det J_f(x) = 1 + (1 - tanh^2(w^T x + b)) u^T w} (eqs. 11-12). It is invertible iff
 * {@code w^T u >= -1} (Appendix A.1); otherwise the determinant changes sign and the map folds, and
 * the change-of-variables formula no longer gives a density.
 */
public final class PlanarFlow implements Flow {

    private final double[] u;
    private final double[] w;
    private final double b;

    /**
     * @param u the direction, finite
     * @param w the normal, of u's length
     * @param b the offset
     */
    public PlanarFlow(double[] u, double[] w, double b) {
        Args.vector("PlanarFlow", "u", u);
        Args.count("PlanarFlow", "u.length", u.length, 1);
        Args.vector("PlanarFlow", "w", w, u.length);
        this.b = Args.finite("PlanarFlow", "b", b);
        this.u = u.clone();
        this.w = w.clone();
    }

    public double[] u() {
        return u.clone();
    }

    public double[] w() {
        return w.clone();
    }

    public double b() {
        return b;
    }

    /** Whether {@code w^T u >= -1} (the map is a bijection). */
    public boolean isInvertible() {
        return Lin.dot(w, u) >= -1;
    }

    @Override
    public int dim() {
        return u.length;
    }

    @Override
    public double[] forward(double[] x) {
        Args.vector("PlanarFlow.forward", "x", x, dim());
        double h = Math.tanh(Lin.dot(w, x) + b);
        double[] z = x.clone();
        for (int i = 0; i < z.length; i++) {
            z[i] += u[i] * h;
        }
        return z;
    }

    @Override
    public double logAbsDetJacobian(double[] x) {
        Args.vector("PlanarFlow.logAbsDetJacobian", "x", x, dim());
        double h = Math.tanh(Lin.dot(w, x) + b);
        return Math.log(Math.abs(1 + (1 - h * h) * Lin.dot(u, w)));
    }

    @Override
    public String toString() {
        return "Planar(u = " + java.util.Arrays.toString(u) + ", w = " + java.util.Arrays.toString(w) + ", b = " + b + ")";
    }
}
