package dlmath.theorems.learning;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.learn.Smote;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;

/**
 * ML-06 SMOTE interpolates between minority neighbours and balances the classes. Chawla, Bowyer, Hall &amp;
 * Kegelmeyer, JAIR 16 (2002), Sec. 4.2 (the algorithm SMOTE). Page: theorems/learning/ML-06-smote-segments.md.
 */
@Theorem(id = "ML-06", name = "SMOTE interpolates between minority neighbours",
        statement = "every synthetic point lies on a segment from a minority point to one of its k nearest minority "
                + "neighbours, and the resampled classes have equal counts; k >= n_min or one class is refused")
@Tag("learning")
class SmoteSegments {

    /** A labelled data set and k. */
    record Case(double[][] x, int[] y, int k, long seed) {
        @Override
        public String toString() {
            return "X = " + Ml.show(x) + ", y = " + Arrays.toString(y) + ", k = " + k + ", seed = " + seed;
        }

        int minorityCount() {
            int ones = Arrays.stream(y).sum();
            return Math.min(ones, y.length - ones);
        }
    }

    /** Coordinates: small integers (many equal distances: ties) or normals. */
    static final Gen<Double> COORD = Gens.oneOf(Gens.integers(-3, 3).map(Integer::doubleValue), Gens.standardNormals());

    /** n_min in [0, 12] minority (label 1 or 0), n_maj in [0, 25] more, d in [1, 3], k in [1, 8]: single class and large k included. */
    static final Gen<Case> CASES = Gens.tuples(Gens.tuples(Gens.integers(1, 3), Gens.sizes(0, 12), Gens.sizes(0, 25)),
            Gens.integers(1, 8), Gens.tuples(Gens.integers(0, 1), Gens.longs(0, 1000))).flatMap(t -> {
                int d = t.first().first();
                int nMin = t.first().second();
                int n = 2 * nMin + t.first().third();
                return Gens.listOfSize(Gens.doubleArrays(COORD, d, d), Math.max(n, 1)).map(rows -> {
                    double[][] x = rows.toArray(double[][]::new);
                    int[] y = new int[x.length];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = i < nMin ? t.third().first() : 1 - t.third().first();
                    }
                    return new Case(x, y, t.second(), t.third().second());
                });
            });

    /** Valid cases by construction: n_min in [2, 12], k in [1, n_min - 1]. */
    static final Gen<Case> VALID = Gens.tuples(Gens.tuples(Gens.integers(1, 3), Gens.sizes(2, 12), Gens.sizes(0, 25)),
            Gens.integers(0, 1000), Gens.tuples(Gens.integers(0, 1), Gens.longs(0, 1000))).flatMap(t -> {
                int d = t.first().first();
                int nMin = t.first().second();
                int n = 2 * nMin + t.first().third();
                int k = 1 + t.second() % (nMin - 1);
                return Gens.listOfSize(Gens.doubleArrays(COORD, d, d), n).map(rows -> {
                    double[][] x = rows.toArray(double[][]::new);
                    int[] y = new int[x.length];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = i < nMin ? t.third().first() : 1 - t.third().first();
                    }
                    return new Case(x, y, k, t.third().second());
                });
            });

    static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }

    /** Whether s lies on the segment [a, b] within tol (max norm), by projection. */
    static boolean onSegment(double[] s, double[] a, double[] b, double tol) {
        double ab = dist2(a, b);
        double t = 0;
        if (ab > 0) {
            double dot = 0;
            for (int j = 0; j < a.length; j++) {
                dot += (s[j] - a[j]) * (b[j] - a[j]);
            }
            t = Math.max(0, Math.min(1, dot / ab));
        }
        for (int j = 0; j < a.length; j++) {
            if (Math.abs(s[j] - (a[j] + t * (b[j] - a[j]))) > tol) {
                return false;
            }
        }
        return true;
    }

    /**
     * With both classes and 1 &lt;= k &lt; n_min: the first n rows are the data, the classes balance, and each
     * synthetic point is on a segment [x_i, x_j] with x_i a minority point and x_j one of its k nearest minority
     * neighbours, found here by brute force (all j != i with distance at most the k-th smallest: equal distances all
     * count). Coverage: 3/4 of the cases are valid by construction, so fewer than 40% valid among 300 tries has
     * probability at most exp(-2 * 0.35^2 * 300) = 1e-32; one class and k &gt;= n_min come from the other quarter
     * (observed about 2.5% and 13%; required 1% each: exp(-2 * 0.015^2 * 300) is too weak a bound there, so these two
     * are labels, not covers). Tolerance per coordinate: x_i + g (x_j - x_i) is three roundings, at most 3u (|x_i| + |x_j|), and the
     * projection here as much again: 8u max(|x_i|, |x_j|, 1) suffices. Otherwise the call is refused, naming k or the class.
     */
    @Property(tries = 300)
    void syntheticPointsLieOnMinorityNeighbourSegments(Check check) {
        check.forAll(Gens.frequency(Gens.weight(3, VALID), Gens.weight(1, CASES)).as("case"), c -> {
            int nMin = c.minorityCount();
            boolean valid = nMin >= 1 && c.k() < nMin;
            check.cover(40, valid, "both classes and k < n_min");
            check.label(nMin == 0 ? "one class only" : c.k() >= nMin ? "k >= n_min" : "valid");
            if (!valid) {
                try {
                    Smote.oversample(Tensor.of(c.x()), c.y(), c.k(), new SplittableRandom(c.seed()));
                    Claims.that("refused: one class or k >= n_min", false);
                } catch (IllegalArgumentException e) {
                    Claims.that("the message names the problem: " + e.getMessage(), nMin == 0
                            ? e.getMessage().contains("one class") : e.getMessage().contains("k = " + c.k()));
                }
                return;
            }
            Smote.Resampled r = Smote.oversample(Tensor.of(c.x()), c.y(), c.k(), new SplittableRandom(c.seed()));
            int n = c.x().length;
            int minority = Arrays.stream(c.y()).sum() == nMin ? 1 : 0;
            double[][] out = r.x().toArray2D();
            int[] y = r.y();
            Claims.close("the classes balance: #1 = #0", Arrays.stream(y).sum(), y.length - Arrays.stream(y).sum(), 0);
            for (int i = 0; i < n; i++) {
                Claims.that("row " + i + " is the original", Arrays.equals(out[i], c.x()[i]) && y[i] == c.y()[i]);
            }
            for (int s = n; s < out.length; s++) {
                Claims.that("synthetic row " + s + " has the minority label", y[s] == minority);
                boolean found = false;
                for (int i = 0; i < n && !found; i++) {
                    if (c.y()[i] != minority) {
                        continue;
                    }
                    double[] d = new double[n];
                    double[] sorted = new double[nMin - 1];
                    int m = 0;
                    for (int j = 0; j < n; j++) {
                        d[j] = dist2(c.x()[i], c.x()[j]);
                        if (j != i && c.y()[j] == minority) {
                            sorted[m++] = d[j];
                        }
                    }
                    Arrays.sort(sorted);
                    double kth = sorted[c.k() - 1];
                    for (int j = 0; j < n && !found; j++) {
                        if (j != i && c.y()[j] == minority && d[j] <= kth) {
                            double scale = Math.max(1, Math.max(Arrays.stream(c.x()[i]).map(Math::abs).max().orElse(0),
                                    Arrays.stream(c.x()[j]).map(Math::abs).max().orElse(0)));
                            found = onSegment(out[s], c.x()[i], c.x()[j], 8 * Ml.U * scale);
                        }
                    }
                }
                Claims.that("synthetic row " + s + " = " + Arrays.toString(out[s]) + " lies on a segment from a minority point"
                        + " to one of its " + c.k() + " nearest minority neighbours", found);
            }
        });
    }

    /**
     * SMOTE ignores the majority class: a synthetic point can be nearer to a majority point than to every minority
     * point (the known weakness that motivates Borderline-SMOTE and SMOTE-Tomek).
     */
    @Counterexample
    void syntheticPointsCanLandAmongTheMajority(Check check) {
        check.forAll(VALID.as("case"), c -> {
            Smote.Resampled r = Smote.oversample(Tensor.of(c.x()), c.y(), c.k(), new SplittableRandom(c.seed()));
            double[][] out = r.x().toArray2D();
            int n = c.x().length;
            int minority = r.y()[out.length - 1];
            for (int s = n; s < out.length; s++) {
                double dMin = Double.POSITIVE_INFINITY;
                double dMaj = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    double d = dist2(out[s], c.x()[i]);
                    if (c.y()[i] == minority) {
                        dMin = Math.min(dMin, d);
                    } else {
                        dMaj = Math.min(dMaj, d);
                    }
                }
                Claims.atMost("distance^2 of synthetic row " + s + " to the minority <= to the majority", dMin, dMaj);
            }
        });
    }
}
