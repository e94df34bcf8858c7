package dlmath.gen;

import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.prob.Bernoulli;
import dlmath.prob.Beta;
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
import dlmath.prob.Uniform;
import dlmath.prob.UnivariateDistribution;
import dlmath.tensor.Tensor;

/**
 * Generators of distributions from {@code dlmath.prob} with parameters in moderate ranges
 * (shrinking toward the simplest member: loc 0, small integer scales), pairs of members of one
 * family, joint tables and seeds for samplers.
 *
 * <p>Ranges: locations in [-10, 10]; scales and rates in [0.1, 10]; concentrations in [0.5, 20];
 * Beta's concentrations in [1e-3, 1e3] on both sides ({@link #betas()}), and [0.5, 20] x [1, 20] for
 * the quadrature-based checks ({@link #quadratureBetas()});
 * Poisson rates in [0.1, 50]; binomial counts in [0, 40].
 */
public final class ProbGens {

    private ProbGens() {
    }

    /** A pair of distributions (p, q), printed with both. */
    public record Pair<P, Q>(P p, Q q) {
        @Override
        public String toString() {
            return "p = " + p + ", q = " + q;
        }
    }

    static Gen<Double> locs() {
        return Gens.doubles(-10, 10);
    }

    static Gen<Double> scales() {
        return Gens.doubles(0.1, 10);
    }

    static Gen<Double> concentrations() {
        return Gens.doubles(0.5, 20);
    }

    /** Seeds for a sampler's random generator. */
    public static Gen<Long> seeds() {
        return Gens.longs(0, Long.MAX_VALUE >> 1).as("seed");
    }

    public static Gen<Normal> normals() {
        return Gens.tuples(locs(), scales()).map(t -> new Normal(t.first(), t.second()));
    }

    public static Gen<Laplace> laplaces() {
        return Gens.tuples(locs(), scales()).map(t -> new Laplace(t.first(), t.second()));
    }

    public static Gen<Logistic> logistics() {
        return Gens.tuples(locs(), scales()).map(t -> new Logistic(t.first(), t.second()));
    }

    public static Gen<Uniform> uniforms() {
        return Gens.tuples(locs(), Gens.doubles(0.1, 20)).map(t -> new Uniform(t.first(), t.first() + t.second()));
    }

    public static Gen<Exponential> exponentials() {
        return scales().map(Exponential::new);
    }

    public static Gen<Gamma> gammas() {
        return Gens.tuples(concentrations(), scales()).map(t -> new Gamma(t.first(), t.second()));
    }

    /**
     * Beta(a, b) with both concentrations 10^e, e uniform in [-3, 3]: from 1e-3 (the mass piled up
     * within 1e-300 of an end, beyond what double can resolve: a Beta(1e-3, 1) variable is below
     * 1e-300 with probability 1/2) to 1e3 (a spike of width 0.02). For checks against closed forms.
     */
    public static Gen<Beta> betas() {
        return Gens.tuples(betaConcentrations(), betaConcentrations()).map(t -> new Beta(t.first(), t.second()));
    }

    /** Beta concentrations 10^e, e uniform in [-3, 3]: from 1e-3 (mass piled at the ends) to 1e3 (a spike). */
    public static Gen<Double> betaConcentrations() {
        return Gens.doubles(-3, 3).map(e -> Math.pow(10, e));
    }

    /**
     * Beta(a, b) for the checks that integrate by quadrature: a in [0.5, 20], b in [1, 20]. The
     * hypothesis of those checks is a density that the double grid can integrate: below a = 0.5 a
     * growing share of the mass lies below 1e-300, and for b &lt; 1 the density is unbounded at 1,
     * where quadrature nodes 1 - t with t &lt; 2^-53 round onto the end point (see {@code Quadrature});
     * the mirror Beta(a, b)(x) = Beta(b, a)(1 - x) covers small a at the other end. Above 20 the
     * rule often refuses (no convergence to a relative 1e-12 where the integrand's rounding is larger),
     * and these checks need a value; {@link #betas()} covers that range against closed forms, and the
     * quadrature's error estimate is validated up to 1e3 by QuadratureErrorEstimateTest.
     */
    public static Gen<Beta> quadratureBetas() {
        return Gens.tuples(concentrations(), Gens.doubles(1, 20)).map(t -> new Beta(t.first(), t.second()));
    }

    public static Gen<Bernoulli> bernoullis() {
        return Gens.doubles(0, 1).map(Bernoulli::new);
    }

    public static Gen<Binomial> binomials() {
        return Gens.tuples(Gens.integers(0, 40), Gens.doubles(0, 1)).map(t -> new Binomial(t.first(), t.second()));
    }

    public static Gen<Poisson> poissons() {
        return Gens.doubles(0.1, 50).map(Poisson::new);
    }

    public static Gen<Categorical> categoricals() {
        return SimplexGens.simplexWithZeros(1, 8).map(Categorical::new);
    }

    /** Every continuous univariate family, chosen uniformly. */
    public static Gen<UnivariateDistribution> continuous() {
        return Gens.oneOf(normals(), laplaces(), logistics(), uniforms(), exponentials(), gammas(), quadratureBetas());
    }

    /** Every discrete univariate family, chosen uniformly. */
    public static Gen<UnivariateDistribution> discrete() {
        return Gens.oneOf(bernoullis(), binomials(), poissons(), categoricals());
    }

    /** Every univariate family. */
    public static Gen<UnivariateDistribution> univariate() {
        return Gens.oneOf(continuous(), discrete());
    }

    public static Gen<Dirichlet> dirichlets(int minK, int maxK) {
        return Gens.integers(minK, maxK).flatMap(k -> Gens.doubleArrays(Gens.doubles(0.5, 10), k, k))
                .map(a -> new Dirichlet(Tensor.of(a)));
    }

    /** N(m, S) in dimension n with m in [-5, 5]^n and S = c Q diag(l) Q^T, l in [1, kappa], c in [0.25, 4]. */
    public static Gen<MultivariateNormal> mvns(int n, double kappa) {
        return Gens.tuples(TensorGens.tensors(new int[] {n}, Gens.doubles(-5, 5)), MatrixGens.spd(n, kappa),
                Gens.doubles(0.25, 4)).map(t -> new MultivariateNormal(t.first(), t.second().mul(t.third())));
    }

    /** Two members of a family built from the same parameter generator. */
    static <D> Gen<Pair<D, D>> twoOf(Gen<D> family) {
        return Gens.tuples(family, family).map(t -> new Pair<>(t.first(), t.second()));
    }

    /**
     * Pairs of continuous univariate distributions with a registered closed-form KL: the same
     * family (Normal, Laplace, Uniform, Exponential, Gamma, Beta) and the cross pairs (Exponential,
     * Gamma), (Uniform, Normal).
     */
    public static Gen<Pair<UnivariateDistribution, UnivariateDistribution>> continuousKlPairs() {
        return Gens.oneOf(up(twoOf(normals())), up(twoOf(laplaces())), up(twoOf(uniforms())),
                up(twoOf(exponentials())), up(twoOf(gammas())), up(twoOf(quadratureBetas())),
                up(Gens.tuples(exponentials(), gammas()).map(t -> new Pair<>(t.first(), t.second()))),
                up(Gens.tuples(uniforms(), normals()).map(t -> new Pair<>(t.first(), t.second()))));
    }

    /** Pairs of discrete distributions of one family (Categoricals of one size, Binomials of any counts). */
    public static Gen<Pair<UnivariateDistribution, UnivariateDistribution>> discreteKlPairs() {
        return Gens.oneOf(up(twoOf(bernoullis())), up(twoOf(binomials())), up(twoOf(poissons())),
                up(Gens.integers(1, 8).flatMap(n -> Gens.tuples(SimplexGens.simplexWithZeros(n, n),
                        SimplexGens.simplex(n, n)).map(t -> new Pair<>(new Categorical(t.first()),
                        new Categorical(t.second()))))));
    }

    @SuppressWarnings("unchecked")
    private static <A extends UnivariateDistribution, B extends UnivariateDistribution>
            Gen<Pair<UnivariateDistribution, UnivariateDistribution>> up(Gen<Pair<A, B>> g) {
        return g.map(p -> (Pair<UnivariateDistribution, UnivariateDistribution>) (Pair<?, ?>) p);
    }

    /**
     * Joint tables p(x, y) of nx x ny cells (sides in [1, 5]), weights in [0, 100] normalized, so
     * that cells may be zero; never all zero.
     */
    public static Gen<Tensor> jointTables() {
        return Gens.integers(1, 5).flatMap(nx -> Gens.integers(1, 5).flatMap(ny ->
                SimplexGens.simplexWithZeros(nx * ny, nx * ny).map(p -> p.reshape(nx, ny))));
    }

    /** Row-stochastic matrices (channels p(y | x)) of shape rows x cols, rows from the simplex with zeros. */
    public static Gen<Tensor> channels(int rows, int cols) {
        return Gens.listOfSize(SimplexGens.simplexWithZeros(cols, cols), rows).map(l -> {
            double[][] m = new double[rows][];
            for (int i = 0; i < rows; i++) {
                m[i] = l.get(i).toArray();
            }
            return Tensor.of(m);
        });
    }

    /**
     * psi(x) for x &gt; 0, independently of the code under test: the recurrence psi(x) = psi(x + 1) - 1/x
     * up to x &gt;= 20, then the asymptotic series ln x - 1/(2x) - sum B_2k / (2k x^2k) to k = 7, whose
     * first omitted term is below 1e-19 at x = 20 (Abramowitz &amp; Stegun 6.3.18).
     */
    public static double digamma(double x) {
        double r = 0;
        while (x < 20) {
            r -= 1 / x;
            x += 1;
        }
        double f = 1 / (x * x);
        double t = f * (-1 / 12.0 + f * (1 / 120.0 + f * (-1 / 252.0 + f * (1 / 240.0 + f * (-1 / 132.0
                + f * (691 / 32760.0 + f * (-1 / 12.0)))))));
        return r + Math.log(x) - 0.5 / x + t;
    }
}
