package dlmath.gen;

import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.tensor.Tensor;
import java.util.List;

/**
 * Generators of shapes, tensors, vectors and matrices. Sides are small in early tries and
 * reach their maximum later ({@link Gens#sizes}); they shrink toward the minimum, entries
 * toward 0 and small integers, so counterexamples come out as 1x1 or 2x2 matrices of
 * small numbers whenever the failure allows.
 */
public final class TensorGens {

    private TensorGens() {
    }

    /** "Nice" entries: doubles in [-10, 10], shrinking toward 0, small integers and simple fractions. */
    public static Gen<Double> values() {
        return Gens.doubles(-10, 10);
    }

    /** Shapes of rank in [minRank, maxRank] with sides in [minSide, maxSide]. */
    public static Gen<int[]> shapes(int minRank, int maxRank, int minSide, int maxSide) {
        return Gens.sizes(minRank, maxRank).flatMap(r ->
                Gens.listOfSize(Gens.sizes(minSide, maxSide), r)
                        .map(l -> l.stream().mapToInt(Integer::intValue).toArray()));
    }

    /**
     * A tensor of the given shape with entries from {@code entries}. The entries are drawn
     * row by row (one span per sub-tensor along the leading axis), so the shrinker can drop
     * a whole row together with the size that counted it.
     */
    public static Gen<Tensor> tensors(int[] shape, Gen<Double> entries) {
        int[] copy = shape.clone();
        return blocks(copy, 0, entries).map(data -> Tensor.of(copy, data));
    }

    /** The row-major entries of the sub-tensors of {@code shape} from {@code axis} on. */
    private static Gen<double[]> blocks(int[] shape, int axis, Gen<Double> entries) {
        if (axis == shape.length) {
            return entries.map(v -> new double[] {v});
        }
        return Gens.listOfSize(blocks(shape, axis + 1, entries), shape[axis]).map(parts -> {
            int width = parts.get(0).length;
            double[] out = new double[width * parts.size()];
            for (int i = 0; i < parts.size(); i++) {
                System.arraycopy(parts.get(i), 0, out, i * width, width);
            }
            return out;
        });
    }

    /** A tensor of the given shape with nice entries. */
    public static Gen<Tensor> tensors(int... shape) {
        return tensors(shape, values());
    }

    /** Tensors of shapes from {@code shapes}, nice entries. */
    public static Gen<Tensor> tensors(Gen<int[]> shapes) {
        return shapes.flatMap(TensorGens::tensors);
    }

    /** Vectors of length in [min, max]. */
    public static Gen<Tensor> vectors(int min, int max) {
        return Gens.sizes(min, max).flatMap(n -> tensors(n));
    }

    /** Matrices with rows in [minRows, maxRows] and columns in [minCols, maxCols]. */
    public static Gen<Tensor> matrices(int minRows, int maxRows, int minCols, int maxCols) {
        return Gens.sizes(minRows, maxRows).flatMap(m -> Gens.sizes(minCols, maxCols).flatMap(n -> tensors(m, n)));
    }

    /** Square matrices of side in [min, max]. */
    public static Gen<Tensor> squareMatrices(int min, int max) {
        return Gens.sizes(min, max).flatMap(n -> tensors(n, n));
    }

    /** Two shapes that broadcast together: each side of a common shape, possibly replaced by 1 or dropped in front. */
    public static Gen<List<int[]>> broadcastable(int count, int maxRank, int maxSide) {
        return shapes(0, maxRank, 1, maxSide).flatMap(full -> Gens.listOfSize(variant(full), count));
    }

    /** A pair of mutually broadcastable shapes. */
    public static Gen<int[][]> broadcastablePair(int maxRank, int maxSide) {
        return broadcastable(2, maxRank, maxSide).map(l -> l.toArray(new int[0][]));
    }

    /** A triple of mutually broadcastable shapes. */
    public static Gen<int[][]> broadcastableTriple(int maxRank, int maxSide) {
        return broadcastable(3, maxRank, maxSide).map(l -> l.toArray(new int[0][]));
    }

    /** A shape that broadcasts to {@code full}: drop some leading axes, set some sides to 1. */
    private static Gen<int[]> variant(int[] full) {
        return Gens.integers(0, full.length).flatMap(drop ->
                Gens.listOfSize(Gens.booleans(), full.length - drop).map(ones -> {
                    int[] s = new int[full.length - drop];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = ones.get(i) ? 1 : full[drop + i];
                    }
                    return s;
                }));
    }
}
