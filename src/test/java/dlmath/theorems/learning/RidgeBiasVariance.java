package dlmath.theorems.learning;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.learn.Ridge;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Tag;

/**
 * ML-07 The bias-variance decomposition of ridge regression, computed exactly. Hastie, Tibshirani &amp; Friedman,
 * ESL 2nd ed., Sec. 7.3, eq. 7.9 and the ridge case below it; the exact expectation by the degree-3 symmetric
 * cubature rule for the Gaussian (Stroud, <i>Approximate Calculation of Multiple Integrals</i>, 1971, rule E_n^{r^2}
 * 3-1). Page: theorems/learning/ML-07-ridge-bias-variance.md.
 */
@Theorem(id = "ML-07", name = "Bias-variance decomposition of ridge regression",
        statement = "for y = X w* + e, e ~ N(0, s^2 I), and a new y0 = x0^T w* + e0, E (y0 - x0^T w_lambda)^2 = bias^2 + "
                + "variance + s^2 with bias = x0^T (w* - A X w*), variance = s^2 ||A^T x0||^2, A = (X^T X + lambda I)^-1 X^T")
@Tag("learning")
class RidgeBiasVariance {

    /** A design, true weights, noise scales (one per row, plus the new point's), a test point and lambda. */
    record Setup(double[][] x, double[] w, double[] sigma, double[] x0, double lambda) {
        @Override
        public String toString() {
            return "X = " + Ml.show(x) + ", w* = " + Arrays.toString(w) + ", sigma = " + Arrays.toString(sigma) + ", x0 = "
                    + Arrays.toString(x0) + ", lambda = " + lambda;
        }
    }

    /** n in [1, 10] rows, d in [1, 4]; entries N(0, 1); lambda 0 (pseudo-inverse) or in [0.01, 10]. */
    static Gen<Setup> setups(boolean heteroscedastic) {
        return Gens.tuples(Gens.integers(1, 10), Gens.integers(1, 4)).flatMap(t -> {
            int n = t.first();
            int d = t.second();
            Gen<double[]> sig = heteroscedastic ? Gens.doubleArrays(Gens.doubles(0.1, 3), n + 1, n + 1)
                    : Gens.doubles(0.1, 3).map(s -> {
                        double[] a = new double[n + 1];
                        Arrays.fill(a, s);
                        return a;
                    });
            return Gens.tuples(Gens.tuples(Gens.listOfSize(Gens.doubleArrays(Gens.standardNormals(), d, d), n),
                    Gens.doubleArrays(Gens.doubles(-3, 3), d, d)), Gens.tuples(sig, Gens.doubleArrays(Gens.standardNormals(), d, d)),
                    Gens.oneOf(Gens.constant(0.0), Gens.doubles(0.01, 10))).map(u -> new Setup(
                    u.first().first().toArray(double[][]::new), u.first().second(), u.second().first(), u.second().second(),
                    u.third()));
        });
    }

    /**
     * The expected squared error by cubature: q(e, e0) = (x0^T w* + e0 - x0^T w_lambda(X w* + e))^2 is a quadratic in
     * the m = n + 1 Gaussian variables, and the rule (1 / 2m) sum_k [q(+s_k sqrt(m) e_k) + q(-s_k sqrt(m) e_k)] is exact
     * for polynomials of degree 3 (E e_k^2 = s_k^2; odd moments and cross terms vanish). 2n ridge fits, no sampling.
     * Returns {expectation, largest |q| evaluated, largest ||w|| fitted, largest ||y||}.
     */
    static double[] expectedError(Setup s) {
        int n = s.x().length;
        int m = n + 1;
        double[] signal = new double[n];
        for (int i = 0; i < n; i++) {
            signal[i] = Ml.dot(s.x()[i], s.w());
        }
        double target = Ml.dot(s.x0(), s.w());
        double sum = 0;
        double qMax = 0;
        double wMax = 0;
        double yMax = 0;
        for (int k = 0; k < m; k++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                double e = sign * s.sigma()[k] * Math.sqrt(m);
                double[] y = signal.clone();
                double e0 = 0;
                if (k < n) {
                    y[k] += e;
                } else {
                    e0 = e;
                }
                double[] w = Ridge.viaSvd(Tensor.of(s.x()), y, s.lambda());
                double r = target + e0 - Ml.dot(s.x0(), w);
                sum += r * r;
                qMax = Math.max(qMax, r * r);
                wMax = Math.max(wMax, Ml.norm(w));
                yMax = Math.max(yMax, Ml.norm(y));
            }
        }
        return new double[] {sum / (2 * m), qMax, wMax, yMax};
    }

    /** {bias^2, variance / s^2} from commons-math3's SVD: A = V diag(s_i / (s_i^2 + lambda)) U^T (pseudo-inverse at 0). */
    static double[] closedForm(Setup s) {
        RealMatrix x = new Array2DRowRealMatrix(s.x());
        SingularValueDecomposition svd = new SingularValueDecomposition(x);
        double[] sv = svd.getSingularValues();
        double cut = Math.max(x.getRowDimension(), x.getColumnDimension()) * Math.ulp(1.0) * sv[0];
        double[] f = new double[sv.length];
        for (int i = 0; i < sv.length; i++) {
            f[i] = s.lambda() == 0 ? (sv[i] > cut ? 1 / sv[i] : 0) : sv[i] / (sv[i] * sv[i] + s.lambda());
        }
        RealMatrix a = svd.getV().multiply(new org.apache.commons.math3.linear.DiagonalMatrix(f)).multiply(svd.getUT());
        double[] ax0 = a.transpose().operate(s.x0());             // A^T x0
        double[] fitted = a.operate(x.operate(s.w()));            // A X w*
        double bias = Ml.dot(s.x0(), s.w()) - Ml.dot(s.x0(), fitted);
        double cut2 = sv.length * Math.ulp(1.0) * sv[0] * 16;
        double small = Arrays.stream(sv).filter(v -> v > cut2).min().orElse(sv[0]);
        return new double[] {bias * bias, Ml.dot(ax0, ax0), cond(sv, s.lambda()), sv[0] / (small * small + s.lambda())};
    }

    /** The condition number of the ridge problem: (s_1^2 + lambda) / (s_r^2 + lambda), s_r the smallest kept. */
    static double cond(double[] sv, double lambda) {
        double cut = sv.length * Math.ulp(1.0) * sv[0] * 16;
        double small = Arrays.stream(sv).filter(v -> v > cut).min().orElse(sv[0]);
        return (sv[0] * sv[0] + lambda) / (small * small + lambda);
    }

    /**
     * E error = bias^2 + variance + s^2. Tolerance: each fitted prediction x0^T w is off by at most
     * eta = 64 (n + d)^2 u ||x0|| (kappa (max||w|| + ||w*||) + max||y|| s_1 / (s_min^2 + lambda)) (a backward error of
     * 64 (n + d)^2 u for the SVD, amplified by the condition number kappa of the ridge problem, plus the error of u_i^T y
     * through the shrinkage factors; first order), so each q by 2 sqrt(q_max) eta + eta^2, the average as
     * much; the cubature sum adds gamma_{4m} q_max, and the closed form (commons-math3, same model) as much as the fits:
     * twice the fit error in all. Cases with kappa &gt; 1e6 are rejected (the bound would be vacuous).
     */
    @Property(tries = 150)
    void expectedErrorIsBiasSquaredPlusVariancePlusNoise(Check check) {
        check.forAll(setups(false).as("setup"), s -> {
            double[] cf = closedForm(s);
            check.assume(cf[2] <= 1e6);
            double[] e = expectedError(s);
            double sigma2 = s.sigma()[0] * s.sigma()[0];
            int n = s.x().length;
            int d = s.w().length;
            double eta = 64.0 * (n + d) * (n + d) * Ml.U * Ml.norm(s.x0()) * (cf[2] * (e[2] + Ml.norm(s.w())) + e[3] * cf[3]);
            double tol = 2 * (2 * Math.sqrt(e[1]) * eta + eta * eta) + Tol.gamma(4 * (n + 1)) * e[1];
            check.label(s.lambda() == 0 ? "lambda = 0 (pseudo-inverse)" : "lambda > 0");
            check.label(n < d ? "n < d" : "n >= d");
            check.note("bias^2, variance, noise", cf[0] + ", " + sigma2 * cf[1] + ", " + sigma2);
            Claims.close("E (y0 - x0^T w)^2 = bias^2 + variance + sigma^2", e[0], cf[0] + sigma2 * cf[1] + sigma2, tol);
        });
    }

    /**
     * Drop "homoscedastic noise": with a different variance per row, the decomposition with one sigma^2 (the mean of
     * the row variances) is wrong.
     */
    @Counterexample
    void heteroscedasticNoiseBreaksTheFormula(Check check) {
        check.forAll(setups(true).as("setup"), s -> {
            double[] cf = closedForm(s);
            check.assume(cf[2] <= 1e6);
            double sigma2 = Arrays.stream(s.sigma()).map(v -> v * v).average().orElse(0);
            Claims.close("E (y0 - x0^T w)^2 = bias^2 + mean(sigma^2) ||A^T x0||^2 + mean(sigma^2)", expectedError(s)[0],
                    cf[0] + sigma2 * cf[1] + sigma2, 1e-6 * (1 + cf[0] + sigma2 * (1 + cf[1])));
        });
    }
}
