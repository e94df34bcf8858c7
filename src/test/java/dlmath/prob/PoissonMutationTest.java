package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

/**
 * Poisson at and beyond the switch to Stirling's form ({@code Special.LARGE = 1e6}) and to the asymptotic
 * entropy (rate 1e6), the summation window, and the refusal beyond rate 1e12.
 *
 * <p>Oracles: at k = rate (an integer) ln p = k ln k - k - ln k! = -ln(2 pi k)/2 - 1/(12 k) + 1/(360 k^3)
 * (Stirling, DLMF 5.11.1, remainder below 1/(1260 k^5)): terms below 20, 1e-14 absolute. Elsewhere
 * commons-math3's saddle-point form (Loader 2000), whose deviance and Stirling-error terms carry no
 * cancellation: 1e-13 of max(1, |ln p|). The entropy against the sum -sum p ln p over rate +- 40 sd with
 * commons-math3's masses (the mass outside is below e^-800), the bound derived at the test.
 */
class PoissonMutationTest {

    static void close(String what, double actual, double expected, double tol) {
        assertThat(Math.abs(actual - expected)).as("%s: %s vs oracle %s (tolerance %s)", what, actual, expected, tol)
                .isLessThanOrEqualTo(tol);
    }

    @Test
    void largeRatesAtTheMeanAgainstStirling() {
        for (double k : new double[] {1e6, 2.5e7, 1e12}) {
            double want = -0.5 * Math.log(2 * Math.PI * k) - 1 / (12 * k) + 1 / (360 * k * k * k);
            close("ln p of Poisson(" + k + ") at its mean", new Poisson(k).logProb(k), want, 1e-14);
        }
    }

    @Test
    void largeRatesAwayFromTheMeanAgainstCommonsMath() {
        for (double rate : new double[] {1e6, 3.5e6, 1e9}) {
            Poisson p = new Poisson(rate);
            PoissonDistribution o = new PoissonDistribution(rate);
            double sd = Math.sqrt(rate);
            for (double k : new double[] {9, 10, 11, 100, rate - 30 * sd, rate - 2.5 * sd, rate + 0.7 * sd,
                rate + 6 * sd, 2 * rate}) {
                long kk = Math.round(k);
                if (kk > Integer.MAX_VALUE) {
                    continue;
                }
                double want = o.logProbability((int) kk);
                close("ln p of Poisson(" + rate + ") at " + kk, p.logProb(kk), want, 1e-13 * Math.max(1, Math.abs(want)));
            }
        }
    }

    /**
     * The entropy against -sum p ln p over rate +- 40 sd, commons-math3's masses, Neumaier-compensated: each ln p
     * within 4u (|ln p| + 10) (saddle-point terms of that size), so the sum is off by at most
     * 4u E[(1 + |ln p|)(|ln p| + 10)] ~ 4u 9.3 * 18.3 = 7.5e-14 at rate 1e6: 1e-13 (the series' next term,
     * O(rate^-4), is below 1e-24).
     */
    @Test
    void entropyAtLargeRatesAgainstTheSum() {
        for (double rate : new double[] {1e6, 2.2e6}) {
            PoissonDistribution o = new PoissonDistribution(rate);
            double sd = Math.sqrt(rate);
            double h = 0;
            double c = 0;
            for (long k = (long) (rate - 40 * sd); k <= (long) (rate + 40 * sd); k++) {
                double lp = o.logProbability((int) k);
                double term = -Math.exp(lp) * lp;
                double t = h + term;
                c += Math.abs(h) >= Math.abs(term) ? (h - t) + term : (term - t) + h;
                h = t;
            }
            close("H(Poisson(" + rate + "))", new Poisson(rate).entropy(), h + c, 1e-13);
        }
    }

    /**
     * The summation window: from 0 up to rate 1e6, beyond it from rate - 60 sd - 1000 (mass below it under
     * 1e-300), up to rate + 40 sqrt(rate) + 40.
     */
    @Test
    void summationWindow() {
        assertThat(new Poisson(1e5).summationLow()).isZero();
        assertThat(new Poisson(1e6).summationLow()).isZero();
        assertThat(new Poisson(4e6).summationLow()).isEqualTo(4_000_000 - 60 * 2000 - 1000);
        assertThat(new Poisson(4e6).summationHigh()).isEqualTo(4_000_000 + 40 * 2000 + 40);
        assertThat(new PoissonDistribution(4e6).cumulativeProbability(4_000_000 - 60 * 2000 - 1001)).isLessThan(1e-300);
        assertThatThrownBy(() -> new Poisson(1.5e12)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate").hasMessageContaining("1.5E12");
        assertThat(new Poisson(2.5).toString()).isEqualTo("Poisson(rate=2.5)");
    }
}
