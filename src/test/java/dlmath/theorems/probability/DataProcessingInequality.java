package dlmath.theorems.probability;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.ProbGens;
import dlmath.gen.SimplexGens;
import dlmath.prob.InfoTheory;
import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * PI-08 The data processing inequality: for a Markov chain X -&gt; Y -&gt; Z, I(X;Z) &lt;= I(X;Y).
 * Cover &amp; Thomas, Elements of Information Theory, 2nd ed., Thm 2.8.1.
 * Page: theorems/probability/PI-08-data-processing-inequality.md.
 */
@Theorem(id = "PI-08", name = "Data processing inequality",
        statement = "for a Markov chain X -> Y -> Z (Z depends on X only through Y), I(X;Z) <= I(X;Y) and I(X;Z) <= I(Y;Z)")
@Tag("probability")
class DataProcessingInequality {

    /** A chain: p(x), the channel p(y|x) (nx x ny) and the channel p(z|y) (ny x nz). */
    record Chain(Tensor px, Tensor w1, Tensor w2) {
        @Override
        public String toString() {
            return "p(x) = " + px + "\n    p(y|x) = " + w1 + "\n    p(z|y) = " + w2;
        }
    }

    static final Gen<Chain> CHAINS = Gens.integers(1, 4).flatMap(nx -> Gens.integers(1, 4).flatMap(ny ->
            Gens.integers(1, 4).flatMap(nz -> Gens.tuples(SimplexGens.simplexWithZeros(nx, nx),
                    ProbGens.channels(nx, ny), ProbGens.channels(ny, nz))
                    .map(t -> new Chain(t.first(), t.second(), t.third())))));

    /** diag(p) W: the joint table of an input distribution p and a channel W. */
    static Tensor joint(Tensor p, Tensor w) {
        return p.reshape(p.size(), 1).mul(w);
    }

    /**
     * The tolerance of the comparison: the rounding of the two mutual informations (as in PI-06)
     * plus the rounding of the tables themselves, whose entries are within gamma_{ny+1} relatively
     * of a table with the exact Markov structure; that moves each mutual information by at most
     * gamma_{ny+1} times (its magnitude + 3).
     */
    static double tolerance(Tensor a, Tensor b, int ny) {
        return EntropyChainRule.tolerance(a) + EntropyChainRule.tolerance(b) + Tol.gamma(2 * ny + 12) * 8;
    }

    /** I(X;Z) &lt;= I(X;Y) and I(X;Z) &lt;= I(Y;Z); target() climbs I(X;Z) / I(X;Y) toward 1. */
    @Property(tries = 300)
    void processingCannotIncreaseInformation(Check check) {
        check.forAll(CHAINS.as("chain"), c -> {
            Tensor pxy = joint(c.px(), c.w1());
            Tensor pxz = joint(c.px(), c.w1().matmul(c.w2()));
            Tensor pyz = joint(InfoTheory.marginalY(pxy), c.w2());
            double ixy = InfoTheory.mutualInformation(pxy);
            double ixz = InfoTheory.mutualInformation(pxz);
            double iyz = InfoTheory.mutualInformation(pyz);
            int ny = c.w1().dim(1);
            check.note("I(X;Y)", ixy);
            check.note("I(X;Z)", ixz);
            check.note("I(Y;Z)", iyz);
            if (ixy > 1e-9) {
                check.target(ixz / ixy, "I(X;Z) / I(X;Y) (sharp at 1: an invertible second channel)");
            }
            Claims.atMost("I(X;Z) <= I(X;Y)", ixz, ixy + tolerance(pxz, pxy, ny));
            Claims.atMost("I(X;Z) <= I(Y;Z)", ixz, iyz + tolerance(pxz, pyz, ny));
        });
    }

    /** Equality for a lossless second channel: a permutation of Y keeps I(X;Z) = I(X;Y). */
    @Property(tries = 200)
    void permutingYLosesNothing(Check check) {
        check.forAll(CHAINS.as("chain"), Gens.integers(0, 1000).as("shift"), (c, shift) -> {
            int ny = c.w1().dim(1);
            double[][] perm = new double[ny][ny];
            for (int i = 0; i < ny; i++) {
                perm[i][(i + shift) % ny] = 1;
            }
            Tensor pxy = joint(c.px(), c.w1());
            Tensor pxz = joint(c.px(), c.w1().matmul(Tensor.of(perm)));
            Claims.close("I(X;Z) = I(X;Y) for Z a permutation of Y", InfoTheory.mutualInformation(pxz),
                    InfoTheory.mutualInformation(pxy), tolerance(pxz, pxy, ny));
        });
    }

    /**
     * Necessity of the Markov structure: if Z is drawn from X directly (its own channel p(z|x)), it
     * can carry more information about X than Y does.
     */
    @Counterexample
    void failsWhenZSeesXDirectly(Check check) {
        check.forAll(Gens.integers(1, 3).flatMap(nx -> Gens.tuples(SimplexGens.simplexWithZeros(nx, nx),
                        ProbGens.channels(nx, 2), ProbGens.channels(nx, 2)).map(t -> List.of(t.first(), t.second(),
                        t.third()))).as("(p(x), p(y|x), p(z|x))"), l -> {
            Tensor pxy = joint(l.get(0), l.get(1));
            Tensor pxz = joint(l.get(0), l.get(2));
            Claims.atMost("I(X;Z) <= I(X;Y)", InfoTheory.mutualInformation(pxz), InfoTheory.mutualInformation(pxy)
                    + tolerance(pxz, pxy, 2));
        });
    }
}
