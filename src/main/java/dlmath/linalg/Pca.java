package dlmath.linalg;

import dlmath.tensor.Tensor;

/**
 * Principal component analysis of a data matrix {@code X} (n samples in rows, d features in
 * columns), computed in either of two equivalent ways:
 * <ul>
 *   <li>{@link #viaEigen}: the eigendecomposition of the sample covariance
 *       {@code C = X_c^T X_c / (n - 1)}, {@code X_c = X - 1 mean^T} ({@link SymmetricEigen});</li>
 *   <li>{@link #viaSvd}: the SVD of the centered data {@code X_c = U S V^T} ({@link Svd}); the
 *       components are the columns of {@code V} and the variances {@code s_i^2 / (n - 1)}.</li>
 * </ul>
 * Both give the same components up to sign (Jolliffe, <i>Principal Component Analysis</i>, 2nd ed.,
 * Sec. 3.5; the SVD route avoids squaring the condition number). Conventions follow scikit-learn's
 * {@code PCA}: components are the rows of a k x d matrix in order of decreasing variance; the
 * explained variance uses the unbiased {@code 1 / (n - 1)}; the explained variance ratio divides by
 * the total variance {@code trace(C)}; the sign of each component is fixed so that its entry of
 * largest magnitude (the first, on ties) is positive.
 *
 * <p>The top-k subspace minimizes the reconstruction error {@code ||X_c - X_c P||_F} over all
 * rank-k orthogonal projections {@code P} (Eckart-Young-Mirsky; Jolliffe Property A5).
 */
public final class Pca {

    private final double[] mean;
    private final double[][] components; // k x d
    private final double[] variance;
    private final double totalVariance;
    private final double[] ratio;

    /**
     * Variances {@code variance} and {@code totalVariance} are those of the data scaled by
     * {@code 2^-e}; they are scaled back by {@code 2^(2e)} (infinite if beyond the double range),
     * while their ratios are scale-free and computed before.
     */
    private Pca(double[] mean, double[][] components, double[] variance, double totalVariance, int e) {
        this.mean = mean;
        this.components = components;
        this.ratio = new double[variance.length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = totalVariance == 0 ? 0 : variance[i] / totalVariance;
        }
        this.variance = variance.clone();
        for (int i = 0; i < variance.length; i++) {
            this.variance[i] = Scaling.times(variance[i], 2 * e);
        }
        this.totalVariance = Scaling.times(totalVariance, 2 * e);
    }

    /** The exponent e of the power-of-two scaling of the data (0 for ordinary data; see Scaling). */
    private static int scaleOf(Tensor x) {
        return Scaling.squaresExponent(x.normInf(), x.size());
    }

    /**
     * PCA by the eigendecomposition of the sample covariance.
     *
     * @param x the data, n x d with n &gt;= 2, finite entries
     * @param k the number of components, in [1, d]
     * @return the fitted PCA
     * @throws IllegalArgumentException if {@code x} is not a finite matrix with at least 2 rows or
     *     {@code k} is out of range
     */
    public static Pca viaEigen(Tensor x, int k) {
        double[][] xc = centered("Pca.viaEigen", x, k);
        int e = scaleOf(x);
        int n = xc.length;
        int d = xc[0].length;
        double[][] cov = new double[d][d];
        double[][] cols = Matrices.transpose(xc);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double c = Matrices.dot(cols[i], cols[j]) / (n - 1);
                cov[i][j] = c;
                cov[j][i] = c;
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(Tensor.of(cov));
        double[] lambda = eig.values();
        double[][] q = Matrices.transpose(eig.eigenvectors().toArray2D()); // q[i]: eigenvector i
        double[][] comp = new double[k][];
        double[] var = new double[k];
        for (int i = 0; i < k; i++) {
            comp[i] = q[d - 1 - i];
            var[i] = lambda[d - 1 - i];
        }
        double total = 0;
        for (int i = 0; i < d; i++) {
            total += cov[i][i];
        }
        return new Pca(mean(x), fixSigns(comp), var, total, e);
    }

    /**
     * PCA by the SVD of the centered data.
     *
     * @param x the data, n x d with n &gt;= 2, finite entries
     * @param k the number of components, in [1, d]
     * @return the fitted PCA
     * @throws IllegalArgumentException if {@code x} is not a finite matrix with at least 2 rows or
     *     {@code k} is out of range
     */
    public static Pca viaSvd(Tensor x, int k) {
        double[][] xc = centered("Pca.viaSvd", x, k);
        int e = scaleOf(x);
        int n = xc.length;
        int d = xc[0].length;
        Tensor centered = Tensor.of(xc);
        Svd svd = k <= Math.min(n, d) ? Svd.of(centered) : Svd.full(centered);
        double[][] v = Matrices.transpose(svd.v().toArray2D()); // v[i]: right singular vector i
        double[] s = svd.singularValues();
        double[][] comp = new double[k][];
        double[] var = new double[k];
        double total = 0;
        for (int i = 0; i < s.length; i++) {
            total += s[i] * s[i] / (n - 1);
        }
        for (int i = 0; i < k; i++) {
            comp[i] = v[i];
            var[i] = i < s.length ? s[i] * s[i] / (n - 1) : 0;
        }
        return new Pca(mean(x), fixSigns(comp), var, total, e);
    }

    private static double[][] centered(String op, Tensor x, int k) {
        double[][] rows = Matrices.matrix(op, "X", x);
        int n = rows.length;
        int d = rows[0].length;
        if (n < 2) {
            throw Matrices.error("%s: X must have at least 2 samples (rows) for the variance with 1/(n - 1), got "
                    + "shape %s", op, x.shape());
        }
        if (k < 1 || k > d) {
            throw Matrices.error("%s: k must be in [1, %d] (the number of features of X, shape %s), was %d", op, d,
                    x.shape(), k);
        }
        // center 2^-e X (exact scaling), so that neither X - mean nor the covariance overflows
        Scaling.scale(rows, scaleOf(x));
        double[] mu = Tensor.of(rows).mean(0).toArray();
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] -= mu[j];
            }
        }
        return rows;
    }

    private static double[] mean(Tensor x) {
        return x.mean(0).toArray();
    }

    private static double[][] fixSigns(double[][] comp) {
        for (double[] c : comp) {
            int arg = 0;
            for (int j = 1; j < c.length; j++) {
                if (Math.abs(c[j]) > Math.abs(c[arg])) {
                    arg = j;
                }
            }
            if (c[arg] < 0) {
                for (int j = 0; j < c.length; j++) {
                    c[j] = -c[j];
                }
            }
        }
        return comp;
    }

    /** The column means of the training data, length d. */
    public Tensor mean() {
        return Tensor.of(mean);
    }

    /** The principal axes as rows, k x d, orthonormal, in order of decreasing variance. */
    public Tensor components() {
        return Tensor.of(components);
    }

    /** The variance along each component, {@code lambda_i} of the covariance, length k, descending. */
    public Tensor explainedVariance() {
        return Tensor.of(variance);
    }

    /** Each component's share of the total variance {@code trace(C)}, length k; sums to 1 when k = d. */
    public Tensor explainedVarianceRatio() {
        return Tensor.of(ratio);
    }

    /** The total variance {@code trace(C)} of the training data. */
    public double totalVariance() {
        return totalVariance;
    }

    /**
     * Projects data onto the components: {@code Z = (X - 1 mean^T) W^T}, W the k x d components.
     *
     * @param x data with d columns
     * @return the scores, one row per sample, k columns
     * @throws IllegalArgumentException if {@code x} is not a finite matrix with d columns
     */
    public Tensor transform(Tensor x) {
        double[][] rows = Matrices.matrix("Pca.transform", "X", x);
        int d = mean.length;
        if (rows[0].length != d) {
            throw Matrices.error("Pca.transform: X must have %d columns (the fitted features; components have shape "
                    + "%s), got shape %s", d, new int[] {components.length, d}, x.shape());
        }
        double[][] z = new double[rows.length][components.length];
        double[] centered = new double[d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                centered[j] = rows[i][j] - mean[j];
            }
            for (int c = 0; c < components.length; c++) {
                z[i][c] = Matrices.dot(centered, components[c]);
            }
        }
        return Tensor.of(z);
    }

    /**
     * Maps scores back to the data space: {@code X_hat = Z W + 1 mean^T}.
     *
     * @param z scores with k columns
     * @return the reconstruction, one row per score row, d columns
     * @throws IllegalArgumentException if {@code z} is not a finite matrix with k columns
     */
    public Tensor inverseTransform(Tensor z) {
        double[][] rows = Matrices.matrix("Pca.inverseTransform", "Z", z);
        int k = components.length;
        int d = mean.length;
        if (rows[0].length != k) {
            throw Matrices.error("Pca.inverseTransform: Z must have %d columns (the components have shape %s), got "
                    + "shape %s", k, new int[] {k, d}, z.shape());
        }
        double[][] out = new double[rows.length][d];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                double s = mean[j];
                for (int c = 0; c < k; c++) {
                    s += rows[i][c] * components[c][j];
                }
                out[i][j] = s;
            }
        }
        return Tensor.of(out);
    }
}
