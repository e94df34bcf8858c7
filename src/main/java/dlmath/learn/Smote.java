package dlmath.learn;

import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * SMOTE, the synthetic minority over-sampling technique (Chawla, Bowyer, Hall &amp; Kegelmeyer, JAIR 16,
 * 2002, Sec. 4.2), as imbalanced-learn's {@code SMOTE} for two classes: until the classes have equal
 * counts, pick a minority point {@code x_i} uniformly, one of its {@code k} nearest minority neighbours
 * {@code x_j} uniformly (Euclidean distance, ties broken by the lower row index, the point itself
 * excluded), a gap {@code g} uniform in [0, 1), and add {@code x_i + g (x_j - x_i)} with the minority label.
 *
 * <p>Degenerate input gets a clear error: one class only, or {@code k} not below the minority count
 * (a point has only {@code n_min - 1} neighbours). Equal class counts add nothing. Distances and
 * interpolation are computed on the data scaled by a power of two (exact), so that differences of
 * entries near the ends of the double range neither overflow nor underflow.
 */
public final class Smote {

    private Smote() {
    }

    /**
     * The resampled data: the original rows first, then the synthetic ones.
     *
     * @param x all rows [n + s, d]
     * @param y their labels
     * @param base for each synthetic row, the row of x of its minority point
     * @param neighbour for each synthetic row, the row of x of the neighbour interpolated towards
     * @param gap for each synthetic row, its gap in [0, 1)
     */
    public record Resampled(Tensor x, int[] y, int[] base, int[] neighbour, double[] gap) {
        /** Defensive copies. */
        public Resampled {
            Objects.requireNonNull(x, "x");
            y = Objects.requireNonNull(y, "y").clone();
            base = Objects.requireNonNull(base, "base").clone();
            neighbour = Objects.requireNonNull(neighbour, "neighbour").clone();
            gap = Objects.requireNonNull(gap, "gap").clone();
            Data.matrix("Smote.Resampled", "x", x, 1);
            int rows = x.dim(0);
            int s = gap.length;
            if (y.length != rows || base.length != s || neighbour.length != s || s > rows) {
                throw new IllegalArgumentException("Smote.Resampled: x has shape " + Arrays.toString(x.shape()) + ", so y needs "
                        + rows + " labels and base, neighbour, gap one entry per synthetic row (at most " + rows + "), got "
                        + y.length + ", " + base.length + ", " + neighbour.length + ", " + s);
            }
            for (int i = 0; i < rows; i++) {
                if (y[i] != 0 && y[i] != 1) {
                    throw new IllegalArgumentException("Smote.Resampled: y[" + i + "] = " + y[i] + " is not a 0/1 label");
                }
            }
            for (int t = 0; t < s; t++) {
                if (base[t] < 0 || base[t] >= rows - s || neighbour[t] < 0 || neighbour[t] >= rows - s) {
                    throw new IllegalArgumentException("Smote.Resampled: base[" + t + "] = " + base[t] + " and neighbour[" + t
                            + "] = " + neighbour[t] + " must be original rows, in [0, " + (rows - s) + ")");
                }
                if (!(gap[t] >= 0 && gap[t] < 1)) {
                    throw new IllegalArgumentException("Smote.Resampled: gap[" + t + "] = " + gap[t] + " is not in [0, 1)");
                }
            }
        }

        @Override
        public int[] y() {
            return y.clone();
        }

        @Override
        public int[] base() {
            return base.clone();
        }

        @Override
        public int[] neighbour() {
            return neighbour.clone();
        }

        @Override
        public double[] gap() {
            return gap.clone();
        }
    }

    /**
     * Oversamples the minority class until both classes have equal counts.
     *
     * @param x the data [n, d], finite
     * @param y 0/1 labels, both present
     * @param k the number of nearest minority neighbours, in [1, n_min - 1]
     * @param rng the generator of the choices
     * @return the original rows followed by {@code n_maj - n_min} synthetic minority rows
     * @throws IllegalArgumentException if the shapes disagree, a label is not 0/1, only one class is present, or
     *     {@code k} is out of range
     */
    public static Resampled oversample(Tensor x, int[] y, int k, RandomGenerator rng) {
        double[][] rows = Data.matrix("Smote.oversample", "X", x, 1);
        int[] labels = Data.labels("Smote.oversample", y, rows.length, Arrays.toString(x.shape()));
        Objects.requireNonNull(rng, "rng");
        int n = rows.length;
        int d = rows[0].length;
        int ones = 0;
        for (int l : labels) {
            ones += l;
        }
        if (ones == 0 || ones == n) {
            throw new IllegalArgumentException("Smote.oversample: y has one class only (all " + n + " labels are "
                    + labels[0] + "); SMOTE needs a minority and a majority class");
        }
        int minority = ones <= n - ones ? 1 : 0;
        int nMin = minority == 1 ? ones : n - ones;
        if (k < 1 || k >= nMin) {
            throw new IllegalArgumentException("Smote.oversample: k must be in [1, " + (nMin - 1) + "] (the minority class "
                    + minority + " has " + nMin + " points, each with " + (nMin - 1) + " neighbours), got k = " + k);
        }
        int[] idx = new int[nMin];
        for (int i = 0, c = 0; i < n; i++) {
            if (labels[i] == minority) {
                idx[c++] = i;
            }
        }
        double max = 0;
        for (double[] r : rows) {
            for (double v : r) {
                max = Math.max(max, Math.abs(v));
            }
        }
        int e = Standardizer.exponentOf(max);
        double[][] s = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                s[i][j] = Math.scalb(rows[i][j], -e);
            }
        }
        int[][] nearest = new int[nMin][];
        for (int a = 0; a < nMin; a++) {
            double[] dist = new double[nMin];
            Integer[] order = new Integer[nMin - 1];
            for (int b = 0, c = 0; b < nMin; b++) {
                dist[b] = squaredDistance(s[idx[a]], s[idx[b]]);
                if (b != a) {
                    order[c++] = b;
                }
            }
            Arrays.sort(order, Comparator.<Integer>comparingDouble(b -> dist[b]).thenComparingInt(b -> b));
            nearest[a] = new int[k];
            for (int t = 0; t < k; t++) {
                nearest[a][t] = idx[order[t]];
            }
        }
        int synthetic = n - 2 * nMin;
        int total = Checks.sizeSum("Smote.oversample", n, synthetic);
        double[] out = new double[Checks.sizeProduct("Smote.oversample", total, d)];
        int[] yOut = new int[total];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, out, i * d, d);
            yOut[i] = labels[i];
        }
        int[] base = new int[synthetic];
        int[] neighbour = new int[synthetic];
        double[] gap = new double[synthetic];
        for (int t = 0; t < synthetic; t++) {
            int a = rng.nextInt(nMin);
            base[t] = idx[a];
            neighbour[t] = nearest[a][rng.nextInt(k)];
            gap[t] = rng.nextDouble();
            for (int j = 0; j < d; j++) {
                double xi = s[base[t]][j];
                out[(n + t) * d + j] = Math.scalb(xi + gap[t] * (s[neighbour[t]][j] - xi), e);
            }
            yOut[n + t] = minority;
        }
        return new Resampled(Tensor.of(new int[] {total, d}, out), yOut, base, neighbour, gap);
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }
}
