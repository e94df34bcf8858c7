package dlmath.theorems.variational;

import static dlmath.check.Tol.gamma;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.variational.LinearVae;
import dlmath.variational.Ppca;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;

/**
 * VAR-08 The linear VAE: the closed-form KL(q(z|x) || N(0, I)) equals its Monte Carlo estimate within a
 * Laurent-Massart bound; the reparameterized ELBO gradient is unbiased (Gaussian bound) and its expectation is
 * the gradient of the closed-form ELBO; with the PPCA maximum-likelihood decoder and the exact posterior as
 * encoder, the ELBO equals the maximum log-likelihood, which bounds every other linear VAE's ELBO, so the PPCA
 * solution is a global optimum. Kingma &amp; Welling, Auto-Encoding Variational Bayes, ICLR 2014, Sec. 2.4 and
 * App. B; Lucas, Tucker, Grosse &amp; Norouzi, Don't Blame the ELBO!, NeurIPS 2019, Sec. 4 (Thm 1); Laurent &amp;
 * Massart, Ann. Stat. 28 (2000), Lemma 1. Page: theorems/variational/VAR-08-linear-vae.md.
 */
@Theorem(id = "VAR-08", name = "Linear variational autoencoder",
        statement = "closed-form KL = E[log q - log p]; reparameterized gradient unbiased; optimum = PPCA")
@Tag("variational")
class LinearVaeElbo {

    record Case(LinearVae vae, double[][] a, double[] c, double[] logStd, double[][] w, double[] mu, double sigma2,
                double[] x, long seed) {
        @Override
        public String toString() {
            return "A = " + Arrays.deepToString(a) + ", c = " + Arrays.toString(c) + ", log s = " + Arrays.toString(logStd)
                    + ", W = " + Arrays.deepToString(w) + ", mu = " + Arrays.toString(mu) + ", sigma2 = " + sigma2
                    + ", x = " + Arrays.toString(x);
        }
    }

    static Gen<Case> cases(double logStdMax) {
        return s -> {
            int d = s.draw(Gens.integers(1, 5));
            int k = s.draw(Gens.integers(1, 3));
            double[][] a = EvidenceLowerBound.matrices(k, d, -1, 1).generate(s);
            double[] c = s.draw(Gens.doubleArrays(Gens.doubles(-2, 2), k, k));
            double[] logStd = s.draw(Gens.doubleArrays(Gens.doubles(-logStdMax, logStdMax), k, k));
            double[][] w = EvidenceLowerBound.matrices(d, k, -2, 2).generate(s);
            double[] mu = s.draw(Gens.doubleArrays(Gens.doubles(-2, 2), d, d));
            double sigma2 = s.draw(Gens.doubles(0.1, 4));
            double[] x = s.draw(Gens.doubleArrays(Gens.doubles(-3, 3), d, d));
            long seed = s.draw(Gens.longs(0, Long.MAX_VALUE));
            return new Case(new LinearVae(a, c, logStd, w, mu, sigma2), a, c, logStd, w, mu, sigma2, x, seed);
        };
    }

    static double[] encoderMean(Case c) {
        double[] m = c.c().clone();
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < c.x().length; j++) {
                m[i] += c.a()[i][j] * c.x()[j];
            }
        }
        return m;
    }

    static final double X = Math.log(6e9);   // 6 e^{-X} = 1e-9

    /**
     * The MC terms are T = sum_i [a_i (eps_i^2 - 1) + b_i eps_i] + KL with a_i = (s_i^2 - 1)/2, b_i = m_i s_i. Over
     * n samples, Laurent-Massart (both signs of a separately, upper and lower tails) and the Gaussian tail give
     * |mean - KL| &lt;= (2 sqrt(n X) (||a+|| + ||a-||) + 2 X (||a+||_inf + ||a-||_inf) + sqrt(2 X n) ||b||) / n except
     * with probability 6 e^{-X} = 1e-9; plus the rounding of the n-term mean, gamma_{n + 16k + 16} times the
     * term magnitudes.
     */
    @Property(tries = 40)
    void klClosedFormMatchesMonteCarlo(Check check) {
        check.forAll(cases(1.5).as("vae"), c -> {
            int n = 4000;
            double[] m = encoderMean(c);
            double ap = 0;
            double an = 0;
            double apInf = 0;
            double anInf = 0;
            double b = 0;
            double kl = 0;
            double mag = 0;
            for (int i = 0; i < m.length; i++) {
                double s2 = Math.exp(2 * c.logStd()[i]);
                double ai = (s2 - 1) / 2;
                if (ai > 0) {
                    ap += ai * ai;
                    apInf = Math.max(apInf, ai);
                } else {
                    an += ai * ai;
                    anInf = Math.max(anInf, -ai);
                }
                b += m[i] * m[i] * s2;
                kl += (s2 + m[i] * m[i] - 1 - 2 * c.logStd()[i]) / 2;
                mag += s2 + m[i] * m[i] + 1 + 2 * Math.abs(c.logStd()[i]);
            }
            double dev = (2 * Math.sqrt(n * X) * (Math.sqrt(ap) + Math.sqrt(an)) + 2 * X * (apInf + anInf)
                    + Math.sqrt(2 * X * n * b)) / n;
            double mc = c.vae().klMonteCarlo(c.x(), new SplittableRandom(c.seed()), n);
            // each term is a sum of 8k roundings of quantities below mag + 2 X (|a| + |b|) (eps^2 <= 2X, |eps| <= 2X,
            // except on the 1e-9 event above); the mean of n terms adds gamma_n
            double rounding = gamma(n + 16 * m.length + 16) * (mag + 2 * X * (Math.sqrt(ap) + Math.sqrt(an) + Math.sqrt(b))
                    * m.length);
            Claims.close("KL closed form (test) = implementation", c.vae().kl(c.x()), kl, gamma(8 * m.length + 8) * mag);
            Claims.close("KL closed form = Monte Carlo mean (n = 4000)", c.vae().kl(c.x()), mc, dev + rounding);
        });
    }

    /** The expected-ELBO gradient, by hand: d/dc, d/dA = g_c x^T, d/dmu, d/dW, d/dlog s. */
    static double[][] exactGradient(Case c) {
        return exactGradient(c, false);
    }

    /** With abs: the same expressions with every term replaced by its absolute value (the rounding magnitudes). */
    static double[][] exactGradient(Case c, boolean abs) {
        java.util.function.DoubleUnaryOperator f = abs ? Math::abs : v -> v;
        double[] m = encoderMean(c);
        if (abs) {
            for (int i = 0; i < m.length; i++) {
                m[i] = Math.abs(c.c()[i]);
                for (int j = 0; j < c.x().length; j++) {
                    m[i] += Math.abs(c.a()[i][j] * c.x()[j]);
                }
            }
        }
        int d = c.x().length;
        int k = m.length;
        double[] r = new double[d];
        for (int i = 0; i < d; i++) {
            r[i] = f.applyAsDouble(c.x()[i]) + (abs ? Math.abs(c.mu()[i]) : -c.mu()[i]);
            for (int j = 0; j < k; j++) {
                r[i] += abs ? Math.abs(c.w()[i][j] * m[j]) : -c.w()[i][j] * m[j];
            }
        }
        double[] gc = new double[k];
        double[] gl = new double[k];
        for (int j = 0; j < k; j++) {
            double s2 = Math.exp(2 * c.logStd()[j]);
            double col = 0;
            for (int i = 0; i < d; i++) {
                gc[j] += f.applyAsDouble(c.w()[i][j] * r[i]) / c.sigma2();
                col += c.w()[i][j] * c.w()[i][j];
            }
            gc[j] += abs ? m[j] : -m[j];
            gl[j] = abs ? col * s2 / c.sigma2() + s2 + 1 : -col * s2 / c.sigma2() - (s2 - 1);
        }
        double[] gmu = new double[d];
        double[] gw = new double[d * k];
        for (int i = 0; i < d; i++) {
            gmu[i] = r[i] / c.sigma2();
            for (int j = 0; j < k; j++) {
                gw[i * k + j] = (r[i] * m[j] + (abs ? 1 : -1) * f.applyAsDouble(c.w()[i][j]) * Math.exp(2 * c.logStd()[j]))
                        / c.sigma2();
            }
        }
        return new double[][] {gc, gl, gmu, gw};
    }

    /**
     * The mean of n = 400 reparameterized gradients (autodiff through z = m + s eps) with respect to c, A and mu
     * is within the Gaussian bound of the exact expected gradient: the per-sample gradients are affine in eps,
     * with variances (G diag(s^2) G^T)_jj / n, G = W^T W / sigma2 (for c; times x_l^2 for A_jl) and
     * (W diag(s^2) W^T)_ii / (sigma2^2 n) (for mu); z_{1e-9 / (2 (k + kd + d))} standard deviations each
     * (Bonferroni, Gaussian tail e^{-z^2/2}). The implementation's expected-ELBO gradient (autodiff of the closed
     * form) equals the hand-derived one to rounding gamma_{32(d+k)} times the magnitudes.
     */
    @Property(tries = 15)
    void reparameterizedGradientIsUnbiased(Check check) {
        check.forAll(cases(1.0).as("vae"), c -> {
            int d = c.x().length;
            int k = c.c().length;
            int n = 400;
            double[][] exact = exactGradient(c);
            LinearVae.Gradient eg = c.vae().expectedElboGradient(c.x());
            double[][] mags = exactGradient(c, true);
            double mag = 0;
            for (double[] g : mags) {
                mag = Math.max(mag, Vt.maxAbs(g));
            }
            double tol = gamma(32 * (d + k)) * mag;
            for (int j = 0; j < k; j++) {
                Claims.close("E grad_c[" + j + "] (autodiff of closed form) = exact", eg.c()[j], exact[0][j], tol);
                Claims.close("E grad_log s[" + j + "] (autodiff of closed form) = exact", eg.logStd()[j], exact[1][j], tol);
            }
            for (int i = 0; i < d; i++) {
                Claims.close("E grad_mu[" + i + "] (autodiff of closed form) = exact", eg.mu()[i], exact[2][i], tol);
                for (int j = 0; j < k; j++) {
                    Claims.close("E grad_W[" + i + "][" + j + "] = exact", eg.w()[i][j], exact[3][i * k + j], tol);
                }
            }
            SplittableRandom rng = new SplittableRandom(c.seed());
            double[] sc = new double[k];
            double[][] sa = new double[k][d];
            double[] smu = new double[d];
            for (int t = 0; t < n; t++) {
                double[] eps = new double[k];
                for (int j = 0; j < k; j++) {
                    eps[j] = rng.nextGaussian();
                }
                LinearVae.Gradient g = c.vae().elboGradient(c.x(), eps);
                for (int j = 0; j < k; j++) {
                    sc[j] += g.c()[j] / n;
                    for (int l = 0; l < d; l++) {
                        sa[j][l] += g.a()[j][l] / n;
                    }
                }
                for (int i = 0; i < d; i++) {
                    smu[i] += g.mu()[i] / n;
                }
            }
            double z = Math.sqrt(2 * Math.log(2 * (k + k * d + d) / 1e-9));
            for (int j = 0; j < k; j++) {
                double var = 0;
                for (int l = 0; l < k; l++) {
                    double gjl = 0;
                    for (int i = 0; i < d; i++) {
                        gjl += c.w()[i][j] * c.w()[i][l] / c.sigma2();
                    }
                    var += gjl * gjl * Math.exp(2 * c.logStd()[l]);
                }
                double sd = Math.sqrt(var / n);
                Claims.close("mean grad_c[" + j + "] = E grad_c", sc[j], exact[0][j], z * sd + tol * 4);
                for (int l = 0; l < d; l++) {
                    Claims.close("mean grad_A[" + j + "][" + l + "] = E grad_c x_l", sa[j][l], exact[0][j] * c.x()[l],
                            z * sd * Math.abs(c.x()[l]) + tol * 4 * (1 + Math.abs(c.x()[l])));
                }
            }
            for (int i = 0; i < d; i++) {
                double var = 0;
                for (int j = 0; j < k; j++) {
                    var += c.w()[i][j] * c.w()[i][j] * Math.exp(2 * c.logStd()[j]);
                }
                double sd = Math.sqrt(var / n) / c.sigma2();
                Claims.close("mean grad_mu[" + i + "] = E grad_mu", smu[i], exact[2][i], z * sd + tol * 4);
            }
        });
    }

    /**
     * With the PPCA MLE decoder (W = U (Lambda - sigma^2)^{1/2}, whose columns are orthogonal, so M = W^T W +
     * sigma^2 I is diagonal) and the exact posterior as encoder (A = M^{-1} W^T, c = -A mean, s_j^2 = sigma^2 /
     * M_jj), the dataset ELBO equals the maximum log-likelihood (VAR-05's closed form from commons-math3
     * eigenvalues); any other linear VAE (random, target() climbing) has ELBO &lt;= log p_theta(X) &lt;= that maximum.
     */
    @Property(tries = 30)
    void ppcaSolutionIsAGlobalOptimum(Check check) {
        check.forAll(ProbabilisticPca.DATA.as("data"), cases(1.0).as("other encoder/decoder parameters"), (data, other) -> {
            int d = data.d();
            int q = data.q();
            double[][] s = ProbabilisticPca.covariance(data.x());
            double[] l = ProbabilisticPca.spectrum(s);
            check.assume(l[d - 1] > 1e-6 * l[0]);
            Ppca fit = Ppca.fit(data.x(), q);
            double[][] w = fit.w();
            double sigma2 = fit.sigma2();
            double[][] a = new double[q][d];
            double[] c = new double[q];
            double[] logStd = new double[q];
            for (int j = 0; j < q; j++) {
                double mjj = sigma2;
                for (int i = 0; i < d; i++) {
                    mjj += w[i][j] * w[i][j];
                }
                for (int i = 0; i < d; i++) {
                    a[j][i] = w[i][j] / mjj;
                    c[j] -= a[j][i] * fit.mean()[i];
                }
                logStd[j] = 0.5 * Math.log(sigma2 / mjj);
            }
            LinearVae opt = new LinearVae(a, c, logStd, w, fit.mean(), sigma2);
            int n = data.x().length;
            double best = -0.5 * n * (d * Math.log(2 * Math.PI) + (d - q) * Math.log(sigma2) + d);
            for (int j = 0; j < q; j++) {
                best -= 0.5 * n * Math.log(l[j]);
            }
            double e = gamma(64 * d) * new org.apache.commons.math3.linear.Array2DRowRealMatrix(s).getFrobeniusNorm();
            double tol = n / 2.0 * (d + l[0] / sigma2) * 4 * e / sigma2 + gamma(8 * d + 8 * n) * Math.abs(best) * 4;
            double elbo = 0;
            for (double[] xn : data.x()) {
                elbo += opt.expectedElbo(xn);
            }
            Claims.close("sum_n ELBO(PPCA decoder, exact posterior) = max log-likelihood", elbo, best, tol);
            LinearVae rnd = resized(other, d, q);
            double e2 = 0;
            for (double[] xn : data.x()) {
                e2 += rnd.expectedElbo(xn);
            }
            check.target(e2 - best, "ELBO(other) - max log L");
            Claims.atMost("sum_n ELBO(other VAE) <= max log-likelihood", e2, best + tol);
        });
    }

    /** Another VAE's parameters reshaped to d x q (entries reused cyclically). */
    static LinearVae resized(Case o, int d, int q) {
        double[][] a = new double[q][d];
        double[][] w = new double[d][q];
        double[] c = new double[q];
        double[] ls = new double[q];
        double[] mu = new double[d];
        for (int j = 0; j < q; j++) {
            c[j] = o.c()[j % o.c().length];
            ls[j] = o.logStd()[j % o.logStd().length];
            for (int i = 0; i < d; i++) {
                a[j][i] = o.a()[j % o.a().length][i % o.a()[0].length];
                w[i][j] = o.w()[i % o.w().length][j % o.w()[0].length];
            }
        }
        for (int i = 0; i < d; i++) {
            mu[i] = o.mu()[i % o.mu().length];
        }
        return new LinearVae(a, c, ls, w, mu, o.sigma2());
    }

    /**
     * Drop the pathwise derivative (differentiating through z = m + s eps): treating the sample as a constant
     * leaves only the KL's gradient -m for c, whose mean is not the expected gradient.
     */
    @Counterexample
    void stoppedSampleGradientIsBiased(Check check) {
        check.forAll(cases(1.0).as("vae"), c -> {
            double[] m = encoderMean(c);
            double[][] exact = exactGradient(c);
            Claims.close("mean grad_c with z held constant = E grad_c", -m[0], exact[0][0], 1e-9);
        });
    }
}
