package dlmath.theorems.learning;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.learn.Metrics;
import dlmath.learn.Metrics.ConfusionMatrix;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * ML-03 F1 is a harmonic mean; MCC is a correlation. Van Rijsbergen, <i>Information Retrieval</i>, 2nd ed. (1979),
 * Ch. 7 (the E/F measure); Matthews, Biochim. Biophys. Acta 405 (1975); Chicco &amp; Jurman, BMC Genomics 21 (2020).
 * Page: theorems/learning/ML-03-f1-and-mcc.md.
 */
@Theorem(id = "ML-03", name = "F1 is a harmonic mean and MCC a correlation",
        statement = "min(P,R) <= F_beta <= max(P,R), F1 = 2PR/(P+R) <= (P+R)/2; -1 <= MCC <= 1; the confusion counts, "
                + "accuracy, precision, recall and the precision-recall curve agree with their definitions")
@Tag("learning")
class F1AndMcc {

    /** 1 to 50 pairs (label, prediction) in {0,1}^2, any mix. */
    static final Gen<int[][]> MIXED = Gens.lists(Gens.tuples(Gens.integers(0, 1), Gens.integers(0, 1)), 1, 50).map(l ->
            new int[][] {l.stream().mapToInt(t -> t.first()).toArray(), l.stream().mapToInt(t -> t.second()).toArray()});

    /**
     * Labels and predictions: half any mix (all right, all wrong occur), a quarter with nothing predicted positive, a
     * quarter without positives (the 0/0 cases of precision, recall, F and MCC).
     */
    static final Gen<int[][]> PAIRS = Gens.frequency(Gens.weight(2, MIXED),
            Gens.weight(1, MIXED.map(p -> new int[][] {p[0], new int[p[1].length]})),
            Gens.weight(1, MIXED.map(p -> new int[][] {new int[p[0].length], p[1]})));

    static String show(int[][] yp) {
        return "y = " + Arrays.toString(yp[0]) + ", predicted = " + Arrays.toString(yp[1]);
    }

    /**
     * The counts equal the explicit enumeration of the four cases; accuracy, precision and recall equal one
     * division of the enumerated counts (tolerance 0: the same rational rounded once), with the documented 0 at
     * 0/0; MCC equals the formula within gamma_10 (four square roots, three products, a difference, a division).
     */
    @Property(tries = 300)
    void countsAndRatesMatchTheirDefinitions(Check check) {
        check.example((Object) new int[][] {{1, 0}, {1, 1}});
        check.forAll(PAIRS.map(p -> p).as("(y, predicted)"), yp -> {
            check.note("pairs", show(yp));
            long[] e = Ml.enumerate(yp[0], yp[1]);
            ConfusionMatrix c = Metrics.confusion(yp[0], yp[1]);
            // each case is a quarter of the generator (more from the mix): fewer than 5% of 300 tries has probability
            // at most exp(-2 * 0.2^2 * 300) = 4e-11 (Hoeffding)
            check.cover(5, e[0] + e[1] == 0, "nothing predicted positive");
            check.cover(5, e[0] + e[3] == 0, "no positive");
            Claims.that("(tp, fp, tn, fn) = enumeration " + Arrays.toString(e) + ", got " + c,
                    c.tp() == e[0] && c.fp() == e[1] && c.tn() == e[2] && c.fn() == e[3]);
            Claims.close("tp + fp + tn + fn = n", c.total(), yp[0].length, 0);
            Claims.close("accuracy = (tp + tn) / n", c.accuracy(), (double) (e[0] + e[2]) / yp[0].length, 0);
            Claims.close("precision = tp / (tp + fp) (0 at 0/0)", c.precision(), e[0] + e[1] == 0 ? 0
                    : (double) e[0] / (e[0] + e[1]), 0);
            Claims.close("recall = tp / (tp + fn) (0 at 0/0)", c.recall(), e[0] + e[3] == 0 ? 0
                    : (double) e[0] / (e[0] + e[3]), 0);
            double[] m = {e[0] + e[1], e[0] + e[3], e[2] + e[1], e[2] + e[3]};
            double mcc = m[0] * m[1] * m[2] * m[3] == 0 ? 0
                    : ((double) e[0] * e[2] - (double) e[1] * e[3]) / Math.sqrt(m[0] * m[1] * m[2] * m[3]);
            Claims.close("MCC = (tp tn - fp fn) / sqrt((tp+fp)(tp+fn)(tn+fp)(tn+fn)) (0 if a factor is 0)", c.mcc(), mcc,
                    Tol.gamma(10));
            Claims.that("-1 <= MCC <= 1", c.mcc() >= -1 && c.mcc() <= 1);
            int[] flipped = Arrays.stream(yp[1]).map(v -> 1 - v).toArray();
            Claims.close("MCC(flipped predictions) = -MCC", Metrics.confusion(yp[0], flipped).mcc(), -c.mcc(), Tol.gamma(20));
        });
    }

    /**
     * min(P, R) &lt;= F_beta &lt;= max(P, R) exactly for beta = 1 (each side one rounding of a rational, and rounding
     * is monotone), and within gamma_6 relative for other beta (beta^2 and the sums are rounded); F1 = 2PR/(P+R)
     * within gamma_6 relative; F1 &lt;= (P+R)/2 within 2u; F_beta = (1+beta^2)PR/(beta^2 P + R) within gamma_12.
     */
    @Property(tries = 300)
    void fBetaLiesBetweenPrecisionAndRecall(Check check) {
        check.forAll(PAIRS.as("(y, predicted)"), Gens.oneOf(Gens.doubles(0.01, 100), Gens.elements(1.0, 0.5, 2.0, 1e-200, 1e200))
                .as("beta"), (yp, beta) -> {
            check.note("pairs", show(yp));
            ConfusionMatrix c = Metrics.confusion(yp[0], yp[1]);
            double p = c.precision();
            double r = c.recall();
            double f1 = c.f1();
            Claims.that("min(P,R) <= F1 <= max(P,R): P = " + p + ", R = " + r + ", F1 = " + f1,
                    Math.min(p, r) <= f1 && f1 <= Math.max(p, r));
            Claims.atMost("F1 <= (P + R) / 2", f1, (p + r) / 2 + 2 * Ml.U);
            if (p + r > 0) {
                Claims.close("F1 = 2PR / (P + R)", f1, 2 * p * r / (p + r), Tol.gamma(6) * f1);
            }
            double fb = c.fBeta(beta);
            double lo = Math.min(p, r) * (1 - Tol.gamma(6));
            double hi = Math.max(p, r) * (1 + Tol.gamma(6));
            Claims.that("min(P,R) <= F_beta <= max(P,R): P = " + p + ", R = " + r + ", F_beta = " + fb, lo <= fb && fb <= hi);
            double b2 = beta * beta;
            if (p > 0 && r > 0 && Double.isFinite(b2) && b2 > 0) {
                Claims.close("F_beta = (1 + beta^2) P R / (beta^2 P + R)", fb, (1 + b2) * p * r / (b2 * p + r),
                        Tol.gamma(12) * fb);
            }
            Claims.close("F_1 = F1", c.fBeta(1), f1, 0);
        });
    }

    /**
     * The precision-recall curve at each distinct score equals the rates counted by enumeration, and the average
     * precision equals the mean over the positives of the precision at their own score (brute force, O(n^2)),
     * within gamma_{2n} (a sum of at most n rounded terms against another).
     */
    @Property(tries = 200)
    void precisionRecallCurveMatchesEnumeration(Check check) {
        check.forAll(Ml.BOTH.as("(s, y)"), sy -> {
            double[] s = sy.scores();
            int[] y = sy.y();
            Metrics.Curve pr = Metrics.precisionRecall(s, y);
            double[] th = pr.thresholds();
            Claims.that("the first point is (recall 0, precision 1)", pr.x()[0] == 0 && pr.y()[0] == 1);
            for (int k = 1; k < th.length; k++) {
                long tp = 0;
                long all = 0;
                for (int i = 0; i < y.length; i++) {
                    if (s[i] >= th[k]) {
                        tp += y[i];
                        all++;
                    }
                }
                Claims.close("recall at " + th[k], pr.x()[k], (double) tp / sy.positives(), 0);
                Claims.close("precision at " + th[k], pr.y()[k], (double) tp / all, 0);
            }
            double ap = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] == 1) {
                    long tp = 0;
                    long all = 0;
                    for (int j = 0; j < y.length; j++) {
                        if (s[j] >= s[i]) {
                            tp += y[j];
                            all++;
                        }
                    }
                    ap += (double) tp / all;
                }
            }
            ap /= sy.positives();
            Claims.close("AP = mean over positives of the precision at their score", Metrics.averagePrecision(s, y), ap,
                    Tol.gamma(2 * y.length + 2));
        });
    }

    /** F1 is not the arithmetic mean: F1 >= (P + R)/2 fails as soon as P != R. */
    @Counterexample
    void f1IsNotTheArithmeticMean(Check check) {
        check.forAll(PAIRS.as("(y, predicted)"), yp -> {
            ConfusionMatrix c = Metrics.confusion(yp[0], yp[1]);
            check.note("pairs", show(yp));
            Claims.atLeast("F1 >= (P + R) / 2", c.f1(), (c.precision() + c.recall()) / 2 - 2 * Ml.U);
        });
    }

    /** Degenerate input: lengths that differ, an empty input, or a label other than 0/1 are refused by name. */
    @Property(tries = 50)
    void badLabelsAreRefused(Check check) {
        check.forAll(Gens.integers(2, 9).as("bad label"), bad -> {
            for (int[][] yp : List.of(new int[][] {{1, 0}, {1}}, new int[][] {{}, {}}, new int[][] {{1, bad}, {1, 0}},
                    new int[][] {{1, 0}, {bad, 0}})) {
                try {
                    Metrics.confusion(yp[0], yp[1]);
                    Claims.that("refused: " + show(yp), false);
                } catch (IllegalArgumentException e) {
                    Claims.that("the message names the problem: " + e.getMessage(), e.getMessage().contains("label")
                            || e.getMessage().contains("same positive number"));
                }
            }
        });
    }
}
