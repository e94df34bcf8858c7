package dlmath.theorems.learning;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.learn.Standardizer;
import dlmath.linalg.Pca;
import dlmath.linalg.SymmetricEigen;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Tag;

/**
 * ML-04 Standardization and PCA of standardized data. Jolliffe, <i>Principal Component Analysis</i>, 2nd ed.
 * (2002), Sec. 2.3 (PCA of the correlation matrix); Chan, Golub &amp; LeVeque, The American Statistician 37
 * (1983) (error of the two-pass variance). Page: theorems/learning/ML-04-standardization.md.
 */
@Theorem(id = "ML-04", name = "Standardization and PCA of the correlation matrix",
        statement = "standardized columns have mean 0 and variance 1 (divisor n), are invariant under x -> a x + c with "
                + "a > 0, and the PCA of standardized data has the eigenvalues n/(n-1) lambda_i(R) and the eigenvectors of "
                + "the correlation matrix R")
@Tag("learning")
class Standardization {

    /**
     * One column of n values: standard normals times a scale 2^k (k in [-1060, 1000]: subnormals to 1e300), the
     * same plus a large offset (1e8: ill-conditioned, kappa = max|x|/s up to 1e9), small integers (ties), or constant.
     */
    static Gen<double[]> column(int n, boolean allowConstant) {
        Gen<double[]> normal = Gens.tuples(Gens.doubleArrays(Gens.standardNormals(), n, n), Gens.integers(-1060, 1000))
                .map(t -> Arrays.stream(t.first()).map(v -> Math.scalb(v, t.second())).toArray());
        Gen<double[]> offset = Gens.tuples(Gens.doubleArrays(Gens.standardNormals(), n, n), Gens.doubles(-1e8, 1e8))
                .map(t -> Arrays.stream(t.first()).map(v -> v + t.second()).toArray());
        Gen<double[]> ints = Gens.doubleArrays(Gens.integers(-3, 3).map(Integer::doubleValue), n, n);
        Gen<double[]> constant = Gens.elements(0.1, 0.0, -7.0, 1e300, Double.MIN_VALUE).map(v -> {
            double[] c = new double[n];
            Arrays.fill(c, v);
            return c;
        });
        return allowConstant ? Gens.oneOf(normal, offset, ints, constant) : Gens.oneOf(normal, offset, ints);
    }

    /** Data n x d (n in [1, 30], d in [1, 5]) by columns. */
    static Gen<double[][]> data(int minRows, boolean allowConstant) {
        return Gens.tuples(Gens.sizes(minRows, 30), Gens.integers(1, 5)).flatMap(t -> Gens.listOfSize(column(t.first(),
                allowConstant), t.second()).map(cols -> transpose(cols.toArray(double[][]::new))));
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** The test's own column statistics on the column scaled by 2^-e (e: exponent of its largest entry): {mean, std, kappa}. */
    static double[] stats(double[] col) {
        if (Arrays.stream(col).allMatch(v -> v == col[0])) {
            return new double[] {col[0], 0, 0};   // constant by definition: all entries equal
        }
        double max = Arrays.stream(col).map(Math::abs).max().orElse(0);
        int e = max == 0 ? 0 : Math.getExponent(max) == Double.MIN_EXPONENT - 1 ? Math.getExponent(max * 0x1p600) - 600
                : Math.getExponent(max);
        double[] s = Arrays.stream(col).map(v -> Math.scalb(v, -e)).toArray();
        double m = Arrays.stream(s).sum() / s.length;
        double v = Arrays.stream(s).map(x -> (x - m) * (x - m)).sum() / s.length;
        double sd = Math.sqrt(v);
        return new double[] {m, sd, sd == 0 ? 0 : Arrays.stream(s).map(Math::abs).max().orElse(0) / sd};
    }

    static double[] col(double[][] x, int j) {
        return Arrays.stream(x).mapToDouble(r -> r[j]).toArray();
    }

    /**
     * Each standardized column has mean 0 and variance 1. Rounding (two-pass, Chan-Golub-LeVeque): the computed
     * mean is off by gamma_n mean|x|, which moves mean(z) by gamma_{n+1} kappa (kappa = max|x|/s, the column's
     * condition); each z_i carries relative error gamma_{n+6} from the subtraction, the square root and the
     * divisions; so |mean z| &lt;= gamma_{2n+4} (kappa + max|z|) and |sum z_i^2 / n - 1| &lt;= gamma_{2n+10} (the
     * variance of the computed deviations divided by their own computed variance: kappa cancels to first order).
     * A constant column becomes exact zeros (documented).
     */
    @Property(tries = 300)
    void columnsHaveMeanZeroAndVarianceOne(Check check) {
        check.example((Object) new double[][] {{0}, {1}});
        check.forAll(data(1, true).as("X").map(x -> x), x -> {
            check.note("X", Ml.show(x));
            int n = x.length;
            double[][] z = Standardizer.fitTransform(Tensor.of(x)).toArray2D();
            check.label(java.util.stream.IntStream.range(0, x[0].length).anyMatch(j -> stats(col(x, j))[1] == 0)
                    ? "a constant column" : "no constant column");
            check.label(java.util.stream.IntStream.range(0, x[0].length).anyMatch(j -> stats(col(x, j))[2] > 1e6)
                    ? "a column with kappa = max|x|/s > 1e6" : "every kappa <= 1e6");
            for (int j = 0; j < x[0].length; j++) {
                double[] st = stats(col(x, j));
                double[] zj = col(z, j);
                if (st[1] == 0) {
                    Claims.that("a constant column becomes zeros: " + Arrays.toString(zj), Arrays.stream(zj).allMatch(v -> v == 0));
                    continue;
                }
                double mean = Arrays.stream(zj).sum() / n;
                double maxZ = Arrays.stream(zj).map(Math::abs).max().orElse(0);
                Claims.close("mean of standardized column " + j, mean, 0, Tol.gamma(2 * n + 4) * (st[2] + maxZ));
                double ss = Arrays.stream(zj).map(v -> v * v).sum() / n;
                Claims.close("variance (divisor n) of standardized column " + j, ss, 1, Tol.gamma(2 * n + 10) + mean * mean);
            }
        });
    }

    /**
     * Standardizing a x + c (a &gt; 0) gives the same z. The inputs a x_i + c are rounded (2u |x'_i|, plus 2^-1074
     * absolute for subnormal results), which moves z'_i by at most twice that over s'; each side has the error above, gamma_{2n+6} (kappa + |z_i|): the sum is the tolerance.
     */
    @Property(tries = 300)
    void invariantUnderPositiveAffineMaps(Check check) {
        check.forAll(data(2, true).as("X"), Gens.tuples(Gens.doubles(1, 2), Gens.integers(-60, 60)).as("a = m 2^k"),
                Gens.doubles(-1000, 1000).as("c / s"), (x, ak, c0) -> {
            double a = Math.scalb(ak.first(), ak.second());
            int n = x.length;
            double[][] y = new double[n][x[0].length];
            for (int j = 0; j < x[0].length; j++) {
                double sd = Math.scalb(stats(col(x, j))[1], Math.getExponent(Arrays.stream(col(x, j)).map(Math::abs).max()
                        .orElse(0)));
                double c = c0 * a * (sd == 0 || !Double.isFinite(sd) ? 1 : sd);   // an offset of up to 1000 spreads
                for (int i = 0; i < n; i++) {
                    y[i][j] = a * x[i][j] + c;
                }
            }
            check.assume(Arrays.stream(y).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite));
            double[][] z = Standardizer.fitTransform(Tensor.of(x)).toArray2D();
            double[][] w = Standardizer.fitTransform(Tensor.of(y)).toArray2D();
            for (int j = 0; j < x[0].length; j++) {
                double k1 = stats(col(x, j))[2];
                double k2 = stats(col(y, j))[2];
                double maxY = Arrays.stream(col(y, j)).map(Math::abs).max().orElse(0);
                // rounding of a x_i + c: at most 2u |y_i| + 2^-1074 (absolute, for subnormal results), moving z by twice that over s'
                double input = 4 * (Ml.U * maxY + 0x1p-1074) / (maxY / k2);
                if (stats(col(x, j))[1] == 0 || stats(col(y, j))[1] == 0) {
                    continue;   // a constant column stays constant only if a x + c did not round apart; both are zeros then
                }
                for (int i = 0; i < n; i++) {
                    Claims.close("z(a x + c)[" + i + ", " + j + "] = z(x)", w[i][j], z[i][j],
                            Tol.gamma(2 * n + 6) * (k1 + k2 + 2 * Math.abs(z[i][j]) + 1) + input);
                }
            }
        });
    }

    /**
     * PCA (dlmath.linalg.Pca, covariance with divisor n - 1) of the standardized data has eigenvalues
     * n/(n-1) lambda_i(R), R the correlation matrix computed here by naive loops and decomposed by commons-math3;
     * and each component v satisfies ||R v - lambda v|| small. Tolerance (Weyl): the covariance of the computed Z
     * differs from n/(n-1) R by at most n/(n-1) (2 gamma_{2n+8} (kappa + 1) + gamma_n) per entry (|z| errors as above,
     * sum |z_ij| &lt;= n), R's own rounding gamma_{2n+10} per entry, both times d for the 2-norm; Jacobi's backward
     * error (ML: r = 59 (d - 1) rotations per entry, SymmetricEigen.MAX_SWEEPS = 60) 2 r gamma_6 (1 + sqrt d) + 4.4 d r
     * gamma_6 times ||C||_F &lt;= d n/(n-1).
     */
    @Property(tries = 200)
    void pcaOfStandardizedDataIsTheCorrelationEigensystem(Check check) {
        check.forAll(data(2, false).as("X"), x -> {
            int n = x.length;
            int d = x[0].length;
            double kappa = 0;
            double[][] xs = new double[n][d];
            for (int j = 0; j < d; j++) {
                double[] st = stats(col(x, j));
                check.assume(st[1] > 0);
                kappa = Math.max(kappa, st[2]);
                double max = Arrays.stream(col(x, j)).map(Math::abs).max().orElse(0);
                int e = Math.getExponent(max) == Double.MIN_EXPONENT - 1 ? Math.getExponent(max * 0x1p600) - 600
                        : Math.getExponent(max);
                for (int i = 0; i < n; i++) {
                    xs[i][j] = (Math.scalb(x[i][j], -e) - st[0]) / st[1];   // the test's own z, for R
                }
            }
            double[][] r = new double[d][d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += xs[i][a] * xs[i][b];
                    }
                    r[a][b] = s / n;
                }
            }
            double[] mu = new EigenDecomposition(new Array2DRowRealMatrix(r)).getRealEigenvalues();
            Arrays.sort(mu);
            Pca pca = Pca.viaEigen(Standardizer.fitTransform(Tensor.of(x)), d);
            double[] lam = pca.explainedVariance().toArray();
            double f = n / (n - 1.0);
            int rot = (SymmetricEigen.MAX_SWEEPS - 1) * (d - 1);
            double jacobi = (2 * rot * Tol.gamma(6) * (1 + Math.sqrt(d)) + 4.4 * d * rot * Tol.gamma(6) + Ml.U) * d * f;
            double tol = d * f * (2 * Tol.gamma(2 * n + 8) * (kappa + 1) + Tol.gamma(n)) + d * f * 2 * Tol.gamma(2 * n + 10)
                    * (kappa + 1) + jacobi + 1e-15 * d * f;   // the last: commons-math3's eigenvalues, backward stable
            check.note("lambda(PCA)", Arrays.toString(lam));
            check.note("n/(n-1) lambda(R)", Arrays.toString(Arrays.stream(mu).map(v -> v * f).toArray()));
            for (int i = 0; i < d; i++) {
                Claims.close("lambda_" + i + "(PCA of standardized X) = n/(n-1) lambda_" + i + "(R)", lam[i], f * mu[d - 1 - i], tol);
            }
            double[][] comp = pca.components().toArray2D();
            for (int i = 0; i < d; i++) {
                double[] rv = new double[d];
                for (int a = 0; a < d; a++) {
                    rv[a] = Ml.dot(r[a], comp[i]) - lam[i] / f * comp[i][a];
                }
                Claims.atMost("||R v_" + i + " - lambda_" + i + " (n-1)/n v_" + i + "||", Ml.norm(rv), 2 * tol);
            }
        });
    }

    /** Drop a &gt; 0: a negative scale flips the sign of every standardized value. */
    @Counterexample
    void negativeScaleFlipsTheSign(Check check) {
        check.forAll(data(2, false).as("X"), Gens.doubles(-2, -0.5).as("a"), (x, a) -> {
            double[][] y = Arrays.stream(x).map(r -> Arrays.stream(r).map(v -> a * v).toArray()).toArray(double[][]::new);
            double[][] z = Standardizer.fitTransform(Tensor.of(x)).toArray2D();
            double[][] w = Standardizer.fitTransform(Tensor.of(y)).toArray2D();
            Claims.close("z(a x)[0, 0] = z(x)[0, 0]", w[0][0], z[0][0], 1e-6 * (1 + Math.abs(z[0][0])));
        });
    }
}
