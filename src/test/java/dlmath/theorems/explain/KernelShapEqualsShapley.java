package dlmath.theorems.explain;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.explain.KernelShap;
import dlmath.explain.Shapley;
import dlmath.explain.Target;
import dlmath.tensor.Tensor;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Tag;

/**
 * XAI-04 KernelSHAP with every coalition and the Shapley kernel pi(S) = (n-1) / (C(n,|S|) |S| (n-|S|))
 * reproduces the Shapley values; with the binomial term dropped it does not. Lundberg &amp; Lee, A Unified
 * Approach to Interpreting Model Predictions, NeurIPS 2017, Thm 2 (Shapley kernel) and Sec. 4.1; the
 * least-squares perturbation bound: Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Thm 10.4
 * (Cholesky backward error) and Thm 7.2 (perturbation of a linear system). Page:
 * theorems/explain/XAI-04-kernel-shap.md.
 */
@Theorem(id = "XAI-04", name = "KernelSHAP recovers the Shapley values",
        statement = "argmin over phi with sum phi = v(N) - v(empty) of sum_S pi(S) (v(S) - v(empty) - sum_{i in S} phi_i)^2, pi(S) = (n-1)/(C(n,|S|) |S| (n-|S|)), is the Shapley value")
@Tag("explain")
class KernelShapEqualsShapley {

    /** The Shapley kernel in exact rationals (the test's own, not the implementation's). */
    static BigFraction kernel(int n, int s) {
        return new BigFraction(Xai.factorial(s).multiply(Xai.factorial(n - s)).multiply(java.math.BigInteger.valueOf(n - 1)),
                Xai.factorial(n).multiply(java.math.BigInteger.valueOf((long) s * (n - s))));
    }

    /** The Shapley kernel without the binomial term: (n-1) / (|S| (n-|S|)). */
    static final KernelShap.Kernel NO_BINOMIAL = (n, s) -> (n - 1.0) / ((double) s * (n - s));

    /**
     * The constrained weighted least squares in exact rationals, solved by Gaussian elimination (phi_{n-1}
     * eliminated by the constraint, as in the implementation but written here on BigFraction).
     */
    static BigFraction[] exactKernelShap(long[] v, int n) {
        return exactKernelShap(v, n, c -> true);
    }

    /** The same over the coalitions that {@code keep} accepts (the empty and the full one enter by the constraint). */
    static BigFraction[] exactKernelShap(long[] v, int n, java.util.function.IntPredicate keep) {
        int full = (1 << n) - 1;
        BigFraction total = new BigFraction(v[full] - v[0]);
        if (n == 1) {
            return new BigFraction[] {total};
        }
        int p = n - 1;
        BigFraction[][] m = new BigFraction[p][p + 1];
        for (BigFraction[] row : m) {
            java.util.Arrays.fill(row, BigFraction.ZERO);
        }
        for (int c = 1; c < full; c++) {
            if (!keep.test(c)) {
                continue;
            }
            BigFraction w = kernel(n, Integer.bitCount(c));
            int zl = c >> p & 1;
            BigFraction y = new BigFraction(v[c] - v[0]).subtract(total.multiply(zl));
            for (int i = 0; i < p; i++) {
                int ai = (c >> i & 1) - zl;
                for (int j = 0; j < p; j++) {
                    int aj = (c >> j & 1) - zl;
                    m[i][j] = m[i][j].add(w.multiply(ai * aj));
                }
                m[i][p] = m[i][p].add(w.multiply(y).multiply(ai));
            }
        }
        for (int col = 0; col < p; col++) {
            int piv = col;
            while (m[piv][col].equals(BigFraction.ZERO)) {
                piv++;
            }
            BigFraction[] t = m[piv];
            m[piv] = m[col];
            m[col] = t;
            for (int r = 0; r < p; r++) {
                if (r != col && !m[r][col].equals(BigFraction.ZERO)) {
                    BigFraction f = m[r][col].divide(m[col][col]);
                    for (int k = col; k <= p; k++) {
                        m[r][k] = m[r][k].subtract(f.multiply(m[col][k]));
                    }
                }
            }
        }
        BigFraction[] phi = new BigFraction[n];
        BigFraction rest = total;
        for (int i = 0; i < p; i++) {
            phi[i] = m[i][p].divide(m[i][i]);
            rest = rest.subtract(phi[i]);
        }
        phi[p] = rest;
        return phi;
    }

    /**
     * Lundberg &amp; Lee's Thm 2 in exact arithmetic: the rational weighted least squares equals the rational
     * Shapley values, exactly (n = 1 to 6, integer games, ties and null players included).
     */
    @Property(tries = 60)
    void theoremHoldsInExactArithmetic(Check check) {
        check.forAll(Xai.games(1, 6).as("game"), g -> {
            BigFraction[] ls = exactKernelShap(g.worth(), g.n());
            BigFraction[] sh = Xai.shapleyBySubsets(g.worth(), g.n());
            for (int i = 0; i < g.n(); i++) {
                Claims.that("exact KernelSHAP phi_" + i + " = " + ls[i] + " equals the Shapley value " + sh[i], ls[i].equals(sh[i]));
            }
        });
    }

    /**
     * The floating-point error bound of the implementation against the exact solution phi (its first n - 1
     * entries phi'), for worths t (exact doubles) and kernel weights pi_s (the test's values, in double).
     * With p = n - 1 and a_S = (z_i - z_{n-1})_{i &lt; p} in {-1, 0, 1}^p: the computed normal matrix is
     * M + E1 with |E1| &lt;= gamma_{2^n+3} M_abs (M_abs = sum pi |a||a|^T; the weights carry 3 roundings), the
     * right side r + e with |e| &lt;= gamma_{2^n+8} sum pi |a| (|y| + gamma_4 (|t_S| + 2|t_0| + |t_N|)); Cholesky
     * solves (M + E1 + E2) phi^ = r^ with ||E2||_2 &lt;= p gamma_{3p+1} ||M^||_2 / (1 - p gamma_{p+1}) (Higham
     * Thm 10.4 and its Lemma). So ||phi^' - phi'||_2 &lt;= (delta ||phi'||_2 + ||e||_2) / (lambda_min - delta),
     * delta = ||E1||_F + ||E2||_2 (Higham Thm 7.2); the last entry, total - sum, adds sqrt(p) times that and
     * gamma_p (|total| + sum |phi^_i|). lambda_min(M) and ||M||_2: M = alpha I + beta 1 1^T by the symmetry of
     * a kernel of coalition size, eigenvalues alpha - beta and alpha + (p - 1) beta.
     */
    static double bound(double[] t, int n, KernelShap.Kernel pi, double[] exactPhi) {
        int full = (1 << n) - 1;
        if (n == 1) {
            return Tol.gamma(2) * (Math.abs(t[full]) + Math.abs(t[0]));
        }
        int p = n - 1;
        double[][] mAbs = new double[p][p];
        double[][] m = new double[p][p];
        double[] eAbs = new double[p];
        double total = t[full] - t[0];
        for (int c = 1; c < full; c++) {
            double w = pi.weight(n, Integer.bitCount(c));
            int zl = c >> p & 1;
            double y = t[c] - t[0] - zl * total;
            double yAbs = Math.abs(y) + Tol.gamma(4) * (Math.abs(t[c]) + 2 * Math.abs(t[0]) + Math.abs(t[full]));
            for (int i = 0; i < p; i++) {
                int ai = (c >> i & 1) - zl;
                eAbs[i] += w * Math.abs(ai) * yAbs;
                for (int j = 0; j < p; j++) {
                    int aj = (c >> j & 1) - zl;
                    m[i][j] += w * ai * aj;
                    mAbs[i][j] += w * Math.abs(ai * aj);
                }
            }
        }
        double alpha = m[0][0];
        double beta = p > 1 ? m[0][1] : 0;
        double lmin = Math.min(alpha - beta, alpha + (p - 1) * beta) * (1 - 1e-12);
        double lmax = Math.max(Math.abs(alpha - beta), Math.abs(alpha + (p - 1) * beta)) * (1 + 1e-12);
        double fro = 0;
        double eNorm = 0;
        for (int i = 0; i < p; i++) {
            eNorm += eAbs[i] * eAbs[i];
            for (int j = 0; j < p; j++) {
                fro += mAbs[i][j] * mAbs[i][j];
            }
        }
        double e1 = Tol.gamma((1 << n) + 3) * Math.sqrt(fro);
        double delta = e1 + p * Tol.gamma(3 * p + 1) * (lmax + e1) / (1 - p * Tol.gamma(p + 1));
        double e = Tol.gamma((1 << n) + 8) * Math.sqrt(eNorm);
        double phiNorm = 0;
        double phiAbs = 0;
        for (int i = 0; i < p; i++) {
            phiNorm += exactPhi[i] * exactPhi[i];
            phiAbs += Math.abs(exactPhi[i]);
        }
        double err = (delta * Math.sqrt(phiNorm) + e) / (lmin - delta);
        return Math.sqrt(p) * err + Tol.gamma(p + 1) * (Math.abs(total) + phiAbs + p * err) + Tol.U * Math.abs(total);
    }

    static double[] doubles(BigFraction[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i].doubleValue();
        }
        return d;
    }

    static double[] table(Xai.TableGame g) {
        double[] t = new double[g.worth().length];
        for (int c = 0; c < t.length; c++) {
            t[c] = g.worth()[c];
        }
        return t;
    }

    /** The Shapley kernel as the test computes it (exact rationals rounded once). */
    static final KernelShap.Kernel EXACT_KERNEL = (n, s) -> kernel(n, s).doubleValue();

    /**
     * The implementation (double, Cholesky) against the exact Shapley values by the subset formula, n = 1 to 9,
     * integer games, within {@link #bound}.
     */
    @Property(tries = 100)
    void implementationMatchesTheExactShapleyValues(Check check) {
        check.forAll(Xai.games(1, 9).as("game"), g -> {
            int n = g.n();
            double[] phi = KernelShap.values(g, n);
            double[] exact = doubles(Xai.shapleyBySubsets(g.worth(), n));
            double tol = bound(table(g), n, EXACT_KERNEL, exact);
            check.note("bound", tol);
            check.collect("n = " + n);
            for (int i = 0; i < n; i++) {
                Claims.close("KernelSHAP phi_" + i + " = Shapley phi_" + i, phi[i], exact[i], tol + Math.ulp(exact[i]));
            }
        });
    }

    /**
     * On models: KernelSHAP.baseline / background of a tanh network through nn (n = 1 to 6, background of 1 or 2) against the
     * exact Shapley values of the same game table (the worths as exact rationals), within {@link #bound}.
     */
    @Property(tries = 40)
    void modelsAgainstABaselineOrABackground(Check check) {
        Gen<Xai.Parts> cases = Gens.integers(1, 6).flatMap(n -> Gens.tuples(Xai.tanhNets(n), Xai.pairs(n, Xai.entries(-3, 3)),
                Xai.matrix(2, n, Xai.entries(-3, 3))).map(t -> new Xai.Parts(new String[] {"net", "(x, x')", "background"},
                new Object[] {t.first(), t.second(), t.third()})));
        check.forAll(cases.as("case"), Gens.integers(0, 2).as("background size (0: baseline)"), (c, k) -> {
            Xai.TanhNet net = (Xai.TanhNet) c.get(0);
            Xai.Pair p = (Xai.Pair) c.get(1);
            Target f = net.model();
            int n = net.inputs();
            Tensor bg = ((Tensor) c.get(2)).slice(0, 0, Math.max(k, 1));
            double[] phi = (k == 0 ? KernelShap.baseline(f, p.x(), p.baseline()) : KernelShap.background(f, p.x(), bg)).toArray();
            double[] t = new double[1 << n];
            BigFraction[] exactT = new BigFraction[t.length];
            double[] xs = p.x().toArray();
            for (int s = 0; s < t.length; s++) {
                double sum = 0;
                for (int j = 0; j < Math.max(k, 1); j++) {
                    double[] z = new double[n];
                    for (int i = 0; i < n; i++) {
                        z[i] = (s >> i & 1) != 0 ? xs[i] : (k == 0 ? p.baseline().get(i) : bg.get(j, i));
                    }
                    sum += f.value(Tensor.of(z));
                }
                t[s] = k == 0 ? sum : sum / k;
                exactT[s] = new BigFraction(t[s]);
            }
            double[] exact = doubles(Xai.shapleyBySubsets(exactT, n));
            double tol = bound(t, n, EXACT_KERNEL, exact);
            for (int i = 0; i < n; i++) {
                Claims.close("KernelSHAP phi_" + i + " = exact Shapley phi_" + i + " of the game", phi[i], exact[i], tol + Math.ulp(exact[i]));
            }
            double[] sh = (k == 0 ? Shapley.baseline(f, p.x(), p.baseline()) : Shapley.background(f, p.x(), bg)).toArray();
            for (int i = 0; i < n; i++) {
                double shTol = Tol.gamma((1 << Math.max(n - 1, 0)) + 2) * 2 * maxAbs(t);
                Claims.close("Shapley phi_" + i + " = exact Shapley phi_" + i + " of the game", sh[i], exact[i], shTol + Math.ulp(exact[i]));
            }
        });
    }

    static double maxAbs(double[] t) {
        double m = 0;
        for (double v : t) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /**
     * Drop "every coalition": with only the coalitions of size 1 and n - 1 (a sample that still determines phi),
     * the exact weighted least squares is not the Shapley value (n = 4 to 5, exact rationals).
     */
    @Counterexample
    void failsWithASampleOfCoalitions(Check check) {
        check.forAll(Xai.games(4, 5).as("game"), g -> {
            int n = g.n();
            BigFraction[] ls = exactKernelShap(g.worth(), n, c -> Integer.bitCount(c) == 1 || Integer.bitCount(c) == n - 1);
            BigFraction[] sh = Xai.shapleyBySubsets(g.worth(), n);
            for (int i = 0; i < n; i++) {
                Claims.that("KernelSHAP on sizes 1 and n-1: phi_" + i + " = " + ls[i] + " equals the Shapley value " + sh[i],
                        ls[i].equals(sh[i]));
            }
        });
    }

    /** Drop the binomial term of the kernel: KernelSHAP with pi(S) = (n-1)/(|S| (n-|S|)) is not the Shapley value. */
    @Counterexample
    void failsWithoutTheBinomialTerm(Check check) {
        check.forAll(Xai.games(1, 6).as("game"), g -> {
            int n = g.n();
            double[] phi = KernelShap.values(g, n, NO_BINOMIAL);
            double[] exact = doubles(Xai.shapleyBySubsets(g.worth(), n));
            double tol = bound(table(g), n, NO_BINOMIAL, exact);
            for (int i = 0; i < n; i++) {
                Claims.close("KernelSHAP (no binomial) phi_" + i + " = Shapley phi_" + i, phi[i], exact[i], tol + Math.ulp(exact[i]));
            }
        });
    }
}
