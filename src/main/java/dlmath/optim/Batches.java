package dlmath.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Mini-batches of indices 0..n-1 for stochastic gradient descent, from an explicit random
 * generator: with replacement (each index uniform and independent), without replacement (a
 * uniform subset, in random order), and epochs (a uniform random permutation cut into batches,
 * as a PyTorch DataLoader with shuffle=True and drop_last=False).
 */
public final class Batches {

    private Batches() {
    }

    /**
     * batchSize independent uniform indices in [0, n).
     *
     * @param n the number of examples, &gt;= 1
     * @param batchSize &gt;= 1
     * @param rng the random source
     */
    public static int[] withReplacement(int n, int batchSize, RandomGenerator rng) {
        check("withReplacement", n, batchSize, rng);
        int[] out = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            out[i] = rng.nextInt(n);
        }
        return out;
    }

    /**
     * A uniformly random subset of batchSize distinct indices in [0, n) (the first batchSize
     * entries of a partial Fisher-Yates shuffle).
     *
     * @param n the number of examples, &gt;= 1
     * @param batchSize in [1, n]
     * @param rng the random source
     */
    public static int[] withoutReplacement(int n, int batchSize, RandomGenerator rng) {
        check("withoutReplacement", n, batchSize, rng);
        if (batchSize > n) {
            throw new IllegalArgumentException("withoutReplacement: batchSize " + batchSize + " exceeds n " + n);
        }
        int[] perm = identity(n);
        for (int i = 0; i < batchSize; i++) {
            swap(perm, i, i + rng.nextInt(n - i));
        }
        return java.util.Arrays.copyOf(perm, batchSize);
    }

    /**
     * One epoch: a uniformly random permutation of [0, n) cut into consecutive batches of
     * batchSize (the last one shorter when batchSize does not divide n); every index appears
     * exactly once.
     *
     * @param n the number of examples, &gt;= 1
     * @param batchSize &gt;= 1
     * @param rng the random source
     */
    public static List<int[]> epoch(int n, int batchSize, RandomGenerator rng) {
        check("epoch", n, batchSize, rng);
        int[] perm = identity(n);
        for (int i = n - 1; i > 0; i--) {
            swap(perm, i, rng.nextInt(i + 1));
        }
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < n; start += batchSize) {
            out.add(java.util.Arrays.copyOfRange(perm, start, Math.min(n, start + batchSize)));
        }
        return out;
    }

    private static void check(String op, int n, int batchSize, RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        if (n < 1) {
            throw new IllegalArgumentException(op + ": n must be >= 1, was " + n);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException(op + ": batchSize must be >= 1, was " + batchSize);
        }
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    private static void swap(int[] a, int i, int j) {
        int x = a[i];
        a[i] = a[j];
        a[j] = x;
    }
}
