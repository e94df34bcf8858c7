package dlmath.prob;

import java.util.random.RandomGenerator;

/**
 * A distribution on a range of integers {@code [low, high]}. Sampling is by inversion
 * (Devroye, Non-Uniform Random Variate Generation, Springer 1986, Sec. III.2 and X.2):
 * for u uniform in [0, 1) the sample is the smallest k with u &lt; F(k), found by a
 * sequential search that starts at the integer part of the mean (so it takes O(1 + |X - mean|)
 * steps) and walks down or up, adding or removing one mass at a time.
 */
public abstract class DiscreteDistribution extends UnivariateDistribution {

    /**
     * The smallest value of the support.
     *
     * @return the lowest integer with positive mass (or 0)
     */
    public abstract long low();

    /**
     * The largest value of the support ({@link Long#MAX_VALUE} for an unbounded support).
     *
     * @return the highest integer in the support
     */
    public abstract long high();

    /**
     * The log mass at an integer in [low, high].
     *
     * @param k an integer of the support
     * @return log P(X = k)
     */
    protected abstract double logMass(long k);

    /**
     * P(X &lt;= k) for an integer k in [low, high).
     *
     * @param k an integer of the support, below {@link #high()}
     * @return F(k)
     */
    protected abstract double cdfAtInteger(long k);

    /**
     * The first integer a sum over the support needs: {@link #low()}, or (for distributions with
     * a huge support) a point below which the mass is below 1e-300; with {@link #summationHigh()}
     * it bounds the time of every sum over the support.
     *
     * @return the start of summation
     */
    public long summationLow() {
        return low();
    }

    /**
     * The window {@code mean +- (60 sd + 1000)} outside which the mass is below 1e-300 for a sum of
     * independent bounded variables or a Poisson variable (Bernstein's inequality,
     * {@code P(|X - mean| >= t) <= 2 exp(-t^2 / (2 (sd^2 + t/3)))}: with {@code t >= 60 sd} and
     * {@code t >= 1000} the exponent is at least {@code min(900, 750)}), clipped to the support.
     */
    long[] bernsteinWindow() {
        double t = 60 * Math.sqrt(variance()) + 1000;
        double lo = Math.floor(mean() - t);
        double hi = Math.ceil(mean() + t);
        return new long[] {lo <= low() ? low() : (long) lo, hi >= high() ? high() : (long) hi};
    }

    /**
     * The last integer a sum over the support needs: {@link #high()} for a finite support,
     * else a point beyond which the mass is below 1e-300 (so no sum over a moment of
     * polynomial growth can notice it).
     *
     * @return the end of summation
     */
    public long summationHigh() {
        return high();
    }

    @Override
    protected final double logProbAt(double x) {
        if (x != Math.rint(x) || x < low() || x > high()) {
            return Double.NEGATIVE_INFINITY;
        }
        return logMass((long) x);
    }

    @Override
    protected final double cdfAt(double x) {
        if (x < low()) {
            return 0;
        }
        if (x >= high()) {
            return 1;
        }
        return cdfAtInteger((long) Math.floor(x));
    }

    @Override
    protected double draw(RandomGenerator rng) {
        double u = rng.nextDouble();
        double[] table = cumulativeTable();
        if (table != null) {
            // inversion by binary search: the smallest k in the window with F(k) > u (the last if none)
            int lo = 0;
            int hi = table.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (table[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return Math.max(low(), summationLow()) + lo;
        }
        long k = Math.max(low(), Math.min(high(), (long) Math.floor(mean())));
        double f = cdfAt(k);
        if (u < f) {
            double p = Math.exp(logMass(k));
            long first = Math.max(low(), summationLow());
            while (k > first && u < f - p) {
                f -= p;
                k--;
                p = Math.exp(logMass(k));
            }
            return k;
        }
        // beyond summationHigh() the mass is negligible: stop there if rounding keeps F just below u
        long last = Math.min(high(), summationHigh());
        while (u >= f && k < last) {
            k++;
            f += Math.exp(logMass(k));
        }
        return k;
    }

    /** Windows at least this long are sampled from a cumulative table (the walk costs O(sd) per draw). */
    private static final long TABLE_MIN = 10_000;
    /** ... and at most this long (32 MB); longer ones walk. */
    private static final long TABLE_MAX = 4_000_000;
    private volatile double[] cumulative;

    /**
     * For a support window of {@value #TABLE_MIN} to {@value #TABLE_MAX} points, the running sums
     * of the masses over it (built once, on the first draw): a draw is then a binary search, O(log n)
     * instead of a walk of O(sd) steps (60 sd to the window's end for a generator returning 0). The
     * sums are off by at most n u relative (n the window length), a bias below 1e-9 in the sampled
     * probabilities; the mass outside the window is below 1e-300.
     */
    private double[] cumulativeTable() {
        long first = Math.max(low(), summationLow());
        long last = Math.min(high(), summationHigh());
        long n = last - first + 1;
        if (n < TABLE_MIN || n > TABLE_MAX) {
            return null;
        }
        double[] t = cumulative;
        if (t == null) {
            t = new double[(int) n];
            double f = 0;
            for (int i = 0; i < t.length; i++) {
                f += Math.exp(logMass(first + i));
                t[i] = f;
            }
            cumulative = t;
        }
        return t;
    }

    @Override
    public final boolean isDiscrete() {
        return true;
    }

    @Override
    public final double supportLow() {
        return low();
    }

    @Override
    public final double supportHigh() {
        return high() == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : high();
    }

    /** Shannon entropy -sum_k p_k ln p_k over the support (0 ln 0 = 0), in nats. */
    @Override
    public double entropy() {
        double h = 0;
        for (long k = summationLow(); k <= summationHigh(); k++) {
            double lp = logMass(k);
            if (lp > Double.NEGATIVE_INFINITY) {
                h -= Math.exp(lp) * lp;
            }
        }
        return h;
    }
}
