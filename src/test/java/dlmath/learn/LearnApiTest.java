package dlmath.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dlmath.nn.Datasets.Dataset;
import dlmath.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API boundary of the statistics in {@code dlmath.learn}: bad input is an {@link IllegalArgumentException} naming the
 * parameter and value (or both shapes), null a {@link NullPointerException} naming the argument; documented values of
 * degenerate input. The mathematics is checked by the learning chapter (ML-01..10).
 */
class LearnApiTest {

    static final Tensor X = Tensor.of(new double[][] {{0, 1}, {1, 0}, {2, 2}, {3, 1}});
    static final int[] Y = {0, 0, 1, 1};

    @Test
    void matricesAndLabelsAreChecked() {
        assertThatThrownBy(() -> Standardizer.fit(Tensor.of(1, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matrix").hasMessageContaining("[2]");
        assertThatThrownBy(() -> Standardizer.fit(Tensor.of(new double[][] {{1, Double.NaN}})))
                .hasMessageContaining("X[0, 1] = NaN");
        assertThatThrownBy(() -> Standardizer.fit(null)).isInstanceOf(NullPointerException.class).hasMessage("X");
        assertThatThrownBy(() -> Smote.oversample(X, new int[] {0, 1}, 1, new SplittableRandom(1)))
                .hasMessageContaining("2 labels").hasMessageContaining("4 rows").hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> Smote.oversample(X, new int[] {0, 1, 2, 1}, 1, new SplittableRandom(1)))
                .hasMessageContaining("y[2] = 2");
        assertThatThrownBy(() -> Smote.oversample(X, null, 1, new SplittableRandom(1))).hasMessage("y");
        assertThatThrownBy(() -> Ridge.viaSvd(X, new double[] {1, 2, 3}, 0)).hasMessageContaining("y has length 3, expected 4");
        assertThatThrownBy(() -> Ridge.viaSvd(X, new double[] {1, 2, 3, Double.POSITIVE_INFINITY}, 0))
                .hasMessageContaining("y[3] = Infinity");
        assertThatThrownBy(() -> Ridge.viaSvd(X, null, 0)).isInstanceOf(NullPointerException.class).hasMessage("y");
    }

    @Test
    void standardizerDocumentedValues() {
        Standardizer s = Standardizer.fit(Tensor.of(new double[][] {{1, 5, 1e300}, {3, 5, -1e300}}));
        assertThat(s.mean()).containsExactly(2, 5, 0);
        assertThat(s.std()).containsExactly(1, 0, 1e300);
        assertThat(s.transform(Tensor.of(new double[][] {{5, 6, 2e300}})).toArray()).containsExactly(3, 1, 2);
        assertThatThrownBy(() -> s.transform(Tensor.of(new double[][] {{1, 2}}))).hasMessageContaining("3 columns")
                .hasMessageContaining("[1, 2]");
        Standardizer tiny = Standardizer.fit(Tensor.of(new double[][] {{0}, {Double.MIN_VALUE * 2}}));
        assertThat(tiny.transform(Tensor.of(new double[][] {{0}, {Double.MIN_VALUE * 2}})).toArray()).containsExactly(-1, 1);
        assertThat(tiny.std()[0]).isEqualTo(Double.MIN_VALUE);
        assertThatThrownBy(() -> tiny.transform(Tensor.of(new double[][] {{1e300}}))).hasMessageContaining("beyond the double range");
        assertThat(Standardizer.exponentOf(0)).isZero();
        assertThat(Standardizer.exponentOf(Double.MIN_VALUE)).isEqualTo(-1074);
        assertThat(Standardizer.exponentOf(3)).isEqualTo(1);
        assertThat(Standardizer.fitTransform(Tensor.of(new double[][] {{7}})).toArray()).containsExactly(0);
    }

    @Test
    void oneHotEncoder() {
        OneHotEncoder e = OneHotEncoder.fit(new int[] {5, 2, 5, 9}, false);
        assertThat(e.categories()).containsExactly(2, 5, 9);
        assertThat(e.width()).isEqualTo(3);
        assertThat(e.transform(new int[] {9, 2}).toArray2D()).isEqualTo(new double[][] {{0, 0, 1}, {1, 0, 0}});
        OneHotEncoder d = OneHotEncoder.of(new int[] {9, 2}, true);
        assertThat(d.width()).isEqualTo(1);
        assertThat(d.transform(new int[] {9, 2}).toArray2D()).isEqualTo(new double[][] {{0}, {1}});
        assertThatThrownBy(() -> OneHotEncoder.of(new int[] {1}, true)).hasMessageContaining("at least 2 categories with dropFirst");
        assertThatThrownBy(() -> OneHotEncoder.of(new int[0], false)).hasMessageContaining("at least 1 category,");
        assertThatThrownBy(() -> OneHotEncoder.of(new int[] {1, 1}, false)).hasMessageContaining("category 1 repeats");
        assertThatThrownBy(() -> e.transform(new int[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> e.transform(new int[] {2, 3})).hasMessageContaining("column[1] = 3").hasMessageContaining("[2, 5, 9]");
        assertThatThrownBy(() -> OneHotEncoder.fit(null, false)).hasMessage("column");
        assertThatThrownBy(() -> OneHotEncoder.of(null, false)).hasMessage("categories");
        assertThatThrownBy(() -> e.transform(null)).hasMessage("column");
    }

    @Test
    void smote() {
        int[] y = {1, 0, 0, 0, 1, 0};
        Tensor x = Tensor.of(new double[][] {{0}, {10}, {11}, {12}, {1}, {13}});
        Smote.Resampled r = Smote.oversample(x, y, 1, new SplittableRandom(3));
        assertThat(r.x().shape()).containsExactly(8, 1);
        assertThat(r.y()).containsExactly(1, 0, 0, 0, 1, 0, 1, 1);
        assertThat(r.base()).hasSize(2).containsAnyOf(0, 4).doesNotContain(1, 2, 3, 5);
        for (int t = 0; t < 2; t++) {
            assertThat(r.neighbour()[t]).isEqualTo(4 - r.base()[t]);
            assertThat(r.gap()[t]).isBetween(0.0, 1.0);
            double xi = r.base()[t] == 0 ? 0 : 1;
            assertThat(r.x().get(6 + t, 0)).isCloseTo(xi + r.gap()[t] * ((r.neighbour()[t] == 0 ? 0 : 1) - xi), within(1e-15));
        }
        int[] flipped = {0, 1, 1, 1, 0, 1};
        assertThat(Smote.oversample(x, flipped, 1, new SplittableRandom(3)).y()).containsExactly(0, 1, 1, 1, 0, 1, 0, 0);
        Smote.Resampled even = Smote.oversample(Tensor.of(new double[][] {{0}, {1}, {2}, {3}}), new int[] {0, 1, 1, 0}, 1,
                new SplittableRandom(1));
        assertThat(even.x().shape()).containsExactly(4, 1);
        assertThat(even.base()).isEmpty();
        assertThatThrownBy(() -> Smote.oversample(x, new int[6], 1, new SplittableRandom(1))).hasMessageContaining("one class only")
                .hasMessageContaining("all 6 labels are 0");
        assertThatThrownBy(() -> Smote.oversample(x, y, 2, new SplittableRandom(1))).hasMessageContaining("k must be in [1, 1]")
                .hasMessageContaining("has 2 points").hasMessageContaining("k = 2");
        assertThatThrownBy(() -> Smote.oversample(x, y, 0, new SplittableRandom(1))).hasMessageContaining("k = 0");
        assertThatThrownBy(() -> Smote.oversample(x, y, 1, null)).hasMessage("rng");
        Smote.Resampled huge = Smote.oversample(Tensor.of(new double[][] {{Double.MAX_VALUE}, {-Double.MAX_VALUE}, {0}, {1}, {2}}),
                new int[] {1, 1, 0, 0, 0}, 1, new SplittableRandom(5));
        assertThat(Double.isFinite(huge.x().get(5, 0))).isTrue();
    }

    @Test
    void neighboursAreTheNearestMinorityPointsWithTiesByIndex() {
        Tensor x = Tensor.of(new double[][] {{0}, {1}, {-1}, {5}, {100}, {101}, {102}, {103}, {104}});
        int[] y = {1, 1, 1, 1, 0, 0, 0, 0, 0};
        Smote.Resampled r = Smote.oversample(x, y, 2, new SplittableRandom(7));
        for (int t = 0; t < r.base().length; t++) {
            int b = r.base()[t];
            int nb = r.neighbour()[t];
            switch (b) {
                case 0 -> assertThat(nb).isIn(1, 2);
                case 1 -> assertThat(nb).isIn(0, 2);
                case 2 -> assertThat(nb).isIn(0, 1);
                default -> assertThat(nb).isIn(1, 0);
            }
        }
    }

    @Test
    void logisticRegression() {
        int[] y = {0, 1, 0, 1, 1};
        Tensor x = Tensor.of(new double[][] {{0}, {0}, {1}, {1}, {2}});
        LogisticRegression.Model m = LogisticRegression.newton(x, y, true, 0, 1e-12, 50);
        assertThat(m.converged()).isTrue();
        assertThat(m.gradientNorm()).isLessThanOrEqualTo(1e-12);
        assertThat(m.iterations()).isBetween(1, 50);
        double[] p = m.probabilities(x);
        assertThat(p[0] + p[2] + p[4] + p[1] + p[3]).isCloseTo(3, within(1e-11));
        assertThat(m.predict(Tensor.of(new double[][] {{-100}, {100}}))).containsExactly(0, 1);
        LogisticRegression.Model zero = LogisticRegression.newton(x, y, true, 0, 1e-12, 0);
        assertThat(zero.iterations()).isZero();
        assertThat(zero.converged()).isFalse();
        assertThat(zero.predict(x)).containsOnly(1);   // z = 0 >= 0
        assertThat(zero.weights()).containsExactly(0);
        LogisticRegression.Model gd = LogisticRegression.gradientDescent(x, y, true, 0, 1e-8, 100000);
        assertThat(gd.converged()).isTrue();
        assertThat(gd.weights()[0]).isCloseTo(m.weights()[0], within(1e-6));
        assertThat(gd.intercept()).isCloseTo(m.intercept(), within(1e-6));
        LogisticRegression.Model noIntercept = LogisticRegression.newton(x, y, false, 1, 1e-12, 50);
        assertThat(noIntercept.intercept()).isZero();
        assertThat(noIntercept.weights()).hasSize(1);
        assertThatThrownBy(() -> m.decision(Tensor.of(new double[][] {{1, 2}}))).hasMessageContaining("1 columns")
                .hasMessageContaining("[1, 2]");
        assertThatThrownBy(() -> LogisticRegression.newton(x, y, true, -1, 1e-9, 10)).hasMessageContaining("l2")
                .hasMessageContaining("-1.0");
        assertThatThrownBy(() -> LogisticRegression.newton(x, y, true, Double.POSITIVE_INFINITY, 1e-9, 10)).hasMessageContaining("l2");
        assertThatThrownBy(() -> LogisticRegression.newton(x, y, true, 0, 0, 10)).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> LogisticRegression.newton(x, y, true, 0, Double.NaN, 10)).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> LogisticRegression.newton(x, y, true, 0, 1e-9, -1)).hasMessageContaining("maxIterations")
                .hasMessageContaining("10000");
        assertThatThrownBy(() -> LogisticRegression.newton(x, y, true, 0, 1e-9, 10001)).hasMessageContaining("10001");
        assertThat(LogisticRegression.gradientDescent(x, y, true, 0, 1e-9, 10001).iterations()).isLessThanOrEqualTo(10001);
        assertThatThrownBy(() -> LogisticRegression.gradientDescent(x, y, true, 0, 1e-9, 10_000_001))
                .hasMessageContaining("10000000");
        assertThatThrownBy(() -> LogisticRegression.newton(Tensor.of(new double[][] {{1e200}}), new int[] {1}, true, 0, 1e-9, 1))
                .hasMessageContaining("X[0, 0] = 1.0E200").hasMessageContaining("standardize");
        assertThat(LogisticRegression.newton(Tensor.of(new double[][] {{LogisticRegression.MAX_ENTRY}}), new int[] {1}, true, 1, 1e-9, 1)
                .weights()).hasSize(1);
        assertThatThrownBy(() -> new LogisticRegression.Model(null, 0, 0, 0, false)).hasMessage("weights");
        assertThat(LogisticRegression.sigmoid(0)).isEqualTo(0.5);
        assertThat(LogisticRegression.sigmoid(-800)).isEqualTo(0);
        assertThat(LogisticRegression.sigmoid(-30)).isCloseTo(Math.exp(-30), within(1e-25));
        assertThat(LogisticRegression.sigmoid(800)).isEqualTo(1);
        assertThat(LogisticRegression.softplus(800)).isEqualTo(800);
        assertThat(LogisticRegression.softplus(-800)).isEqualTo(0);
        assertThat(LogisticRegression.softplus(0)).isEqualTo(Math.log(2));
        assertThat(LogisticRegression.softplus(1)).isCloseTo(Math.log1p(Math.E), within(1e-15));
    }

    @Test
    void singularHessianIsRegularizedNotRefused() {
        // a zero column: the Hessian is singular at every point, Newton's steps solve (H + mu I) d = -g
        Tensor x = Tensor.of(new double[][] {{1, 0}, {2, 0}, {3, 0}, {1, 0}});
        LogisticRegression.Model m = LogisticRegression.newton(x, new int[] {0, 1, 1, 1}, false, 0, 1e-10, 100);
        assertThat(m.converged()).isTrue();
        assertThat(m.weights()[1]).isZero();
        double z = m.weights()[0];
        double g = (LogisticRegression.sigmoid(z) - 0) + 2 * (LogisticRegression.sigmoid(2 * z) - 1)
                + 3 * (LogisticRegression.sigmoid(3 * z) - 1) + (LogisticRegression.sigmoid(z) - 1);
        assertThat(g).isCloseTo(0, within(1e-9));
    }

    @Test
    void separableDataWithoutPenaltyDoNotConverge() {
        Tensor x = Tensor.of(new double[][] {{0}, {1}});
        LogisticRegression.Model m = LogisticRegression.newton(x, new int[] {0, 1}, true, 0, 1e-300, 30);
        assertThat(m.converged()).isFalse();
        assertThat(m.iterations()).isEqualTo(30);
        assertThat(m.weights()[0]).isGreaterThan(20);
        assertThat(m.gradientNorm()).isLessThan(1e-8);   // the gradient vanishes along the diverging iterates
        LogisticRegression.Model l2 = LogisticRegression.newton(x, new int[] {0, 1}, true, 1, 1e-12, 30);
        assertThat(l2.converged()).isTrue();
    }

    @Test
    void ridge() {
        Tensor x = Tensor.of(new double[][] {{1, 0}, {0, 2}, {0, 0}});
        double[] y = {1, 2, 3};
        assertThat(Ridge.viaSvd(x, y, 0)).containsExactly(new double[] {1, 1}, within(1e-15));
        assertThat(Ridge.closedForm(x, y, 0)).containsExactly(new double[] {1, 1}, within(1e-15));
        assertThat(Ridge.viaSvd(x, y, 1)).containsExactly(new double[] {0.5, 0.8}, within(1e-15));
        assertThat(Ridge.closedForm(x, y, 1)).containsExactly(new double[] {0.5, 0.8}, within(1e-15));
        Tensor rankOne = Tensor.of(new double[][] {{1, 1}, {1, 1}});
        assertThat(Ridge.viaSvd(rankOne, new double[] {2, 2}, 0)).containsExactly(new double[] {1, 1}, within(1e-14));
        assertThat(Ridge.viaSvd(Tensor.of(new double[][] {{0, 0}}), new double[] {1}, 0)).containsExactly(0, 0);
        assertThatThrownBy(() -> Ridge.closedForm(rankOne, new double[] {2, 2}, 0)).hasMessageContaining("singular")
                .hasMessageContaining("viaSvd").hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> Ridge.closedForm(x, y, -1)).hasMessageContaining("lambda").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> Ridge.viaSvd(x, y, Double.NaN)).hasMessageContaining("lambda");
        assertThatThrownBy(() -> Ridge.closedForm(x, y, Double.POSITIVE_INFINITY)).hasMessageContaining("lambda");
        assertThatThrownBy(() -> Ridge.closedForm(Tensor.of(new double[][] {{1e200}}), new double[] {1}, 1))
                .hasMessageContaining("overflows");
        assertThat(Ridge.viaSvd(Tensor.of(new double[][] {{1e200}}), new double[] {1e200}, 1)).containsExactly(1);
        assertThatThrownBy(() -> Ridge.viaSvd(Tensor.of(new double[][] {{1e-300}}), new double[] {1e300}, 0))
                .hasMessageContaining("beyond the double range");
    }

    @Test
    void metrics() {
        Metrics.ConfusionMatrix c = new Metrics.ConfusionMatrix(3, 1, 4, 2);
        assertThat(c.total()).isEqualTo(10);
        assertThat(c.accuracy()).isEqualTo(0.7);
        assertThat(c.precision()).isEqualTo(0.75);
        assertThat(c.recall()).isEqualTo(0.6);
        assertThat(c.f1()).isEqualTo(6.0 / 9);
        assertThat(c.fBeta(1)).isEqualTo(6.0 / 9);
        assertThat(c.fBeta(2)).isCloseTo(15.0 / 24, within(1e-15));
        assertThat(c.fBeta(0.5)).isCloseTo(3.75 / 5.25, within(1e-15));
        assertThat(c.fBeta(1e-200)).isEqualTo(0.75);
        assertThat(c.fBeta(1e200)).isEqualTo(0.6);
        assertThat(c.mcc()).isCloseTo((12 - 2) / Math.sqrt(4.0 * 5 * 5 * 6), within(1e-15));
        assertThat(new Metrics.ConfusionMatrix(0, 0, 5, 0).mcc()).isZero();
        assertThat(new Metrics.ConfusionMatrix(0, 0, 5, 0).precision()).isZero();
        assertThat(new Metrics.ConfusionMatrix(0, 0, 5, 0).recall()).isZero();
        assertThat(new Metrics.ConfusionMatrix(0, 0, 5, 0).f1()).isZero();
        assertThat(new Metrics.ConfusionMatrix(0, 0, 5, 0).fBeta(3)).isZero();
        assertThat(new Metrics.ConfusionMatrix(5, 0, 0, 0).mcc()).isZero();
        assertThat(new Metrics.ConfusionMatrix(0, 5, 0, 0).mcc()).isZero();
        assertThat(new Metrics.ConfusionMatrix(0, 0, 0, 5).mcc()).isZero();
        assertThat(new Metrics.ConfusionMatrix(2, 0, 3, 0).mcc()).isCloseTo(1, within(1e-15));
        assertThat(new Metrics.ConfusionMatrix(0, 2, 0, 3).mcc()).isCloseTo(-1, within(1e-15));
        assertThat(new Metrics.ConfusionMatrix(1_000_000_000, 0, 1_000_000_000, 0).mcc()).isBetween(-1.0, 1.0);
        assertThatThrownBy(() -> new Metrics.ConfusionMatrix(0, 0, 0, 0)).hasMessageContaining("positive total");
        assertThatThrownBy(() -> new Metrics.ConfusionMatrix(-1, 1, 0, 0)).hasMessageContaining("tp = -1");
        assertThatThrownBy(() -> new Metrics.ConfusionMatrix(1, -1, 0, 0)).hasMessageContaining("fp = -1");
        assertThatThrownBy(() -> new Metrics.ConfusionMatrix(1, 0, -1, 0)).hasMessageContaining("tn = -1");
        assertThatThrownBy(() -> new Metrics.ConfusionMatrix(1, 0, 0, -1)).hasMessageContaining("fn = -1");
        assertThatThrownBy(() -> c.fBeta(0)).hasMessageContaining("beta").hasMessageContaining("0.0");
        assertThatThrownBy(() -> c.fBeta(Double.POSITIVE_INFINITY)).hasMessageContaining("beta");
        assertThatThrownBy(() -> c.fBeta(Double.NaN)).hasMessageContaining("NaN");
        assertThat(Metrics.confusion(new int[] {1, 1, 0, 0}, new int[] {1, 0, 1, 0})).isEqualTo(new Metrics.ConfusionMatrix(1, 1, 1, 1));
        assertThatThrownBy(() -> Metrics.confusion(new int[] {1}, new int[] {1, 0})).hasMessageContaining("1 labels and predicted 2");
        assertThatThrownBy(() -> Metrics.confusion(new int[] {1}, new int[] {-1})).hasMessageContaining("predicted[0] = -1");
        assertThatThrownBy(() -> Metrics.confusion(null, new int[] {1})).hasMessage("y");
        assertThatThrownBy(() -> Metrics.confusion(new int[] {1}, null)).hasMessage("predicted");
    }

    @Test
    void curves() {
        double[] s = {0.9, 0.8, 0.8, 0.1};
        int[] y = {1, 0, 1, 0};
        Metrics.Curve roc = Metrics.roc(s, y);
        assertThat(roc.x()).containsExactly(0, 0, 0.5, 1);
        assertThat(roc.y()).containsExactly(0, 0.5, 1, 1);
        assertThat(roc.thresholds()).containsExactly(Double.POSITIVE_INFINITY, 0.9, 0.8, 0.1);
        assertThat(Metrics.auc(s, y)).isEqualTo(0.875);
        Metrics.Curve pr = Metrics.precisionRecall(s, y);
        assertThat(pr.x()).containsExactly(0, 0.5, 1, 1);
        assertThat(pr.y()).containsExactly(1, 1, 2.0 / 3, 0.5);
        assertThat(Metrics.averagePrecision(s, y)).isCloseTo(0.5 + 0.5 * 2 / 3.0, within(1e-15));
        assertThatThrownBy(() -> Metrics.roc(new double[] {1}, new int[] {1, 0})).hasMessageContaining("1 scores but 2 labels");
        assertThatThrownBy(() -> Metrics.auc(new double[] {Double.NaN, 1}, new int[] {1, 0})).hasMessageContaining("scores[0] is NaN");
        assertThatThrownBy(() -> Metrics.auc(new double[] {0, 1}, new int[] {1, 3})).hasMessageContaining("y[1] = 3");
        assertThatThrownBy(() -> Metrics.precisionRecall(new double[] {0, 1}, new int[] {1, 1})).hasMessageContaining("2 positives, 0 negatives");
        assertThatThrownBy(() -> Metrics.averagePrecision(new double[] {0, 1}, new int[] {0, 0})).hasMessageContaining("one class only");
        assertThatThrownBy(() -> Metrics.roc(null, y)).hasMessage("scores");
        assertThatThrownBy(() -> Metrics.roc(s, null)).hasMessage("y");
    }

    @Test
    void breastCancerTable(@TempDir Path tmp) throws IOException {
        Dataset d = Tables.breastCancer(Path.of("data", "breast_cancer.csv"));
        assertThat(d.x().shape()).containsExactly(569, 30);
        assertThat(java.util.Arrays.stream(d.labels()).sum()).isEqualTo(212);
        assertThat(d.x().get(0, 0)).isEqualTo(17.99);
        assertThat(d.labels()[0]).isEqualTo(1);   // the file's class 0, malignant
        Path f = tmp.resolve("t.csv");
        Files.writeString(f, "2,1,a,b\n1.5,0\n2.5,1\n");
        Dataset small = Tables.breastCancer(f);
        assertThat(small.labels()).containsExactly(1, 0);
        Files.writeString(f, "x,1,a,b\n1,0\n");
        assertThatThrownBy(() -> Tables.breastCancer(f)).hasMessageContaining(":1: expected a header");
        Files.writeString(f, "");
        assertThatThrownBy(() -> Tables.breastCancer(f)).hasMessageContaining("expected a header");
        Files.writeString(f, "3,1,a,b\n1,0\n");
        assertThatThrownBy(() -> Tables.breastCancer(f)).hasMessageContaining("announces 3 rows, found 1");
        Files.writeString(f, "0,1,a,b\n");
        assertThatThrownBy(() -> Tables.breastCancer(f)).hasMessageContaining("announces 0 rows of 1 features");
        Files.writeString(f, "1,0,a,b\n");
        assertThatThrownBy(() -> Tables.breastCancer(f)).hasMessageContaining("0 features");
        Files.writeString(f, "1,1,a,b\n1,2\n");
        assertThatThrownBy(() -> Tables.breastCancer(f)).hasMessageContaining(":2: class 2.0");
        assertThatThrownBy(() -> Tables.breastCancer(tmp.resolve("missing.csv"))).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> Tables.breastCancer(null)).hasMessage("file");
    }

    /** Issue 11 (RB-01 over the new learn classes): the records check their components; no overflow of counts or scores. */
    @Test
    void recordsCheckTheirComponentsAndLargeValuesDoNotOverflow() {
        assertThatThrownBy(() -> new Metrics.Curve(null, new double[] {0}, new double[] {1})).isInstanceOf(NullPointerException.class)
                .hasMessage("x");
        assertThatThrownBy(() -> new Metrics.Curve(new double[] {0}, new double[] {2}, new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[0] = 2.0");
        assertThatThrownBy(() -> new Metrics.Curve(new double[] {0, 1}, new double[] {1, 1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thresholds[1] = 2.0 after 1.0");
        assertThatThrownBy(() -> new Smote.Resampled(X, Y, new int[] {0}, new int[] {1}, new double[] {1.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gap[0] = 1.0");
        assertThatThrownBy(() -> new Smote.Resampled(X, Y, null, new int[0], new double[0])).hasMessage("base");
        assertThatThrownBy(() -> new LogisticRegression.Model(new double[] {Double.NaN}, 0, 0, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[0] = NaN");
        assertThatThrownBy(() -> new Metrics.ConfusionMatrix(Long.MAX_VALUE, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds Long.MAX_VALUE");
        // 2 tp overflowed a long: f1 was 2 (tp - 1) / (2 (tp - 1) + 1) with negative operands, above 1
        assertThat(new Metrics.ConfusionMatrix(Long.MAX_VALUE - 1, 1, 0, 0).f1()).isCloseTo(1.0, within(1e-15)).isLessThanOrEqualTo(1.0);
        // w^T x = 2e308 - 1.5e308 = 5e307 (the plain sum was inf - inf = NaN, or inf)
        LogisticRegression.Model big = new LogisticRegression.Model(new double[] {1e308, -1e308}, 0, 0, 0, false);
        assertThat(big.decision(Tensor.of(new double[][] {{2, 1.5}}))[0]).isCloseTo(5e307, within(1e292));
        assertThat(big.decision(Tensor.of(new double[][] {{3, -2}}))[0]).isEqualTo(Double.POSITIVE_INFINITY);   // 5e308
    }
}
