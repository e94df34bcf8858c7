package dlmath.prob;

import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * Kullback-Leibler divergence KL(p || q) = E_p[log p(X) - log q(X)] in nats.
 *
 * <p>Closed forms are registered per ordered pair of distribution classes, as in PyTorch's
 * {@code torch.distributions.kl.register_kl} registry; {@link #divergence} looks the pair up by the
 * exact classes (all distribution classes here are final) and fails with an
 * {@link IllegalArgumentException} naming the pair when none is registered (for example
 * {@link Logistic}, which has no closed form): use {@link #monteCarlo} or {@link #numerical} then.
 * Registered: Bernoulli, Binomial (different totalCounts by the exact sum), Categorical, Poisson, Normal,
 * Laplace, Uniform, Exponential, Gamma, Beta, Dirichlet and MultivariateNormal with themselves, and
 * (Exponential, Gamma), (Uniform, Normal). The formulas: Bishop, Pattern Recognition and Machine
 * Learning, Sec. 1.6 and (for the multivariate normal) Kullback, Information Theory and Statistics,
 * 1959, Ch. 9; Penny, "KL-divergences of Normal, Gamma, Dirichlet and Wishart densities", 2001;
 * Gil, Alajaji &amp; Linder, "Renyi divergence measures for commonly used univariate continuous
 * distributions", Inf. Sci. 249, 2013 (the limits alpha -&gt; 1 of their Table 2).
 */
public final class KL {

    /**
     * A closed form KL(p || q).
     *
     * @param <P> the class of p
     * @param <Q> the class of q
     */
    @FunctionalInterface
    public interface Rule<P, Q> {
        /**
         * The divergence.
         *
         * @param p the first argument
         * @param q the second argument
         * @return KL(p || q), possibly +infinity
         */
        double apply(P p, Q q);
    }

    private static final Map<List<Class<?>>, Rule<Object, Object>> REGISTRY = new ConcurrentHashMap<>();

    static {
        register(Bernoulli.class, Bernoulli.class, (p, q) -> bernoulli(p.probs(), q.probs()));
        register(Binomial.class, Binomial.class, KL::binomial);
        register(Categorical.class, Categorical.class, KL::categorical);
        register(Poisson.class, Poisson.class, (p, q) ->
                p.rate() * (Math.log(p.rate()) - Math.log(q.rate())) - p.rate() + q.rate());
        register(Normal.class, Normal.class, KL::normal);
        register(Laplace.class, Laplace.class, KL::laplace);
        register(Uniform.class, Uniform.class, (p, q) -> p.low() < q.low() || p.high() > q.high()
                ? Double.POSITIVE_INFINITY : Math.log((q.high() - q.low()) / (p.high() - p.low())));
        register(Exponential.class, Exponential.class, (p, q) -> {
            double r = q.rate() / p.rate();
            return r - 1 - Math.log(r);
        });
        register(Gamma.class, Gamma.class, KL::gamma);
        register(Beta.class, Beta.class, KL::beta);
        register(Dirichlet.class, Dirichlet.class, KL::dirichlet);
        register(MultivariateNormal.class, MultivariateNormal.class, MultivariateNormal::klTo);
        register(Exponential.class, Gamma.class, KL::exponentialGamma);
        register(Uniform.class, Normal.class, KL::uniformNormal);
    }

    private KL() {
    }

    /**
     * Registers (or replaces) the closed form for the ordered pair (pType, qType).
     *
     * @param pType the class of the first argument
     * @param qType the class of the second argument
     * @param rule the closed form
     * @param <P> the first class
     * @param <Q> the second class
     */
    @SuppressWarnings("unchecked")
    public static <P extends Distribution, Q extends Distribution> void register(Class<P> pType, Class<Q> qType,
                                                                               Rule<? super P, ? super Q> rule) {
        Objects.requireNonNull(pType, "pType");
        Objects.requireNonNull(qType, "qType");
        Objects.requireNonNull(rule, "rule");
        REGISTRY.put(List.of(pType, qType), (Rule<Object, Object>) (Rule<?, ?>) rule);
    }

    /**
     * Whether a closed form is registered for the classes of p and q.
     *
     * @param p a distribution
     * @param q a distribution
     * @return true if {@link #divergence} can compute KL(p || q)
     */
    public static boolean hasClosedForm(Distribution p, Distribution q) {
        Checks.notNull(p, "p");
        Checks.notNull(q, "q");
        return REGISTRY.containsKey(List.of(p.getClass(), q.getClass()));
    }

    /**
     * KL(p || q) by the registered closed form.
     *
     * @param p the first distribution
     * @param q the second distribution
     * @return the divergence in nats, &gt;= 0, +infinity when p is not absolutely continuous w.r.t. q
     */
    public static double divergence(Distribution p, Distribution q) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        Rule<Object, Object> rule = REGISTRY.get(List.of(p.getClass(), q.getClass()));
        if (rule == null) {
            throw new IllegalArgumentException("KL.divergence: no closed form registered for KL("
                    + p.getClass().getSimpleName() + " || " + q.getClass().getSimpleName()
                    + "); use KL.monteCarlo or KL.numerical");
        }
        return rule.apply(p, q);
    }

    /** a ln(a / b) with 0 ln(0 / b) = 0 and a ln(a / 0) = +infinity for a &gt; 0. */
    static double term(double a, double b) {
        return a == 0 ? 0 : a * (Math.log(a) - Math.log(b));
    }

    private static double bernoulli(double p, double q) {
        return term(p, q) + term(1 - p, 1 - q);
    }

    /** Equal totalCount: n KL(Bern(p) || Bern(q)); otherwise the exact sum over p's support. */
    private static double binomial(Binomial p, Binomial q) {
        if (p.totalCount() == q.totalCount()) {
            return p.totalCount() == 0 ? 0 : p.totalCount() * bernoulli(p.probs(), q.probs());
        }
        return numerical(p, q).value();
    }

    private static double categorical(Categorical p, Categorical q) {
        if (p.numCategories() != q.numCategories()) {
            throw new IllegalArgumentException("KL(Categorical || Categorical): the numbers of categories differ, "
                    + p.numCategories() + " and " + q.numCategories());
        }
        return kl(p.probs(), q.probs());
    }

    /** sum_i p_i ln(p_i / q_i) for two probability vectors of the same length (no checks). */
    static double kl(Tensor p, Tensor q) {
        double[] a = p.toArray();
        double[] b = q.toArray();
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += term(a[i], b[i]);
        }
        return s;
    }

    /** ln(s_q / s_p) + (s_p^2 + (m_p - m_q)^2) / (2 s_q^2) - 1/2, written as (r^2 - 1)/2 - ln r + d^2 / 2. */
    private static double normal(Normal p, Normal q) {
        double r = p.scale() / q.scale();
        double d = (p.loc() - q.loc()) / q.scale();
        // ln r from the two logarithms: r itself may overflow or underflow (Normal(0, MAX) against
        // Normal(1e308, 1e-300) gave inf - inf = NaN; the divergence there is above MAX, so +inf)
        double lnR = logRatio(r, p.scale(), q.scale());
        return 0.5 * (r * r - 1) - lnR + 0.5 * d * d;
    }

    /** ln(a / b) given r = fl(a / b): ln r while r is a normal number (accurate near 1), else ln a - ln b. */
    private static double logRatio(double r, double a, double b) {
        return r >= Double.MIN_NORMAL && r <= Double.MAX_VALUE ? Math.log(r) : Math.log(a) - Math.log(b);
    }

    /** ln(b_q / b_p) + |m_p - m_q| / b_q + (b_p / b_q) exp(-|m_p - m_q| / b_p) - 1. */
    private static double laplace(Laplace p, Laplace q) {
        double r = p.scale() / q.scale();
        double d = Math.abs(p.loc() - q.loc());
        double lnR = logRatio(r, p.scale(), q.scale()); // r may overflow or underflow, ln r does not
        return -lnR + d / q.scale() + Math.exp(lnR - d / p.scale()) - 1;
    }

    /** (a_p - a_q) psi(a_p) - lnGamma(a_p) + lnGamma(a_q) + a_q ln(b_p / b_q) + a_p (b_q - b_p) / b_p. */
    private static double gamma(Gamma p, Gamma q) {
        double ap = p.concentration();
        double aq = q.concentration();
        return (ap - aq) * Special.digamma(ap) - Special.lgamma(ap) + Special.lgamma(aq)
                + aq * (Math.log(p.rate()) - Math.log(q.rate())) + ap * (q.rate() - p.rate()) / p.rate();
    }

    /** ln B(a_q, b_q) - ln B(a_p, b_p) + (a_p - a_q) psi(a_p) + (b_p - b_q) psi(b_p) + (a_q - a_p + b_q - b_p) psi(a_p + b_p). */
    private static double beta(Beta p, Beta q) {
        double ap = p.concentration1();
        double bp = p.concentration0();
        double aq = q.concentration1();
        double bq = q.concentration0();
        return Special.logBeta(aq, bq) - Special.logBeta(ap, bp) + (ap - aq) * Special.digamma(ap)
                + (bp - bq) * Special.digamma(bp) + (aq - ap + bq - bp) * Special.digamma(ap + bp);
    }

    /** ln Gamma(a_0) - sum ln Gamma(a_i) - ln Gamma(b_0) + sum ln Gamma(b_i) + sum (a_i - b_i)(psi(a_i) - psi(a_0)). */
    private static double dirichlet(Dirichlet p, Dirichlet q) {
        if (p.dim() != q.dim()) {
            throw new IllegalArgumentException("KL(Dirichlet || Dirichlet): the dimensions differ, " + p.dim()
                    + " and " + q.dim());
        }
        double[] a = p.concentration().toArray();
        double[] b = q.concentration().toArray();
        double a0 = 0;
        double b0 = 0;
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            a0 += a[i];
            b0 += b[i];
            s += Special.lgamma(b[i]) - Special.lgamma(a[i]);
        }
        double psiA0 = Special.digamma(a0);
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (Special.digamma(a[i]) - psiA0);
        }
        return s + Special.lgamma(a0) - Special.lgamma(b0);
    }

    /**
     * -H(p) - E_p ln q with E_p ln X = -gamma_Euler - ln(lambda), E_p X = 1 / lambda:
     * -1 + ln(lambda) - a ln(b) + lnGamma(a) + (a - 1)(gamma_Euler + ln(lambda)) + b / lambda.
     */
    private static double exponentialGamma(Exponential p, Gamma q) {
        double lam = p.rate();
        double a = q.concentration();
        double b = q.rate();
        return -1 + Math.log(lam) - a * Math.log(b) + Special.lgamma(a) + (a - 1) * (Special.EULER + Math.log(lam))
                + b / lam;
    }

    /**
     * -ln(h - l) + ln(s sqrt(2 pi)) + E[(X - m)^2] / (2 s^2), where for X uniform on [l, h]
     * E[(X - m)^2] = ((h-m)^2 + (h-m)(l-m) + (l-m)^2) / 3.
     */
    private static double uniformNormal(Uniform p, Normal q) {
        double u = (p.high() - q.loc()) / q.scale();
        double l = (p.low() - q.loc()) / q.scale();
        return -Math.log((p.high() - p.low()) / q.scale()) + Special.LN_SQRT_2PI + (u * u + u * l + l * l) / 6;
    }

    /**
     * The terms log p(X_i) - log q(X_i) of the Monte Carlo estimator, X_i drawn from p.
     *
     * @param p the distribution sampled (univariate or multivariate)
     * @param q the second distribution, of the same kind
     * @param n the number of samples, &gt;= 1
     * @param rng the source of randomness
     * @return the n log-ratios (+infinity where q(X_i) = 0)
     */
    public static double[] monteCarloTerms(Distribution p, Distribution q, int n, RandomGenerator rng) {
        if (n < 1) {
            throw new IllegalArgumentException("KL.monteCarlo: n must be >= 1, was " + n);
        }
        Objects.requireNonNull(rng, "rng");
        Checks.notNull(p, "p");
        Checks.notNull(q, "q");
        double[] out = new double[n];
        if (p instanceof UnivariateDistribution up && q instanceof UnivariateDistribution uq) {
            for (int i = 0; i < n; i++) {
                double x = up.sample(rng);
                out[i] = up.logProb(x) - uq.logProb(x);
                if (Double.isNaN(out[i])) {
                    throw new IllegalArgumentException("KL.monteCarlo: at the sample x = " + x + " of " + p
                            + " both log-densities are " + up.logProb(x) + " (the samples of p exceed the double range)");
                }
            }
            return out;
        }
        if (p instanceof MultivariateDistribution mp && q instanceof MultivariateDistribution mq
                && mp.dim() == mq.dim()) {
            for (int i = 0; i < n; i++) {
                Tensor x = mp.sample(rng);
                out[i] = mp.logProb(x) - mq.logProb(x);
            }
            return out;
        }
        throw new IllegalArgumentException("KL.monteCarlo: p and q must both be univariate or both multivariate of "
                + "the same dimension, was " + p + " and " + q);
    }

    /**
     * The median-of-means Monte Carlo estimate: the median of {@code blocks} means of
     * {@code perBlock} terms log p(X_i) - log q(X_i), X_i ~ p. With sigma^2 = Var_p[log p/q] it is
     * within 2 sigma / sqrt(perBlock) of KL(p || q) except with probability exp(-blocks / 8)
     * (each block mean misses with probability at most 1/4 by Chebyshev's inequality, and the median
     * misses only if half the blocks do; Lugosi &amp; Mendelson, Found. Comput. Math. 19, 2019), so
     * unlike the plain mean it has sub-Gaussian confidence intervals with only a finite variance.
     *
     * @param p the distribution sampled
     * @param q the second distribution
     * @param blocks the number of blocks, &gt;= 1 (166 give a failure probability below 1e-9)
     * @param perBlock the samples per block, &gt;= 1
     * @param rng the source of randomness
     * @return the estimate
     */
    public static double monteCarlo(Distribution p, Distribution q, int blocks, int perBlock, RandomGenerator rng) {
        if (blocks < 1 || perBlock < 1) {
            throw new IllegalArgumentException("KL.monteCarlo: blocks and perBlock must be >= 1, was " + blocks
                    + " and " + perBlock);
        }
        double[] terms = monteCarloTerms(p, q, Checks.sizeProduct("KL.monteCarlo: blocks x perBlock samples",
                blocks, perBlock), rng);
        double[] means = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            double s = 0;
            for (int i = b * perBlock; i < (b + 1) * perBlock; i++) {
                s += terms[i];
            }
            means[b] = s / perBlock;
        }
        java.util.Arrays.sort(means);
        return blocks % 2 == 1 ? means[blocks / 2] : (means[blocks / 2 - 1] + means[blocks / 2]) / 2;
    }

    /**
     * KL(p || q) numerically, with an error estimate: the exact sum over p's support for two discrete
     * distributions, double-exponential quadrature of p (ln p - ln q) (split at the kinks of both
     * densities, see {@link Quadrature#expectation}) for two continuous ones, +infinity if p's
     * support is not inside q's (all densities here are positive on their whole support).
     *
     * @param p the first distribution
     * @param q the second distribution, of the same kind (both discrete or both continuous)
     * @return the divergence and its error estimate
     */
    public static Quadrature.Result numerical(UnivariateDistribution p, UnivariateDistribution q) {
        Checks.notNull(p, "p");
        Checks.notNull(q, "q");
        if (p.isDiscrete() != q.isDiscrete()) {
            throw new IllegalArgumentException("KL.numerical: p and q must both be discrete or both continuous, was "
                    + p + " and " + q);
        }
        if (!p.isDiscrete() && (p.supportLow() < q.supportLow() || p.supportHigh() > q.supportHigh())) {
            return new Quadrature.Result(Double.POSITIVE_INFINITY, 0);
        }
        return Quadrature.expectation(p, x -> p.logProb(x) - q.logProb(x), q.kinks());
    }
}
