package dlmath.prob;

import dlmath.linalg.Cholesky;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The multivariate normal N(loc, S) on R^n, as
 * {@code torch.distributions.MultivariateNormal(loc, covariance_matrix)}, built on the Cholesky
 * factor S = L L^T ({@link Cholesky}):
 * <ul>
 *   <li>log p(x) = -|L^{-1}(x - loc)|^2 / 2 - log det S / 2 - (n/2) log(2 pi);</li>
 *   <li>samples loc + L z with z standard normal (Gentle, Random Number Generation and Monte
 *       Carlo Methods, 2nd ed., Sec. 5.3.1);</li>
 *   <li>affine images, marginals and conditionals in closed form: A X + b ~ N(A loc + b, A S A^T),
 *       and X_r | X_c = v ~ N(loc_r + S_rc S_cc^{-1} (v - loc_c), S_rr - S_rc S_cc^{-1} S_cr), the
 *       Schur complement (Bishop, Pattern Recognition and Machine Learning, Sec. 2.3.1-2.3.3).</li>
 * </ul>
 */
public final class MultivariateNormal implements MultivariateDistribution {

    private final double[] loc;
    private final double[][] cov;
    private final Cholesky chol;

    /**
     * N(loc, covarianceMatrix).
     *
     * @param loc the mean, a finite vector of length n
     * @param covarianceMatrix an n x n symmetric positive definite matrix
     */
    public MultivariateNormal(Tensor loc, Tensor covarianceMatrix) {
        double[] m = Params.vector("MultivariateNormal", "loc", loc).toArray();
        if (covarianceMatrix == null || covarianceMatrix.rank() != 2 || covarianceMatrix.dim(0) != m.length
                || covarianceMatrix.dim(1) != m.length) {
            throw new IllegalArgumentException("MultivariateNormal: covarianceMatrix must have shape [" + m.length
                    + ", " + m.length + "] to match loc of shape " + Arrays.toString(loc.shape()) + ", was "
                    + (covarianceMatrix == null ? "null" : Arrays.toString(covarianceMatrix.shape())));
        }
        for (int i = 0; i < m.length; i++) {
            Params.finite("MultivariateNormal", "loc[" + i + "]", m[i]);
        }
        try {
            this.chol = Cholesky.of(covarianceMatrix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MultivariateNormal: covarianceMatrix must be symmetric positive "
                    + "definite: " + e.getMessage(), e);
        }
        this.loc = m;
        this.cov = covarianceMatrix.toArray2D();
    }

    @Override
    public int dim() {
        return loc.length;
    }

    @Override
    public Tensor mean() {
        return Tensor.of(loc);
    }

    /** @return the covariance matrix S */
    public Tensor covarianceMatrix() {
        return Tensor.of(cov);
    }

    /** @return the lower triangular Cholesky factor L of S */
    public Tensor scaleTril() {
        return chol.l();
    }

    /** @return log det S */
    public double logDetCovariance() {
        return chol.logDet();
    }

    private void checkPoint(String op, Tensor x) {
        if (x == null || x.rank() != 1 || x.size() != loc.length) {
            throw new IllegalArgumentException("MultivariateNormal." + op + ": x must have shape [" + loc.length
                    + "], was " + (x == null ? "null" : Arrays.toString(x.shape())));
        }
    }

    /**
     * The squared Mahalanobis distance (x - loc)^T S^{-1} (x - loc) = |L^{-1}(x - loc)|^2.
     *
     * @param x a vector of length n
     * @return the distance squared
     */
    public double mahalanobis(Tensor x) {
        checkPoint("mahalanobis", x);
        Tensor y = chol.solveLower(x.sub(Tensor.of(loc)));
        return y.dot(y);
    }

    @Override
    public double logProb(Tensor x) {
        checkPoint("logProb", x);
        return -0.5 * mahalanobis(x) - 0.5 * chol.logDet() - loc.length * Special.LN_SQRT_2PI;
    }

    @Override
    public Tensor sample(RandomGenerator rng) {
        Objects.requireNonNull(rng, "rng");
        double[] z = new double[loc.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = Normal.standard(rng);
        }
        return chol.l().matmul(Tensor.of(z)).add(Tensor.of(loc));
    }

    /** (n/2)(1 + ln 2 pi) + (1/2) ln det S. */
    @Override
    public double entropy() {
        return loc.length * (0.5 + Special.LN_SQRT_2PI) + 0.5 * chol.logDet();
    }

    /**
     * The distribution of A X + b: N(A loc + b, A S A^T).
     *
     * @param a an m x n matrix of full row rank (so that A S A^T is positive definite)
     * @param b a vector of length m
     * @return the image distribution
     */
    public MultivariateNormal affine(Tensor a, Tensor b) {
        if (a == null || a.rank() != 2 || a.dim(1) != loc.length || b == null || b.rank() != 1
                || b.size() != a.dim(0)) {
            throw new IllegalArgumentException("MultivariateNormal.affine: need A of shape [m, " + loc.length
                    + "] and b of shape [m], was A " + (a == null ? "null" : Arrays.toString(a.shape())) + " and b "
                    + (b == null ? "null" : Arrays.toString(b.shape())));
        }
        Tensor s = a.matmul(Tensor.of(cov)).matmul(a.transpose());
        return new MultivariateNormal(a.matmul(Tensor.of(loc)).add(b), s.add(s.transpose()).div(2));
    }

    /**
     * The marginal of the coordinates {@code idx}: N(loc_idx, S_idx,idx).
     *
     * @param idx distinct coordinates in [0, n), at least one
     * @return the marginal distribution
     */
    public MultivariateNormal marginal(int... idx) {
        checkIndices("marginal", idx);
        return new MultivariateNormal(Tensor.of(pick(loc, idx)), Tensor.of(pick(cov, idx, idx)));
    }

    /**
     * The conditional distribution of the other coordinates given X_idx = values:
     * N(loc_r + S_rc S_cc^{-1}(values - loc_c), S_rr - S_rc S_cc^{-1} S_cr), r = the coordinates
     * not in idx, in increasing order.
     *
     * @param idx the observed coordinates, distinct, at least one and fewer than n
     * @param values their observed values, a finite vector of the same length
     * @return the conditional distribution of the remaining coordinates
     */
    public MultivariateNormal conditional(int[] idx, Tensor values) {
        checkIndices("conditional", idx);
        if (idx.length == loc.length) {
            throw new IllegalArgumentException("MultivariateNormal.conditional: idx must leave at least one of the "
                    + loc.length + " coordinates unobserved, was " + Arrays.toString(idx));
        }
        if (values == null || values.rank() != 1 || values.size() != idx.length) {
            throw new IllegalArgumentException("MultivariateNormal.conditional: values must have shape ["
                    + idx.length + "] to match idx " + Arrays.toString(idx) + ", was "
                    + (values == null ? "null" : Arrays.toString(values.shape())));
        }
        int[] rest = complement(idx);
        Cholesky cc = Cholesky.of(Tensor.of(pick(cov, idx, idx)));
        Tensor src = Tensor.of(pick(cov, rest, idx));
        Tensor gain = cc.solve(src.transpose()); // S_cc^{-1} S_cr
        Tensor mean = Tensor.of(pick(loc, rest)).add(src.matmul(cc.solve(values.sub(Tensor.of(pick(loc, idx))))));
        Tensor schur = Tensor.of(pick(cov, rest, rest)).sub(src.matmul(gain));
        return new MultivariateNormal(mean, schur.add(schur.transpose()).div(2));
    }

    private void checkIndices(String op, int[] idx) {
        if (idx == null || idx.length == 0) {
            throw new IllegalArgumentException("MultivariateNormal." + op + ": idx must name at least one coordinate");
        }
        boolean[] seen = new boolean[loc.length];
        for (int i : idx) {
            if (i < 0 || i >= loc.length || seen[i]) {
                throw new IllegalArgumentException("MultivariateNormal." + op + ": idx must hold distinct coordinates "
                        + "in [0, " + loc.length + "), was " + Arrays.toString(idx));
            }
            seen[i] = true;
        }
    }

    private int[] complement(int[] idx) {
        boolean[] in = new boolean[loc.length];
        for (int i : idx) {
            in[i] = true;
        }
        int[] rest = new int[loc.length - idx.length];
        int r = 0;
        for (int i = 0; i < loc.length; i++) {
            if (!in[i]) {
                rest[r++] = i;
            }
        }
        return rest;
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    private static double[][] pick(double[][] m, int[] rows, int[] cols) {
        double[][] out = new double[rows.length][cols.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                out[i][j] = m[rows[i]][cols[j]];
            }
        }
        return out;
    }

    /** KL(this || q) in closed form; see {@link KL}. */
    double klTo(MultivariateNormal q) {
        if (q.loc.length != loc.length) {
            throw new IllegalArgumentException("KL(MultivariateNormal || MultivariateNormal): dimensions differ, "
                    + loc.length + " and " + q.loc.length);
        }
        Tensor m = q.chol.solveLower(chol.l()); // L_q^{-1} L_p: tr(S_q^{-1} S_p) = ||m||_F^2
        double trace = m.frobenius() * m.frobenius();
        Tensor d = q.chol.solveLower(Tensor.of(q.loc).sub(Tensor.of(loc)));
        return 0.5 * (trace + d.dot(d) - loc.length + q.chol.logDet() - chol.logDet());
    }

    @Override
    public String toString() {
        return "MultivariateNormal(loc=" + Tensor.of(loc) + ", covarianceMatrix=" + Tensor.of(cov) + ")";
    }
}
