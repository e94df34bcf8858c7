package dlmath.check;

/**
 * Derived tolerances. {@code U} is the unit roundoff of IEEE double precision and
 * {@code gamma(n) = n u / (1 - n u)} is Higham's constant (Accuracy and Stability of
 * Numerical Algorithms, 2nd ed., Lemma 3.1): a product of n factors (1 + d_i)^{+-1} with
 * |d_i| <= u lies in [1 - gamma(n), 1 + gamma(n)]. So a computed sum of n terms is off by
 * at most gamma(n - 1) * sum |x_i|, a dot product of length n by gamma(n) * sum |x_i y_i|.
 */
public final class Tol {

    /** Unit roundoff u = 2^-53. */
    public static final double U = 0x1.0p-53;

    private Tol() {
    }

    /** Higham's gamma_n = n u / (1 - n u); requires n u < 1. */
    public static double gamma(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("gamma: n must be >= 0, was " + n);
        }
        double nu = n * U;
        if (nu >= 1) {
            throw new IllegalArgumentException("gamma: n u must be < 1, was n = " + n);
        }
        return nu / (1 - nu);
    }
}
