package dlmath.variational;

import dlmath.linalg.Cholesky;

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
            means = means.clone();
            variances = variances.clone();
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
        double[] r = Lin.sub(q.means, mu);
        double quad = Lin.dot(r, Lin.mul(lambda, r));
        double s = 0;
        for (int i = 0; i < mu.length; i++) {
            s += lambda[i][i] * q.variances[i] - Math.log(q.variances[i]);
        }
        return 0.5 * logDetLambda - 0.5 * (quad + s) + 0.5 * mu.length;
    }

    /** The optimal factor i given the others. */
    public State update(State q, int i) {
        requireState("Cavi.update", q);
        if (i < 0 || i >= mu.length) {
            throw Args.error("Cavi.update", "i must be in [0, %d], got %d", mu.length - 1, i);
        }
        double s = 0;
        for (int j = 0; j < mu.length; j++) {
            if (j != i) {
                s += lambda[i][j] * (q.means[j] - mu[j]);
            }
        }
        double[] m = q.means.clone();
        double[] v = q.variances.clone();
        m[i] = mu[i] - s / lambda[i][i];
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
