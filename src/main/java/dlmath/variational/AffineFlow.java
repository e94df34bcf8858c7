package dlmath.variational;

import dlmath.linalg.Lu;
import dlmath.tensor.Tensor;

/** The affine flow {@code f(x) = A x + b} with A nonsingular; {@code log |det J| = log |det A|}. */
public final class AffineFlow implements Flow {

    private final double[][] a;
    private final double[] b;
    private final double logAbsDet;

    /**
     * @param a a square nonsingular matrix
     * @param b the shift, of A's size
     * @throws IllegalArgumentException if A is not square, is singular, or b has the wrong length
     */
    public AffineFlow(double[][] a, double[] b) {
        Args.matrix("AffineFlow", "A", a);
        Args.matrix("AffineFlow", "A", a, a.length, a.length);
        Args.vector("AffineFlow", "b", b, a.length);
        Lu lu = Lu.of(Tensor.of(a));
        if (lu.isSingular()) {
            throw Args.error("AffineFlow", "A is singular: the map is not invertible, A = %s", java.util.Arrays.deepToString(a));
        }
        this.logAbsDet = lu.logAbsDet();
        this.a = Args.copy(a);
        this.b = b.clone();
    }

    @Override
    public int dim() {
        return b.length;
    }

    @Override
    public double[] forward(double[] x) {
        Args.vector("AffineFlow.forward", "x", x, dim());
        double[] z = Lin.mul(a, x);
        for (int i = 0; i < z.length; i++) {
            z[i] += b[i];
        }
        return z;
    }

    @Override
    public double logAbsDetJacobian(double[] x) {
        Args.vector("AffineFlow.logAbsDetJacobian", "x", x, dim());
        return logAbsDet;
    }

    @Override
    public String toString() {
        return "Affine(A = " + java.util.Arrays.deepToString(a) + ", b = " + java.util.Arrays.toString(b) + ")";
    }
}
