package dlmath.theorems.tensors;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.TensorGens;
import dlmath.gen.TnGens;
import dlmath.gen.TnGens.Kinded;
import dlmath.gen.TnGens.Operands;
import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * TN-07 Cyclicity of the trace and the Frobenius inner product. Horn &amp; Johnson, Matrix
 * Analysis, 2nd ed., Sec. 0.2 (trace) and Sec. 5.2 (the Frobenius inner product tr B^T A);
 * rounding: Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Lemma 3.3 and Sec. 3.5.
 * Page: theorems/tensors/TN-07-trace-cyclicity.md.
 */
@Theorem(id = "TN-07", name = "Trace cyclicity and the Frobenius inner product",
        statement = "|tr(AB) - tr(BA)| <= 2 gamma_{n+m-1} tr(|A||B|) for A n x m, B m x n; "
                + "|<A,B>_F - tr(A^T B)| <= (gamma_{nm} + gamma_{n+m-1}) sum|a_ij b_ij|; tr(ABC) = tr(BCA) = tr(CAB) within bound")
@Tag("tensors")
class TraceCyclicity {

    /** A (n x m) and B (m x n). */
    static final Gen<Operands> SWAPPABLE = Gens.integers(1, 5).flatMap(n -> Gens.integers(1, 5).flatMap(m ->
            Gens.tuples(TnGens.tensors(n, m), TnGens.tensors(m, n))
                    .map(t -> new Operands(List.of("A", "B"), List.of(t.first(), t.second())))));

    /** sum_ik |a_ik||b_ki| = tr(|A||B|), by plain loops (n m products and n m - 1 additions). */
    static double absTrace(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.dim(0); i++) {
            for (int k = 0; k < a.dim(1); k++) {
                s += Math.abs(a.get(i, k)) * Math.abs(b.get(k, i));
            }
        }
        return s;
    }

    /** sum_ij |a_ij||b_ij| for matrices of the same shape, by plain loops. */
    static double absInner(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.dim(0); i++) {
            for (int j = 0; j < a.dim(1); j++) {
                s += Math.abs(a.get(i, j)) * Math.abs(b.get(i, j));
            }
        }
        return s;
    }

    /**
     * tr(fl(AB)): each diagonal entry is within gamma_m sum_k |a_ik b_ki|, then n - 1 additions:
     * in all gamma_{m+n-1} tr(|A||B|); the same for tr(fl(BA)) (tr(|B||A|) = tr(|A||B|)).
     */
    @Property(tries = 250)
    void traceOfProductIsCyclic(Check check) {
        check.forAll(SWAPPABLE.as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor b = ops.get(1);
            int n = a.dim(0);
            int m = a.dim(1);
            check.label(n == m ? "square" : "rectangular (AB and BA differ in size)");
            double g = 2 * Naive.gamma(n + m - 1);
            double bound = Naive.tol(g, absTrace(a, b), n * m);
            double ab = a.matmul(b).trace();
            double ba = b.matmul(a).trace();
            check.note("tr(AB)", ab);
            check.note("tr(BA)", ba);
            check.target(bound == 0 ? 0 : Math.abs(ab - ba) / bound, "|tr(AB) - tr(BA)| / bound");
            Claims.close("tr(AB) = tr(BA)", ab, ba, bound);
        });
    }

    /** Structured square matrices (rank deficient, ill conditioned, graded, orthogonal, diagonal). */
    @Property(tries = 100)
    void traceOfProductIsCyclicForStructuredMatrices(Check check) {
        check.forAll(Gens.integers(1, 4).flatMap(n -> Gens.listOfSize(TnGens.kinded(n, n), 2)).as("(A, B)"), t -> {
            Tensor a = t.get(0).value();
            Tensor b = t.get(1).value();
            for (Kinded k : t) {
                check.label(k.kind());
            }
            int n = a.dim(0);
            double bound = Naive.tol(2 * Naive.gamma(2 * n - 1), absTrace(a, b), n * n);
            Claims.close("tr(AB) = tr(BA)", a.matmul(b).trace(), b.matmul(a).trace(), bound);
        });
    }

    /**
     * <A, B>_F = sum_ij a_ij b_ij, computed as sum(A * B) (n m products, n m - 1 additions: gamma_{nm})
     * and as the dot product of the flattened matrices (gamma_{nm}), against tr(A^T B) (m diagonal
     * entries of n-term dot products, then m - 1 additions: gamma_{n+m-1}).
     */
    @Property(tries = 200)
    void frobeniusInnerProductIsTraceOfATransposeB(Check check) {
        check.forAll(Gens.integers(1, 5).flatMap(n -> Gens.integers(1, 5).flatMap(m ->
                Gens.tuples(TnGens.tensors(n, m), TnGens.tensors(n, m)))).as("(A, B)"), ab -> {
                    Tensor a = ab.first();
                    Tensor b = ab.second();
                    int n = a.dim(0);
                    int m = a.dim(1);
                    double abs = absInner(a, b);
                    double viaTrace = a.transpose().matmul(b).trace();
                    double bound = Naive.tol(Naive.gamma(n * m) + Naive.gamma(n + m - 1), abs, n * m);
                    Claims.close("sum(A * B) = tr(A^T B)", a.mul(b).sumAll(), viaTrace, bound);
                    Claims.close("flatten(A) . flatten(B) = tr(A^T B)", a.flatten().dot(b.flatten()), viaTrace, bound);
                    Claims.close("<A, A>_F = ||A||_F^2", a.mul(a).sumAll(), a.frobenius() * a.frobenius(),
                            Naive.tol(Naive.gamma(n * m) + Naive.gamma(2 * (n * m + 5) + 1), absInner(a, a), n * m));
                });
    }

    /**
     * Three factors: A (n x m), B (m x p), C (p x n). tr(fl(fl(AB)C)) is within gamma_{m+p+n-1}
     * tr(|A||B||C|) of tr(ABC), and so are the two other cyclic orders.
     */
    @Property(tries = 150)
    void tripleProductIsCyclic(Check check) {
        Gen<Operands> triples = Gens.listOfSize(Gens.integers(1, 4), 3).flatMap(d ->
                Gens.tuples(TnGens.tensors(d.get(0), d.get(1)), TnGens.tensors(d.get(1), d.get(2)), TnGens.tensors(d.get(2), d.get(0)))
                        .map(t -> new Operands(List.of("A", "B", "C"), List.of(t.first(), t.second(), t.third()))));
        check.forAll(triples.as("operands"), ops -> {
            Tensor a = ops.get(0);
            Tensor b = ops.get(1);
            Tensor c = ops.get(2);
            int n = a.dim(0);
            int m = a.dim(1);
            int p = b.dim(1);
            double[][] abc = Naive.matmul(Naive.absProduct(a, b), Naive.abs(Naive.rows(c)));
            double absTrace = 0;
            for (int i = 0; i < n; i++) {
                absTrace += abc[i][i];
            }
            double bound = Naive.tol(2 * Naive.gamma(n + m + p - 1), absTrace, n + m + p);
            double abcT = a.matmul(b).matmul(c).trace();
            Claims.close("tr(ABC) = tr(BCA)", abcT, b.matmul(c).matmul(a).trace(), bound);
            Claims.close("tr(ABC) = tr(CAB)", abcT, c.matmul(a).matmul(b).trace(), bound);
        });
    }

    /** tr(A^T) = tr(A) exactly (the same diagonal), and tr(A + B) = tr(A) + tr(B) within 2 gamma_n sum(|a_ii| + |b_ii|). */
    @Property(tries = 150)
    void traceIsLinearAndTransposeInvariant(Check check) {
        check.forAll(Gens.integers(1, 6).flatMap(n -> Gens.tuples(TnGens.tensors(n, n), TnGens.tensors(n, n))).as("(A, B)"), ab -> {
            Tensor a = ab.first();
            Tensor b = ab.second();
            int n = a.dim(0);
            double diag = 0;
            double absA = 0;
            double absDiag = 0;
            for (int i = 0; i < n; i++) {
                diag += a.get(i, i);
                absA += Math.abs(a.get(i, i));
                absDiag += Math.abs(a.get(i, i)) + Math.abs(b.get(i, i));
            }
            Claims.that("tr(A^T) = tr(A)", a.transpose().trace() == a.trace());
            Claims.close("tr(A) = sum_i A[i, i]", a.trace(), diag, Naive.tol(2 * Naive.gamma(n - 1), absA, n));
            Claims.close("tr(A + B) = tr(A) + tr(B)", a.add(b).trace(), a.trace() + b.trace(),
                    Naive.tol(2 * Naive.gamma(n), absDiag, 2 * n));
        });
    }

    /** Only cyclic orders: tr(ABC) = tr(ACB) fails for some 2x2 matrices. */
    @Counterexample
    void nonCyclicOrderDiffers(Check check) {
        check.forAll(Gens.integers(1, 3).flatMap(n -> Gens.listOfSize(TensorGens.tensors(n, n), 3)).as("(A, B, C)"), t -> {
            Tensor a = t.get(0);
            Tensor b = t.get(1);
            Tensor c = t.get(2);
            int n = a.dim(0);
            double[][] abc = Naive.matmul(Naive.absProduct(a, b), Naive.abs(Naive.rows(c)));
            double absTrace = 0;
            for (int i = 0; i < n; i++) {
                absTrace += abc[i][i];
            }
            double acb = a.matmul(c).matmul(b).trace();
            Claims.close("tr(ABC) = tr(ACB)", a.matmul(b).matmul(c).trace(), acb,
                    Naive.tol(2 * Naive.gamma(3 * n - 1), absTrace, 3 * n) + Naive.tol(2 * Naive.gamma(3 * n - 1),
                            Math.abs(acb), 3 * n));
        });
    }
}
