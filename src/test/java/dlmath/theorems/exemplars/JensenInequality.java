package dlmath.theorems.exemplars;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Tag;

/**
 * EX-01 Jensen's inequality, finite form: for convex f and a finite distribution with
 * rational probabilities k_i / K, f(sum_i k_i x_i / K) <= sum_i k_i f(x_i) / K.
 * Hardy, Littlewood &amp; Polya, Inequalities, Thm 90. Page: theorems/exemplars/EX-01-jensen-inequality.md.
 */
@Theorem(id = "EX-01", name = "Jensen's inequality (finite form)",
        statement = "f(E X) <= E f(X) for convex f and X with finitely many values")
@Tag("exemplars")
class JensenInequality {

    /** A function with its derivative (for the error propagation bound). */
    record Fn(String name, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Fn> CONVEX = List.of(
            new Fn("x^2", x -> x * x, x -> 2 * x),
            new Fn("exp(x)", Math::exp, Math::exp),
            new Fn("|x|", Math::abs, x -> 1),
            new Fn("max(0, x)", x -> Math.max(0, x), x -> 1),
            new Fn("softplus(x)", x -> x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)),
                    x -> 1 / (1 + Math.exp(-x))),
            new Fn("x^4", x -> x * x * x * x, x -> 4 * x * x * x),
            new Fn("cosh(x)", Math::cosh, Math::sinh));

    /** A finite distribution: atoms x_i with probabilities k_i / K, K = sum k_i. */
    record Distribution(double[] x, double[] k) {
        @Override
        public String toString() {
            double total = java.util.Arrays.stream(k).sum();
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < x.length; i++) {
                sb.append(i == 0 ? "" : ", ").append("P(X = ").append(dlmath.check.Pretty.number(x[i])).append(") = ")
                        .append((long) k[i]).append('/').append((long) total);
            }
            return sb.append('}').toString();
        }
    }

    /** 1 to 8 atoms x_i in [-10, 10] with integer weights k_i in [1, 9]; an atom shrinks away as a whole. */
    static final Gen<Distribution> DISTRIBUTIONS = Gens.tuples(Gens.doubles(-10, 10), Gens.integers(1, 9)).list(1, 8)
            .map(atoms -> new Distribution(atoms.stream().mapToDouble(a -> a.first()).toArray(),
                    atoms.stream().mapToDouble(a -> a.second()).toArray()));

    /** Both sides of Jensen's inequality and the rounding allowance between them. */
    record Sides(double lhs, double rhs, double tol) {
    }

    /**
     * f(E X), E f(X) and tol, where tol bounds the rounding of both sides: the computed
     * mean is off by at most e = gamma(n+1) sum k_i |x_i| / K, which moves f(mean) by at
     * most max|f'| e (f' is monotone for convex and affine f, so its maximum on the hull
     * of the points is at an end point); evaluating f costs 2u relatively (Java's Math is
     * within 1-2 ulp), and the weighted sum of f(x_i) is off by gamma(n+1) sum k_i |f(x_i)| / K.
     */
    static Sides sides(Fn fn, double[] x, double[] k) {
        int n = x.length;
        double K = 0;
        double mean = 0;
        double absMean = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            K += k[i];
            mean += k[i] * x[i];
            absMean += k[i] * Math.abs(x[i]);
            lo = Math.min(lo, x[i]);
            hi = Math.max(hi, x[i]);
        }
        mean /= K;
        absMean /= K;
        double lhs = fn.f().applyAsDouble(mean);
        double rhs = 0;
        double absRhs = 0;
        for (int i = 0; i < n; i++) {
            double fx = fn.f().applyAsDouble(x[i]);
            rhs += k[i] * fx;
            absRhs += k[i] * Math.abs(fx);
        }
        rhs /= K;
        absRhs /= K;
        double slope = Math.max(Math.abs(fn.df().applyAsDouble(lo)), Math.abs(fn.df().applyAsDouble(hi)));
        double tol = slope * Tol.gamma(n + 1) * absMean + 2 * Tol.U * Math.abs(lhs)
                + (Tol.gamma(n + 1) + 2 * Tol.U) * absRhs;
        return new Sides(lhs, rhs, tol);
    }

    static void jensen(Check check, Fn fn, double[] x, double[] k) {
        Sides s = sides(fn, x, k);
        check.note("f(E X)", s.lhs());
        check.note("E f(X)", s.rhs());
        Claims.atMost("f(E X) <= E f(X) + tol (tol = " + s.tol() + ")", s.lhs(), s.rhs() + s.tol());
    }

    @Property(tries = 300)
    void convexFunctionsSatisfyJensen(Check check) {
        check.forAll(Gens.elements(CONVEX).as("f"), DISTRIBUTIONS.as("X"), (fn, d) -> {
            check.label(fn.name());
            check.collect("atoms = " + d.x().length);
            jensen(check, fn, d.x(), d.k());
        });
    }

    /** Sharpness: for affine f (convex and concave) the two sides agree, so the inequality cannot be improved. */
    @Property
    void equalityForAffineFunctions(Check check) {
        check.forAll(Gens.doubles(-5, 5).as("a"), Gens.doubles(-5, 5).as("b"), DISTRIBUTIONS.as("X"), (a, b, d) -> {
            Sides s = sides(new Fn(a + " x + " + b, x -> a * x + b, x -> a), d.x(), d.k());
            // the affine evaluation a x + b adds gamma(2)(|a x| + |b|) per point, at most gamma(2)(5*10 + 5)
            Claims.close("f(E X) = E f(X) for affine f", s.lhs(), s.rhs(), s.tol() + 2 * Tol.gamma(2) * 55);
        });
    }

    /** Necessity of convexity: x^3 is not convex on R, and the engine finds a distribution where Jensen fails. */
    @Counterexample
    void failsWithoutConvexity(Check check) {
        Fn cube = new Fn("x^3", x -> x * x * x, x -> 3 * x * x);
        check.forAll(DISTRIBUTIONS.as("X"), d -> jensen(check, cube, d.x(), d.k()));
    }
}
