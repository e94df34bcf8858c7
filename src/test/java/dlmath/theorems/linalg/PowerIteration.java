package dlmath.theorems.linalg;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.MatrixGens;
import dlmath.linalg.Linalg;
import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;

/**
 * LA-12 Convergence of the power iteration for a symmetric matrix with a dominant eigenvalue.
 * Golub &amp; Van Loan, Matrix Computations, 4th ed., Thm 8.2.1; Parlett, The Symmetric Eigenvalue
 * Problem, Sec. 4.2. Page: theorems/linalg/LA-12-power-iteration.md.
 */
@Theorem(id = "LA-12", name = "Power iteration convergence",
        statement = "For symmetric A with |lambda_1| > |lambda_2| >= ..., the Rayleigh quotient of A^k x_0 satisfies "
                + "|lambda_1 - r_k| <= max_i |lambda_1 - lambda_i| tan^2(theta_0) |lambda_2 / lambda_1|^(2k)")
@Tag("linalg")
class PowerIteration {

    static final int ITERATIONS = 40;

    /** A symmetric matrix Q diag(lambda) Q^T with a dominant eigenvalue, and the seed of the start vector. */
    record Problem(Tensor q, double[] lambda, long seed) {
        Tensor a() {
            return MatrixGens.symmetrize(q.matmul(MatrixGens.diag(Tensor.of(lambda))).matmul(q.transpose()));
        }

        @Override
        public String toString() {
            return "lambda = " + java.util.Arrays.toString(lambda) + ", seed = " + seed + ", Q = " + q;
        }
    }

    /**
     * n in [2, 5]; lambda_1 = +-c, c in [1, 10]; the others lambda_1 rho_i with |rho_i| <= rho, rho in
     * [0, 0.9] (so |lambda_2 / lambda_1| <= 0.9); Haar Q; a start seed.
     */
    static final dlmath.check.Gen<Problem> PROBLEMS = Gens.integers(2, 5).flatMap(n -> Gens.tuples(
            MatrixGens.orthogonal(n),
            Gens.tuples(Gens.doubles(1, 10), Gens.booleans(), Gens.doubles(0, 0.9)),
            Gens.tuples(Gens.doubleArrays(Gens.doubles(-1, 1), n - 1, n - 1), Gens.longs(0, 1L << 40)))
            .map(t -> {
                double l1 = t.second().second() ? -t.second().first() : t.second().first();
                double rho = t.second().third();
                double[] lambda = new double[n];
                lambda[0] = l1;
                for (int i = 1; i < n; i++) {
                    lambda[i] = l1 * rho * t.third().first()[i - 1];
                }
                return new Problem(t.first(), lambda, t.third().second());
            }));

    /**
     * The bound with rounding. The exact statement is for tan theta_k = rho^k tan theta_0. In floating
     * point every step is x_k ~ (A0 + F_k) x_{k-1}, A0 = Q0 diag(lambda) Q0^T with Q0 the orthogonal
     * polar factor of the generated Q, where ||F_k||_2 <= e = ||A - A0||_2 + (gamma_n sqrt(n) + 2u) ||A||_F
     * (the rounding of A itself, of A x and of the normalization). Then (Parlett Sec. 4.2; Hardt &amp;
     * Price 2014, Lemma 2.2) tan theta_k <= (|lambda_2| tan theta_{k-1} + e sec theta_{k-1}) /
     * (|lambda_1| - e sec theta_{k-1}), and |lambda_1 - r_k| <= spread sin^2 theta_k + e + rounding of r_k
     * (gamma_{n+1} ||A||_F + (gamma_n + u) |r_k|).
     */
    @Property(tries = 150)
    void rayleighQuotientErrorDecaysLikeTheSquaredRatioToTheK(Check check) {
        check.forAll(PROBLEMS.as("problem"), p -> {
            Tensor a = p.a();
            int n = a.dim(0);
            double[] lambda = p.lambda();
            double l1 = Math.abs(lambda[0]);
            double l2 = 0;
            double spread = 0;
            for (int i = 1; i < n; i++) {
                l2 = Math.max(l2, Math.abs(lambda[i]));
                spread = Math.max(spread, Math.abs(lambda[0] - lambda[i]));
            }
            // the start vector, drawn exactly as powerIteration draws it
            SplittableRandom rng = new SplittableRandom(p.seed());
            double[] x0 = new double[n];
            for (int i = 0; i < n; i++) {
                x0[i] = rng.nextGaussian();
            }
            Tensor x = Tensor.of(x0);
            Tensor q1 = p.q().col(0);
            double c = Math.abs(q1.dot(x));
            double s = x.sub(q1.mul(q1.dot(x))).norm2();
            double orth = La.orthogonalityError(p.q()) * n;
            double aMinusA0 = 2.2 * orth * l1 + Tol.gamma(n + 2) * n * l1 + Tol.U * a.frobenius();
            double e = aMinusA0 + (Tol.gamma(n) * Math.sqrt(n) + 2 * Tol.U) * a.frobenius();
            check.assume(c > 1e-3 * x.norm2());
            // theta_0 is measured against q1, within orth + gamma of the true dominant eigenvector
            double tan = (s + (orth + Tol.gamma(n + 2)) * x.norm2()) / (c - (orth + Tol.gamma(n + 2)) * x.norm2());
            double[] r = Linalg.powerIteration(a, ITERATIONS, new SplittableRandom(p.seed()));
            double exactTan = s / c;
            double best = 0;
            for (int k = 1; k <= ITERATIONS; k++) {
                double sec = Math.sqrt(1 + tan * tan);
                tan = (l2 * tan + e * sec) / (l1 - e * sec);
                Claims.that("the rounding e = " + e + " leaves the recursion contracting", l1 - e * sec > 0);
                double sin2 = tan * tan / (1 + tan * tan);
                double rounding = Tol.gamma(n + 1) * a.frobenius() + (Tol.gamma(n) + Tol.U) * Math.abs(r[k - 1]);
                double bound = spread * sin2 + e + rounding;
                double err = Math.abs(r[k - 1] - lambda[0]);
                Claims.atMost("|lambda_1 - r_" + k + "|", err, bound);
                exactTan *= l2 / l1;
                double exactBound = spread * exactTan * exactTan;
                if (exactBound > 1e-8 * l1) {
                    best = Math.max(best, err / exactBound);
                }
            }
            check.note("estimates", r);
            check.target(best, "error / (spread tan^2 theta_0 rho^(2k)) where the bound exceeds 1e-8 |lambda_1|");
        });
    }

    /**
     * Necessity of a dominant eigenvalue: with lambda_2 = -lambda_1 the iterates oscillate between two
     * directions and the Rayleigh quotient need not approach lambda_1, whatever the number of steps.
     */
    @Counterexample
    void noConvergenceWithoutADominantEigenvalue(Check check) {
        check.forAll(Gens.tuples(MatrixGens.orthogonal(2), Gens.doubles(1, 10), Gens.longs(0, 1000)).as("Q, c, seed"), t -> {
            double c = t.second();
            Tensor a = MatrixGens.symmetrize(t.first().matmul(MatrixGens.diag(Tensor.of(c, -c))).matmul(t.first().transpose()));
            double[] r = Linalg.powerIteration(a, ITERATIONS, new SplittableRandom(t.third()));
            Claims.close("r_" + ITERATIONS + " = lambda_1 = " + c + " (or -" + c + ")",
                    Math.min(Math.abs(r[ITERATIONS - 1] - c), Math.abs(r[ITERATIONS - 1] + c)), 0, 1e-6 * c);
        });
    }
}
