package dlmath.theorems.probability;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.ProbGens;
import dlmath.prob.Beta;
import dlmath.prob.Conjugate;
import dlmath.prob.Normal;
import dlmath.prob.Quadrature;
import dlmath.prob.UnivariateDistribution;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;

/**
 * PI-14 Bayes' rule and conjugacy: the closed-form Beta-Bernoulli and Normal-Normal posteriors equal
 * prior x likelihood normalized by quadrature, and the posterior mean lies between the prior mean and
 * the maximum likelihood estimate. Gelman et al., Bayesian Data Analysis, 3rd ed., Sec. 2.4 and 2.5
 * (eq. 2.10); Bishop, Pattern Recognition and Machine Learning, eq. 2.141-2.142.
 * Page: theorems/probability/PI-14-bayes-conjugacy.md.
 */
@Theorem(id = "PI-14", name = "Bayes' rule and conjugate posteriors",
        statement = "posterior = prior x likelihood / evidence: the Beta-Bernoulli and Normal-Normal closed forms "
                + "match the normalized product, and the posterior mean lies between the prior mean and the MLE")
@Tag("probability")
class BayesConjugacy {

    /**
     * Compares the closed-form posterior with exp(log prior + log lik - log Z) at three points of the
     * posterior (mean and mean -+ sd, inside the support), where Z = integral of prior x likelihood by
     * quadrature, shifted by the log integrand c at the posterior mean so that nothing underflows.
     * Tolerance on the log scale: Z's relative error estimate + C (magnitudes of the log prior, the log
     * likelihood, the log posterior at the point) + C E_post[magnitudes] for the integrand's rounding.
     */
    static void matchesNormalizedProduct(Check check, UnivariateDistribution prior, UnivariateDistribution post,
                                         DoubleUnaryOperator logLik, DoubleUnaryOperator logLikScale) {
        double m = post.mean();
        double s = post.stddev();
        double c = prior.logProb(m) + logLik.applyAsDouble(m);
        DoubleUnaryOperator g = t -> Math.exp(prior.logProb(t) + logLik.applyAsDouble(t) - c);
        double lo = Math.max(prior.supportLow(), m - 12 * s);
        double hi = Math.min(prior.supportHigh(), m + 12 * s);
        Quadrature.Result z = Quadrature.integrate(g, lo, m).plus(Quadrature.integrate(g, m, hi));
        if (lo > prior.supportLow()) {
            z = z.plus(Quadrature.integrate(g, prior.supportLow(), lo));
        }
        if (hi < prior.supportHigh()) {
            z = z.plus(Quadrature.integrate(g, hi, prior.supportHigh()));
        }
        double logZ = c + Math.log(z.value());
        DoubleUnaryOperator scale = t -> Bounds.logProbScale(prior, t) + logLikScale.applyAsDouble(t) + Math.abs(c);
        double integrandRounding = Bounds.C * Bounds.expect(post, scale, Bounds.scaleKinks(prior)).value();
        check.note("log evidence", logZ);
        for (double k : new double[] {-1, 0, 1}) {
            double t = Math.max(lo, Math.min(hi, m + k * s));
            if (!(t > prior.supportLow() && t < prior.supportHigh())) {
                continue;
            }
            double expected = prior.logProb(t) + logLik.applyAsDouble(t) - logZ;
            double tol = z.error() / z.value() + integrandRounding + Bounds.C * (scale.applyAsDouble(t)
                    + Bounds.logProbScale(post, t) + Math.abs(logZ));
            Claims.close("log posterior(" + t + ") = log prior + log likelihood - log evidence", post.logProb(t),
                    expected, tol);
        }
    }

    /** Beta(a, b) prior, s successes and f failures: the posterior Beta(a + s, b + f). */
    @Property(tries = 150)
    void betaBernoulliPosteriorIsTheNormalizedProduct(Check check) {
        check.forAll(ProbGens.quadratureBetas().as("prior"), Gens.integers(0, 30).as("successes"), Gens.integers(0, 30).as("failures"),
                (prior, s, f) -> {
                    Beta post = Conjugate.betaBernoulli(prior, s, f);
                    matchesNormalizedProduct(check, prior, post, t -> Bounds.xlogySigned(s, t) + Bounds.xlogySigned(f, 1 - t),
                            t -> Bounds.xlogy(s, t) + Bounds.xlogy(f, 1 - t));
                });
    }

    /** N(m0, s0^2) prior of the mean of N(mu, sigma^2) data x_1..x_n: the posterior N(m_n, s_n^2). */
    @Property(tries = 150)
    void normalNormalPosteriorIsTheNormalizedProduct(Check check) {
        check.forAll(ProbGens.normals().as("prior"), Gens.doubles(0.1, 10).as("sigma"),
                Gens.doubleArrays(Gens.doubles(-10, 10), 0, 20).as("data"), (prior, sigma, x) -> {
                    Normal post = Conjugate.normalKnownScale(prior, sigma, x);
                    matchesNormalizedProduct(check, prior, post, mu -> {
                        double ll = 0;
                        for (double xi : x) {
                            ll += new Normal(mu, sigma).logProb(xi);
                        }
                        return ll;
                    }, mu -> {
                        double sc = 0;
                        for (double xi : x) {
                            // the rounding of x_i - mu, relative to sigma, times |z|; smooth majorants of |mu|, |z|
                            double z = (xi - mu) / sigma;
                            sc += z * z + Math.abs(Math.log(sigma)) + 1
                                    + (Math.abs(xi) + Math.hypot(mu, 1)) / sigma * Math.hypot(z, 1);
                        }
                        return sc;
                    });
                });
    }

    /**
     * The posterior mean is the convex combination w MLE + (1 - w) prior mean, w = n / (a + b + n)
     * (Beta) or n s0^2 / (n s0^2 + sigma^2) (Normal), so it lies between the two. Rounding: a few
     * operations on numbers of the size of the means: gamma_8 (|prior mean| + |MLE| + 1).
     */
    @Property(tries = 300)
    void posteriorMeanLiesBetweenPriorMeanAndMle(Check check) {
        check.forAll(ProbGens.betas().as("beta prior"), Gens.integers(0, 30).as("s"), Gens.integers(0, 30).as("f"),
                ProbGens.normals().as("normal prior"), (bp, s, f, np) -> {
                    int n = s + f;
                    if (n > 0) {
                        double mle = (double) s / n;
                        double pm = Conjugate.betaBernoulli(bp, s, f).mean();
                        double w = n / (bp.concentration1() + bp.concentration0() + n);
                        double tol = Tol.gamma(8) * 2;
                        Claims.close("Beta posterior mean = w MLE + (1 - w) prior mean", pm,
                                w * mle + (1 - w) * bp.mean(), tol);
                        Claims.atLeast("posterior mean >= min(prior mean, MLE)", pm, Math.min(mle, bp.mean()) - tol);
                        Claims.atMost("posterior mean <= max(prior mean, MLE)", pm, Math.max(mle, bp.mean()) + tol);
                    }
                    double[] x = new double[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = i < s ? 1 + 0.5 * i : -2 - 0.25 * i;
                    }
                    double sigma = 1 + f;
                    double pm = Conjugate.normalKnownScale(np, sigma, x).mean();
                    double mle = 0;
                    for (double xi : x) {
                        mle += xi;
                    }
                    mle = n == 0 ? np.mean() : mle / n;
                    double tol = Tol.gamma(n + 8) * (Math.abs(np.mean()) + 20 + 1);
                    Claims.atLeast("normal posterior mean >= min(prior mean, MLE)", pm, Math.min(mle, np.mean()) - tol);
                    Claims.atMost("normal posterior mean <= max(prior mean, MLE)", pm, Math.max(mle, np.mean()) + tol);
                });
    }

    /**
     * Data need not reduce uncertainty: under a Beta prior, a surprising observation can increase the
     * posterior variance (e.g. prior Beta(1, 20), one success), so "posterior variance &lt;= prior
     * variance" fails. (It holds for the Normal-Normal model, where the precision only grows.)
     */
    @Counterexample
    void posteriorVarianceCanExceedThePriors(Check check) {
        check.forAll(ProbGens.betas().as("prior"), Gens.integers(0, 5).as("s"), Gens.integers(0, 5).as("f"),
                (prior, s, f) -> Claims.atMost("Var posterior <= Var prior", Conjugate.betaBernoulli(prior, s, f).variance(),
                        prior.variance() * (1 + 1e-12)));
    }
}
