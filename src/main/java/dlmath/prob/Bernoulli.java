package dlmath.prob;

/** The Bernoulli distribution on {0, 1} with P(X = 1) = probs, as {@code torch.distributions.Bernoulli(probs)}. */
public final class Bernoulli extends DiscreteDistribution {

    private final double probs;

    /**
     * Bernoulli(probs).
     *
     * @param probs the probability of 1, in [0, 1]
     */
    public Bernoulli(double probs) {
        this.probs = Params.probability("Bernoulli", "probs", probs);
    }

    /** @return P(X = 1) */
    public double probs() {
        return probs;
    }

    @Override
    public long low() {
        return 0;
    }

    @Override
    public long high() {
        return 1;
    }

    @Override
    protected double logMass(long k) {
        return k == 1 ? Math.log(probs) : Math.log1p(-probs);
    }

    @Override
    protected double cdfAtInteger(long k) {
        return 1 - probs;
    }

    @Override
    public double mean() {
        return probs;
    }

    @Override
    public double variance() {
        return probs * (1 - probs);
    }

    @Override
    public String toString() {
        return "Bernoulli(probs=" + probs + ")";
    }
}
