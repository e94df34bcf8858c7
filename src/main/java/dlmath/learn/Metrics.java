package dlmath.learn;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * Metrics of a binary classifier (class 1 is the positive class), with scikit-learn's definitions
 * ({@code sklearn.metrics}): the confusion matrix and its rates, the ROC curve and its area, the
 * precision-recall curve and the average precision.
 *
 * <p>Documented values at 0/0 (scikit-learn's {@code zero_division=0}): precision is 0 when nothing is
 * predicted positive, recall is 0 when there is no positive, F-beta is 0 when there is no true positive,
 * no false positive and no false negative, and the Matthews correlation is 0 when a row or column of
 * the confusion matrix is empty. The ROC curve, its area and the precision-recall curve need both classes:
 * one class only is an {@link IllegalArgumentException}.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The confusion matrix of a binary classifier.
     *
     * @param tp true positives
     * @param fp false positives
     * @param tn true negatives
     * @param fn false negatives
     */
    public record ConfusionMatrix(long tp, long fp, long tn, long fn) {
        /** Checks that the counts are non-negative and not all zero. */
        public ConfusionMatrix {
            if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
                throw new IllegalArgumentException("ConfusionMatrix: counts must be >= 0 with a positive total, got tp = " + tp
                        + ", fp = " + fp + ", tn = " + tn + ", fn = " + fn);
            }
            // the total (and so every partial sum of the counts) must be a long: the rates divide by such sums
            if (tp > Long.MAX_VALUE - fp || tp + fp > Long.MAX_VALUE - tn || tp + fp + tn > Long.MAX_VALUE - fn) {
                throw new IllegalArgumentException("ConfusionMatrix: the total tp + fp + tn + fn exceeds Long.MAX_VALUE, got tp = "
                        + tp + ", fp = " + fp + ", tn = " + tn + ", fn = " + fn);
            }
            if (tp + fp + tn + fn == 0) {
                throw new IllegalArgumentException("ConfusionMatrix: counts must be >= 0 with a positive total, got tp = " + tp
                        + ", fp = " + fp + ", tn = " + tn + ", fn = " + fn);
            }
        }

        /** The number of examples. */
        public long total() {
            return tp + fp + tn + fn;
        }

        /** {@code (tp + tn) / n}. */
        public double accuracy() {
            return (double) (tp + tn) / total();
        }

        /** {@code tp / (tp + fp)}; 0 when nothing is predicted positive. */
        public double precision() {
            return ratio(tp, tp + fp);
        }

        /** {@code tp / (tp + fn)} (sensitivity, true positive rate); 0 when there is no positive. */
        public double recall() {
            return ratio(tp, tp + fn);
        }

        /** {@code 2 tp / (2 tp + fp + fn)}, the harmonic mean of precision and recall; 0 at 0/0. */
        public double f1() {
            double num = 2.0 * tp;   // in double: 2 tp overflows a long above Long.MAX_VALUE / 2
            double den = num + fp + fn;
            return den == 0 ? 0 : num / den;
        }

        /**
         * {@code F_beta = (1 + beta^2) tp / ((1 + beta^2) tp + beta^2 fn + fp)}, the weighted harmonic mean
         * {@code (1 + beta^2) P R / (beta^2 P + R)} (van Rijsbergen); 0 at 0/0.
         *
         * @param beta the weight of recall, finite, &gt; 0
         * @return F-beta in [0, 1]
         * @throws IllegalArgumentException if beta is not finite and positive
         */
        public double fBeta(double beta) {
            if (!(beta > 0 && beta < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("fBeta: beta must be finite and > 0, got " + beta);
            }
            double b2 = beta * beta;
            double num;
            double den;
            if (b2 > 1) {   // divided by beta^2, so that nothing overflows (beta^2 = +infinity gives recall)
                num = (1 / b2 + 1) * tp;
                den = num + fn + fp / b2;
            } else {        // beta^2 = 0 (beta below 1.5e-154) gives precision
                num = (1 + b2) * tp;
                den = num + b2 * fn + fp;
            }
            return den == 0 ? 0 : num / den;
        }

        /**
         * The Matthews correlation coefficient
         * {@code (tp tn - fp fn) / sqrt((tp + fp)(tp + fn)(tn + fp)(tn + fn))}, in [-1, 1]; 0 when a
         * factor of the denominator is 0.
         */
        public double mcc() {
            double a = tp + fp;
            double b = tp + fn;
            double c = tn + fp;
            double d = tn + fn;
            if (a == 0 || b == 0 || c == 0 || d == 0) {
                return 0;
            }
            double num = (double) tp * tn - (double) fp * fn;
            double m = num / (Math.sqrt(a) * Math.sqrt(b) * Math.sqrt(c) * Math.sqrt(d));
            return Math.max(-1, Math.min(1, m));
        }

        private static double ratio(long num, long den) {
            return den == 0 ? 0 : (double) num / den;
        }
    }

    /**
     * The confusion matrix of predictions.
     *
     * @param y the true 0/1 labels, at least one
     * @param predicted the predicted 0/1 labels, as many
     * @return the counts
     * @throws IllegalArgumentException if the lengths differ, are 0, or a label is not 0/1
     */
    public static ConfusionMatrix confusion(int[] y, int[] predicted) {
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(predicted, "predicted");
        if (y.length == 0 || y.length != predicted.length) {
            throw new IllegalArgumentException("confusion: y has " + y.length + " labels and predicted " + predicted.length
                    + "; need the same positive number");
        }
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < y.length; i++) {
            label("confusion", "y", y, i);
            label("confusion", "predicted", predicted, i);
            if (predicted[i] == 1) {
                if (y[i] == 1) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (y[i] == 1) {
                fn++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    private static void label(String op, String name, int[] a, int i) {
        if (a[i] != 0 && a[i] != 1) {
            throw new IllegalArgumentException(op + ": " + name + "[" + i + "] = " + a[i] + " is not a 0/1 label");
        }
    }

    /**
     * A curve through the points {@code (x[k], y[k])}, one per threshold; point {@code k >= 1} classifies as
     * positive the examples with score &gt;= {@code thresholds[k]}, the distinct scores in decreasing order;
     * point 0 classifies nothing as positive (its threshold is +infinity by scikit-learn's convention, even
     * when a score is +infinity).
     *
     * @param x the horizontal coordinates (false positive rate; recall)
     * @param y the vertical coordinates (true positive rate; precision)
     * @param thresholds the thresholds, decreasing
     */
    public record Curve(double[] x, double[] y, double[] thresholds) {
        /** Defensive copies. */
        public Curve {
            x = Objects.requireNonNull(x, "x").clone();
            y = Objects.requireNonNull(y, "y").clone();
            thresholds = Objects.requireNonNull(thresholds, "thresholds").clone();
            if (x.length == 0 || x.length != y.length || x.length != thresholds.length) {
                throw new IllegalArgumentException("Curve: x, y and thresholds must have the same positive length, got "
                        + x.length + ", " + y.length + " and " + thresholds.length);
            }
            for (int k = 0; k < x.length; k++) {
                if (!(x[k] >= 0 && x[k] <= 1 && y[k] >= 0 && y[k] <= 1)) {
                    throw new IllegalArgumentException("Curve: the coordinates are rates in [0, 1], got x[" + k + "] = " + x[k]
                            + ", y[" + k + "] = " + y[k]);
                }
                if (Double.isNaN(thresholds[k]) || k > 0 && thresholds[k] > thresholds[k - 1]) {
                    throw new IllegalArgumentException("Curve: the thresholds must be decreasing and not NaN, got thresholds["
                            + k + "] = " + thresholds[k] + (k > 0 ? " after " + thresholds[k - 1] : ""));
                }
            }
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public double[] thresholds() {
            return thresholds.clone();
        }
    }

    /** Cumulative counts at each distinct score, in decreasing order of score. */
    private record Steps(long[] tp, long[] fp, double[] thresholds, long positives, long negatives) {
    }

    private static Steps steps(String op, double[] scores, int[] y) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(y, "y");
        if (scores.length != y.length) {
            throw new IllegalArgumentException(op + ": " + scores.length + " scores but " + y.length + " labels");
        }
        long pos = 0;
        for (int i = 0; i < y.length; i++) {
            label(op, "y", y, i);
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException(op + ": scores[" + i + "] is NaN");
            }
            pos += y[i];
        }
        long neg = y.length - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException(op + ": y has one class only (" + pos + " positives, " + neg
                    + " negatives); the curve needs both");
        }
        Integer[] order = new Integer[y.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        int groups = 0;
        for (int k = 0; k < order.length; k++) {
            if (k == 0 || scores[order[k]] != scores[order[k - 1]]) {
                groups++;
            }
        }
        long[] tp = new long[groups + 1];
        long[] fp = new long[groups + 1];
        double[] th = new double[groups + 1];
        th[0] = Double.POSITIVE_INFINITY;
        int g = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (k == 0 || scores[i] != scores[order[k - 1]]) {
                g++;
                tp[g] = tp[g - 1];
                fp[g] = fp[g - 1];
                th[g] = scores[i];
            }
            if (y[i] == 1) {
                tp[g]++;
            } else {
                fp[g]++;
            }
        }
        return new Steps(tp, fp, th, pos, neg);
    }

    /**
     * The ROC curve: at each distinct score (decreasing), the false and true positive rates of the rule
     * "positive if score &gt;= threshold", from (0, 0) to (1, 1); all points are kept (scikit-learn's
     * {@code drop_intermediate=False}).
     *
     * @param scores the scores, no NaN (infinities allowed)
     * @param y the 0/1 labels, both classes present
     * @return x = false positive rate, y = true positive rate
     * @throws IllegalArgumentException on a length mismatch, a NaN score, a label not 0/1, or one class only
     */
    public static Curve roc(double[] scores, int[] y) {
        Steps s = steps("roc", scores, y);
        double[] fpr = new double[s.tp.length];
        double[] tpr = new double[s.tp.length];
        for (int k = 0; k < fpr.length; k++) {
            fpr[k] = (double) s.fp[k] / s.negatives;
            tpr[k] = (double) s.tp[k] / s.positives;
        }
        return new Curve(fpr, tpr, s.thresholds);
    }

    /**
     * The area under the ROC curve by the trapezoidal rule, in exact integer arithmetic and one rounding:
     * {@code sum_k (fp_k - fp_{k-1}) (tp_k + tp_{k-1}) / (2 P N)}. A group of tied scores is a diagonal
     * segment of the curve, so a tie between a positive and a negative counts one half.
     *
     * @param scores the scores, no NaN
     * @param y the 0/1 labels, both classes present
     * @return the AUC in [0, 1]
     * @throws IllegalArgumentException as {@link #roc}
     */
    public static double auc(double[] scores, int[] y) {
        Steps s = steps("auc", scores, y);
        long twiceArea = 0;
        for (int k = 1; k < s.tp.length; k++) {
            twiceArea += (s.fp[k] - s.fp[k - 1]) * (s.tp[k] + s.tp[k - 1]);
        }
        return twiceArea / (2.0 * s.positives * s.negatives);
    }

    /**
     * The precision-recall curve: at each distinct score (decreasing), recall and precision of the rule
     * "positive if score &gt;= threshold", after the point (recall 0, precision 1) at threshold +infinity
     * (scikit-learn's convention, in the reverse order).
     *
     * @param scores the scores, no NaN
     * @param y the 0/1 labels, both classes present
     * @return x = recall, y = precision
     * @throws IllegalArgumentException as {@link #roc}
     */
    public static Curve precisionRecall(double[] scores, int[] y) {
        Steps s = steps("precisionRecall", scores, y);
        double[] recall = new double[s.tp.length];
        double[] precision = new double[s.tp.length];
        precision[0] = 1;
        for (int k = 1; k < recall.length; k++) {
            recall[k] = (double) s.tp[k] / s.positives;
            precision[k] = (double) s.tp[k] / (s.tp[k] + s.fp[k]);
        }
        return new Curve(recall, precision, s.thresholds);
    }

    /**
     * The average precision {@code sum_k (R_k - R_{k-1}) P_k} over the distinct thresholds (scikit-learn's
     * {@code average_precision_score}): the mean, over the positives, of the precision at their score.
     *
     * @param scores the scores, no NaN
     * @param y the 0/1 labels, both classes present
     * @return AP in (0, 1]
     * @throws IllegalArgumentException as {@link #roc}
     */
    public static double averagePrecision(double[] scores, int[] y) {
        Steps s = steps("averagePrecision", scores, y);
        double ap = 0;
        for (int k = 1; k < s.tp.length; k++) {
            ap += (double) (s.tp[k] - s.tp[k - 1]) / s.positives * s.tp[k] / (s.tp[k] + s.fp[k]);
        }
        return ap;
    }
}
