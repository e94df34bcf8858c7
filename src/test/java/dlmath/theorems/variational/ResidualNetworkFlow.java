package dlmath.theorems.variational;

import static dlmath.check.Tol.gamma;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.MatrixGens;
import dlmath.variational.Ode;
import dlmath.variational.ResidualNetwork;
import dlmath.variational.TanhField;
import java.util.Arrays;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Tag;

/**
 * VAR-02 A residual network with L blocks of step 1/L is Euler's method for x' = g(x) on [0, 1], with global
 * error O(1/L); RK4 has global error O(h^4). Hairer, Norsett &amp; Wanner, Solving Ordinary Differential
 * Equations I, 2nd ed., Thm II.3.4 (and Thm I.7.3-type bound for Euler); Haber &amp; Ruthotto, Stable
 * architectures for deep neural networks, Inverse Problems 34 (2018). Page:
 * theorems/variational/VAR-02-residual-networks-as-euler-steps.md.
 */
@Theorem(id = "VAR-02", name = "Residual networks are Euler steps of an ODE",
        statement = "ResNet with L blocks of step 1/L = Euler: error O(1/L), halving ratio ~2; RK4 error O(h^4), ratio ~16")
@Tag("variational")
class ResidualNetworkFlow {

    /** x' = A x with A = Q diag(lambda) Q^T, x_0 = Q c: exact flow Q diag(e^lambda) c. */
    record LinearFlow(double[][] a, double[][] q, double[] lambda, double[] c, int steps) {
        double[] x0() {
            return mul(q, c);
        }

        double[] exact() {
            double[] e = new double[c.length];
            for (int j = 0; j < c.length; j++) {
                e[j] = Math.exp(lambda[j]) * c[j];
            }
            return mul(q, e);
        }

        Ode.Field field() {
            return (t, y) -> mul(a, y);
        }

        @Override
        public String toString() {
            return "A = " + Arrays.deepToString(a) + " (eigenvalues " + Arrays.toString(lambda) + "), x0 = "
                    + Arrays.toString(x0()) + ", L = " + steps;
        }
    }

    static double[] mul(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < x.length; j++) {
                y[i] += a[i][j] * x[j];
            }
        }
        return y;
    }

    static Gen<LinearFlow> linearFlows(int minSteps, int maxSteps) {
        return s -> {
            int d = s.draw(Gens.integers(1, 6));
            double[][] q = s.draw(MatrixGens.orthogonal(d)).toArray2D();
            double[] lambda = s.draw(Gens.doubleArrays(Gens.doubles(-2, 2), d, d));
            lambda[0] = s.draw(Gens.booleans()) ? s.draw(Gens.doubles(1, 2)) : -s.draw(Gens.doubles(1, 2));
            double[] c = s.draw(Gens.doubleArrays(Gens.doubles(-1, 1), d, d));
            c[0] = s.draw(Gens.doubles(0.5, 1));
            int steps = s.draw(Gens.integers(minSteps, maxSteps));
            double[][] a = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < d; k++) {
                        a[i][j] += q[i][k] * lambda[k] * q[j][k];
                    }
                }
            }
            return new LinearFlow(a, q, lambda, c, steps);
        };
    }

    /**
     * Per eigencomponent, z = lambda h, |z| &lt;= 1/2, a = e^z, b the method's amplification factor (1 + z, or
     * the RK4 polynomial): e^(lambda) - b^L = (a - b) sum_{j&lt;L} a^j b^(L-1-j), so |delta| lies in
     * [|a - b| L min(a,b)^(L-1), |a - b| L max(a,b)^(L-1)], with |a - b| = |z|^(p+1)/(p+1)! (1 +- |z| e^|z|/(p+2))
     * (Taylor remainder). The error norm is sqrt(sum c_j^2 delta_j^2): returns its lower and upper bounds.
     */
    static double[] errorInterval(LinearFlow f, int steps, int order) {
        double lo = 0;
        double hi = 0;
        double h = 1.0 / steps;
        for (int j = 0; j < f.lambda().length; j++) {
            double z = f.lambda()[j] * h;
            double az = Math.abs(z);
            double a = Math.exp(z);
            double b = order == 1 ? 1 + z : 1 + z + z * z / 2 + z * z * z / 6 + z * z * z * z / 24;
            double lead = Math.pow(az, order + 1) / (order == 1 ? 2 : 120);
            double rel = az * Math.exp(az) / (order + 2);
            double dlo = lead * (1 - rel) * steps * Math.pow(Math.min(a, b), steps - 1);
            double dhi = lead * (1 + rel) * steps * Math.pow(Math.max(a, b), steps - 1);
            double cj = f.c()[j];
            lo += cj * cj * dlo * dlo;
            hi += cj * cj * dhi * dhi;
        }
        return new double[] {Math.sqrt(lo), Math.sqrt(hi)};
    }

    /**
     * Rounding: the computed A differs from Q diag(lambda) Q^T by at most d gamma_d max|lambda| in norm (and the
     * exact flow's evaluation by 2 d gamma_d e^2 ||c||); a method step errs by at most gamma_{8d+24} (1 + h ||A||_F)^4
     * ||x_k|| and the L steps amplify by at most e^(2 max|lambda|): L gamma (..) e^4 ||c|| + ||dA|| e^(2 + ||dA||) ||c||.
     */
    static double rounding(LinearFlow f, int steps) {
        int d = f.c().length;
        double fro = 0;
        for (double[] row : f.a()) {
            for (double v : row) {
                fro += v * v;
            }
        }
        fro = Math.sqrt(fro);
        double c = Vt.norm(f.c());
        double da = d * gamma(d) * 2;
        double e4 = Math.exp(4);
        return steps * gamma(8 * d + 24) * Math.pow(1 + fro / steps, 4) * e4 * c + da * Math.exp(2 + da) * c
                + 2 * d * gamma(d + 2) * Math.exp(2) * c;
    }

    static double error(double[] x, LinearFlow f) {
        return Vt.norm(Vt.sub(x, f.exact()));
    }

    /**
     * ResNet (and Ode.euler) with L and 2L blocks, L in [8, 32]: each error lies in its interval (O(1/L)) and
     * e(L)/e(2L) in [lo(L)/hi(2L), hi(L)/lo(2L)] around 2; the network equals Ode.euler to rounding.
     */
    @Property(tries = 100)
    void residualNetworkConvergesAtOrderOne(Check check) {
        check.forAll(linearFlows(8, 32).as("flow"), f -> {
            double[] e = new double[2];
            double[][] iv = new double[2][];
            for (int level = 0; level < 2; level++) {
                int l = f.steps() << level;
                double[] net = new ResidualNetwork(f.field(), l).forward(f.x0());
                double[] euler = Ode.euler(f.field(), f.x0(), 0, 1, l);
                double rho = rounding(f, l);
                iv[level] = new double[] {errorInterval(f, l, 1)[0] - rho, errorInterval(f, l, 1)[1] + rho};
                e[level] = error(net, f);
                Claims.atLeast("||x_L - x(1)|| >= lower bound (L = " + l + ")", e[level], iv[level][0]);
                Claims.atMost("||x_L - x(1)|| <= upper bound (L = " + l + ")", e[level], iv[level][1]);
                Claims.atMost("ResNet = Ode.euler (L = " + l + ")", Vt.norm(Vt.sub(net, euler)), 2 * rho);
            }
            double ratio = e[0] / e[1];
            check.note("e(L), e(2L)", e[0] + ", " + e[1]);
            check.target(Math.abs(ratio - 2), "|e(L)/e(2L) - 2|");
            Claims.atLeast("e(L)/e(2L) >= window low", ratio, iv[0][0] / iv[1][1]);
            Claims.atMost("e(L)/e(2L) <= window high", ratio, iv[0][1] / iv[1][0]);
        });
    }

    /** RK4 with L and 2L steps, L in [4, 16]: the same intervals for order 4, ratio around 16. */
    @Property(tries = 100)
    void rungeKuttaConvergesAtOrderFour(Check check) {
        check.forAll(linearFlows(4, 16).as("flow"), f -> {
            double[] e = new double[2];
            double[][] iv = new double[2][];
            for (int level = 0; level < 2; level++) {
                int l = f.steps() << level;
                double rho = rounding(f, l);
                double[] x = Ode.rk4(f.field(), f.x0(), 0, 1, l);
                double[] bounds = errorInterval(f, l, 4);
                iv[level] = new double[] {bounds[0] - rho, bounds[1] + rho};
                e[level] = error(x, f);
                Claims.atLeast("||RK4 - x(1)|| >= lower bound (L = " + l + ")", e[level], iv[level][0]);
                Claims.atMost("||RK4 - x(1)|| <= upper bound (L = " + l + ")", e[level], iv[level][1]);
            }
            double ratio = e[0] / e[1];
            check.note("e(L), e(2L)", e[0] + ", " + e[1]);
            check.target(Math.abs(ratio - 16), "|e(L)/e(2L) - 16|");
            Claims.atLeast("e(L)/e(2L) >= window low", ratio, iv[0][0] / iv[1][1]);
            Claims.atMost("e(L)/e(2L) <= window high", ratio, iv[0][1] / iv[1][0]);
        });
    }

    /** A tanh block field with ||W||_F &lt;= 2 and a start, the reference flow by commons-math3's Dormand-Prince 8(5,3). */
    record Block(TanhField field, double[] x0, int steps) {
        @Override
        public String toString() {
            return "g(x) = tanh(W x + b), W = " + Arrays.deepToString(field.w()) + ", b = " + Arrays.toString(field.b())
                    + ", x0 = " + Arrays.toString(x0) + ", L = " + steps;
        }
    }

    static final Gen<Block> BLOCKS = s -> {
        int d = s.draw(Gens.integers(1, 5));
        double[][] w = new double[d][];
        for (int i = 0; i < d; i++) {
            w[i] = s.draw(Gens.doubleArrays(Gens.doubles(-1, 1), d, d));
        }
        double f = 0;
        for (double[] row : w) {
            for (double v : row) {
                f += v * v;
            }
        }
        double scale = f > 4 ? 2 / Math.sqrt(f) : 1;
        for (double[] row : w) {
            for (int j = 0; j < d; j++) {
                row[j] *= scale;
            }
        }
        double[] b = s.draw(Gens.doubleArrays(Gens.doubles(-1, 1), d, d));
        double[] x0 = s.draw(Gens.doubleArrays(Gens.doubles(-2, 2), d, d));
        return new Block(new TanhField(w, b), x0, s.draw(Gens.integers(1, 64)));
    };

    static double[] reference(TanhField f, double[] x0) {
        double[] y = x0.clone();
        new DormandPrince853Integrator(1e-12, 1, 1e-14, 1e-14).integrate(new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return x0.length;
            }

            @Override
            public void computeDerivatives(double t, double[] yy, double[] dot) {
                System.arraycopy(f.apply(yy), 0, dot, 0, yy.length);
            }
        }, 0, x0, 1, y);
        return y;
    }

    /**
     * Nonlinear blocks g(x) = tanh(W x + b): ||x_L - x(1)|| &lt;= (h M2 / (2K)) (e^K - 1) with K = ||W||_F &gt;= the
     * Lipschitz constant and M2 = K sqrt(d) &gt;= sup ||x''|| (x'' = diag(1 - s^2) W g, |g_i| &lt;= 1) (Hairer, Norsett
     * &amp; Wanner I, Thm I.7.5 with the local error h^2 M2 / 2), plus the reference's tolerance 1e-9 (DP853 at
     * relative and absolute tolerance 1e-14, global error far below) and rounding L gamma_{2d+4} (1 + K h) e^K ||x||.
     */
    @Property(tries = 60)
    void nonlinearBlocksStayWithinTheEulerBound(Check check) {
        check.forAll(BLOCKS.as("network"), b -> {
            double[] x = new ResidualNetwork(b.field(), b.steps()).forward(b.x0());
            double[] ref = reference(b.field(), b.x0());
            int d = b.x0().length;
            double k = 0;
            for (double[] row : b.field().w()) {
                for (double v : row) {
                    k += v * v;
                }
            }
            k = Math.sqrt(k);
            double h = 1.0 / b.steps();
            double m2 = k * Math.sqrt(d);
            double bound = k == 0 ? 0 : h * m2 / (2 * k) * Math.expm1(k);
            double norm = Vt.norm(b.x0()) + Math.sqrt(d);
            double slack = 1e-9 + b.steps() * gamma(2 * d + 4) * (1 + k * h) * Math.exp(k) * norm;
            double err = Vt.norm(Vt.sub(x, ref));
            if (bound > 0) {
                check.target(err / bound, "error / Euler bound");
            }
            Claims.atMost("||x_L - x(1)|| <= h M2 (e^K - 1) / (2K)", err, bound + slack);
        });
    }

    /**
     * Drop the step 1/L (blocks x + g(x) of step 1, as an unscaled ResNet): the output does not approach the flow;
     * the error ratio under doubling L is not near 2.
     */
    @Counterexample
    void failsWithUnitSteps(Check check) {
        check.forAll(linearFlows(8, 16).as("flow"), f -> {
            double[] e = new double[2];
            for (int level = 0; level < 2; level++) {
                int l = f.steps() << level;
                Ode.Field unscaled = (t, y) -> {
                    double[] g = mul(f.a(), y);
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= l;
                    }
                    return g;
                };
                e[level] = error(new ResidualNetwork(unscaled, l).forward(f.x0()), f);
            }
            Claims.atMost("e(2L) <= e(L) (unit steps)", e[1], e[0]);
        });
    }

    /**
     * Drop the smoothness of the field (order 4 needs f in C^4): y' = |t - tau| with a kink at tau inside a step;
     * RK4's error no longer falls by ~16 when L doubles (it falls like h^2).
     */
    @Counterexample
    void rk4LosesOrderFourWithAKink(Check check) {
        check.forAll(Gens.tuples(Gens.integers(4, 16), Gens.doubles(0.3, 0.7)).as("(L, tau)"), t -> {
            double tau = t.second();
            Ode.Field kink = (time, y) -> new double[] {Math.abs(time - tau)};
            double exact = (tau * tau + (1 - tau) * (1 - tau)) / 2;
            double e1 = Math.abs(Ode.rk4(kink, new double[] {0}, 0, 1, t.first())[0] - exact);
            double e2 = Math.abs(Ode.rk4(kink, new double[] {0}, 0, 1, 2 * t.first())[0] - exact);
            check.note("e(L), e(2L)", e1 + ", " + e2);
            Claims.atLeast("e(L)/e(2L) >= 12 (order 4 would give ~16)", e1 / Math.max(e2, Double.MIN_VALUE), 12);
        });
    }
}
