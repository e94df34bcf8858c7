package dlmath.theorems.optimization;

import static dlmath.check.Tol.gamma;

import dlmath.gen.ConvexProblems;
import dlmath.gen.ConvexProblems.Problem;
import dlmath.gen.ConvexProblems.Quadratic;
import dlmath.optim.Optimizer;
import dlmath.optim.State;
import dlmath.optim.Step;
import dlmath.tensor.Tensor;
import java.util.function.Function;

/**
 * Shared helpers of the optimization chapter: running an {@link Optimizer} on a problem of
 * {@link ConvexProblems}, and the derived rounding allowances of the rate theorems.
 *
 * <p>Rounding model (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Lemma 3.1
 * for gamma_k = k u / (1 - k u), Sec. 3.5 for matrix-vector products): one computed gradient step
 * x - eta g(x) with eta L &lt;= 2 differs from the exact step by at most
 * {@code delta = gamma_{n+6} (||x*|| + (3 + sqrt n) r)} when ||x - x*|| &lt;= r (the subtraction
 * x - x*, the product with A of Frobenius norm at most sqrt(n) L, the scaling and the addition).
 * A nonexpansive iteration (gradient descent with eta &lt;= 2/L on a convex function) keeps the
 * computed iterate within {@code e_k = sum_{j<k} delta_j} of the exact one; an iteration with
 * momentum whose 2x2 blocks have spectral radius &lt;= 1 amplifies a perturbation at most by
 * ||M^j|| &lt;= 5 j (the Cayley-Hamilton form M^j = r^{j-1} sin(j theta)/sin(theta) M - r^j
 * sin((j-1) theta)/sin(theta) I with ||M|| &lt;= 4), so by at most 5 (k+1)^2 delta in all. Near the
 * minimum an L-smooth convex gap moves by at most (sqrt(gap) + sqrt(L/2) e)^2 - gap when the point
 * moves by e (from f(y) - f* &lt;= gap + ||grad f(x)|| e + L e^2 / 2 and ||grad f||^2 &lt;= 2 L gap).
 */
final class Opt {

    private Opt() {
    }

    static Tensor[] params(double[] x) {
        return new Tensor[] {Tensor.of(x)};
    }

    static double[] vec(Tensor[] p) {
        return p[0].toArray();
    }

    /** x_0, ..., x_k of the optimizer started at x0 with the given gradient oracle. */
    static double[][] iterates(Optimizer opt, Function<double[], double[]> grad, double[] x0, int k) {
        double[][] xs = new double[k + 1][];
        Tensor[] x = params(x0);
        xs[0] = x0.clone();
        State s = opt.init(x);
        for (int i = 0; i < k; i++) {
            Step step = opt.update(params(grad.apply(vec(x))), s, x);
            x = Optimizer.apply(x, step.updates());
            s = step.state();
            xs[i + 1] = vec(x);
        }
        return xs;
    }

    /** x_0, ..., x_k on a problem from its start. */
    static double[][] iterates(Optimizer opt, Problem p, int k) {
        return iterates(opt, p::grad, p.x0(), k);
    }

    /**
     * The eigenvalues of the computed A = fl(Q diag(lambda) Q^T) lie within n gamma_n L of the
     * prescribed ones (each entry errs by at most gamma_n L sum_k |q_ik q_jk| &lt;= gamma_n L, so the
     * error has Frobenius norm at most n gamma_n L; Weyl's inequality).
     */
    static double spectralSlack(Quadratic q) {
        int n = q.dim();
        return n * gamma(n) * q.smoothness();
    }

    /** The L of the computed quadratic: L + slack. */
    static double smoothness(Quadratic q) {
        return q.smoothness() + spectralSlack(q);
    }

    /** The mu of the computed quadratic: mu - slack (at least 0). */
    static double strongConvexity(Quadratic q) {
        return Math.max(0, q.mu() - spectralSlack(q));
    }

    /** The rounding of one gradient step at distance at most r from x* (see the class comment). */
    static double stepRounding(int n, double xStarNorm, double r) {
        return gamma(n + 6) * (xStarNorm + (3 + Math.sqrt(n)) * r);
    }

    /** The gap after moving a point with gap {@code gap} by at most e: (sqrt(gap) + sqrt(L/2) e)^2. */
    static double moved(double gap, double smoothness, double e) {
        double s = Math.sqrt(Math.max(0, gap)) + Math.sqrt(smoothness / 2) * e;
        return s * s;
    }

    /** The allowance for gradual underflow: ops absolute errors of 2^-1074 each. */
    static double underflow(double ops) {
        return ops * Double.MIN_VALUE;
    }
}
