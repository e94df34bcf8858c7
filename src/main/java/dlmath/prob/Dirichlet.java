package dlmath.prob;

import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The Dirichlet distribution on the probability simplex with density
 * prod_i x_i^{alpha_i - 1} / B(alpha), B(alpha) = prod Gamma(alpha_i) / Gamma(sum alpha_i),
 * as {@code torch.distributions.Dirichlet(concentration)}. Sampling by normalizing independent
 * Gamma(alpha_i, 1) variates (Devroye 1986, Sec. XI.4), kept in log space and scaled by the largest
 * before exponentiating, so that small concentrations do not underflow to 0/0.
 */
public final class Dirichlet implements MultivariateDistribution {

    private final double[] alpha;
    private final double alpha0;
    private final double logNormalizer;

    /**
     * Dirichlet(concentration).
     *
     * @param concentration a vector of K &gt;= 2 entries, each &gt; 0 and finite
     */
    public Dirichlet(Tensor concentration) {
        double[] a = Params.vector("Dirichlet", "concentration", concentration).toArray();
        if (a.length < 2) {
            throw Params.fail("Dirichlet", "concentration", "have at least 2 entries", concentration);
        }
        double s = 0;
        double lg = 0;
        for (int i = 0; i < a.length; i++) {
            Params.positive("Dirichlet", "concentration[" + i + "]", a[i]);
            s += a[i];
            lg += Special.lgamma(a[i]);
        }
        this.alpha = a;
        this.alpha0 = s;
        this.logNormalizer = lg - Special.lgamma(s);
    }

    /** @return the concentration vector */
    public Tensor concentration() {
        return Tensor.of(alpha);
    }

    @Override
    public int dim() {
        return alpha.length;
    }

    /**
     * The i-th coordinate's marginal, Beta(alpha_i, alpha_0 - alpha_i).
     *
     * @param i the coordinate, in [0, K)
     * @return its distribution
     */
    public Beta marginal(int i) {
        if (i < 0 || i >= alpha.length) {
            throw Params.fail("Dirichlet.marginal", "i", "be in [0, " + alpha.length + ")", i);
        }
        return new Beta(alpha[i], alpha0 - alpha[i]);
    }

    /**
     * The log density; -infinity off the simplex (a negative entry, or a sum off 1 by more than 1e-9).
     */
    @Override
    public double logProb(Tensor x) {
        if (x == null || x.rank() != 1 || x.size() != alpha.length) {
            throw new IllegalArgumentException("Dirichlet.logProb: x must have shape [" + alpha.length + "], was "
                    + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        double[] v = x.toArray();
        double sum = 0;
        double lp = -logNormalizer;
        for (int i = 0; i < v.length; i++) {
            Params.notNaN("Dirichlet.logProb", "x[" + i + "]", v[i]);
            if (v[i] < 0) {
                return Double.NEGATIVE_INFINITY;
            }
            sum += v[i];
            lp += Special.xlogy(alpha[i] - 1, v[i]);
        }
        return Math.abs(sum - 1) <= Params.SUM_TOLERANCE ? lp : Double.NEGATIVE_INFINITY;
    }

    @Override
    public Tensor sample(RandomGenerator rng) {
        if (rng == null) {
            throw new IllegalArgumentException(this + ".sample: rng must not be null");
        }
        double[] g = new double[alpha.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < g.length; i++) {
            g[i] = Gamma.logStandard(alpha[i], rng);
            max = Math.max(max, g[i]);
        }
        double sum = 0;
        for (int i = 0; i < g.length; i++) {
            g[i] = Math.exp(g[i] - max);
            sum += g[i];
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= sum;
        }
        return Tensor.of(g);
    }

    @Override
    public Tensor mean() {
        double[] m = new double[alpha.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = alpha[i] / alpha0;
        }
        return Tensor.of(m);
    }

    /** ln B(alpha) + (alpha_0 - K) psi(alpha_0) - sum (alpha_i - 1) psi(alpha_i). */
    @Override
    public double entropy() {
        double h = logNormalizer + (alpha0 - alpha.length) * Special.digamma(alpha0);
        for (double a : alpha) {
            h -= (a - 1) * Special.digamma(a);
        }
        return h;
    }

    @Override
    public String toString() {
        return "Dirichlet(concentration=" + Tensor.of(alpha) + ")";
    }
}
