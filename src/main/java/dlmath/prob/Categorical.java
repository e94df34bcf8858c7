package dlmath.prob;

import dlmath.tensor.Tensor;

/**
 * The categorical distribution on {0, ..., K-1} with P(X = k) = probs[k], as
 * {@code torch.distributions.Categorical(probs)} (or {@code logits}, via {@link #fromLogits}).
 *
 * <p>Unlike PyTorch, whose {@code Categorical.mean} is NaN, {@link #mean()} and {@link #variance()}
 * are the moments of the index the samples take, so that no NaN leaves the API.
 */
public final class Categorical extends DiscreteDistribution {

    private final double[] probs;
    private final double[] cumulative;

    /**
     * Categorical(probs).
     *
     * @param probs a probability vector of length K &gt;= 1: entries finite and &gt;= 0, summing to 1
     *     within 1e-9 (it is then divided by its sum, as PyTorch normalizes)
     */
    public Categorical(Tensor probs) {
        this(Params.simplex("Categorical", "probs", probs));
    }

    private Categorical(double[] p) {
        this.probs = p;
        this.cumulative = new double[p.length];
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            s += p[k];
            cumulative[k] = s;
        }
    }

    /**
     * Categorical(logits): probs = softmax(logits / temperature), computed as
     * exp(x_k - logsumexp(x)) with x = logits / temperature, so it neither overflows nor
     * changes when a constant is added to every logit (up to rounding).
     *
     * @param logits a finite vector of length K &gt;= 1
     * @param temperature &gt; 0 and finite; 1 for the plain softmax, toward 0 it concentrates on the argmax
     * @return the distribution
     */
    public static Categorical fromLogits(Tensor logits, double temperature) {
        double[] x = Params.vector("Categorical", "logits", logits).toArray();
        Params.positive("Categorical", "temperature", temperature);
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < x.length; k++) {
            Params.finite("Categorical", "logits[" + k + "]", x[k]);
            max = Math.max(max, x[k]);
        }
        // softmax of (x - max) / T: the differences are <= 0 (-infinity if x_k - max overflows, then
        // p_k = 0), the largest is exactly 0, so neither x / T nor the sum can overflow or make NaN
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            x[k] = (x[k] - max) / temperature;
            sum += Math.exp(x[k]);
        }
        double logSum = Math.log(sum);
        double[] p = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            p[k] = Math.exp(x[k] - logSum);
        }
        return new Categorical(p);
    }

    /**
     * Categorical(logits) at temperature 1: probs = softmax(logits).
     *
     * @param logits a finite vector
     * @return the distribution
     */
    public static Categorical fromLogits(Tensor logits) {
        return fromLogits(logits, 1);
    }

    /** @return the probabilities as a vector */
    public Tensor probs() {
        return Tensor.of(probs);
    }

    /** @return K */
    public int numCategories() {
        return probs.length;
    }

    @Override
    public long low() {
        return 0;
    }

    @Override
    public long high() {
        return probs.length - 1;
    }

    @Override
    protected double logMass(long k) {
        return Math.log(probs[(int) k]);
    }

    @Override
    protected double cdfAtInteger(long k) {
        return cumulative[(int) k];
    }

    @Override
    public double mean() {
        double m = 0;
        for (int k = 0; k < probs.length; k++) {
            m += k * probs[k];
        }
        return m;
    }

    @Override
    public double variance() {
        double m = mean();
        double v = 0;
        for (int k = 0; k < probs.length; k++) {
            v += (k - m) * (k - m) * probs[k];
        }
        return v;
    }

    @Override
    public String toString() {
        return "Categorical(probs=" + Tensor.of(probs) + ")";
    }
}
