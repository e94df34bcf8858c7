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
import dlmath.gen.TensorGens;
import dlmath.linalg.Svd;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * LA-04 Eckart-Young-Mirsky: the truncated SVD is a best rank-k approximation in the spectral and
 * Frobenius norms. Golub &amp; Van Loan, Matrix Computations, 4th ed., Thm 2.4.8; Eckart &amp; Young,
 * Psychometrika 1 (1936); Mirsky, Quart. J. Math. 11 (1960).
 * Page: theorems/linalg/LA-04-eckart-young-mirsky.md.
 */
@Theorem(id = "LA-04", name = "Eckart-Young-Mirsky theorem",
        statement = "For A_k = U_k S_k V_k^T: ||A - A_k||_2 = s_{k+1}, ||A - A_k||_F^2 = sum_{i>k} s_i^2, and "
                + "||A - B|| >= ||A - A_k|| for every B of rank at most k, in both norms")
@Tag("linalg")
class EckartYoungMirsky {

    /** A matrix with a rank k in [0, min(m, n)]. */
    record Case(Tensor a, int k) {
        @Override
        public String toString() {
            return "k = " + k + ", A = " + a;
        }
    }

    static final Gen<Case> CASES = cases(LinalgGens.general(5));

    /** A with a rank k in [0, min(m, n)]. */
    static Gen<Case> cases(Gen<Tensor> matrices) {
        return matrices.flatMap(a -> Gens.integers(0, Math.min(a.dim(0), a.dim(1))).map(k -> new Case(a, k)));
    }

    /**
     * The cases of the properties: {@link #CASES} with probability 1 - 1/oneIn and, with probability 1/oneIn exactly,
     * a thin large matrix (a side in [30, 50], the other in [1, 6]: LinalgGens.thinLarge), where the 40-digit reference
     * costs milliseconds (it is O(min(m, n)^2 max(m, n))). Labelled and covered.
     */
    static Gen<Case> casesWithLarge(int oneIn) {
        return cases(LinalgGens.withThinLarge(LinalgGens.general(5), oneIn));
    }

    /**
     * Labels the size and covers the large cases: p = 1/oneIn on every random try (a frequency weight), over N random
     * tries; the required percentage is Coverage.percent(1/oneIn, N).
     */
    static void coverLarge(Check check, Tensor a, int oneIn, int n) {
        boolean large = LinalgGens.isLarge(a);
        check.label(large ? "a side in [30, 50] (the other <= 6)" : "sides <= 5");
        check.cover(Coverage.percent(1.0 / oneIn, n), large, "a side in [30, 50]");
    }

    /** The truncated SVD A_k = U_k diag(s_1..s_k) V_k^T. */
    static Tensor truncate(Svd svd, int k) {
        double[] s = svd.singularValues().clone();
        for (int i = k; i < s.length; i++) {
            s[i] = 0;
        }
        Tensor u = svd.u();
        Tensor v = svd.v();
        return u.matmul(La.diag(u.dim(1), v.dim(1), s)).matmul(v.transpose());
    }

    /** sqrt(sum_{i>k} s_i^2), scaled so that the squares cannot underflow (Tensor.norm2). */
    static double tail(double[] s, int k) {
        return k >= s.length ? 0 : Tensor.of(java.util.Arrays.copyOfRange(s, k, s.length)).norm2();
    }

    /**
     * Both sides independent of the code under test where they can be: the singular values of A and
     * the 2-norm of the computed A - A_k come from the 40-digit reference (La.referenceSingularValues,
     * relative error below 1e-30), ||A - A_k||_F from Tensor.frobenius. Tolerance: our SVD is exact
     * for A + E with ||E||_F <= epsSvd (which also bounds the departure of U, V from orthonormal
     * times s_1), so the computed A_k is within epsSvd of (A + E)_k and s_{k+1}(A + E) within epsSvd
     * of s_{k+1}(A) (Weyl): 2 epsSvd; forming A_k and A - A_k costs gamma_{p+2} p ||A||_F.
     */
    @Property(tries = 150)
    void truncationErrorIsTheNextSingularValueAndTheTailInFrobenius(Check check) {
        check.forAll(casesWithLarge(7).as("case"), c -> {
            Tensor a = c.a();
            int k = c.k();
            // N = 150 random tries (no target), p = 1/7: 0.3% (one hit), (6/7)^150 = 1e-10
            coverLarge(check, a, 7, 150);
            Svd svd = Svd.of(a);
            double[] s = La.referenceSingularValues(a);
            Tensor diff = a.sub(truncate(svd, k));
            double diff2 = La.referenceSingularValues(diff)[0];
            int p = s.length;
            double tol = 2 * La.svdEps(svd, a.frobenius()) + Tol.gamma(p + 2) * p * a.frobenius() + 1e-30 * s[0];
            double next = k < p ? s[k] : 0;
            check.note("s (reference)", s);
            check.note("||A - A_k||_2 (reference)", diff2);
            check.note("||A - A_k||_F", diff.frobenius());
            check.collect("k = " + k + " of " + p);
            Claims.close("||A - A_k||_2 = s_{k+1}", diff2, next, tol);
            Claims.close("||A - A_k||_F = sqrt(sum_{i>k} s_i^2)", diff.frobenius(), tail(s, k),
                    tol + Tol.gamma(a.size() + 1) * diff.frobenius());
        });
    }

    /**
     * No matrix of rank at most k does better: B = (U_k + t X)(S_k V_k^T + t Y^T), a perturbation of
     * A_k of rank at most k (t in [0, 1], X m x k, Y n x k), or B = X Y^T. Targeted search climbs
     * ||A - A_k|| / ||A - B|| toward 1 (t toward 0) and must not pass it by more than the rounding.
     * The exact claim is ||A - B||_F >= sqrt(sum_{i>k} s_i^2) and ||A - B||_2 >= s_{k+1}: s and
     * ||A - B||_2 come from the 40-digit reference (relative error below 1e-30), not from the code
     * under test (which only builds the perturbed A_k, some matrix of rank at most k); forming B and
     * A - B costs gamma_{k+2} (|| |X| |Y^T| ||_F + ||A||_F).
     */
    @Property(tries = 200)
    void noRankKMatrixBeatsTheTruncatedSvd(Check check) {
        Gen<Tensor[]> perturbation = casesWithLarge(5).flatMap(c -> Gens.tuples(TensorGens.tensors(c.a().dim(0), Math.max(c.k(), 1)),
                TensorGens.tensors(c.a().dim(1), Math.max(c.k(), 1)), Gens.doubles(0, 1))
                .map(t -> new Tensor[] {c.a(), Tensor.scalar(c.k()), t.first(), t.second(), Tensor.scalar(t.third())}));
        check.forAll(perturbation.as("A, k, X, Y, t"), Gens.booleans().as("local"), (in, local) -> {
            Tensor a = in[0];
            int k = (int) in[1].item();
            Tensor x = in[2];
            Tensor y = in[3];
            double t = in[4].item();
            // the property hill-climbs: N = 100 random tries, p = 1/5: 0.25% (one hit), (4/5)^100 = 2e-10
            coverLarge(check, a, 5, 100);
            Svd svd = Svd.of(a);
            double[] s = La.referenceSingularValues(a);
            Tensor b;
            double formB;
            if (k == 0) {
                b = Tensor.zeros(a.dim(0), a.dim(1));
                formB = 0;
            } else if (local) {
                Tensor uk = svd.u().slice(1, 0, k).add(x.mul(t));
                Tensor sv = La.diag(k, k, java.util.Arrays.copyOf(svd.singularValues(), k)).matmul(svd.v().slice(1, 0, k).transpose())
                        .add(y.transpose().mul(t));
                b = uk.matmul(sv);
                formB = Tol.gamma(k + 2) * uk.abs().matmul(sv.abs()).frobenius();
            } else {
                b = x.matmul(y.transpose());
                formB = Tol.gamma(k + 1) * x.abs().matmul(y.abs().transpose()).frobenius();
            }
            check.label(k == 0 ? "k = 0" : local ? "perturbed A_k" : "random X Y^T");
            Tensor diff = a.sub(b);
            double rounding = formB + Tol.gamma(a.size() + 2) * (a.frobenius() + b.frobenius()) + 1e-30 * (s.length > 0 ? s[0] : 0);
            double best = tail(s, k);
            double dist = diff.frobenius();
            if (dist > 0) {
                check.target(Math.min(best / dist, 2), "||A - A_k||_F / ||A - B||_F");
            }
            check.note("||A - B||_F", dist);
            check.note("||A - A_k||_F (reference)", best);
            Claims.atLeast("||A - B||_F >= ||A - A_k||_F", dist, best - rounding);
            double next = k < s.length ? s[k] : 0;
            Claims.atLeast("||A - B||_2 >= s_{k+1}", La.referenceSingularValues(diff)[0], next - rounding);
        });
    }

    /**
     * The one hypothesis on B, rank(B) <= k, dropped: B = A_{k+1}, of rank k + 1, is closer to A
     * than A_k whenever s_{k+1} > 0, and the same claim as above (with the reference tail) fails.
     */
    @Counterexample
    void aRankKPlusOneMatrixBeatsTheTruncatedSvd(Check check) {
        check.forAll(CASES.as("case"), c -> {
            Tensor a = c.a();
            int k = c.k();
            double[] s = La.referenceSingularValues(a);
            if (k >= s.length) {
                return; // no rank k + 1 approximation to compare
            }
            Tensor b = truncate(Svd.of(a), k + 1);
            Tensor diff = a.sub(b);
            double rounding = Tol.gamma(s.length + 2) * s.length * a.frobenius() + Tol.gamma(a.size() + 2)
                    * (a.frobenius() + b.frobenius()) + 2 * La.svdEps(Svd.of(a), a.frobenius());
            check.note("||A - A_{k+1}||_F", diff.frobenius());
            check.note("||A - A_k||_F (reference)", tail(s, k));
            Claims.atLeast("||A - B||_F >= ||A - A_k||_F (B = A_{k+1}, rank k + 1)", diff.frobenius(),
                    tail(s, k) - rounding);
        });
    }
}
