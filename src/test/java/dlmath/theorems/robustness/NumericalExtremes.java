package dlmath.theorems.robustness;

import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.prob.Beta;
import dlmath.prob.Categorical;
import dlmath.prob.Gamma;
import dlmath.prob.InfoTheory;
import dlmath.prob.KL;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * RB-02 Numerical extremes: softmax, log-sum-exp, sigmoid, cross-entropy, KL divergence and
 * entropy stay finite and correct at 1e300, 1e-300, subnormals, exact zeros (0 log 0 = 0) and the
 * largest double. Blanchard, Higham &amp; Higham, "Accurately computing the log-sum-exp and softmax
 * functions", IMA J. Numer. Anal. 41 (2021), Sec. 2-3; Cover &amp; Thomas, Elements of Information
 * Theory, 2nd ed., Sec. 2.1-2.3 (the convention 0 log 0 = 0). Page:
 * theorems/robustness/RB-02-numerical-extremes.md.
 */
@Theorem(id = "RB-02", name = "Numerical extremes",
        statement = "softmax, logsumexp, sigmoid, cross-entropy, KL and entropy are finite and equal to their exact "
                + "values (within derived rounding) for entries at +-1e300, +-MAX, +-1e-300, subnormals and exact zeros; sums and "
                + "means of finite entries are right wherever the answer is representable")
@Tag("robustness")
class NumericalExtremes {

    static final double U = Tol.U;
    static final double SUB = Double.MIN_VALUE;
    static final double MAX = Double.MAX_VALUE;

    /** Entries so large that every gap between distinct ones exceeds 800 (e^-800 rounds to 0). */
    static final List<Double> HUGE = List.of(1e300, -1e300, MAX, -MAX, 1e299, -1e299, 2e300);
    /** Entries so small that e^x rounds to 1 for all of them. */
    static final List<Double> TINY = List.of(0.0, -0.0, 1e-300, -1e-300, SUB, -SUB, 2 * SUB, 1e-310);

    static Gen<Tensor> vectors(List<Double> pool) {
        return Gens.lists(Gens.elements(pool), 1, 12).map(l -> Tensor.of(l.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    static final Gen<Tensor> HUGE_VECTORS = vectors(HUGE).as("x (huge entries)");
    static final Gen<Tensor> TINY_VECTORS = vectors(TINY).as("x (tiny entries)");

    /** Huge positive maxima with tiny or huge negative others: one-hot. */
    static final Gen<Tensor> MIXED_VECTORS = Gens.lists(Gens.elements(List.of(0.0, 1e-300, SUB, -1e300, -MAX, -SUB)), 0, 10)
            .flatMap(rest -> Gens.elements(List.of(1e300, MAX, 1e299)).map(top -> {
                double[] v = new double[rest.size() + 1];
                v[0] = top;
                for (int i = 0; i < rest.size(); i++) {
                    v[i + 1] = rest.get(i);
                }
                return Tensor.of(v);
            })).as("x (one huge maximum)");

    static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }

    /**
     * The exact softmax of a vector whose distinct entries are more than 800 apart: the maxima
     * share 1/t (t of them; fl(1/t) is the correctly rounded value), the others are e^-800 or less,
     * which rounds to 0 (below half the smallest subnormal).
     */
    static double[] oneHotSoftmax(double[] v) {
        double m = max(v);
        long t = Arrays.stream(v).filter(x -> x == m).count();
        return Arrays.stream(v).map(x -> x == m ? 1.0 / t : 0.0).toArray();
    }

    static Tensor softmaxVar(Tensor x) {
        Graph g = new Graph();
        return g.variable(x).softmax(0).value();
    }

    @Property(tries = 300)
    void softmaxOfHugeEntriesIsExactlyOneHot(Check check) {
        check.forAll(Gens.oneOf(HUGE_VECTORS, MIXED_VECTORS).as("x"), x -> {
            double[] expected = oneHotSoftmax(x.toArray());
            // ties come only from HUGE_VECTORS (half the tries), about 28% of those: p ~ 0.14 per try. A cover
            // of 3% fails with probability at most exp(-300 KL(0.03 || 0.14)) = exp(-21.2) < 1e-9 (Chernoff)
            check.cover(3, Arrays.stream(expected).filter(p -> p > 0).count() > 1, "tied maxima");
            Claims.that("softmax(x) = " + softmaxVar(x) + " is the exact one-hot " + Arrays.toString(expected),
                    Arrays.equals(softmaxVar(x).toArray(), expected));
            // fromLogits computes p = exp((x - max) - fl(ln t)): fl(ln t) is off by at most u ln t (absolute),
            // which exp turns into a relative error u ln t, Math.exp adds less than 1 ulp (2u relative), and
            // fl(1/t) on the oracle's side half an ulp: |p - 1/t| <= (ln t + 3) u / t; the zeros are exact
            double[] probs = Categorical.fromLogits(x).probs().toArray();
            long t = Arrays.stream(expected).filter(v -> v > 0).count();
            for (int i = 0; i < probs.length; i++) {
                if (expected[i] == 0) {
                    Claims.that("fromLogits: a non-maximal entry is exactly 0, was " + probs[i], probs[i] == 0);
                } else {
                    Claims.close("fromLogits: a maximal entry vs 1/t", probs[i], 1.0 / t, (Math.log(t) + 3) * U / t);
                }
            }
        });
    }

    @Property(tries = 300)
    void softmaxOfTinyEntriesIsUniform(Check check) {
        check.forAll(TINY_VECTORS, x -> {
            double expected = 1.0 / x.size();   // e^x rounds to 1 for |x| <= 1e-300: the sum is n, each 1/n
            for (double p : softmaxVar(x).toArray()) {
                Claims.that("softmax entry " + p + " = fl(1/n) = " + expected, p == expected);
            }
            for (double p : Categorical.fromLogits(x, 1e-300).probs().toArray()) {
                // at temperature 1e-300 the logits become gaps of up to 1e-10 / 1e-300: any
                // non-finite step would show as NaN; the probabilities are finite, >= 0 and sum to 1
                Claims.that("fromLogits(x, T = 1e-300) entry " + p + " in [0, 1]", p >= 0 && p <= 1);
            }
        });
    }

    @Property(tries = 300)
    void logSumExpAtTheEndsOfTheRange(Check check) {
        check.forAll(Gens.oneOf(HUGE_VECTORS, MIXED_VECTORS, TINY_VECTORS).as("x"), x -> {
            double[] v = x.toArray();
            double m = max(v);
            double lse = x.logsumexpAll();
            if (Math.abs(m) >= 1e299) {
                // LSE = m + ln t + (terms below e^-800): ln t <= ln 12 is far below ulp(m) = 2^-52 |m|
                check.label("huge maximum: LSE = max exactly");
                Claims.that("LSE(x) = " + lse + " equals max x = " + m, lse == m);
            } else {
                // all |x_i| <= 1e-300: LSE = ln n + (mean of x) + O(x^2), and |mean| <= 1e-300 is far below
                // ulp(ln n); fl(ln n) is within u ln n (Math.log is within 1 ulp), plus the rounding of log1p
                check.label("tiny entries: LSE = ln n");
                double expected = Math.log(v.length);
                Claims.close("LSE(x) vs ln n", lse, expected, 4 * U * Math.max(expected, 1) + 1e-299);
            }
            Claims.that("LSE finite", Double.isFinite(lse));
            Graph g = new Graph();
            double viaVar = g.variable(x).logsumexp(new int[] {0}, false).value().item();
            Claims.that("Var.logsumexp = Tensor.logsumexpAll", viaVar == lse);
        });
    }

    @Property(tries = 200)
    void sigmoidAtTheEndsOfTheRange(Check check) {
        List<Double> all = new java.util.ArrayList<>(HUGE);
        all.addAll(TINY);
        check.forAll(Gens.elements(all).as("x"), x -> {
            double s = Tensor.scalar(x).sigmoid().item();
            double sv = new Graph().variable(Tensor.scalar(x)).sigmoid().value().item();
            // sigma(x) = 1/(1 + e^-x): for x >= 1e299 it is 1 - e^-x, which rounds to 1; for x <= -1e299 it is
            // e^x < 2^-1075, which rounds to 0; for |x| <= 1e-300 it is 1/2 + x/4 + O(x^3), which rounds to 1/2
            double expected = x >= 1e299 ? 1 : x <= -1e299 ? 0 : 0.5;
            Claims.that("sigmoid(" + x + ") = " + s + " is " + expected, s == expected);
            Claims.that("Var.sigmoid(" + x + ") = " + sv + " is " + expected, sv == expected);
        });
    }

    /** Probability vectors with exact zeros, subnormal entries and entries near 1. */
    static Gen<double[]> simplex(int n) {
        return Gens.lists(Gens.elements(List.of(0.0, SUB, 1e-300, 1e-310, 0.25, 1.0, 3.0)), n, n)
            .filter(l -> l.stream().anyMatch(v -> v >= 0.25))
            .map(l -> {
                double[] p = l.stream().mapToDouble(Double::doubleValue).toArray();
                double s = Arrays.stream(p).sum();
                return Arrays.stream(p).map(v -> v / s).toArray();
            });
    }

    /** Pairs (p, q) of probability vectors of one length n in [1, 8]. */
    static final Gen<double[][]> PAIRS = Gens.integers(1, 8).flatMap(n ->
            Gens.tuples(simplex(n), simplex(n)).map(t -> new double[][] {t.first(), t.second()})).as("(p, q)");

    /** The exact sum of the entries (BigDecimal: every double is a finite binary fraction). */
    static java.math.BigDecimal exactSum(double[] a) {
        java.math.BigDecimal s = java.math.BigDecimal.ZERO;
        for (double v : a) {
            s = s.add(new java.math.BigDecimal(v));
        }
        return s;
    }

    /** The naive loop with 0 log 0 = 0: sum_i a_i log b_i over a_i > 0 (written here, independently). */
    static double sumXLogY(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > 0) {
                s += a[i] * Math.log(b[i]);
            }
        }
        return s;
    }

    /** Rounding of the naive loop and of the implementation: each term 2u relative, n terms: 2 gamma_n sum |terms|. */
    static double tolerance(double[] a, double[] b) {
        double abs = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > 0) {
                abs += Math.abs(a[i] * Math.log(b[i]));
            }
        }
        return 2 * Tol.gamma(a.length + 4) * abs + 1e-300;
    }

    @Property(tries = 300)
    void entropyCrossEntropyAndKlWithZerosAndSubnormals(Check check) {
        check.forAll(PAIRS, pq -> {
            double[] p = pq[0];
            double[] q = pq[1];
            boolean zeros = Arrays.stream(p).anyMatch(v -> v == 0);
            boolean subnormal = Arrays.stream(p).anyMatch(v -> v > 0 && v < Double.MIN_NORMAL);
            // each entry is 0 with probability 1/7 (before the filter), 1e-310 (subnormal after dividing by a sum
            // <= 24) with 1/7: for n >= 2 (7/8 of the tries) each event has p >= 1 - (6/7)^2 > 0.26, so p > 0.22
            // per try; covers of 5% fail with probability <= exp(-300 KL(0.05 || 0.22)) = exp(-31) < 1e-9
            check.cover(5, zeros, "p has exact zeros (0 log 0 = 0)");
            check.cover(5, subnormal, "p has subnormal entries");
            Tensor tp = Tensor.of(p);
            Tensor tq = Tensor.of(q);
            double h = InfoTheory.entropy(tp);
            Claims.that("entropy finite", Double.isFinite(h));
            Claims.close("H(p) vs the naive loop", h, -sumXLogY(p, p), tolerance(p, p));
            Claims.atMost("H(p) <= ln n", h, Math.log(p.length) + 4 * U * Math.log(Math.max(2, p.length)));
            boolean absolutelyContinuous = true;
            for (int i = 0; i < p.length; i++) {
                absolutelyContinuous &= p[i] == 0 || q[i] > 0;
            }
            double ce = InfoTheory.crossEntropy(tp, tq);
            double kl = InfoTheory.kl(tp, tq);
            double klCat = KL.divergence(new Categorical(tp), new Categorical(tq));
            if (!absolutelyContinuous) {
                check.label("supp p not inside supp q: infinite");
                Claims.that("H(p, q) = +inf", ce == Double.POSITIVE_INFINITY);
                Claims.that("KL(p || q) = +inf", kl == Double.POSITIVE_INFINITY && klCat == Double.POSITIVE_INFINITY);
                return;
            }
            check.label("supp p inside supp q: finite");
            Claims.close("H(p, q) vs the naive loop", ce, -sumXLogY(p, q), tolerance(p, q));
            double naiveKl = sumXLogY(p, p) - sumXLogY(p, q);
            double tol = tolerance(p, p) + tolerance(p, q);
            Claims.close("KL(p || q) vs the naive loop", kl, naiveKl, tol);
            Claims.close("KL(Categorical p || Categorical q) vs the naive loop", klCat, naiveKl, tol);
            // Gibbs for vectors that sum to 1 only after rounding (p = [1, 1e-300, 1e-300] sums to 1 + 2e-300
            // exactly; soak seed 38): ln x <= x - 1 gives sum p ln(p/q) >= sum p - sum q, the sums taken exactly
            double mass = exactSum(p).subtract(exactSum(q)).doubleValue();
            Claims.atLeast("KL(p || q) >= sum p - sum q (Gibbs; 0 for exact simplices) within rounding", kl, mass - tol);
        });
    }

    /**
     * Entropies of Gamma(a, rate) and Beta(a, b) at huge concentrations approach the entropy of the
     * normal approximation, {@code ln(2 pi e var) / 2}: by Stirling (DLMF 5.11.1-2) the difference
     * is {@code -1/(3a) + O(a^-2)} for Gamma, {@code -1/(3a) - 1/(3b) + 5/(6(a+b)) + O(a^-2 + b^-2)}
     * for Beta, so the check's allowance is that term, plus 1/a^2 for the rest (the next Stirling
     * terms are below it), plus the rounding of the direct formula, 8u (a ln a + a) (lgamma and
     * a psi(a) are of that size and cancel), and u per unit of the result.
     */
    @Property(tries = 300)
    void entropiesAtHugeConcentrationsApproachTheNormalLimit(Check check) {
        Gen<Double> conc = Gens.elements(List.of(1e4, 1e6, 1e8, 1e12, 1e20, 1e100, 1e300, MAX)).as("a");
        Gen<Double> rates = Gens.elements(List.of(1e-300, 1.0, 1e10, 1e300)).as("rate or b");
        check.forAll(conc, rates, (a, r) -> {
            double gamma = new Gamma(a, r).entropy();
            double normalGamma = 0.5 * Math.log(2 * Math.PI * Math.E) + 0.5 * Math.log(a) - Math.log(r);
            // both sides sum a few terms of size up to |ln a| + |ln rate|: 2 gamma_8 times their sum
            double terms = 2 * Tol.gamma(8) * (2 + 0.5 * Math.abs(Math.log(a)) + Math.abs(Math.log(r)));
            double rounding = 8 * U * (a * Math.log(a) + a) + terms;
            double tolG = Math.min(1 / (3 * a) + 1 / (a * a) + rounding, Double.MAX_VALUE);
            Claims.that("Gamma entropy finite", Double.isFinite(gamma));
            Claims.close("H(Gamma(a, rate)) vs ln(2 pi e a / rate^2)/2 - 1/(3a)", gamma, normalGamma - 1 / (3 * a),
                    a < 1e8 ? tolG : 1 / (a * a) + terms);
            double b = Math.min(Math.max(r, 1e4), MAX);   // the second concentration, also large
            double beta = new Beta(a, b).entropy();
            double lnS = Math.log(Math.max(a, b)) + Math.log1p(Math.min(a, b) / Math.max(a, b));
            double normalBeta = 0.5 * Math.log(2 * Math.PI * Math.E) + 0.5 * Math.log(a) + 0.5 * Math.log(b) - 1.5 * lnS;
            double s = Math.exp(lnS);
            double correction = -1 / (3 * a) - 1 / (3 * b) + 5 / (6 * s);
            double termsB = 2 * Tol.gamma(12) * (2 + 0.5 * Math.abs(Math.log(a)) + 0.5 * Math.abs(Math.log(b)) + 1.5 * Math.abs(lnS));
            double tolB = 1 / (a * a) + 1 / (b * b) + 8 * U * (a * Math.log(a) + b * Math.log(b)) + termsB;
            Claims.that("Beta entropy finite", Double.isFinite(beta));
            Claims.close("H(Beta(a, b)) vs its normal limit", beta, normalBeta + correction,
                    Math.min(a, b) >= 1e6 ? 1 / (a * a) + 1 / (b * b) + termsB : tolB);
        });
    }

    /**
     * Sums and means of finite entries are right wherever the answer is representable: an
     * intermediate overflow ({@code [MAX, MAX, -MAX]}) is not the answer. Independent side: the
     * exact sum in BigDecimal. Bound: the left-to-right sum's {@code (n-1) u sum|x_i|} (Higham,
     * Accuracy and Stability, 2nd ed., Sec. 4.2) plus, for the rescaled recomputation, the
     * underflow of entries scaled by {@code 2^-k} ({@code 2^k > n}): at most {@code n 2^(k-1075)}.
     * Where {@code |S| + bound <= MAX} the sum must be finite and within the bound; where
     * {@code |S| - bound > MAX (1 + u)} it must be the infinity of S's sign; in between (within
     * the rounding of the overflow threshold) either is right. The mean {@code S/n} is always
     * representable ({@code |S/n| <= max |x_i|}): finite, within {@code gamma_n sum|x_i| / n} plus
     * the underflow term over n. Both through {@code sumAll/meanAll} and the axis reductions.
     */
    @Property(tries = 300)
    void sumsAndMeansAreRightWhereRepresentable(Check check) {
        Gen<Tensor> xs = vectors(List.of(MAX, -MAX, 1e308, -1e308, 0x1p1023, -0x1p1022, 1e300, 1.0, -3.0, 1e-300, SUB, 0.0))
                .as("x");
        check.forAll(xs, x -> {
            double[] v = x.toArray();
            int n = v.length;
            java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
            java.math.BigDecimal abs = java.math.BigDecimal.ZERO;
            double naive = 0;
            boolean intermediateOverflow = false;
            for (double e : v) {
                exact = exact.add(new java.math.BigDecimal(e));
                abs = abs.add(new java.math.BigDecimal(Math.abs(e)));
                naive += e;
                intermediateOverflow |= Double.isInfinite(naive);
            }
            int k = 32 - Integer.numberOfLeadingZeros(n);
            java.math.BigDecimal underflow = new java.math.BigDecimal(n).multiply(new java.math.BigDecimal(Math.scalb(1.0, k - 1075)));
            java.math.BigDecimal bound = abs.multiply(new java.math.BigDecimal((n - 1) * U)).add(underflow);
            java.math.BigDecimal max = new java.math.BigDecimal(MAX);
            boolean representable = exact.abs().add(bound).compareTo(max) <= 0;
            boolean beyond = exact.abs().subtract(bound).compareTo(max.multiply(java.math.BigDecimal.ONE.add(new java.math.BigDecimal(U)))) > 0;
            check.label(representable ? (intermediateOverflow ? "representable after an intermediate overflow" : "representable")
                    : beyond ? "beyond the range" : "at the overflow threshold");
            // measured share 13% (>= 10%); P[fewer than 1% of 300 tries] <= exp(-300 KL(0.01 || 0.10)) = 5e-10
            check.cover(1, representable && intermediateOverflow, "representable after an intermediate overflow");
            for (double[] got : new double[][] {{x.sumAll(), x.sum(0).item()}}) {
                for (double sum : got) {
                    if (representable) {
                        Claims.that("sum finite where the exact sum " + exact.doubleValue() + " is representable", Double.isFinite(sum));
                        Claims.that("|sum - exact| <= (n-1) u sum|x| + underflow: sum " + sum + ", exact " + exact,
                                new java.math.BigDecimal(sum).subtract(exact).abs().compareTo(bound) <= 0);
                    } else if (beyond) {
                        Claims.that("sum is the infinity of the exact sum's sign, got " + sum,
                                sum == (exact.signum() > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY));
                    }
                }
            }
            java.math.BigDecimal exactMean = exact.divide(new java.math.BigDecimal(n), java.math.MathContext.DECIMAL128);
            java.math.BigDecimal meanBound = abs.multiply(new java.math.BigDecimal(Tol.gamma(n)))
                    .add(underflow).divide(new java.math.BigDecimal(n), java.math.MathContext.DECIMAL128);
            for (double mean : new double[] {x.meanAll(), x.mean(0).item()}) {
                Claims.that("mean finite (|mean| <= max |x_i|), got " + mean, Double.isFinite(mean));
                Claims.that("|mean - exact| <= gamma_n sum|x| / n: mean " + mean + ", exact " + exactMean,
                        new java.math.BigDecimal(mean).subtract(exactMean).abs().compareTo(meanBound) <= 0);
            }
        });
    }
}
