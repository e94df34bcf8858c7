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
        statement = "grad_X tr(AX) = A^T; grad_x x^T A x = (A + A^T) x; grad_X log|det X| = X^-T for invertible X "
                + "(through the logdet primitive for SPD X, through the Leibniz formula for general X); grad_X ||X||_F^2 = 2X")
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
     * log|det X| for a general square X as a composite of primitives: the Leibniz formula
     * det X = sum over permutations sigma of sign(sigma) prod_i x_{i, sigma(i)}, then abs and log.
     */
    static Var logAbsDetLeibniz(Var x) {
        int n = x.shape()[0];
        Var det = null;
        for (int[] perm : permutations(n)) {
            Var term = null;
            for (int i = 0; i < n; i++) {
                Var entry = x.slice(0, i, i + 1).slice(1, perm[i], perm[i] + 1).sum();
                term = term == null ? entry : term.mul(entry);
            }
            if (sign(perm) < 0) {
                term = term.neg();
            }
            det = det == null ? term : det.add(term);
        }
        return det.abs().log();
    }

    static java.util.List<int[]> permutations(int n) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] p, boolean[] used, int k, java.util.List<int[]> out) {
        if (k == p.length) {
            out.add(p.clone());
            return;
        }
        for (int v = 0; v < p.length; v++) {
            if (!used[v]) {
                used[v] = true;
                p[k] = v;
                permute(p, used, k + 1, out);
                used[v] = false;
            }
        }
    }

    static int sign(int[] p) {
        int s = 1;
        for (int i = 0; i < p.length; i++) {
            for (int j = i + 1; j < p.length; j++) {
                if (p[i] > p[j]) {
                    s = -s;
                }
            }
        }
        return s;
    }

    /**
     * grad log|det X| = X^-T for every invertible X, not only SPD (Matrix Cookbook eq. (57)): X =
     * U diag(s) V^T with Haar U, V (either sign of det X) and s in [1, 10]. The gradient goes through
     * the Leibniz composite, so its entries are cofactor / det: with P = sum over sigma of prod_i
     * |x_{i sigma(i)}| and P_ij the same sum for the cofactor of x_ij (computed here by a naive loop),
     * the computed cofactor errs by at most gamma_K P_ij and det by gamma_K P, K = n! + n (Higham
     * Lemma 3.1 and eq. (3.4) on sums of products), so |c_hat / d_hat - c / d| <= (gamma_K P_ij +
     * |c / d| gamma_K P) / (|d_hat| - gamma_K P), plus the log, abs and the quotient's 3 roundings
     * relatively (gamma_3); the oracle is commons-math3's LU inverse with the tolerance above.
     */
    @Property(tries = 100)
    void gradientOfLogAbsDetIsInverseTransposeForGeneralX(Check check) {
        check.forAll(Gens.integers(1, 4).flatMap(n -> Gens.doubleArrays(Gens.doubles(1, 10), n, n)
                .flatMap(sv -> MatrixGens.withSingularValues(n, n, sv))).as("X"), xm -> {
            int n = xm.dim(0);
            Graph g = new Graph();
            Var x = g.variable(xm);
            Tensor grad = Autodiff.grad(logAbsDetLeibniz(x), x)[0].value();
            RealMatrix inv = new LUDecomposition(MatrixUtils.createRealMatrix(xm.toArray2D())).getSolver().getInverse();
            Tensor expected = Tensor.of(inv.transpose().getData());
            double kappa = xm.opNormInf() * expected.opNormInf();
            double e = kappa * Tol.gamma(3 * n) * (1 << (n - 1));
            double oracle = 2 * e / (1 - e) * expected.opNormInf();
            int k = permutations(n).size() + n;
            double[][] a = xm.toArray2D();
            double p = 0;
            double dHat = 0;
            for (int[] perm : permutations(n)) {
                double prod = 1;
                double abs = 1;
                for (int i = 0; i < n; i++) {
                    prod *= a[i][perm[i]];
                    abs *= Math.abs(a[i][perm[i]]);
                }
                dHat += sign(perm) * prod;
                p += abs;
            }
            double denom = Math.abs(dHat) - Tol.gamma(k) * p;
            Claims.atLeast("|det X| well above its rounding (s_i >= 1)", denom, 0.5 * Math.abs(dHat));
            check.label(dHat < 0 ? "det X < 0" : "det X > 0");
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double pij = 0; // P_ij: the permutations with sigma(i) = j, without the factor x_ij
                    for (int[] perm : permutations(n)) {
                        if (perm[i] != j) {
                            continue;
                        }
                        double abs = 1;
                        for (int r = 0; r < n; r++) {
                            if (r != i) {
                                abs *= Math.abs(a[r][perm[r]]);
                            }
                        }
                        pij += abs;
                    }
                    double c = Math.abs(expected.get(i, j));
                    double tol = (Tol.gamma(k) * pij + (c + oracle) * Tol.gamma(k) * p) / denom
                            + Tol.gamma(3) * (c + oracle) + oracle;
                    Claims.close("d log|det X| / dx_" + i + j + " = (X^-T)_" + i + j, grad.get(i, j), expected.get(i, j), tol);
                }
            }
        });
    }

    /**
     * The logdet primitive's convention (not a hypothesis of the identity): it is log det of the
     * symmetric part (A + A^T)/2, defined through a Cholesky factorization, so its gradient is
     * ((X + X^T)/2)^-1. The identity grad = X^-T holds for log|det X| on every invertible X (the
     * property above); it holds for this primitive only on its domain, symmetric X. Dropping
     * symmetry of the input (the primitive's hypothesis), the engine finds X where the two differ.
     */
    @dlmath.check.Counterexample
    void logdetPrimitiveOnANonSymmetricInputIsNotLogDetX(Check check) {
        check.forAll(MatrixGens.spd(2, 3, 4).flatMap(s -> TensorGens.tensors(s.shape(), Gens.doubles(-0.5, 0.5))
                .map(b -> s.add(b.sub(b.transpose())))).as("X"), xm -> {
            Graph g = new Graph();
            Var x = g.variable(xm);
            Tensor grad = Autodiff.grad(x.logdet(), x)[0].value();
            RealMatrix inv = new LUDecomposition(MatrixUtils.createRealMatrix(xm.toArray2D())).getSolver().getInverse();
            Tensor expected = Tensor.of(inv.transpose().getData());
            Claims.atMost("max |grad logdet(X) - X^-T|", grad.maxAbsDiff(expected), 1e-8);
        });
    }
}
