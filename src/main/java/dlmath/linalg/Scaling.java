package dlmath.linalg;

import dlmath.tensor.Tensor;

/**
 * Power-of-two scaling shared by the decompositions and solvers (LAPACK's safe-scaling practice:
 * {@code dlascl}, {@code dgeequb}). Multiplying by {@code 2^e} is exact unless it under- or
 * overflows, so a factorization of {@code 2^-e A} is, bit for bit, the factorization of {@code A}
 * scaled, and results scaled back by {@code 2^e} are right wherever they are representable.
 *
 * <p>The policy keeps ordinary matrices untouched ({@code e = 0}, the same bits as without
 * scaling): only a matrix whose largest entry is above {@code 2^(HIGH - ceil(log2 n))} (where the
 * algorithm's intermediate values, at most about {@code n max|a|}, could overflow) is scaled down
 * just enough, and one whose largest entry is below {@code 2^LOW} (where products underflow into
 * subnormals and lose digits) is scaled up to {@code [1, 2)}.
 */
final class Scaling {

    /** Largest exponent kept as is for an order-1 problem (a margin of 2^21 below overflow). */
    static final int HIGH = 1000;
    /** Smallest exponent kept as is. */
    static final int LOW = -500;

    private Scaling() {
    }

    /**
     * The exponent {@code e} such that {@code 2^-e A} is safe for an algorithm on {@code n}
     * rows/columns with growth at most about {@code n}; 0 for ordinary matrices.
     */
    static int exponent(double maxAbs, int n) {
        if (maxAbs == 0 || !Double.isFinite(maxAbs)) {
            return 0;
        }
        int ex = exponentOf(maxAbs);
        int high = HIGH - (32 - Integer.numberOfLeadingZeros(Math.max(n, 1)));
        if (ex > high) {
            return ex - high;
        }
        if (ex < LOW) {
            return ex;
        }
        return 0;
    }

    /**
     * Like {@link #exponent}, for algorithms that form squares and sums of squares of the entries
     * (a covariance {@code X^T X}): keeps {@code n max|a|^2} in range.
     */
    static int squaresExponent(double maxAbs, int n) {
        if (maxAbs == 0 || !Double.isFinite(maxAbs)) {
            return 0;
        }
        int ex = exponentOf(maxAbs);
        int high = HIGH / 2 - (32 - Integer.numberOfLeadingZeros(Math.max(n, 1)));
        if (ex > high) {
            return ex - high;
        }
        if (ex < LOW / 2) {
            return ex;
        }
        return 0;
    }

    /** An even exponent (for factorizations with square roots, as Cholesky): rounds up. */
    static int evenExponent(double maxAbs, int n) {
        int e = exponent(maxAbs, n);
        return (e & 1) == 0 ? e : e + 1;
    }

    /** The binary exponent of a finite non-zero x, also for subnormals (where getExponent says -1023). */
    static int exponentOf(double x) {
        int e = Math.getExponent(x);
        return e >= Double.MIN_EXPONENT ? e : Math.getExponent(x * 0x1p64) - 64;
    }

    /**
     * {@code 2^-e a} for the exponent e of {@link #exponent}: the matrix an algorithm that exposes
     * intermediate results (singular values) should work on, so that they stay in the normal range.
     */
    static Tensor scaled(Tensor a, int e) {
        return e == 0 ? a : a.map(x -> Math.scalb(x, -e));
    }

    /** In place: {@code a := 2^-e a}. */
    static void scale(double[][] a, int e) {
        if (e == 0) {
            return;
        }
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.scalb(row[j], -e);
            }
        }
    }

    /** In place: {@code a := 2^e a} (the inverse of {@link #scale}). */
    static void unscale(double[][] a, int e) {
        scale(a, -e);
    }

    /** {@code 2^e x}, exact unless it over- or underflows. */
    static double times(double x, int e) {
        return e == 0 ? x : Math.scalb(x, e);
    }
}
