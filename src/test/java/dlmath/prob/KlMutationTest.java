package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of {@link KL} aimed at the branches the mutation run (PIT) left untested: every
 * registered closed form in each of its regimes (near-equal pairs, the ends of p, huge and tiny
 * scales, the shape regimes of the gamma divergence, overflowing Dirichlet sums), against mpmath
 * 1.3.0 at 200 digits ({@code theorems/robustness/mpmath/prob_mutation.py} prints the table), and
 * the Monte Carlo and numerical estimators' refusals and medians.
 *
 * <p>Tolerance: {@code 64u |KL| + 8u T} (u = 2^-53). The closed forms are sums of non-negative terms
 * {@code w phi(s)}, each computed to a few ulps by the series near s = 1 (the Javadoc of
 * {@code KL.weightedPhi}; the near-equal gamma shapes to about 40 ulps, {@code nearShapeDivergence}):
 * that is the 64u |KL|. {@code T} adds the sizes of the terms that do cancel: {@code w (|s - 1| + |ln s|)}
 * for each {@code w phi(s)} evaluated as {@code w s - w - w ln s} (|s - 1| &gt;= 0.1); the textbook terms
 * {@code lnGamma(a_p), lnGamma(a_q), (a_q - a_p) psi(a_p), a_q ln(a_q/a_p)} where the shapes are outside
 * Stirling's and the near-equal regimes (the direct differences, {@code KL.gamma}'s Javadoc); the
 * Laplace and uniform-normal sums term by term.
 */
class KlMutationTest {

    private static final double U = 0x1p-53;

    /** kind, parameters (Dirichlet: a | b), mpmath value. */
    static final String REFERENCE = """
            bern 0.3,0.7 0.3389191441548813797094139
            bern 0.3,0.30001 2.380922147639983004082375e-10
            bern 0.999,0.5 0.6852399254477132162641048
            bern 1e-05,0.2 0.2230322850531714329245926
            bern 5e-324,1e-300 1.000000000000000025058822e-300
            bern 0.25,0.999999999999 20.16094728380146057277332
            bern 0.0,0.3 0.3566749439387323630523098
            bern 1.0,0.3 1.20397280432593602963018
            binom 10.0,0.3,10.0,0.6 1.837868973868122737173396
            binom 5.0,0.3,7.0,0.4 0.5511337009313023605374976
            poisson 3.0,5.0 0.4675231287020279503834577
            poisson 3.0,3.00001 1.666662962994059471485785e-11
            poisson 1e-300,2.0 2.0
            poisson 5.0,0.001 37.58696595708118702921108
            normal 1.0,2.0,-1.0,3.0 0.3499095525526088264224576
            normal 0.0,1.0,0.0,1.0000001 9.999998345010898953954772e-15
            normal 0.5,0.001,0.5,1000.0 13.31551055796477408329127
            normal 1e+300,1e+300,-1e+300,2e+300 0.8181471805599453094172321
            normal 0.0,3.0,1e-08,3.0 5.555555555555555788028454e-18
            laplace 0.0,1.0,0.0,3.0 0.4319456220014430247285786
            laplace 0.0,1.0,0.0,1.0000001 4.999999339172078935583554e-15
            laplace 1.0,2.0,-1.0,3.0 0.317384735555792596375029
            laplace 0.0,5.0,0.001,0.5 6.697415106992621649288684
            laplace 1e+300,1e+300,-1e+300,3e+300 0.8103907164136472553599117
            unifnormal 0.0,1.0,0.5,2.0 1.622502380431284717864229
            unifnormal -3.0,-1.0,2.0,0.5 32.19931083875144878961253
            unifnormal 0.001,0.002,0.0,0.01 3.233190292865385092464988
            gamma 12.0,1.0,15.0,2.0 1.963720588538179969332204
            gamma 12.0,1.0,12.000012,1.0 6.256932673070048265997612e-12
            gamma 3.0,1.0,3.5,1.2 0.008308805459054150260289302
            gamma 3.0,1.0,3.0000003,1.0 1.777203230910322149709069e-14
            gamma 9.5,1.0,10.5,1.0 0.05355392220354561742446492
            gamma 0.5,1.0,12.0,2.0 31.69254203547621205278038
            gamma 3.0,1.0,50.0,1.0 100.5017330161569851480073
            gamma 50.0,2.0,3.0,1.0 16.60035942700582848558659
            gamma 50.0,1.0,0.5,1.0 49.15510983126047782737428
            gamma 0.3,1.0,2.5,1.0 6.894438164495136512769099
            gamma 0.3,1.0,0.45,1.0 0.1066677439894091533093686
            gamma 2.0,1.0,7.0,3.0 0.7750435158409974583260221
            gamma 7.0,3.0,2.0,1.0 0.3152283741517874180310851
            gamma 1.0,2.0,3.0,0.5 5.256461593722682887133649
            gamma 1.0,2.0,1.0,3.0 0.09453489189183561802198688
            gamma 0.001,1.0,1000.0,1.0 1006472.884600562145202621
            gamma 100000.0,1.0,200000.0,1.0 38629.58953881544857745248
            dirichlet 2.0,3.0,|,4.0,1.5 1.489736580428760461485934
            dirichlet 1.0,2.0,3.0,|,2.0,2.0,2.0 0.8068528194400546905827679
            dirichlet 0.5,0.5,|,20.0,30.0 32.81487301704785718612594
            dirichlet 12.0,20.0,|,12.5,19.0 0.03280475941540519201295346
            dirichlet 1000000.0,2000000.0,|,1000000.0,2100000.0 810.894337698237288448596
            dirichlet 0.001,1000.0,|,1.0,1.0 999.5740741709763436112196
            dirichlet 1e+308,1e+308,|,1e+308,5e+307 8.494951839769873738287862e+306
            dirichlet 1e+308,1e+308,|,1.0,2.0 354.2188865587182805666057
            """;

    static double[] numbers(String csv) {
        return java.util.Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** The cancelling size of w phi(s) evaluated directly, 0 on the series (|s - 1| &lt; 0.1). */
    static double phiSize(double w, double s) {
        return Math.abs(s - 1) < 0.1 ? 0 : w * (Math.abs(s - 1) + Math.abs(Math.log(s)));
    }

    /**
     * The sizes of the terms of E(a_p, a_q) that cancel, by regime: none for equal shapes, both &gt;= 10
     * (Stirling, relative) and near-equal shapes below 20 (relative); one shape &gt;= 10: Stirling's forms of
     * the large one, terms of size (small + 1)(ln big + 2) and lnGamma, psi of the small one; both below 10:
     * the textbook terms lnGamma(a_p), lnGamma(a_q), (a_q - a_p) psi(a_p), a_q ln(a_q / a_p).
     */
    static double shapeSize(double ap, double aq) {
        if (ap == aq || (ap >= 10 && aq >= 10) || Math.abs(aq - ap) < 0.5 * ap && Math.max(ap, aq) < 20) {
            return 0;
        }
        double small = Math.min(ap, aq);
        double big = Math.max(ap, aq);
        double lgSmall = Math.abs(org.apache.commons.math3.special.Gamma.logGamma(small));
        double psiSmall = Math.abs(small * org.apache.commons.math3.special.Gamma.digamma(small + 1)) + 1;
        if (big >= 10) {
            return (small + 1) * (Math.log(big) + 2) + lgSmall + psiSmall;
        }
        return lgSmall + Math.abs(org.apache.commons.math3.special.Gamma.logGamma(big))
                + Math.abs((aq - ap) * org.apache.commons.math3.special.Gamma.digamma(ap)) + aq * Math.abs(Math.log(aq / ap))
                + Math.abs(aq - ap);
    }

    @Test
    void closedFormsAgreeWithMpmath() {
        for (String line : REFERENCE.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            double ref = Double.parseDouble(f[2]);
            double got;
            double t;
            double factor = 1;
            switch (f[0]) {
                case "bern" -> {
                    double[] a = numbers(f[1]);
                    got = KL.divergence(new Bernoulli(a[0]), new Bernoulli(a[1]));
                    t = (a[0] == 0 ? 0 : phiSize(a[0], a[1] / a[0])) + (a[0] == 1 ? 0 : phiSize(1 - a[0], (1 - a[1]) / (1 - a[0])));
                }
                case "binom" -> {
                    double[] a = numbers(f[1]);
                    got = KL.divergence(new Binomial((int) a[0], a[1]), new Binomial((int) a[2], a[3]));
                    // equal counts: n KL(Bern); different: the exact sum of 6 terms p ln(p/q), each u (|ln p| + |ln q|)
                    t = a[0] == a[2] ? a[0] * (phiSize(a[1], a[3] / a[1]) + phiSize(1 - a[1], (1 - a[3]) / (1 - a[1]))) : 200;
                }
                case "poisson" -> {
                    double[] a = numbers(f[1]);
                    got = KL.divergence(new Poisson(a[0]), new Poisson(a[1]));
                    t = phiSize(a[0], a[1] / a[0]);
                }
                case "normal" -> {
                    double[] a = numbers(f[1]);
                    got = KL.divergence(new Normal(a[0], a[1]), new Normal(a[2], a[3]));
                    double r = a[1] / a[3];
                    t = phiSize(0.5, r * r);
                }
                case "laplace" -> {
                    double[] a = numbers(f[1]);
                    got = KL.divergence(new Laplace(a[0], a[1]), new Laplace(a[2], a[3]));
                    double d = Math.abs(a[0] / 2 - a[2] / 2) * 2;
                    t = d == 0 ? phiSize(1, a[1] / a[3])
                            : Math.abs(Math.log(a[3] / a[1])) + d / a[3] + a[1] / a[3] * Math.exp(-d / a[1]) + 1;
                }
                case "unifnormal" -> {
                    double[] a = numbers(f[1]);
                    got = KL.divergence(new Uniform(a[0], a[1]), new Normal(a[2], a[3]));
                    t = Math.abs(Math.log((a[1] - a[0]) / a[3])) + 1 + 2 * ref;
                }
                case "gamma" -> {
                    double[] a = numbers(f[1]);
                    got = a[0] == 1 ? KL.divergence(new Exponential(a[1]), new Gamma(a[2], a[3]))
                            : KL.divergence(new Gamma(a[0], a[1]), new Gamma(a[2], a[3]));
                    t = phiSize(a[2], (a[0] / a[1]) / (a[2] / a[3])) + shapeSize(a[0], a[2]);
                    if (a[0] == 1 && a[2] == 1) {
                        assertThat(KL.divergence(new Exponential(a[1]), new Exponential(a[3]))).as(line).isEqualTo(got);
                    }
                }
                default -> {   // dirichlet a | b
                    String[] ab = f[1].split(",\\|,");
                    double[] a = numbers(ab[0]);
                    double[] b = numbers(ab[1]);
                    got = a.length == 2 ? KL.divergence(new Beta(a[0], a[1]), new Beta(b[0], b[1]))
                            : KL.divergence(new Dirichlet(Tensor.of(a)), new Dirichlet(Tensor.of(b)));
                    double a0 = 0;
                    double b0 = 0;
                    t = 0;
                    for (int i = 0; i < a.length; i++) {
                        a0 += a[i];
                        b0 += b[i];
                    }
                    double a0q = 0;   // a_0 / 4 and b_0 / 4: finite also where the sums overflow
                    double b0q = 0;
                    for (int i = 0; i < a.length; i++) {
                        a0q += a[i] / 4;
                        b0q += b[i] / 4;
                    }
                    for (int i = 0; i < a.length; i++) {
                        t += phiSize(b[i], (a[i] / 4 / a0q) / (b[i] / 4 / b0q)) + shapeSize(a[i], b[i]);
                    }
                    // sum_i E(a_i, b_i) - E(a_0, b_0): the two sides cancel; E(a_0, b_0) is of the size of sum_i E.
                    // Sums beyond the double range (a_0 = +inf here): E(a_0, b_0) by Stirling's forms in the scaled
                    // shapes, terms of size (1 + b_0) ln a_0 (ln a_0 < 710)
                    // (t holds half the sizes here, times 2 below: the sizes of 1e308 concentrations would overflow)
                    t = Double.isFinite(a0) ? t + shapeSize(a0, b0) / 2 : t + (1 + Math.min(b0, 1e300)) * 355;
                    factor = 2;
                    assertThat(t).as("%s: the tolerance's term sizes", line).isFinite();
                }
            }
            assertThat(Math.abs(got - ref)).as("%s: got %s", line.strip(), got).isLessThanOrEqualTo(64 * U * Math.abs(ref) + factor * (8 * U * t));
        }
    }

    @Test
    void endsAndInfinities() {
        // Uniform: p's support outside q's is +inf, on either side; inside ln(width_q / width_p)
        assertThat(KL.divergence(new Uniform(-1, 1), new Uniform(0, 2))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(KL.divergence(new Uniform(0, 3), new Uniform(0, 2))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(KL.divergence(new Uniform(0, 2), new Uniform(0, 2))).isZero();
        assertThat(KL.divergence(new Uniform(0, 1), new Uniform(-1, 2))).isCloseTo(Math.log(3), within(4 * U * Math.log(3)));
        // Bernoulli with q at an end: p log(p / 0) = +inf; p = q = 0 and p = q = 1: 0
        assertThat(KL.divergence(new Bernoulli(0.5), new Bernoulli(0))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(KL.divergence(new Bernoulli(0.5), new Bernoulli(1))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(KL.divergence(new Bernoulli(0), new Bernoulli(0))).isZero();
        assertThat(KL.divergence(new Bernoulli(1), new Bernoulli(1))).isZero();
        // Binomial with totalCount 0 on both sides: 0; p's support beyond q's: +inf
        assertThat(KL.divergence(new Binomial(0, 0.3), new Binomial(0, 0.6))).isZero();
        assertThat(KL.divergence(new Binomial(7, 0.3), new Binomial(5, 0.6))).isEqualTo(Double.POSITIVE_INFINITY);
        // Categorical: 0 ln 0 = 0, q_i = 0 under p_i > 0 is +inf; the closed form sum_i p_i ln(p_i / q_i)
        assertThat(KL.divergence(new Categorical(Tensor.of(0.0, 1.0)), new Categorical(Tensor.of(0.5, 0.5))))
                .isCloseTo(Math.log(2), within(4 * U * Math.log(2)));
        assertThat(KL.divergence(new Categorical(Tensor.of(0.5, 0.5)), new Categorical(Tensor.of(0.0, 1.0))))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(KL.divergence(new Categorical(Tensor.of(0.25, 0.75)), new Categorical(Tensor.of(0.5, 0.5))))
                .isCloseTo(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), within(16 * U));
        // the uniform-normal divergence with an infinite standardized end: +inf, not NaN
        assertThat(KL.divergence(new Uniform(-8e307, 8e307), new Normal(0, 1e-300))).isEqualTo(Double.POSITIVE_INFINITY);
        // a shape whose ratio overflows: E >= a_q / a_p - (1 + a_q) ln(a_q / a_p) - 1 > MAX
        assertThat(KL.divergence(new Gamma(1e-320, 1), new Gamma(5, 1))).isEqualTo(Double.POSITIVE_INFINITY);
        // Dirichlet concentrations whose sums overflow (scaled by 2^-s inside): equal pairs 0, unequal finite and positive
        assertThat(KL.divergence(new Beta(1e308, 1e308), new Beta(1e308, 1e308))).isZero();
        double huge = KL.divergence(new Beta(1e308, 1e308), new Beta(1e308, 5e307));
        assertThat(huge).isPositive().isLessThan(Double.POSITIVE_INFINITY);
        // differenceOverScale: MAX - (-MAX) overflows, the halved difference does not; infinite inputs pass through
        assertThat(KL.differenceOverScale(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE)).isEqualTo(2.0);
        assertThat(KL.differenceOverScale(3, 1, 4)).isEqualTo(0.5);
        assertThat(KL.differenceOverScale(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE / 4)).isEqualTo(8.0);
        // w s beyond the double range: KL(Gamma(2, rate 1e-300) || Gamma(3, rate 1e300)) >= a_q phi(s) with s = 2e600 / 3
        assertThat(KL.divergence(new Gamma(2, 1e-300), new Gamma(3, 1e300))).isEqualTo(Double.POSITIVE_INFINITY);
        // Ratio.of with the exponents two apart (e = 2) and s near 1: 4 / c^2, c = 2 - 2^-40, s - 1 = 2^-39 + 3 2^-82 + ...
        // (exact: 4 / (2 - h)^2 - 1 = h (4 - h) / (2 - h)^2 with h = 2^-40), kept to a few ulps by the FMA path
        double h = 0x1p-40;
        double c = 2 - h;
        double exactX = new java.math.BigDecimal(h).multiply(new java.math.BigDecimal(4 - h))
                .divide(new java.math.BigDecimal(c).pow(2), java.math.MathContext.DECIMAL128).doubleValue();
        assertThat(KL.Ratio.of(4, 1, c, c).x()).isCloseTo(exactX, within(4 * U * exactX));
        assertThat(KL.differenceOverScale(Double.POSITIVE_INFINITY, 1, 4)).isEqualTo(Double.POSITIVE_INFINITY);
        // exponent of subnormals and normals
        assertThat(KL.exponent(Double.MIN_VALUE)).isEqualTo(-1074);
        assertThat(KL.exponent(Double.MIN_NORMAL)).isEqualTo(-1022);
        assertThat(KL.exponent(3.0)).isEqualTo(1);
        // phi1p on both sides of its series switch, against log1p (no cancellation below -0.1 or above 0.1 by 2x)
        for (double x : new double[] {-0.5, -0.1, -0.05, 1e-3, 0.0999, 0.1, 2}) {
            double direct = x - Math.log1p(x);
            assertThat(KL.phi1p(x)).as("phi1p(%s)", x).isCloseTo(direct, within(8 * U * (Math.abs(x) + Math.abs(Math.log1p(x)))));
        }
        assertThat(KL.phi1p(1e-3)).isCloseTo(1e-6 / 2 - 1e-9 / 3 + 1e-12 / 4 - 1e-15 / 5 + 1e-18 / 6 - 1e-21 / 7, within(4 * U * 5e-7));
        // Ratio.of: s = a b / (c d), s - 1, ln s and c s, also with exponents far apart and subnormal inputs
        KL.Ratio r = KL.Ratio.of(3, 4, 2, 5);
        assertThat(r.x()).isCloseTo(0.2, within(2 * U));
        assertThat(r.ln()).isCloseTo(Math.log(1.2), within(2 * U));
        assertThat(r.weighted()).isCloseTo(2.4, within(4 * U));
        KL.Ratio far = KL.Ratio.of(1e300, 1e10, 1e-300, 1e5);
        assertThat(far.x()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(far.ln()).isCloseTo(Math.log(1e300) + Math.log(1e10) - Math.log(1e-300) - Math.log(1e5), within(1e-12));
        KL.Ratio tiny = KL.Ratio.of(Double.MIN_VALUE, 1, 1, 4);
        assertThat(tiny.x()).isEqualTo(-1.0);
        assertThat(tiny.ln()).isCloseTo(Math.log(Double.MIN_VALUE) - Math.log(4), within(1e-12));
        assertThat(KL.Ratio.of(0, 1, 1, 1).ln()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(KL.Ratio.of(1, 0, 1, 1).weighted()).isZero();
        KL.Ratio near = KL.Ratio.of(1 + 1e-15, 3, 3, 1);   // (1 + 1e-15) 3 / 3: s - 1 = 1.11e-15 (the double nearest)
        assertThat(near.x()).isEqualTo((1 + 1e-15) - 1);   // exact: the products' rounding errors are carried by FMA
    }

    static void rejects(Runnable call, String... words) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).message().contains(words);
    }

    @Test
    void estimatorsAndTheirRefusals() {
        Normal p = new Normal(0, 1);
        Normal q = new Normal(1, 2);
        double exact = KL.divergence(p, q);   // ln 2 + (1 + 1)/8 - 1/2
        assertThat(exact).isCloseTo(Math.log(2) + 0.25 - 0.5, within(8 * U));
        // terms: log p(x) - log q(x) at p's samples, the same samples as p.sample with the same seed
        double[] terms = KL.monteCarloTerms(p, q, 5, new SplittableRandom(3));
        SplittableRandom same = new SplittableRandom(3);
        for (double term : terms) {
            double x = p.sample(same);
            assertThat(term).isEqualTo(p.logProb(x) - q.logProb(x));
        }
        // the median of block means: odd count the middle one, even the average of the two middle ones
        double[] t3 = KL.monteCarloTerms(p, q, 6, new SplittableRandom(5));
        double[] means3 = {(t3[0] + t3[1]) / 2, (t3[2] + t3[3]) / 2, (t3[4] + t3[5]) / 2};
        java.util.Arrays.sort(means3);
        assertThat(KL.monteCarlo(p, q, 3, 2, new SplittableRandom(5))).isEqualTo(means3[1]);
        double[] t4 = KL.monteCarloTerms(p, q, 4, new SplittableRandom(6));
        double[] means4 = t4.clone();
        java.util.Arrays.sort(means4);
        assertThat(KL.monteCarlo(p, q, 4, 1, new SplittableRandom(6))).isEqualTo((means4[1] + means4[2]) / 2);
        // one block of one sample: that term
        assertThat(KL.monteCarlo(p, q, 1, 1, new SplittableRandom(8))).isEqualTo(KL.monteCarloTerms(p, q, 1, new SplittableRandom(8))[0]);
        // multivariate terms
        MultivariateNormal mp = new MultivariateNormal(Tensor.of(0.0, 0.0), Tensor.eye(2));
        MultivariateNormal mq = new MultivariateNormal(Tensor.of(1.0, 0.0), Tensor.eye(2));
        double[] mt = KL.monteCarloTerms(mp, mq, 3, new SplittableRandom(2));
        SplittableRandom again = new SplittableRandom(2);
        for (double term : mt) {
            Tensor x = mp.sample(again);
            assertThat(term).isEqualTo(mp.logProb(x) - mq.logProb(x));
        }
        // the refusals name the problem
        rejects(() -> KL.monteCarloTerms(mp, p, 3, new SplittableRandom(1)), "univariate or both multivariate", "same dimension");
        rejects(() -> KL.monteCarlo(p, q, 0, 0, new SplittableRandom(1)), "blocks and perBlock must be >= 1", "0 and 0");
        rejects(() -> KL.divergence(new Logistic(0, 1), new Normal(0, 1)), "no closed form registered", "Logistic || Normal");
        // numerical: p's support beyond q's is +inf with zero error; the continuous case within its error estimate
        Quadrature.Result outside = KL.numerical(new Uniform(0, 3), new Uniform(0, 2));
        assertThat(outside.value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(outside.error()).isZero();
        assertThat(KL.numerical(new Normal(0, 1), new Uniform(-1, 1)).value()).isEqualTo(Double.POSITIVE_INFINITY);
        // Exponential(1) inside N(0, 1)'s support: E[-X + ln sqrt(2 pi) + X^2 / 2] = -1 + ln sqrt(2 pi) + 1
        Quadrature.Result expNormal = KL.numerical(new Exponential(1), new Normal(0, 1));
        assertThat(Math.abs(expNormal.value() - Special.LN_SQRT_2PI)).isLessThanOrEqualTo(expNormal.error() + 8 * U);
        Quadrature.Result num = KL.numerical(p, q);
        assertThat(Math.abs(num.value() - exact)).isLessThanOrEqualTo(num.error() + 8 * U);
        // discrete: the exact sum over p's support
        Quadrature.Result pois = KL.numerical(new Poisson(3), new Poisson(5));
        double closed = 3 * Math.log(3.0 / 5) - 3 + 5;
        assertThat(pois.value()).isCloseTo(closed, within(1e-13));
    }
}
