package dlmath.theorems.layers;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.TensorGens;
import dlmath.nn.Functional;
import dlmath.nn.Losses;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * NN-08 The softmax Jacobian is diag(p) - p p^T (symmetric, positive semidefinite, rows summing
 * to 0); the gradient of cross-entropy with logits is softmax - y; both are stable for logits up
 * to 1e4 in magnitude. Goodfellow, Bengio &amp; Courville, Deep Learning, Sec. 6.2.2.3 (softmax
 * units, eqs. 6.29-6.33) and Sec. 4.1 (overflow and underflow in softmax); Bishop, Pattern
 * Recognition and Machine Learning, 2006, eq. 4.106 and 4.109. Page:
 * theorems/layers/NN-08-softmax-jacobian.md.
 */
@Theorem(id = "NN-08", name = "Softmax Jacobian and cross-entropy gradient",
        statement = "d softmax(z)/dz = diag(p) - p p^T: symmetric, PSD, rows sum to 0; d CE(z, y)/dz = (softmax(z) - y)/N; finite and accurate for |z| <= 1e4")
@Tag("layers")
class SoftmaxJacobian {

    /** Logits of length 1 to 8: moderate in [-30, 30], or large in [-1e4, 1e4] (overflow of a naive exp). */
    static final Gen<Tensor> LOGITS = Gens.integers(1, 8).flatMap(n -> Gens.oneOf(
            TensorGens.tensors(new int[] {n}, Gens.doubles(-30, 30)), TensorGens.tensors(new int[] {n}, Gens.doubles(-1e4, 1e4))));

    /** The reference softmax exp(z - max) / sum exp(z - max), each entry within gamma_{n+4} relative. */
    static double[] reference(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            m = Math.max(m, v);
        }
        double s = 0;
        double[] e = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - m);
            s += e[i];
        }
        for (int i = 0; i < z.length; i++) {
            e[i] /= s;
        }
        return e;
    }

    /**
     * Reverse-mode rows of the softmax Jacobian equal p_i (delta_ij - p_j) with p the reference
     * softmax. Both sides have relative error at most gamma_{2n+8} in each of p_i and p_j
     * (reference: gamma_{n+4}; implementation: softmax and the rule p (g - sum(g p)), an n-term
     * sum), so an entry is within 3 gamma_{2n+8} (p_i delta_ij + 2 p_i p_j). Then the Jacobian is
     * symmetric, its rows sum to 0 and v^T J v &gt;= 0, each within the rounding of the sums
     * (gamma_n per row sum; gamma_{n^2+2} for the quadratic form) plus the entries' allowances
     * carried through (sum |v_i v_j| tol_ij).
     */
    @Property(tries = 300)
    void jacobianIsDiagMinusOuter(Check check) {
        check.forAll(LOGITS.as("z"), TensorGens.vectors(8, 8).as("v"), (z, v8) -> {
            int n = z.size();
            double[] p = reference(z.toArray());
            check.label(z.normInf() > 709 ? "|z| > 709 (naive exp overflows)" : "moderate");
            double[][] jac = new double[n][];
            for (int i = 0; i < n; i++) {
                Graph g = new Graph();
                Var x = g.variable(z);
                Var y = Functional.softmax(x, 0);
                double[] seed = new double[n];
                seed[i] = 1;
                jac[i] = Autodiff.grad(y, Tensor.of(seed), false, x)[0].value().toArray();
            }
            double gam = Tol.gamma(2 * n + 8);
            double quad = 0;
            double quadAbs = 0;
            double quadTol = 0;
            for (int i = 0; i < n; i++) {
                double row = 0;
                double rowAbs = 0;
                for (int j = 0; j < n; j++) {
                    double want = (i == j ? p[i] : 0) - p[i] * p[j];
                    double tol = 3 * gam * ((i == j ? p[i] : 0) + 2 * p[i] * p[j]) + Double.MIN_VALUE;
                    Claims.close("J[" + i + "][" + j + "] = p_i (delta_ij - p_j)", jac[i][j], want, tol);
                    Claims.close("J[" + i + "][" + j + "] = J[" + j + "][" + i + "]", jac[i][j], jac[j][i], 2 * tol);
                    row += jac[i][j];
                    rowAbs += Math.abs(jac[i][j]);
                    quad += v8.get(i) * jac[i][j] * v8.get(j);
                    quadAbs += Math.abs(v8.get(i) * jac[i][j] * v8.get(j));
                    quadTol += Math.abs(v8.get(i) * v8.get(j)) * tol;
                }
                Claims.atMost("|sum_j J[" + i + "][j]| = 0", Math.abs(row), Tol.gamma(n) * rowAbs + 6 * gam * p[i] + Double.MIN_VALUE);
            }
            Claims.atLeast("v^T J v >= 0", quad, -(Tol.gamma(n * n + 2) * quadAbs + quadTol + Double.MIN_VALUE));
        });
    }

    /**
     * Cross-entropy with logits z [N, K] and labels or probability targets y: the gradient is
     * (softmax(z) - y) / N within gamma_{2K+10} (p + y) / N per entry, and the loss equals the
     * reference mean(max + log sum exp(z - max) - sum_k y_k z_k) within gamma_{K+6} times the
     * magnitudes involved; everything is finite for |z| up to 1e4.
     */
    @Property(tries = 200)
    void crossEntropyGradientIsSoftmaxMinusTarget(Check check) {
        check.forAll(Gens.integers(1, 4).as("N"), LOGITS.as("row"), Gens.booleans().as("probability targets"), (n, row, soft) -> {
            int k = row.size();
            double[] zd = new double[n * k];
            double[] yd = new double[n * k];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    zd[i * k + j] = row.get(j) * (i % 2 == 0 ? 1 : -0.5) + i;
                }
                labels[i] = (i * 7 + 3) % k;
                if (soft) {
                    double[] q = reference(java.util.stream.IntStream.range(0, k).mapToDouble(j -> Math.sin(j + 1.0 + labels[0])).toArray());
                    System.arraycopy(q, 0, yd, i * k, k);
                } else {
                    yd[i * k + labels[i]] = 1;
                }
            }
            Tensor z = Tensor.of(new int[] {n, k}, zd);
            Tensor y = Tensor.of(new int[] {n, k}, yd);
            Graph g = new Graph();
            Var x = g.variable(z);
            Var loss = soft ? Losses.crossEntropy(x, y) : Losses.crossEntropy(x, labels);
            Tensor grad = Autodiff.grad(loss, x)[0].value();
            double refLoss = 0;
            double mag = 0;
            for (int i = 0; i < n; i++) {
                double[] zi = java.util.Arrays.copyOfRange(zd, i * k, i * k + k);
                double[] p = reference(zi);
                double m = java.util.Arrays.stream(zi).max().getAsDouble();
                double lse = m + Math.log(java.util.Arrays.stream(zi).map(v -> Math.exp(v - m)).sum());
                for (int j = 0; j < k; j++) {
                    double yv = yd[i * k + j];
                    refLoss += yv * (lse - zi[j]);
                    mag += yv * (Math.abs(lse) + Math.abs(zi[j]) + Math.log(k) + 1);
                    Claims.close("dCE/dz[" + i + "][" + j + "] = (p - y)/N", grad.get(i, j), (p[j] - yv) / n,
                            Tol.gamma(2 * k + 10) * (p[j] + yv) / n + Double.MIN_VALUE);
                }
            }
            refLoss /= n;
            Claims.that("CE is finite for |z| <= 1e4: " + loss.value().item(), Double.isFinite(loss.value().item()));
            Claims.close("CE(z, y) = mean(lse(z) - <y, z>)", loss.value().item(), refLoss, 2 * Tol.gamma(2 * k + 10) * mag / n);
        });
    }

    /**
     * Necessity of p on the simplex for positive semidefiniteness: diag(q) - q q^T with q =
     * exp(z) unnormalized (sum q &gt; 1 possible) has 1^T M 1 = s - s^2 &lt; 0.
     */
    @Counterexample
    void unnormalizedWeightsGiveAnIndefiniteMatrix(Check check) {
        check.forAll(LOGITS.as("z"), z -> {
            double[] q = z.toArray();
            double s = 0;
            for (int i = 0; i < q.length; i++) {
                q[i] = Math.exp(Math.min(q[i], 5));
                s += q[i];
            }
            Claims.atLeast("1^T (diag(q) - q q^T) 1 >= 0 for q = exp(z)", s - s * s, -Tol.gamma(q.length + 2) * (s + s * s));
        });
    }
}
