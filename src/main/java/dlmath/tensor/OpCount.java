package dlmath.tensor;

import java.util.Objects;

/**
 * An instrument that counts the arithmetic operations the kernels actually execute, on the
 * calling thread, while a piece of code runs: one per entry of an elementwise map or zip (a
 * function evaluation or an arithmetic operation) and of a selection ({@code where}); k - 1
 * additions or comparisons per group of k entries of a sum, max, min or product, k for a mean (k - 1
 * additions and a division), 4k - 2 for a log-sum-exp; 2nmp for a matrix product
 * [n, m] @ [m, p] (a multiply and an add per term); and, in {@code dlmath.linalg}, every
 * multiply-add, division, square root, logarithm and pivot comparison of the LU and Cholesky
 * factorizations and of their triangular solves. Data movement (copies, reshapes, transposes,
 * broadcasting) is not counted.
 *
 * <p>The count is a measurement, independent of the work model that autodiff's registry
 * declares ({@code dlmath.autodiff.Primitives}): the theorems compare the two. Counting costs
 * one volatile read per kernel call when no count is running.
 */
public final class OpCount {

    private static final ThreadLocal<long[]> COUNT = new ThreadLocal<>();
    private static volatile int active;

    private OpCount() {
    }

    /**
     * Runs {@code body} on this thread and returns the number of operations the kernels executed
     * meanwhile (counts may nest: an outer count includes the inner ones).
     *
     * @param body the code to measure
     * @return the number of operations
     */
    public static long during(Runnable body) {
        Objects.requireNonNull(body, "body");
        long[] c = COUNT.get();
        boolean outer = c == null;
        if (outer) {
            c = new long[1];
            COUNT.set(c);
        }
        long start = c[0];
        synchronized (OpCount.class) {
            active++;
        }
        try {
            body.run();
            return c[0] - start;
        } finally {
            synchronized (OpCount.class) {
                active--;
            }
            if (outer) {
                COUNT.remove();
            }
        }
    }

    /**
     * Records {@code n} executed operations (called by the kernels).
     *
     * @param n the number of operations, &gt;= 0
     * @throws IllegalArgumentException if n is negative
     */
    public static void add(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("OpCount.add: n must be >= 0, got " + n);
        }
        if (active > 0) {
            long[] c = COUNT.get();
            if (c != null) {
                c[0] += n;
            }
        }
    }
}
