package dlmath.variational;

import dlmath.linalg.Cholesky;
import java.util.Objects;

/**
 * Coordinate-ascent mean-field variational inference (CAVI) for a Gaussian target
 * {@code p = N(mu, Lambda^{-1})} with precision {@code Lambda} (Bishop, Pattern Recognition and
 * Machine Learning, Sec. 10.1.2, eqs. 10.12-10.13; Blei, Kucukelbir &amp; McAuliffe, Variational
 * Inference: A Review for Statisticians, JASA 2017, Sec. 2.4). The family is
 * {@code q = prod_i N(m_i, v_i)}; the optimal factor i given the others is
 * {@code N(mu_i - Lambda_ii^{-1} sum_{j != i} Lambda_ij (m_j - mu_j), 1 / Lambda_ii)}, and
 * <pre>
 * ELBO(m, v) = E_q log p - E_q log q
 *            = 1/2 log det Lambda - 1/2 ((m - mu)^T Lambda (m - mu) + sum_i Lambda_ii v_i)
 *              + 1/2 sum_i log v_i + n/2.
 * </pre>
 */
public final class Cavi {

    private final double[] mu;
    private final double[][] lambda;
    private final double logDetLambda;

    /** The state of q: means and variances. */
    public record State(double[] means, double[] variances) {
        public State {
            means = Objects.requireNonNull(means, "means").clone();
            variances = Objects.requireNonNull(variances, "variances").clone();
        }

        @Override
        public double[] means() {
            return means.clone();
        }

        @Override
        public double[] variances() {
            return variances.clone();
        }

        @Override
        public String toString() {
            return "q(m = " + java.util.Arrays.toString(means) + ", v = " + java.util.Arrays.toString(variances) + ")";
        }
    }

    /**
     * @param mu the target mean
     * @param lambda the target precision, symmetric positive definite
     */
    public Cavi(double[] mu, double[][] lambda) {
        Args.vector("Cavi", "mu", mu);
        Args.matrix("Cavi", "Lambda", lambda, mu.length, mu.length);
        Cholesky c = Lin.chol(lambda);
        this.logDetLambda = c.logDet();
        this.mu = mu.clone();
        this.lambda = Args.copy(lambda);
    }

    public int dim() {
        return mu.length;
    }

    /** The ELBO of {@code q = prod N(m_i, v_i)}. */
    public double elbo(State q) {
        requireState("Cavi.elbo", q);
        double quad = quadraticForm(q.means);
        double s = 0;
        for (int i = 0; i < mu.length; i++) {
            s += lambda[i][i] * q.variances[i] - Math.log(q.variances[i]);
        }
        return 0.5 * logDetLambda - 0.5 * (quad + s) + 0.5 * mu.length;
    }

    /**
     * {@code (m - mu)^T Lambda (m - mu)} without an intermediate overflow: r = (m - mu) / 2 (no overflow),
     * scaled by a power of two near its largest entry and Lambda likewise, so that the inner form is at most n^2
     * and nonnegative (Lambda is SPD); the scales are applied at the end, where only the true value's
     * own overflow (to +inf) can occur.
     */
    private double quadraticForm(double[] m) {
        int n = mu.length;
        double[] r = new double[n];
        double rMax = 0;
        double lMax = 0;
        for (int i = 0; i < n; i++) {
            r[i] = 0.5 * m[i] - 0.5 * mu[i];
            rMax = Math.max(rMax, Math.abs(r[i]));
            for (int j = 0; j < n; j++) {
                lMax = Math.max(lMax, Math.abs(lambda[i][j]));
            }
        }
        if (rMax == 0) {
            return 0;
        }
        // power-of-two scales: exact, so the form's rounding is that of the unscaled sum
        int er = Math.getExponent(rMax);
        int el = Math.getExponent(lMax);
        double inner = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                row += Math.scalb(lambda[i][j], -el) * Math.scalb(r[j], -er);
            }
            inner += Math.scalb(r[i], -er) * row;
        }
        return Math.scalb(Math.max(0, inner), el + 2 * er + 2);
    }

    /** The optimal factor i given the others. */
    public State update(State q, int i) {
        requireState("Cavi.update", q);
        if (i < 0 || i >= mu.length) {
            throw Args.error("Cavi.update", "i must be in [0, %d], got %d", mu.length - 1, i);
        }
        // m_i = mu_i - sum_j (lambda_ij / lambda_ii)(m_j - mu_j): the ratios keep lambda at 2^1000 from
        // overflowing, the halves keep m_j - mu_j at +-1e308 from overflowing (then doubled at the end)
        double s = 0;
        for (int j = 0; j < mu.length; j++) {
            if (j != i) {
                s += lambda[i][j] / lambda[i][i] * (0.5 * q.means[j] - 0.5 * mu[j]);
            }
        }
        double[] m = q.means.clone();
        double[] v = q.variances.clone();
        m[i] = 2 * (0.5 * mu[i] - s);
        if (!Double.isFinite(m[i])) {
            throw Args.error("Cavi.update", "the updated mean m_%d = mu_%d - sum_j (Lambda_%d,j / Lambda_%d,%d)(m_j - mu_j) "
                    + "is beyond the double range (%s) for %s", i, i, i, i, i, m[i], q);
        }
        v[i] = 1 / lambda[i][i];
        return new State(m, v);
    }

    /** One sweep of updates i = 0, ..., n-1. */
    public State sweep(State q) {
        State r = q;
        for (int i = 0; i < mu.length; i++) {
            r = update(r, i);
        }
        return r;
    }

    /**
     * The ELBO before and after every coordinate update of {@code sweeps} sweeps (the series of the
     * chapter's figure): entry 0 is the start, entry {@code k} after the k-th update.
     */
    public double[] elboTrace(State start, int sweeps) {
        Args.count("Cavi.elboTrace", "sweeps", sweeps, 0);
        requireState("Cavi.elboTrace", start);
        long total = (long) sweeps * mu.length;
        if (total > Args.MAX_SIZE) {
            throw Args.error("Cavi.elboTrace", "sweeps * n = %d exceeds %d", total, Args.MAX_SIZE);
        }
        double[] trace = new double[(int) total + 1];
        State q = start;
        trace[0] = elbo(q);
        for (int k = 0; k < total; k++) {
            q = update(q, k % mu.length);
            trace[k + 1] = elbo(q);
        }
        return trace;
    }

    private void requireState(String op, State q) {
        java.util.Objects.requireNonNull(q, "q");
        Args.vector(op, "q.means", q.means, mu.length);
        Args.vector(op, "q.variances", q.variances, mu.length);
        for (int i = 0; i < mu.length; i++) {
            Args.positive(op, "q.variances[" + i + "]", q.variances[i]);
        }
    }
}
