package dlmath.learn;

import dlmath.tensor.Tensor;
import java.util.Arrays;

/**
 * Standardization of the columns of a data matrix, as scikit-learn's {@code StandardScaler}:
 * {@code z_ij = (x_ij - mean_j) / std_j} with the mean and the <em>biased</em> standard deviation
 * {@code std_j = sqrt(sum_i (x_ij - mean_j)^2 / n)} (divisor n, numpy's {@code ddof = 0}) of the
 * training rows. Each transformed training column then has mean 0 and variance 1 (divisor n).
 *
 * <p>Degenerate input has documented values: a constant column (all entries equal; zero variance) is
 * only centered (its scale is 1, as scikit-learn's), with its value as the mean, so it becomes a
 * column of exact zeros; a single row is allowed (every column is then constant).
 *
 * <p>Each column is computed on its values scaled by a power of two {@code 2^-e} (exact), with
 * {@code 2^e} the magnitude of its largest entry, so that neither the sums nor the squares over-
 * or underflow anywhere in the double range; the mean is two-pass (the variance sums squares of
 * the deviations from the computed mean).
 */
public final class Standardizer {

    private final int[] exponent;
    private final double[] scaledMean;
    private final double[] scaledStd;

    private Standardizer(int[] exponent, double[] scaledMean, double[] scaledStd) {
        this.exponent = exponent;
        this.scaledMean = scaledMean;
        this.scaledStd = scaledStd;
    }

    /**
     * Fits the column means and standard deviations.
     *
     * @param x the training data [n, d], n &gt;= 1, finite
     * @return the fitted standardizer
     * @throws IllegalArgumentException if {@code x} is not a finite matrix with at least one row
     */
    public static Standardizer fit(Tensor x) {
        double[][] rows = Data.matrix("Standardizer.fit", "X", x, 1);
        int n = rows.length;
        int d = rows[0].length;
        int[] e = new int[d];
        double[] m = new double[d];
        double[] s = new double[d];
        for (int j = 0; j < d; j++) {
            double max = 0;
            boolean constant = true;
            for (double[] r : rows) {
                max = Math.max(max, Math.abs(r[j]));
                constant &= r[j] == rows[0][j];
            }
            e[j] = exponentOf(max);
            if (constant) {   // exactly: the rounded mean of equal values need not equal them (3 x 0.1)
                m[j] = Math.scalb(rows[0][j], -e[j]);
                continue;
            }
            double sum = 0;
            for (double[] r : rows) {
                sum += Math.scalb(r[j], -e[j]);
            }
            m[j] = sum / n;
            double ss = 0;
            for (double[] r : rows) {
                double c = Math.scalb(r[j], -e[j]) - m[j];
                ss += c * c;
            }
            s[j] = Math.sqrt(ss / n);
        }
        return new Standardizer(e, m, s);
    }

    /** The binary exponent of a magnitude (0 for 0), also for subnormals. */
    static int exponentOf(double magnitude) {
        if (magnitude == 0) {
            return 0;
        }
        if (magnitude < Double.MIN_NORMAL) {
            return Math.getExponent(magnitude * 0x1p600) - 600;
        }
        return Math.getExponent(magnitude);
    }

    /**
     * Standardizes rows with the fitted statistics.
     *
     * @param x data [m, d] with the fitted number of columns
     * @return {@code (x - mean) / std} per column; constant training columns are only centered
     * @throws IllegalArgumentException if the shape does not fit, an entry is not finite, or a result is
     *     beyond the double range (a value far outside a column of tiny spread)
     */
    public Tensor transform(Tensor x) {
        double[][] rows = Data.matrix("Standardizer.transform", "X", x, 1);
        int d = exponent.length;
        if (rows[0].length != d) {
            throw new IllegalArgumentException("Standardizer.transform: X must have " + d + " columns (the fitted ones), "
                    + "got shape " + Arrays.toString(x.shape()));
        }
        double[][] z = new double[rows.length][d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                double c = Math.scalb(rows[i][j], -exponent[j]) - scaledMean[j];
                z[i][j] = scaledStd[j] == 0 ? Math.scalb(c, exponent[j]) : c / scaledStd[j];
                if (!Double.isFinite(z[i][j])) {
                    throw new IllegalArgumentException("Standardizer.transform: X[" + i + ", " + j + "] = " + rows[i][j]
                            + " standardizes beyond the double range (column mean " + mean()[j] + ", std " + std()[j] + ")");
                }
            }
        }
        return Tensor.of(z);
    }

    /**
     * Fits on {@code x} and transforms it.
     *
     * @param x the training data [n, d]
     * @return the standardized training data
     */
    public static Tensor fitTransform(Tensor x) {
        return fit(x).transform(x);
    }

    /** The column means, length d. */
    public double[] mean() {
        double[] m = new double[exponent.length];
        for (int j = 0; j < m.length; j++) {
            m[j] = Math.scalb(scaledMean[j], exponent[j]);
        }
        return m;
    }

    /** The biased column standard deviations (divisor n), length d; 0 for a constant column. */
    public double[] std() {
        double[] s = new double[exponent.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.scalb(scaledStd[j], exponent[j]);
        }
        return s;
    }
}
