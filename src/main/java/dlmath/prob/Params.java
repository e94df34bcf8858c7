package dlmath.prob;

import dlmath.tensor.Tensor;

/** Parameter checks shared by the distributions: each failure names the distribution, the parameter and its value. */
final class Params {

    /**
     * How far a probability vector's sum may be from 1. Normalizing n weights w / sum(w) in
     * double precision leaves |sum - 1| &lt;= gamma_n, about n * 1.1e-16; 1e-9 accepts any such
     * vector up to n = 10^6 and rejects every vector that is off by a meaningful amount.
     */
    static final double SUM_TOLERANCE = 1e-9;

    private Params() {
    }

    /**
     * The bound on consecutive rejections in a rejection sampler. Every sampler here accepts a
     * proposal with probability at least pi/4 (the polar method; Marsaglia-Tsang accepts with
     * probability above 0.95), so with a uniform generator 1000 rejections in a row have
     * probability below {@code (1 - pi/4)^1000 < 1e-660}: reaching the bound means the generator is
     * degenerate (e.g. always returns 0), and the sampler refuses instead of looping forever.
     */
    static final int MAX_REJECTIONS = 1000;

    /** The refusal of a sampler that reached {@link #MAX_REJECTIONS}. */
    static IllegalArgumentException degenerateGenerator(String sampler) {
        return new IllegalArgumentException(sampler + ": rng produced " + MAX_REJECTIONS + " rejected proposals in a row"
                + " (probability below 1e-660 for a uniform generator): the random generator is degenerate, e.g."
                + " it always returns the same value");
    }

    static IllegalArgumentException fail(String owner, String name, String rule, Object value) {
        return new IllegalArgumentException(owner + ": " + name + " must " + rule + ", was " + value);
    }

    static double finite(String owner, String name, double v) {
        if (!Double.isFinite(v)) {
            throw fail(owner, name, "be finite", v);
        }
        return v;
    }

    static double positive(String owner, String name, double v) {
        if (!(v > 0) || v == Double.POSITIVE_INFINITY) {
            throw fail(owner, name, "be > 0 and finite", v);
        }
        return v;
    }

    static double probability(String owner, String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw fail(owner, name, "be in [0, 1]", v);
        }
        return v;
    }

    static void notNaN(String owner, String name, double v) {
        if (Double.isNaN(v)) {
            throw fail(owner, name, "not be NaN", v);
        }
    }

    static Tensor vector(String owner, String name, Tensor t) {
        java.util.Objects.requireNonNull(t, name);
        if (t.rank() != 1) {
            throw fail(owner, name, "be a vector (rank 1)", "of shape " + java.util.Arrays.toString(t.shape()));
        }
        return t;
    }

    /**
     * A probability vector: rank 1, entries finite and &gt;= 0, sum within {@link #SUM_TOLERANCE} of 1.
     * Returns the entries divided by their sum (as PyTorch normalizes {@code probs}).
     */
    static double[] simplex(String owner, String name, Tensor p) {
        double[] v = vector(owner, name, p).toArray();
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0) || v[i] == Double.POSITIVE_INFINITY) {
                throw fail(owner, name + "[" + i + "]", "be finite and >= 0", v[i]);
            }
            sum += v[i];
        }
        if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
            throw fail(owner, name, "sum to 1 (within " + SUM_TOLERANCE + ")", "a vector with sum " + sum + ": " + p);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= sum;
        }
        return v;
    }
}
