package dlmath.variational;

import dlmath.linalg.Cholesky;
import java.util.Objects;

/**
 * The linear-Gaussian latent model: {@code z ~ N(0, I_k)}, {@code x | z ~ N(W z + mu, sigma2 I_d)}
 * (factor analysis with isotropic noise; Bishop, Pattern Recognition and Machine Learning, Sec. 12.2).
 * Everything is in closed form: the marginal {@code x ~ N(mu, C)}, {@code C = W W^T + sigma2 I}
 * (Bishop eq. 12.35), the posterior {@code z | x ~ N(M^{-1} W^T (x - mu), sigma2 M^{-1})},
 * {@code M = W^T W + sigma2 I} (eq. 12.42), and the evidence lower bound of a Gaussian
 * {@code q(z) = N(m, S)}:
 * <pre>
 * ELBO(q) = E_q[log p(x | z)] - KL(q || p(z))
 *         = -d/2 log(2 pi sigma2) - (||x - mu - W m||^2 + tr(W S W^T)) / (2 sigma2)
 *           - 1/2 (tr S + m^T m - k - log det S).
 * </pre>
 */
public final class LinearGaussianModel {

    private final double[][] w;
    private final double[] mu;
    private final double sigma2;

    /**
     * @param w the d x k loading matrix, finite
     * @param mu the mean, length d, finite
     * @param sigma2 the noise variance, positive and finite
     * @throws IllegalArgumentException naming the parameter on a bad shape or value
     */
    public LinearGaussianModel(double[][] w, double[] mu, double sigma2) {
        String op = "LinearGaussianModel";
        Args.matrix(op, "W", w);
        Args.vector(op, "mu", mu, w.length);
        Args.positive(op, "sigma2", sigma2);
        this.w = Args.copy(w);
        this.mu = mu.clone();
        this.sigma2 = sigma2;
    }

    public int dataDim() {
        return w.length;
    }

    public int latentDim() {
        return w[0].length;
    }

    public double[][] w() {
        return Args.copy(w);
    }

    public double[] mu() {
        return mu.clone();
    }

    public double sigma2() {
        return sigma2;
    }

    /** The marginal covariance {@code C = W W^T + sigma2 I}. */
    public double[][] marginalCovariance() {
        return Lin.plusIdentity(Lin.mul(w, Lin.t(w)), sigma2);
    }

    /** {@code log p(x) = log N(x; mu, W W^T + sigma2 I)}. */
    public double logMarginal(double[] x) {
        Args.vector("LinearGaussianModel.logMarginal", "x", x, dataDim());
        Cholesky c = Lin.chol(marginalCovariance());
        double[] r = Lin.sub(x, mu);
        double q = Lin.dot(r, Lin.solve(c, r));
        return -0.5 * (dataDim() * Math.log(2 * Math.PI) + c.logDet() + q);
    }

    /** The exact posterior p(z | x) as a Gaussian. */
    public Gaussian posterior(double[] x) {
        Args.vector("LinearGaussianModel.posterior", "x", x, dataDim());
        double[][] m = Lin.plusIdentity(Lin.gram(w), sigma2);
        Cholesky c = Lin.chol(m);
        double[] mean = Lin.solve(c, Lin.mulT(w, Lin.sub(x, mu)));
        double[][] cov = Lin.inverse(m);
        for (double[] row : cov) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= sigma2;
            }
        }
        return new Gaussian(mean, cov);
    }

    /** {@code E_q[log p(x | z)]} for {@code q = N(m, S)}. */
    public double expectedLogLikelihood(double[] x, Gaussian q) {
        Objects.requireNonNull(q, "q");
        Args.vector("LinearGaussianModel.expectedLogLikelihood", "x", x, dataDim());
        requireLatent("LinearGaussianModel.expectedLogLikelihood", q);
        // (|r|^2 + tr(W S W^T)) / sigma2 as |r / sigma|^2 + tr(W S W^T) / sigma2, with r = x - mu - W m
        // at half scale (exact; no overflow for x and mu at +-1e308) and log(2 pi sigma2) as a sum of logs
        // (sigma2 = 1e308 made 2 pi sigma2 infinite and the quotient inf / inf = NaN)
        double sigma = Math.sqrt(sigma2);
        double[] halfMean = q.mean();
        for (int j = 0; j < halfMean.length; j++) {
            halfMean[j] *= 0.5;
        }
        double[] wm = Lin.mulScaled(w, halfMean);
        double rr = 0;
        for (int i = 0; i < x.length; i++) {
            double t = (0.5 * x[i] - 0.5 * mu[i] - wm[i]) / sigma;
            rr += t * t;
        }
        double trace = scaledTrace(q.covariance()) / sigma2;
        return -0.5 * dataDim() * (Math.log(2 * Math.PI) + Math.log(sigma2)) - (4 * rr + trace) / 2;
    }

    /**
     * {@code tr(W S W^T)} with W and S scaled by powers of two (exact) so that no intermediate overflows
     * (W at 1e308 made W S W^T infinite, and inf * 0 = NaN); only the true value's own overflow remains (+inf).
     */
    private double scaledTrace(double[][] s) {
        int ew = Math.getExponent(maxAbs(w));
        int es = Math.getExponent(maxAbs(s));
        double inner = 0;
        for (double[] wi : w) {
            for (int a = 0; a < wi.length; a++) {
                for (int b = 0; b < wi.length; b++) {
                    inner += Math.scalb(wi[a], -ew) * Math.scalb(s[a][b], -es) * Math.scalb(wi[b], -ew);
                }
            }
        }
        return Math.scalb(Math.max(0, inner), 2 * ew + es);
    }

    private static double maxAbs(double[][] m) {
        double out = Double.MIN_VALUE;   // a zero matrix: any scale will do
        for (double[] row : m) {
            for (double v : row) {
                out = Math.max(out, Math.abs(v));
            }
        }
        return out;
    }

    /** {@code KL(N(m, S) || N(0, I)) = 1/2 (tr S + m^T m - k - log det S)}. */
    public static double klToStandardNormal(Gaussian q) {
        Objects.requireNonNull(q, "q");
        double[][] s = q.covariance();
        return 0.5 * (Lin.trace(s) + Lin.dot(q.mean(), q.mean()) - q.dim() - Lin.chol(s).logDet());
    }

    /** {@code ELBO(q) = E_q[log p(x | z)] - KL(q || N(0, I))}. */
    public double elbo(double[] x, Gaussian q) {
        return expectedLogLikelihood(x, q) - klToStandardNormal(q);
    }

    private void requireLatent(String op, Gaussian q) {
        if (q.dim() != latentDim()) {
            throw Args.error(op, "q has dimension %d, the latent space %d (W is %s)", q.dim(), latentDim(), Args.shape(w));
        }
    }
}
