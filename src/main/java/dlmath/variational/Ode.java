package dlmath.variational;

import java.util.Objects;

/**
 * Explicit one-step solvers of {@code y' = f(t, y)} on {@code [t0, t1]} with {@code n} equal steps
 * {@code h = (t1 - t0) / n}: Euler, {@code y_{k+1} = y_k + h f(t_k, y_k)} (global error O(h)), and
 * the classical Runge-Kutta method of order 4 (global error O(h^4)); Hairer, Norsett &amp; Wanner,
 * Solving Ordinary Differential Equations I, 2nd ed., Sec. II.1, Thm II.3.4 (convergence of order p).
 */
public final class Ode {

    /** A vector field {@code f(t, y)}; it must not modify {@code y}. */
    @FunctionalInterface
    public interface Field {
        double[] at(double t, double[] y);
    }

    private Ode() {
    }

    /** The Euler approximation of {@code y(t1)}. */
    public static double[] euler(Field f, double[] y0, double t0, double t1, int steps) {
        double[][] path = eulerPath(f, y0, t0, t1, steps);
        return path[steps];
    }

    /** The Euler iterates {@code y_0, ..., y_n}. */
    public static double[][] eulerPath(Field f, double[] y0, double t0, double t1, int steps) {
        check("Ode.euler", f, y0, t0, t1, steps);
        double h = (t1 - t0) / steps;
        double[][] path = new double[steps + 1][];
        path[0] = y0.clone();
        for (int k = 0; k < steps; k++) {
            double[] d = eval("Ode.euler", f, t0 + k * h, path[k]);
            double[] y = path[k].clone();
            for (int i = 0; i < y.length; i++) {
                y[i] += h * d[i];
            }
            path[k + 1] = y;
        }
        return path;
    }

    /** The classical fourth-order Runge-Kutta approximation of {@code y(t1)}. */
    public static double[] rk4(Field f, double[] y0, double t0, double t1, int steps) {
        check("Ode.rk4", f, y0, t0, t1, steps);
        double h = (t1 - t0) / steps;
        double[] y = y0.clone();
        for (int k = 0; k < steps; k++) {
            double t = t0 + k * h;
            double[] k1 = eval("Ode.rk4", f, t, y);
            double[] k2 = eval("Ode.rk4", f, t + h / 2, axpy(y, h / 2, k1));
            double[] k3 = eval("Ode.rk4", f, t + h / 2, axpy(y, h / 2, k2));
            double[] k4 = eval("Ode.rk4", f, t + h, axpy(y, h, k3));
            for (int i = 0; i < y.length; i++) {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return y;
    }

    private static double[] axpy(double[] y, double a, double[] x) {
        double[] r = y.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] += a * x[i];
        }
        return r;
    }

    private static double[] eval(String op, Field f, double t, double[] y) {
        double[] d = f.at(t, y.clone());
        if (d == null || d.length != y.length) {
            throw Args.error(op, "the field returned %s for a state of length %d",
                    d == null ? "null" : "length " + d.length, y.length);
        }
        return d;
    }

    private static void check(String op, Field f, double[] y0, double t0, double t1, int steps) {
        Objects.requireNonNull(f, "f");
        Args.vector(op, "y0", y0);
        Args.finite(op, "t0", t0);
        Args.finite(op, "t1", t1);
        Args.finite(op, "t1 - t0", t1 - t0);
        Args.count(op, "steps", steps, 1);
    }
}
