package dlmath.learn;

import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One-hot encoding of one categorical column (integer codes), as scikit-learn's {@code OneHotEncoder}:
 * category {@code c_k} becomes the unit vector {@code e_k}. The category order is that given to
 * {@link #of} or, by {@link #fit}, ascending. With {@code dropFirst} the first category's column is
 * left out (scikit-learn's {@code drop='first'}, pandas' {@code drop_first=True}): the first category is
 * then the all-zero row, which removes the exact collinearity {@code sum_k onehot_k = 1} with an
 * intercept column (the dummy-variable trap).
 */
public final class OneHotEncoder {

    private final int[] categories;
    private final boolean dropFirst;

    private OneHotEncoder(int[] categories, boolean dropFirst) {
        this.categories = categories;
        this.dropFirst = dropFirst;
    }

    /**
     * An encoder for the given categories, in the given order.
     *
     * @param categories distinct codes, at least one (at least two with {@code dropFirst})
     * @param dropFirst leave out the first category's column
     * @return the encoder
     * @throws IllegalArgumentException if a code repeats or there are too few
     */
    public static OneHotEncoder of(int[] categories, boolean dropFirst) {
        Objects.requireNonNull(categories, "categories");
        int min = dropFirst ? 2 : 1;
        if (categories.length < min) {
            throw new IllegalArgumentException("OneHotEncoder.of: need at least " + min + " categor" + (min == 1 ? "y" : "ies")
                    + (dropFirst ? " with dropFirst" : "") + ", got " + Arrays.toString(categories));
        }
        TreeSet<Integer> seen = new TreeSet<>();
        for (int c : categories) {
            if (!seen.add(c)) {
                throw new IllegalArgumentException("OneHotEncoder.of: category " + c + " repeats in " + Arrays.toString(categories));
            }
        }
        return new OneHotEncoder(categories.clone(), dropFirst);
    }

    /**
     * An encoder for the distinct codes of a column, in ascending order.
     *
     * @param column the codes of the training rows
     * @param dropFirst leave out the first (smallest) category's column
     * @return the encoder
     * @throws IllegalArgumentException if the column is empty, or has one distinct code and {@code dropFirst}
     */
    public static OneHotEncoder fit(int[] column, boolean dropFirst) {
        Objects.requireNonNull(column, "column");
        return of(new TreeSet<>(Arrays.stream(column).boxed().toList()).stream().mapToInt(Integer::intValue).toArray(),
                dropFirst);
    }

    /** The categories in column order (including the dropped first one). */
    public int[] categories() {
        return categories.clone();
    }

    /** The number of output columns: the number of categories, less one with {@code dropFirst}. */
    public int width() {
        return categories.length - (dropFirst ? 1 : 0);
    }

    /**
     * Encodes a column of codes.
     *
     * @param column codes, each one of the categories, at least one
     * @return [n, width()] of zeros and ones
     * @throws IllegalArgumentException if the column is empty or holds an unknown code
     */
    public Tensor transform(int[] column) {
        Objects.requireNonNull(column, "column");
        if (column.length == 0) {
            throw new IllegalArgumentException("OneHotEncoder.transform: the column is empty");
        }
        int w = width();
        int offset = dropFirst ? 1 : 0;
        double[] out = new double[Checks.sizeProduct("OneHotEncoder.transform", column.length, w)];
        for (int i = 0; i < column.length; i++) {
            int k = indexOf(column[i]);
            if (k < 0) {
                throw new IllegalArgumentException("OneHotEncoder.transform: column[" + i + "] = " + column[i]
                        + " is not one of the categories " + Arrays.toString(categories));
            }
            if (k >= offset) {
                out[i * w + k - offset] = 1;
            }
        }
        return Tensor.of(new int[] {column.length, w}, out);
    }

    private int indexOf(int code) {
        for (int k = 0; k < categories.length; k++) {
            if (categories[k] == code) {
                return k;
            }
        }
        return -1;
    }
}
