package dlmath.prob;

import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
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
    /** alpha_0 large but some alpha_i below 10: the mixed Stirling forms below (no lgamma of alpha_0). */
    private final boolean mixed;

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
        this.mixed = min < 10 && logAlpha0 >= Math.log(Special.LARGE);
        this.logNormalizer = mixed ? Double.NaN : Special.logMultivariateBeta(a, logAlpha0);
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
        if (large || mixed) {
            double sum = 0;
            for (int i = 0; i < v.length; i++) {
                Params.notNaN("Dirichlet.logProb", "x[" + i + "]", v[i]);
                if (v[i] < 0) {
                    return Double.NEGATIVE_INFINITY;
                }
                sum += v[i];
            }
            if (!(Math.abs(sum - 1) <= Params.SUM_TOLERANCE)) {
                return Double.NEGATIVE_INFINITY;
            }
            return large ? Special.logDirichletLarge(alpha, meanArray(), logAlpha0, v) : logProbMixed(v, sum);
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
        Objects.requireNonNull(rng, "rng");
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

    /**
     * ln f(x) for a huge alpha_0 with some alpha_i &lt; 10 ("small"; the others "large"), x projected
     * onto the simplex: Stirling's forms for the large ones and alpha_0, so that nothing of size
     * alpha_0 cancels: {@code sum_small [(a_i - 1) ln x_i - ln Gamma(a_i)] + sum_large [-a_i phi(x_i/m_i - 1)
     * - ln x_i + ln(a_i)/2 - omega(a_i)] - alpha_0 X_small - (L-1) ln sqrt(2 pi) + (S_small - 1/2) ln alpha_0
     * + omega(alpha_0)}, with m_i = a_i/alpha_0, X_small and S_small the sums of x_i and a_i over the small
     * ones, L the number of large ones.
     */
    private double logProbMixed(double[] v, double sum) {
        double[] m = meanArray();
        double lp = Special.stirling(Math.min(alpha0, Double.MAX_VALUE));
        double smallMass = 0;
        double smallConc = 0;
        int large = 0;
        for (int i = 0; i < alpha.length; i++) {
            double xi = v[i] / sum;
            if (alpha[i] < 10) {
                lp += Special.xlogy(alpha[i] - 1, xi) - Special.lgamma(alpha[i]);
                smallMass += xi;
                smallConc += alpha[i];
            } else {
                if (xi == 0) {
                    return Double.NEGATIVE_INFINITY;
                }
                large++;
                lp += -alpha[i] * Special.phi(xi / m[i] - 1) - Math.log(xi) + 0.5 * Math.log(alpha[i])
                        - Special.stirling(alpha[i]);
            }
        }
        double penalty = smallMass == 0 ? 0 : Math.exp(logAlpha0 + Math.log(smallMass));   // alpha_0 X_small
        return lp - penalty - (large - 1) * Special.LN_SQRT_2PI + (smallConc - 0.5) * logAlpha0;
    }

    /**
     * The entropy for a huge alpha_0 with some alpha_i &lt; 10, from H = ln B(alpha) + (alpha_0 - K) psi(alpha_0)
     * - sum_i (alpha_i - 1) psi(alpha_i) with psi(x) = ln x + d(x) and Stirling for the large ones, the
     * terms of size alpha_0 cancelled analytically: {@code sum_small [ln Gamma(a_i) - (a_i - 1) psi(a_i)]
     * + sum_large [ln(a_i)/2 + omega(a_i) + (a_i - 1)(d(alpha_0) - d(a_i))] + (L-1) ln sqrt(2 pi)
     * + (1/2 - K) ln alpha_0 + S_small - omega(alpha_0) + (S_small - K_small) d(alpha_0)} (exact given the
     * series for x &gt;= 10, whose errors are below 1e-18).
     */
    private double entropyMixed() {
        double s0 = Math.min(alpha0, Double.MAX_VALUE);
        double d0 = Special.digammaMinusLog(s0);
        double h = -Special.stirling(s0) + (0.5 - alpha.length) * logAlpha0;
        double smallConc = 0;
        int small = 0;
        int large = 0;
        double[] m = meanArray();
        for (int i = 0; i < alpha.length; i++) {
            double a = alpha[i];
            if (a < 10) {
                h += Special.lgamma(a) - (a - 1) * Special.digamma(a);
                smallConc += a;
                small++;
            } else {
                large++;
                // (a - 1) d(alpha_0) = -(a - 1)/(2 alpha_0) + O(a alpha_0^-2) = -m_i (1 - 1/a)/2 + ..., with the mean m_i
                // (alpha_0 itself may be beyond the double range)
                h += 0.5 * Math.log(a) + Special.stirling(a) - 0.5 * m[i] * (1 - 1 / a) + (a - 1) * (d0 + 0.5 / s0)
                        - (a - 1) * Special.digammaMinusLog(a);
            }
        }
        return h + (large - 1) * Special.LN_SQRT_2PI + smallConc + (smallConc - small) * d0;
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
        if (mixed) {
            return entropyMixed();
        }
        if (min < 1) {
            // psi(x) = psi(x + 1) - 1/x: the 1/x terms sum to (K - 1) - sum_j (1/a_j - 1/a_0), each
            // (a_0 - a_j) / (a_j a_0) >= 0 (Dirichlet([4.9e-324, 4.9e-324]) gave -inf + inf = NaN)
            double h = logNormalizer + (alpha0 - alpha.length) * Special.digamma(alpha0 + 1) + (alpha.length - 1);
            for (double a : alpha) {
                h -= (a - 1) * Special.digamma(a + 1) + ((alpha0 - a) / alpha0) / a;
            }
            return h;
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
