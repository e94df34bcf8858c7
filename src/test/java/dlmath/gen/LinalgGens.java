package dlmath.gen;

import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.tensor.Tensor;

/**
 * Matrix families for the linear-algebra chapter (LA). Every family shrinks toward small
 * matrices with small integer entries, so that a counterexample reads as a 1x1 or 2x2 matrix of
 * small numbers whenever the failure allows.
 */
public final class LinalgGens {

    private LinalgGens() {
    }

    /** Matrix sides in [1, max], shrinking toward 1. */
    public static Gen<Integer> sides(int max) {
        return Gens.integers(1, max);
    }

    /**
     * m x n matrices, m, n in [1, max], from a mixture: nice entries in [-10, 10] as a list of rows
     * ({@link #niceRows}, weight 4); m, n drawn first, then {@link #generalWithoutNice} (weight 5);
     * square n x n from the same (weight 2); 1 x 1 (weight 2); zero m x n (weight 1). So squares and
     * 1 x 1 matrices each come with probability at least 1/7 per try, zero matrices at least 1/14
     * (plus the zero members of the other families).
     */
    public static Gen<Tensor> general(int max) {
        return Gens.frequency(
                Gens.weight(4, niceRows(max)),
                Gens.weight(5, sides(max).flatMap(m -> sides(max).flatMap(n -> generalWithoutNice(m, n)))),
                Gens.weight(2, sides(max).flatMap(n -> generalWithoutNice(n, n))),
                Gens.weight(2, generalWithoutNice(1, 1)),
                Gens.weight(1, sides(max).flatMap(m -> sides(max).map(n -> Tensor.zeros(m, n)))));
    }

    /** The smallest and largest side of the occasional large matrices ({@link #withLarge}). */
    public static final int LARGE_MIN = 30;
    public static final int LARGE_MAX = 50;

    /**
     * Large m x n matrices: one side in [30, 50], the other in [1, 50] (tall or wide with equal
     * probability), from {@link #generalWithoutNice} (a prescribed spectrum with Haar factors, low rank,
     * power-of-two scaled, zero).
     */
    public static Gen<Tensor> large() {
        return Gens.tuples(Gens.integers(LARGE_MIN, LARGE_MAX), Gens.integers(1, LARGE_MAX), Gens.booleans())
                .flatMap(t -> t.third() ? generalWithoutNice(t.second(), t.first()) : generalWithoutNice(t.first(), t.second()));
    }

    /**
     * {@code small} with probability 9/10 and {@link #large()} with probability 1/10 (a frequency
     * alternative, drawn uniformly with no edge bias, so the 1/10 holds on every random try: no large
     * matrix among N random tries has probability 0.9^N, below 1e-9 for N >= 197).
     */
    public static Gen<Tensor> withLarge(Gen<Tensor> small) {
        return Gens.frequency(Gens.weight(9, small), Gens.weight(1, large()));
    }

    /** The largest short side of {@link #thinLarge()}. */
    public static final int THIN_MAX = 6;

    /**
     * Thin large matrices: one side in [30, 50], the other in [1, 6] (tall or wide with equal probability), from
     * {@link #generalWithoutNice}. The 40-digit reference (one-sided Jacobi on the short side's columns) costs
     * O(min(m, n)^2 max(m, n)) decimal operations: a few milliseconds here, against seconds for a 50 x 50 matrix.
     */
    public static Gen<Tensor> thinLarge() {
        return Gens.tuples(Gens.integers(LARGE_MIN, LARGE_MAX), Gens.integers(1, THIN_MAX), Gens.booleans())
                .flatMap(t -> t.third() ? generalWithoutNice(t.second(), t.first()) : generalWithoutNice(t.first(), t.second()));
    }

    /**
     * {@code small} with probability 1 - 1/oneIn and {@link #thinLarge()} with probability 1/oneIn, exactly (a frequency
     * alternative: a uniform draw, no edge bias).
     */
    public static Gen<Tensor> withThinLarge(Gen<Tensor> small, int oneIn) {
        return Gens.frequency(Gens.weight(oneIn - 1, small), Gens.weight(1, thinLarge()));
    }

    /** Symmetric n x n matrices, n in [30, 50], from the mixture of {@link #symmetricOfSize}. */
    public static Gen<Tensor> largeSymmetric() {
        return Gens.integers(LARGE_MIN, LARGE_MAX).flatMap(LinalgGens::symmetricOfSize);
    }

    /** {@code symmetric(max)} with probability 9/10, {@link #largeSymmetric()} with probability 1/10 (as {@link #withLarge}). */
    public static Gen<Tensor> symmetricWithLarge(int max) {
        return Gens.frequency(Gens.weight(9, symmetric(max)), Gens.weight(1, largeSymmetric()));
    }

    /** Whether a matrix is one of the large ones: a side of at least {@link #LARGE_MIN}. */
    public static boolean isLarge(Tensor a) {
        return Math.max(a.dim(0), a.dim(1)) >= LARGE_MIN;
    }

    /**
     * Matrices with nice entries built as a list of 1 to max rows, each a list of 1 to max entries;
     * the first row's length is the number of columns n, longer rows are cut to n and shorter ones
     * padded with zeros. Every row and every entry is one span of choices, so the shrinker deletes
     * whole rows, and deleting entries of the first row deletes columns: counterexamples lose the
     * rows and columns they do not need.
     */
    public static Gen<Tensor> niceRows(int max) {
        return Gens.lists(Gens.lists(TensorGens.values(), 1, max), 1, max).map(rows -> {
            int n = rows.get(0).size();
            double[][] a = new double[rows.size()][n];
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < Math.min(n, rows.get(i).size()); j++) {
                    a[i][j] = rows.get(i).get(j);
                }
            }
            return Tensor.of(a);
        });
    }

    /**
     * m x n matrices: a prescribed spectrum in [0, 10] with Haar U, V, zeros making it rank deficient
     * (weight 3), a product of an m x r and an r x n nice matrix, r &lt; min(m, n), hence rank
     * deficient (weight 2), a nice matrix scaled by 2^e, e in [-40, 40] (weight 1), and the zero
     * matrix (weight 1).
     */
    static Gen<Tensor> generalWithoutNice(int m, int n) {
        int p = Math.min(m, n);
        return Gens.frequency(
                Gens.weight(3, MatrixGens.spectra(p).flatMap(s -> MatrixGens.withSingularValues(m, n, s))),
                Gens.weight(2, Gens.integers(0, Math.max(0, p - 1)).flatMap(r -> lowRank(m, n, r))),
                Gens.weight(1, Gens.tuples(TensorGens.tensors(m, n), Gens.integers(-40, 40))
                        .map(t -> t.first().mul(Math.scalb(1.0, t.second())))),
                Gens.weight(1, Gens.constant(Tensor.zeros(m, n))));
    }

    /** m x n matrices from the mixture of {@link #general(int)}. */
    public static Gen<Tensor> general(int m, int n) {
        int p = Math.min(m, n);
        return Gens.frequency(
                Gens.weight(4, TensorGens.tensors(m, n)),
                Gens.weight(3, MatrixGens.spectra(p).flatMap(s -> MatrixGens.withSingularValues(m, n, s))),
                Gens.weight(2, Gens.integers(0, Math.max(0, p - 1)).flatMap(r -> lowRank(m, n, r))),
                Gens.weight(1, Gens.tuples(TensorGens.tensors(m, n), Gens.integers(-40, 40))
                        .map(t -> t.first().mul(Math.scalb(1.0, t.second())))),
                Gens.weight(1, Gens.constant(Tensor.zeros(m, n))));
    }

    /**
     * m x n matrices, m, n in [1, max], of moderate scale: the mixture of {@link #general(int)}
     * without its power-of-two scaling, so that squares of entries neither underflow nor overflow.
     */
    public static Gen<Tensor> moderate(int max) {
        return sides(max).flatMap(m -> sides(max).flatMap(n -> {
            int p = Math.min(m, n);
            return Gens.frequency(
                    Gens.weight(4, TensorGens.tensors(m, n)),
                    Gens.weight(3, MatrixGens.spectra(p).flatMap(s -> MatrixGens.withSingularValues(m, n, s))),
                    Gens.weight(2, Gens.integers(0, Math.max(0, p - 1)).flatMap(r -> lowRank(m, n, r))));
        }));
    }

    /** An m x n matrix X Y^T of rank at most r (X m x r, Y n x r nice); the zero matrix for r = 0. */
    public static Gen<Tensor> lowRank(int m, int n, int r) {
        if (r == 0) {
            return Gens.constant(Tensor.zeros(m, n));
        }
        return Gens.tuples(TensorGens.tensors(m, r), TensorGens.tensors(n, r))
                .map(t -> t.first().matmul(t.second().transpose()));
    }

    /**
     * Symmetric n x n matrices, n in [1, max]: (B + B^T)/2 with nice B (weight 4), Q diag(l) Q^T
     * with l from small integers in [-3, 3] so that eigenvalues repeat (weight 2), with l in
     * [-10, 10] (weight 2), and diagonal matrices (weight 1).
     */
    public static Gen<Tensor> symmetric(int max) {
        return sides(max).flatMap(LinalgGens::symmetricOfSize);
    }

    /** Symmetric n x n matrices from the mixture of {@link #symmetric(int)}. */
    public static Gen<Tensor> symmetricOfSize(int n) {
        return Gens.frequency(
                Gens.weight(4, MatrixGens.symmetric(n)),
                Gens.weight(2, withEigenvalues(n, Gens.integers(-3, 3).map(Integer::doubleValue))),
                Gens.weight(2, withEigenvalues(n, Gens.doubles(-10, 10))),
                Gens.weight(1, MatrixGens.diagonal(n)));
    }

    /** Q diag(l) Q^T, symmetrized, with Haar Q and eigenvalues l from {@code values}. */
    public static Gen<Tensor> withEigenvalues(int n, Gen<Double> values) {
        return Gens.tuples(MatrixGens.orthogonal(n), Gens.doubleArrays(values, n, n))
                .map(t -> MatrixGens.symmetrize(t.first().matmul(MatrixGens.diag(Tensor.of(t.second())))
                        .matmul(t.first().transpose())));
    }

    /** Vectors of length n with nice entries, not all zero (a zero draw becomes e_1). */
    public static Gen<Tensor> nonzeroVectors(int n) {
        return TensorGens.tensors(n).map(v -> v.normInf() == 0 ? Tensor.zeros(n).add(unit(n, 0)) : v);
    }

    /** The unit vector e_i of length n. */
    public static Tensor unit(int n, int i) {
        double[] e = new double[n];
        e[i] = 1;
        return Tensor.of(e);
    }

    /** m x n label: "1x1", "square", "tall" or "wide". */
    public static String shapeLabel(Tensor a) {
        int m = a.dim(0);
        int n = a.dim(1);
        return m == 1 && n == 1 ? "1x1" : m == n ? "square" : m > n ? "tall" : "wide";
    }
}
