package dlmath.theorems.linalg;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.LinalgGens;
import dlmath.gen.TensorGens;
import dlmath.linalg.Linalg;
import dlmath.linalg.Svd;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * LA-11 The Moore-Penrose pseudo-inverse: the four Penrose conditions, and pinv(A) b is the
 * minimum-norm least-squares solution. Penrose, Proc. Cambridge Philos. Soc. 51 (1955), Thm 1 and
 * Thm 2; Golub &amp; Van Loan, Matrix Computations, 4th ed., Sec. 5.5.2 and Thm 5.5.1.
 * Page: theorems/linalg/LA-11-moore-penrose.md.
 */
@Theorem(id = "LA-11", name = "Moore-Penrose pseudo-inverse",
        statement = "X = pinv(A) satisfies A X A = A, X A X = X, (A X)^T = A X, (X A)^T = X A; "
                + "x = X b minimizes ||A x - b|| and, among minimizers, ||x||")
@Tag("linalg")
class MoorePenrose {

    /** The quantities the bounds are built from; see the page for the derivation. */
    record Setup(Tensor a, Tensor x, double eps, double omega, double s1, double sr, double dropped, double formX) {

        static Setup of(Tensor a) {
            Svd svd = Svd.of(a);
            double[] s = svd.singularValues();
            double threshold = Math.max(a.dim(0), a.dim(1)) * La.EPS * s[0];
            int r = svd.rank(threshold);
            double sr = r > 0 ? s[r - 1] : Double.POSITIVE_INFINITY;
            double dropped = r < s.length ? Tensor.of(java.util.Arrays.copyOfRange(s, r, s.length)).norm2() : 0;
            int k = Math.max(svd.u().dim(1), svd.v().dim(1));
            double omega = 1.1 * k * La.svdOrth(svd);
            double formX = r > 0 ? Tol.gamma(r + 1) * r / sr * (1 + omega) : 0;
            return new Setup(a, Linalg.pinv(a), La.svdEps(svd, a.frobenius()), omega, s[0], sr, dropped, formX);
        }

        /** ||E|| / sigma_r, the relative size of the backward error against the smallest kept value (0 if none kept). */
        double rel() {
            return Double.isInfinite(sr) ? 0 : eps / sr;
        }
    }

    @Property(tries = 200)
    void thePenroseConditionsHold(Check check) {
        check.example(Tensor.of(new double[][] {{1, 2}, {2, 4}}));
        check.example(Tensor.zeros(2, 3));
        check.forAll(LinalgGens.withLarge(LinalgGens.general(5)).as("A"), a -> {
            Setup st = Setup.of(a);
            Tensor x = st.x();
            Claims.that("pinv(A) is n x m", x.dim(0) == a.dim(1) && x.dim(1) == a.dim(0));
            if (!Double.isFinite(x.normInf())) {
                check.label("A^+ beyond the double range"); // 1 / sigma_r overflows for subnormal sigma_r
                Claims.that("only a subnormal kept singular value overflows", st.sr() < 1.01 / Double.MAX_VALUE);
                return;
            }
            check.note("X = pinv(A)", x);
            double rel = st.rel();
            double normX = Double.isInfinite(st.sr()) ? 0 : 1 / st.sr();
            double ax = 1 + rel + st.omega();
            Tensor axa = a.matmul(x).matmul(a);
            double round1 = Tol.gamma(a.dim(0) + a.dim(1)) * a.abs().matmul(x.abs()).matmul(a.abs()).frobenius();
            double t1 = 2 * st.eps() * ax + st.eps() * rel + st.dropped() + 4 * st.omega() * st.s1()
                    + st.formX() * st.s1() * st.s1() + round1;
            Claims.atMost("||A X A - A||_F", axa.sub(a).frobenius(), t1);
            Tensor xax = x.matmul(a).matmul(x);
            double round2 = Tol.gamma(a.dim(0) + a.dim(1)) * x.abs().matmul(a.abs()).matmul(x.abs()).frobenius();
            double t2 = rel * normX * ax + 4 * st.omega() * normX + 3 * st.formX() * ax + round2;
            Claims.atMost("||X A X - X||_F", xax.sub(x).frobenius(), t2);
            Tensor axm = a.matmul(x);
            Tensor xam = x.matmul(a);
            double t3 = 2 * (rel + 2 * st.omega() + st.s1() * st.formX())
                    + 2 * Tol.gamma(Math.max(a.dim(0), a.dim(1))) * a.abs().matmul(x.abs()).frobenius();
            double t4 = 2 * (rel + 2 * st.omega() + st.s1() * st.formX())
                    + 2 * Tol.gamma(Math.max(a.dim(0), a.dim(1))) * x.abs().matmul(a.abs()).frobenius();
            Claims.atMost("||A X - (A X)^T||_F", axm.sub(axm.transpose()).frobenius(), t3);
            Claims.atMost("||X A - (X A)^T||_F", xam.sub(xam.transpose()).frobenius(), t4);
            // A X is the orthogonal projector onto range(A), so its trace is the rank (with pinv's threshold)
            int rank = Linalg.rank(a);
            double traceTol = Math.sqrt(a.dim(0)) * (rel + 2 * st.omega() + st.s1() * st.formX()
                    + Tol.gamma(a.dim(1)) * a.abs().matmul(x.abs()).frobenius()) + rank * st.omega() + Tol.gamma(a.dim(0)) * rank;
            Claims.close("trace(A pinv(A)) = rank(A) = " + rank, axm.trace(), rank, traceTol);
            check.collect("kappa_r = s_1 / s_r " + (Double.isInfinite(st.sr()) ? "(A = 0)"
                    : st.s1() / st.sr() < 1e3 ? "< 1e3" : ">= 1e3"));
        });
    }

    /**
     * x = pinv(A) b solves the normal equations A^T (b - A x) = 0, and every other least-squares
     * solution x + N z (N an orthonormal basis of the null space, from the full SVD) is at least as long.
     */
    @Property(tries = 200)
    void pinvGivesTheMinimumNormLeastSquaresSolution(Check check) {
        check.forAll(LinalgGens.general(5).flatMap(a -> TensorGens.tensors(a.dim(0)).flatMap(b ->
                TensorGens.tensors(a.dim(1)).map(z -> new Tensor[] {a, b, z}))).as("A, b, z"), in -> {
            Tensor a = in[0];
            Tensor b = in[1];
            Setup st = Setup.of(a);
            Tensor x = st.x().matmul(b);
            if (!Double.isFinite(x.normInf())) {
                check.label("solution beyond the double range"); // |x| ~ |b| / sigma_r overflows
                Claims.that("only a kept singular value below 1e3 max(|b|, 1) / MAX_VALUE overflows",
                        st.sr() < 1e3 * Math.max(b.normInf(), 1) / Double.MAX_VALUE);
                return;
            }
            Tensor r = b.sub(a.matmul(x));
            double rel = st.rel();
            int m = a.dim(0);
            int n = a.dim(1);
            double normA = a.frobenius();
            double rounding = Tol.gamma(n + 1) * normA * (b.norm2() + a.abs().matmul(x.abs()).norm2())
                    + Tol.gamma(m) * a.abs().transpose().matmul(r.abs()).norm2()
                    // ||A|| (|X| |b|) taken inside the norm: |X| |b| may overflow where ||A|| |X| |b| does not
                    // (A at 1e-308, x at 1e308: seed 65 computed gamma ||A|| = 0 times an infinite norm = NaN)
                    + Tol.gamma(m) * st.x().abs().matmul(b.abs()).mul(normA).norm2() * normA;
            double t = (st.dropped() + st.s1() * rel + st.eps() * (2 + rel) + 3 * st.omega() * st.s1()
                    + st.formX() * st.s1() * st.s1()) * b.norm2() + rounding
                    + La.underflow(4.0 * (m + n), normA * normA + normA); // x or r may be subnormal
            check.note("x = pinv(A) b", x);
            Claims.atMost("||A^T (b - A x)||_2 (normal equations)", a.transpose().matmul(r).norm2(), t);
            // other least-squares solutions: x + N z with N spanning the numerical null space
            Svd full = Svd.full(a);
            int rank = Linalg.rank(a, Math.max(m, n) * La.EPS * full.singularValues()[0]);
            check.label(rank == Math.min(m, n) ? (rank == n ? "full column rank" : "full row rank") : "rank deficient");
            if (rank < n) {
                Tensor nullBasis = full.v().slice(1, rank, n);
                Tensor z = in[2].slice(0, 0, n - rank);
                Tensor y = x.add(nullBasis.matmul(z));
                // compare squares of x and y scaled by a power of two (exactly), so that they cannot overflow
                double scale = Math.scalb(1.0, -Math.getExponent(Math.max(Math.max(x.norm2(), z.norm2()), Double.MIN_NORMAL)));
                Tensor xs = x.mul(scale);
                Tensor ys = y.mul(scale);
                double zs = z.norm2() * scale;
                double orth = (1.1 * n * La.svdOrth(full) + st.omega() + st.formX() * st.s1()) * xs.norm2() * zs
                        + Tol.gamma(n + 2) * (xs.norm2() + zs) * (xs.norm2() + zs);
                Claims.atLeast("||x + N z||^2 >= ||x||^2 (x orthogonal to null(A))",
                        ys.dot(ys), xs.dot(xs) - 2 * orth - La.underflow(8.0 * n * n, scale));
                Claims.atMost("|N^T x| (x in the row space)", nullBasis.transpose().matmul(x).norm2(),
                        (1.1 * n * La.svdOrth(full) + st.omega() + st.formX() * st.s1()) * x.norm2()
                                + Tol.gamma(n) * x.norm2() + La.underflow(4.0 * n * n, 1));
            }
        });
    }
}
