package dlmath.theorems.probability;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.MatrixGens;
import dlmath.gen.ProbGens;
import dlmath.gen.TensorGens;
import dlmath.prob.MultivariateNormal;
import dlmath.prob.Normal;
import dlmath.prob.Quadrature;
import dlmath.tensor.Tensor;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;

/**
 * PI-17 Affine maps, marginals and conditionals of the multivariate normal: A Z + b ~ N(A m + b, A S A^T);
 * the marginal and the conditional (Schur complement) factor the joint density. Bishop, Pattern
 * Recognition and Machine Learning, Sec. 2.3.1-2.3.3 (eq. 2.81-2.82, 2.92-2.93); Anderson, An
 * Introduction to Multivariate Statistical Analysis, 3rd ed., Thm 2.4.1 and 2.5.1.
 * Page: theorems/probability/PI-17-multivariate-normal.md.
 */
@Theorem(id = "PI-17", name = "Multivariate normal: affine maps, marginals, conditionals",
        statement = "A Z + b ~ N(A m + b, A S A^T); p(x) = p(x_c) p(x_r | x_c) with the conditional "
                + "N(m_r + S_rc S_cc^-1 (x_c - m_c), S_rr - S_rc S_cc^-1 S_cr)")
@Tag("probability")
class MultivariateNormalAffineConditional {

    /** Condition number of the generated covariances (ProbGens.mvns(n, KAPPA)). */
    static final double KAPPA = 10;

    /** A distribution with a point x = m + L w (w standard normal) to evaluate at. */
    record Case(MultivariateNormal d, Tensor x) {
        @Override
        public String toString() {
            return d + "\n    x = " + x;
        }
    }

    static final Gen<Case> CASES = Gens.integers(1, 4).flatMap(n -> Gens.tuples(ProbGens.mvns(n, KAPPA),
            TensorGens.tensors(new int[] {n}, Gens.standardNormals())).map(t ->
            new Case(t.first(), t.first().scaleTril().matmul(t.second()).add(t.first().mean()))));

    /**
     * The rounding of a log density of an n-dimensional normal with covariance condition number k:
     * the Cholesky factor has backward error gamma_{n+1} |L||L^T| and the triangular solve gamma_n |L|
     * (Higham, Accuracy and Stability, Thm 10.3, 8.5), which perturb the Mahalanobis distance d^2 and
     * log det S by at most about n k gamma_{2n+2} (d^2 + n) relatively; the formula adds
     * gamma_4 of its terms. Tolerance gamma_{8n+16} (n + 1) k (d^2 + |log det S| + n + 1).
     */
    static double tolerance(int n, double kappa, double d2, double logDet) {
        return Tol.gamma(8 * n + 16) * (n + 1) * kappa * (d2 + Math.abs(logDet) + n + 1);
    }

    /** X with a point x, and an affine map y = A x + b with A = U diag(s) V^T, s in [1/2, 3]. */
    record AffineCase(Case c, double[] s, Tensor a, Tensor b) {
        @Override
        public String toString() {
            return c + "\n    A = " + a + "\n    b = " + b;
        }
    }

    static final Gen<AffineCase> AFFINE = CASES.flatMap(c -> {
        int n = c.d().dim();
        return Gens.doubleArrays(Gens.doubles(0.5, 3), n, n).flatMap(s -> Gens.tuples(
                MatrixGens.withSingularValues(n, n, s), TensorGens.tensors(new int[] {n}, Gens.doubles(-5, 5)))
                .map(t -> new AffineCase(c, s, t.first(), t.second())));
    });

    /**
     * Change of variables: for a square A with singular values s_i in [1/2, 3], Y = A X + b has
     * log p_Y(A x + b) = log p_X(x) - log |det A| and H(Y) = H(X) + log |det A|, log |det A| = sum log s_i.
     * The covariance A S A^T has condition number at most (max s / min s)^2 KAPPA. The rounding of
     * y = A x + b (gamma_{n+2} (max s sqrt(n) |x| + |b|)) moves the Mahalanobis distance by at most
     * that times ||L_Y^{-1}|| &lt;= sqrt(n KAPPA / tr S) / min s (the smallest eigenvalue of S is at least
     * tr S / (n KAPPA)).
     */
    @Property(tries = 200)
    void affineMapsChangeTheDensityByTheJacobian(Check check) {
        check.forAll(AFFINE.as("(X, x, A, b)"), ac -> {
            MultivariateNormal x = ac.c().d();
            int n = x.dim();
            MultivariateNormal y = x.affine(ac.a(), ac.b());
            Tensor point = ac.a().matmul(ac.c().x()).add(ac.b());
            double logDetA = 0;
            double sMin = Double.POSITIVE_INFINITY;
            double sMax = 0;
            for (double v : ac.s()) {
                logDetA += Math.log(v);
                sMin = Math.min(sMin, v);
                sMax = Math.max(sMax, v);
            }
            double kappaY = (sMax / sMin) * (sMax / sMin) * KAPPA;
            double dx2 = x.mahalanobis(ac.c().x());
            double dy2 = y.mahalanobis(point);
            double invNorm = Math.sqrt(n * KAPPA / x.covarianceMatrix().trace()) / sMin;
            double shift = 2 * (Math.sqrt(dy2) + 1) * invNorm * Tol.gamma(n + 2)
                    * (sMax * Math.sqrt(n) * ac.c().x().norm2() + ac.b().norm2());
            double tol = tolerance(n, kappaY, dx2 + dy2, Math.abs(x.logDetCovariance()) + Math.abs(y.logDetCovariance())
                    + Math.abs(logDetA)) + shift;
            check.note("log |det A|", logDetA);
            Claims.close("log p_Y(A x + b) = log p_X(x) - log |det A|", y.logProb(point), x.logProb(ac.c().x()) - logDetA,
                    tol);
            Claims.close("H(A X + b) = H(X) + log |det A|", y.entropy(), x.entropy() + logDetA, tol);
            Claims.close("log det(A S A^T) = log det S + 2 log |det A|", y.logDetCovariance(),
                    x.logDetCovariance() + 2 * logDetA, 2 * tol);
        });
    }

    /** Marginal of the coordinates idx (a non-empty proper subset chosen by a bit mask). */
    static int[] subset(int n, int mask) {
        int m = 1 + Math.floorMod(mask, (1 << n) - 1); // in [1, 2^n - 1]
        int[] idx = IntStream.range(0, n).filter(i -> ((m >> i) & 1) == 1).toArray();
        return idx.length == n ? new int[] {0} : idx;
    }

    static Tensor pick(Tensor x, int[] idx) {
        double[] v = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            v[i] = x.get(idx[i]);
        }
        return Tensor.of(v);
    }

    /**
     * log p(x) = log p(x_c) + log p(x_r | x_c) for the marginal of the observed coordinates c and the
     * conditional of the rest (Schur complement); the Schur complement's condition number is at most
     * that of S.
     */
    @Property(tries = 300)
    void marginalAndConditionalFactorTheJoint(Check check) {
        check.forAll(CASES.filter(c -> c.d().dim() >= 2).as("(X, x)"), Gens.integers(0, 15).as("mask"), (c, mask) -> {
            MultivariateNormal d = c.d();
            int n = d.dim();
            int[] idx = subset(n, mask);
            MultivariateNormal marginal = d.marginal(idx);
            MultivariateNormal conditional = d.conditional(idx, pick(c.x(), idx));
            int[] rest = IntStream.range(0, n).filter(i -> IntStream.of(idx).noneMatch(j -> j == i)).toArray();
            double joint = d.logProb(c.x());
            double lm = marginal.logProb(pick(c.x(), idx));
            double lc = conditional.logProb(pick(c.x(), rest));
            check.note("observed coordinates", java.util.Arrays.toString(idx));
            check.note("log p(x)", joint);
            check.note("log p(x_c) + log p(x_r | x_c)", lm + lc);
            double tol = tolerance(n, KAPPA, d.mahalanobis(c.x()) + marginal.mahalanobis(pick(c.x(), idx))
                    + conditional.mahalanobis(pick(c.x(), rest)), Math.abs(d.logDetCovariance())
                    + Math.abs(marginal.logDetCovariance()) + Math.abs(conditional.logDetCovariance()));
            Claims.close("log p(x) = log p(x_c) + log p(x_r | x_c)", joint, lm + lc, tol);
        });
    }

    /**
     * In two dimensions the marginal density of X_0 at t is the integral of the joint density over the
     * second coordinate (double-exponential quadrature over the real line, split at the conditional
     * mean and mean +- 10 sd, a placement hint only). Tolerance: the quadrature's error plus the
     * relative rounding of the joint density, tolerance(2, KAPPA, .) times the marginal.
     */
    @Property(tries = 100)
    void marginalIsTheIntegralOfTheJoint(Check check) {
        check.forAll(ProbGens.mvns(2, KAPPA).as("X"), Gens.doubles(-2, 2).as("z"), (d, z) -> {
            double sd0 = Math.sqrt(d.covarianceMatrix().get(0, 0));
            double t = d.mean().get(0) + z * sd0;
            MultivariateNormal cond = d.conditional(new int[] {0}, Tensor.of(t));
            double m = cond.mean().get(0);
            double s = Math.sqrt(cond.covarianceMatrix().get(0, 0));
            java.util.function.DoubleUnaryOperator f = y -> Math.exp(d.logProb(Tensor.of(t, y)));
            Quadrature.Result r = Quadrature.integrate(f, Double.NEGATIVE_INFINITY, m - 10 * s)
                    .plus(Quadrature.integrate(f, m - 10 * s, m))
                    .plus(Quadrature.integrate(f, m, m + 10 * s))
                    .plus(Quadrature.integrate(f, m + 10 * s, Double.POSITIVE_INFINITY));
            double marginal = new Normal(d.mean().get(0), sd0).prob(t);
            Claims.close("p_0(t) = integral of p(t, y) dy", marginal, r.value(), r.error()
                    + marginal * tolerance(2, KAPPA, 2 * (z * z + 100), Math.abs(d.logDetCovariance())));
        });
    }

    /**
     * The one-dimensional marginals are the univariate normals N(m_i, S_ii): same log density at x_i and
     * same entropy (the multivariate formulas with n = 1 against Normal's). Tolerance: tolerance(1, 1, .)
     * for the 1-D Cholesky plus C times the normal's magnitudes.
     */
    @Property(tries = 200)
    void oneDimensionalMarginalsAreNormal(Check check) {
        check.forAll(CASES.as("(X, x)"), c -> {
            MultivariateNormal d = c.d();
            for (int i = 0; i < d.dim(); i++) {
                MultivariateNormal m = d.marginal(i);
                Normal n = new Normal(d.mean().get(i), Math.sqrt(d.covarianceMatrix().get(i, i)));
                double xi = c.x().get(i);
                double tol = tolerance(1, 1, m.mahalanobis(Tensor.of(xi)), Math.abs(m.logDetCovariance()))
                        + Bounds.C * Bounds.logProbScale(n, xi);
                Claims.close("log N(x_i; m_i, S_ii) from the marginal", m.logProb(Tensor.of(xi)), n.logProb(xi), tol);
                Claims.close("entropy of the marginal = entropy of N(m_i, S_ii)", m.entropy(), n.entropy(),
                        tol + Bounds.C * Bounds.entropyScale(n));
            }
        });
    }

    /**
     * Necessity of the Schur complement: with the marginal covariance S_rr in place of the conditional
     * covariance, the factorization fails (whenever the blocks are correlated).
     */
    @Counterexample
    void failsWithoutTheSchurComplement(Check check) {
        check.forAll(CASES.filter(c -> c.d().dim() >= 2).as("(X, x)"), c -> {
            MultivariateNormal d = c.d();
            int[] idx = {0};
            int[] rest = IntStream.range(1, d.dim()).toArray();
            MultivariateNormal cond = d.conditional(idx, pick(c.x(), idx));
            MultivariateNormal wrong = new MultivariateNormal(cond.mean(), d.marginal(rest).covarianceMatrix());
            double lhs = d.logProb(c.x());
            double rhs = d.marginal(idx).logProb(pick(c.x(), idx)) + wrong.logProb(pick(c.x(), rest));
            Claims.close("log p(x) = log p(x_0) + log N(x_r; conditional mean, S_rr)", lhs, rhs, 1e-9 * (1 + Math.abs(lhs)));
        });
    }
}
