package dlmath.theorems.tensors;

import static dlmath.gen.TensorAssert.assertThat;

import dlmath.check.Check;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.Coverage;
import dlmath.gen.TnGens;
import dlmath.gen.TnGens.Kinded;
import dlmath.gen.TnGens.Operands;
import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * TN-03 Associativity of the matrix product, in floating point within Higham's forward-error
 * bound. Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Lemma 3.1, Lemma 3.3
 * and Sec. 3.5 (matrix multiplication). Page: theorems/tensors/TN-03-matmul-associativity.md.
 */
@Theorem(id = "TN-03", name = "Associativity of the matrix product",
        statement = "|(AB)C - A(BC)| <= 2 gamma_{n1+n2} |A||B||C| entrywise for A n0 x n1, B n1 x n2, C n2 x n3; "
                + "exact for small integer entries")
@Tag("tensors")
class MatmulAssociativity {

    static final Gen<Operands> CHAINS = TnGens.chain(List.of("A", "B", "C"), 5, TnGens.entries());

    /**
     * The derived bound: fl(fl(AB)C) = ABC + E with |E| <= (gamma_{n1} + gamma_{n2} + gamma_{n1}
     * gamma_{n2}) |A||B||C| <= gamma_{n1+n2} |A||B||C| (Lemma 3.3), and the same for fl(A fl(BC)).
     * |A||B||C| is computed with n1 + n2 roundings per entry.
     */
    static Tensor bound(Tensor a, Tensor b, Tensor c) {
        int n1 = a.dim(1);
        int n2 = b.dim(1);
        double[][] abc = Naive.matmul(Naive.absProduct(a, b), Naive.abs(Naive.rows(c)));
        return Naive.tensor(Naive.tol(2 * Naive.gamma(n1 + n2), abc, n1 + n2));
    }

    /** max_ij |(AB)C - A(BC)|_ij / bound_ij over the entries with a positive bound. */
    static double ratio(Tensor left, Tensor right, Tensor bound) {
        double[] l = left.toArray();
        double[] r = right.toArray();
        double[] t = bound.toArray();
        double worst = 0;
        for (int i = 0; i < l.length; i++) {
            if (t[i] > 0) {
                worst = Math.max(worst, Math.abs(l[i] - r[i]) / t[i]);
            }
        }
        return worst;
    }

    static void check(Check check, Tensor a, Tensor b, Tensor c, boolean target) {
        Tensor left = a.matmul(b).matmul(c);
        Tensor right = a.matmul(b.matmul(c));
        Tensor bound = bound(a, b, c);
        if (target) {
            check.target(ratio(left, right, bound), "|(AB)C - A(BC)| / bound");
        }
        assertThat(left).isCloseTo(right, bound);
    }

    @Property(tries = 300)
    void associativeWithinTheForwardErrorBound(Check check) {
        Tensor one = Tensor.of(new double[][] {{0.1}});
        check.example(new Operands(List.of("A", "B", "C"), List.of(one, Tensor.of(new double[][] {{0.2}}),
                Tensor.of(new double[][] {{0.3}}))));
        check.forAll(CHAINS.as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor b = ops.get(1);
            Tensor c = ops.get(2);
            check.label(a.dim(0) == 1 && a.dim(1) == 1 && b.dim(1) == 1 && c.dim(1) == 1 ? "all 1x1"
                    : a.dim(1) == 1 || b.dim(1) == 1 ? "an inner dimension is 1" : "general");
            check(check, a, b, c, true);
        });
    }

    /** Structured square factors: rank deficient, ill conditioned, graded, orthogonal, diagonal. */
    @Property(tries = 250) // 200 before the covers were derived: the ill-conditioned cover needs N >= 125 random tries
    void associativeForStructuredMatrices(Check check) {
        Gen<List<Kinded>> triples = Gens.integers(1, 4).flatMap(n ->
                Gens.listOfSize(TnGens.kinded(n, n), 3));
        check.forAll(triples.as("(A, B, C)"), t -> {
            for (Kinded k : t) {
                check.label(k.kind());
            }
            // Covers derived (Coverage, rules C, F): check() hill-climbs, so N = 125 of the 250 tries are random. n =
            // integers(1, 4); TnGens.kinded(n, n) takes each kind by frequency: rank-deficient 1 of 8 (n = 1) or 1 of 12,
            // ill-conditioned 1 of 12 for n >= 2. P(n = 1) <= eb/5 + (1 - eb)/4 <= 0.2475. Three independent factors:
            // rank-deficient p >= 1 - (11/12)^3 = 0.2297 -> 2.85%, e^-20.7; ill-conditioned p >= 0.7525 * 0.2297 = 0.1729
            // -> 0.5%, e^-20.8.
            check.cover(Coverage.percent(1 - Math.pow(11.0 / 12, 3), 125), t.stream().anyMatch(k -> k.kind().equals("rank-deficient")),
                    "a rank-deficient factor");
            check.cover(Coverage.percent(0.7525 * (1 - Math.pow(11.0 / 12, 3)), 125),
                    t.stream().anyMatch(k -> k.kind().equals("ill-conditioned")), "an ill-conditioned factor");
            check(check, t.get(0).value(), t.get(1).value(), t.get(2).value(), false);
        });
    }

    /**
     * Exact for small integers: with entries in [-8, 8] and sides <= 5 every partial sum is an
     * integer of magnitude below 8^3 * 25 < 2^53, so no rounding happens and (AB)C = A(BC).
     */
    @Property(tries = 150)
    void exactForSmallIntegers(Check check) {
        check.forAll(TnGens.chain(List.of("A", "B", "C"), 5, TnGens.integers(8)).as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor b = ops.get(1);
            Tensor c = ops.get(2);
            // Covers derived (Coverage, rule C; N = 150, no target): the sides d_0..d_3 are independent integers(1, 5),
            // each value with probability exactly eb/5 + (1 - eb)/5 = 1/5 (the 5 edges are the 5 values). An inner
            // dimension (d_1 or d_2) is 1: p = 1 - (4/5)^2 = 0.36 -> 12.7%, e^-20.8. Rectangular (d_0 != d_3 or d_1 != d_2):
            // p = 1 - (1/5)^2 = 0.96 -> 82.2%, e^-20.7.
            check.cover(Coverage.percent(0.36, 150), a.dim(1) == 1 || b.dim(1) == 1, "an inner dimension is 1");
            check.cover(Coverage.percent(0.96, 150), a.dim(0) != c.dim(1) || a.dim(1) != b.dim(1), "rectangular");
            assertThat(a.matmul(b).matmul(c)).isExactly(a.matmul(b.matmul(c)));
        });
    }

    /** The tolerance is necessary: floating-point matrix products are not exactly associative. */
    @Counterexample
    void notExactlyAssociativeInFloatingPoint(Check check) {
        check.forAll(CHAINS.as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor b = ops.get(1);
            Tensor c = ops.get(2);
            assertThat(a.matmul(b).matmul(c)).isExactly(a.matmul(b.matmul(c)));
        });
    }

    /**
     * The hypothesis "no underflow" of Higham's model dropped: entries c 2^-360, c in [1, 10], so every
     * product of three entries is subnormal and errs by up to 2^-1075 absolutely. (AB)C and A(BC) form
     * different products, and the relative bound does not cover the difference.
     */
    @Counterexample
    void boundNeedsNoUnderflow(Check check) {
        check.forAll(TnGens.chain(List.of("A", "B", "C"), 3, Gens.doubles(1, 10).map(c -> c * 0x1p-360)).as("operands"),
                ops -> check(check, ops.get(0), ops.get(1), ops.get(2), false));
    }
}
