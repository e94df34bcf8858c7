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

    static double integrate2d(Flow f) {
        return Quadrature.integrate(x1 -> Quadrature.integrate(x2 -> Math.exp(f.logDensity(new double[] {x1, x2})),
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).value(), Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY).value();
    }

    /**
     * In 1-D the densities of invertible planar maps (w u &gt;= -0.95) and affine maps integrate to 1 by
     * double-exponential quadrature (prob.Quadrature, relative tolerance 1e-12): within the reported error plus
     * 1e-10 (the rule's convergence test is relative 1e-12 at its last two levels; 1e-10 covers that estimate's
     * own error on these analytic integrands).
     */
    @Property(tries = 40)
    void densityIntegratesToOneIn1d(Check check) {
        check.forAll(Gens.oneOf(planar(1, -0.95, 3).map(p -> (Flow) p), Gens.tuples(Gens.doubles(0.2, 5),
                Gens.doubles(-3, 3)).map(t -> (Flow) new AffineFlow(new double[][] {{t.first()}}, new double[] {t.second()})))
                .as("flow"), f -> {
            Quadrature.Result r = integrate1d(f);
            check.label(f.getClass().getSimpleName());
            Claims.close("int p_X(x) dx = 1", r.value(), 1, r.error() + 1e-10);
        });
    }

    /** Coupling layers and planar maps in 2-D: nested quadrature of p_X over the plane is 1 within 1e-9. */
    @Property(tries = 4)
    void densityIntegratesToOneIn2d(Check check) {
        Gen<Flow> coupling = s -> new CouplingFlow(s.draw(Gens.doubles(-1.5, 1.5)), s.draw(Gens.doubles(-2, 2)),
                s.draw(Gens.doubles(-1, 1)), s.draw(Gens.doubles(-2, 2)), s.draw(Gens.doubles(-2, 2)));
        check.forAll(Gens.oneOf(coupling, planar(2, -0.9, 2).map(p -> (Flow) p)).as("flow"), f -> {
            check.label(f.getClass().getSimpleName());
            Claims.close("int int p_X(x1, x2) dx1 dx2 = 1", integrate2d(f), 1, 1e-9);
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
            check.note("integral", total);
            Claims.close("int p_X(x) dx = 1", total, 1, a.error() + b.error() + c.error() + 1e-10);
        });
    }
}
