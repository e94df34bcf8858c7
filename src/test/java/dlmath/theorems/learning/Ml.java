package dlmath.theorems.learning;

import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Generators and separately written references (brute force, naive loops) for the learning chapter.
 * Nothing here calls {@code dlmath.learn}.
 */
final class Ml {

    private Ml() {
    }

    /** Scores with their 0/1 labels. */
    record Scored(double[] scores, int[] y) {
        int positives() {
            return Arrays.stream(y).sum();
        }

        int negatives() {
            return y.length - positives();
        }

        @Override
        public String toString() {
            return "scores = " + Arrays.toString(scores) + ", y = " + Arrays.toString(y);
        }
    }

    /** Few distinct values, so that ties between positives and negatives are common; -0.0 ties with 0.0. */
    static final Gen<Double> TIED = Gens.elements(0.0, 1.0, -1.0, 0.5, -0.0, 2.0, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE);

    /** Scores anywhere in the double range, subnormals and infinities included. */
    static final Gen<Double> WIDE = Gens.doubles(-Double.MAX_VALUE, Double.MAX_VALUE).withInfinity().withSubnormals();

    /** A score: tied values (half the time), a moderate value, or any double. */
    static final Gen<Double> SCORE = Gens.frequency(Gens.weight(2, TIED), Gens.weight(1, Gens.doubles(-3, 3)),
            Gens.weight(1, WIDE));

    /** Labelled scores, 1 to 40 examples, labels in any proportion (possibly one class). */
    static Gen<Scored> scored(int min, int max) {
        return Gens.lists(Gens.tuples(SCORE, Gens.booleans()), min, max).map(l -> new Scored(
                l.stream().mapToDouble(t -> t.first()).toArray(), l.stream().mapToInt(t -> t.second() ? 1 : 0).toArray()));
    }

    /** Labelled scores with both classes: the first example's label is forced to differ from another's if needed. */
    static final Gen<Scored> BOTH = scored(2, 40).map(s -> {
        int[] y = s.y().clone();
        int p = Arrays.stream(y).sum();
        if (p == 0) {
            y[y.length - 1] = 1;
        } else if (p == y.length) {
            y[y.length - 1] = 0;
        }
        return new Scored(s.scores(), y);
    });

    /** The Mann-Whitney pair counts: {wins, ties} over all (positive, negative) pairs. */
    static long[] pairCounts(double[] s, int[] y) {
        long wins = 0;
        long ties = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    if (s[i] > s[j]) {
                        wins++;
                    } else if (s[i] == s[j]) {
                        ties++;
                    }
                }
            }
        }
        return new long[] {wins, ties};
    }

    /** AUC by all pairs: (2 wins + ties) / (2 P N), one rounding of exact integers. */
    static double bruteAuc(double[] s, int[] y) {
        long p = Arrays.stream(y).sum();
        long n = y.length - p;
        long[] c = pairCounts(s, y);
        return (double) (2 * c[0] + c[1]) / (double) (2 * p * n);
    }

    /** The confusion counts by explicit enumeration of the four cases: {tp, fp, tn, fn}. */
    static long[] enumerate(int[] y, int[] pred) {
        long[] c = new long[4];
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 1 && pred[i] == 1) {
                c[0]++;
            }
            if (y[i] == 0 && pred[i] == 1) {
                c[1]++;
            }
            if (y[i] == 0 && pred[i] == 0) {
                c[2]++;
            }
            if (y[i] == 1 && pred[i] == 0) {
                c[3]++;
            }
        }
        return c;
    }

    /** A matrix from rows. */
    static Tensor matrix(double[][] rows) {
        return Tensor.of(rows);
    }

    static double[][] rows(List<List<Double>> l) {
        return l.stream().map(r -> r.stream().mapToDouble(Double::doubleValue).toArray()).toArray(double[][]::new);
    }

    static String show(double[][] m) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < m.length; i++) {
            b.append(i == 0 ? "" : ", ").append(Arrays.toString(m[i]));
        }
        return b.append(']').toString();
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** Unit roundoff u = 2^-53. */
    static final double U = 0x1p-53;
}
