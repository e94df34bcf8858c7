package dlmath.prob;

import dlmath.tensor.Tensor;
import java.util.random.RandomGenerator;

/** A distribution on R^d (vectors of length {@link #dim()}), with a density. */
public interface MultivariateDistribution extends Distribution {

    /**
     * The dimension d of the vectors.
     *
     * @return d
     */
    int dim();

    /**
     * The log density at {@code x}.
     *
     * @param x a vector of length {@link #dim()} (else an IllegalArgumentException naming both shapes)
     * @return log p(x), -infinity outside the support
     */
    double logProb(Tensor x);

    /**
     * One sample, drawn with randomness from {@code rng} only.
     *
     * @param rng the source of randomness
     * @return a vector of length {@link #dim()}
     */
    Tensor sample(RandomGenerator rng);

    /**
     * The mean vector.
     *
     * @return E[X]
     */
    Tensor mean();
}
