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
 * Laurent-Massart bound; the reparameterized ELBO gradient is unbiased for every parameter (exactly, by a
 * Gauss-Hermite product rule, and statistically, Laurent-Massart and Gaussian bounds) and its expectation is the
 * gradient of the closed-form ELBO; with the PPCA maximum-likelihood decoder and the exact posterior as encoder,
 * the ELBO equals the maximum log-likelihood, which bounds every other linear VAE's ELBO, so the PPCA solution is
 * a global optimum; block coordinate ascent on the ELBO reaches the PPCA subspace at the subspace-iteration rate. Kingma &amp; Welling, Auto-Encoding Variational Bayes, ICLR 2014, Sec. 2.4 and
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
     * The mean of n = 400 reparameterized gradients (autodiff through z = m + s eps) is within a concentration bound
     * of the exact expected gradient, for every parameter. Per entry the sampled gradient is a + b.eps + eps^T Q eps
     * (see {@link #reparameterizedGradientIsUnbiasedExactly}): for c, A and mu Q = 0 and the variances are
     * (G diag(s^2) G^T)_jj, G = W^T W / sigma2 (times x_l^2 for A_jl), and (W diag(s^2) W^T)_ii / sigma2^2 (mu); for W_ij
     * b_l = (r0_i s_j [l = j] - m_j W_il s_l) / sigma2 and Q = -(u e_j^T + e_j u^T) / (2 sigma2) with u_l = W_il s_l s_j; for
     * log s_j b = (W^T r0)_j s_j e_j / sigma2 and u_l = s_j (W^T W)_jl s_l (r0 = x - mu - W m). Q has the eigenvalues
     * -(u_j +- ||u||) / (2 sigma2), so over n samples the quadratic part is lambda_+ (chi2_n - n) + lambda_- (chi2'_n - n)
     * with independent chi-squares; Laurent-Massart (Lemma 1) bounds each by 2 sqrt(n X) + 2 X in both directions except
     * with probability 2 e^{-X} each, and the Gaussian linear part by sqrt(2 X n) ||b|| except with 2 e^{-X}. So
     * |mean - E| &lt;= ((|lambda_+| + |lambda_-|)(2 sqrt(n X) + 2 X) + sqrt(2 X n) ||b||) / n with probability at least
     * 1 - 6 e^{-X} per entry; X = ln(6 E / 1e-9) over the E entries (Bonferroni: false alarm 1e-9 per check). Rounding:
     * gamma_{n + 32(d+k)} times {@link #sampleMagnitude} at the largest |eps| drawn. The implementation's expected-ELBO
     * gradient (autodiff of the closed form) equals the hand-derived one to gamma_{32(d+k)} times the magnitudes.
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
            double[] exactAll = flatExact(c);
            double[] sum = new double[exactAll.length];
            double emax = 0;
            for (int t = 0; t < n; t++) {
                double[] eps = new double[k];
                for (int j = 0; j < k; j++) {
                    eps[j] = rng.nextGaussian();
                    emax = Math.max(emax, Math.abs(eps[j]));
                }
                double[] g = flat(c.vae().elboGradient(c.x(), eps));
                for (int i = 0; i < g.length; i++) {
                    sum[i] += g[i] / n;
                }
            }
            double xx = Math.log(6.0 * exactAll.length / 1e-9);
            double rounding = gamma(n + 32 * (d + k)) * sampleMagnitude(c, emax) * Math.max(1, Vt.maxAbs(c.x())) + tol * 4;
            double[] dev = deviations(c, n, xx);
            String[] names = names(d, k);
            for (int i = 0; i < exactAll.length; i++) {
                Claims.close("mean of " + n + " grad " + names[i] + " = E grad " + names[i], sum[i], exactAll[i],
                        dev[i] + rounding);
            }
        });
    }

    /** Per entry (order of {@link #flat}) the concentration bound of the reparameterized-gradient property. */
    static double[] deviations(Case c, int n, double xx) {
        int d = c.x().length;
        int k = c.c().length;
        double[] m = encoderMean(c);
        double[] s = new double[k];
        for (int j = 0; j < k; j++) {
            s[j] = Math.exp(c.logStd()[j]);
        }
        double[] r0 = new double[d];
        for (int i = 0; i < d; i++) {
            r0[i] = c.x()[i] - c.mu()[i];
            for (int j = 0; j < k; j++) {
                r0[i] -= c.w()[i][j] * m[j];
            }
        }
        double sig = c.sigma2();
        double lin = Math.sqrt(2 * xx * n);
        double quad = 2 * Math.sqrt(n * xx) + 2 * xx;
        double[] gcSd = new double[k];   // ||b|| of grad c_j: b_l = -(W^T W)_jl s_l / sigma2
        double[][] gram = new double[k][k];
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < k; l++) {
                for (int i = 0; i < d; i++) {
                    gram[j][l] += c.w()[i][j] * c.w()[i][l];
                }
            }
        }
        for (int j = 0; j < k; j++) {
            double v = 0;
            for (int l = 0; l < k; l++) {
                v += Math.pow(gram[j][l] * s[l] / sig, 2);
            }
            gcSd[j] = Math.sqrt(v);
        }
        double[] out = new double[k * d + k + k + d * k + d];
        int p = 0;
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < d; l++) {
                out[p++] = lin * gcSd[j] * Math.abs(c.x()[l]) / n;
            }
        }
        for (int j = 0; j < k; j++) {
            out[p++] = lin * gcSd[j] / n;
        }
        for (int j = 0; j < k; j++) {   // log s_j
            double wr = 0;
            for (int i = 0; i < d; i++) {
                wr += c.w()[i][j] * r0[i];
            }
            double b = Math.abs(wr * s[j] / sig);
            double[] u = new double[k];
            for (int l = 0; l < k; l++) {
                u[l] = s[j] * gram[j][l] * s[l];
            }
            out[p++] = (quadEigen(u, j, sig) * quad + lin * b) / n;
        }
        for (int i = 0; i < d; i++) {   // W_ij
            for (int j = 0; j < k; j++) {
                double[] b = new double[k];
                double[] u = new double[k];
                for (int l = 0; l < k; l++) {
                    b[l] = ((l == j ? r0[i] * s[j] : 0) - m[j] * c.w()[i][l] * s[l]) / sig;
                    u[l] = c.w()[i][l] * s[l] * s[j];
                }
                out[p++] = (quadEigen(u, j, sig) * quad + lin * Math.sqrt(dot(b, b))) / n;
            }
        }
        for (int i = 0; i < d; i++) {   // mu_i: b_l = -W_il s_l / sigma2
            double v = 0;
            for (int j = 0; j < k; j++) {
                v += Math.pow(c.w()[i][j] * s[j] / sig, 2);
            }
            out[p++] = lin * Math.sqrt(v) / n;
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += a[i] * b[i];
        }
        return t;
    }

    /** |lambda_+| + |lambda_-| of Q = -(u e_j^T + e_j u^T) / (2 sigma2): (|u_j + ||u||| + |u_j - ||u|||) / (2 sigma2). */
    static double quadEigen(double[] u, int j, double sigma2) {
        double norm = Math.sqrt(dot(u, u));
        return (Math.abs(u[j] + norm) + Math.abs(u[j] - norm)) / (2 * sigma2);
    }

    /**
     * The largest |entry| of the one-sample gradient terms with |eps_j| &lt;= e, every term in absolute value:
     * r_i = |x_i| + |mu_i| + sum_j |W_ij| (|m_j| + s_j e), z_j = |m_j| + s_j e; grad W_ij = r_i z_j / sigma2,
     * grad l_j = sum_i |W_ij| r_i s_j e / sigma2 + s_j^2 + 1, grad c_j = sum_i |W_ij| r_i / sigma2 + |m_j|,
     * grad A_jl = grad c_j |x_l|, grad mu_i = r_i / sigma2. Autodiff rounds each entry within gamma_{32(d+k)} of it.
     */
    static double sampleMagnitude(Case c, double e) {
        int d = c.x().length;
        int k = c.c().length;
        double[] m = new double[k];
        double[] z = new double[k];
        for (int j = 0; j < k; j++) {
            m[j] = Math.abs(c.c()[j]);
            for (int l = 0; l < d; l++) {
                m[j] += Math.abs(c.a()[j][l] * c.x()[l]);
            }
            z[j] = m[j] + Math.exp(c.logStd()[j]) * e;
        }
        double xmax = Math.max(1, Vt.maxAbs(c.x()));
        double[] r = new double[d];
        double mag = 0;
        for (int i = 0; i < d; i++) {
            r[i] = Math.abs(c.x()[i]) + Math.abs(c.mu()[i]);
            for (int j = 0; j < k; j++) {
                r[i] += Math.abs(c.w()[i][j]) * z[j];
            }
            mag = Math.max(mag, r[i] / c.sigma2());
            for (int j = 0; j < k; j++) {
                mag = Math.max(mag, r[i] * z[j] / c.sigma2());
            }
        }
        for (int j = 0; j < k; j++) {
            double gl = 0;
            double gc = m[j];
            for (int i = 0; i < d; i++) {
                gl += Math.abs(c.w()[i][j]) * r[i] * Math.exp(c.logStd()[j]) * e / c.sigma2();
                gc += Math.abs(c.w()[i][j]) * r[i] / c.sigma2();
            }
            mag = Math.max(mag, Math.max(gl + Math.exp(2 * c.logStd()[j]) + 1, gc * xmax));
        }
        return mag;
    }

    /** All entries of a gradient in one array: A, c, log s, W, mu. */
    static double[] flat(LinearVae.Gradient g) {
        java.util.stream.DoubleStream.Builder b = java.util.stream.DoubleStream.builder();
        for (double[] row : g.a()) {
            Arrays.stream(row).forEach(b);
        }
        Arrays.stream(g.c()).forEach(b);
        Arrays.stream(g.logStd()).forEach(b);
        for (double[] row : g.w()) {
            Arrays.stream(row).forEach(b);
        }
        Arrays.stream(g.mu()).forEach(b);
        return b.build().toArray();
    }

    /** The hand-derived expected gradient in the order of {@link #flat}: A = g_c x^T, c, log s, W, mu. */
    static double[] flatExact(Case c) {
        double[][] e = exactGradient(c);
        int d = c.x().length;
        int k = c.c().length;
        double[] out = new double[k * d + k + k + d * k + d];
        int p = 0;
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < d; l++) {
                out[p++] = e[0][j] * c.x()[l];
            }
        }
        for (int j = 0; j < k; j++) {
            out[p++] = e[0][j];
        }
        for (int j = 0; j < k; j++) {
            out[p++] = e[1][j];
        }
        for (int i = 0; i < d * k; i++) {
            out[p++] = e[3][i];
        }
        for (int i = 0; i < d; i++) {
            out[p++] = e[2][i];
        }
        return out;
    }

    /**
     * The reparameterized gradient is unbiased for every parameter, exactly: the one-sample ELBO is a polynomial
     * in eps of degree 2 (r = x - mu - W (m + s eps) is affine in eps, the ELBO quadratic), so its gradient with
     * respect to A, c, mu is affine and with respect to W (r_i z_j / sigma2) and log s ((W^T r)_j s_j eps_j / sigma2
     * - (s_j^2 - 1)) quadratic in eps. The two-point Gauss-Hermite rule (nodes +-1, weights 1/2; exact for degree
     * &lt;= 3 in each coordinate, since E eps = E eps^3 = 0 and E eps^2 = 1) taken as a product over the k
     * coordinates therefore gives E_eps[grad] exactly: the mean of elboGradient over the 2^k sign vectors equals the
     * hand-derived expected gradient. Tolerance: each sampled entry rounds within gamma_{32(d+k)} of
     * {@link #sampleMagnitude} at e = 1, the mean of 2^k adds gamma_k, the hand-derived side gamma_{32(d+k)} of the
     * magnitudes of {@link #exactGradient}.
     */
    @Property(tries = 60)
    void reparameterizedGradientIsUnbiasedExactly(Check check) {
        check.forAll(cases(1.5).as("vae"), c -> {
            int k = c.c().length;
            int d = c.x().length;
            double[] exact = flatExact(c);
            double[] mean = new double[exact.length];
            int nodes = 1 << k;
            for (int b = 0; b < nodes; b++) {
                double[] eps = new double[k];
                for (int j = 0; j < k; j++) {
                    eps[j] = ((b >> j) & 1) == 0 ? -1 : 1;
                }
                double[] g = flat(c.vae().elboGradient(c.x(), eps));
                for (int i = 0; i < g.length; i++) {
                    mean[i] += g[i] / nodes;
                }
            }
            double mags = 0;
            for (double[] g : exactGradient(c, true)) {
                mags = Math.max(mags, Vt.maxAbs(g));
            }
            double tol = gamma(32 * (d + k) + k) * sampleMagnitude(c, 1) + gamma(32 * (d + k)) * mags
                    * Math.max(1, Vt.maxAbs(c.x()));
            String[] names = names(d, k);
            for (int i = 0; i < exact.length; i++) {
                Claims.close("mean over eps in {-1, 1}^k of grad " + names[i] + " = E grad (exact cubature)", mean[i],
                        exact[i], tol);
            }
        });
    }

    static String[] names(int d, int k) {
        String[] n = new String[k * d + k + k + d * k + d];
        int p = 0;
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < d; l++) {
                n[p++] = "A[" + j + "][" + l + "]";
            }
        }
        for (int j = 0; j < k; j++) {
            n[p++] = "c[" + j + "]";
        }
        for (int j = 0; j < k; j++) {
            n[p++] = "log s[" + j + "]";
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < k; j++) {
                n[p++] = "W[" + i + "][" + j + "]";
            }
        }
        for (int i = 0; i < d; i++) {
            n[p++] = "mu[" + i + "]";
        }
        return n;
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

    /**
     * Training the linear VAE converges to the PPCA subspace (Lucas et al. 2019, Sec. 4: the global optimum of the
     * linear VAE's ELBO has the PPCA MLE decoder). The data are 2d points +-sqrt(d lambda_j) v_j, mean 0 and sample
     * covariance exactly S = V Lambda V^T (VAR-05's {@code SPECTRA}). Training is coordinate ascent on the dataset ELBO,
     * both blocks in closed form: the encoder given (W, sigma2) (setting the ELBO's gradient to 0: A = M^-1 W^T,
     * c = 0, s_j^2 = sigma2 / M_jj, M = W^T W + sigma2 I); the decoder given the encoder (the expected complete-data
     * least squares: W' = S W M^-1 (M^-1 W^T S W M^-1 + sigma2 D^-1)^-1, D = diag(M), and sigma2' the mean squared
     * expected residual). span(W') = span(S W): like PPCA's EM it is subspace iteration, so the VAR-05 bound
     * tan theta_t &lt;= (lambda_{q+1} / lambda_q)^t tan theta_0 holds, with the same per-step rounding allowance
     * (the q x q factor inverted by commons-math3's LU). Claims: the implementation's dataset ELBO never decreases
     * along the ascent (each block update maximizes it; tolerance gamma_{32(d+q)} times the sum of the ELBO's
     * absolute terms; checked at steps 0-7, every 32nd and the last, each against the previous check); the decoder's span approaches the
     * top-q eigenvectors (the construction's V) within the bound, below 1e-7 after T_s steps; at the end the
     * implementation's gradient with respect to the encoder (A, c, log s) vanishes to rounding (the encoder is
     * optimal in closed form): gamma_{32(d+q)} times {@link #exactGradient}'s magnitudes per point, summed.
     */
    @Property(tries = 30)
    void trainedDecoderSpansThePpcaSubspace(Check check) {
        check.forAll(ProbabilisticPca.SPECTRA.as("spectrum"), sp -> {
            int d = sp.d();
            int q = sp.q();
            double[] l = sp.lambda();
            org.apache.commons.math3.linear.RealMatrix sm = new org.apache.commons.math3.linear.Array2DRowRealMatrix(sp.s());
            org.apache.commons.math3.linear.RealMatrix u = sp.v().getSubMatrix(0, d - 1, 0, q - 1);
            double eo = gamma(16 * d) * d * l[0];
            double rho = (l[q] + eo) / (l[q - 1] - eo);
            double oracle = 2 * eo / (l[q - 1] - l[q]);
            double kappa0 = ProbabilisticPca.kappa(new org.apache.commons.math3.linear.Array2DRowRealMatrix(sp.w0()));
            check.assume(kappa0 < 1e6);
            double sin0 = ProbabilisticPca.sinAngle(sp.w0(), u);
            check.assume(sin0 < 1 - 1e-6);
            check.label(d >= 20 ? "d in [20, 30]" : "d in [2, 8]");
            check.cover(3, d >= 20, "d in [20, 30]");   // oneOf: P(no such try in 30) = 2^-30 = 9.3e-10
            double[][] x = new double[2 * d][d];
            for (int j = 0; j < d; j++) {
                double r = Math.sqrt(d * l[j]);
                for (int i = 0; i < d; i++) {
                    x[2 * j][i] = r * sp.v().getEntry(i, j);
                    x[2 * j + 1][i] = -x[2 * j][i];
                }
            }
            double fro = sm.getFrobeniusNorm();
            double trace = 0;
            for (double v : l) {
                trace += v;
            }
            double theta0 = Math.asin(Math.min(1, sin0 + oracle + gamma(8 * d) * (1 + kappa0)));
            int ts = Math.max(1, (int) Math.ceil(Math.log(Math.tan(theta0) / 1e-7) / Math.log(1 / rho)));
            org.apache.commons.math3.linear.RealMatrix w = new org.apache.commons.math3.linear.Array2DRowRealMatrix(sp.w0());
            double sigma2 = trace / d;
            double bound = theta0;
            double prev = Double.NEGATIVE_INFINITY;
            LinearVae vae = null;
            double[][] aFin = null;
            double[] lsFin = null;
            for (int t = 0; t <= ts; t++) {
                org.apache.commons.math3.linear.RealMatrix id = org.apache.commons.math3.linear.MatrixUtils.createRealIdentityMatrix(q);
                org.apache.commons.math3.linear.RealMatrix mm = w.transpose().multiply(w).add(id.scalarMultiply(sigma2));
                org.apache.commons.math3.linear.RealMatrix mInv = org.apache.commons.math3.linear.MatrixUtils.inverse(mm);
                double[][] a = mInv.multiply(w.transpose()).getData();
                double[] logStd = new double[q];
                double[] dInv = new double[q];
                for (int j = 0; j < q; j++) {
                    logStd[j] = 0.5 * Math.log(sigma2 / mm.getEntry(j, j));
                    dInv[j] = 1 / mm.getEntry(j, j);
                }
                vae = new LinearVae(a, new double[q], logStd, w.getData(), new double[d], sigma2);
                aFin = a;
                lsFin = logStd;
                if (t < 8 || t % 32 == 0 || t == ts) {
                    double elbo = 0;
                    double mag = 0;
                    for (double[] xn : x) {
                        elbo += vae.expectedElbo(xn);
                        mag += elboMagnitude(a, logStd, w.getData(), sigma2, xn);
                    }
                    Claims.atLeast("sum_n ELBO after block ascent step " + t + " >= before", elbo,
                            prev - gamma(32 * (d + q)) * mag);
                    prev = elbo;
                }
                if (t == ts) {
                    break;
                }
                // the decoder update
                org.apache.commons.math3.linear.RealMatrix sw = sm.multiply(w);
                org.apache.commons.math3.linear.RealMatrix ezz = mInv.multiply(w.transpose().multiply(sw)).multiply(mInv)
                        .add(org.apache.commons.math3.linear.MatrixUtils.createRealDiagonalMatrix(dInv).scalarMultiply(sigma2));
                org.apache.commons.math3.linear.RealMatrix k = mInv.multiply(org.apache.commons.math3.linear.MatrixUtils.inverse(ezz));
                org.apache.commons.math3.linear.RealMatrix next = sw.multiply(k);
                // sigma2' = (tr S - 2 tr(W'^T S W M^-1) + tr(W'^T W' Ezz)) / d
                double s2 = (trace - 2 * next.transpose().multiply(sw).multiply(mInv).getTrace()
                        + next.transpose().multiply(next).multiply(ezz).getTrace()) / d;
                double delta = gamma(d) * fro * w.getFrobeniusNorm() / ProbabilisticPca.sigmaMin(sw)
                        + 8 * gamma(3 * q) * ProbabilisticPca.kappa(k) * ProbabilisticPca.kappa(next);
                bound = Math.atan(rho * Math.tan(bound)) + Math.asin(Math.min(1, delta));
                w = next;
                sigma2 = s2;
                double sin = ProbabilisticPca.sinAngle(w.getData(), u);
                Claims.atMost("sin theta(span W_" + (t + 1) + ", U_q) <= sin B_" + (t + 1) + " (rho = " + rho + ")", sin,
                        Math.sin(Math.min(bound, Math.PI / 2)) + oracle + gamma(8 * d) * (1 + ProbabilisticPca.kappa(w)));
            }
            check.note("T_s", ts);
            // the encoder is optimal: the implementation's gradient in A, c, log s vanishes (summed over the data)
            double[][] ga = new double[q][d];
            double[] gc = new double[q];
            double[] gl = new double[q];
            double tol = 0;
            for (double[] xn : x) {
                LinearVae.Gradient g = vae.expectedElboGradient(xn);
                Case cs = new Case(vae, aFin, new double[q], lsFin, w.getData(), new double[d], sigma2, xn, 0);
                double mags = 0;
                for (double[] e : exactGradient(cs, true)) {
                    mags = Math.max(mags, Vt.maxAbs(e));
                }
                tol += gamma(32 * (d + q)) * mags * Math.max(1, Vt.maxAbs(xn));
                for (int j = 0; j < q; j++) {
                    gc[j] += g.c()[j];
                    gl[j] += g.logStd()[j];
                    for (int i = 0; i < d; i++) {
                        ga[j][i] += g.a()[j][i];
                    }
                }
            }
            for (int j = 0; j < q; j++) {
                Claims.close("sum_n dELBO/dc[" + j + "] at the optimal encoder = 0", gc[j], 0, tol);
                Claims.close("sum_n dELBO/dlog s[" + j + "] at the optimal encoder = 0", gl[j], 0, tol);
                for (int i = 0; i < d; i++) {
                    Claims.close("sum_n dELBO/dA[" + j + "][" + i + "] at the optimal encoder = 0", ga[j][i], 0, tol);
                }
            }
        });
    }

    /** The sum of the absolute terms of the expected ELBO at x (its rounding scale). */
    static double elboMagnitude(double[][] a, double[] logStd, double[][] w, double sigma2, double[] x) {
        int q = logStd.length;
        int d = x.length;
        double[] m = new double[q];
        for (int j = 0; j < q; j++) {
            for (int i = 0; i < d; i++) {
                m[j] += Math.abs(a[j][i] * x[i]);
            }
        }
        double total = 0.5 * d * Math.abs(Math.log(2 * Math.PI * sigma2));
        for (int i = 0; i < d; i++) {
            double r = Math.abs(x[i]);
            for (int j = 0; j < q; j++) {
                r += Math.abs(w[i][j]) * m[j];
                total += w[i][j] * w[i][j] * Math.exp(2 * logStd[j]) / (2 * sigma2);
            }
            total += r * r / (2 * sigma2);
        }
        for (int j = 0; j < q; j++) {
            total += 0.5 * (Math.exp(2 * logStd[j]) + m[j] * m[j] + 1 + 2 * Math.abs(logStd[j]));
        }
        return total;
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
