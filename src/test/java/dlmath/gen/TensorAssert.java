package dlmath.gen;

import dlmath.check.ClaimFailure;
import dlmath.tensor.Shapes;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions for tensors. A failure names the first offending index, both values,
 * the difference and the tolerance:
 * <pre>
 * expected Tensor[2, 2] close to Tensor[2, 2] within 1.0E-12 (|a - b| <= tol), but at [1, 0]:
 *   actual   = 3.0
 *   expected = 3.5
 *   |diff|   = 0.5
 * </pre>
 * A failure is a {@link ClaimFailure}: a tensor claim, like a {@code Claims.*} assertion, so it
 * also makes a {@code @Counterexample} witness.
 */
public final class TensorAssert extends AbstractAssert<TensorAssert, Tensor> {

    private TensorAssert(Tensor actual) {
        super(actual, TensorAssert.class);
    }

    /** Fails the claim with a formatted message (prefixed with the {@code as(...)} description, if any). */
    private void claimFailed(String format, Object... args) {
        String description = descriptionText();
        throw new ClaimFailure((description == null || description.isEmpty() ? "" : "[" + description + "] ")
                + String.format(format, args));
    }

    /** Entry point: {@code assertThat(t).isCloseTo(u, tol)}. */
    public static TensorAssert assertThat(Tensor actual) {
        return new TensorAssert(actual);
    }

    /** The shape is exactly {@code shape}. */
    public TensorAssert hasShape(int... shape) {
        isNotNull();
        if (!Arrays.equals(actual.shape(), shape)) {
            claimFailed("expected shape %s but was %s", Shapes.toString(shape), Shapes.toString(actual.shape()));
        }
        return this;
    }

    /** Same shape and |a_i - b_i| <= tol for every entry. */
    public TensorAssert isCloseTo(Tensor expected, double tol) {
        return isCloseTo(expected, Tensor.full(tol, expected.shape()));
    }

    /** Same shape and |a_i - b_i| <= tol_i entrywise (a tolerance per entry, e.g. gamma_n |A||B|). */
    public TensorAssert isCloseTo(Tensor expected, Tensor tol) {
        isNotNull();
        hasShape(expected.shape());
        double[] a = actual.toArray();
        double[] b = expected.toArray();
        double[] t = tol.broadcastTo(expected.shape()).toArray();
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs(a[i] - b[i]);
            if (!(diff <= t[i]) && !(a[i] == b[i])) {
                claimFailed("expected %s close to %s within %s, but at %s:%n  actual   = %s%n  expected = %s%n"
                                + "  |diff|   = %s%n  tol      = %s%nactual:%n%s%nexpected:%n%s",
                        "Tensor" + Shapes.toString(actual.shape()), "Tensor" + Shapes.toString(expected.shape()),
                        sameTol(t) ? String.valueOf(t[0]) : "an entrywise tolerance", index(expected.shape(), i),
                        a[i], b[i], diff, t[i], actual, expected);
            }
        }
        return this;
    }

    /** Bit-for-bit equal entries and the same shape. */
    public TensorAssert isExactly(Tensor expected) {
        isNotNull();
        hasShape(expected.shape());
        double[] a = actual.toArray();
        double[] b = expected.toArray();
        for (int i = 0; i < a.length; i++) {
            if (Double.compare(a[i], b[i]) != 0 && !(a[i] == b[i])) {
                claimFailed("expected exact equality, but at %s:%n  actual   = %s%n  expected = %s%nactual:%n%s%n"
                        + "expected:%n%s", index(expected.shape(), i), a[i], b[i], actual, expected);
            }
        }
        return this;
    }

    /** Square and |a_ij - a_ji| <= tol. */
    public TensorAssert isSymmetric(double tol) {
        isNotNull();
        int[] s = actual.shape();
        if (s.length != 2 || s[0] != s[1]) {
            claimFailed("expected a square matrix but the shape is %s", Shapes.toString(s));
        }
        for (int i = 0; i < s[0]; i++) {
            for (int j = i + 1; j < s[1]; j++) {
                double a = actual.get(i, j);
                double b = actual.get(j, i);
                if (!(Math.abs(a - b) <= tol)) {
                    claimFailed("expected a symmetric matrix within %s, but a[%d, %d] = %s and a[%d, %d] = %s%n%s",
                            tol, i, j, a, j, i, b, actual);
                }
            }
        }
        return this;
    }

    /** Q^T Q = I within tol entrywise (orthonormal columns; for square Q, orthogonal). */
    public TensorAssert isOrthogonal(double tol) {
        isNotNull();
        int[] s = actual.shape();
        if (s.length != 2) {
            claimFailed("expected a matrix but the shape is %s", Shapes.toString(s));
        }
        Tensor g = actual.transpose().matmul(actual);
        for (int i = 0; i < s[1]; i++) {
            for (int j = 0; j < s[1]; j++) {
                double want = i == j ? 1 : 0;
                double got = g.get(i, j);
                if (!(Math.abs(got - want) <= tol)) {
                    claimFailed("expected orthonormal columns within %s, but (Q^T Q)[%d, %d] = %s, not %s%nQ = %s",
                            tol, i, j, got, want, actual);
                }
            }
        }
        return this;
    }

    private static boolean sameTol(double[] t) {
        for (double v : t) {
            if (v != t[0]) {
                return false;
            }
        }
        return true;
    }

    /** The multi-index of flat position {@code flat} in row-major order, as "[i, j]". */
    static String index(int[] shape, int flat) {
        int[] idx = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = flat % shape[k];
            flat /= shape[k];
        }
        return Arrays.toString(idx);
    }
}
