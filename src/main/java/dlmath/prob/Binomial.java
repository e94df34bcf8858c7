package dlmath.prob;

/**
 * The binomial distribution of the number of successes in totalCount independent trials with
 * success probability probs, as {@code torch.distributions.Binomial(total_count, probs)}.
 * CDF by the regularized incomplete beta function, P(X &lt;= k) = I_{1-p}(n - k, k + 1)
 * (DLMF 8.17.5); entropy by summing over the support (as PyTorch does).
 */
public final class Binomial extends DiscreteDistribution {

    private final int totalCount;
    private final double probs;
    private final double lgammaN1;

    /**
     * Binomial(totalCount, probs).
     *
     * @param totalCount the number of trials n, &gt;= 0
     * @param probs the success probability, in [0, 1]
     */
    public Binomial(int totalCount, double probs) {
        if (totalCount < 0) {
            throw Params.fail("Binomial", "totalCount", "be >= 0", totalCount);
        }
        this.totalCount = totalCount;
        this.probs = Params.probability("Binomial", "probs", probs);
        this.lgammaN1 = Special.lgamma(totalCount + 1.0);
    }

    /** @return the number of trials */
    public int totalCount() {
        return totalCount;
    }

    /** @return the success probability */
    public double probs() {
        return probs;
    }

    @Override
    public long low() {
        return 0;
    }

    @Override
    public long high() {
        return totalCount;
    }

    /** The whole support up to n = 1e6, beyond it the window of mass above 1e-300 (bounded time). */
    @Override
    public long summationLow() {
        return totalCount <= 1_000_000 ? 0 : bernsteinWindow()[0];
    }

    @Override
    public long summationHigh() {
        return totalCount <= 1_000_000 ? totalCount : bernsteinWindow()[1];
    }

    /** ln C(n, k) + k ln p + (n - k) ln(1 - p), with 0 ln 0 = 0. */
    @Override
    protected double logMass(long k) {
        if (totalCount >= Special.LARGE && k >= 10 && totalCount - k >= 10 && probs > 0 && probs < 1) {
            // ln C(n, k) p^k q^(n-k) in Stirling's form: -n p g(k/(np) - 1) - n q g((n-k)/(nq) - 1)
            // + ln(n / (2 pi k (n - k)))/2 + omega(n) - omega(k) - omega(n - k), g(d) = (1+d) ln(1+d) - d;
            // the direct form subtracts terms of size n ln n and loses n ln n * u (1e-5 at n = 2^31)
            double n = totalCount;
            double np = n * probs;
            double nq = n * (1 - probs);
            double j = n - k;
            return -np * Special.poissonRate((k - np) / np) - nq * Special.poissonRate((j - nq) / nq)
                    + 0.5 * (Math.log(n) - Math.log(k) - Math.log(j)) - Special.LN_SQRT_2PI
                    + Special.stirling(n) - Special.stirling(k) - Special.stirling(j);
        }
        double failures = totalCount - k;
        double logChoose = lgammaN1 - Special.lgamma(k + 1.0) - Special.lgamma(failures + 1);
        double logFail = failures == 0 ? 0 : failures * Math.log1p(-probs);
        return logChoose + Special.xlogy(k, probs) + logFail;
    }

    @Override
    protected double cdfAtInteger(long k) {
        return Special.regularizedBeta(1 - probs, totalCount - k, k + 1.0);
    }

    @Override
    public double mean() {
        return totalCount * probs;
    }

    @Override
    public double variance() {
        return totalCount * probs * (1 - probs);
    }

    @Override
    public String toString() {
        return "Binomial(totalCount=" + totalCount + ", probs=" + probs + ")";
    }
}
