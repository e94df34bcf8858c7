package dlmath.theorems.probability;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.SimplexGens;
import dlmath.prob.InfoTheory;
import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * PI-03 KL is not symmetric; the Jensen-Shannon divergence is, lies in [0, ln 2], and its square
 * root is a metric. Lin, IEEE Trans. Inf. Theory 37 (1991), Thm 1 and Sec. IV; Endres &amp;
 * Schindelin, IEEE Trans. Inf. Theory 49 (2003), Thm 1. Page: theorems/probability/PI-03-kl-asymmetry-jensen-shannon.md.
 */
@Theorem(id = "PI-03", name = "KL asymmetry and the Jensen-Shannon metric",
        statement = "KL(p||q) != KL(q||p) in general; JS(p,q) = JS(q,p), 0 <= JS <= ln 2, and sqrt(JS) satisfies "
                + "the triangle inequality")
@Tag("probability")
class KlAsymmetryAndJensenShannon {

    /** k probability vectors of one length n in [1, 8], possibly with zeros. */
    static Gen<List<Tensor>> vectors(int k) {
        return Gens.integers(1, 8).flatMap(n -> Gens.listOfSize(SimplexGens.simplexWithZeros(n, n), k));
    }

    /**
     * The rounding of a computed JS of length-n vectors: each of the 2n terms a ln(a / m) is off by
     * gamma_4 a (|ln a| + |ln m|) &lt;= gamma_4 a (2 |ln a| + ln 2) (m &gt;= a / 2), the sum by gamma_{2n};
     * with sum_i a_i |ln a_i| &lt;= ln n this is at most gamma_{2n+4} (2 ln n + ln 2) per argument.
     */
    static double jsRounding(int n) {
        return Tol.gamma(2 * n + 4) * 2 * (2 * Math.log(n) + Math.log(2) + 1);
    }

    /** Necessity of the symmetrization: KL itself is not symmetric (witness: two different vectors). */
    @Counterexample
    void klIsNotSymmetric(Check check) {
        check.forAll(vectors(2).as("(p, q)"), pq -> {
            Tensor p = pq.get(0);
            Tensor q = pq.get(1);
            double a = InfoTheory.kl(p, q);
            double b = InfoTheory.kl(q, p);
            check.note("KL(p||q)", a);
            check.note("KL(q||p)", b);
            Claims.that("KL(p||q) = KL(q||p) (both " + a + ", " + b + ")", a == b
                    || Math.abs(a - b) <= jsRounding(p.size()) * (1 + Math.abs(a) + Math.abs(b)));
        });
    }

    /** JS(p, q) = JS(q, p) exactly (same terms, swapped), and 0 &lt;= JS &lt;= ln 2, sharp at disjoint supports. */
    @Property(tries = 300)
    void jensenShannonIsSymmetricAndBounded(Check check) {
        check.forAll(vectors(2).as("(p, q)"), pq -> {
            Tensor p = pq.get(0);
            Tensor q = pq.get(1);
            double js = InfoTheory.jensenShannon(p, q);
            double tol = jsRounding(p.size());
            check.note("JS(p,q)", js);
            check.target(js / Math.log(2), "JS / ln 2 (sharp at 1 for disjoint supports)");
            Claims.close("JS(p,q) = JS(q,p)", js, InfoTheory.jensenShannon(q, p), 2 * tol);
            Claims.atLeast("JS(p,q) >= 0", js, -tol);
            Claims.atMost("JS(p,q) <= ln 2", js, Math.log(2) + tol);
        });
    }

    /** JS(p, q) = ln 2 when p and q have disjoint supports (the upper bound is attained). */
    @Property
    void jensenShannonIsLn2ForDisjointSupports(Check check) {
        check.forAll(Gens.integers(1, 4).flatMap(n -> Gens.tuples(SimplexGens.simplex(n, n), SimplexGens.simplex(n, n)))
                .as("(a, b)"), ab -> {
            int n = ab.first().size();
            double[] p = new double[2 * n];
            double[] q = new double[2 * n];
            for (int i = 0; i < n; i++) {
                p[i] = ab.first().get(i);
                q[n + i] = ab.second().get(i);
            }
            Claims.close("JS = ln 2 for disjoint supports", InfoTheory.jensenShannon(Tensor.of(p), Tensor.of(q)),
                    Math.log(2), jsRounding(2 * n));
        });
    }

    /**
     * sqrt(JS(p, r)) &lt;= sqrt(JS(p, q)) + sqrt(JS(q, r)) (Endres &amp; Schindelin 2003). Each JS is off
     * by at most e = jsRounding(n), so each square root by at most sqrt(e) (|sqrt a - sqrt b| &lt;=
     * sqrt|a - b|); the tolerance is 3 sqrt(e). target() climbs the ratio of the two sides.
     */
    @Property(tries = 400)
    void squareRootOfJensenShannonIsAMetric(Check check) {
        check.forAll(vectors(3).as("(p, q, r)"), pqr -> {
            double pr = Math.sqrt(Math.max(0, InfoTheory.jensenShannon(pqr.get(0), pqr.get(2))));
            double pq = Math.sqrt(Math.max(0, InfoTheory.jensenShannon(pqr.get(0), pqr.get(1))));
            double qr = Math.sqrt(Math.max(0, InfoTheory.jensenShannon(pqr.get(1), pqr.get(2))));
            double tol = 3 * Math.sqrt(jsRounding(pqr.get(0).size()));
            if (pq + qr > 0) {
                check.target(pr / (pq + qr), "sqrt JS(p,r) / (sqrt JS(p,q) + sqrt JS(q,r))");
            }
            Claims.atMost("sqrt JS(p,r) <= sqrt JS(p,q) + sqrt JS(q,r)", pr, pq + qr + tol);
            Claims.close("sqrt JS(p,p) = 0", InfoTheory.jensenShannon(pqr.get(0), pqr.get(0)), 0, 0);
        });
    }

    /**
     * Necessity of the square root: JS itself violates the triangle inequality, e.g. for
     * p = (1, 0), q = (1/2, 1/2), r = (0, 1): JS(p, r) = ln 2 &gt; 2 JS(p, q) = 0.43.
     */
    @Counterexample
    void jensenShannonItselfIsNotAMetric(Check check) {
        check.forAll(vectors(3).as("(p, q, r)"), pqr -> {
            double pr = InfoTheory.jensenShannon(pqr.get(0), pqr.get(2));
            double pq = InfoTheory.jensenShannon(pqr.get(0), pqr.get(1));
            double qr = InfoTheory.jensenShannon(pqr.get(1), pqr.get(2));
            Claims.atMost("JS(p,r) <= JS(p,q) + JS(q,r)", pr, pq + qr + 3 * jsRounding(pqr.get(0).size()));
        });
    }
}
