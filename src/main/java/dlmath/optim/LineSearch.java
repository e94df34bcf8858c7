package dlmath.optim;

import dlmath.tensor.Tensor;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Backtracking line search with the Armijo condition (Nocedal and Wright, Numerical Optimization,
 * 2nd ed., Algorithm 3.1; Beck, First-Order Methods in Optimization, Sec. 10.4.2): starting from
 * {@code t0}, the step is multiplied by {@code beta} until
 * f(x - t g) &lt;= f(x) - c t ||g||^2.
 */
public final class LineSearch {

    /** Shrinks allowed before giving up; beta^k t0 underflows to 0 long before for beta &lt;= 1/2. */
    static final int MAX_SHRINKS = 100_000;

    private LineSearch() {
    }

    /**
     * The outcome of a line search.
     *
     * @param step the accepted step t
     * @param x the new point x - t g
     * @param fx f at the new point
     * @param evaluations the number of evaluations of f, including f(x)
     */
    public record Result(double step, Tensor x, double fx, int evaluations) {
    }

    /**
     * Backtracking along -g from x.
     *
     * @param f the objective; finite at x
     * @param x the point
     * @param g the gradient of f at x, of x's shape
     * @param t0 the initial step, finite and &gt; 0
     * @param beta the shrink factor, in (0, 1)
     * @param c the sufficient-decrease constant, in (0, 1)
     * @return the first step t0 beta^k that satisfies the Armijo condition (k = 0, 1, ...); the
     *     step 0 (x itself) if none does before beta^k t0 underflows or after {@value #MAX_SHRINKS}
     *     shrinks (a value of f that is NaN counts as no decrease)
     * @throws IllegalArgumentException on bad parameters or a non-finite f(x)
     */
    public static Result armijo(ToDoubleFunction<Tensor> f, Tensor x, Tensor g, double t0, double beta, double c) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(g, "g");
        Trees.checkStep("armijo", new Tensor[] {g}, new Tensor[] {x});
        if (!(t0 > 0) || Double.isInfinite(t0)) {
            throw new IllegalArgumentException("armijo: t0 must be finite and > 0, was " + t0);
        }
        if (!(beta > 0 && beta < 1)) {
            throw new IllegalArgumentException("armijo: beta must be in (0, 1), was " + beta);
        }
        if (!(c > 0 && c < 1)) {
            throw new IllegalArgumentException("armijo: c must be in (0, 1), was " + c);
        }
        double fx = f.applyAsDouble(x);
        if (!Double.isFinite(fx)) {
            throw new IllegalArgumentException("armijo: f(x) must be finite, was " + fx);
        }
        double g2 = g.dot(g);
        int evaluations = 1;
        double t = t0;
        for (int k = 0; k <= MAX_SHRINKS; k++) {
            Tensor next = x.sub(g.mul(t));
            double fn = f.applyAsDouble(next);
            evaluations++;
            if (fn <= fx - c * t * g2) {
                return new Result(t, next, fn, evaluations);
            }
            if (t == 0) {
                break;
            }
            t *= beta;
        }
        // beta^k t0 has not reached 0 (beta near 1): t = 0 satisfies the condition trivially
        return new Result(0, x, fx, evaluations);
    }
}
