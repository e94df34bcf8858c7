package dlmath.theorems.optimization;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.optim.Batches;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;

/**
 * OPT-08 Mini-batch gradients are unbiased: for f = (1/m) sum_i f_i, the average of the batch
 * gradients (1/b) sum_{i in B} grad f_i over all b-subsets B (sampling without replacement), and
 * over all b-sequences (with replacement), equals grad f; one epoch's batches partition the data,
 * so their size-weighted average is grad f exactly; and Batches draws each subset / index with
 * its uniform probability. Bottou, Curtis, Nocedal, Optimization Methods for Large-Scale Machine
 * Learning, SIAM Review 60 (2018), eq. (4.3) and Assumption 4.3; Robbins and Monro (1951).
 * Page: theorems/optimization/OPT-08-mini-batch-unbiasedness.md.
 */
@Theorem(id = "OPT-08", name = "Mini-batch gradients are unbiased",
        statement = "E_B[(1/b) sum_{i in B} grad f_i] = (1/m) sum_i grad f_i for uniform batches with or without "
                + "replacement; an epoch's batches partition the data")
@Tag("optimization")
class MiniBatchUnbiasedness {

    /**
     * Per-example least-squares gradients grad f_i(w) = (x_i^T w - y_i) x_i with small integer data,
     * as exact integers (m in 1..6 examples, n in 1..3 features).
     */
    static final Gen<long[][]> GRADIENTS = Gens.tuples(Gens.integers(1, 6), Gens.integers(1, 3)).flatMap(mn ->
            Gens.tuples(Gens.listOfSize(Gens.listOfSize(Gens.integers(-5, 5), mn.second()), mn.first()),
                    Gens.listOfSize(Gens.integers(-5, 5), mn.first()), Gens.listOfSize(Gens.integers(-3, 3), mn.second()))
                    .map(t -> {
                        int m = mn.first();
                        int n = mn.second();
                        long[][] g = new long[m][n];
                        for (int i = 0; i < m; i++) {
                            long r = -t.second().get(i);
                            for (int j = 0; j < n; j++) {
                                r += (long) t.first().get(i).get(j) * t.third().get(j);
                            }
                            for (int j = 0; j < n; j++) {
                                g[i][j] = r * t.first().get(i).get(j);
                            }
                        }
                        return g;
                    }));

    static List<int[]> subsets(int m, int b) {
        List<int[]> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << m; mask++) {
            if (Integer.bitCount(mask) == b) {
                int[] s = new int[b];
                int k = 0;
                for (int i = 0; i < m; i++) {
                    if ((mask >> i & 1) == 1) {
                        s[k++] = i;
                    }
                }
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Exact enumeration in integers: sum over the C(m,b) subsets of sum_{i in B} g_i equals
     * C(m-1, b-1) sum_i g_i, so the average of batch means, sum_B (1/b) sum_{i in B} g_i / C(m,b),
     * is (1/m) sum_i g_i (cross-multiplied: m sum_B sum_{i in B} g_i = b C(m,b) sum_i g_i); over the
     * m^b sequences with replacement, m sum_S sum_{i in S} g_i = b m^b sum_i g_i.
     */
    @Property(tries = 200)
    void averageOverAllBatchesIsTheFullGradient(Check check) {
        check.forAll(GRADIENTS.as("per-example gradients"), Gens.integers(1, 6).as("b"), (g, b0) -> {
            int m = g.length;
            int n = g[0].length;
            int b = Math.min(b0, m);
            List<int[]> all = subsets(m, b);
            for (int j = 0; j < n; j++) {
                BigInteger full = BigInteger.ZERO;
                for (long[] gi : g) {
                    full = full.add(BigInteger.valueOf(gi[j]));
                }
                BigInteger batches = BigInteger.ZERO;
                for (int[] s : all) {
                    for (int i : s) {
                        batches = batches.add(BigInteger.valueOf(g[i][j]));
                    }
                }
                Claims.that("without replacement, coordinate " + j + ": m sum_B sum_{i in B} g_i = b C(m,b) sum_i g_i",
                        batches.multiply(BigInteger.valueOf(m)).equals(full.multiply(BigInteger.valueOf((long) b * all.size()))));
                BigInteger sequences = BigInteger.ZERO;
                int[] idx = new int[b];
                long count = (long) Math.pow(m, b);
                for (long c = 0; c < count; c++) {
                    long x = c;
                    for (int k = 0; k < b; k++) {
                        idx[k] = (int) (x % m);
                        x /= m;
                        sequences = sequences.add(BigInteger.valueOf(g[idx[k]][j]));
                    }
                }
                Claims.that("with replacement, coordinate " + j + ": m sum_S sum_{i in S} g_i = b m^b sum_i g_i",
                        sequences.multiply(BigInteger.valueOf(m)).equals(full.multiply(BigInteger.valueOf(b * count))));
            }
        });
    }

    /** Batches.epoch partitions 0..m-1: the size-weighted average of batch gradients is the full gradient exactly (integers). */
    @Property(tries = 200)
    void anEpochPartitionsTheData(Check check) {
        check.forAll(Gens.integers(1, 50).as("m"), Gens.integers(1, 60).as("b"), Gens.longs(0, Long.MAX_VALUE).as("seed"),
                (m, b, seed) -> {
                    List<int[]> epoch = Batches.epoch(m, b, new SplittableRandom(seed));
                    int[] seen = new int[m];
                    for (int k = 0; k < epoch.size(); k++) {
                        int[] batch = epoch.get(k);
                        Claims.that("batch " + k + " has size b (or the remainder, last): " + batch.length,
                                batch.length == (k < epoch.size() - 1 ? b : m - b * (epoch.size() - 1)));
                        for (int i : batch) {
                            Claims.that("index " + i + " in [0, m)", i >= 0 && i < m);
                            seen[i]++;
                        }
                    }
                    Claims.that("every index exactly once: " + Arrays.toString(seen), Arrays.stream(seen).allMatch(c -> c == 1));
                    Claims.that("ceil(m / b) batches", epoch.size() == (m + b - 1) / b);
                });
    }

    /**
     * Frequencies: N = 20000 draws of Batches.withoutReplacement(m, b) (each subset has probability
     * 1 / C(m,b)), of withReplacement (each position's index has probability 1/m) and of epoch (its
     * first index is uniform: the permutation is shuffled); at most 20 + 36 + 6 = 62 events. Hoeffding with a
     * union bound over at most 64 events: |freq - p| &lt;= sqrt(ln(2 * 64 / 1e-9) / (2N)) = 0.0226 fails
     * with probability at most 1e-9.
     */
    @Property(tries = 12)
    void samplersAreUniform(Check check) {
        check.forAll(Gens.integers(1, 6).as("m"), Gens.integers(1, 6).as("b"), Gens.longs(0, Long.MAX_VALUE).as("seed"),
                (m, b0, seed) -> {
                    int b = Math.min(m, b0);
                    int draws = 20000;
                    double radius = Math.sqrt(Math.log(2 * 64 / 1e-9) / (2 * draws));
                    SplittableRandom rng = new SplittableRandom(seed);
                    Map<String, Integer> counts = new HashMap<>();
                    for (int k = 0; k < draws; k++) {
                        int[] s = Batches.withoutReplacement(m, b, rng);
                        Arrays.sort(s);
                        counts.merge(Arrays.toString(s), 1, Integer::sum);
                    }
                    List<int[]> all = subsets(m, b);
                    for (int[] s : all) {
                        double freq = counts.getOrDefault(Arrays.toString(s), 0) / (double) draws;
                        Claims.close("frequency of subset " + Arrays.toString(s) + " = 1/C(m,b)", freq, 1.0 / all.size(), radius);
                    }
                    int[][] position = new int[b][m];
                    for (int k = 0; k < draws; k++) {
                        int[] s = Batches.withReplacement(m, b, rng);
                        for (int p = 0; p < b; p++) {
                            position[p][s[p]]++;
                        }
                    }
                    for (int p = 0; p < b; p++) {
                        for (int i = 0; i < m; i++) {
                            Claims.close("with replacement: P(position " + p + " = " + i + ") = 1/m",
                                    position[p][i] / (double) draws, 1.0 / m, radius);
                        }
                    }
                    int[] first = new int[m];
                    for (int k = 0; k < draws; k++) {
                        first[Batches.epoch(m, b, rng).get(0)[0]]++;
                    }
                    for (int i = 0; i < m; i++) {
                        Claims.close("epoch: P(first index = " + i + ") = 1/m (a shuffled permutation)",
                                first[i] / (double) draws, 1.0 / m, radius);
                    }
                });
    }

    /**
     * Drop uniform sampling: always taking the first b examples (an unshuffled loader) is a biased
     * estimate; its batch mean differs from the full gradient.
     */
    @Counterexample
    void theFirstBatchIsBiased(Check check) {
        check.forAll(GRADIENTS.as("per-example gradients"), Gens.integers(1, 6).as("b"), (g, b0) -> {
            int m = g.length;
            int b = Math.min(b0, m);
            for (int j = 0; j < g[0].length; j++) {
                long first = 0;
                long full = 0;
                for (int i = 0; i < m; i++) {
                    full += g[i][j];
                    first += i < b ? g[i][j] : 0;
                }
                Claims.that("coordinate " + j + ": mean of the first b = full mean (m first = b full)", m * first == b * full);
            }
        });
    }
}
