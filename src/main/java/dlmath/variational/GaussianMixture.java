package dlmath.variational;

/**
 * A one-dimensional Gaussian mixture {@code p(x) = sum_k pi_k N(x; mu_k, sigma2_k)} and its EM
 * algorithm (Dempster, Laird &amp; Rubin, JRSS-B 39 (1977), Thm 1; Bishop, Pattern Recognition and
 * Machine Learning, Sec. 9.2.2): the E-step computes the responsibilities
 * {@code r_ik = pi_k N(x_i; mu_k, sigma2_k) / sum_j pi_j N(x_i; mu_j, sigma2_j)} (in log space, for every finite x),
 * the M-step sets {@code N_k = sum_i r_ik}, {@code pi_k = N_k / n}, {@code mu_k} the r-weighted mean and
 * {@code sigma2_k = max(floor, r-weighted variance)}. The floor keeps the likelihood bounded (a
 * component collapsing on one point has unbounded density); the floored M-step still maximizes the
 * expected complete log-likelihood over {@code sigma2_k >= floor} (it is unimodal in sigma2_k), so the
 * log-likelihood never decreases. A component with {@code N_k = 0} keeps its mean and variance.
 */
public final class GaussianMixture {

    private final double[] weights;
    private final double[] means;
    private final double[] variances;

    /**
     * @param weights the mixing weights, nonnegative, summing to 1 within 1e-12, at least one positive
     * @param means the means, finite
     * @param variances the variances, positive and finite
     */
    public GaussianMixture(double[] weights, double[] means, double[] variances) {
        String op = "GaussianMixture";
        Args.vector(op, "weights", weights);
        Args.count(op, "weights.length", weights.length, 1);
        Args.vector(op, "means", means, weights.length);
        Args.vector(op, "variances", variances, weights.length);
        double total = 0;
        for (int k = 0; k < weights.length; k++) {
            if (weights[k] < 0) {
                throw Args.error(op, "weights[%d] must be >= 0, got %s", k, weights[k]);
            }
            Args.positive(op, "variances[" + k + "]", variances[k]);
            total += weights[k];
        }
        if (!(Math.abs(total - 1) <= 1e-12)) {
            throw Args.error(op, "weights must sum to 1, got sum %s", total);
        }
        this.weights = weights.clone();
        this.means = means.clone();
        this.variances = variances.clone();
    }

    public int components() {
        return weights.length;
    }

    public double[] weights() {
        return weights.clone();
    }

    public double[] means() {
        return means.clone();
    }

    public double[] variances() {
        return variances.clone();
    }

    /** {@code log pi_k + log N(x; mu_k, sigma2_k)} for every k. */
    private double[] joint(double x) {
        double[] l = new double[weights.length];
        for (int k = 0; k < l.length; k++) {
            // log(2 pi v) as a sum of logs and z^2 / v as (z / sqrt v)^2: v = 1e308 made 2 pi v infinite
            double t = (x - means[k]) / Math.sqrt(variances[k]);
            l[k] = Math.log(weights[k]) - 0.5 * (Math.log(2 * Math.PI) + Math.log(variances[k]) + t * t);
        }
        return l;
    }

    private static double logSumExp(double[] l) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : l) {
            m = Math.max(m, v);
        }
        if (m == Double.NEGATIVE_INFINITY) {
            return m;
        }
        double s = 0;
        for (double v : l) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    /** {@code sum_i log p(x_i)}. */
    public double logLikelihood(double[] x) {
        Args.vector("GaussianMixture.logLikelihood", "x", x);
        double s = 0;
        for (double xi : x) {
            s += logSumExp(joint(xi));
        }
        return s;
    }

    /**
     * The responsibilities r[i][k] = p(component k | x_i), for every finite x: a softmax of
     * {@code l_k = c_k - a_k^2 / 2}, {@code c_k = log pi_k - (log 2 pi + log sigma2_k) / 2},
     * {@code a_k = |x - mu_k| / sigma_k}, taken relative to the best component b. Only the differences
     * {@code l_k - l_b = (c_k - c_b) - ((x - mu_k)^2 sigma2_b - (x - mu_b)^2 sigma2_k) / (2 sigma2_k sigma2_b)}
     * enter. In doubles the quadratic part errs by at most 2^-50 (a_k^2 + a_b^2); where that exceeds 1e-12
     * and the difference is not decisively beyond 800 (where exp gives 0 or the sign alone matters), or a_k
     * overflows, it is computed exactly (BigDecimal) and rounded once. So the answer stays right where every
     * log-density is below the double range (x more than 1.3e154 standard deviations from every mean: a_k^2
     * overflows) and where x is so far out that |x - mu_k| and |x - mu_b| round to the same double (then the
     * nearer mean still wins: r = 0 or 1, or a softmax of the c_k for exact ties).
     * Components with pi_k = 0 get 0.
     */
    public double[][] responsibilities(double[] x) {
        Args.vector("GaussianMixture.responsibilities", "x", x);
        double[][] r = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            r[i] = posterior(x[i]);
        }
        return r;
    }

    private double[] posterior(double x) {
        int kk = weights.length;
        double[] c = new double[kk];
        double[] a = new double[kk];
        int best = -1;
        for (int k = 0; k < kk; k++) {
            c[k] = Math.log(weights[k]) - 0.5 * (Math.log(2 * Math.PI) + Math.log(variances[k]));
            a[k] = Math.abs(x / 2 - means[k] / 2) / Math.sqrt(variances[k]) * 2;   // may be +inf; then exact below
            if (weights[k] > 0 && (best < 0 || difference(x, k, best, c, a) > 0)) {
                best = k;
            }
        }
        double[] p = new double[kk];
        double total = 0;
        for (int k = 0; k < kk; k++) {
            p[k] = weights[k] > 0 ? Math.exp(difference(x, k, best, c, a)) : 0;
            total += p[k];
        }
        for (int k = 0; k < kk; k++) {
            p[k] /= total;
        }
        return p;
    }

    /** {@code l_k - l_b} in [-inf, +inf], never NaN; the quadratic part exact (one rounding) where doubles could mislead. */
    private double difference(double x, int k, int b, double[] c, double[] a) {
        if (k == b) {
            return 0;
        }
        if (Double.isFinite(a[k]) && Double.isFinite(a[b])) {
            double fast = (c[k] - c[b]) - (a[k] - a[b]) * (0.5 * a[k] + 0.5 * a[b]);
            // a_k, a_b carry 3 roundings each: the quadratic part errs by at most 2^-50 (a_k^2 + a_b^2)
            double err = 0x1p-50 * (a[k] * a[k] + a[b] * a[b]);
            if (err <= 1e-12 || Math.abs(fast) - err > 800) {
                return fast;
            }
        }
        java.math.BigDecimal bx = new java.math.BigDecimal(x);
        java.math.BigDecimal dk = bx.subtract(new java.math.BigDecimal(means[k]));
        java.math.BigDecimal db = bx.subtract(new java.math.BigDecimal(means[b]));
        java.math.BigDecimal vk = new java.math.BigDecimal(variances[k]);
        java.math.BigDecimal vb = new java.math.BigDecimal(variances[b]);
        java.math.BigDecimal num = dk.multiply(dk).multiply(vb).subtract(db.multiply(db).multiply(vk));
        double quad = num.divide(vk.multiply(vb).multiply(java.math.BigDecimal.valueOf(2)), new java.math.MathContext(20))
                .doubleValue();   // +-inf beyond the double range
        return (c[k] - c[b]) - quad;
    }

    /**
     * One EM step on the data x.
     *
     * @param x the data, at least one point, finite
     * @param floor the variance floor, positive
     * @return the updated mixture
     */
    public GaussianMixture emStep(double[] x, double floor) {
        Args.vector("GaussianMixture.emStep", "x", x);
        Args.count("GaussianMixture.emStep", "x.length", x.length, 1);
        Args.positive("GaussianMixture.emStep", "floor", floor);
        double[][] r = responsibilities(x);
        int kk = weights.length;
        double[] w = new double[kk];
        double[] m = means.clone();
        double[] v = variances.clone();
        for (int k = 0; k < kk; k++) {
            double nk = 0;
            double sx = 0;
            for (int i = 0; i < x.length; i++) {
                nk += r[i][k];
                sx += r[i][k] * x[i];
            }
            w[k] = nk / x.length;
            if (nk > 0) {
                m[k] = sx / nk;
                double ss = 0;
                for (int i = 0; i < x.length; i++) {
                    double z = x[i] - m[k];
                    ss += r[i][k] * z * z;
                }
                v[k] = Math.max(floor, ss / nk);
            }
        }
        double total = 0;
        for (double wk : w) {
            total += wk;
        }
        for (int k = 0; k < kk; k++) {
            w[k] /= total;
        }
        return new GaussianMixture(w, m, v);
    }

    /**
     * The log-likelihood before EM and after each of {@code steps} EM steps (the series of the
     * chapter's figure).
     */
    public double[] logLikelihoodTrace(double[] x, double floor, int steps) {
        Args.count("GaussianMixture.logLikelihoodTrace", "steps", steps, 0);
        double[] trace = new double[steps + 1];
        GaussianMixture g = this;
        trace[0] = g.logLikelihood(x);
        for (int t = 0; t < steps; t++) {
            g = g.emStep(x, floor);
            trace[t + 1] = g.logLikelihood(x);
        }
        return trace;
    }

    @Override
    public String toString() {
        return "GMM(pi = " + java.util.Arrays.toString(weights) + ", mu = " + java.util.Arrays.toString(means)
                + ", sigma2 = " + java.util.Arrays.toString(variances) + ")";
    }
}
