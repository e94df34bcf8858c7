package dlmath.variational;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Var;
import dlmath.optim.Optimizer;
import dlmath.optim.Optimizers;
import dlmath.optim.State;
import dlmath.optim.Step;
import dlmath.tensor.Tensor;
import java.util.Objects;

/**
 * The functional {@code J[y] = int_a^b (1/2 y'^2 + V(y)) dx} with fixed ends {@code y(a) = ya},
 * {@code y(b) = yb}, discretized on the grid {@code x_i = a + i h}, {@code h = (b - a) / n}:
 * <pre>
 * J(y_1, ..., y_{n-1}) = sum_{i=0}^{n-1} h (1/2) ((y_{i+1} - y_i) / h)^2 + sum_{i=1}^{n-1} h V(y_i),
 * </pre>
 * with {@code y_0 = ya}, {@code y_n = yb}. Its discrete Euler-Lagrange residual is
 * {@code r_i = -(y_{i+1} - 2 y_i + y_{i-1}) / h^2 + V'(y_i)} (the difference form of
 * {@code -y'' + V'(y) = 0}; Gelfand &amp; Fomin, Calculus of Variations, Sec. 1.4 and 1.7), and
 * {@code dJ/dy_i = h r_i}. {@link #gradient} differentiates J by reverse-mode autodiff;
 * {@link #residual} evaluates the residual directly.
 */
public final class DiscreteFunctional {

    private final double a;
    private final double b;
    private final double ya;
    private final double yb;
    private final int n;
    private final Potential potential;

    /**
     * @param a the left end, finite
     * @param b the right end, finite, {@code b > a}
     * @param ya the fixed value y(a), finite
     * @param yb the fixed value y(b), finite
     * @param n the number of intervals, at least 2
     * @param potential V
     */
    public DiscreteFunctional(double a, double b, double ya, double yb, int n, Potential potential) {
        String op = "DiscreteFunctional";
        Args.finite(op, "a", a);
        Args.finite(op, "b", b);
        if (!(b > a) || !Double.isFinite(b - a)) {
            throw Args.error(op, "need a < b with b - a finite, got a = %s, b = %s", a, b);
        }
        this.a = a;
        this.b = b;
        this.ya = Args.finite(op, "ya", ya);
        this.yb = Args.finite(op, "yb", yb);
        this.n = Args.count(op, "n", n, 2);
        this.potential = Objects.requireNonNull(potential, "potential");
    }

    public double h() {
        return (b - a) / n;
    }

    public int intervals() {
        return n;
    }

    /** The number of free values, n - 1. */
    public int unknowns() {
        return n - 1;
    }

    /** The grid point x_i. */
    public double node(int i) {
        if (i < 0 || i > n) {
            throw Args.error("DiscreteFunctional.node", "i must be in [0, %d], got %d", n, i);
        }
        return i == n ? b : a + i * h();
    }

    /** The full vector (ya, y_1, ..., y_{n-1}, yb). */
    public double[] withEnds(double[] y) {
        requireInterior("DiscreteFunctional.withEnds", y);
        double[] full = new double[n + 1];
        full[0] = ya;
        full[n] = yb;
        System.arraycopy(y, 0, full, 1, n - 1);
        return full;
    }

    /** J(y) for the interior values y_1, ..., y_{n-1}. */
    public double value(double[] y) {
        double[] f = withEnds(y);
        double h = h();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = (f[i + 1] - f[i]) / h;
            s += h * d * d / 2;
        }
        for (int i = 1; i < n; i++) {
            s += h * potential.value().applyAsDouble(f[i]);
        }
        return s;
    }

    /** The gradient of J with respect to y_1, ..., y_{n-1}, by reverse-mode autodiff. */
    public double[] gradient(double[] y) {
        requireInterior("DiscreteFunctional.gradient", y);
        double h = h();
        Tensor[] g = Autodiff.gradient(v -> {
            Var inner = v[0];
            Var ends0 = inner.graph().constant(Tensor.of(ya));
            Var ends1 = inner.graph().constant(Tensor.of(yb));
            Var full = Var.concat(0, ends0, inner, ends1);
            Var d = full.slice(0, 1, n + 1).sub(full.slice(0, 0, n)).div(h);
            return d.mul(d).sum().mul(h / 2).add(potential.onVar().apply(inner).sum().mul(h));
        }, Tensor.of(y));
        return g[0].toArray();
    }

    /** The discrete Euler-Lagrange residual r_i = -(y_{i+1} - 2 y_i + y_{i-1}) / h^2 + V'(y_i). */
    public double[] residual(double[] y) {
        double[] f = withEnds(y);
        double h = h();
        double[] r = new double[n - 1];
        for (int i = 1; i < n; i++) {
            // the second difference at quarter scale (exact; no overflow at +-1e308), divided by h twice
            // (h * h underflows to 0 for h below 1e-162, which made 0 / 0 = NaN)
            double second = 4 * ((0.25 * f[i + 1] - 0.5 * f[i] + 0.25 * f[i - 1]) / h / h);
            double dv = potential.derivative().applyAsDouble(f[i]);
            if (Double.isNaN(dv)) {
                throw Args.error("DiscreteFunctional.residual", "V' of the potential %s is NaN at y_%d = %s",
                        potential.name(), i, f[i]);
            }
            r[i - 1] = -second + dv;
            if (Double.isNaN(r[i - 1])) {
                throw Args.error("DiscreteFunctional.residual", "r_%d = -y''_%d + V'(y_%d) is inf - inf at y_%d = %s "
                        + "(h = %s, V = %s)", i, i, i, i, f[i], h, potential.name());
            }
        }
        return r;
    }

    /**
     * Gradient descent on J with the step {@code lr}, using {@code dJ/dy = h r} (the optim package's
     * plain SGD rule): the iterates y^0 = start, ..., y^steps.
     *
     * @param start the starting interior values
     * @param lr the step, positive (for V = c y^2/2 it converges for lr &lt; 2 / (4/h + c h))
     * @param steps the number of steps, at least 0
     * @return the final interior values
     */
    public double[] gradientDescent(double[] start, double lr, int steps) {
        requireInterior("DiscreteFunctional.gradientDescent", start);
        Args.positive("DiscreteFunctional.gradientDescent", "lr", lr);
        Args.count("DiscreteFunctional.gradientDescent", "steps", steps, 0);
        Optimizer opt = Optimizers.sgd(lr);
        Tensor[] x = {Tensor.of(start)};
        State s = opt.init(x);
        double h = h();
        for (int k = 0; k < steps; k++) {
            double[] r = residual(x[0].toArray());
            for (int i = 0; i < r.length; i++) {
                r[i] *= h;
            }
            Step step = opt.update(new Tensor[] {Tensor.of(r)}, s, x);
            x = Optimizer.apply(x, step.updates());
            s = step.state();
        }
        return x[0].toArray();
    }

    private void requireInterior(String op, double[] y) {
        Args.vector(op, "y", y, n - 1);
    }

    @Override
    public String toString() {
        return "J[y] = int_" + a + "^" + b + " (y'^2/2 + " + potential.name() + "), y(" + a + ") = " + ya + ", y(" + b
                + ") = " + yb + ", n = " + n;
    }
}
