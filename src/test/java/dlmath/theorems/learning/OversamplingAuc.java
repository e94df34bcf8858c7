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
import org.junit.jupiter.api.Tag;

/**
 * ML-02 Oversampling a class leaves the ROC curve and the AUC unchanged. Fawcett, Pattern Recognition Letters 27
 * (2006), Sec. 4.2 ("ROC curves are insensitive to changes in class distribution"). Page:
 * theorems/learning/ML-02-oversampling-auc.md.
 */
@Theorem(id = "ML-02", name = "Oversampling leaves the AUC unchanged",
        statement = "replicating every example of one class m times leaves the ROC curve and the AUC of a fixed scorer "
                + "unchanged, while the accuracy changes")
@Tag("learning")
class OversamplingAuc {

    /** Every example of class c repeated m times (the originals first). */
    static Scored replicate(Scored sy, int c, int m) {
        int n = sy.y().length;
        int extra = 0;
        for (int l : sy.y()) {
            extra += l == c ? m - 1 : 0;
        }
        double[] s = Arrays.copyOf(sy.scores(), n + extra);
        int[] y = Arrays.copyOf(sy.y(), n + extra);
        int k = n;
        for (int i = 0; i < n; i++) {
            for (int r = 1; r < m && sy.y()[i] == c; r++) {
                s[k] = sy.scores()[i];
                y[k++] = c;
            }
        }
        return new Scored(s, y);
    }

    /**
     * Replicating class c m times multiplies the wins, the ties and P N by m, and each rate tp/P or fp/N keeps its
     * value as a rational: the doubles are one rounding of equal rationals, so they are equal (tolerance 0).
     */
    @Property(tries = 200)
    void replicatingAClassKeepsTheRocCurve(Check check) {
        check.forAll(Ml.BOTH.as("(s, y)"), Gens.integers(0, 1).as("class"), Gens.integers(2, 6).as("m"), (sy, c, m) -> {
            Scored big = replicate(sy, c, m);
            Claims.close("AUC after replicating class " + c + " " + m + " times", Metrics.auc(big.scores(), big.y()),
                    Metrics.auc(sy.scores(), sy.y()), 0);
            Metrics.Curve a = Metrics.roc(sy.scores(), sy.y());
            Metrics.Curve b = Metrics.roc(big.scores(), big.y());
            Claims.that("the ROC points are the same", Arrays.equals(a.x(), b.x()) && Arrays.equals(a.y(), b.y()));
            Claims.close("AUC of the replicated data = its all-pairs count", Metrics.auc(big.scores(), big.y()),
                    Ml.bruteAuc(big.scores(), big.y()), 0);
        });
    }

    /** The accuracy of the rule "positive if s >= 0" is not invariant: it moves towards the replicated class's accuracy. */
    @Counterexample
    void accuracyChanges(Check check) {
        check.forAll(Ml.BOTH.as("(s, y)"), Gens.integers(0, 1).as("class"), (sy, c) -> {
            Scored big = replicate(sy, c, 2);
            double before = Metrics.confusion(sy.y(), predict(sy.scores())).accuracy();
            double after = Metrics.confusion(big.y(), predict(big.scores())).accuracy();
            check.note("accuracy before, after", before + ", " + after);
            Claims.close("accuracy after replicating class " + c + " = accuracy before", after, before, 0);
        });
    }

    static int[] predict(double[] s) {
        return Arrays.stream(s).mapToInt(v -> v >= 0 ? 1 : 0).toArray();
    }
}
