package dlmath.prob;

import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;

/**
 * Maximum likelihood estimates, which minimize KL(empirical || model) over the family
 * (Bishop, Pattern Recognition and Machine Learning, Sec. 2.2.1 and 2.3.4; Murphy, Machine
 * Learning: a Probabilistic Perspective, Sec. 3.4.3 and 4.1.3).
 */
public final class Mle {

    private Mle() {
    }

    /**
     * The categorical MLE: the empirical frequencies counts[k] / sum(counts).
     *
     * @param counts the number of observations of each category, each &gt;= 0, with a positive total
     * @return Categorical(counts / total)
     */
    public static Categorical categorical(int[] counts) {
        Checks.notNull(counts, "counts");
        long total = 0;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] < 0) {
                throw Params.fail("Mle.categorical", "counts[" + k + "]", "be >= 0", counts[k]);
            }
            total += counts[k];
        }
        if (total == 0) {
            throw new IllegalArgumentException("Mle.categorical: counts must have a positive total, was 0 over "
                    + counts.length + " categories");
        }
        double[] p = new double[counts.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = counts[k] / (double) total;
        }
        return new Categorical(Tensor.of(p));
    }

    /**
     * The normal MLE: the sample mean and the biased (divide by n) sample standard deviation,
     * computed in two passes (Chan, Golub &amp; LeVeque, Amer. Statist. 37, 1983), the deviations
     * scaled by the largest one so that their squares cannot underflow.
     *
     * @param x at least one finite observation, not all equal (else the MLE of the scale is 0)
     * @return Normal(mean, sqrt(sum (x_i - mean)^2 / n))
     */
    public static Normal normal(double[] x) {
        Checks.notNull(x, "x");
        if (x.length == 0) {
            throw new IllegalArgumentException("Mle.normal: need at least one observation, got none");
        }
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            mean += Params.finite("Mle.normal", "x[" + i + "]", x[i]);
        }
        mean /= x.length;
        if (Double.isInfinite(mean)) {
            // the sum overflowed: the mean of x / 2^k (exact scaling), 2^k > n, is representable
            int k = 32 - Integer.numberOfLeadingZeros(x.length);
            double scaled = 0;
            for (double v : x) {
                scaled += Math.scalb(v, -k);
            }
            mean = Math.scalb(scaled / x.length, k);
        }
        // scaled by the largest deviation M, so that tiny deviations do not underflow when squared
        // (the scaling of LAPACK's dnrm2): sigma = M sqrt(sum ((x_i - mean) / M)^2 / n)
        double big = 0;
        for (double v : x) {
            big = Math.max(big, Math.abs(v - mean));
        }
        if (big == 0) {
            throw new IllegalArgumentException("Mle.normal: all " + x.length + " observations equal " + x[0]
                    + ", so the MLE of the scale is 0");
        }
        double ss = 0;
        for (double v : x) {
            double d = (v - mean) / big;
            ss += d * d;
        }
        return new Normal(mean, big * Math.sqrt(ss / x.length));
    }

    /**
     * The average log-likelihood (1/n) sum_i log p(x_i), which equals
     * -H(empirical) - KL(empirical || model) for a discrete model.
     *
     * @param model the model
     * @param x at least one observation
     * @return the average log-likelihood
     */
    public static double averageLogLikelihood(UnivariateDistribution model, double[] x) {
        Checks.notNull(model, "model");
        Checks.notNull(x, "x");
        if (x.length == 0) {
            throw new IllegalArgumentException("Mle.averageLogLikelihood: need at least one observation, got none");
        }
        double s = 0;
        for (double v : x) {
            s += model.logProb(v);
        }
        return s / x.length;
    }
}
