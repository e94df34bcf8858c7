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
import dlmath.gen.MatrixGens;
import dlmath.gen.TensorAssert;
import dlmath.gen.TensorGens;
import dlmath.tensor.Tensor;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Tag;

/**
 * AD-11 Matrix calculus identities. Petersen &amp; Pedersen, The Matrix Cookbook (2012), eqs.
 * (100) d tr(AX)/dX = A^T, (81) d x^T A x / dx = (A + A^T) x, (57) d log|det X| / dX = X^-T,
 * (103) d ||X||_F^2 / dX = 2X. Page: theorems/autodiff/AD-11-matrix-calculus-identities.md.
 */
@Theorem(id = "AD-11", name = "Matrix calculus identities",
        statement = "grad_X tr(AX) = A^T; grad_x x^T A x = (A + A^T) x; grad_X log det X = X^-T for SPD X; grad_X ||X||_F^2 = 2X")
@Tag("autodiff")
class MatrixCalculusIdentities {

    /** tr(M) as sum(M * I), a composite of primitives. */
    static Var trace(Var m) {
        return m.mul(m.graph().constant(Tensor.eye(m.shape()[0]))).sum();
    }

    /** Exact: the reverse rule multiplies A^T by the identity, and x * 1 + 0 is exact. */
    @Property(tries = 100)
    void gradientOfTraceOfAXIsATranspose(Check check) {
        check.forAll(TensorGens.squareMatrices(1, 4).flatMap(a -> TensorGens.tensors(a.shape()).map(x -> new Tensor[] {a, x})).as("A, X"),
                ax -> {
                    Graph g = new Graph();
                    Var x = g.variable(ax[1]);
                    Tensor grad = Autodiff.grad(trace(g.constant(ax[0]).matmul(x)), x)[0].value();
                    TensorAssert.assertThat(grad).isExactly(ax[0].transpose());
                });
    }

    /** Rounding: each side is a sum of 2n products; gamma_{n+1} (|A| + |A^T|) |x| entrywise. */
    @Property(tries = 100)
    void gradientOfQuadraticFormIsSymmetrizedProduct(Check check) {
        check.forAll(TensorGens.squareMatrices(1, 4).flatMap(a -> TensorGens.tensors(a.dim(0)).map(x -> new Tensor[] {a, x})).as("A, x"),
                ax -> {
                    Tensor a = ax[0];
                    Graph g = new Graph();
                    Var x = g.variable(ax[1]);
                    double[] grad = Autodiff.grad(x.matmul(g.constant(a).matmul(x)), x)[0].value().toArray();
                    Tensor sym = a.add(a.transpose());
                    double[] expected = sym.matmul(ax[1]).toArray();
                    double[] bound = a.abs().add(a.transpose().abs()).matmul(ax[1].abs()).toArray();
                    int n = a.dim(0);
                    for (int i = 0; i < n; i++) {
                        Claims.close("grad x^T A x [" + i + "] = ((A + A^T) x)[" + i + "]", grad[i], expected[i],
                                2 * Tol.gamma(n + 2) * bound[i] + 2 * (2 * n + 2) * FiniteDifferences.UNDERFLOW);
                    }
                });
    }

    /**
     * Oracle: commons-math3's LU inverse. Both inverses are off by at most
     * kappa gamma_{3n} rho_n ||X^-1|| / (1 - kappa gamma_{3n} rho_n) in the max norm (Higham, Accuracy
     * and Stability, 2nd ed., Thm 9.5 and Sec. 14.3; growth factor rho_n &lt;= 2^(n-1) with partial pivoting).
     */
    @Property(tries = 100)
    void gradientOfLogDetIsInverseTranspose(Check check) {
        check.forAll(MatrixGens.spd(1, 4, 20).as("X"), xm -> {
            int n = xm.dim(0);
            Graph g = new Graph();
            Var x = g.variable(xm);
            Tensor grad = Autodiff.grad(x.logdet(), x)[0].value();
            RealMatrix inv = new LUDecomposition(MatrixUtils.createRealMatrix(xm.toArray2D())).getSolver().getInverse();
            Tensor expected = Tensor.of(inv.transpose().getData());
            double kappa = xm.opNormInf() * expected.opNormInf();
            double e = kappa * Tol.gamma(3 * n) * (1 << (n - 1));
            double tol = 2 * e / (1 - e) * expected.opNormInf();
            check.note("kappa_inf(X)", kappa);
            Claims.atMost("max |grad log det X - X^-T|", grad.maxAbsDiff(expected), tol);
        });
    }

    /** Exact: the mul rule contributes X twice, and X + X = 2X exactly. */
    @Property(tries = 100)
    void gradientOfSquaredFrobeniusNormIsTwiceX(Check check) {
        check.forAll(TensorGens.matrices(1, 4, 1, 4).as("X"), xm -> {
            Graph g = new Graph();
            Var x = g.variable(xm);
            TensorAssert.assertThat(Autodiff.grad(x.mul(x).sum(), x)[0].value()).isExactly(xm.mul(2.0));
        });
    }

    /**
     * Necessity of symmetry: logdet here is log det of the symmetric part (A + A^T)/2 (so that it
     * is defined by a Cholesky factorization), whose gradient is ((A + A^T)/2)^-1. For a
     * non-symmetric A that differs from A^-T: the identity needs X = X^T.
     */
    @dlmath.check.Counterexample
    void inverseTransposeIdentityNeedsSymmetry(Check check) {
        check.forAll(MatrixGens.spd(2, 3, 4).flatMap(s -> TensorGens.tensors(s.shape(), Gens.doubles(-0.5, 0.5))
                .map(b -> s.add(b.sub(b.transpose())))).as("X"), xm -> {
            Graph g = new Graph();
            Var x = g.variable(xm);
            Tensor grad = Autodiff.grad(x.logdet(), x)[0].value();
            RealMatrix inv = new LUDecomposition(MatrixUtils.createRealMatrix(xm.toArray2D())).getSolver().getInverse();
            Tensor expected = Tensor.of(inv.transpose().getData());
            Claims.atMost("max |grad log det X - X^-T|", grad.maxAbsDiff(expected), 1e-8);
        });
    }
}
