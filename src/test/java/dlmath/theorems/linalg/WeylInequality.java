package dlmath.theorems.linalg;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.Coverage;
import dlmath.gen.LinalgGens;
import dlmath.gen.MatrixGens;
import dlmath.linalg.Linalg;
import dlmath.linalg.Svd;
import dlmath.linalg.SymmetricEigen;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * LA-07 Weyl's perturbation theorem for eigenvalues of symmetric matrices. Weyl, Math. Ann. 71
 * (1912); Horn &amp; Johnson, Matrix Analysis, 2nd ed., Thm 4.3.1 and Cor. 4.3.15; Golub &amp; Van Loan,
 * 4th ed., Thm 8.1.6. Page: theorems/linalg/LA-07-weyl-inequality.md.
 */
@Theorem(id = "LA-07", name = "Weyl's eigenvalue perturbation inequality",
        statement = "For symmetric A and E with eigenvalues sorted alike, |lambda_i(A + E) - lambda_i(A)| <= ||E||_2")
@Tag("linalg")
class WeylInequality {

    /** A symmetric A and a symmetric perturbation E of scale 2^-e, e in [0, 30]. */
    static Tensor[] pair(Tensor a, Tensor e, int scale) {
        return new Tensor[] {a, e.mul(Math.scalb(1.0, -scale))};
    }

    /** A symmetric A of side n in [1, 6] and a symmetric perturbation E of scale 2^-e, e in [0, 30]; ||E||_2 from the reference. */
    static final Gen<Tensor[]> SMALL = Gens.integers(1, 6).flatMap(n -> Gens.tuples(LinalgGens.symmetricOfSize(n),
            LinalgGens.symmetricOfSize(n), Gens.integers(0, 30)).map(t -> pair(t.first(), t.second(), t.third())));

    /**
     * A symmetric E (n x n) with its 2-norm exact by construction, as {E, ||E||_2}: a rank-one s x x^T (s = +-1, x of
     * integers in [-3, 3]: ||E||_2 = sum x_i^2, an integer below 2^53) or a diagonal of integers in [-8, 8]
     * (||E||_2 = max |d_i|). Every entry is an exact product of small integers.
     */
    static Gen<Tensor[]> exactNormPerturbation(int n) {
        Gen<double[]> ints3 = Gens.doubleArrays(Gens.integers(-3, 3).map(Integer::doubleValue), n, n);
        Gen<double[]> ints8 = Gens.doubleArrays(Gens.integers(-8, 8).map(Integer::doubleValue), n, n);
        return Gens.oneOf(Gens.tuples(ints3, Gens.booleans()).map(t -> {
            double[] x = t.first();
            double sign = t.second() ? -1 : 1;
            double[][] e = new double[n][n];
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += x[i] * x[i];
                for (int j = 0; j < n; j++) {
                    e[i][j] = sign * x[i] * x[j];
                }
            }
            return new Tensor[] {Tensor.of(e), Tensor.scalar(norm)};
        }), ints8.map(d -> {
            double[][] e = new double[n][n];
            double norm = 0;
            for (int i = 0; i < n; i++) {
                e[i][i] = d[i];
                norm = Math.max(norm, Math.abs(d[i]));
            }
            return new Tensor[] {Tensor.of(e), Tensor.scalar(norm)};
        }));
    }

    /**
     * Large: n in [30, 50], A from LinalgGens.symmetricOfSize, E from {@link #exactNormPerturbation} scaled by 2^-e,
     * e in [0, 20] (exact), as {A, E, ||E||_2}; a nonzero ||E||_2 is at least 2^-20 ~ 1e-6, far above the rounding
     * allowance eta_1 + eta_2 ~ 4e-9 at n = 50, so the check is not vacuous. The 40-digit reference would take seconds at this size; ||E||_2 is known exactly
     * instead (an independent oracle: integer arithmetic), and the eigenvalues are the code under test as for small n.
     */
    static final Gen<Tensor[]> LARGE = Gens.integers(LinalgGens.LARGE_MIN, LinalgGens.LARGE_MAX).flatMap(n -> Gens.tuples(
            LinalgGens.symmetricOfSize(n), exactNormPerturbation(n), Gens.integers(0, 20)).map(t -> {
                double scale = Math.scalb(1.0, -t.third());
                return new Tensor[] {t.first(), t.second()[0].mul(scale), Tensor.scalar(t.second()[1].item() * scale)};
            }));

    /**
     * The claim on computed quantities: B = fl(A + E) = A + E + F with |F| <= u |A + E|; the computed
     * spectra are exact for A + E_1 and B + E_2 (||E_j||_2 <= eta_j, La.eigEta, which grows with n: at n = 50 it is
     * of the order of 1e-13 ||A||_F, far below the ||E||_2 >= 2^-30 of the large cases); ||E||_2 comes from the 40-digit
     * reference (La.referenceSingularValues, relative error below 1e-30) for n <= 6 and is exact by construction for n in
     * [30, 50] (1 try in 5), never from the code under test. So |lambda_hat_i(B) - lambda_hat_i(A)| <= ||E||_2 + eta_1 +
     * eta_2 + ||F||_F.
     */
    @Property(tries = 200)
    void eigenvaluesMoveByAtMostTheSpectralNormOfThePerturbation(Check check) {
        check.forAll(Gens.frequency(Gens.weight(4, SMALL), Gens.weight(1, LARGE)).as("A, E"), in -> {
            Tensor a = in[0];
            Tensor e = in[1];
            int n = a.dim(0);
            Tensor b = a.add(e);
            SymmetricEigen ea = SymmetricEigen.of(a);
            SymmetricEigen eb = SymmetricEigen.of(b);
            boolean large = in.length == 3;
            // independent of the code under test: exact by construction (large) or the 40-digit reference
            double normE = large ? in[2].item() : La.referenceSingularValues(e)[0];
            double tol = La.eigEta(ea, a.frobenius(), n) + La.eigEta(eb, b.frobenius(), n)
                    + Tol.U * b.frobenius() + (large ? 0 : 1e-30 * normE);
            check.label(large ? "n in [30, 50], ||E||_2 exact" : "n in [1, 6], ||E||_2 from the reference");
            // derived (Coverage, rule F): the large alternative has weight 1 of 5 on every random try; the property
            // hill-climbs, so N = 100: p = 0.2 -> 0.25% (at least one), (4/5)^100 = 2e-10.
            check.cover(Coverage.percent(0.2, 100), large, "n in [30, 50]");
            double[] la = ea.values();
            double[] lb = eb.values();
            double worst = 0;
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.abs(lb[i] - la[i]));
            }
            check.note("lambda(A)", la);
            check.note("lambda(A + E)", lb);
            check.note("||E||_2", normE);
            if (normE > 1e3 * tol) {
                check.target(worst / normE, "max_i |lambda_i(A + E) - lambda_i(A)| / ||E||_2");
            }
            for (int i = 0; i < n; i++) {
                Claims.atMost("|lambda_" + (i + 1) + "(A + E) - lambda_" + (i + 1) + "(A)| <= ||E||_2",
                        Math.abs(lb[i] - la[i]), normE + tol);
            }
        });
    }

    /** Necessity of pairing the eigenvalues in sorted order: pairing lambda(A) ascending with lambda(A + E) descending fails. */
    @Counterexample
    void failsWhenTheSpectraAreNotSortedAlike(Check check) {
        check.forAll(Gens.integers(2, 4).flatMap(n -> Gens.tuples(MatrixGens.symmetric(n), MatrixGens.symmetric(n)))
                .as("A, E"), t -> {
            Tensor a = t.first();
            Tensor e = t.second().div(1024);
            int n = a.dim(0);
            double[] la = SymmetricEigen.of(a).values();
            double[] lb = SymmetricEigen.of(a.add(e)).values();
            double normE = Svd.of(e).singularValues()[0];
            for (int i = 0; i < n; i++) {
                Claims.atMost("|lambda_" + (n - i) + "(A + E) - lambda_" + (i + 1) + "(A)| <= ||E||_2 + 1e-9",
                        Math.abs(lb[n - 1 - i] - la[i]), normE + 1e-9);
            }
        });
    }
}
