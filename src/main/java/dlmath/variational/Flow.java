package dlmath.variational;

/**
 * A normalizing flow: a map {@code f} from data x to a latent z with the standard normal base
 * density, and the log of the absolute value of its Jacobian determinant. When f is a
 * diffeomorphism, the change-of-variables formula gives the density of x:
 * {@code log p_X(x) = log N(f(x); 0, I) + log |det J_f(x)|} (Rezende &amp; Mohamed, Variational
 * Inference with Normalizing Flows, ICML 2015, eq. 5; Papamakarios et al., Normalizing Flows for
 * Probabilistic Modeling and Inference, JMLR 22 (2021), eq. 2).
 */
public interface Flow {

    /** The dimension of x and z. */
    int dim();

    /** z = f(x). */
    double[] forward(double[] x);

    /** {@code log |det J_f(x)|}. */
    double logAbsDetJacobian(double[] x);

    /** {@code log p_X(x) = log N(f(x); 0, I) + log |det J_f(x)|}. */
    default double logDensity(double[] x) {
        Args.vector("Flow.logDensity", "x", x, dim());
        double[] z = forward(x);
        double s = 0;
        for (double zi : z) {
            s += -0.5 * Math.log(2 * Math.PI) - 0.5 * zi * zi;
        }
        return s + logAbsDetJacobian(x);
    }
}
