package dlmath.theorems.tensors;

import static dlmath.gen.TensorAssert.assertThat;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.Coverage;
import dlmath.gen.TnGens;
import dlmath.gen.TnGens.Operands;
import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * TN-09 The vec-Kronecker identity vec(AXB) = (B^T (x) A) vec(X). Horn &amp; Johnson, Topics in
 * Matrix Analysis, Lemma 4.3.1; rounding: Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Lemma 3.3.
 * Page: theorems/tensors/TN-09-vec-kronecker.md.
 */
@Theorem(id = "TN-09", name = "vec(AXB) = (B^T kron A) vec(X)",
        statement = "for A n x m, X m x p, B p x q and column-stacking vec: |vec(fl(AXB)) - fl((B^T kron A) vec X)| <= "
                + "(gamma_{m+p} + gamma_{mp+1}) vec(|A||X||B|) entrywise; exact for small integers")
@Tag("tensors")
class VecKronecker {

    static final Gen<Operands> CHAINS = TnGens.chain(List.of("A", "X", "B"), 4, TnGens.entries());

    /** Column stacking: vec(M)[i + j rows] = M[i][j]; as a tensor op, M^T flattened row-major. */
    static Tensor vec(Tensor m) {
        return m.transpose().flatten();
    }

    /** The definition of vec, by plain loops (independent of transpose and flatten). */
    static double[] vecByDefinition(Tensor m) {
        int rows = m.dim(0);
        double[] v = new double[m.size()];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < m.dim(1); j++) {
                v[i + j * rows] = m.get(i, j);
            }
        }
        return v;
    }

    /**
     * Left: fl(fl(AX)B) = AXB + E, |E| <= gamma_{m+p} |A||X||B|. Right: each entry of B^T (x) A is one
     * product b_ji a_kl (one rounding), then a dot product of length p m: gamma_{pm+1}
     * ((|B|^T (x) |A|) vec|X|) = gamma_{pm+1} vec(|A||X||B|).
     */
    @Property(tries = 250)
    void vecOfProductIsKroneckerTimesVec(Check check) {
        check.forAll(CHAINS.as("operands"), ops -> body(check, ops));
    }

    /**
     * The hypothesis "no underflow" dropped: entries c 2^-360, c in [1, 10], so the products of three
     * entries are subnormal (an absolute error up to 2^-1075 each); the two sides form different products,
     * and the relative bound does not cover the difference.
     */
    @Counterexample
    void boundNeedsNoUnderflow(Check check) {
        check.forAll(TnGens.chain(List.of("A", "X", "B"), 3, Gens.doubles(1, 10).map(c -> c * 0x1p-360)).as("operands"),
                ops -> body(check, ops));
    }

    static void body(Check check, Operands ops) {
        {
            Tensor a = ops.get(0);
            Tensor x = ops.get(1);
            Tensor b = ops.get(2);
            int m = a.dim(1);
            int p = x.dim(1);
            // derived (Coverage, rule C; N = 250, no target): d_0 and d_3 of TnGens.chain(..., 4, ...) are independent
            // integers(1, 4), 1 with probability >= eb/5 + (1 - eb)/4 >= 0.225: p >= 1 - 0.775^2 = 0.399 -> 20.85%, e^-20.7.
            check.cover(Coverage.percent(1 - 0.775 * 0.775, 250), a.dim(0) == 1 || b.dim(1) == 1, "a vector result side");
            Claims.that("vec(X) is column stacking", java.util.Arrays.equals(vec(x).toArray(), vecByDefinition(x)));
            Tensor left = vec(a.matmul(x).matmul(b));
            Tensor right = b.transpose().kron(a).matmul(vec(x));
            double[][] axb = Naive.matmul(Naive.absProduct(a, x), Naive.abs(Naive.rows(b)));
            double[] scale = vecByDefinition(Naive.tensor(axb));
            double[][] tol = Naive.tol(Naive.gamma(m + p) + Naive.gamma(m * p + 1), new double[][] {scale}, m + p);
            assertThat(left).isCloseTo(right, Tensor.of(tol[0]));
        }
    }

    /** Exact for small integers (entries in [-8, 8], sides <= 4: all values are integers below 2^53). */
    @Property(tries = 150)
    void exactForSmallIntegers(Check check) {
        check.forAll(TnGens.chain(List.of("A", "X", "B"), 4, TnGens.integers(8)).as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor x = ops.get(1);
            Tensor b = ops.get(2);
            assertThat(vec(a.matmul(x).matmul(b))).isExactly(b.transpose().kron(a).matmul(vec(x)));
        });
    }

    /**
     * The column-stacking convention matters: with row-major flattening in place of vec, the same
     * formula fails (row stacking needs A (x) B^T instead).
     */
    @Counterexample
    void rowStackingNeedsTheOtherOrder(Check check) {
        check.forAll(TnGens.chain(List.of("A", "X", "B"), 3, TnGens.integers(8)).as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor x = ops.get(1);
            Tensor b = ops.get(2);
            assertThat(a.matmul(x).matmul(b).flatten()).isExactly(b.transpose().kron(a).matmul(x.flatten()));
        });
    }
}
