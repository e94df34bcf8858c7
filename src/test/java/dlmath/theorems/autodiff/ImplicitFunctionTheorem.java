package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.TensorGens;
import dlmath.tensor.Tensor;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Tag;

/**
 * AD-15 The implicit function theorem through solve. x(A, b) is defined implicitly by
 * F(x, A, b) = A x - b = 0; differentiating, A dx = db - dA x, so for a loss L(x) with
 * x̄ = dL/dx: grad_b L = A^-T x̄ and grad_A L = -(A^-T x̄) x^T. Rudin, Principles of Mathematical
 * Analysis, 3rd ed., Thm 9.28; Giles (2008), Sec. 2.3.1. Page: theorems/autodiff/AD-15-implicit-function-theorem.md.
 */
@Theorem(id = "AD-15", name = "Implicit function theorem through solve",
        statement = "for x = solve(A, b) and L = <w, tanh(x)>: grad_b L = A^-T xbar and grad_A L = -(A^-T xbar) x^T with xbar = w (1 - tanh(x)^2)")
@Tag("autodiff")
class ImplicitFunctionTheorem {

    /** A = 2I + B with |B_ij| &lt;= 0.5 (n &lt;= 3: condition number &lt;= 7), b and w in [-2, 2]. */
    record Case(Tensor a, Tensor b, Tensor w) {
        @Override
        public String toString() {
            return "A = " + dlmath.autodiff.Program.format(a) + "; b = " + dlmath.autodiff.Program.format(b)
                    + "; w = " + dlmath.autodiff.Program.format(w);
        }
    }

    static final dlmath.check.Gen<Case> CASES = Gens.integers(1, 3).flatMap(n -> Gens.tuples(
            TensorGens.tensors(new int[] {n, n}, Gens.doubles(-0.5, 0.5)).map(b -> Tensor.eye(n).mul(2.0).add(b)),
            TensorGens.tensors(new int[] {n}, Gens.doubles(-2, 2)),
            TensorGens.tensors(new int[] {n}, Gens.doubles(-2, 2))).map(t -> new Case(t.first(), t.second(), t.third())));

    @Property(tries = 200)
    void gradientThroughSolveEqualsImplicitDifferentiation(Check check) {
        check.forAll(CASES.as("case"), c -> {
            int n = c.b().size();
            Graph g = new Graph();
            Var a = g.variable(c.a());
            Var b = g.variable(c.b());
            Var x = a.solve(b);
            Var loss = x.tanh().mul(g.constant(c.w())).sum();
            Tensor[] grads = Autodiff.values(Autodiff.grad(loss, a, b));

            // The implicit derivative, by an independent solver (commons-math3 LU on A^T).
            RealMatrix am = MatrixUtils.createRealMatrix(c.a().toArray2D());
            double[] xs = new LUDecomposition(am).getSolver().solve(MatrixUtils.createRealVector(c.b().toArray())).toArray();
            double[] xbar = new double[n];
            for (int i = 0; i < n; i++) {
                double t = Math.tanh(xs[i]);
                xbar[i] = c.w().toArray()[i] * (1 - t * t);
            }
            double[] lambda = new LUDecomposition(am.transpose()).getSolver().solve(MatrixUtils.createRealVector(xbar)).toArray();

            // Rounding: each solve is backward stable with growth rho_n <= 2^(n-1) (Higham Thm 9.5), so its
            // relative forward error is at most e = kappa rho_n gamma_{3n} / (1 - ...); x, xbar and lambda
            // pick up at most 3e (plus gamma_4 for tanh), the outer product 7e, for both computations.
            double kappa = c.a().opNormInf() * Tensor.of(new LUDecomposition(am).getSolver().getInverse().getData()).opNormInf();
            double e = kappa * (1 << (n - 1)) * Tol.gamma(3 * n) + Tol.gamma(4);
            double lam = 0;
            double xn = 0;
            for (int i = 0; i < n; i++) {
                lam = Math.max(lam, Math.abs(lambda[i]));
                xn = Math.max(xn, Math.abs(xs[i]));
            }
            check.note("kappa_inf(A)", kappa);
            double[] gb = grads[1].toArray();
            double[] ga = grads[0].toArray();
            for (int i = 0; i < n; i++) {
                double under = 8 * n * n * FiniteDifferences.UNDERFLOW;
                Claims.close("grad_b[" + i + "] = (A^-T xbar)[" + i + "]", gb[i], lambda[i], 2 * 3 * e * lam / (1 - 3 * e) + under);
                for (int j = 0; j < n; j++) {
                    Claims.close("grad_A[" + i + "][" + j + "] = -(A^-T xbar)_i x_j", ga[i * n + j], -lambda[i] * xs[j],
                            2 * 7 * e * lam * xn / (1 - 7 * e) + under);
                }
            }
        });
    }

    /**
     * The sensitivity bound ||grad_b L||_2 = ||A^-T xbar||_2 &lt;= ||xbar||_2 / sigma_min(A), sharp when
     * xbar lies along the last left singular vector; target() drives the ratio toward 1.
     */
    @Property(tries = 200)
    void sensitivityIsBoundedByTheSmallestSingularValue(Check check) {
        check.forAll(CASES.as("case"), c -> {
            Graph g = new Graph();
            Var a = g.variable(c.a());
            Var b = g.variable(c.b());
            Tensor gb = Autodiff.grad(a.solve(b).mul(g.constant(c.w())).sum(), b)[0].value();
            double[] s = new SingularValueDecomposition(MatrixUtils.createRealMatrix(c.a().toArray2D())).getSingularValues();
            int n = c.b().size();
            // sigma_min from commons-math3, within LAPACK's p(n, n) eps s_1 = 4 n^2 eps s_1 (see LA-03): use the lower end
            double sigmaMin = s[s.length - 1] - 4.0 * n * n * FiniteDifferences.EPS * s[0];
            double bound = c.w().norm2() / sigmaMin;
            // grad_b = A^-T w by a backward stable LU solve: relative error in the max norm at most e / (1 - e),
            // e = kappa_inf(A) rho_n gamma_{3n}, rho_n <= 2^(n-1) (Higham, 2nd ed., Thm 9.5); sqrt(n) to the 2-norm;
            // the 2-norm of the result gamma_{n+2}. kappa_inf from commons-math3's inverse.
            double[][] inv = new org.apache.commons.math3.linear.LUDecomposition(MatrixUtils.createRealMatrix(c.a().toArray2D()))
                    .getSolver().getInverse().getData();
            double kappa = c.a().opNormInf() * Tensor.of(inv).opNormInf();
            double e = kappa * (1 << (n - 1)) * Tol.gamma(3 * n);
            double factor = (1 + Math.sqrt(n) * e / (1 - e)) * (1 + Tol.gamma(n + 2));
            check.target(gb.norm2() / Math.max(bound, Double.MIN_NORMAL), "||grad_b|| sigma_min / ||w|| (sharp at 1)");
            Claims.atMost("||grad_b L|| <= ||w|| / sigma_min(A)", gb.norm2(), bound * factor);
        });
    }

    /**
     * Drops invertibility: A = u v^T with integer u, v in [-3, 3]^n (n = 2, 3) is exactly singular,
     * confirmed by its determinant in exact integer arithmetic (Leibniz); solve refuses it (the
     * declared exception): x = A^-1 b, and with it the implicit derivative, does not exist.
     */
    @dlmath.check.Counterexample(expects = IllegalArgumentException.class)
    void singularMatrixHasNoImplicitDerivative(Check check) {
        check.forAll(Gens.integers(2, 3).flatMap(n -> Gens.tuples(
                TensorGens.tensors(new int[] {n}, Gens.integers(-3, 3).map(Integer::doubleValue)),
                TensorGens.tensors(new int[] {n}, Gens.integers(-3, 3).map(Integer::doubleValue)))).as("u, v"), uv -> {
            int n = uv.first().size();
            Tensor a = uv.first().reshape(n, 1).matmul(uv.second().reshape(1, n));
            check.confirm("det A = 0 exactly (integer Leibniz formula)", exactDet(a) == 0);
            Graph g = new Graph();
            Var av = g.variable(a);
            Var b = g.variable(Tensor.ones(n));
            Tensor gb = Autodiff.grad(av.solve(b).sum(), b)[0].value();
            Claims.that("grad_b is finite", Double.isFinite(gb.normInf()));
        });
    }

    /** The determinant of a small integer matrix, exactly, by the Leibniz formula. */
    static long exactDet(Tensor a) {
        int n = a.dim(0);
        long[][] m = new long[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = (long) a.get(i, j);
            }
        }
        return n == 2 ? m[0][0] * m[1][1] - m[0][1] * m[1][0]
                : m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
