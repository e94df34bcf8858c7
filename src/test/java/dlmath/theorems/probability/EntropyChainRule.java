package dlmath.theorems.probability;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.ProbGens;
import dlmath.gen.SimplexGens;
import dlmath.prob.InfoTheory;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * PI-06 The chain rule of entropy and subadditivity. Cover &amp; Thomas, Elements of Information
 * Theory, 2nd ed., Thm 2.2.1 (chain rule), Thm 2.6.5 (conditioning reduces entropy), Thm 2.6.6
 * (independence bound). Page: theorems/probability/PI-06-entropy-chain-rule.md.
 */
@Theorem(id = "PI-06", name = "Chain rule of entropy",
        statement = "H(X,Y) = H(X) + H(Y|X); H(X,Y) <= H(X) + H(Y) and H(Y|X) <= H(Y), with equality iff X, Y "
                + "are independent")
@Tag("probability")
class EntropyChainRule {

    /**
     * The rounding of the entropies of an nx x ny table (N = nx ny cells): each is a sum of at most
     * N terms a (|ln a| + |ln b|) with b a marginal (a sum of at most 5 cells), so within
     * gamma_{N+8} of H(X,Y) + H(X) + H(Y) (the magnitudes); the tables are normalized within gamma_N.
     */
    static double tolerance(Tensor pxy) {
        int n = pxy.size();
        return Tol.gamma(2 * n + 10) * (InfoTheory.jointEntropy(pxy) + InfoTheory.entropy(InfoTheory.marginalX(pxy))
                + InfoTheory.entropy(InfoTheory.marginalY(pxy)) + 3);
    }

    /** H(X,Y) = H(X) + H(Y|X) = H(Y) + H(X|Y), each conditional entropy computed from the table directly. */
    @Property(tries = 300)
    void chainRule(Check check) {
        check.forAll(ProbGens.jointTables().as("p(x,y)"), pxy -> {
            double hxy = InfoTheory.jointEntropy(pxy);
            double hx = InfoTheory.entropy(InfoTheory.marginalX(pxy));
            double hy = InfoTheory.entropy(InfoTheory.marginalY(pxy));
            double tol = tolerance(pxy);
            check.note("H(X,Y)", hxy);
            Claims.close("H(X,Y) = H(X) + H(Y|X)", hxy, hx + InfoTheory.conditionalEntropy(pxy), tol);
            Claims.close("H(X,Y) = H(Y) + H(X|Y)", hxy, hy + InfoTheory.conditionalEntropy(pxy.transpose()), tol);
        });
    }

    /** H(X,Y) &lt;= H(X) + H(Y) and H(Y|X) &lt;= H(Y); target() climbs H(X,Y) / (H(X) + H(Y)) toward 1. */
    @Property(tries = 300)
    void subadditivity(Check check) {
        check.forAll(ProbGens.jointTables().as("p(x,y)"), pxy -> {
            double hxy = InfoTheory.jointEntropy(pxy);
            double hx = InfoTheory.entropy(InfoTheory.marginalX(pxy));
            double hy = InfoTheory.entropy(InfoTheory.marginalY(pxy));
            double tol = tolerance(pxy);
            if (hx + hy > 0) {
                check.target(hxy / (hx + hy), "H(X,Y) / (H(X) + H(Y)) (sharp at 1: independence)");
            }
            Claims.atMost("H(X,Y) <= H(X) + H(Y)", hxy, hx + hy + tol);
            Claims.atMost("H(Y|X) <= H(Y)", InfoTheory.conditionalEntropy(pxy), hy + tol);
        });
    }

    /** Equality for independent X, Y: the table p(x) p(y) has H(X,Y) = H(X) + H(Y) and H(Y|X) = H(Y). */
    @Property(tries = 200)
    void equalityForIndependentVariables(Check check) {
        check.forAll(SimplexGens.simplexWithZeros(1, 5).as("p(x)"), SimplexGens.simplexWithZeros(1, 5).as("p(y)"),
                (px, py) -> {
                    Tensor pxy = px.outer(py);
                    double tol = tolerance(pxy) + Tol.gamma(pxy.size() + 4) * 3;
                    Claims.close("H(X,Y) = H(X) + H(Y)", InfoTheory.jointEntropy(pxy),
                            InfoTheory.entropy(px) + InfoTheory.entropy(py), tol);
                    Claims.close("H(Y|X) = H(Y)", InfoTheory.conditionalEntropy(pxy), InfoTheory.entropy(py), tol);
                });
    }

    /**
     * Conditioning reduces entropy only on average: H(Y | X = x) &lt;= H(Y) fails for some x
     * (e.g. p = [[1/2, 0], [1/4, 1/4]]: H(Y) = 0.56 &lt; H(Y | X = 1) = ln 2).
     */
    @Counterexample
    void specificConditionalEntropyCanExceedH(Check check) {
        check.forAll(ProbGens.jointTables().as("p(x,y)"), pxy -> {
            double hy = InfoTheory.entropy(InfoTheory.marginalY(pxy));
            double[][] t = pxy.toArray2D();
            for (double[] row : t) {
                double s = 0;
                for (double v : row) {
                    s += v;
                }
                if (s > 0) {
                    Claims.atMost("H(Y | X = x) <= H(Y)", InfoTheory.entropy(Tensor.of(row).div(s)),
                            hy + tolerance(pxy));
                }
            }
        });
    }
}
