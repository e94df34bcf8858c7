package dlmath.prob;

import dlmath.tensor.Checks;
import java.util.function.DoubleUnaryOperator;

/**
 * Single-sample estimators of the gradient d/d mu E[f(Z)], Z ~ N(mu, sigma^2) (Mohamed, Rosca,
 * Figurnov &amp; Mnih, "Monte Carlo gradient estimation in machine learning", JMLR 21, 2020,
 * Sec. 4 and 5):
 * <ul>
 *   <li>pathwise (reparameterization): f'(mu + sigma eps) with eps ~ N(0, 1);</li>
 *   <li>score function (REINFORCE): f(z) d/d mu log p(z) = f(z) (z - mu) / sigma^2 with z ~ N(mu, sigma^2).</li>
 * </ul>
 * Both are unbiased when f is regular enough to differentiate under the integral.
 */
public final class GradientEstimators {

    private GradientEstimators() {
    }

    /**
     * The pathwise estimate f'(q.reparameterize(eps)).
     *
     * @param fPrime the derivative f'
     * @param q the distribution N(mu, sigma^2)
     * @param eps a standard normal draw
     * @return one unbiased estimate of d/d mu E f(Z)
     */
    public static double pathwise(DoubleUnaryOperator fPrime, Normal q, double eps) {
        Checks.notNull(fPrime, "fPrime");
        Checks.notNull(q, "q");
        return fPrime.applyAsDouble(q.reparameterize(eps));
    }

    /**
     * The score-function estimate f(z) (z - mu) / sigma^2.
     *
     * @param f the function
     * @param q the distribution N(mu, sigma^2)
     * @param z a draw from q
     * @return one unbiased estimate of d/d mu E f(Z)
     */
    public static double score(DoubleUnaryOperator f, Normal q, double z) {
        Checks.notNull(f, "f");
        Checks.notNull(q, "q");
        return f.applyAsDouble(z) * q.scoreLoc(z);
    }
}
