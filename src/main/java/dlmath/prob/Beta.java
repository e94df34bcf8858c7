package dlmath.prob;

import java.util.random.RandomGenerator;

/**
 * The beta distribution with density x^{a-1} (1-x)^{b-1} / B(a, b) on [0, 1], as
 * {@code torch.distributions.Beta(concentration1, concentration0)} (a = concentration1,
 * b = concentration0). Sampling as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (Devroye 1986,
 * Sec. IX.4), computed as 1 / (1 + exp(ln Y - ln X)) so that small concentrations cannot give 0/0.
 */
public final class Beta extends UnivariateDistribution {

    private final double concentration1;
    private final double concentration0;
    private final double logBeta;

    /**
     * Beta(concentration1, concentration0).
     *
     * @param concentration1 a, the exponent of x plus one, &gt; 0 and finite
     * @param concentration0 b, the exponent of 1 - x plus one, &gt; 0 and finite
     */
    public Beta(double concentration1, double concentration0) {
        this.concentration1 = Params.positive("Beta", "concentration1", concentration1);
        this.concentration0 = Params.positive("Beta", "concentration0", concentration0);
        this.logBeta = Special.logBeta(concentration1, concentration0);
    }

    /** @return a */
    public double concentration1() {
        return concentration1;
    }

    /** @return b */
    public double concentration0() {
        return concentration0;
    }

    @Override
    protected double logProbAt(double x) {
        if (x < 0 || x > 1) {
            return Double.NEGATIVE_INFINITY;
        }
        if (isLarge() && x > 0 && x < 1) {
            return Special.logDirichletLarge(new double[] {concentration1, concentration0},
                    new double[] {mean(), concentration0 / concentration1 * mean()}, logSum(), new double[] {x, 1 - x});
        }
        // ln(1 - x) as log1p(-x): ln of the rounded 1 - x was u/2 off, times b - 1 (5.4e-11 for Beta(3, 1e6) at 2e-6)
        double lnY = concentration0 == 1 ? 0 : (concentration0 - 1) * Math.log1p(-x);
        return Special.xlogy(concentration1 - 1, x) + lnY - logBeta;
    }

    @Override
    protected double cdfAt(double x) {
        return Special.regularizedBeta(Math.max(0, Math.min(1, x)), concentration1, concentration0);
    }

    @Override
    protected double draw(RandomGenerator rng) {
        double lx = Gamma.logStandard(concentration1, rng);
        double ly = Gamma.logStandard(concentration0, rng);
        return 1 / (1 + Math.exp(ly - lx));
    }

    @Override
    public double mean() {
        double s = concentration1 + concentration0;
        // a / (a + b); past the double range, without forming a + b
        return s < Double.POSITIVE_INFINITY ? concentration1 / s : 1 / (1 + concentration0 / concentration1);
    }

    /** Both concentrations large: the log-space (Stirling) forms replace differences of huge terms. */
    private boolean isLarge() {
        return Math.min(concentration1, concentration0) >= 10 && Math.max(concentration1, concentration0) >= Special.LARGE;
    }

    /** ln(a + b) without overflow. */
    private double logSum() {
        return Special.logSum(new double[] {concentration1, concentration0});
    }

    @Override
    public double variance() {
        double s = concentration1 + concentration0;
        if (s < 1e100) {
            return concentration1 * concentration0 / (s * s * (s + 1));
        }
        double m = mean();
        // ab / (s^2 (s + 1)) = m (1 - m) / (s + 1), with s + 1 = a (1 + b/a + 1/a) so that nothing overflows
        return m * (1 - m) / concentration1 / (1 + concentration0 / concentration1 + 1 / concentration1);
    }

    /** ln B(a, b) - (a-1) psi(a) - (b-1) psi(b) + (a+b-2) psi(a+b). */
    @Override
    public double entropy() {
        double a = concentration1;
        double b = concentration0;
        if (Math.min(a, b) >= Special.LARGE) {
            return Special.dirichletEntropyLarge(new double[] {a, b}, logSum());
        }
        if (Math.max(a, b) >= Special.LARGE) {
            // one large parameter B and a small one A: -(B-1) psi(B) + (A+B-2) psi(A+B) cancels; write it
            // (B-1) (psi(A+B) - psi(B)) + (A-1) psi(A+B), with psi(B+A) - psi(B) = log1p(A/B) + A/(2B(A+B))
            // + (1/12)(1/B^2 - 1/(A+B)^2) + O(A B^-4) by Stirling (DLMF 5.11.2): the error below 1e-17 here
            double small = Math.min(a, b);
            double big = Math.max(a, b);
            double r = small / big;
            double s = big * (1 + r);                          // may be +infinity: only 1/s is used
            double dpsi = Math.log1p(r) + r / (2 * s) + (1 / (big * big) - 1 / (s * s)) / 12;
            double psiS = Math.log(big) + Math.log1p(r) - 0.5 / s - 1 / (12 * s * s);
            return logBeta - (small - 1) * Special.digamma(small) + (big - 1) * dpsi + (small - 1) * psiS;
        }
        if (Math.min(a, b) < 1) {
            // psi(x) = psi(x + 1) - 1/x: the 1/x terms sum to 1 - (1/a + 1/b - 2/(a+b)) = 1 - (a/b + b/a)/(a+b),
            // which is -inf only when the entropy is (Beta(4.9e-324, 4.9e-324) gave -inf + inf = NaN)
            double s = a + b;
            return logBeta - (a - 1) * Special.digamma(a + 1) - (b - 1) * Special.digamma(b + 1)
                    + (s - 2) * Special.digamma(s + 1) + 1 - (a / b + b / a) / s;
        }
        return logBeta - (a - 1) * Special.digamma(a) - (b - 1) * Special.digamma(b)
                + (a + b - 2) * Special.digamma(a + b);
    }

    @Override
    public boolean isDiscrete() {
        return false;
    }

    @Override
    public double supportLow() {
        return 0;
    }

    @Override
    public double supportHigh() {
        return 1;
    }

    @Override
    public String toString() {
        return "Beta(concentration1=" + concentration1 + ", concentration0=" + concentration0 + ")";
    }
}
