package dlmath.theorems.variational;

import static dlmath.check.Tol.gamma;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.prob.Quadrature;
import dlmath.variational.AffineFlow;
import dlmath.variational.CouplingFlow;
import dlmath.variational.Flow;
import dlmath.variational.PlanarFlow;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Tag;

/**
 * VAR-09 Normalizing flows: log p_X(x) = log p_Z(f(x)) + log |det J_f(x)| for invertible affine, planar and
 * coupling maps; the density integrates to 1. Rezende &amp; Mohamed, Variational Inference with Normalizing
 * Flows, ICML 2015, eq. 5 and App. A.1; Dinh, Sohl-Dickstein &amp; Bengio, Density estimation using Real NVP, ICLR
 * 2017, eqs. 3-6; Rudin, Real and Complex Analysis, 3rd ed., Thm 7.26 (change of variables). Page:
 * theorems/variational/VAR-09-normalizing-flows.md.
 */
@Theorem(id = "VAR-09", name = "Change of variables for normalizing flows",
        statement = "log p_X(x) = log p_Z(f(x)) + log|det J_f(x)| for invertible f; the density integrates to 1")
@Tag("variational")
class ChangeOfVariables {

    /** Affine maps in d &lt;= 4 with A = diag(scales) + off-diagonal part, nonsingular (|det| checked by commons-math3). */
    static final Gen<AffineFlow> AFFINE = s -> {
        int d = s.draw(Gens.integers(1, 4));
        Gen<double[][]> matrices = src -> {
            double[][] a = EvidenceLowerBound.matrices(d, d, -1, 1).generate(src);
            for (int i = 0; i < d; i++) {
                a[i][i] += src.draw(Gens.booleans()) ? src.draw(Gens.doubles(1.5, 3)) : -src.draw(Gens.doubles(1.5, 3));
            }
            return a;
        };
        // well-posed: |det A| >= 1e-3 ||A||_1^d (commons-math3 LU), so kappa(A) stays moderate
        double[][] a = s.draw(matrices.filter(m -> Math.abs(new LUDecomposition(new Array2DRowRealMatrix(m))
                .getDeterminant()) >= 1e-3 * Math.pow(new Array2DRowRealMatrix(m).getNorm(), m.length)));
        double[] b = s.draw(Gens.doubleArrays(Gens.doubles(-2, 2), d, d));
        return new AffineFlow(a, b);
    };

    /**
     * The affine flow's density is N(x; -A^{-1} b, (A^T A)^{-1}) (commons-math3 inverse and Cholesky). Tolerance: relative
     * gamma_{16 d} kappa(A)^2 on the Mahalanobis term and log-determinant (Higham Thm 9.4 for the LU).
     */
    @Property(tries = 150)
    void affineFlowHasTheGaussianDensity(Check check) {
        check.forAll(AFFINE.as("flow"), Gens.doubles(-3, 3).list(4, 4).as("x"), (f, xs) -> {
            int d = f.dim();
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] = xs.get(i);
            }
            RealMatrix a = new Array2DRowRealMatrix(affineMatrix(f));
            RealMatrix ainv = new LUDecomposition(a).getSolver().getInverse();
            RealVector mean = ainv.operate(new ArrayRealVector(affineShift(f))).mapMultiply(-1);
            RealMatrix cov = ainv.multiply(ainv.transpose());
            CholeskyDecomposition cc = new CholeskyDecomposition(cov.add(cov.transpose()).scalarMultiply(0.5), 1e-6, 0);
            RealVector r = new ArrayRealVector(x).subtract(mean);
            double ref = -0.5 * (d * Math.log(2 * Math.PI) + Math.log(cc.getDeterminant())
                    + r.dotProduct(cc.getSolver().solve(r)));
            double kappa = a.getNorm() * ainv.getNorm();
            double[] z = f.forward(x);
            double mag = 1 + d * Math.log(2 * Math.PI) + Vt.norm(z) * Vt.norm(z) + Math.abs(f.logAbsDetJacobian(x));
            Claims.close("log p_X(x) = log N(x; -A^-1 b, (A^T A)^-1)", f.logDensity(x), ref,
                    gamma(64 * d) * kappa * kappa * mag * 4);
        });
    }

    static double[][] affineMatrix(AffineFlow f) {
        int d = f.dim();
        double[] b = f.forward(new double[d]);
        double[][] a = new double[d][d];
        for (int j = 0; j < d; j++) {
            double[] e = new double[d];
            e[j] = 1;
            double[] col = f.forward(e);
            for (int i = 0; i < d; i++) {
                a[i][j] = col[i] - b[i];
            }
        }
        return a;
    }

    static double[] affineShift(AffineFlow f) {
        return f.forward(new double[f.dim()]);
    }

    /** Planar maps with w^T u in [min, max] (u rescaled along w). */
    static Gen<PlanarFlow> planar(int d, double min, double max) {
        return s -> {
            double[] w = s.draw(Gens.doubleArrays(Gens.doubles(-2, 2), d, d));
            double ww = 0;
            for (double v : w) {
                ww += v * v;
            }
            if (ww < 0.01) {
                w[0] = 1;
                ww = 0;
                for (double v : w) {
                    ww += v * v;
                }
            }
            double[] u = s.draw(Gens.doubleArrays(Gens.doubles(-1, 1), d, d));
            double wu = 0;
            for (int i = 0; i < d; i++) {
                wu += w[i] * u[i];
            }
            double target = s.draw(Gens.doubles(min, max));
            for (int i = 0; i < d; i++) {
                u[i] += (target - wu) * w[i] / ww;   // now w^T u = target
            }
            return new PlanarFlow(u, w, s.draw(Gens.doubles(-2, 2)));
        };
    }

    /**
     * Planar maps in d = 1..4: log |det J| equals log |det(I + u psi^T)| with psi = (1 - tanh^2) w, by
     * commons-math3's LU on the test's Jacobian; tolerance gamma_{16 d} (1 + |u| |w|) / |det|.
     */
    @Property(tries = 150)
    void planarLogDeterminantIsTheJacobians(Check check) {
        check.forAll(Gens.integers(1, 4).flatMap(d -> planar(d, -0.95, 3)).as("flow"),
                Gens.doubles(-3, 3).list(4, 4).as("x"), (f, xs) -> {
            int d = f.dim();
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] = xs.get(i);
            }
            double[][] jac = new double[d][d];
            double[] u = f.u();
            double[] w = f.w();
            double wx = 0;
            for (int i = 0; i < d; i++) {
                wx += w[i] * x[i];
            }
            double bias = f.b();
            double th = Math.tanh(wx + bias);
            double uw = 0;
            double un = 0;
            for (int i = 0; i < d; i++) {
                uw += u[i] * w[i];
                un += u[i] * u[i];
                for (int j = 0; j < d; j++) {
                    jac[i][j] = (i == j ? 1 : 0) + u[i] * (1 - th * th) * w[j];
                }
            }
            double det = new LUDecomposition(new Array2DRowRealMatrix(jac)).getDeterminant();
            double tol = gamma(16 * d + 16) * (1 + Math.sqrt(un) * Vt.norm(w) * (1 + Math.abs(wx + bias))) / Math.abs(det);
            Claims.close("log|det J_f(x)| = log|det(I + u psi^T)|", f.logAbsDetJacobian(x), Math.log(Math.abs(det)), tol);
        });
    }

    static double acosh(double y) {
        return Math.log(y + Math.sqrt(y * y - 1));
    }

    static Quadrature.Result integrate1d(Flow f) {
        return Quadrature.integrate(x -> Math.exp(f.logDensity(new double[] {x})), Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY);
    }

    /**
     * A coupling layer with its parameters kept for the rounding model (CouplingFlow does not expose
     * them); every method delegates, so logDensity computes exactly what the library's flow computes.
     */
    record Coupling(CouplingFlow flow, double alpha, double beta, double gamma, double delta, double epsilon) implements Flow {
        @Override
        public int dim() {
            return flow.dim();
        }

        @Override
        public double[] forward(double[] x) {
            return flow.forward(x);
        }

        @Override
        public double logAbsDetJacobian(double[] x) {
            return flow.logAbsDetJacobian(x);
        }

        @Override
        public String toString() {
            return flow.toString();
        }
    }

    static final double U = dlmath.check.Tol.U;

    /**
     * A bound on the rounding of the integrand p_X(x) = exp(log p_X(x)) as Flow.logDensity computes it
     * (first order in u, Higham 2nd ed. Sec. 3.1): p_X = p_Z(z) |det J| and log p_X = sum_i (-ln sqrt(2 pi)
     * - z_i^2 / 2) + L with L = log|det J|; the sum of d + 1 terms of magnitude m = sum (z_i^2 / 2 + 1) + |L|
     * is off by 4 (d + 2) u m, each z_i^2 / 2 by |z_i| dz_i, and exp adds u. Planar (d = 1, 2): a = w.x + b
     * off by da = gamma_(d+1) (sum |w_j x_j| + |b|), h = tanh a by dh = da + u, z_i = x_i + u_i h by
     * |u_i| (dh + u) + u |z_i|; L = log|v|, v = 1 + (1 - h^2) w.u off by dv = |w.u| (2 dh + 3u) + gamma_d
     * sum |u_i w_i| + u |v|, so |v| dL &lt;= dv + u |v| |L|: since p_X = p_Z |v|, the bound p_Z (|v| (sum |z_i| dz_i
     * + 4 (d + 2) u m + u) + dv + u |v| |L|) stays finite at the folds where v = 0. Affine (d = 1): z = a x + c
     * off by 2u (|a x| + |c|), L = log|a| by u (|L| + 1). Coupling: s = alpha tanh(beta x1 + gamma) off by
     * ds = |alpha| (2u (|beta x1| + |gamma|) + u) + u |s|, z2 = x2 e^s + delta x1 + epsilon by
     * |x2 e^s| (ds + 2u) + 3u (|x2 e^s| + |delta x1| + |epsilon|), L = s by ds.
     */
    /** |v| &lt;= hypot(v, 1): a smooth majorant (no kink at 0 for the quadrature of the allowance). */
    static double mag(double v) {
        return Math.hypot(v, 1);
    }

    static double integrandRounding(Flow f, double[] x) {
        int d = f.dim();
        double[] z = f.forward(x);
        double lnZ = 0;
        for (double zi : z) {
            lnZ += -0.5 * Math.log(2 * Math.PI) - 0.5 * zi * zi;
        }
        double pz = Math.exp(lnZ);
        double l = f.logAbsDetJacobian(x);
        double m = mag(l);
        for (double zi : z) {
            m += zi * zi / 2 + 1;
        }
        double zdz = 0;
        double absV;
        double dv;
        if (f instanceof PlanarFlow pf) {
            double[] u = pf.u();
            double[] w = pf.w();
            double a = pf.b();
            double sa = mag(pf.b());
            double wu = 0;
            double swu = 0;
            for (int i = 0; i < d; i++) {
                a += w[i] * x[i];
                sa += mag(w[i] * x[i]);
                wu += w[i] * u[i];
                swu += mag(w[i] * u[i]);
            }
            double h = Math.tanh(a);
            double dh = gamma(d + 1) * sa + U;
            for (int i = 0; i < d; i++) {
                zdz += mag(z[i]) * (mag(u[i]) * (dh + U) + U * mag(z[i]));
            }
            absV = Math.abs(1 + (1 - h * h) * wu);
            dv = mag(wu) * (2 * dh + 3 * U) + gamma(d) * swu + (absV == 0 ? 0 : U * absV * (1 + mag(l)));
        } else if (f instanceof Coupling c) {
            double ds = mag(c.alpha()) * (2 * U * (mag(c.beta() * x[0]) + mag(c.gamma())) + U) + U * mag(l);
            double scaled = mag(x[1] * Math.exp(l));
            zdz = mag(z[1]) * (scaled * (ds + 2 * U) + 3 * U * (scaled + mag(c.delta() * x[0]) + mag(c.epsilon())));
            absV = Math.exp(l);
            dv = absV * ds;
        } else {
            double c0 = f.forward(new double[] {0})[0];
            double a = f.forward(new double[] {1})[0] - c0;
            zdz = mag(z[0]) * 2 * U * (mag(a * x[0]) + mag(c0));
            absV = Math.abs(a);
            dv = absV * U * (mag(l) + 1);
        }
        // at a fold (v = 0, only in the witness) L = -infinity and p_X = 0: only p_Z dv remains
        return absV == 0 ? pz * dv : pz * (absV * (zdz + 4 * (d + 2) * U * m + U) + dv);
    }

    /**
     * The integral of p_X over the plane by nested quadrature, with its error: the outer rule's reported
     * error plus the inner integrals' errors summed with the outer weights. Each inner integral at x1 has
     * the reported error e(x1) and the integrand's rounding R(x1) (the integral over x2 of
     * {@link #integrandRounding}); with rho = max over the outer nodes of (e + R) / v (v(x1) the inner value,
     * &gt;= 0 since p_X &gt;= 0), the outer sum of w_k (e_k + R_k) is at most rho times the outer sum of
     * w_k v_k = rho * value, an exact inequality over the nodes the outer rule used.
     */
    static double[] integrate2d(Flow f) {
        double inf = Double.POSITIVE_INFINITY;
        double[] rho = {0};
        Quadrature.Result outer = Quadrature.integrate(x1 -> {
            Quadrature.Result in = Quadrature.integrate(x2 -> Math.exp(f.logDensity(new double[] {x1, x2})), -inf, inf);
            double extra = in.error() + Quadrature.integrate(x2 -> integrandRounding(f, new double[] {x1, x2}), -inf, inf).value();
            if (extra > 0) {
                rho[0] = Math.max(rho[0], in.value() > 0 ? extra / in.value() : inf);
            }
            return in.value();
        }, -inf, inf);
        return new double[] {outer.value(), outer.error() + rho[0] * outer.value()};
    }

    /**
     * In 1-D the densities of invertible planar maps (w u &gt;= -0.95) and affine maps integrate to 1 by
     * double-exponential quadrature (prob.Quadrature): within the reported error (an estimate, validated by
     * the targeted search of QuadratureErrorEstimateTest) plus the integrand's rounding integrated over the
     * line ({@link #integrandRounding}).
     */
    @Property(tries = 40)
    void densityIntegratesToOneIn1d(Check check) {
        check.forAll(Gens.oneOf(planar(1, -0.95, 3).map(p -> (Flow) p), Gens.tuples(Gens.doubles(0.2, 5),
                Gens.doubles(-3, 3)).map(t -> (Flow) new AffineFlow(new double[][] {{t.first()}}, new double[] {t.second()})))
                .as("flow"), f -> {
            Quadrature.Result r = integrate1d(f);
            double rounding = Quadrature.integrate(x -> integrandRounding(f, new double[] {x}),
                    Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).value();
            check.label(f.getClass().getSimpleName());
            check.note("reported error", r.error());
            check.note("rounding", rounding);
            Claims.close("int p_X(x) dx = 1", r.value(), 1, r.error() + rounding);
        });
    }

    /**
     * Coupling layers and planar maps in 2-D: nested quadrature of p_X over the plane is 1 within the
     * error of {@link #integrate2d} (the outer estimate, the inner estimates and the rounding, integrated).
     */
    @Property(tries = 4)
    void densityIntegratesToOneIn2d(Check check) {
        Gen<Flow> coupling = s -> {
            double alpha = s.draw(Gens.doubles(-1.5, 1.5));
            double beta = s.draw(Gens.doubles(-2, 2));
            double gamma = s.draw(Gens.doubles(-1, 1));
            double delta = s.draw(Gens.doubles(-2, 2));
            double epsilon = s.draw(Gens.doubles(-2, 2));
            return new Coupling(new CouplingFlow(alpha, beta, gamma, delta, epsilon), alpha, beta, gamma, delta, epsilon);
        };
        check.forAll(Gens.oneOf(coupling, planar(2, -0.9, 2).map(p -> (Flow) p)).as("flow"), f -> {
            check.label(f instanceof Coupling ? "CouplingFlow" : f.getClass().getSimpleName());
            double[] r = integrate2d(f);
            check.note("error", r[1]);
            Claims.that("the error of the nested quadrature is finite (" + r[1] + ")", Double.isFinite(r[1]));
            Claims.close("int int p_X(x1, x2) dx1 dx2 = 1", r[0], 1, r[1]);
        });
    }

    /**
     * Drop invertibility: a planar map with w u &lt; -1 folds the line (f' changes sign), so p_Z(f(x)) |f'(x)|
     * counts some z several times and integrates to more than 1.
     */
    @Counterexample
    void nonInvertibleMapBreaksTheDensity(Check check) {
        check.forAll(planar(1, -6, -1.5).as("flow"), f -> {
            double wu = f.u()[0] * f.w()[0];
            double t = acosh(Math.sqrt(-wu));      // 1 + w u sech^2(w x + b) = 0 at w x + b = +-t
            double x1 = (-t - f.b()) / f.w()[0];
            double x2 = (t - f.b()) / f.w()[0];
            double lo = Math.min(x1, x2);
            double hi = Math.max(x1, x2);
            java.util.function.DoubleUnaryOperator g = x -> Math.exp(f.logDensity(new double[] {x}));
            Quadrature.Result a = Quadrature.integrate(g, Double.NEGATIVE_INFINITY, lo);
            Quadrature.Result b = Quadrature.integrate(g, lo, hi);
            Quadrature.Result c = Quadrature.integrate(g, hi, Double.POSITIVE_INFINITY);
            double total = a.value() + b.value() + c.value();
            java.util.function.DoubleUnaryOperator r = x -> integrandRounding(f, new double[] {x});
            double rounding = Quadrature.integrate(r, Double.NEGATIVE_INFINITY, lo).value()
                    + Quadrature.integrate(r, lo, hi).value() + Quadrature.integrate(r, hi, Double.POSITIVE_INFINITY).value();
            check.note("integral", total);
            Claims.close("int p_X(x) dx = 1", total, 1, a.error() + b.error() + c.error() + rounding);
        });
    }
}
