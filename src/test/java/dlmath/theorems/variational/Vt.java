package dlmath.theorems.variational;

import static dlmath.check.Tol.gamma;

import dlmath.variational.DiscreteFunctional;

/**
 * Shared independent references of the variational chapter: closed forms written here, apart from the
 * code under test, and small vector helpers.
 */
final class Vt {

    private Vt() {
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double[] sub(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] - b[i];
        }
        return c;
    }

    /**
     * The exact solution Y_1..Y_{n-1} of -(Y_{i+1} - 2 Y_i + Y_{i-1})/h^2 + c Y_i = 0, Y_0 = ya, Y_n = yb, h = l/n:
     * Y_i = (ya S(n - i) + yb S(i)) / S(n) with S(j) = sinh(kappa j), sinh(kappa/2) = h sqrt(c)/2 for c &gt; 0;
     * S(j) = j for c = 0; S(j) = sin(kappa j), sin(kappa/2) = h sqrt(-c)/2 for c &lt; 0 (requires h sqrt(-c) &lt; 2).
     */
    static double[] discreteSolution(double len, double c, double ya, double yb, int n) {
        double h = len / n;
        double[] y = new double[n - 1];
        for (int i = 1; i < n; i++) {
            y[i - 1] = (ya * s(c, h, n - i) + yb * s(c, h, i)) / s(c, h, n);
        }
        return y;
    }

    private static double s(double c, double h, int j) {
        if (c == 0) {
            return j;
        }
        if (c > 0) {
            double kappa = 2 * asinh(h * Math.sqrt(c) / 2);
            return Math.sinh(kappa * j);
        }
        double kappa = 2 * Math.asin(h * Math.sqrt(-c) / 2);
        return Math.sin(kappa * j);
    }

    static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    /** y(x) = (ya sinh(sqrt c (l - x)) + yb sinh(sqrt c x)) / sinh(sqrt c l), the solution of y'' = c y (c &gt; 0). */
    static double continuum(double len, double c, double ya, double yb, double x) {
        double r = Math.sqrt(c);
        return (ya * Math.sinh(r * (len - x)) + yb * Math.sinh(r * x)) / Math.sinh(r * len);
    }

    /** y'(x) of {@link #continuum}. */
    static double continuumSlope(double len, double c, double ya, double yb, double x) {
        double r = Math.sqrt(c);
        return r * (-ya * Math.cosh(r * (len - x)) + yb * Math.cosh(r * x)) / Math.sinh(r * len);
    }

    /**
     * The error expansion E_i = Y_i - y(x_i) = h^2 w(x_i) + R_i (c &gt; 0). E solves (-D^2 + c) E = tau with the
     * truncation error tau_i = D^2 y - y'' = h^2 y''''/12 + rho_i, |rho_i| &lt;= h^4 max|y^(6)|/360. w solves
     * -w'' + c w = y''''/12 = c^2 y/12, w(0) = w(l) = 0: w = k x y'(x) - k l y'(l) sinh(sqrt c x)/sinh(sqrt c l),
     * k = -c/24. Then (-D^2 + c)(E - h^2 w) = rho + h^2 (D^2 w - w''), at most h^4 (M6/360 + M4(w)/12), and the
     * discrete maximum principle (c &gt;= 0: ||(-D^2 + c)^{-1}||_inf &lt;= l^2/8, the discrete solution of
     * -D^2 phi = 1 being x(l - x)/2) gives |R_i| &lt;= (l^2/8) h^4 (M6/360 + M4(w)/12), with M6 = c^3 Y0,
     * M4(w) &lt;= |k| c^2 (2 l Y1 + 4 Y0), Y0 = |ya| + |yb| &gt;= max|y|, Y1 = sqrt(c) Y0 coth(sqrt c l) &gt;= max|y'|.
     *
     * @return W_h = max_i |w(x_i)| and the bound on max|R_i|
     */
    static Expansion errorExpansion(double len, double c, double ya, double yb, int n) {
        double h = len / n;
        double k = -c / 24;
        double r = Math.sqrt(c);
        double wl = k * len * continuumSlope(len, c, ya, yb, len);
        double wmax = 0;
        for (int i = 1; i < n; i++) {
            double x = i * h;
            double w = k * x * continuumSlope(len, c, ya, yb, x) - wl * Math.sinh(r * x) / Math.sinh(r * len);
            wmax = Math.max(wmax, Math.abs(w));
        }
        double y0 = Math.abs(ya) + Math.abs(yb);
        double y1 = r * y0 / Math.tanh(r * len);
        double m6 = c * c * c * y0;
        double m4w = Math.abs(k) * c * c * (2 * len * y1 + 4 * y0);
        double rem = len * len / 8 * Math.pow(h, 4) * (m6 / 360 + m4w / 12);
        return new Expansion(wmax * (1 + 1e-12), rem + 1e-13 * wmax * h * h);
    }

    /** W_h (with its own evaluation rounding, relative 1e-12) and the remainder bound. */
    record Expansion(double nodalMax, double remainder) {
    }

    /**
     * GD with step 1/L on the discrete functional of V = c y^2/2 (c &gt;= 0) from 0, run until the contraction
     * bound (1 - mu/L)^k ||Y|| is below {@code target} (the step count comes from the test's closed form).
     */
    static double[] solveByDescent(DiscreteFunctional j, double c, double len, double ya, double yb, double target) {
        int n = j.intervals();
        double h = j.h();
        double l = 4 / h + c * h;
        double mu = 4 / h * Math.pow(Math.sin(Math.PI / (2 * n)), 2) + c * h;
        double r0 = norm(discreteSolution(len, c, ya, yb, n));
        int steps = (int) Math.ceil(Math.log(target / r0) / Math.log1p(-mu / l));
        return j.gradientDescent(new double[n - 1], 1 / l, Math.max(steps, 1));
    }

    /**
     * The rounding of the GD limit plus the closed forms: each step adds at most gamma_12 2M per entry to a map
     * contracting by 1 - mu/L, so the computed iterates stay within gamma_12 2 M sqrt(n-1) L/mu of the exact
     * ones; the continuum and the discrete closed forms add 64 u Y0 each.
     */
    static double solutionRounding(EulerLagrange.Linear p, int n) {
        double h = p.len() / n;
        double l = 4 / h + p.c() * h;
        double mu = 4 / h * Math.pow(Math.sin(Math.PI / (2 * n)), 2) + p.c() * h;
        double y0 = Math.abs(p.ya()) + Math.abs(p.yb());
        return gamma(12) * 4 * y0 * Math.sqrt(n - 1) * l / mu + 2 * gamma(64) * y0;
    }
}
