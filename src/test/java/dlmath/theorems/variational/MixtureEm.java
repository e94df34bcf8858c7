package dlmath.theorems.variational;

import static dlmath.check.Tol.gamma;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.variational.GaussianMixture;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;

/**
 * VAR-07 EM for a one-dimensional Gaussian mixture never decreases the log-likelihood (also with a variance
 * floor, when the start respects it). Dempster, Laird &amp; Rubin, Maximum likelihood from incomplete data via the
 * EM algorithm, JRSS-B 39 (1977), Thm 1; Wu, On the convergence properties of the EM algorithm, Ann. Stat. 11
 * (1983), Sec. 2 (generalized EM); Bishop, Pattern Recognition and Machine Learning, Sec. 9.2.2 and 9.4. Page:
 * theorems/variational/VAR-07-mixture-em.md.
 */
@Theorem(id = "VAR-07", name = "EM for Gaussian mixtures is monotone",
        statement = "each EM step of a 1-D Gaussian mixture does not decrease the log-likelihood")
@Tag("variational")
class MixtureEm {

    record Case(GaussianMixture start, double[] x, double floor) {
        @Override
        public String toString() {
            return start + ", floor = " + floor + ", x = " + Arrays.toString(x);
        }
    }

    /** Data: clusters, exact ties, zeros and outliers up to 1e3; weights with zeros; variances above the floor. */
    static Gen<Case> cases(boolean belowFloor) {
        return s -> {
            int k = s.draw(Gens.integers(1, 4));
            int n = s.draw(Gens.integers(1, 40));
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = s.draw(Gens.oneOf(Gens.doubles(-10, 10), Gens.constant(0.0), Gens.constant(1.0),
                        Gens.doubles(-1e3, 1e3)));
            }
            double floor = s.draw(Gens.doubles(1e-6, 1));
            double[] w = new double[k];
            double total = 0;
            for (int j = 0; j < k; j++) {
                w[j] = s.draw(Gens.oneOf(Gens.doubles(0.01, 1), Gens.constant(0.0)));
                total += w[j];
            }
            if (total == 0) {
                w[0] = 1;
                total = 1;
            }
            for (int j = 0; j < k; j++) {
                w[j] /= total;
            }
            double[] m = s.draw(Gens.doubleArrays(Gens.doubles(-10, 10), k, k));
            double[] v = new double[k];
            for (int j = 0; j < k; j++) {
                v[j] = belowFloor ? floor * s.draw(Gens.doubles(1e-3, 1)) : floor + s.draw(Gens.doubles(0, 10));
            }
            return new Case(new GaussianMixture(w, m, v), x, floor);
        };
    }

    /** The log-likelihood by the test's own loop: sum_i log sum_k exp(log pi_k + log N(x_i; mu_k, sigma2_k)). */
    static double logLikelihood(GaussianMixture g, double[] x) {
        double total = 0;
        for (double xi : x) {
            double[] l = new double[g.components()];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < l.length; k++) {
                double z = xi - g.means()[k];
                l[k] = Math.log(g.weights()[k]) - 0.5 * Math.log(2 * Math.PI * g.variances()[k])
                        - z * z / (2 * g.variances()[k]);
                max = Math.max(max, l[k]);
            }
            double s = 0;
            for (double lk : l) {
                s += Math.exp(lk - max);
            }
            total += max + Math.log(s);
        }
        return total;
    }

    /**
     * Each log N term carries at most 8 roundings and the log-sum-exp K + 4 more, relative to the magnitudes
     * |log pi_k| + |log 2 pi sigma2_k| + z^2/sigma2_k (Higham Lemma 3.1): gamma_{2K+16} times their sum over i,
     * max over k, for either evaluation.
     */
    static double rounding(GaussianMixture g, double[] x) {
        double s = 0;
        for (double xi : x) {
            double m = 0;
            for (int k = 0; k < g.components(); k++) {
                if (g.weights()[k] > 0) {
                    double z = xi - g.means()[k];
                    m = Math.max(m, Math.abs(Math.log(g.weights()[k])) + Math.abs(Math.log(2 * Math.PI * g.variances()[k]))
                            + z * z / g.variances()[k]);
                }
            }
            s += m + 1;
        }
        return gamma(2 * g.components() + 16) * s;
    }

    /** For the figure: the number of EM steps that raise log L by more than 1e-4 of its final magnitude (a gradual climb). */
    static int risingSteps(double[] trace) {
        int k = 0;
        for (int t = 1; t < trace.length; t++) {
            k += trace[t] - trace[t - 1] > 1e-4 * Math.abs(trace[trace.length - 1]) ? 1 : 0;
        }
        return k;
    }

    @Property(tries = 200)
    void emNeverDecreasesTheLikelihood(Check check) {
        check.forAll(cases(false).as("case"), c -> {
            GaussianMixture g = c.start();
            double prev = logLikelihood(g, c.x());
            Claims.close("log L (implementation) = log L (test loop)", g.logLikelihood(c.x()), prev,
                    2 * rounding(g, c.x()));
            double[] trace = new double[21];
            trace[0] = prev;
            boolean floored = false;
            for (int t = 1; t <= 20; t++) {
                GaussianMixture next = g.emStep(c.x(), c.floor());
                double cur = logLikelihood(next, c.x());
                trace[t] = cur;
                for (double v : next.variances()) {
                    floored |= v == c.floor();
                }
                Claims.atLeast("log L(theta_" + t + ") >= log L(theta_" + (t - 1) + ")", cur,
                        prev - rounding(g, c.x()) - rounding(next, c.x()));
                prev = cur;
                g = next;
            }
            check.label(floored ? "a variance hit the floor" : "floor inactive");
            check.note("log L per EM step", Arrays.toString(trace));
            double[] steps = new double[trace.length];
            Arrays.setAll(steps, i -> i);
            check.plot("EM for a 1-D Gaussian mixture: log-likelihood per step (test's own likelihood loop)")
                    .axes("EM step t", "log L(theta_t)").line("log L (" + g.components() + " components, " + c.x().length
                            + " points)", steps, trace).rank(risingSteps(trace));
        });
    }

    /**
     * Drop "the start satisfies the constraint sigma2_k &gt;= floor": then the floored M-step maximizes over a set that
     * excludes the current parameters, and the likelihood can fall.
     */
    @Counterexample
    void canDecreaseFromBelowTheFloor(Check check) {
        check.forAll(cases(true).as("case"), c -> {
            GaussianMixture g = c.start();
            GaussianMixture next = g.emStep(c.x(), c.floor());
            Claims.atLeast("log L(theta_1) >= log L(theta_0)", logLikelihood(next, c.x()),
                    logLikelihood(g, c.x()) - rounding(g, c.x()) - rounding(next, c.x()));
        });
    }
}
