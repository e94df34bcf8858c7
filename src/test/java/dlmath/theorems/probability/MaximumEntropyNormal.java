package dlmath.theorems.probability;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.ProbGens;
import dlmath.prob.KL;
import dlmath.prob.Normal;
import dlmath.prob.Quadrature;
import dlmath.prob.UnivariateDistribution;
import org.junit.jupiter.api.Tag;

/**
 * PI-11 The normal distribution has the largest differential entropy among densities with a given
 * variance: H(p) &lt;= (1/2) ln(2 pi e sigma^2), with the gap equal to KL(p || N(mean, sigma^2)).
 * Cover &amp; Thomas, Elements of Information Theory, 2nd ed., Thm 8.6.5 and Example 12.2.1.
 * Page: theorems/probability/PI-11-maximum-entropy-normal.md.
 */
@Theorem(id = "PI-11", name = "Maximum entropy of the normal distribution",
        statement = "among densities with variance sigma^2 the normal has the largest differential entropy, "
                + "(1/2) ln(2 pi e sigma^2); the gap is KL(p || N(mean, sigma^2))")
@Tag("probability")
class MaximumEntropyNormal {

    static double normalEntropy(double variance) {
        return 0.5 * Math.log(2 * Math.PI * Math.E * variance);
    }

    /**
     * H(d) &lt;= (1/2) ln(2 pi e Var d) for every continuous family here, with the closed-form entropy
     * and variance. Tolerance C (entropy magnitude + |ln Var| + 2). target() climbs the difference
     * (0 for the normal; Gamma and Beta with large concentrations approach it).
     */
    @Property(tries = 300)
    void normalMaximizesEntropyAtFixedVariance(Check check) {
        check.forAll(ProbGens.continuous().as("d"), d -> {
            double h = d.entropy();
            double hn = normalEntropy(d.variance());
            check.label(d.getClass().getSimpleName());
            check.note("H(d)", h);
            check.note("H(normal, same variance)", hn);
            if (!(d instanceof Normal)) {
                check.target(h - hn, "H(d) - H(normal) over non-normal d (sharp at 0)");
            }
            Claims.atMost("H(d) <= ln(2 pi e Var d) / 2", h,
                    hn + Bounds.C * (Bounds.entropyScale(d) + Math.abs(Math.log(d.variance())) + 2));
        });
    }

    /**
     * The gap is a KL divergence: ln(2 pi e sigma^2)/2 - H(d) = KL(d || N(E d, Var d)), the right side
     * by quadrature (KL.numerical), which does not use the entropy formula: strictly positive for
     * every non-normal d. Tolerance: the quadrature's error estimate, the integrand's rounding, and
     * C (entropy magnitude + |ln Var| + 2).
     */
    @Property(tries = 200)
    void gapIsTheKlToTheMatchedNormal(Check check) {
        check.forAll(ProbGens.continuous().as("d"), d -> {
            Normal n = new Normal(d.mean(), d.stddev());
            Quadrature.Result kl = KL.numerical(d, n);
            double gap = normalEntropy(d.variance()) - d.entropy();
            check.label(d.getClass().getSimpleName());
            check.note("gap", gap);
            check.note("KL(d || N)", kl.value());
            Claims.close("H(normal) - H(d) = KL(d || N(mean, var))", gap, kl.value(), kl.error()
                    + Bounds.integrandRounding(d, n) + Bounds.C * (Bounds.entropyScale(d)
                    + Math.abs(Math.log(d.variance())) + 2));
        });
    }

    /**
     * The constraint matters: at a fixed mean absolute deviation E|X - m| = b the Laplace density
     * (entropy 1 + ln 2b) beats the normal (sigma = b sqrt(pi/2), entropy ln(pi b) + 1/2).
     */
    @Counterexample
    void normalIsNotMaximalAtFixedMeanAbsoluteDeviation(Check check) {
        check.forAll(ProbGens.continuous().as("d"), d -> {
            Quadrature.Result mad = Quadrature.expectation(d, x -> Math.abs(x - d.mean()));
            double sigma = mad.value() * Math.sqrt(Math.PI / 2);
            check.note("E|X - m|", mad.value());
            Claims.atMost("H(d) <= H(normal with the same E|X - m|)", d.entropy(), normalEntropy(sigma * sigma) + 1e-9);
        });
    }
}
