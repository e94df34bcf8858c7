package dlmath.autodiff;

import dlmath.tensor.Tensor;

/**
 * Building blocks for the sample descriptions of {@link Primitives}: shapes, entries in an
 * interval, entries away from zero, broadcast-compatible shapes, entries with distinct values
 * (no ties), well-conditioned and symmetric positive definite matrices. Every number comes from
 * {@link Choices}, so a test engine that shrinks choices shrinks the samples.
 */
final class Samples {

    private Samples() {
    }

    /** A shape of rank in [minRank, maxRank] with sides in [1, maxSide]. */
    static int[] shape(Choices c, int minRank, int maxRank, int maxSide) {
        int rank = c.integer(minRank, maxRank);
        int[] s = new int[rank];
        for (int d = 0; d < rank; d++) {
            s[d] = c.integer(1, maxSide);
        }
        return s;
    }

    /** Entries in [lo, hi]. */
    static Tensor uniform(Choices c, int[] shape, double lo, double hi) {
        double[] v = new double[size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.real(lo, hi);
        }
        return Tensor.of(shape, v);
    }

    /** Entries with |x| in [lo, hi] and either sign: away from the kink or pole at 0. */
    static Tensor awayFromZero(Choices c, int[] shape, double lo, double hi) {
        double[] v = new double[size(shape)];
        for (int i = 0; i < v.length; i++) {
            double sign = c.integer(0, 1) == 0 ? 1 : -1;
            v[i] = sign * c.real(lo, hi);
        }
        return Tensor.of(shape, v);
    }

    /**
     * Shapes that broadcast together: a full shape of rank &lt;= maxRank, and for each operand
     * some leading axes dropped and some sides replaced by 1.
     */
    static int[][] broadcastable(Choices c, int count, int maxRank, int maxSide) {
        int[] full = shape(c, 0, maxRank, maxSide);
        int[][] out = new int[count][];
        for (int k = 0; k < count; k++) {
            out[k] = variant(c, full);
        }
        return out;
    }

    /** A shape that broadcasts to {@code full}. */
    static int[] variant(Choices c, int[] full) {
        int drop = c.integer(0, full.length);
        int[] s = new int[full.length - drop];
        for (int d = 0; d < s.length; d++) {
            s[d] = c.integer(0, 1) == 1 ? 1 : full[drop + d];
        }
        return s;
    }

    /**
     * Entries that are pairwise at least 0.3 apart (no ties, so max has a unique maximizer with
     * a margin): 0.5 pi(i) + u_i - offset for a permutation pi and u_i in [0, 0.2].
     */
    static Tensor distinct(Choices c, int[] shape) {
        int n = size(shape);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {       // Fisher-Yates from choices
            int j = c.integer(0, i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.5 * perm[i] - 0.25 * (n - 1) + c.real(0, 0.2);
        }
        return Tensor.of(shape, v);
    }

    /**
     * An n x n matrix 2I + B with |B_ij| &lt;= 0.5: for n &lt;= 3, ||B||_2 &lt;= ||B||_F &lt;= 1.5, so
     * its singular values lie in [0.5, 3.5] and its condition number is at most 7.
     */
    static Tensor wellConditioned(Choices c, int n) {
        return Tensor.eye(n).mul(2.0).add(uniform(c, new int[] {n, n}, -0.5, 0.5));
    }

    /**
     * A symmetric positive definite n x n matrix I + B B^T with |B_ij| &lt;= 1: its eigenvalues lie
     * in [1, 1 + n^2], so for n &lt;= 3 the condition number is at most 10.
     */
    static Tensor spd(Choices c, int n) {
        Tensor b = uniform(c, new int[] {n, n}, -1, 1);
        Tensor s = Tensor.eye(n).add(b.matmul(b.transpose()));
        return s.add(s.transpose()).mul(0.5);
    }

    /** A non-empty set of axes of a tensor of rank &gt;= 1. */
    static int[] axes(Choices c, int rank) {
        int bits = c.integer(1, (1 << rank) - 1);
        int[] out = new int[Integer.bitCount(bits)];
        int k = 0;
        for (int d = 0; d < rank; d++) {
            if ((bits & (1 << d)) != 0) {
                out[k++] = d;
            }
        }
        return out;
    }

    /** A 0/1 mask. */
    static Tensor mask(Choices c, int[] shape) {
        double[] v = new double[size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.integer(0, 1);
        }
        return Tensor.of(shape, v);
    }

    static int size(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
