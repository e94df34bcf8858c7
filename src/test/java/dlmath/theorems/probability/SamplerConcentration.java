package dlmath.theorems.probability;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.ProbGens;
import dlmath.gen.TensorGens;
import dlmath.prob.Bernoulli;
import dlmath.prob.Binomial;
import dlmath.prob.Categorical;
import dlmath.prob.Dirichlet;
import dlmath.prob.Exponential;
import dlmath.prob.Gamma;
import dlmath.prob.Laplace;
import dlmath.prob.Logistic;
import dlmath.prob.MultivariateNormal;
import dlmath.prob.Normal;
import dlmath.prob.Poisson;
import dlmath.prob.Quadrature;
import dlmath.prob.UnivariateDistribution;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;

/**
 * PI-13 The samplers draw from their distributions: the sample mean and the second moment about the
 * mean are within concentration bounds valid at the sample size, and the Kolmogorov-Smirnov distance
 * is below the Dvoretzky-Kiefer-Wolfowitz bound. Massart, Ann. Probab. 18 (1990), Thm 1; Boucheron,
 * Lugosi &amp; Massart, Concentration Inequalities (2013), Sec. 2.2 and Thm 2.8 (Hoeffding).
 * Page: theorems/probability/PI-13-sampler-concentration.md.
 */
@Theorem(id = "PI-13", name = "Samplers match their distributions",
        statement = "n samples have a mean, a second central moment and an empirical CDF within concentration "
                + "bounds (Chernoff/Hoeffding, median of means, DKW) of the distribution's, each check with "
                + "false-alarm probability at most 1e-9")
@Tag("probability")
class SamplerConcentration {

    /** The false-alarm budget of one try, split evenly between the mean, the variance and the KS test. */
    static final double DELTA = 1e-9 / 3;
    static final int BLOCKS = Bounds.momBlocks(DELTA);
    static final int PER_BLOCK = 40;
    static final int N = BLOCKS * PER_BLOCK;

    /** A log-MGF with its domain (0, tMax), for one tail. */
    record Tail(DoubleUnaryOperator logMgf, double tMax) {
    }

    /**
     * Log-MGFs of X (upper tail) and -X (lower tail) of the families with exponential tails
     * (Johnson, Kotz &amp; Balakrishnan, Continuous Univariate Distributions, Vol. 1-2 and Univariate
     * Discrete Distributions); null for bounded families (Hoeffding instead).
     */
    static Tail[] tails(UnivariateDistribution d) {
        if (d instanceof Normal n) {
            double m = n.loc();
            double v = n.variance();
            double t = 50 / n.scale();
            return new Tail[] {new Tail(s -> m * s + v * s * s / 2, t), new Tail(s -> -m * s + v * s * s / 2, t)};
        }
        if (d instanceof Laplace l) {
            double m = l.loc();
            double b = l.scale();
            return new Tail[] {new Tail(s -> m * s - Math.log1p(-b * b * s * s), 1 / b),
                new Tail(s -> -m * s - Math.log1p(-b * b * s * s), 1 / b)};
        }
        if (d instanceof Logistic l) {
            double m = l.loc();
            double c = Math.PI * l.scale();
            DoubleUnaryOperator sym = s -> Math.log(c * s / Math.sin(c * s));
            return new Tail[] {new Tail(s -> m * s + sym.applyAsDouble(s), 1 / l.scale()),
                new Tail(s -> -m * s + sym.applyAsDouble(s), 1 / l.scale())};
        }
        if (d instanceof Exponential e) {
            double r = e.rate();
            return new Tail[] {new Tail(s -> -Math.log1p(-s / r), r), new Tail(s -> -Math.log1p(s / r), 50 * r)};
        }
        if (d instanceof Gamma g) {
            double a = g.concentration();
            double r = g.rate();
            return new Tail[] {new Tail(s -> -a * Math.log1p(-s / r), r), new Tail(s -> -a * Math.log1p(s / r), 50 * r)};
        }
        if (d instanceof Poisson p) {
            double r = p.rate();
            return new Tail[] {new Tail(s -> r * Math.expm1(s), 20), new Tail(s -> r * Math.expm1(-s), 50)};
        }
        return null;
    }

    /** The width of a bounded support (for Hoeffding). */
    static double range(UnivariateDistribution d) {
        return d.supportHigh() - d.supportLow();
    }

    /**
     * For n = 175 x 40 = 7000 samples of each univariate family: (1) the sample mean is within the
     * Chernoff bound (exact log-MGF, each tail at DELTA / 2) or Hoeffding's (b - a) sqrt(ln(2/DELTA)
     * / (2n)) for bounded supports; (2) the median of 175 block means of (X_i - mean)^2 is within
     * 2 sqrt((mu_4 - sigma^4) / 40) of the variance (median of means, Bounds.momBlocks; mu_4 by
     * quadrature); (3) the KS distance is below sqrt(ln(2/DELTA) / (2n)) + 1e-12 (DKW-Massart).
     * DELTA = 1e-9 / 3, so one try raises a false alarm with probability at most 1e-9.
     */
    @Property(tries = 60)
    void univariateSamplersMatchTheirDistribution(Check check) {
        // one fixed example per family first, so that every sampler is exercised whatever the seed
        check.example(new Normal(1, 2), 1L).example(new Laplace(-1, 0.5), 2L).example(new Logistic(3, 0.25), 3L)
                .example(new dlmath.prob.Uniform(-2, 5), 4L).example(new Exponential(2), 5L)
                .example(new Gamma(0.5, 3), 6L).example(new Gamma(7.5, 0.5), 7L)
                .example(new dlmath.prob.Beta(0.5, 2), 8L).example(new Bernoulli(0.3), 9L)
                .example(new Binomial(20, 0.7), 10L).example(new Poisson(3.5), 11L).example(new Poisson(40), 12L)
                .example(new Categorical(Tensor.of(0.2, 0, 0.5, 0.3)), 13L);
        check.forAll(ProbGens.univariate().as("d"), ProbGens.seeds(), (d, seed) -> {
            double[] x = d.sample(new SplittableRandom(seed), N);
            double m = d.mean();
            double v = d.variance();
            check.label(d.getClass().getSimpleName());
            double sum = 0;
            for (double xi : x) {
                sum += xi;
            }
            double mean = sum / N;
            double rounding = Tol.gamma(N) * Arrays.stream(x).map(Math::abs).sum() / N + Bounds.C * (Math.abs(m) + 1);
            Tail[] t = tails(d);
            double up;
            double down;
            if (t == null) {
                up = range(d) * Math.sqrt(Math.log(2 / DELTA) / (2 * N));
                down = up;
            } else {
                up = Bounds.chernoff(t[0].logMgf(), m, t[0].tMax(), N, DELTA / 2);
                down = Bounds.chernoff(t[1].logMgf(), -m, t[1].tMax(), N, DELTA / 2);
            }
            check.note("sample mean", mean);
            Claims.atMost("sample mean - mean <= Chernoff/Hoeffding bound", mean - m, up + rounding);
            Claims.atMost("mean - sample mean <= Chernoff/Hoeffding bound", m - mean, down + rounding);

            double[] sq = new double[N];
            for (int i = 0; i < N; i++) {
                sq[i] = (x[i] - m) * (x[i] - m);
            }
            Quadrature.Result mu4 = Quadrature.expectation(d, y -> Math.pow(y - m, 4));
            // mu_4 from above: the reported (validated) estimate plus the integrand's rounding, C E[(S + 2) (X - m)^4]
            double mu4Rounding = Bounds.C * Bounds.expect(d, y -> (Bounds.logProbScale(d, y) + 2) * Math.pow(y - m, 4),
                    Bounds.scaleKinks(d)).value();
            double spread = Math.sqrt(Math.max(0, mu4.value() + mu4.error() + mu4Rounding - v * v) / PER_BLOCK);
            double mom = Bounds.medianOfMeans(sq, BLOCKS);
            check.note("median of means of (X - mean)^2", mom);
            // the median is one block's mean of PER_BLOCK squares (3 roundings each) or the mean of two: gamma_(PER_BLOCK + 4)
            Claims.close("second moment about the mean = variance (median of means)", mom, v,
                    2 * spread + Bounds.C * (v + m * m) + Tol.gamma(PER_BLOCK + 4) * mom);

            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double ks = d.isDiscrete() ? Bounds.ksDiscrete(sorted, d::cdf) : Bounds.ksContinuous(sorted, d::cdf);
            check.note("KS distance", ks);
            Claims.atMost("KS distance <= DKW bound", ks, Bounds.dkw(N, DELTA) + ContinuousKlDivergence.CDF_ERROR);
        });
    }

    /** The samplers draw only from the generator they are given: the same seed gives the same samples. */
    @Property(tries = 100)
    void samplingIsReproducible(Check check) {
        check.forAll(ProbGens.univariate().as("d"), ProbGens.seeds(), (d, seed) -> {
            double[] a = d.sample(new SplittableRandom(seed), 50);
            double[] b = d.sample(new SplittableRandom(seed), 50);
            Claims.that("same seed, same samples", Arrays.equals(a, b));
        });
    }

    /**
     * Dirichlet: 4000 samples lie on the simplex (entries in [0, 1], sum within gamma_{2K+2} of 1: K quotients e_i / S with S a sum
     * of K terms, summed again in the check), and
     * each coordinate's sample mean is within Hoeffding's bound of alpha_i / alpha_0 and its empirical CDF
     * within the DKW bound of its Beta(alpha_i, alpha_0 - alpha_i) marginal, each at 1e-9 / (2K) (union
     * bound over the 2K checks).
     */
    @Property(tries = 30)
    void dirichletSamplesHaveBetaMarginals(Check check) {
        check.forAll(ProbGens.dirichlets(2, 5).as("d"), ProbGens.seeds(), (d, seed) -> {
            int n = 4000;
            int k = d.dim();
            double[][] cols = new double[k][n];
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < n; i++) {
                double[] x = d.sample(rng).toArray();
                double s = 0;
                for (int j = 0; j < k; j++) {
                    Claims.that("0 <= x_j <= 1 (" + x[j] + ")", x[j] >= 0 && x[j] <= 1);
                    cols[j][i] = x[j];
                    s += x[j];
                }
                Claims.close("sum_j x_j = 1", s, 1, Tol.gamma(2 * k + 2));
            }
            double[] mean = d.mean().toArray();
            double hoeffding = Math.sqrt(Math.log(2 / (1e-9 / (2 * k))) / (2 * n));
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (double v : cols[j]) {
                    s += v;
                }
                Claims.close("sample mean of x_" + j + " = alpha_j / alpha_0 (Hoeffding)", s / n, mean[j],
                        hoeffding + Tol.gamma(n));
                Arrays.sort(cols[j]);
                double ks = Bounds.ksContinuous(cols[j], d.marginal(j)::cdf);
                Claims.atMost("KS(x_" + j + ", Beta marginal) <= DKW bound", ks, Bounds.dkw(n, 1e-9 / (2 * k))
                        + ContinuousKlDivergence.CDF_ERROR);
            }
        });
    }

    /**
     * Multivariate normal: for three directions u, the projections u^T X_i of 4000 samples are within
     * the DKW bound at 1e-9 / 3 of N(u^T m, u^T S u) (by Cramer-Wold, all projections determine the law).
     */
    @Property(tries = 30)
    void multivariateNormalProjectionsAreNormal(Check check) {
        check.forAll(Gens.integers(1, 3).flatMap(n -> Gens.tuples(ProbGens.mvns(n, 10),
                Gens.listOfSize(TensorGens.tensors(new int[] {n}, Gens.standardNormals()), 3))).as("(d, directions)"),
                ProbGens.seeds(), (t, seed) -> {
                    MultivariateNormal d = t.first();
                    int n = 4000;
                    Tensor[] xs = new Tensor[n];
                    SplittableRandom rng = new SplittableRandom(seed);
                    for (int i = 0; i < n; i++) {
                        xs[i] = d.sample(rng);
                    }
                    for (Tensor u0 : t.second()) {
                        Tensor u = u0.norm2() == 0 ? Tensor.ones(d.dim()) : u0;
                        double[] y = new double[n];
                        for (int i = 0; i < n; i++) {
                            y[i] = u.dot(xs[i]);
                        }
                        Arrays.sort(y);
                        double sd = Math.sqrt(u.dot(d.covarianceMatrix().matmul(u)));
                        Normal proj = new Normal(u.dot(d.mean()), sd);
                        Claims.atMost("KS(u^T X, N(u^T m, u^T S u)) <= DKW bound", Bounds.ksContinuous(y, proj::cdf),
                                Bounds.dkw(n, 1e-9 / 3) + ContinuousKlDivergence.CDF_ERROR + 1e-12);
                    }
                });
    }

    /**
     * The KS check has power: Laplace samples tested against the normal CDF with the same mean and
     * variance exceed the DKW bound (witness: any Laplace distribution).
     */
    @Counterexample(tries = 20)
    void laplaceSamplesAreNotNormal(Check check) {
        check.forAll(ProbGens.laplaces().as("d"), ProbGens.seeds(), (d, seed) -> {
            double[] x = d.sample(new SplittableRandom(seed), N);
            Arrays.sort(x);
            Normal n = new Normal(d.mean(), d.stddev());
            Claims.atMost("KS(Laplace samples, matching normal) <= DKW bound", Bounds.ksContinuous(x, n::cdf),
                    Bounds.dkw(N, DELTA));
        });
    }
}
