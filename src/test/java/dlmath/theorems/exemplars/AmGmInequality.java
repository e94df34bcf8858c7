package dlmath.theorems.exemplars;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import org.junit.jupiter.api.Tag;

/**
 * EX-02 The inequality of arithmetic and geometric means. Hardy, Littlewood &amp; Polya,
 * Inequalities, Thm 9. Page: theorems/exemplars/EX-02-am-gm-inequality.md.
 */
@Theorem(id = "EX-02", name = "AM-GM inequality",
        statement = "(x_1 ... x_n)^(1/n) <= (x_1 + ... + x_n) / n for x_i >= 0, with equality iff all x_i are equal")
@Tag("exemplars")
class AmGmInequality {

    static final Gen<double[]> POSITIVE = Gens.integers(1, 10).flatMap(n ->
            Gens.doubleArrays(Gens.doubles(1e-3, 1e3), n, n));

    static double am(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** GM computed as exp(mean(log x)), which cannot overflow. */
    static double gm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.log(v);
        }
        return Math.exp(s / x.length);
    }

    /**
     * The relative rounding allowance of GM <= AM, derived: the computed AM is within
     * gamma(n) of the exact one (positive summands, one division); the computed mean of
     * logs is off by at most gamma(n+1) mean|ln x_i| in absolute terms (each log within
     * u relative, n-1 additions, one division), which exp turns into a relative factor
     * exp(gamma(n+1) mean|ln x_i|), and exp itself adds u.
     */
    static double allowance(double[] x) {
        int n = x.length;
        double meanAbsLog = 0;
        for (double v : x) {
            meanAbsLog += Math.abs(Math.log(v));
        }
        meanAbsLog /= n;
        return Math.exp(Tol.gamma(n + 1) * meanAbsLog) * (1 + 2 * Tol.U) * (1 + Tol.gamma(n)) / (1 - Tol.gamma(n)) - 1;
    }

    @Property(tries = 300)
    void geometricMeanIsAtMostArithmeticMean(Check check) {
        check.forAll(POSITIVE.as("x"), x -> {
            double am = am(x);
            double gm = gm(x);
            check.note("GM(x)", gm);
            check.note("AM(x)", am);
            check.target(gm / am, "GM/AM (sharp at 1)");
            check.collect("n = " + x.length);
            Claims.atMost("GM(x) <= AM(x) (1 + allowance)", gm, am * (1 + allowance(x)));
        });
    }

    /** Equality case: GM = AM when all entries are equal (so the bound is sharp). */
    @Property
    void equalityWhenAllEntriesAreEqual(Check check) {
        check.forAll(Gens.doubles(1e-3, 1e3).as("c"), Gens.integers(1, 10).as("n"), (c, n) -> {
            double[] x = new double[n];
            java.util.Arrays.fill(x, c);
            Claims.close("GM(c,...,c) = AM(c,...,c)", gm(x), am(x), am(x) * allowance(x));
        });
    }

    /** Necessity of x_i >= 0: with negative entries (and a positive product) GM can exceed AM. */
    @Counterexample
    void failsForNegativeEntries(Check check) {
        check.forAll(Gens.integers(1, 6).flatMap(n -> Gens.doubleArrays(Gens.doubles(-10, 10), n, n)).as("x"), x -> {
            double prod = 1;
            for (double v : x) {
                prod *= v;
            }
            check.assume(prod > 0);
            double gm = Math.pow(prod, 1.0 / x.length);
            double am = am(x);
            Claims.atMost("(prod x)^(1/n) <= AM(x)", gm, am + 8 * x.length * Tol.U * (Math.abs(am) + gm));
        });
    }
}
