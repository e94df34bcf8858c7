package dlmath.theorems.variational;

import static dlmath.check.Tol.gamma;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.variational.Gaussian;
import dlmath.variational.LinearGaussianModel;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Tag;

/**
 * VAR-04 The evidence lower bound: log p(x) = ELBO(q) + KL(q || p(z | x)) &gt;= ELBO(q), with equality iff q is
 * the exact posterior; checked in the linear-Gaussian model where log p(x) and p(z | x) are closed forms.
 * Blei, Kucukelbir &amp; McAuliffe, Variational Inference: A Review for Statisticians, JASA 112 (2017), eqs. 11-13;
 * Bishop, Pattern Recognition and Machine Learning, eq. 10.2 and Sec. 12.2 (eqs. 12.35, 12.42). Page:
 * theorems/variational/VAR-04-evidence-lower-bound.md.
 */
@Theorem(id = "VAR-04", name = "Evidence lower bound",
        statement = "log p(x) = ELBO(q) + KL(q || p(z|x)) >= ELBO(q), equality at the exact posterior")
@Tag("variational")
class EvidenceLowerBound {

    record Case(LinearGaussianModel model, double[] x, Gaussian q) {
        @Override
        public String toString() {
            return "W = " + Arrays.deepToString(model.w()) + ", mu = " + Arrays.toString(model.mu()) + ", sigma2 = "
                    + model.sigma2() + ", x = " + Arrays.toString(x) + ", q = " + q;
        }
    }

    static Gen<double[][]> matrices(int rows, int cols, double lo, double hi) {
        return s -> {
            double[][] m = new double[rows][];
            for (int i = 0; i < rows; i++) {
                m[i] = s.draw(Gens.doubleArrays(Gens.doubles(lo, hi), cols, cols));
            }
            return m;
        };
    }

    /** S = L L^T with L lower triangular, diagonal in [0.2, 2], below in [-1, 1]. */
    static Gen<double[][]> covariances(int k) {
        return s -> {
            double[][] l = new double[k][k];
            for (int i = 0; i < k; i++) {
                l[i][i] = s.draw(Gens.doubles(0.2, 2));
                for (int j = 0; j < i; j++) {
                    l[i][j] = s.draw(Gens.doubles(-1, 1));
                }
            }
            double[][] c = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    for (int t = 0; t < k; t++) {
                        c[i][j] += l[i][t] * l[j][t];
                    }
                }
            }
            return c;
        };
    }

    static final Gen<Case> CASES = s -> {
        int d = s.draw(Gens.integers(1, 5));
        int k = s.draw(Gens.integers(1, 3));
        double[][] w = s.draw(matrices(d, k, -2, 2));
        double[] mu = s.draw(Gens.doubleArrays(Gens.doubles(-2, 2), d, d));
        double sigma2 = s.draw(Gens.doubles(0.05, 4));
        double[] x = s.draw(Gens.doubleArrays(Gens.doubles(-3, 3), d, d));
        double[] m = s.draw(Gens.doubleArrays(Gens.doubles(-3, 3), k, k));
        return new Case(new LinearGaussianModel(w, mu, sigma2), x, new Gaussian(m, s.draw(covariances(k))));
    };

    /** The independent side, with commons-math3: log p(x), the posterior, KL(q || posterior). */
    record Exact(double logEvidence, RealVector postMean, RealMatrix postCov, double kl, double magnitude) {
    }

    static Exact exact(Case c) {
        LinearGaussianModel mdl = c.model();
        RealMatrix w = new Array2DRowRealMatrix(mdl.w());
        int d = mdl.dataDim();
        int k = mdl.latentDim();
        double s2 = mdl.sigma2();
        RealMatrix cov = w.multiply(w.transpose()).add(MatrixUtils.createRealIdentityMatrix(d).scalarMultiply(s2));
        CholeskyDecomposition cc = new CholeskyDecomposition(cov);
        RealVector r = new ArrayRealVector(c.x()).subtract(new ArrayRealVector(mdl.mu()));
        double quad = r.dotProduct(cc.getSolver().solve(r));
        double logEvidence = -0.5 * (d * Math.log(2 * Math.PI) + Math.log(cc.getDeterminant()) + quad);
        RealMatrix prec = MatrixUtils.createRealIdentityMatrix(k).add(w.transpose().multiply(w).scalarMultiply(1 / s2));
        CholeskyDecomposition pc = new CholeskyDecomposition(prec);
        RealMatrix postCov = pc.getSolver().getInverse();
        RealVector postMean = postCov.operate(w.transpose().operate(r)).mapDivide(s2);
        RealMatrix sq = new Array2DRowRealMatrix(c.q().covariance());
        RealVector dm = postMean.subtract(new ArrayRealVector(c.q().mean()));
        double kl = 0.5 * (prec.multiply(sq).getTrace() + dm.dotProduct(prec.operate(dm)) - k
                - Math.log(new CholeskyDecomposition(sq).getDeterminant()) - Math.log(pc.getDeterminant()));
        double mag = Math.abs(logEvidence) + quad + Math.abs(Math.log(cc.getDeterminant())) + d * 2
                + prec.multiply(sq).getTrace() + dm.dotProduct(prec.operate(dm)) + k
                + Math.abs(Math.log(new CholeskyDecomposition(sq).getDeterminant())) + Math.abs(Math.log(pc.getDeterminant()))
                + new ArrayRealVector(c.q().mean()).dotProduct(new ArrayRealVector(c.q().mean())) + sq.getTrace()
                + w.multiply(sq).multiply(w.transpose()).getTrace() / s2
                + Math.pow(r.getNorm() + w.operate(new ArrayRealVector(c.q().mean())).getNorm(), 2) / s2;
        return new Exact(logEvidence, postMean, postCov, kl, mag);
    }

    /**
     * Every term of log p(x), ELBO and KL is computed by Cholesky solves and sums of at most 4(d + k) terms: a
     * backward error gamma_{3n+1} per solve (Higham Thm 10.4) turns into a relative error at most
     * gamma_{3n+1} kappa in a quadratic form or log-determinant (kappa &lt;= (||W||_F^2 + sigma2)/sigma2 for C and
     * M/sigma2, and kappa(S) &lt;= (tr S)^k / det S); with both sides, the tolerance is
     * gamma_{16(d+k)} kappa_C kappa_S times the sum of absolute values of all terms.
     */
    static double tolerance(Case c, Exact e) {
        double f = 0;
        for (double[] row : c.model().w()) {
            for (double v : row) {
                f += v * v;
            }
        }
        double kappaC = (f + c.model().sigma2()) / c.model().sigma2();
        int n = c.model().dataDim() + c.model().latentDim();
        // kappa(S) <= (tr S)^k / det S (lambda_max <= tr S, lambda_min >= det S / lambda_max^(k-1)); det by commons-math3
        RealMatrix sq = new Array2DRowRealMatrix(c.q().covariance());
        double kappaS = Math.pow(sq.getTrace(), sq.getRowDimension()) / new CholeskyDecomposition(sq).getDeterminant();
        return gamma(16 * n) * kappaC * kappaS * e.magnitude();
    }

    /** ELBO(q) &lt;= log p(x), and the gap is KL(q || p(z | x)) (all three sides from commons-math3 but the ELBO). */
    @Property(tries = 200)
    void gapIsTheKlToThePosterior(Check check) {
        check.forAll(CASES.as("case"), c -> {
            Exact e = exact(c);
            double elbo = c.model().elbo(c.x(), c.q());
            double tol = tolerance(c, e);
            check.note("log p(x)", e.logEvidence());
            check.note("ELBO(q)", elbo);
            Claims.atMost("ELBO(q) <= log p(x)", elbo, e.logEvidence() + tol);
            Claims.close("log p(x) - ELBO(q) = KL(q || p(z|x))", e.logEvidence() - elbo, e.kl(), tol);
            Claims.close("log p(x) (implementation) = log p(x) (commons-math3)", c.model().logMarginal(c.x()),
                    e.logEvidence(), tol);
        });
    }

    /** At q = p(z | x) (the implementation's posterior, checked against commons-math3) the bound is tight. */
    @Property(tries = 200)
    void equalityAtTheExactPosterior(Check check) {
        check.forAll(CASES.as("case"), c -> {
            Exact e = exact(c);
            Gaussian post = c.model().posterior(c.x());
            double tol = tolerance(c, e);
            for (int i = 0; i < post.dim(); i++) {
                Claims.close("posterior mean[" + i + "]", post.mean()[i], e.postMean().getEntry(i), tol);
                for (int j = 0; j < post.dim(); j++) {
                    Claims.close("posterior covariance[" + i + "][" + j + "]", post.covariance()[i][j],
                            e.postCov().getEntry(i, j), tol);
                }
            }
            Claims.close("ELBO(p(z|x)) = log p(x)", c.model().elbo(c.x(), post), e.logEvidence(), tol);
        });
    }

    /** Drop q = p(z | x): at the prior q = N(0, I) the bound is strict (the gap is the KL, positive). */
    @Counterexample
    void strictAwayFromThePosterior(Check check) {
        check.forAll(CASES.as("case"), c -> {
            int k = c.model().latentDim();
            double[][] id = new double[k][k];
            for (int i = 0; i < k; i++) {
                id[i][i] = 1;
            }
            Gaussian prior = new Gaussian(new double[k], id);
            Case atPrior = new Case(c.model(), c.x(), prior);
            Claims.close("ELBO(N(0, I)) = log p(x)", c.model().elbo(c.x(), prior), exact(atPrior).logEvidence(),
                    tolerance(atPrior, exact(atPrior)));
        });
    }
}
