package dlmath.theorems.optimization;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;

/**
 * OPT-07 The training losses of linear models are convex: mean squared error, logistic loss,
 * softmax cross-entropy in the logits and log-sum-exp satisfy the first-order condition
 * f(y) &gt;= f(x) + &lt;grad f(x), y - x&gt; and have positive semidefinite Hessians (gradients and
 * Hessian-vector products by dlmath.autodiff); the loss of a two-layer network is not convex.
 * Boyd and Vandenberghe, Convex Optimization, eq. (3.2) (first-order condition), Sec. 3.1.4
 * (second-order condition), Example 3.14 (log-sum-exp), Sec. 3.2.2 (composition with an affine
 * map); Goodfellow, Bengio, Courville, Deep Learning, Sec. 8.2 (non-convexity of networks). Page:
 * theorems/optimization/OPT-07-convex-losses.md.
 */
@Theorem(id = "OPT-07", name = "Convexity of the linear models' losses",
        statement = "MSE, logistic, softmax cross-entropy (in the logits) and log-sum-exp satisfy f(y) >= f(x) + "
                + "<grad f(x), y - x> and v^T H v >= 0; a two-layer network's loss does not")
@Tag("optimization")
class ConvexLosses {

    /** A loss of one variable tensor with its curvature bound (largest Hessian eigenvalue) and a magnitude for rounding. */
    record Loss(String name, Function<Var, Var> f, int size, double curvature, double magnitude) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Tensor matrix(double[] v, int rows, int cols) {
        return Tensor.of(new int[] {rows, cols}, v);
    }

    /** Data X (m x n) and targets: MSE on w (n x 1), logistic on w with labels +-1. */
    static final Gen<Loss> LOSSES = Gens.tuples(Gens.integers(1, 6), Gens.integers(1, 4), Gens.integers(0, 3)).flatMap(t -> {
        int m = t.first();
        int n = t.second();
        int kind = t.third();
        return Gens.tuples(Gens.doubleArrays(Gens.doubles(-3, 3), m * n, m * n), Gens.doubleArrays(Gens.doubles(-3, 3), m, m),
                Gens.integers(0, n - 1)).map(d -> {
                    Tensor x = matrix(d.first(), m, n);
                    double fro2 = x.frobenius() * x.frobenius();
                    double[] labels = java.util.Arrays.stream(d.second()).map(v -> v < 0 ? -1 : 1).toArray();
                    Tensor y = matrix(d.second(), m, 1);
                    Tensor yl = matrix(labels, m, 1);
                    int cls = d.third();
                    double mag = fro2 + y.frobenius() * y.frobenius() + 1;
                    return switch (kind) {
                        case 0 -> new Loss("MSE, X = " + x + ", y = " + y, w -> {
                            Var r = w.graph().constant(x).matmul(w.reshape(n, 1)).sub(w.graph().constant(y));
                            return r.mul(r).mean();
                        }, n, 2 * fro2 / m, mag);
                        case 1 -> new Loss("logistic, X = " + x + ", labels = " + yl, w -> {
                            Var z = w.graph().constant(x).matmul(w.reshape(n, 1)).mul(w.graph().constant(yl)).neg();
                            return z.exp().log1p().mean();
                        }, n, fro2 / (4 * m), mag);
                        case 2 -> new Loss("softmax cross-entropy in the logits, class " + cls, z ->
                                z.logsumexp(new int[] {0}, false).sub(z.slice(0, cls, cls + 1).sum()), n, 1, 1);
                        default -> new Loss("log-sum-exp", z -> z.logsumexp(new int[] {0}, false), n, 1, 1);
                    };
                });
    });

    static double value(Loss loss, Tensor x) {
        return Autodiff.values(loss.f().apply(new dlmath.autodiff.Graph().variable(x)))[0].item();
    }

    static Gen<Tensor> points(int n) {
        return Gens.doubleArrays(Gens.doubles(-5, 5), n, n).map(Tensor::of);
    }

    /**
     * Tolerance: f at both points and the inner product each within gamma_{8(m+n)+40} of their
     * magnitudes (sums of |terms|: (||X||_F^2 + ||y||^2 + 1)(1 + ||w||^2) for the data losses, 1 +
     * max |z| for the logit losses), and the gradient's rounding times ||y - x|| in the same way.
     */
    @Property(tries = 200)
    void firstOrderConditionAndPsdHessian(Check check) {
        check.forAll(LOSSES.flatMap(l -> Gens.tuples(Gens.constant(l), Gens.tuples(points(l.size()), points(l.size()), points(l.size()))))
                .as("(loss, (x, y, v))"), lp -> {
                    Loss loss = lp.first();
                    Tensor x = lp.second().first();
                    Tensor y = lp.second().second();
                    Tensor v = lp.second().third();
                    check.label(loss.name().split(",")[0]);
                    Function<Var[], Var> f = vs -> loss.f().apply(vs[0]);
                    double fx = value(loss, x);
                    double fy = value(loss, y);
                    Tensor g = Autodiff.gradient(f, x)[0];
                    double scale = loss.magnitude() * (1 + x.norm2() * x.norm2() + y.norm2() * y.norm2())
                            + x.normInf() + y.normInf() + 1;
                    double tol = Tol.gamma(8 * (loss.size() + 6) + 40) * (scale + g.norm2() * y.sub(x).norm2());
                    double lower = fx + g.dot(y.sub(x));
                    Claims.atLeast("f(y) >= f(x) + <grad f(x), y - x>", fy, lower - tol);
                    Tensor hv = Autodiff.hvpReverseOverReverse(f, new Tensor[] {x}, new Tensor[] {v})[0];
                    double curvature = v.dot(hv);
                    check.target(loss.curvature() * v.dot(v) > 0 ? curvature / (loss.curvature() * v.dot(v)) : 0,
                            "v^T H v / (bound ||v||^2)");
                    // gradual underflow: a few hundred operations, each off by 2^-1074 times the curvature scale
                    double tiny = Opt.underflow(1000 * (1 + loss.curvature()) * (1 + scale));
                    Claims.atLeast("v^T H(x) v >= 0", curvature, -Tol.gamma(8 * (loss.size() + 6) + 40) * loss.curvature() * 4
                            * v.dot(v) * (1 + scale) - tiny);
                    Claims.atMost("v^T H(x) v <= L ||v||^2", curvature, loss.curvature() * v.dot(v) * (1 + Tol.gamma(100))
                            + Tol.gamma(8 * (loss.size() + 6) + 40) * loss.curvature() * 4 * v.dot(v) * (1 + scale) + tiny);
                });
    }

    /**
     * Drop the linear model: the squared loss of a two-layer network (w2 tanh(w1 a) - b)^2 in its
     * weights (w1, w2) violates the first-order condition for some pair of weight vectors.
     */
    @Counterexample
    void twoLayerNetworkLossIsNotConvex(Check check) {
        Function<Var[], Var> f = w -> w[0].slice(0, 1, 2).mul(w[0].slice(0, 0, 1).mul(1.5).tanh()).sub(1).pow(2).sum();
        check.forAll(points(2).as("x"), points(2).as("y"), (x, y) -> {
            Tensor g = Autodiff.gradient(f, x)[0];
            double fx = Autodiff.values(f.apply(new Var[] {new dlmath.autodiff.Graph().variable(x)}))[0].item();
            double fy = Autodiff.values(f.apply(new Var[] {new dlmath.autodiff.Graph().variable(y)}))[0].item();
            Claims.atLeast("f(y) >= f(x) + <grad f(x), y - x>", fy, fx + g.dot(y.sub(x)) - 1e-9);
        });
    }
}
