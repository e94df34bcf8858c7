package dlmath.theorems.variational;

import static dlmath.check.Tol.gamma;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.variational.Ppca;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Tag;

/**
 * VAR-05 Probabilistic PCA: the maximum-likelihood W spans the top principal subspace, sigma^2 is the mean of
 * the discarded eigenvalues, the maximum is -N/2 (d ln 2 pi + sum_{j&lt;=q} ln lambda_j + (d - q) ln sigma^2 + d),
 * and EM never decreases the likelihood. Tipping &amp; Bishop, Probabilistic principal component analysis, JRSS-B
 * 61 (1999), Sec. 3.2 (eqs. 7, 8 and the maximum below eq. 8) and Sec. 4.2 / Appendix B (EM, eqs. 29-30);
 * Dempster, Laird &amp; Rubin (1977), Thm 1. Page: theorems/variational/VAR-05-probabilistic-pca.md.
 */
@Theorem(id = "VAR-05", name = "Probabilistic PCA",
        statement = "PPCA MLE: W spans the top-q eigenvectors, sigma^2 = mean discarded eigenvalue; EM is monotone")
@Tag("variational")
class ProbabilisticPca {

    record Data(double[][] x, int q) {
        int d() {
            return x[0].length;
        }

        @Override
        public String toString() {
            return "q = " + q + ", x = " + Arrays.deepToString(x);
        }
    }

    /** N points in d dims: x = W z + noise, with per-direction scales drawn so the spectrum varies; d in [2, 6]. */
    static final Gen<Data> DATA = s -> {
        int d = s.draw(Gens.integers(2, 6));
        int q = s.draw(Gens.integers(1, d - 1));
        int n = s.draw(Gens.integers(d + 2, 40));
        double[] scale = s.draw(Gens.doubleArrays(Gens.doubles(0.1, 5), d, d));
        double[][] mix = EvidenceLowerBound.matrices(d, d, -1, 1).generate(s);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double[] z = s.draw(Gens.doubleArrays(Gens.doubles(-2, 2), d, d));
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    x[i][r] += (mix[r][c] + (r == c ? 2 : 0)) * scale[c] * z[c];
                }
            }
        }
        return new Data(x, q);
    };

    /** The sample covariance by the test's own loop (divisor N). */
    static double[][] covariance(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] m = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                m[j] += row[j] / n;
            }
        }
        double[][] s = new double[d][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    s[i][j] += (row[i] - m[i]) * (row[j] - m[j]) / n;
                }
            }
        }
        return s;
    }

    /** Eigenvalues descending (commons-math3). */
    static double[] spectrum(double[][] s) {
        double[] l = new EigenDecomposition(new Array2DRowRealMatrix(s)).getRealEigenvalues().clone();
        Arrays.sort(l);
        double[] r = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            r[i] = l[l.length - 1 - i];
        }
        return r;
    }

    /** log-likelihood -N/2 (d ln 2 pi + ln|C| + tr(C^{-1} S)) by commons-math3, for C = W W^T + sigma2 I. */
    static double logLikelihood(double[][] w, double sigma2, double[][] s, int n) {
        RealMatrix wm = new Array2DRowRealMatrix(w);
        int d = w.length;
        RealMatrix c = wm.multiply(wm.transpose()).add(MatrixUtils.createRealIdentityMatrix(d).scalarMultiply(sigma2));
        CholeskyDecomposition cc = new CholeskyDecomposition(c, 1e-12, 1e-300);
        double tr = cc.getSolver().getInverse().multiply(new Array2DRowRealMatrix(s)).getTrace();
        return -0.5 * n * (d * Math.log(2 * Math.PI) + Math.log(cc.getDeterminant()) + tr);
    }

    /**
     * Tolerances: S is formed to gamma_{N+2} ||S||; the Jacobi eigensolver is backward stable (c sweeps d u ||S||,
     * LA-05), so eigenvalues move by at most e = gamma_{64 d} ||S||_F (Weyl) and the projector onto the top q
     * eigenvectors by at most 2 e / gap (Davis-Kahan sin theta), gap = lambda_q - lambda_{q+1}; W W^T =
     * U (Lambda_q - sigma^2) U^T then errs by at most lambda_1 2e/gap + 2e entrywise, likelihoods by
     * N/2 (d + kappa(C)) (4e/sigma^2) (relative perturbation of ln|C| and tr(C^{-1} S)).
     */
    @Property(tries = 100)
    void maximumLikelihoodIsTheTopSubspace(Check check) {
        check.forAll(DATA.as("data"), data -> {
            int d = data.d();
            int q = data.q();
            double[][] s = covariance(data.x());
            double[] l = spectrum(s);
            double gap = l[q - 1] - l[q];
            double fro = new Array2DRowRealMatrix(s).getFrobeniusNorm();
            double e = gamma(64 * d) * fro + gamma(data.x().length + 4) * fro;
            check.assume(gap > 100 * e && l[d - 1] > 1e-6 * l[0]);
            Ppca fit = Ppca.fit(data.x(), q);
            double sigma2 = 0;
            for (int j = q; j < d; j++) {
                sigma2 += l[j] / (d - q);
            }
            Claims.close("sigma^2 = mean of the discarded eigenvalues", fit.sigma2(), sigma2, e);
            // W W^T = U_q (Lambda_q - sigma^2 I) U_q^T, from commons-math3's eigenvectors
            EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(s));
            double[] raw = ed.getRealEigenvalues();
            Integer[] order = new Integer[d];
            for (int i = 0; i < d; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(raw[b], raw[a]));
            double[][] w = fit.w();
            double tol = l[0] * 2 * e / gap + 2 * e;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double ref = 0;
                    double got = 0;
                    for (int c = 0; c < q; c++) {
                        ref += ed.getEigenvector(order[c]).getEntry(i) * (raw[order[c]] - sigma2)
                                * ed.getEigenvector(order[c]).getEntry(j);
                        got += w[i][c] * w[j][c];
                    }
                    Claims.close("(W W^T)[" + i + "][" + j + "] = U (Lambda - sigma^2) U^T", got, ref, tol);
                }
            }
            int n = data.x().length;
            double best = -0.5 * n * (d * Math.log(2 * Math.PI) + (d - q) * Math.log(sigma2) + d);
            for (int j = 0; j < q; j++) {
                best -= 0.5 * n * Math.log(l[j]);
            }
            double lltol = n / 2.0 * (d + l[0] / sigma2) * 4 * e / sigma2 + gamma(8 * d) * Math.abs(best);
            Claims.close("log L(W_ML) = -N/2 (d ln 2pi + sum ln lambda_j + (d-q) ln sigma^2 + d)",
                    fit.logLikelihood(data.x()), best, lltol);
        });
    }

    /** Any other (W, sigma^2) has a likelihood at most the maximum (commons-math3 likelihood); target() climbs. */
    @Property(tries = 100)
    void noOtherParametersDoBetter(Check check) {
        check.forAll(DATA.as("data"), Gens.doubles(-3, 3).list(36, 36).as("W entries"), Gens.doubles(0.01, 10)
                .as("sigma^2"), (data, entries, sigma2) -> {
            int d = data.d();
            int q = data.q();
            double[][] s = covariance(data.x());
            double[] l = spectrum(s);
            check.assume(l[d - 1] > 1e-6 * l[0]);
            Ppca fit = Ppca.fit(data.x(), q);
            double[][] w = new double[d][q];
            for (int i = 0; i < d; i++) {
                for (int c = 0; c < q; c++) {
                    w[i][c] = entries.get(i * 6 + c);
                }
            }
            int n = data.x().length;
            double mle = logLikelihood(fit.w(), fit.sigma2(), s, n);
            double other = logLikelihood(w, sigma2, s, n);
            double e = gamma(64 * d) * new Array2DRowRealMatrix(s).getFrobeniusNorm();
            double tol = n / 2.0 * (d + l[0] / fit.sigma2()) * 4 * e / fit.sigma2() + gamma(8 * d) * Math.abs(mle);
            check.target(other - mle, "log L(other) - log L(MLE)");
            Claims.atMost("log L(W, sigma^2) <= log L(W_ML, sigma^2_ML)", other, mle + tol);
        });
    }

    /**
     * EM (eqs. 29-30) never decreases the likelihood (commons-math3 likelihood at each of 30 steps from a random
     * start); each likelihood is at most the maximum; the MLE is a fixed point of the EM map.
     * Tolerance per comparison: the two likelihood evaluations' error, gamma_{16 d} kappa(C) (N/2)(d + tr(C^{-1} S)).
     */
    @Property(tries = 60)
    void emIsMonotoneAndFixesTheMle(Check check) {
        check.forAll(DATA.as("data"), Gens.doubles(-2, 2).list(36, 36).as("W0 entries"), (data, entries) -> {
            int d = data.d();
            int q = data.q();
            double[][] s = covariance(data.x());
            double[] l = spectrum(s);
            check.assume(l[d - 1] > 1e-6 * l[0]);
            int n = data.x().length;
            double[][] w0 = new double[d][q];
            for (int i = 0; i < d; i++) {
                for (int c = 0; c < q; c++) {
                    w0[i][c] = entries.get(i * 6 + c);
                }
            }
            Ppca fit = Ppca.fit(data.x(), q);
            double max = logLikelihood(fit.w(), fit.sigma2(), s, n);
            Ppca m = new Ppca(w0, fit.mean(), Arrays.stream(l).sum() / d);
            double prev = logLikelihood(m.w(), m.sigma2(), s, n);
            double[] trace = new double[31];
            trace[0] = prev;
            for (int t = 1; t <= 30; t++) {
                m = m.emStep(Ppca.sampleCovariance(data.x()));
                double cur = logLikelihood(m.w(), m.sigma2(), s, n);
                trace[t] = cur;
                double tol = emTolerance(d, l, m.sigma2(), n, cur);
                Claims.atLeast("log L(EM step " + t + ") >= log L(step " + (t - 1) + ")", cur, prev - 2 * tol);
                Claims.atMost("log L(EM step " + t + ") <= max", cur, max + 2 * tol);
                prev = cur;
            }
            check.note("log L per EM step", Arrays.toString(trace));
            check.note("max log L", max);
            Ppca again = fit.emStep(Ppca.sampleCovariance(data.x()));
            double gap = l[q - 1] - l[q];
            double e = gamma(64 * d) * new Array2DRowRealMatrix(s).getFrobeniusNorm();
            if (gap > 100 * e) {
                Claims.close("EM fixes sigma^2_ML", again.sigma2(), fit.sigma2(), 8 * e * (1 + l[0] / gap));
            }
        });
    }

    static double emTolerance(int d, double[] l, double sigma2, int n, double ll) {
        double kappa = (l[0] + sigma2) / sigma2;
        return gamma(16 * d) * kappa * (n / 2.0) * (d + l[0] / sigma2 * d) + gamma(16 * d) * Math.abs(ll);
    }

    /**
     * Drop "W has exactly q columns from the top q eigenpairs": using the bottom eigenvectors (the minor
     * subspace) with the same formula gives a strictly smaller likelihood than claimed by the maximum.
     */
    @Counterexample
    void minorSubspaceIsNotTheMaximum(Check check) {
        check.forAll(DATA.as("data"), data -> {
            int d = data.d();
            int q = data.q();
            double[][] s = covariance(data.x());
            double[] l = spectrum(s);
            check.assume(l[d - 1] > 1e-6 * l[0]);
            EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(s));
            double[] raw = ed.getRealEigenvalues();
            Integer[] order = new Integer[d];
            for (int i = 0; i < d; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(raw[a], raw[b]));   // ascending: the minor subspace
            double sigma2 = 0;
            for (int j = q; j < d; j++) {
                sigma2 += raw[order[j]] / (d - q);
            }
            double[][] w = new double[d][q];
            for (int c = 0; c < q; c++) {
                double sc = Math.sqrt(Math.max(0, raw[order[c]] - sigma2));
                for (int i = 0; i < d; i++) {
                    w[i][c] = ed.getEigenvector(order[c]).getEntry(i) * sc;
                }
            }
            int n = data.x().length;
            Ppca fit = Ppca.fit(data.x(), q);
            double mle = logLikelihood(fit.w(), fit.sigma2(), s, n);
            Claims.atLeast("log L(minor subspace) >= log L(W_ML)", logLikelihood(w, Math.max(sigma2, 1e-300), s, n),
                    mle - 1e-9 * Math.abs(mle));
        });
    }
}
