package dlmath.theorems.tensors;

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
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.junit.jupiter.api.Tag;

/**
 * TN-08 Norm inequalities: Cauchy-Schwarz, the triangle inequality, submultiplicativity of the
 * Frobenius norm, consistency with the 2-norm, the equivalence constants between the 1-, 2- and
 * max-norms, and the induced 1- and infinity-norms. Golub &amp; Van Loan, Matrix Computations,
 * 4th ed., Sec. 2.2.2 (Cauchy-Schwarz, equivalence of the 1-, 2-, infinity-norms) and
 * Sec. 2.3.1-2.3.2 (Frobenius and induced matrix norms); Horn &amp; Johnson, Matrix Analysis, 2nd ed., Sec. 0.6.3; rounding: Higham, Accuracy and Stability of
 * Numerical Algorithms, 2nd ed., Lemma 3.1, Lemma 3.3. Page: theorems/tensors/TN-08-norm-inequalities.md.
 */
@Theorem(id = "TN-08", name = "Norm inequalities",
        statement = "|x.y| <= ||x||_2 ||y||_2; ||x + y|| <= ||x|| + ||y||; ||AB||_F <= ||A||_F ||B||_F; "
                + "||Ax||_2 <= ||A||_F ||x||_2; ||x||_inf <= ||x||_2 <= ||x||_1 <= sqrt(n) ||x||_2 <= n ||x||_inf; "
                + "||Ax||_p <= ||A||_p ||x||_p (p = 1, inf) with equality attained; each within the rounding of its sides")
@Tag("tensors")
class NormInequalities {

    /**
     * Relative rounding of the computed norms of n entries, as the k of gamma_k: the max-norm is
     * exact; the 1-norm adds n non-negative terms (k = n - 1); the scaled 2-norm
     * s sqrt(sum (x_i/s)^2) has a division and a square per term (3 roundings), n - 1 additions,
     * sqrt (which halves the relative error) and the final product: k = n + 5 covers it, with one
     * to spare for the underflow of tiny ratios (n 2^-1074, far below u).
     */
    static int norm1K(int n) {
        return n - 1;
    }

    static int norm2K(int n) {
        return n + 5;
    }

    /** Claims lhs <= rhs (1 + gamma_k) and targets lhs / rhs (when asked). */
    static void atMost(Check check, String what, double lhs, double rhs, int k, boolean target) {
        if (target) {
            check.target(rhs == 0 ? 0 : lhs / rhs, what);
        }
        Claims.atMost(what, lhs, rhs * (1 + Naive.gamma(k)));
    }

    static final Gen<Tensor> VECTORS = TnGens.vectors(1, 8);

    static final Gen<List<Tensor>> VECTOR_PAIRS = Gens.integers(1, 8).flatMap(n -> Gens.listOfSize(TnGens.tensors(n), 2));

    /**
     * |fl(x.y)| <= |x.y| + gamma_n sum|x_i y_i| <= (1 + gamma_n) ||x|| ||y||; the computed right
     * side is low by at most the factor 1 - gamma_{2(n+5)+1}; hence k = n + 2(n + 5) + 2.
     */
    @Property(tries = 300)
    void cauchySchwarz(Check check) {
        check.forAll(VECTOR_PAIRS.as("(x, y)"), xy -> {
            Tensor x = xy.get(0);
            Tensor y = xy.get(1);
            int n = x.size();
            check.label(n == 1 ? "n = 1" : "n >= 2");
            atMost(check, "|x . y| <= ||x||_2 ||y||_2", Math.abs(x.dot(y)), x.norm2() * y.norm2(), 3 * n + 12, n >= 2);
        });
    }

    record NormChoice(String name, int index) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<NormChoice> NORMS = List.of(new NormChoice("||.||_1", 1), new NormChoice("||.||_2", 2),
            new NormChoice("||.||_inf", 0));

    static double norm(NormChoice p, Tensor x) {
        return switch (p.index()) {
            case 1 -> x.norm1();
            case 2 -> x.norm2();
            default -> x.normInf();
        };
    }

    static int normK(NormChoice p, int n) {
        return switch (p.index()) {
            case 1 -> norm1K(n);
            case 2 -> norm2K(n);
            default -> 0;
        };
    }

    /**
     * ||fl(x + y)|| <= (1 + u)||x + y|| (each sum rounded once), the computed norms add gamma_c, the
     * sum of the two norms on the right one rounding: k = 2(c + 1) + 1.
     */
    @Property(tries = 300)
    void triangleInequality(Check check) {
        check.forAll(Gens.elements(NORMS).as("norm"), VECTOR_PAIRS.as("(x, y)"), (p, xy) -> {
            Tensor x = xy.get(0);
            Tensor y = xy.get(1);
            int n = x.size();
            int c = normK(p, n);
            check.label(p.name());
            atMost(check, "||x + y|| <= ||x|| + ||y|| for " + p.name(), norm(p, x.add(y)), norm(p, x) + norm(p, y),
                    2 * c + 3, n >= 2);
        });
    }

    /**
     * ||fl(AB)||_F <= (1 + gamma_m) ||A||_F ||B||_F (|E| <= gamma_m |A||B| and || |A||B| ||_F <=
     * ||A||_F ||B||_F), then the three computed Frobenius norms and the product.
     */
    @Property(tries = 300)
    void frobeniusIsSubmultiplicative(Check check) {
        check.forAll(TnGens.chain(List.of("A", "B"), 4, TnGens.entries()).as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor b = ops.get(1);
            int n = a.dim(0);
            int m = a.dim(1);
            int p = b.dim(1);
            int k = m + norm2K(n * p) + norm2K(n * m) + norm2K(m * p) + 2;
            atMost(check, "||AB||_F <= ||A||_F ||B||_F", a.matmul(b).frobenius(), a.frobenius() * b.frobenius(), k, m >= 2);
        });
    }

    /** A (n x m, sides 1..5) and x (length m). */
    static final Gen<Operands> MATRIX_VECTOR = Gens.integers(1, 5).flatMap(n -> Gens.integers(1, 5).flatMap(m ->
            Gens.tuples(TnGens.tensors(n, m), TnGens.tensors(m)).map(t ->
                    new Operands(List.of("A", "x"), List.of(t.first(), t.second())))));

    /** The Frobenius norm is consistent with the vector 2-norm: ||Ax||_2 <= ||A||_F ||x||_2. */
    @Property(tries = 300)
    void frobeniusBoundsTheMatrixVectorProduct(Check check) {
        check.forAll(MATRIX_VECTOR.as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor x = ops.get(1);
            int n = a.dim(0);
            int m = a.dim(1);
            int k = m + norm2K(n) + norm2K(n * m) + norm2K(m) + 2;
            atMost(check, "||Ax||_2 <= ||A||_F ||x||_2", a.matmul(x).norm2(), a.frobenius() * x.norm2(), k, m >= 2);
        });
    }

    /**
     * ||x||_inf <= ||x||_2 <= ||x||_1 <= sqrt(n) ||x||_2 <= n ||x||_inf. Sharp: the first two are
     * equalities for a vector with one non-zero entry, the last two for entries of equal modulus.
     */
    @Property(tries = 400)
    void equivalenceConstants(Check check) {
        check.forAll(VECTORS.as("x"), x -> {
            int n = x.size();
            boolean t = n >= 2;
            double inf = x.normInf();
            double two = x.norm2();
            double one = x.norm1();
            double sqrtN = Math.sqrt(n);
            check.label(n == 1 ? "n = 1" : "n >= 2");
            atMost(check, "||x||_inf <= ||x||_2", inf, two, norm2K(n) + 1, t);
            atMost(check, "||x||_2 <= ||x||_1", two, one, norm2K(n) + norm1K(n) + 1, t);
            atMost(check, "||x||_1 <= sqrt(n) ||x||_2", one, sqrtN * two, norm1K(n) + norm2K(n) + 3, t);
            atMost(check, "sqrt(n) ||x||_2 <= n ||x||_inf", sqrtN * two, n * inf, norm2K(n) + 3, t);
        });
    }

    /**
     * The induced norms. ||A||_1 is the largest column sum, attained at the unit vector of that
     * column (A e_j is column j exactly); ||A||_inf the largest row sum, attained at the sign vector
     * of that row; and ||Ax||_p <= ||A||_p ||x||_p.
     */
    @Property(tries = 250)
    void inducedNormsAreAttainedAndBound(Check check) {
        check.forAll(MATRIX_VECTOR.as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor x = ops.get(1);
            int n = a.dim(0);
            int m = a.dim(1);
            // derived (Coverage, rule C; N = 250, no target): n and m are independent integers(1, 5), uniform (the 5 edges
            // are the 5 values): p = 4/5 -> 62.3%, e^-20.8.
            check.cover(Coverage.percent(0.8, 250), n != m, "rectangular");
            // the definitions, by plain loops: column sums and row sums of |A|
            double[] col = new double[m];
            double[] row = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    col[j] += Math.abs(a.get(i, j));
                    row[i] += Math.abs(a.get(i, j));
                }
            }
            int jBest = 0;
            for (int j = 1; j < m; j++) {
                jBest = col[j] > col[jBest] ? j : jBest;
            }
            int iBest = 0;
            for (int i = 1; i < n; i++) {
                iBest = row[i] > row[iBest] ? i : iBest;
            }
            double one = a.opNorm1();
            double inf = a.opNormInf();
            Claims.close("||A||_1 = max_j sum_i |a_ij|", one, col[jBest], Naive.tol(2 * Naive.gamma(n - 1), col[jBest], n));
            Claims.close("||A||_inf = max_i sum_j |a_ij|", inf, row[iBest], Naive.tol(2 * Naive.gamma(m - 1), row[iBest], m));
            double[] e = new double[m];
            e[jBest] = 1;
            Claims.close("||A e_j||_1 = ||A||_1 for the largest column j", a.matmul(Tensor.of(e)).norm1(), one,
                    Naive.tol(2 * Naive.gamma(n - 1), one, n));
            double[] sign = new double[m];
            for (int j = 0; j < m; j++) {
                sign[j] = a.get(iBest, j) >= 0 ? 1 : -1;
            }
            Claims.close("||A s||_inf = ||A||_inf for s = sign(row i)", a.matmul(Tensor.of(sign)).normInf(), inf,
                    Naive.tol(2 * Naive.gamma(m), inf, m));
            Tensor y = a.matmul(x);
            atMost(check, "||Ax||_1 <= ||A||_1 ||x||_1", y.norm1(), one * x.norm1(), m + 2 * norm1K(n) + norm1K(m) + 2, false);
            atMost(check, "||Ax||_inf <= ||A||_inf ||x||_inf", y.normInf(), inf * x.normInf(), m + norm1K(m) + 2, false);
        });
    }

    /**
     * The norms against commons-math (ArrayRealVector.getNorm / getL1Norm / getLInfNorm, and
     * RealMatrix.getFrobeniusNorm / getNorm): both within their rounding of the exact value.
     * commons-math's 2-norm is sqrt(sum x_i^2): within gamma_{n+1}.
     */
    @Property(tries = 200)
    void normsAgreeWithCommonsMath(Check check) {
        check.forAll(Gens.integers(1, 5).flatMap(n -> Gens.integers(1, 5).flatMap(m -> TnGens.tensors(n, m))).as("A"), a -> {
            int n = a.dim(0);
            int m = a.dim(1);
            int size = n * m;
            Array2DRowRealMatrix cm = new Array2DRowRealMatrix(Naive.rows(a));
            ArrayRealVector v = new ArrayRealVector(a.toArray());
            double ref2 = v.getNorm();
            Claims.close("||vec A||_2 = commons-math getNorm", a.norm2(), ref2,
                    Naive.tol(Naive.gamma(size + 1) + Naive.gamma(norm2K(size)), ref2, size));
            Claims.close("||A||_F = commons-math getFrobeniusNorm", a.frobenius(), cm.getFrobeniusNorm(),
                    Naive.tol(Naive.gamma(size + 1) + Naive.gamma(norm2K(size)), cm.getFrobeniusNorm(), size));
            Claims.close("||vec A||_1 = commons-math getL1Norm", a.norm1(), v.getL1Norm(),
                    Naive.tol(2 * Naive.gamma(size - 1), v.getL1Norm(), size));
            Claims.that("||vec A||_inf = commons-math getLInfNorm", a.normInf() == v.getLInfNorm());
            Claims.close("||A||_1 = commons-math getNorm (max column sum)", a.opNorm1(), cm.getNorm(),
                    Naive.tol(2 * Naive.gamma(n - 1), cm.getNorm(), n));
        });
    }

    /**
     * Homogeneity under scaling by 2^k, |k| <= 700, is exact (scaling by a power of two rounds
     * nothing), also where the naive sum of squares would overflow (2^700 ~ 5e210) or underflow.
     */
    @Property(tries = 200)
    void powerOfTwoScalingIsExactWithoutOverflow(Check check) {
        Gen<Integer> exponents = Gens.frequency(Gens.weight(2, Gens.integers(-600, 600)),
                Gens.weight(1, Gens.integers(601, 700)), Gens.weight(1, Gens.integers(-700, -601)));
        check.forAll(exponents.as("k"), VECTORS.as("x"), (k, x) -> {
            double s = Math.scalb(1.0, k);
            Tensor y = x.mul(s);
            // derived (Coverage, rule F; N = 200, no target): |k| > 600 is the frequency weight 2 of 4: p = 1/2 -> 27.6%, e^-20.8.
            check.cover(Coverage.percent(0.5, 200), Math.abs(k) > 600, "|k| > 600 (naive sum of squares over- or underflows)");
            Claims.that("||2^k x||_2 = 2^k ||x||_2: " + y.norm2() + " vs " + s * x.norm2(), y.norm2() == s * x.norm2());
            Claims.that("||2^k x||_1 = 2^k ||x||_1", y.norm1() == s * x.norm1());
            Claims.that("||2^k x||_inf = 2^k ||x||_inf", y.normInf() == s * x.normInf());
        });
    }

    /**
     * Non-finite entries: a NaN entry makes every norm NaN; otherwise an infinite entry makes every
     * norm infinite (as the Javadoc of norm1, norm2, normInf promises: no silent wrong number).
     */
    @Property(tries = 200)
    void nonFiniteEntriesPropagate(Check check) {
        Gen<Double> entries = Gens.frequency(Gens.weight(4, TnGens.entries()), Gens.weight(1, Gens.elements(
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
        check.forAll(Gens.integers(1, 6).flatMap(n -> dlmath.gen.TensorGens.tensors(new int[] {n}, entries)).as("x"), x -> {
            double[] v = x.toArray();
            boolean nan = java.util.Arrays.stream(v).anyMatch(Double::isNaN);
            boolean inf = java.util.Arrays.stream(v).anyMatch(Double::isInfinite);
            check.label(nan ? "NaN entry" : inf ? "infinite entry" : "finite");
            // Covers derived (Coverage, rules C, F; N = 200, no target): each entry is NaN, +inf, -inf with probability
            // 1/15 each (weight 1 of 5, then 1 of 3). n = integers(1, 6). An infinity and no NaN: (14/15)^n - (12/15)^n,
            // least at n = 1: p >= 2/15 -> 1.05%, e^-20.9. A NaN: 1 - (14/15)^n, with P(n = 1) <= eb/5 + (1 - eb)/6 <= 0.1833
            // and 1 - (14/15)^2 = 0.1289 for n >= 2: p >= 0.1833/15 + 0.8167 * 0.1289 = 0.1175 -> 0.45%, e^-21.1.
            check.cover(Coverage.percent(2.0 / 15, 200), !nan && inf, "infinite entry, no NaN");
            check.cover(Coverage.percent(0.1833 / 15 + 0.8167 * 0.1289, 200), nan, "NaN entry");
            double[] norms = {x.norm1(), x.norm2(), x.normInf()};
            for (double norm : norms) {
                if (nan) {
                    Claims.that("a NaN entry gives a NaN norm: " + java.util.Arrays.toString(norms), Double.isNaN(norm));
                } else if (inf) {
                    Claims.that("an infinite entry gives an infinite norm: " + java.util.Arrays.toString(norms),
                            norm == Double.POSITIVE_INFINITY);
                } else {
                    Claims.that("finite entries give a finite norm >= 0", Double.isFinite(norm) && norm >= 0);
                }
            }
        });
    }

    /**
     * maxAbsDiff(x, y) = ||x - y||_inf (both compute max_i |fl(x_i - y_i)|), NaN if a difference is
     * NaN; allClose(x, y, atol, rtol) holds iff every |x_i - y_i| <= atol + rtol |y_i| (or x_i = y_i),
     * checked against that definition entry by entry, with y near x so that both outcomes occur.
     */
    @Property(tries = 300)
    void maxAbsDiffAndAllCloseFollowTheirDefinitions(Check check) {
        Gen<List<Tensor>> pairs = Gens.integers(1, 5).flatMap(n -> TnGens.tensors(n).flatMap(x ->
                dlmath.gen.TensorGens.tensors(new int[] {n}, Gens.elements(0.0, 1e-3, -1e-3, 0.5, 2.0)).map(d ->
                        List.of(x, x.add(d)))));
        check.forAll(pairs.as("(x, y)"), Gens.elements(0.0, 1e-3, 0.5).as("atol"), Gens.elements(0.0, 1e-3, 0.25).as("rtol"),
                (xy, atol, rtol) -> {
                    Tensor x = xy.get(0);
                    Tensor y = xy.get(1);
                    double[] a = x.toArray();
                    double[] b = y.toArray();
                    double max = 0;
                    boolean close = true;
                    for (int i = 0; i < a.length; i++) {
                        double diff = Math.abs(a[i] - b[i]);
                        max = Math.max(max, diff);
                        close &= a[i] == b[i] || diff <= atol + rtol * Math.abs(b[i]);
                    }
                    check.label(close ? "close" : "not close");
                    // Covers derived (Coverage, rules C, F; N = 300, no target): n = integers(1, 5) is uniform; each d_i is
                    // one of 5 elements, atol and rtol one of 3. Close: with atol = 0.5 every d_i in {0, +-1e-3} is close
                    // ((3/5)^n), otherwise d_i = 0 is ((1/5)^n): p >= 1/5 sum_{n=1..5} (1/3 (3/5)^n + 2/3 (1/5)^n) = 0.1255
                    // -> 2.3%, e^-20.8. Not close: d_0 = 2 with rtol <= 1e-3 (|y_0| <= 12, so atol + rtol |y_0| <= 0.512):
                    // p >= 1/5 * 2/3 = 0.1333 -> 2.7%, e^-20.8.
                    check.cover(Coverage.percent(0.1255, 300), close, "close");
                    check.cover(Coverage.percent(0.1333, 300), !close, "not close");
                    Claims.that("maxAbsDiff = max |x_i - y_i| = " + max + ", was " + x.maxAbsDiff(y), x.maxAbsDiff(y) == max);
                    Claims.that("maxAbsDiff(x, y) = ||x - y||_inf", x.maxAbsDiff(y) == x.sub(y).normInf());
                    Claims.that("allClose(x, y, " + atol + ", " + rtol + ") = " + close, x.allClose(y, atol, rtol) == close);
                    Claims.that("allClose(x, x, 0, 0)", x.allClose(x, 0, 0) && x.maxAbsDiff(x) == 0);
                });
        check.forAll(TnGens.vectors(1, 4).as("x"), x -> {
            Tensor withNan = Tensor.concat(0, x, Tensor.of(Double.NaN));
            Claims.that("maxAbsDiff with a NaN is NaN", Double.isNaN(withNan.maxAbsDiff(Tensor.zeros(x.size() + 1))));
            Claims.that("NaN is close to nothing", !withNan.allClose(withNan, 1, 1));
            Tensor inf = Tensor.full(Double.POSITIVE_INFINITY, x.size());
            Claims.that("equal infinities are close, at distance 0", inf.allClose(inf, 0, 0) && inf.maxAbsDiff(inf) == 0);
        });
    }

    /**
     * Drop the no-underflow hypothesis (entries outside [2^-200, 10]): x = (a, ..., a), y = (b, ..., b) with
     * a = 3 2^-e, b = 2^(e-1075), so every product a b = 1.5 2^-1074 is a tie in the subnormal range and rounds to
     * 2 2^-1074; the computed x . y is 2n 2^-1074 (subnormal sums are exact), while ||x||_2 ||y||_2 = 1.5 n 2^-1074
     * rounds to at most ceil(1.5 n) 2^-1074: Cauchy-Schwarz fails on the computed values by a third, far beyond
     * any gamma_k (the note records the exponents: a b = 3 2^-1075 &lt; MIN_NORMAL by construction).
     */
    @Counterexample
    void cauchySchwarzNeedsNoUnderflow(Check check) {
        check.forAll(Gens.integers(2, 8).as("n"), Gens.integers(200, 875).as("e"), (n, e) -> {
            double a = 3 * Math.scalb(1.0, -e);
            double b = Math.scalb(1.0, e - 1075);
            check.note("dropped hypothesis", "exponents of a and b sum to " + (Math.getExponent(a) + Math.getExponent(b))
                    + " < " + Double.MIN_EXPONENT + ": the products a b underflow");
            Tensor x = Tensor.full(a, n);
            Tensor y = Tensor.full(b, n);
            atMost(check, "|x . y| <= ||x||_2 ||y||_2", Math.abs(x.dot(y)), x.norm2() * y.norm2(), 3 * n + 12, false);
        });
    }

    /** The constant sqrt(n) is necessary: ||x||_1 <= ||x||_2 fails for x = (1, 1). */
    @Counterexample
    void oneNormIsNotBoundedByTwoNormWithConstantOne(Check check) {
        check.forAll(VECTORS.as("x"), x -> atMost(check, "||x||_1 <= ||x||_2", x.norm1(), x.norm2(),
                norm1K(x.size()) + norm2K(x.size()) + 1, false));
    }

    /** Submultiplicativity needs a suitable norm: the max-entry norm is not submultiplicative. */
    @Counterexample
    void maxEntryNormIsNotSubmultiplicative(Check check) {
        check.forAll(TnGens.chain(List.of("A", "B"), 3, TnGens.entries()).as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor b = ops.get(1);
            atMost(check, "max|AB| <= max|A| max|B|", a.matmul(b).normInf(), a.normInf() * b.normInf(), a.dim(1) + 1, false);
        });
    }
}
