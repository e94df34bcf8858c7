package dlmath.theorems.probability;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.ProbGens;
import dlmath.prob.Categorical;
import dlmath.prob.InfoTheory;
import dlmath.prob.KL;
import dlmath.prob.Mle;
import dlmath.prob.Normal;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;

/**
 * PI-15 Maximum likelihood is minimum KL from the empirical distribution: the average
 * log-likelihood of a model q is -H(empirical) - KL(empirical || q). For the categorical family the
 * maximizer is the empirical frequency; for the normal family the sample mean and the biased sample
 * variance. Murphy, Machine Learning: a Probabilistic Perspective, Sec. 3.4.3 and 4.1.3; Bishop,
 * Pattern Recognition and Machine Learning, eq. 2.121-2.122; White, Econometrica 50 (1982).
 * Page: theorems/probability/PI-15-maximum-likelihood-minimum-kl.md.
 */
@Theorem(id = "PI-15", name = "Maximum likelihood is minimum KL",
        statement = "the average log-likelihood of q is -H(emp) - KL(emp||q); the categorical MLE is the empirical "
                + "frequency and the normal MLE is (sample mean, biased sample variance)")
@Tag("probability")
class MaximumLikelihoodMinimumKl {

    /** Counts of K in [1, 8] categories, 0 to 20 each, with a positive total. */
    static final Gen<int[]> COUNTS = Gens.integers(1, 8).flatMap(k -> Gens.listOfSize(Gens.integers(0, 20), k))
            .map(l -> {
                int[] c = l.stream().mapToInt(Integer::intValue).toArray();
                if (Arrays.stream(c).sum() == 0) {
                    c[0] = 1;
                }
                return c;
            });

    /** The observations behind the counts: c_k copies of k. */
    static double[] expand(int[] counts) {
        int n = Arrays.stream(counts).sum();
        double[] x = new double[n];
        int i = 0;
        for (int k = 0; k < counts.length; k++) {
            for (int j = 0; j < counts[k]; j++) {
                x[i++] = k;
            }
        }
        return x;
    }

    /**
     * Mle.categorical gives counts / n (within gamma_{K+2}: one division, then Categorical divides by
     * the computed sum), and for every q with the same support,
     * avgLL(MLE) - avgLL(q) = KL(emp || q) &gt;= 0. Rounding: each average log-likelihood is within
     * gamma_{n+2} of its magnitude sum_k emp_k |ln q_k| + 1, KL within gamma_{2K+4} of its magnitude.
     */
    @Property(tries = 300)
    void categoricalMleIsTheEmpiricalFrequency(Check check) {
        check.forAll(COUNTS.as("counts"), Gens.integers(0, 1000).as("q index"), (counts, qi) -> {
            int k = counts.length;
            int n = Arrays.stream(counts).sum();
            Categorical mle = Mle.categorical(counts);
            for (int j = 0; j < k; j++) {
                Claims.close("MLE p_" + j + " = c_" + j + " / n", mle.probs().get(j), counts[j] / (double) n,
                        Tol.gamma(k + 2) * counts[j] / n);
            }
            double[] w = new double[k];
            for (int j = 0; j < k; j++) {
                w[j] = 1 + ((qi * 7919L + 31L * j * j) % 97);
            }
            Tensor q = Tensor.of(w).div(Arrays.stream(w).sum());
            Categorical model = new Categorical(q);
            double[] x = expand(counts);
            double llMle = Mle.averageLogLikelihood(mle, x);
            double llQ = Mle.averageLogLikelihood(model, x);
            double kl = InfoTheory.kl(mle.probs(), q);
            double mag = CrossEntropyDecomposition.magnitude(mle.probs(), q) + 1;
            double tol = 2 * Tol.gamma(n + 2) * mag + Tol.gamma(2 * k + 4) * mag;
            check.note("avgLL(MLE)", llMle);
            check.note("avgLL(q)", llQ);
            Claims.close("avgLL(MLE) - avgLL(q) = KL(emp || q)", llMle - llQ, kl, tol);
            Claims.atLeast("avgLL(MLE) >= avgLL(q)", llMle, llQ - tol);
        });
    }

    /** Data: 2 to 30 observations in [-10, 10], not all equal. */
    static final Gen<double[]> DATA = Gens.doubleArrays(Gens.doubles(-10, 10), 2, 30)
            .filter(x -> Arrays.stream(x).distinct().count() > 1);

    /**
     * For the normal family avgLL(N(m, s)) = -ln s - ln sqrt(2 pi) - (v + (xbar - m)^2) / (2 s^2) with
     * v the biased sample variance, so avgLL(MLE) - avgLL(N(m, s)) = KL(N(MLE) || N(m, s)) &gt;= 0: the
     * implementation's MLE must be the maximizer for this identity to hold. Rounding: the average
     * log-likelihoods within gamma_{n+4} of (1/n) sum_i S(x_i) (log density magnitudes) each, KL within
     * C klScale.
     */
    @Property(tries = 300)
    void normalMleMaximizesTheLikelihood(Check check) {
        check.forAll(DATA.as("x"), ProbGens.normals().as("other"), (x, other) -> {
            Normal mle = Mle.normal(x);
            double llMle = Mle.averageLogLikelihood(mle, x);
            double llOther = Mle.averageLogLikelihood(other, x);
            double kl = KL.divergence(mle, other);
            double magMle = 0;
            double magOther = 0;
            for (double xi : x) {
                magMle += Bounds.logProbScale(mle, xi) + (Math.abs(xi) + Math.abs(mle.loc())) / mle.scale() * 2;
                magOther += Bounds.logProbScale(other, xi) + (Math.abs(xi) + Math.abs(other.loc())) / other.scale() * 2;
            }
            double tol = Tol.gamma(x.length + 4) * (magMle + magOther) / x.length * 4 + Bounds.C * Bounds.klScale(mle, other);
            check.note("MLE", mle);
            check.note("avgLL(MLE)", llMle);
            check.note("avgLL(other)", llOther);
            check.target(llOther - llMle, "avgLL(other) - avgLL(MLE) (sharp at 0: other = MLE)");
            Claims.close("avgLL(MLE) - avgLL(other) = KL(N(MLE) || other)", llMle - llOther, kl, tol);
            Claims.atLeast("avgLL(MLE) >= avgLL(other)", llMle, llOther - tol);
        });
    }

    /** The unbiased variance (divide by n - 1) is not the maximum likelihood estimate of the variance. */
    @Counterexample
    void unbiasedVarianceIsNotTheMle(Check check) {
        check.forAll(DATA.as("x"), x -> {
            Normal mle = Mle.normal(x);
            int n = x.length;
            Normal unbiased = new Normal(mle.loc(), mle.scale() * Math.sqrt(n / (n - 1.0)));
            Claims.atLeast("avgLL(unbiased) >= avgLL(MLE)", Mle.averageLogLikelihood(unbiased, x),
                    Mle.averageLogLikelihood(mle, x) - 1e-12);
        });
    }
}
