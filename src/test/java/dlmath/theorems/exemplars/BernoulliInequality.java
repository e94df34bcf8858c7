package dlmath.theorems.exemplars;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import org.junit.jupiter.api.Tag;

/**
 * EX-03 Bernoulli's inequality. Mitrinovic, Analytic Inequalities, Sec. 2.4, Thm 1.
 * Page: theorems/exemplars/EX-03-bernoulli-inequality.md.
 */
@Theorem(id = "EX-03", name = "Bernoulli's inequality",
        statement = "(1 + x)^n >= 1 + n x for every integer n >= 0 and real x >= -2")
@Tag("exemplars")
class BernoulliInequality {

    /**
     * (1+x)^n >= 1 + n x - tol. Rounding, derived: fl(1+x) = (1+x)(1+d) and Math.pow is
     * within 1 ulp, so the computed left side is within gamma(n+1) of the exact one
     * relatively; the right side fl(1 + fl(n x)) is within gamma(2) (1 + n|x|).
     */
    static void bernoulli(Check check, int n, double x) {
        double lhs = Math.pow(1 + x, n);
        double rhs = 1 + n * x;
        check.note("(1+x)^n", lhs);
        check.note("1+nx", rhs);
        double tol = Tol.gamma(n + 1) * Math.abs(lhs) + Tol.gamma(2) * (1 + n * Math.abs(x));
        Claims.atLeast("(1+x)^n >= 1 + n x - tol", lhs, rhs - tol);
    }

    /**
     * The domain x >= -2 is the largest for integer exponents (for -2 <= x < -1, |1 + x| <= 1, so
     * (1+x)^n >= -1 >= 1 - n >= 1 + n x once n >= 2; n = 0, 1 are identities). Coverage counts the
     * 300 random tries (no targeting here). Per try, for x from doubles(-2, 10): an edge draw is one of 13
     * specials in [-2, 10], 6 of them negative; otherwise x &lt; 0 with probability at least 0.15 * 1/8 (rounded
     * uniform) + 0.1 * 1/8 (fractions) + 0.5 * 1/6 (uniform) + 0.25 * 1/2 (log-uniform magnitude, random sign)
     * = 0.24; so P(x &lt; 0) >= 0.24. For n from integers(0, 40): an edge draw is in {0, 1, 2, 39, 40}, n >= 2 with
     * probability 3/5; otherwise at least 1/3 * 5/12 (size-biased widths) + 2/3 * 39/41 = 0.77; so P(n >= 2) >= 0.6.
     * Chernoff, P(X &lt; cN) <= exp(-N KL(c || p)), N = 300: x &lt; 0 at 3%: exp(-52); n >= 2 at 5%: exp(-209).
     */
    @Property(tries = 300)
    void holdsForXAtLeastMinusTwo(Check check) {
        check.forAll(Gens.integers(0, 40).as("n"), Gens.doubles(-2, 10).as("x"), (n, x) -> {
            check.cover(3, x < 0, "x in [-2, 0)");
            check.cover(5, n >= 2, "n >= 2");
            check.label(x < -1 ? "x in [-2, -1) (beyond the textbook hypothesis)" : "x >= -1");
            bernoulli(check, n, x);
        });
    }

    /**
     * The sharper binomial form for x >= 0: (1+x)^n >= 1 + n x + n(n-1)/2 x^2, with equality
     * for n <= 2; target() drives (1 + n x) / (1+x)^n toward 1 (near x = 0), showing that
     * Bernoulli's bound is sharp. Rounding: gamma(n+1) on the left as above, gamma(5) on
     * the three non-negative terms of the right.
     */
    @Property(tries = 300)
    void binomialFormForNonNegativeX(Check check) {
        check.forAll(Gens.integers(0, 40).as("n"), Gens.doubles(0, 10).as("x"), (n, x) -> {
            double lhs = Math.pow(1 + x, n);
            double rhs = 1 + n * x + n * (n - 1) / 2.0 * x * x;
            check.target((1 + n * x) / lhs, "(1+nx)/(1+x)^n (sharp at 1)");
            Claims.atLeast("(1+x)^n >= 1 + n x + C(n,2) x^2 - tol", lhs,
                    rhs - Tol.gamma(n + 1) * lhs - Tol.gamma(5) * rhs);
        });
    }

    /**
     * Necessity of x >= -2 (the one hypothesis on x, dropped): for every odd n >= 3 the inequality
     * fails below some x_n < -2 (for n = 3 exactly when x < -3, since (1+x)^3 - (1 + 3x) =
     * x^2 (x + 3)); the engine finds such a pair.
     */
    @Counterexample
    void failsBelowMinusTwo(Check check) {
        check.forAll(Gens.integers(0, 40).as("n"), Gens.doubles(-10, -2).excludeMax().as("x"),
                (n, x) -> bernoulli(check, n, x));
    }
}
