package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.IntegerDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Sampling by inversion, both ways DiscreteDistribution does it (the walk from the mean for short windows, the
 * cumulative table with binary search for windows of 10^4 to 4 10^6 points), a support that does not start at
 * 0, and the ends of the support.
 *
 * <p>Oracles: the inverse CDF of commons-math3 (the sample must be the smallest k with u &lt; F(k), u the
 * generator's next double; checked where F is at least 1e-9 away from u, far beyond the table's rounding n u =
 * 1e-10 and commons-math3's CDF error); for a uniform law on {low, ..., low + n - 1}, low + floor(u n).
 */
class DiscreteDistributionMutationTest {

    /** A generator returning the given doubles in turn (then repeating the last). */
    static final class FixedRng implements RandomGenerator {
        private final double[] values;
        private int next;

        FixedRng(double... values) {
            this.values = values;
        }

        @Override
        public double nextDouble() {
            return values[Math.min(next++, values.length - 1)];
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only nextDouble");
        }
    }

    /** The uniform law on {low, ..., low + n - 1}, counting how often its masses are evaluated. */
    static final class CountingUniform extends DiscreteDistribution {
        final long lowest;
        final long n;
        long massCalls;

        CountingUniform(long lowest, long n) {
            this.lowest = lowest;
            this.n = n;
        }

        @Override
        public long low() {
            return lowest;
        }

        @Override
        public long high() {
            return lowest + n - 1;
        }

        @Override
        protected double logMass(long k) {
            massCalls++;
            return -Math.log(n);   // not checking k: a sum that strays outside the support counts too many
        }

        @Override
        protected double cdfAtInteger(long k) {
            return (k - lowest + 1) / (double) n;
        }

        @Override
        public double mean() {
            return lowest + (n - 1) / 2.0;
        }

        @Override
        public double variance() {
            return (n * (double) n - 1) / 12;
        }

        @Override
        public String toString() {
            return "CountingUniform(" + lowest + ", " + n + ")";
        }
    }

    /** The draws of d match the inverse CDF at the generator's doubles; returns how many were checked. */
    static int checkInversion(DiscreteDistribution d, IntegerDistribution oracle, int draws, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SplittableRandom copy = new SplittableRandom(seed);
        int checked = 0;
        for (int i = 0; i < draws; i++) {
            double k = d.sample(rng);
            double u = copy.nextDouble();
            int want = oracle.inverseCumulativeProbability(u);
            if (Math.abs(oracle.cumulativeProbability(want) - u) > 1e-9
                    && Math.abs(oracle.cumulativeProbability(want - 1) - u) > 1e-9) {
                assertThat(k).as("%s, draw %d at u = %s", d, i, u).isEqualTo(want);
                checked++;
            }
        }
        return checked;
    }

    @Test
    void tableAndWalkInvertTheCdf() {
        // walk (window below 10^4 points), table (10^4 to 4 10^6), table over a window not starting at 0
        assertThat(checkInversion(new Poisson(30), new PoissonDistribution(30), 200, 1)).isGreaterThan(190);
        assertThat(checkInversion(new Poisson(1e4), new PoissonDistribution(1e4), 200, 2)).isGreaterThan(190);
        assertThat(checkInversion(new Binomial(20_000, 0.3), new BinomialDistribution(20_000, 0.3), 200, 3))
                .isGreaterThan(190);
        assertThat(checkInversion(new Binomial(3_000_000, 0.4), new BinomialDistribution(3_000_000, 0.4), 100, 4))
                .isGreaterThan(90);
    }

    @Test
    void aSupportThatDoesNotStartAtZero() {
        CountingUniform d = new CountingUniform(5, 4);
        assertThat(d.summationLow()).isEqualTo(5);
        assertThat(d.summationHigh()).isEqualTo(8);
        assertThat(d.supportLow()).isEqualTo(5.0);
        assertThat(d.supportHigh()).isEqualTo(8.0);
        d.massCalls = 0;
        assertThat(d.entropy()).isEqualTo(4 * (Math.log(4) / 4));
        assertThat(d.massCalls).isEqualTo(4);
        assertThat(d.logProb(4)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.logProb(9)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.logProb(6.5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d.cdf(4.9)).isEqualTo(0.0);
        assertThat(d.cdf(6.5)).isEqualTo(0.5);
        assertThat(d.cdf(8)).isEqualTo(1.0);
        // inversion: u in [j/4, (j+1)/4) gives 5 + j
        for (int j = 0; j < 4; j++) {
            assertThat(d.sample(new FixedRng(j / 4.0 + 0.1))).isEqualTo(5.0 + j);
        }
        assertThat(new Binomial(10, 0.3).supportHigh()).isEqualTo(10.0);
        assertThat(new Bernoulli(0.3).supportHigh()).isEqualTo(1.0);
        assertThat(new Poisson(3).supportHigh()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    /**
     * The table is built once, on the first draw, for windows of 10^4 to 4 10^6 points: later draws evaluate no
     * mass. Shorter and longer windows walk (at least one mass per draw, never a whole table).
     */
    @Test
    void theCumulativeTableIsBuiltOnceAndOnlyForMidSizedWindows() {
        SplittableRandom rng = new SplittableRandom(11);
        for (long n : new long[] {10_000, 123_457, 4_000_000}) {
            CountingUniform d = new CountingUniform(1000, n);
            double first = d.sample(rng);
            assertThat(d.massCalls).as("table of %d points", n).isEqualTo(n);
            for (int i = 0; i < 20; i++) {
                long j = (long) ((0.05 * i + 0.01) * n);
                double u = (j + 0.5) / n;   // mid-way between two jumps of F: the answer is j, rounding aside
                assertThat(d.sample(new FixedRng(u))).isEqualTo(1000.0 + j);
            }
            assertThat(d.massCalls).as("no mass evaluated after the table, n = %d", n).isEqualTo(n);
            assertThat(first).isBetween(1000.0, 1000.0 + n - 1);
        }
        for (long n : new long[] {9_999, 4_000_001}) {
            CountingUniform d = new CountingUniform(0, n);
            for (int i = 0; i < 3; i++) {
                long before = d.massCalls;
                long j = (long) ((0.5 + 0.01 * i) * n);   // within 0.02 n of the mean: a walk of at most that many steps
                assertThat(d.sample(new FixedRng((j + 0.5) / n))).isEqualTo((double) j);
                assertThat(d.massCalls - before).as("walk, n = %d", n).isBetween(1L, (long) (0.03 * n) + 2);
            }
        }
    }

    /**
     * u at the largest double below 1 on a categorical law whose running sum ends below 1 (0.9999999999999999):
     * no k has u &lt; F(k), and the walk stops at the last category.
     */
    @Test
    void theWalkStopsAtTheEndOfTheSupport() {
        double[] p = {0.2747747747747748, 0.23423423423423426, 0.13513513513513514, 0.3423423423423424,
            0.013513513513513514};
        Categorical c = new Categorical(dlmath.tensor.Tensor.of(p));
        assertThat(c.sample(new FixedRng(Math.nextDown(1.0)))).isEqualTo(4.0);
        assertThat(c.sample(new FixedRng(0.0))).isEqualTo(0.0);
        // u = 0 walking down from the mean (index 1): the running F(-1) = F(0) - p_0 is a rounding residue of
        // 5.6e-17 here, and the walk must still stop at the first point of the support
        Categorical walk = new Categorical(dlmath.tensor.Tensor.of(0.25196850393700787, 0.24015748031496062,
                0.28346456692913385, 0.22440944881889763));
        assertThat(walk.sample(new FixedRng(0.0))).isEqualTo(0.0);
        assertThat(new Poisson(5).sample(new FixedRng(0.0))).isEqualTo(0.0);
        assertThat(new Bernoulli(0.25).sample(new FixedRng(0.75))).isEqualTo(1.0);
        assertThat(new Bernoulli(0.25).sample(new FixedRng(Math.nextDown(0.75)))).isEqualTo(0.0);
    }

    /**
     * The table inverts with a strict inequality (the smallest k with u &lt; F(k)): on the uniform law on 2^19
     * points the masses are exactly 2^-19 (checked), so F(k) = (k - low + 1) 2^-19 is exact and u = F(k) must
     * give k + 1. Past the end of the table (the running sum over 10^4 masses 1e-4 ends at 0.99999999999991,
     * below u = 1 - 2^-53) the draw is the last point.
     */
    @Test
    void tableInversionIsStrictAndStopsAtTheLastPoint() {
        long n = 1 << 19;
        Assumptions.assumeTrue(Math.exp(-Math.log(n)) == 0x1p-19, "exp(ln 2^-19) is exact on this JVM");
        CountingUniform d = new CountingUniform(3, n);
        for (long j : new long[] {1, 77_777, 262_144, n - 1}) {
            assertThat(d.sample(new FixedRng(j * 0x1p-19))).as("u = F(%d)", 3 + j - 1).isEqualTo(3.0 + j);
        }
        CountingUniform e = new CountingUniform(0, 10_000);
        assertThat(e.sample(new FixedRng(Math.nextDown(1.0)))).isEqualTo(9_999.0);
        assertThat(e.sample(new FixedRng(0.0))).isEqualTo(0.0);
    }
}
