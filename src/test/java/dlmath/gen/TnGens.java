package dlmath.gen;

import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Generators for the tensor chapter (TN): entries that keep Higham's rounding model valid,
 * permutations, chains of conformable matrices, incompatible shapes, and matrices of
 * labelled kinds (rank deficient, ill conditioned, 1x1, ...).
 */
public final class TnGens {

    /** Below this magnitude an entry is replaced by 0 (see {@link #entries()}). */
    public static final double TINY = 0x1p-200;

    private TnGens() {
    }

    /**
     * {@link TensorGens#values()} with magnitudes below 2^-200 replaced by 0. Higham's model
     * {@code fl(x op y) = (x op y)(1 + d)} assumes no underflow; with entries 0 or in
     * [2^-200, 10], a product of up to three entries, and a sum of such products, stays far
     * above the underflow threshold 2^-1022 (a non-zero sum of products of two entries is a
     * multiple of 2^-452), so the gamma_n bounds hold without an absolute term.
     */
    public static Gen<Double> entries() {
        return TensorGens.values().map(x -> Math.abs(x) < TINY ? 0.0 : x);
    }

    /** Small integers in [-bound, bound]: sums and products of few of them are exact. */
    public static Gen<Double> integers(int bound) {
        return Gens.integers(-bound, bound).map(Integer::doubleValue);
    }

    /** A tensor of the given shape with {@link #entries()}. */
    public static Gen<Tensor> tensors(int... shape) {
        return TensorGens.tensors(shape, entries());
    }

    /** Tensors of the shapes from {@code shapes}, entries from {@link #entries()}. */
    public static Gen<Tensor> tensors(Gen<int[]> shapes) {
        return shapes.flatMap(TnGens::tensors);
    }

    /** Vectors with length in [min, max] and {@link #entries()}. */
    public static Gen<Tensor> vectors(int min, int max) {
        return Gens.integers(min, max).flatMap(n -> tensors(n));
    }

    /**
     * A permutation of {@code 0, ..., r-1} from its Lehmer code: choice i picks one of the
     * r - i axes not yet used. All choices 0 give the identity, so permutations shrink toward it.
     */
    public static Gen<int[]> permutations(int r) {
        Gen<List<Integer>> code = s -> {
            List<Integer> c = new ArrayList<>();
            for (int i = 0; i < r; i++) {
                c.add(s.draw(Gens.integers(0, r - 1 - i)));
            }
            return c;
        };
        return code.map(c -> {
            List<Integer> left = new ArrayList<>();
            for (int i = 0; i < r; i++) {
                left.add(i);
            }
            int[] p = new int[r];
            for (int i = 0; i < r; i++) {
                p[i] = left.remove((int) c.get(i));
            }
            return p;
        });
    }

    /** A tensor together with a permutation of its axes. */
    public record Permuted(Tensor x, int[] p) {
        @Override
        public String toString() {
            return "p = " + java.util.Arrays.toString(p) + "\nx = " + x;
        }
    }

    /** Two or three matrices (or stacks) with names, printed one below the other. */
    public record Operands(List<String> names, List<Tensor> values) {
        public Tensor get(int i) {
            return values.get(i);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                sb.append(i == 0 ? "" : "\n").append(names.get(i)).append(" = ").append(values.get(i));
            }
            return sb.toString();
        }
    }

    /**
     * A chain of conformable matrices M_1 (d_0 x d_1), M_2 (d_1 x d_2), ...: the sides d_i are
     * drawn in [1, maxSide], entries from {@code entries}.
     */
    public static Gen<Operands> chain(List<String> names, int maxSide, Gen<Double> entries) {
        int count = names.size();
        return Gens.listOfSize(Gens.integers(1, maxSide), count + 1).flatMap(d -> s -> {
            List<Tensor> ms = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ms.add(s.draw(TensorGens.tensors(new int[] {d.get(i), d.get(i + 1)}, entries)));
            }
            return new Operands(names, ms);
        });
    }

    /**
     * Sides (n, m, p) of a product A (n x m) B (m x p): the special shapes 1x1 @ 1x1, 1xm @ mx1 (a
     * dot product), a 1 x p result, an n x 1 result and inner dimension 1 (an outer product) one
     * seventh of the time each, general sides in [1, maxSide] otherwise.
     */
    public static Gen<int[]> productSides(int maxSide) {
        return Gens.frequency(
                Gens.weight(1, Gens.constant(new int[] {1, 1, 1})),
                Gens.weight(1, Gens.integers(2, maxSide).map(m -> new int[] {1, m, 1})),
                Gens.weight(1, Gens.tuples(Gens.integers(1, maxSide), Gens.integers(2, maxSide))
                        .map(t -> new int[] {1, t.first(), t.second()})),
                Gens.weight(1, Gens.tuples(Gens.integers(2, maxSide), Gens.integers(1, maxSide))
                        .map(t -> new int[] {t.first(), t.second(), 1})),
                Gens.weight(1, Gens.tuples(Gens.integers(2, maxSide), Gens.integers(2, maxSide))
                        .map(t -> new int[] {t.first(), 1, t.second()})),
                Gens.weight(2, Gens.listOfSize(Gens.integers(1, maxSide), 3).map(l -> new int[] {l.get(0), l.get(1), l.get(2)})));
    }

    /** A (n x m) and B (m x p) with sides from {@link #productSides}, entries from {@code entries}. */
    public static Gen<Operands> products(int maxSide, Gen<Double> entries) {
        return productSides(maxSide).flatMap(d -> Gens.tuples(TensorGens.tensors(new int[] {d[0], d[1]}, entries),
                TensorGens.tensors(new int[] {d[1], d[2]}, entries))
                .map(t -> new Operands(List.of("A", "B"), List.of(t.first(), t.second()))));
    }

    /** A matrix together with how it was made (for labels and coverage). */
    public record Kinded(String kind, Tensor value) {
        @Override
        public String toString() {
            return "(" + kind + ") " + value;
        }
    }

    /**
     * m x n matrices of labelled kinds: nice entries (most), 1x1 or single row/column shapes come
     * from the sizes; rank deficient (rank min(m,n) - 1, via {@link MatrixGens#rank}), a
     * prescribed spectrum with zeros allowed ({@link MatrixGens#withSingularValues}), and for
     * square shapes ill conditioned (near singular, sigma_min = 10^-e), graded, orthogonal and
     * diagonal matrices.
     */
    public static Gen<Kinded> kinded(int m, int n) {
        int k = Math.min(m, n);
        Gen<double[]> spectra = Gens.doubleArrays(Gens.doubles(0, 10).map(x -> x < TINY ? 0.0 : x), k, k);
        List<Gens.Weighted<Kinded>> options = new ArrayList<>();
        options.add(Gens.weight(6, tensors(m, n).map(t -> new Kinded("nice", t))));
        options.add(Gens.weight(1, MatrixGens.rank(m, n, k - 1).map(t -> new Kinded("rank-deficient", t))));
        options.add(Gens.weight(1, spectra.flatMap(s -> MatrixGens.withSingularValues(m, n, s))
                .map(t -> new Kinded("spectrum", t))));
        if (m == n && n >= 2) {
            options.add(Gens.weight(1, MatrixGens.nearSingular(n).map(t -> new Kinded("ill-conditioned", t))));
            options.add(Gens.weight(1, MatrixGens.graded(n, 8).map(t -> new Kinded("graded", t))));
            options.add(Gens.weight(1, MatrixGens.orthogonal(n).map(t -> new Kinded("orthogonal", t))));
            options.add(Gens.weight(1, tensors(n).map(d -> new Kinded("diagonal", MatrixGens.diag(d)))));
        }
        @SuppressWarnings("unchecked")
        Gens.Weighted<Kinded>[] array = options.toArray(new Gens.Weighted[0]);
        return Gens.frequency(array);
    }

    /**
     * Two shapes that do NOT broadcast: a pair of broadcastable shapes in which one axis,
     * counted from the end and present in both, gets two different sides, both at least 2.
     */
    public static Gen<int[][]> incompatiblePair(int maxRank, int maxSide) {
        return pairWithDifferentSides(maxRank, maxSide, 2);
    }

    /**
     * The construction of {@link #incompatiblePair} with the smaller of the two different sides drawn
     * from [minSide, maxSide + 1]: with minSide = 2 the shapes never broadcast; with minSide = 1 one of
     * the sides may be 1, and then they do (TN-11's witness drops "both at least 2").
     */
    public static Gen<int[][]> pairWithDifferentSides(int maxRank, int maxSide, int minSide) {
        return TensorGens.shapes(1, maxRank, 1, maxSide).flatMap(full ->
                Gens.tuples(Gens.integers(0, full.length - 1), Gens.integers(0, full.length - 1))
                        .flatMap(drops -> {
                            int[] a = java.util.Arrays.copyOfRange(full, drops.first(), full.length);
                            int[] b = java.util.Arrays.copyOfRange(full, drops.second(), full.length);
                            int common = Math.min(a.length, b.length);
                            return Gens.tuples(Gens.integers(1, common), Gens.integers(minSide, maxSide + 1),
                                    Gens.integers(1, maxSide)).map(t -> {
                                        int[] x = a.clone();
                                        int[] y = b.clone();
                                        x[x.length - t.first()] = t.second();
                                        y[y.length - t.first()] = t.second() + t.third();
                                        return new int[][] {x, y};
                                    });
                        }));
    }
}
