package dlmath.theorems.learning;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.learn.Metrics;
import dlmath.theorems.learning.Ml.Scored;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;

/**
 * ML-01 The ROC AUC is the Mann-Whitney statistic. Hanley &amp; McNeil, Radiology 143 (1982), Sec. II;
 * Fawcett, Pattern Recognition Letters 27 (2006), Sec. 7. Page: theorems/learning/ML-01-roc-auc-mann-whitney.md.
 */
@Theorem(id = "ML-01", name = "ROC AUC is the Mann-Whitney statistic",
        statement = "AUC = P(s+ > s-) + 1/2 P(s+ = s-) over all (positive, negative) pairs; AUC(f(s)) = AUC(s) for strictly "
                + "increasing f; AUC(-s) = 1 - AUC(s)")
@Tag("learning")
class RocAucMannWhitney {

    /**
     * The trapezoidal area equals the all-pairs count exactly: both are one rounding of the same exact integer
     * quotient (2 wins + ties) / (2 P N), so the tolerance is 0. The ROC points equal the rates counted by
     * enumeration at every threshold (exact: one division of the same integers).
     */
    @Property(tries = 300)
    void aucIsTheMannWhitneyCount(Check check) {
        check.example(new Scored(new double[] {0, 0}, new int[] {1, 0}));
        check.example(new Scored(new double[] {0.0, -0.0, 1}, new int[] {1, 0, 0}));
        check.forAll(Ml.BOTH.as("(s, y)"), sy -> {
            long[] c = Ml.pairCounts(sy.scores(), sy.y());
            check.cover(20, c[1] > 0, "a positive and a negative tie");   // ~59% (seed 1); if >= 1/2, P(< 20%) <= exp(-2 * 90^2 / 300) = 3e-24
            check.label(sy.y().length >= 20 ? "n >= 20" : "n < 20");
            double auc = Metrics.auc(sy.scores(), sy.y());
            check.note("wins, ties", Arrays.toString(c));
            Claims.close("AUC = (2 wins + ties) / (2 P N)", auc, Ml.bruteAuc(sy.scores(), sy.y()), 0);
            Metrics.Curve roc = Metrics.roc(sy.scores(), sy.y());
            double[] fpr = roc.x();
            double[] tpr = roc.y();
            double[] th = roc.thresholds();
            Claims.that("the curve starts at (0, 0) and ends at (1, 1)", fpr[0] == 0 && tpr[0] == 0
                    && fpr[fpr.length - 1] == 1 && tpr[tpr.length - 1] == 1);
            for (int k = 0; k < th.length; k++) {
                long tp = 0;
                long fp = 0;
                for (int i = 0; i < sy.y().length; i++) {
                    if (k > 0 && sy.scores()[i] >= th[k]) {   // point 0: nothing positive
                        tp += sy.y()[i];
                        fp += 1 - sy.y()[i];
                    }
                }
                Claims.close("TPR at threshold " + th[k] + " = #{positives >= t} / P", tpr[k], (double) tp / sy.positives(), 0);
                Claims.close("FPR at threshold " + th[k] + " = #{negatives >= t} / N", fpr[k], (double) fp / sy.negatives(), 0);
                Claims.that("the distinct scores decrease", k <= 1 || th[k] < th[k - 1]);
            }
            Claims.close("one point per distinct score, plus (0, 0)", th.length,
                    Arrays.stream(sy.scores()).map(v -> v == 0 ? 0 : v).distinct().count() + 1, 0);
        });
    }

    /** Strictly increasing maps: x -> 2x + 1 (exact where it stays finite), rank, atan, exp, x^3 + x. */
    static final String[] MAPS = {"rank", "atan", "exp", "x^3 + x", "2^-600 x"};

    static double[] apply(String map, double[] s) {
        double[] sorted = Arrays.stream(s).map(v -> v == 0 ? 0 : v).sorted().distinct().toArray();
        DoubleUnaryOperator f = switch (map) {
            case "rank" -> v -> Arrays.binarySearch(sorted, v == 0 ? 0 : v);
            case "atan" -> Math::atan;
            case "exp" -> Math::exp;
            case "x^3 + x" -> v -> v * v * v + v;
            default -> v -> Math.scalb(v, -600);
        };
        return Arrays.stream(s).map(f).toArray();
    }

    /** Whether f kept the strict order of every pair (floating point can merge close values). */
    static boolean orderKept(double[] s, double[] fs) {
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (Double.compare(s[i] == 0 ? 0 : s[i], s[j] == 0 ? 0 : s[j]) != Double.compare(fs[i] == 0 ? 0 : fs[i],
                        fs[j] == 0 ? 0 : fs[j])) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * AUC(f(s)) = AUC(s) exactly (tolerance 0: the pair counts are the same integers) for a map that is strictly
     * increasing on the sample; a floating-point map that merged two scores (atan or exp of huge values, a
     * scaling into the subnormals) is not strictly increasing there and is only labelled. AUC(-s) = 1 - AUC(s)
     * within 2u: auc(-s) is one rounding of (D - A) / D, 1 - auc(s) one rounding of A / D and one of the difference.
     * Coverage: the map keeps the order in about 59% of the tries (seed 1); if the true rate is at least 1/2,
     * fewer than 30% of 300 tries has probability at most exp(-2 * 60^2 / 300) = 4e-11 (Hoeffding).
     */
    @Property(tries = 300)
    void invariantUnderIncreasingMapsAndAntisymmetric(Check check) {
        check.forAll(Ml.BOTH.as("(s, y)"), Gens.elements(MAPS).as("f"), (sy, map) -> {
            double[] fs = apply(map, sy.scores());
            boolean kept = orderKept(sy.scores(), fs);
            check.cover(30, kept, "f strictly increasing on the sample");
            double auc = Metrics.auc(sy.scores(), sy.y());
            if (kept) {
                Claims.close("AUC(f(s)) = AUC(s)", Metrics.auc(fs, sy.y()), auc, 0);
            }
            double[] neg = Arrays.stream(sy.scores()).map(v -> -v).toArray();
            Claims.close("AUC(-s) = 1 - AUC(s)", Metrics.auc(neg, sy.y()), 1 - auc, 2 * 0x1p-53);
        });
    }

    /** The ROC curve of the scores, for a figure: {fpr, tpr}. */
    static double[][] rocPoints(double[] scores, int[] y) {
        Metrics.Curve c = Metrics.roc(scores, y);
        return new double[][] {c.x(), c.y()};
    }

    /** One class only: the AUC is undefined and refused, naming the counts. */
    @Property(tries = 100)
    void oneClassIsRefused(Check check) {
        check.forAll(Ml.scored(1, 20).as("(s, y)"), Gens.booleans().as("all positive"), (sy, pos) -> {
            int[] y = new int[sy.y().length];
            Arrays.fill(y, pos ? 1 : 0);
            try {
                Metrics.auc(sy.scores(), y);
                Claims.that("AUC of one class is refused", false);
            } catch (IllegalArgumentException e) {
                Claims.that("the message names the class counts: " + e.getMessage(), e.getMessage().contains("one class only"));
            }
        });
    }

    /** Drop "strictly increasing": s -> s^2 is not monotone, and the AUC changes. */
    @Counterexample
    void nonMonotoneMapChangesTheAuc(Check check) {
        check.forAll(Ml.BOTH.as("(s, y)"), sy -> {
            double[] sq = Arrays.stream(sy.scores()).map(v -> v * v).toArray();
            Claims.close("AUC(s^2) = AUC(s)", Metrics.auc(sq, sy.y()), Metrics.auc(sy.scores(), sy.y()), 0);
        });
    }
}
