package dlmath.variational;

import dlmath.prob.Quadrature;
import dlmath.prob.UnivariateDistribution;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * The GAN value function {@code V(D) = E_p[log D(x)] + E_q[log(1 - D(x))]} for a data distribution p
 * and a generator distribution q (Goodfellow et al., Generative Adversarial Nets, NeurIPS 2014,
 * eq. 1). Its maximizer over all discriminators is {@code D*(x) = p(x) / (p(x) + q(x))} (Prop. 1),
 * and {@code V(D*) = 2 JS(p || q) - ln 4} (proof of Thm 1). Terms with zero weight count 0
 * ({@code 0 log 0 = 0}).
 */
public final class Gan {

    private Gan() {
    }

    /** {@code D*_i = p_i / (p_i + q_i)} (1/2 where both are 0: any value is optimal there). */
    public static double[] optimalDiscriminator(double[] p, double[] q) {
        requirePair("Gan.optimalDiscriminator", p, q);
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double s = p[i] + q[i];
            d[i] = s == 0 ? 0.5 : p[i] / s;
        }
        return d;
    }

    /** {@code V(D) = sum_i p_i log D_i + q_i log(1 - D_i)}, with {@code 0 log 0 = 0}. */
    public static double value(double[] d, double[] p, double[] q) {
        requirePair("Gan.value", p, q);
        Args.vector("Gan.value", "D", d, p.length);
        double v = 0;
        for (int i = 0; i < p.length; i++) {
            if (!(d[i] >= 0 && d[i] <= 1)) {
                throw Args.error("Gan.value", "D[%d] must be in [0, 1], got %s", i, d[i]);
            }
            if (p[i] > 0) {
                v += p[i] * Math.log(d[i]);
            }
            if (q[i] > 0) {
                v += q[i] * Math.log1p(-d[i]);
            }
        }
        return v;
    }

    /**
     * {@code V(D*) = sum_i p_i log(p_i / (p_i + q_i)) + q_i log(q_i / (p_i + q_i))}, from the ratios themselves:
     * evaluating {@link #value} at {@code D*} loses {@code 1 - D*_i = q_i / (p_i + q_i)} when q_i is below the
     * rounding of p_i + q_i (p = 1, q = 5.6e-17 gives D* = 1 and a term q log 0 = -infinity).
     */
    public static double optimalValue(double[] p, double[] q) {
        requirePair("Gan.optimalValue", p, q);
        double v = 0;
        for (int i = 0; i < p.length; i++) {
            double s = p[i] + q[i];
            if (p[i] > 0) {
                v += p[i] * Math.log(p[i] / s);
            }
            if (q[i] > 0) {
                v += q[i] * Math.log(q[i] / s);
            }
        }
        return v;
    }

    /** The optimal discriminator of two densities, {@code p(x) / (p(x) + q(x))} from log-densities. */
    public static DoubleUnaryOperator optimalDiscriminator(UnivariateDistribution p, UnivariateDistribution q) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        return x -> 1 / (1 + Math.exp(q.logProb(x) - p.logProb(x)));
    }

    /**
     * {@code V(D)} for two continuous densities by quadrature over the real line.
     *
     * @param d the discriminator, with values in (0, 1)
     * @return the value with its quadrature error estimate
     */
    public static Quadrature.Result value(DoubleUnaryOperator d, UnivariateDistribution p, UnivariateDistribution q) {
        Objects.requireNonNull(d, "d");
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        return Quadrature.integrate(x -> {
            double dx = d.applyAsDouble(x);
            double a = p.prob(x);
            double b = q.prob(x);
            return (a > 0 ? a * Math.log(dx) : 0) + (b > 0 ? b * Math.log1p(-dx) : 0);
        }, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /**
     * {@code V(D*)} for two continuous densities, in log space:
     * {@code int p log(p / (p + q)) + q log(q / (p + q))}.
     */
    public static Quadrature.Result optimalValue(UnivariateDistribution p, UnivariateDistribution q) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        return Quadrature.integrate(x -> {
            double lp = p.logProb(x);
            double lq = q.logProb(x);
            double m = Math.max(lp, lq);
            if (m == Double.NEGATIVE_INFINITY) {
                return 0;
            }
            double ls = m + Math.log(Math.exp(lp - m) + Math.exp(lq - m));
            return (lp > Double.NEGATIVE_INFINITY ? Math.exp(lp) * (lp - ls) : 0)
                    + (lq > Double.NEGATIVE_INFINITY ? Math.exp(lq) * (lq - ls) : 0);
        }, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    private static void requirePair(String op, double[] p, double[] q) {
        Args.vector(op, "p", p);
        Args.count(op, "p.length", p.length, 1);
        Args.vector(op, "q", q, p.length);
        for (int i = 0; i < p.length; i++) {
            if (p[i] < 0 || q[i] < 0) {
                throw Args.error(op, "probabilities must be >= 0, got p[%d] = %s, q[%d] = %s", i, p[i], i, q[i]);
            }
        }
    }
}
