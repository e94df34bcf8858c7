package dlmath.variational;

import dlmath.linalg.Cholesky;
import dlmath.linalg.SymmetricEigen;
import dlmath.tensor.Tensor;
import java.util.Objects;

/**
 * Probabilistic PCA (Tipping &amp; Bishop, Probabilistic principal component analysis, J. R. Stat.
 * Soc. B 61 (1999) 611-622): the linear-Gaussian model {@code x = W z + mu + eps},
 * {@code z ~ N(0, I_q)}, {@code eps ~ N(0, sigma2 I_d)}. For data with sample covariance S
 * (divisor N) the log-likelihood is {@code -N/2 (d ln 2 pi + ln|C| + tr(C^{-1} S))},
 * {@code C = W W^T + sigma2 I} (eq. 4); its maximum (Sec. 3.2, eqs. 7-8) is at
 * {@code W = U_q (Lambda_q - sigma2 I)^{1/2}} with the top q eigenpairs of S and
 * {@code sigma2 = (lambda_{q+1} + ... + lambda_d) / (d - q)}. EM (Sec. 4.2 and Appendix B, eqs. 29-30):
 * <pre>
 * M = W^T W + sigma2 I,  W' = S W (sigma2 I + M^{-1} W^T S W)^{-1},
 * sigma2' = tr(S - S W M^{-1} W'^T) / d.
 * </pre>
 */
public final class Ppca {

    private final double[][] w;
    private final double[] mean;
    private final double sigma2;

    /**
     * @param w the d x q loadings
     * @param mean the mean, length d
     * @param sigma2 the noise variance, positive
     */
    public Ppca(double[][] w, double[] mean, double sigma2) {
        Args.matrix("Ppca", "W", w);
        Args.vector("Ppca", "mean", mean, w.length);
        this.sigma2 = Args.positive("Ppca", "sigma2", sigma2);
        this.w = Args.copy(w);
        this.mean = mean.clone();
    }

    public double[][] w() {
        return Args.copy(w);
    }

    public double[] mean() {
        return mean.clone();
    }

    public double sigma2() {
        return sigma2;
    }

    /** The same model as a {@link LinearGaussianModel}. */
    public LinearGaussianModel model() {
        return new LinearGaussianModel(w, mean, sigma2);
    }

    /** The sample mean of the rows of x (N x d). */
    public static double[] sampleMean(double[][] x) {
        Args.matrix("Ppca.sampleMean", "x", x);
        double[] m = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j];
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= x.length;
        }
        return m;
    }

    /** The sample covariance of the rows of x with divisor N. */
    public static double[][] sampleCovariance(double[][] x) {
        double[] m = sampleMean(x);
        int d = m.length;
        double[][] s = new double[d][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                double ri = row[i] - m[i];
                for (int j = 0; j <= i; j++) {
                    s[i][j] += ri * (row[j] - m[j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                s[i][j] /= x.length;
                s[j][i] = s[i][j];
            }
        }
        return s;
    }

    /**
     * The maximum-likelihood model with q latent dimensions (Tipping &amp; Bishop eqs. 7-8, R = I).
     *
     * @param x the data, N x d, finite
     * @param q the latent dimension, 1 &lt;= q &lt; d
     * @throws IllegalArgumentException if q is out of range or the discarded eigenvalues are all 0
     *     (then sigma2 = 0 and the likelihood is unbounded)
     */
    public static Ppca fit(double[][] x, int q) {
        Args.matrix("Ppca.fit", "x", x);
        int d = x[0].length;
        if (q < 1 || q >= d) {
            throw Args.error("Ppca.fit", "q must be in [1, d - 1] = [1, %d], got %d", d - 1, q);
        }
        double[][] s = sampleCovariance(x);
        SymmetricEigen e = SymmetricEigen.of(Tensor.of(s));
        double[] lambda = e.values();            // ascending
        double[][] v = e.eigenvectors().toArray2D();   // columns
        double rest = 0;
        for (int j = 0; j < d - q; j++) {
            rest += Math.max(0, lambda[j]);
        }
        double sigma2 = rest / (d - q);
        if (!(sigma2 > 0)) {
            throw Args.error("Ppca.fit", "the smallest %d eigenvalues of the sample covariance are 0: sigma2 = 0 and "
                    + "the likelihood is unbounded (the data lie in a %d-dimensional affine subspace)", d - q, q);
        }
        double[][] w = new double[d][q];
        for (int c = 0; c < q; c++) {
            int j = d - 1 - c;
            double scale = Math.sqrt(Math.max(0, lambda[j] - sigma2));
            for (int i = 0; i < d; i++) {
                w[i][c] = v[i][j] * scale;
            }
        }
        return new Ppca(w, sampleMean(x), sigma2);
    }

    /** The log-likelihood {@code -N/2 (d ln 2 pi + ln|C| + tr(C^{-1} S))} of data with sample mean equal to the model's mean. */
    public double logLikelihood(double[][] x) {
        Objects.requireNonNull(x, "x");
        Args.matrix("Ppca.logLikelihood", "x", x, x.length, w.length);
        double[] m = sampleMean(x);
        double[][] s = sampleCovariance(x);
        // S about the model's mean: S + (m - mu)(m - mu)^T
        double[] r = Lin.sub(m, mean);
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                s[i][j] += r[i] * r[j];
            }
        }
        return logLikelihood(s, x.length);
    }

    /** The log-likelihood of N points with scatter matrix S about the model's mean. */
    public double logLikelihood(double[][] s, int n) {
        Args.matrix("Ppca.logLikelihood", "S", s, w.length, w.length);
        Args.count("Ppca.logLikelihood", "n", n, 1);
        Cholesky c = Lin.chol(model().marginalCovariance());
        double tr = Lin.trace(Lin.solve(c, s));
        return -0.5 * n * (w.length * Math.log(2 * Math.PI) + c.logDet() + tr);
    }

    /** One EM step for the sample covariance S (eqs. 29-30); the mean is kept. */
    public Ppca emStep(double[][] s) {
        Args.matrix("Ppca.emStep", "S", s, w.length, w.length);
        int d = w.length;
        int q = w[0].length;
        double[][] m = Lin.plusIdentity(Lin.gram(w), sigma2);
        Cholesky cm = Lin.chol(m);
        double[][] sw = Lin.mul(s, w);                              // S W, d x q
        double[][] minvWtSw = Lin.solve(cm, Lin.mul(Lin.t(w), sw)); // M^{-1} W^T S W, q x q
        double[][] inner = Lin.plusIdentity(minvWtSw, sigma2);     // sigma2 I + M^{-1} W^T S W
        double[][] wNew = Lin.t(Lin.solveGeneral(Lin.t(inner), Lin.t(sw)));   // S W inner^{-1}
        double[][] minvWNewT = Lin.solve(cm, Lin.t(wNew));           // M^{-1} W'^T, q x d
        double tr = 0;                                              // tr(S - S W M^{-1} W'^T), diagonal only
        for (int i = 0; i < d; i++) {
            double diag = 0;
            for (int c = 0; c < q; c++) {
                diag += sw[i][c] * minvWNewT[c][i];
            }
            tr += s[i][i] - diag;
        }
        double s2 = tr / d;
        if (!(s2 > 0)) {
            throw Args.error("Ppca.emStep", "sigma2 became %s (<= 0): S has rank <= q = %d", s2, q);
        }
        return new Ppca(wNew, mean, s2);
    }

    @Override
    public String toString() {
        return "Ppca(W = " + java.util.Arrays.deepToString(w) + ", mean = " + java.util.Arrays.toString(mean)
                + ", sigma2 = " + sigma2 + ")";
    }
}
