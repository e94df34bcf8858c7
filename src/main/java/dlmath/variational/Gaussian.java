package dlmath.variational;

import dlmath.linalg.Cholesky;
import dlmath.tensor.Tensor;

/**
 * A Gaussian {@code N(mean, covariance)} with a symmetric positive definite covariance, as the
 * variational family of this package.
 *
 * @param mean the mean, finite
 * @param covariance the covariance, symmetric positive definite, finite
 */
public record Gaussian(double[] mean, double[][] covariance) {

    /** Checks the shapes and positive definiteness; copies both arrays. */
    public Gaussian {
        String op = "Gaussian";
        Args.vector(op, "mean", mean);
        Args.count(op, "mean.length", mean.length, 1);
        Args.matrix(op, "covariance", covariance, mean.length, mean.length);
        Cholesky.of(Tensor.of(covariance));
        mean = mean.clone();
        covariance = Args.copy(covariance);
    }

    /** The diagonal Gaussian {@code N(mean, diag(variances))}. */
    public static Gaussian diagonal(double[] mean, double[] variances) {
        Args.vector("Gaussian.diagonal", "mean", mean);
        Args.vector("Gaussian.diagonal", "variances", variances, mean.length);
        double[][] s = new double[mean.length][mean.length];
        for (int i = 0; i < mean.length; i++) {
            Args.positive("Gaussian.diagonal", "variances[" + i + "]", variances[i]);
            s[i][i] = variances[i];
        }
        return new Gaussian(mean, s);
    }

    public int dim() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] covariance() {
        return Args.copy(covariance);
    }

    @Override
    public String toString() {
        return "N(" + java.util.Arrays.toString(mean) + ", " + java.util.Arrays.deepToString(covariance) + ")";
    }
}
