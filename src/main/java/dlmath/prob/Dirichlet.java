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
    private final double logAlpha0;
    private final boolean large;

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
        for (int i = 0; i < a.length; i++) {
            Params.positive("Dirichlet", "concentration[" + i + "]", a[i]);
            s += a[i];
        }
        this.alpha = a;
        this.alpha0 = s;                      // may be +infinity; every use below stays in log space or ratios
        this.logAlpha0 = Special.logSum(a);
        double min = Double.POSITIVE_INFINITY;
        for (double v : a) {
            min = Math.min(min, v);
        }
        this.large = min >= 10 && logAlpha0 >= Math.log(Special.LARGE);
        this.logNormalizer = Special.logMultivariateBeta(a, logAlpha0);
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
        double rest = 0;                       // alpha_0 - alpha_i, summed directly: no cancellation
        for (int j = 0; j < alpha.length; j++) {
            rest += j == i ? 0 : alpha[j];
        }
        if (!(rest < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("Dirichlet.marginal: the concentrations other than " + i
                    + " sum beyond the double range, so Beta(alpha_i, alpha_0 - alpha_i) has no finite parameter");
        }
        return new Beta(alpha[i], rest);
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
        if (large) {
            double sum = 0;
            for (int i = 0; i < v.length; i++) {
                Params.notNaN("Dirichlet.logProb", "x[" + i + "]", v[i]);
                if (v[i] < 0) {
                    return Double.NEGATIVE_INFINITY;
                }
                sum += v[i];
            }
            return Math.abs(sum - 1) <= Params.SUM_TOLERANCE
                    ? Special.logDirichletLarge(alpha, meanArray(), logAlpha0, v) : Double.NEGATIVE_INFINITY;
        }
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
        return Tensor.of(meanArray());
    }

    private double[] meanArray() {
        double[] m = new double[alpha.length];
        for (int i = 0; i < m.length; i++) {
            // alpha_i / alpha_0; past the double range, (alpha_i 2^-e) / (sum_j alpha_j 2^-e) below
            m[i] = alpha[i] / alpha0;
        }
        if (alpha0 == Double.POSITIVE_INFINITY) {
            int e = Math.getExponent(Special.max(alpha));
            double scaled = 0;
            for (double a : alpha) {
                scaled += Math.scalb(a, -e);
            }
            for (int i = 0; i < m.length; i++) {
                m[i] = Math.scalb(alpha[i], -e) / scaled;
            }
        }
        return m;
    }

    /** ln B(alpha) + (alpha_0 - K) psi(alpha_0) - sum (alpha_i - 1) psi(alpha_i). */
    @Override
    public double entropy() {
        double min = Double.POSITIVE_INFINITY;
        for (double a : alpha) {
            min = Math.min(min, a);
        }
        if (min >= Special.LARGE) {
            return Special.dirichletEntropyLarge(alpha, logAlpha0);
        }
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
