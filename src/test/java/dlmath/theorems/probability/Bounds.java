package dlmath.theorems.probability;

import dlmath.check.Tol;
import dlmath.prob.Bernoulli;
import dlmath.prob.Beta;
import dlmath.prob.Binomial;
import dlmath.prob.Categorical;
import dlmath.prob.Distribution;
import dlmath.prob.Exponential;
import dlmath.prob.Gamma;
import dlmath.prob.Laplace;
import dlmath.prob.Logistic;
import dlmath.prob.Normal;
import dlmath.prob.Poisson;
import dlmath.prob.Quadrature;
import dlmath.prob.Special;
import dlmath.prob.Uniform;
import dlmath.prob.UnivariateDistribution;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Shared tolerances of the probability chapter: rounding allowances for log densities, entropies
 * and KL closed forms, and the concentration inequalities of the statistical checks.
 *
 * <p><b>Rounding model.</b> Every closed form here is a sum of at most about ten terms, each a
 * product or quotient of a few numbers, a logarithm, or a special function. A term t computed in
 * floating point is off by at most gamma_4 |t| (four roundings) and lgamma, digamma by the
 * absolute errors {@link #lg}, {@link #dg} below (16 u times the magnitudes their recurrences and
 * series sum up, see {@code Special}); the sum of m &lt;= 10 terms adds gamma_10 sum |t_i|. So the
 * computed value is within (gamma_4 + gamma_10 + 16 u) S &lt;= {@link #C} S of the exact one, where
 * S, the <i>magnitude</i>, is the sum of the absolute values of the terms (with lg, dg for the
 * special functions). {@code C = 64 u} rounds that constant up.
 */
final class Bounds {

    /** The rounding allowance per unit of magnitude: 64 u, about 7.1e-15. */
    static final double C = 64 * Tol.U;

    private Bounds() {
    }

    /** The magnitude of lgamma(x): its absolute error is at most 16 u (|lgamma(x)| + 16). */
    static double lg(double x) {
        return Math.abs(Special.lgamma(x)) + 16;
    }

    /** The magnitude of digamma(x): the shifted terms sum to at most 1/x + ln(x + 10) + 1. */
    static double dg(double x) {
        return Math.abs(Special.digamma(x)) + 1 / x + Math.log(x + 10) + 1;
    }

    /** |c ln y| with 0 ln y = 0, as the implementation's xlogy. */
    static double xlogy(double c, double y) {
        return c == 0 ? 0 : Math.abs(c * Math.log(y));
    }

    /** c ln y with 0 ln y = 0 (the signed value, for log likelihoods). */
    static double xlogySigned(double c, double y) {
        return c == 0 ? 0 : c * Math.log(y);
    }

    static double abs(double t) {
        return Math.abs(t);
    }

    /** Points where the log density of d is not smooth (quadrature breakpoints for integrands with log d). */
    static double[] kinks(UnivariateDistribution d) {
        return d instanceof Laplace l ? new double[] {l.loc()} : new double[0];
    }

    /** Points inside the support where {@link #logProbScale} of d is not smooth: |x - loc|, |ln x| at 1. */
    static double[] scaleKinks(UnivariateDistribution d) {
        if (d instanceof Laplace l) {
            return new double[] {l.loc()};
        }
        if (d instanceof Logistic l) {
            return new double[] {l.loc()};
        }
        return d instanceof Gamma ? new double[] {1} : new double[0];
    }

    static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** p (|ln p| + |ln q|) with 0 ln 0 = 0: the magnitude of one term p ln(p / q). */
    static double term(double p, double q) {
        return p == 0 ? 0 : p * (Math.abs(Math.log(p)) + Math.abs(Math.log(q)));
    }

    /** The magnitude of d.logProb(x): the sum of the absolute values of its terms. */
    static double logProbScale(UnivariateDistribution d, double x) {
        if (d instanceof Normal n) {
            double z = (x - n.loc()) / n.scale();
            return z * z + Math.abs(Math.log(n.scale())) + 1;
        }
        if (d instanceof Laplace l) {
            return 2 * abs((x - l.loc()) / l.scale()) + Math.abs(Math.log(2 * l.scale())) + 1;
        }
        if (d instanceof Logistic l) {
            return 2 * abs((x - l.loc()) / l.scale()) + Math.abs(Math.log(l.scale())) + 3;
        }
        if (d instanceof Uniform u) {
            return Math.abs(Math.log(u.high() - u.low())) + 1;
        }
        if (d instanceof Exponential e) {
            return Math.abs(Math.log(e.rate())) + e.rate() * abs(x) + 1;
        }
        if (d instanceof Gamma g) {
            double a = g.concentration();
            return Math.abs(a * Math.log(g.rate())) + lg(a) + xlogy(a - 1, x) + g.rate() * abs(x) + 1;
        }
        if (d instanceof Beta b) {
            double a1 = b.concentration1();
            double a0 = b.concentration0();
            return xlogy(a1 - 1, x) + xlogy(a0 - 1, 1 - x) + lg(a1) + lg(a0) + lg(a1 + a0);
        }
        if (d instanceof Bernoulli b) {
            return (x == 1 ? Math.abs(Math.log(b.probs())) : Math.abs(Math.log1p(-b.probs()))) + 1;
        }
        if (d instanceof Binomial b) {
            int n = b.totalCount();
            return lg(n + 1) + lg(x + 1) + lg(n - x + 1) + xlogy(x, b.probs()) + xlogy(n - x, 1 - b.probs());
        }
        if (d instanceof Poisson p) {
            return xlogy(x, p.rate()) + p.rate() + lg(x + 1);
        }
        if (d instanceof Categorical c) {
            return Math.abs(Math.log(c.probs().get((int) x))) + 1;
        }
        throw new IllegalArgumentException("no magnitude for " + d);
    }

    /** E_p[f(X)] by quadrature or exact summation, where p(x) = 0 contributes nothing. */
    static Quadrature.Result expect(UnivariateDistribution d, DoubleUnaryOperator f, double... breaks) {
        return Quadrature.expectation(d, f, breaks);
    }

    /**
     * The rounding of an integral or sum of p (log p - log q) or of p log q: the log terms are off by
     * C (S_p + S_q), and the factor p = exp(log p) by the relative C S_p + u, which multiplies the
     * log terms, at most S_p + S_q in magnitude: C E_p[S_p + S_q + (S_p + 1)(S_p + S_q)]. With
     * q = null (the integrand p alone): C E_p[S_p].
     */
    static double integrandRounding(UnivariateDistribution p, UnivariateDistribution q) {
        double[] breaks = q == null ? scaleKinks(p) : concat(scaleKinks(p), scaleKinks(q));
        return C * expect(p, x -> {
            double sp = logProbScale(p, x);
            if (q == null) {
                return sp;
            }
            double sq = logProbScale(q, x);
            return sp + sq + (sp + 1) * (sp + sq);
        }, breaks).value();
    }

    /** The magnitude of the closed-form entropy of a continuous family. */
    static double entropyScale(UnivariateDistribution d) {
        if (d instanceof Normal n) {
            return 2 + Math.abs(Math.log(n.scale()));
        }
        if (d instanceof Laplace l) {
            return 1 + Math.abs(Math.log(2 * l.scale()));
        }
        if (d instanceof Logistic l) {
            return 2 + Math.abs(Math.log(l.scale()));
        }
        if (d instanceof Uniform u) {
            return Math.abs(Math.log(u.high() - u.low())) + 1;
        }
        if (d instanceof Exponential e) {
            return 1 + Math.abs(Math.log(e.rate()));
        }
        if (d instanceof Gamma g) {
            double a = g.concentration();
            return a + Math.abs(Math.log(g.rate())) + lg(a) + Math.abs(1 - a) * dg(a);
        }
        if (d instanceof Beta b) {
            double a = b.concentration1();
            double c = b.concentration0();
            return lg(a) + lg(c) + lg(a + c) + Math.abs(a - 1) * dg(a) + Math.abs(c - 1) * dg(c)
                    + (a + c + 2) * dg(a + c);
        }
        // discrete: a sum of -p_k log p_k, each with the rounding of its log mass
        return expect(d, x -> logProbScale(d, x)).value();
    }

    /** The magnitude of the closed form KL(p || q) of a registered pair of univariate distributions. */
    static double klScale(Distribution p, Distribution q) {
        if (p instanceof Normal a && q instanceof Normal b) {
            double r = a.scale() / b.scale();
            double d = (a.loc() - b.loc()) / b.scale();
            return r * r + 1 + Math.abs(Math.log(r)) + d * d + (Math.abs(a.loc()) + Math.abs(b.loc())) / b.scale() * Math.abs(d);
        }
        if (p instanceof Laplace a && q instanceof Laplace b) {
            double r = a.scale() / b.scale();
            double d = Math.abs(a.loc() - b.loc());
            double spread = Math.abs(a.loc()) + Math.abs(b.loc());
            return Math.abs(Math.log(r)) + spread / b.scale() + r * (1 + spread / a.scale()) + 1;
        }
        if (p instanceof Uniform a && q instanceof Uniform b) {
            return Math.abs(Math.log(b.high() - b.low())) + Math.abs(Math.log(a.high() - a.low()))
                    + (Math.abs(b.high()) + Math.abs(b.low())) / (b.high() - b.low())
                    + (Math.abs(a.high()) + Math.abs(a.low())) / (a.high() - a.low());
        }
        if (p instanceof Exponential a && q instanceof Exponential b) {
            double r = b.rate() / a.rate();
            return r + 1 + Math.abs(Math.log(r));
        }
        if (p instanceof Gamma a && q instanceof Gamma b) {
            double ap = a.concentration();
            double aq = b.concentration();
            return (ap + aq) * dg(ap) + lg(ap) + lg(aq) + aq * (Math.abs(Math.log(a.rate())) + Math.abs(Math.log(b.rate())))
                    + ap * (a.rate() + b.rate()) / a.rate();
        }
        if (p instanceof Beta a && q instanceof Beta b) {
            double ap = a.concentration1();
            double bp = a.concentration0();
            double aq = b.concentration1();
            double bq = b.concentration0();
            return lg(aq) + lg(bq) + lg(aq + bq) + lg(ap) + lg(bp) + lg(ap + bp) + (ap + aq) * dg(ap)
                    + (bp + bq) * dg(bp) + (ap + aq + bp + bq) * dg(ap + bp);
        }
        if (p instanceof Exponential a && q instanceof Gamma b) {
            double lam = a.rate();
            double k = b.concentration();
            return 1 + Math.abs(Math.log(lam)) + k * Math.abs(Math.log(b.rate())) + lg(k)
                    + (k + 1) * (1 + Math.abs(Math.log(lam))) + b.rate() / lam;
        }
        if (p instanceof Uniform a && q instanceof Normal b) {
            double u = (a.high() - b.loc()) / b.scale();
            double l = (a.low() - b.loc()) / b.scale();
            double spread = (Math.abs(a.high()) + Math.abs(a.low()) + 2 * Math.abs(b.loc())) / b.scale();
            return Math.abs(Math.log((a.high() - a.low()) / b.scale())) + 1 + (u * u + Math.abs(u * l) + l * l)
                    + spread * (Math.abs(u) + Math.abs(l)) + (Math.abs(a.high()) + Math.abs(a.low())) / (a.high() - a.low());
        }
        if (p instanceof Bernoulli a && q instanceof Bernoulli b) {
            return expect(a, x -> logProbScale(a, x) + logProbScale(b, x)).value();
        }
        if (p instanceof Binomial a && q instanceof Binomial b) {
            double n = a.totalCount();
            return (n == 0 ? 0 : n * (term(a.probs(), b.probs()) + term(1 - a.probs(), 1 - b.probs()) + 1))
                    + expect(a, x -> logProbScale(a, x) + logProbScale(b, x)).value();
        }
        if (p instanceof Poisson a && q instanceof Poisson b) {
            return term(a.rate(), b.rate()) + a.rate() + b.rate();
        }
        if (p instanceof Categorical a && q instanceof Categorical b) {
            return expect(a, x -> logProbScale(a, x) + logProbScale(b, x)).value();
        }
        throw new IllegalArgumentException("no KL magnitude for " + p + " and " + q);
    }

    // ------------------------------------------------------------------ concentration

    /**
     * The Dvoretzky-Kiefer-Wolfowitz bound with Massart's constant: P(sup |F_n - F| &gt; eps) &lt;=
     * 2 exp(-2 n eps^2) (Massart, Ann. Probab. 18, 1990, Thm 1), so eps = sqrt(ln(2/alpha) / (2n)).
     * For a discontinuous F the KS statistic is stochastically smaller than for a continuous one,
     * so the bound holds for discrete distributions too.
     */
    static double dkw(int n, double alpha) {
        return Math.sqrt(Math.log(2 / alpha) / (2 * n));
    }

    /** sup_x |F_n(x) - F(x)| for a continuous F, from the sorted sample. */
    static double ksContinuous(double[] sorted, DoubleUnaryOperator cdf) {
        int n = sorted.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(sorted[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        return d;
    }

    /**
     * sup_x |F_n(x) - F(x)| for a distribution on the integers: both are step functions with
     * jumps at integers only, so the supremum is attained at an integer k in [min - 1, max].
     */
    static double ksDiscrete(double[] sorted, DoubleUnaryOperator cdf) {
        int n = sorted.length;
        double d = 0;
        int i = 0;
        for (long k = (long) sorted[0] - 1; k <= (long) sorted[n - 1]; k++) {
            while (i < n && sorted[i] <= k) {
                i++;
            }
            d = Math.max(d, Math.abs((double) i / n - cdf.applyAsDouble(k)));
        }
        return d;
    }

    /**
     * The number of blocks of a median-of-means estimate with failure probability at most delta:
     * k = ceil(8 ln(1/delta)). With m samples per block, each block mean is off by more than
     * 2 sigma / sqrt(m) with probability at most 1/4 (Chebyshev), and the median is off only if at
     * least k/2 blocks are, which by Hoeffding's inequality has probability at most exp(-k/8)
     * (Lugosi &amp; Mendelson, Found. Comput. Math. 19, 2019, Sec. 2; Nemirovsky &amp; Yudin 1983).
     */
    static int momBlocks(double delta) {
        return (int) Math.ceil(8 * Math.log(1 / delta));
    }

    /** The median of the k block means of v (v.length a multiple of k). */
    static double medianOfMeans(double[] v, int k) {
        int m = v.length / k;
        double[] means = new double[k];
        for (int b = 0; b < k; b++) {
            double s = 0;
            for (int i = b * m; i < (b + 1) * m; i++) {
                s += v[i];
            }
            means[b] = s / m;
        }
        Arrays.sort(means);
        return k % 2 == 1 ? means[k / 2] : (means[k / 2 - 1] + means[k / 2]) / 2;
    }

    /**
     * A one-sided Chernoff bound on the mean of n i.i.d. copies of X with log-MGF lambda: for every
     * t in the domain with t &gt; 0, P(mean - mu &gt;= eps(t)) &lt;= delta with
     * eps(t) = (lambda(t) + ln(1/delta)/n) / t - mu (Boucheron, Lugosi &amp; Massart, Concentration
     * Inequalities, 2013, Sec. 2.2). Every t gives a valid bound; the smallest over a geometric grid
     * of t in (0, tMax) is returned. For the lower tail pass the log-MGF of -X and -mu.
     */
    static double chernoff(DoubleUnaryOperator logMgf, double mu, double tMax, int n, double delta) {
        double best = Double.POSITIVE_INFINITY;
        double c = Math.log(1 / delta) / n;
        for (int i = 1; i <= 400; i++) {
            double t = tMax * Math.pow(1e-6, (400 - i) / 400.0) * (1 - 1e-9);
            double eps = (logMgf.applyAsDouble(t) + c) / t - mu;
            if (Double.isFinite(eps)) {
                best = Math.min(best, eps);
            }
        }
        return best;
    }
}
