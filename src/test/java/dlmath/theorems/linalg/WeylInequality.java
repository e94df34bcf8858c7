package dlmath.theorems.linalg;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
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

    /**
     * The claim on computed quantities: B = fl(A + E) = A + E + F with |F| <= u |A + E|; the computed
     * spectra are exact for A + E_1 and B + E_2 (||E_j||_2 <= eta_j); ||E||_2 comes from the 40-digit
     * reference (La.referenceSingularValues, relative error below 1e-30), not from the code under test. So |lambda_hat_i(B) - lambda_hat_i(A)| <= ||E||_2 + eta_1 + eta_2 + ||F||_F.
     */
    @Property(tries = 200)
    void eigenvaluesMoveByAtMostTheSpectralNormOfThePerturbation(Check check) {
        check.forAll(Gens.integers(1, 6).flatMap(n -> Gens.tuples(LinalgGens.symmetricOfSize(n),
                LinalgGens.symmetricOfSize(n), Gens.integers(0, 30)).map(t -> pair(t.first(), t.second(), t.third())))
                .as("A, E"), in -> {
            Tensor a = in[0];
            Tensor e = in[1];
            int n = a.dim(0);
            Tensor b = a.add(e);
            SymmetricEigen ea = SymmetricEigen.of(a);
            SymmetricEigen eb = SymmetricEigen.of(b);
            double normE = La.referenceSingularValues(e)[0]; // independent of the code under test
            double tol = La.eigEta(ea, a.frobenius(), n) + La.eigEta(eb, b.frobenius(), n)
                    + Tol.U * b.frobenius() + 1e-30 * normE;
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
