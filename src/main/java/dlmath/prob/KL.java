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
        // p ln(p/q) - p + q = p phi(q/p), phi(s) = s - 1 - ln s (no cancellation between p ln(p/q) and q - p)
        register(Poisson.class, Poisson.class, (p, q) -> weightedPhi(p.rate(), Ratio.of(q.rate(), 1, p.rate(), 1)));
        register(Normal.class, Normal.class, KL::normal);
        register(Laplace.class, Laplace.class, KL::laplace);
        register(Uniform.class, Uniform.class, (p, q) -> p.low() < q.low() || p.high() > q.high()
                ? Double.POSITIVE_INFINITY : Math.log((q.high() - q.low()) / (p.high() - p.low())));
        // Exponential(rate) = Gamma(1, rate): phi(rate_q / rate_p)
        register(Exponential.class, Exponential.class, (p, q) -> gamma(1, p.rate(), 1, q.rate()));
        register(Gamma.class, Gamma.class, (p, q) -> gamma(p.concentration(), p.rate(), q.concentration(), q.rate()));
        register(Beta.class, Beta.class, (p, q) -> dirichlet(new double[] {p.concentration1(), p.concentration0()},
                new double[] {q.concentration1(), q.concentration0()}));
        register(Dirichlet.class, Dirichlet.class, KL::dirichlet);
        register(MultivariateNormal.class, MultivariateNormal.class, MultivariateNormal::klTo);
        register(Exponential.class, Gamma.class, (p, q) -> gamma(1, p.rate(), q.concentration(), q.rate()));
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

    /**
     * p ln(p/q) + (1-p) ln((1-p)/(1-q)) as p phi(q/p) + (1-p) phi((1-q)/(1-p)), phi(s) = s - 1 - ln s
     * &gt;= 0 term by term (the two forms agree because both weights sum to 1), with the complements'
     * ratio and logarithm from p - q and log1p: for p = 4.9e-324, q = 1e-300 the direct form gave
     * -2.7e-322 (ln(1 - 1e-300) rounds to 0); the exact value is 1.0e-300.
     */
    private static double bernoulli(double p, double q) {
        double first = p == 0 ? q : weightedPhi(p, Ratio.of(q, 1, p, 1));
        double w = 1 - p;
        if (w == 0) {
            return first + (1 - q);   // p = 1: w phi(s) with w = 0 is w s = 1 - q (the q - p part of the identity)
        }
        double x = (p - q) / w;   // (1-q)/(1-p) - 1, from p - q (1 - p and 1 - q may round to 1)
        double lnRatio = Math.log1p(-q) - Math.log1p(-p);
        return first + weightedPhi(w, new Ratio(x, lnRatio, 1 - q));
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
        // (r^2 - 1)/2 - ln r = phi(r^2)/2 with r = s_p / s_q from the scaled ratio: r may overflow or
        // underflow (Normal(0, MAX) against Normal(1e308, 1e-300) gave inf - inf = NaN; the divergence
        // there is above MAX, so +inf), and r^2 - 1 = x (x + 2), x = r - 1, does not cancel near r = 1
        Ratio r = Ratio.of(p.scale(), 1, q.scale(), 1);
        double ratio = 1 + r.x();
        Ratio squared = new Ratio(r.x() * (r.x() + 2), 2 * r.ln(), 0.5 * ratio * ratio);
        double d = differenceOverScale(p.loc(), q.loc(), q.scale());
        return weightedPhi(0.5, squared) + 0.5 * d * d;
    }

    /**
     * (a - b) / s without a spurious overflow of a - b (a = MAX, b = -MAX, s = MAX gives 2, not
     * +inf): halved when the difference overflows; +-inf only when the quotient does.
     */
    static double differenceOverScale(double a, double b, double s) {
        double d = a - b;
        if (Double.isFinite(d) || !Double.isFinite(a) || !Double.isFinite(b)) {
            return d / s;
        }
        return 2 * ((0.5 * a - 0.5 * b) / s);
    }

    /** ln(a / b) given r = fl(a / b): ln r while r is a normal number (accurate near 1), else ln a - ln b. */
    private static double logRatio(double r, double a, double b) {
        return r >= Double.MIN_NORMAL && r <= Double.MAX_VALUE ? Math.log(r) : Math.log(a) - Math.log(b);
    }

    /** ln(b_q / b_p) + |m_p - m_q| / b_q + (b_p / b_q) exp(-|m_p - m_q| / b_p) - 1. */
    private static double laplace(Laplace p, Laplace q) {
        double r = p.scale() / q.scale();
        double lnR = logRatio(r, p.scale(), q.scale()); // r may overflow or underflow, ln r does not
        double dq = Math.abs(differenceOverScale(p.loc(), q.loc(), q.scale()));
        double dp = Math.abs(differenceOverScale(p.loc(), q.loc(), p.scale()));
        if (dp == 0) {
            Ratio ratio = Ratio.of(p.scale(), 1, q.scale(), 1);
            return weightedPhi(1, new Ratio(ratio.x(), ratio.ln(), 1 + ratio.x()));   // phi(r), accurate near r = 1
        }
        return -lnR + dq + Math.exp(lnR - dp) - 1;
    }

    // ------------------------------------------------------------------ Gamma, Beta, Dirichlet

    /**
     * Shapes at or above this use Stirling's series for lnGamma and psi (DLMF 5.11.1-2) in
     * {@link #shapeDivergence}: lnGamma(a) = (a - 1/2) ln a - a + ln sqrt(2 pi) + S(a),
     * S(a) = sum_k c_k a^-(2k-1) cut after a^-15, whose remainder is below the first omitted term
     * 43867/(244188 a^17) (DLMF 5.11.10); in the Bregman form near t = 1 it contributes at most
     * 4 (17 18 / 2) 0.18 a^-17 &lt; 3e-15 relative at a = 10 (and 1e-17 at a = 13).
     */
    static final double STIRLING_SHAPE = 10;

    /** Stirling's coefficients c_k of a^-(2k-1), k = 1..8 (B_2k / (2k (2k-1))). */
    private static final double[] STIRLING_C = {1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188,
        -691.0 / 360360, 1.0 / 156, -3617.0 / 122400};

    /** S(a) from 1/a. */
    private static double stirlingS(double inv) {
        double sum = 0;
        double power = inv;
        for (double c : STIRLING_C) {
            sum += c * power;
            power *= inv * inv;
        }
        return sum;
    }

    /** a S'(a) = -sum_k (2k-1) c_k a^-(2k-1) from 1/a. */
    private static double stirlingASPrime(double inv) {
        double sum = 0;
        double power = inv;
        for (int k = 0; k < STIRLING_C.length; k++) {
            sum -= (2 * k + 1) * STIRLING_C[k] * power;
            power *= inv * inv;
        }
        return sum;
    }

    /**
     * The Bregman divergence S(a_q) - S(a_p) - (a_q - a_p) S'(a_p) of Stirling's remainder, without
     * cancellation: for a^-m it is {@code x^2 sum_(j<m) (j+1) a_p^-j a_q^(j-m)}, x = a_q/a_p - 1
     * (from t^-m - 1 + m (t - 1) = (t-1)^2 sum_(j<m) (j+1) t^(j-m)), evaluated as x (x / a_q) times
     * the rest so that nothing overflows.
     */
    private static double stirlingBregman(double x, double invAp, double invAq) {
        double sum = 0;
        for (int k = 0; k < STIRLING_C.length; k++) {
            int m = 2 * k + 1;
            double inner = 0;
            for (int j = 0; j < m; j++) {
                inner += (j + 1) * Math.pow(invAp, j) * Math.pow(invAq, m - 1 - j);
            }
            sum += STIRLING_C[k] * inner;
        }
        return x * (x * invAq) * sum;
    }

    private static final double LN2 = Math.log(2);

    /** s = A B / (C D) as s - 1, ln s and C s = A B / D, each computed without a spurious over- or underflow. */
    record Ratio(double x, double ln, double weighted) {

        /**
         * The ratio of positive finite products; 2^e scalings are exact, the mantissa products
         * are exact with FMA, so s - 1 is accurate to a few ulps also when the products nearly
         * cancel (then ln s = log1p(s - 1)).
         */
        static Ratio of(double a, double b, double c, double d) {
            if (a == 0 || b == 0) {
                return new Ratio(-1, Double.NEGATIVE_INFINITY, 0);
            }
            int ea = exponent(a);
            int eb = exponent(b);
            int ec = exponent(c);
            int ed = exponent(d);
            double ma = Math.scalb(a, -ea);
            double mb = Math.scalb(b, -eb);
            double mc = Math.scalb(c, -ec);
            double md = Math.scalb(d, -ed);
            int e = ea + eb - ec - ed;
            double num = ma * mb;
            double den = mc * md;
            double x;
            if (Math.abs(e) <= 2) {
                double numErr = Math.fma(ma, mb, -num);
                double denErr = Math.fma(mc, md, -den);
                x = ((Math.scalb(num, e) - den) + (Math.scalb(numErr, e) - denErr)) / den;
            } else {
                x = Math.scalb(num / den, e) - 1;
            }
            double ln = Math.abs(x) < 0.5 ? Math.log1p(x) : Math.log(num / den) + e * LN2;
            double weighted = Math.scalb(num / md, ea + eb - ed);
            return new Ratio(x, ln, weighted);
        }
    }

    /** The binary exponent of a positive finite double, subnormals included: x = m 2^e with m in [1, 2). */
    static int exponent(double x) {
        return x >= Double.MIN_NORMAL ? Math.getExponent(x) : Math.getExponent(x * 0x1p64) - 64;
    }

    /** phi(1 + x) = x - ln(1 + x) &gt;= 0 for x &gt; -1: the series sum_(k&gt;=2) (-1)^k x^k / k for |x| &lt; 0.1 (no cancellation). */
    static double phi1p(double x) {
        if (Math.abs(x) < 0.1) {
            double power = x * x;
            double sum = 0;
            for (int k = 2; k <= 24; k++) {   // 0.1^22 / 24 is below 2^-53 of the leading x^2/2
                sum += (k % 2 == 0 ? power : -power) / k;
                power *= x;
            }
            return sum;
        }
        return x - Math.log1p(x);
    }

    /**
     * w phi(s) = w (s - 1 - ln s) &gt;= 0 for the ratio s given as {@link Ratio} with
     * {@code r.weighted() = w s} (so w s is not formed from an overflowing s): the series near s = 1,
     * else w s - w - w ln s; +inf when w s is.
     */
    static double weightedPhi(double w, Ratio r) {
        // w > 0 at every caller (rates, shapes, concentrations are > 0; Bernoulli handles p = 0 and p = 1 itself)
        if (Math.abs(r.x()) < 0.1) {
            return w * phi1p(r.x());
        }
        if (r.weighted() == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        return (r.weighted() - w) - w * r.ln();
    }

    /** phi(t) = t - 1 - ln t from t and x = t - 1. */
    private static double phi(double x, double t) {
        return Math.abs(x) < 0.1 ? phi1p(x) : t - 1 - Math.log(t);
    }

    /**
     * KL(Gamma(a_p, rate b_p) || Gamma(a_q, rate b_q)) (Penny 2001), written as
     * {@code a_q phi(m_p / m_q) + E(a_p, a_q)} with the means m = a / b: the first term holds the
     * rates, the second, {@link #shapeDivergence}, only the shapes; both are &gt;= 0, so no
     * cancellation between them and no inf - inf. The textbook form
     * {@code (a_p - a_q) psi(a_p) - lnGamma(a_p) + lnGamma(a_q) + a_q ln(b_p/b_q) + a_p (b_q - b_p)/b_p}
     * is the same number; it gave NaN for KL(Exponential(4.9e-324) || Gamma(1e308, 1e10)) (found by
     * RB-01 at tries x10, seed 2) and wherever lnGamma or psi overflow. Exponential(rate) is
     * Gamma(1, rate). Error: a few ulps of each term for shapes outside [1, 1e4); inside, the
     * direct lnGamma/psi differences, absolute error about 8u (|lnGamma(a_p)| + |lnGamma(a_q)|
     * + |a_q - a_p| |psi(a_p)|).
     */
    static double gamma(double ap, double bp, double aq, double bq) {
        return weightedPhi(aq, Ratio.of(ap, bq, aq, bp)) + shapeDivergence(ap, aq, 0);
    }

    /**
     * E(a_p, a_q) = lnGamma(a_q) - lnGamma(a_p) - (a_q - a_p) psi(a_p) - (a_q ln(a_q/a_p) - a_q + a_p):
     * the KL divergence of Gamma(a_p, 1) from Gamma(a_q, a_q / a_p) (equal means), &gt;= 0, for the
     * shapes {@code a_p = apH 2^s}, {@code a_q = aqH 2^s} (s &gt; 0 only when a sum of concentrations
     * overflows, see {@link #dirichlet}). By regime:
     * <ul>
     *   <li>both &gt;= {@link #STIRLING_SHAPE}: Stirling gives {@code phi(t)/2 + B} with t = a_q/a_p
     *   and B the Bregman divergence of Stirling's remainder S ({@link #stirlingBregman}), both
     *   without cancellation, so E keeps its relative accuracy also for a_q/a_p - 1 = 1e-12;</li>
     *   <li>one of them large: lnGamma and psi of the large one by Stirling, so that its a ln a terms
     *   cancel symbolically (a_p = MAX, a_q = 2 used to give inf - inf);</li>
     *   <li>a_p &lt; 1: the recurrence psi(a) = psi(a+1) - 1/a, which gives
     *   {@code E = D(a_p+1, a_q+1) + (t - 1 - a_p) + a_q - (1 + a_q) ln t}, D the Bregman divergence of lnGamma
     *   (a_p = 4.9e-324 made psi(a_p) = -inf and 0 * inf = NaN);</li>
     *   <li>otherwise the direct differences.</li>
     * </ul>
     */
    static double shapeDivergence(double apH, double aqH, int s) {
        if (apH == aqH) {
            return 0;
        }
        double ap = Math.scalb(apH, s);
        double aq = Math.scalb(aqH, s);
        double lnAp = Math.log(apH) + s * LN2;
        double lnAq = Math.log(aqH) + s * LN2;
        double t = aqH / apH;
        double x = (aqH - apH) / apH;
        double invAp = Math.scalb(1 / apH, -s);
        double invAq = Math.scalb(1 / aqH, -s);
        if (ap >= STIRLING_SHAPE && aq >= STIRLING_SHAPE) {
            return 0.5 * phi(x, t) + stirlingBregman(x, invAp, invAq);
        }
        if (s == 0 && Math.abs(x) < 0.5) {
            return nearShapeDivergence(ap, aq - ap);   // both below 20: shifted into Stirling's range
        }
        if (aq >= STIRLING_SHAPE) {   // a_p small or moderate, a_q large
            double lnApMinusPsi = ap < 1 ? lnAp - Special.digamma(ap + 1) + 1 / ap : lnAp - Special.digamma(ap);
            double apPsi = ap < 1 ? ap * Special.digamma(ap + 1) - 1 : ap * Special.digamma(ap);
            return Math.scalb(aqH * lnApMinusPsi, s) - 0.5 * lnAq + Special.LN_SQRT_2PI + stirlingS(invAq)
                    - Special.lgamma(ap) + apPsi - ap;
        }
        if (ap >= STIRLING_SHAPE) {   // a_p large, a_q small or moderate
            double psiMinusLn = Double.isFinite(ap) ? Special.digammaMinusLog(ap) : -0.5 * invAp;   // DLMF 5.11.2
            return Special.lgamma(aq) - aq * psiMinusLn - aq * lnAq + aq + 0.5 * lnAp - Special.LN_SQRT_2PI - 0.5
                    - stirlingS(invAp) + stirlingASPrime(invAp);
        }
        if (ap < 1) {
            if (t == Double.POSITIVE_INFINITY) {
                return t;   // a_q / a_p > MAX with a_q < 1e4: E >= a_q/a_p - (1 + a_q) ln(a_q/a_p) - 1 > MAX
            }
            return lnGammaBregman(ap + 1, aq + 1) + (t - 1 - ap) + aq - (1 + aq) * logRatio(t, aqH, apH);
        }
        return lnGammaBregman(ap, aq) - weightedPhi(aq, Ratio.of(ap, 1, aq, 1));
    }

    /**
     * E(a, a + delta) for |delta| &lt; a/2 with a &lt; 20, keeping its relative accuracy as delta -&gt; 0
     * (the differences of lnGamma values lose it: E(10 - 2 ulps, 10) = 1.7e-31 came out 1e-15):
     * D(a, b) = D(a + k, b + k) + sum_(i&lt;k) phi((b+i)/(a+i)) (from psi(a) = psi(a+1) - 1/a) with
     * k the steps to Stirling's range, where D(c, c + delta) = c h(1 + delta/c) + phi(1 + delta/c)/2 + B,
     * h(t) = t ln t - t + 1; every term is O(delta^2) and has delta / (a + i) exactly up to one
     * rounding, then E = D - a h(1 + delta/a). The terms are of size delta^2/a against a result of size
     * delta^2/a^2: at most a factor 2a &lt; 40 of cancellation, about 40 ulps.
     */
    private static double nearShapeDivergence(double a, double delta) {
        double lo = Math.min(a, a + delta);
        int k = (int) Math.ceil(STIRLING_SHAPE - lo);
        double d = 0;
        for (int i = 0; i < k; i++) {
            d += phi1p(delta / (a + i));
        }
        double c = a + k;
        double xc = delta / c;
        d += c * Special.poissonRate(xc) + 0.5 * phi1p(xc) + stirlingBregman(xc, 1 / c, 1 / (c + delta));
        return d - a * Special.poissonRate(delta / a);
    }

    /** D(a, b) = lnGamma(b) - lnGamma(a) - (b - a) psi(a) &gt;= 0 (lnGamma is convex), directly (a in [1, 1e4), b &lt; 1e4 + 1). */
    private static double lnGammaBregman(double a, double b) {
        return Special.lgamma(b) - Special.lgamma(a) - (b - a) * Special.digamma(a);
    }

    /**
     * KL(Dirichlet(a) || Dirichlet(b)) (Penny 2001; Beta is the case k = 2), through the gamma
     * construction Dir(a) = G / sum G, G_i ~ Gamma(a_i, 1) independent and independent of sum G ~
     * Gamma(a_0, 1): {@code KL = sum_i KL_Gamma(a_i || b_i) - KL_Gamma(a_0 || b_0)}, which with
     * {@link #gamma}'s split is
     * {@code sum_i b_i phi(s_i) + sum_i E(a_i, b_i) - E(a_0, b_0)}, s_i = (a_i / a_0) / (b_i / b_0),
     * the ratio of the two means of coordinate i. The first sum is &gt;= 0 term by term; a_0 and
     * b_0 are taken scaled by 2^-s when a sum overflows (Dirichlet([1e308, 1e308])). The textbook form
     * {@code lnGamma(a_0) - sum lnGamma(a_i) - lnGamma(b_0) + sum lnGamma(b_i) + sum (a_i - b_i)(psi(a_i) - psi(a_0))}
     * gave NaN at concentrations 4.9e-324 (psi = -inf) and near 1e308 (lnGamma = +inf), and lost all
     * digits to cancellation for large equal-mean concentrations. Error: as {@link #gamma}'s, per term.
     */
    static double dirichlet(double[] a, double[] b) {
        int k = a.length;
        double a0 = 0;
        double b0 = 0;
        for (int i = 0; i < k; i++) {
            a0 += a[i];
            b0 += b[i];
        }
        int s = 0;
        if (!Double.isFinite(a0) || !Double.isFinite(b0)) {
            s = 32 - Integer.numberOfLeadingZeros(k);   // 2^s > k: the scaled sums cannot overflow
            a0 = 0;
            b0 = 0;
            for (int i = 0; i < k; i++) {
                a0 += Math.scalb(a[i], -s);
                b0 += Math.scalb(b[i], -s);
            }
        }
        double kl = 0;
        for (int i = 0; i < k; i++) {
            kl += weightedPhi(b[i], Ratio.of(a[i], b0, b[i], a0)) + shapeDivergence(a[i], b[i], 0);
        }
        kl -= shapeDivergence(a0, b0, s);
        // inf - inf: E(a_0, b_0) is +inf only if b_0 / a_0 > MAX (a_0 < 1) or b_0 (ln a_0 - psi(a_0)) > MAX;
        // then b_i / a_i > MAX for some i and the divergence, >= sum_i b_i (1/a_i - 1/a_0) up to
        // terms of order ln(b_i / a_i), is beyond the double range as well
        return Double.isNaN(kl) ? Double.POSITIVE_INFINITY : kl;
    }

    private static double dirichlet(Dirichlet p, Dirichlet q) {
        if (p.dim() != q.dim()) {
            throw new IllegalArgumentException("KL(Dirichlet || Dirichlet): the dimensions differ, " + p.dim()
                    + " and " + q.dim());
        }
        return dirichlet(p.concentration().toArray(), q.concentration().toArray());
    }

    /**
     * -ln(h - l) + ln(s sqrt(2 pi)) + E[(X - m)^2] / (2 s^2), where for X uniform on [l, h]
     * E[(X - m)^2] = ((h-m)^2 + (h-m)(l-m) + (l-m)^2) / 3.
     */
    private static double uniformNormal(Uniform p, Normal q) {
        double u = differenceOverScale(p.high(), q.loc(), q.scale());
        double l = differenceOverScale(p.low(), q.loc(), q.scale());
        // u^2 + u l + l^2 = ((u + l)^2 + u^2 + l^2) / 2, a sum of squares: +inf as soon as u or l is
        // (u^2 + u l with u l = -inf gave inf - inf = NaN, and inf * 0 too)
        double quadratic = Double.isInfinite(u) || Double.isInfinite(l) ? Double.POSITIVE_INFINITY
                : ((u + l) * (u + l) + u * u + l * l) / 12;
        double width = p.high() - p.low();   // finite: Uniform refuses an infinite width
        return -logRatio(width / q.scale(), width, q.scale()) + Special.LN_SQRT_2PI + quadratic;
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
