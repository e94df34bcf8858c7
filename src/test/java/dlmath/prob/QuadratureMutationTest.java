package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of {@link Quadrature} aimed at what the mutation run (PIT) left untested: the records'
 * validation and copies, each substitution (finite interval, both half-lines, the whole line), the
 * refusals and their messages, the discrete and continuous expectations, and the Gauss-Hermite rules
 * against their closed forms.
 *
 * <p>Claims checked: the value is within the reported error of the closed form (the documented
 * meaning of the error, validated by {@code QuadratureErrorEstimateTest}); the reported error is
 * below {@code 1e-10} of the integral of |f| (the acceptance test stops at a level difference of
 * {@code 1e-12} of it, the tail and rounding parts are {@code O(N u)} with at most about 7000 nodes,
 * {@code < 1e-12}, for these analytic integrands and an x^(-1/2) end), and at least {@code u |value|}
 * (the sum's rounding is always part of it). Gauss-Hermite: the closed-form nodes and weights of
 * n = 1, 2, 3 (roots of He_n; w = n! / (n He_(n-1)(x)^2)) to 4u, and E Z^(2k) = (2k - 1)!! for
 * 2k &lt;= 2n - 1, to the rounding of a sum of n positive terms of size up to the moment, 8 n u.
 */
class QuadratureMutationTest {

    private static final double U = 0x1p-53;

    static void accurate(String what, Quadrature.Result r, double exact, double absIntegral) {
        assertThat(Math.abs(r.value() - exact)).as("%s: value %s vs %s, error %s", what, r.value(), exact, r.error())
                .isLessThanOrEqualTo(r.error());
        assertThat(r.error()).as("%s: error", what).isLessThanOrEqualTo(1e-10 * absIntegral)
                .isGreaterThanOrEqualTo(U * Math.abs(r.value()));
    }

    @Test
    void integralsOnEachKindOfInterval() {
        accurate("x^2 on [0, 1]", Quadrature.integrate(x -> x * x, 0, 1), 1.0 / 3, 1.0 / 3);
        accurate("x^2 on [-2, 1]", Quadrature.integrate(x -> x * x, -2, 1), 3.0, 3.0);
        accurate("1/sqrt(x) on [0, 1]", Quadrature.integrate(x -> 1 / Math.sqrt(x), 0, 1), 2.0, 2.0);
        accurate("sqrt(1 - x^2) on [-1, 1]", Quadrature.integrate(x -> Math.sqrt(1 - x * x), -1, 1), Math.PI / 2, Math.PI / 2);
        accurate("e^-x on [0, inf)", Quadrature.integrate(x -> Math.exp(-x), 0, Double.POSITIVE_INFINITY), 1.0, 1.0);
        // an integrable singularity at the finite end of a half-line: nodes that round onto the end are skipped
        accurate("e^-x / sqrt(x) on [0, inf)", Quadrature.integrate(x -> Math.exp(-x) / Math.sqrt(x), 0, Double.POSITIVE_INFINITY),
                Math.sqrt(Math.PI), Math.sqrt(Math.PI));
        accurate("e^x / sqrt(-x) on (-inf, 0]", Quadrature.integrate(x -> Math.exp(x) / Math.sqrt(-x), Double.NEGATIVE_INFINITY, 0),
                Math.sqrt(Math.PI), Math.sqrt(Math.PI));
        accurate("e^-x on [3, inf)", Quadrature.integrate(x -> Math.exp(-x), 3, Double.POSITIVE_INFINITY), Math.exp(-3), Math.exp(-3));
        accurate("e^x on (-inf, 0]", Quadrature.integrate(Math::exp, Double.NEGATIVE_INFINITY, 0), 1.0, 1.0);
        accurate("e^x on (-inf, -2]", Quadrature.integrate(Math::exp, Double.NEGATIVE_INFINITY, -2), Math.exp(-2), Math.exp(-2));
        accurate("e^-x^2 on R", Quadrature.integrate(x -> Math.exp(-x * x), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
                Math.sqrt(Math.PI), Math.sqrt(Math.PI));
        accurate("x e^-x^2 on R (odd)", Quadrature.integrate(x -> x * Math.exp(-x * x), Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY), 0, 1.0);
        // a zero integrand: value 0, error 0 (no node contributes, no tail)
        Quadrature.Result zero = Quadrature.integrate(x -> 0, 0, 1);
        assertThat(zero.value()).isZero();
        assertThat(zero.error()).isZero();
        // the sum overflows: +inf with an infinite error
        Quadrature.Result inf = Quadrature.integrate(x -> Double.MAX_VALUE, 0, 10);
        assertThat(inf.value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(inf.error()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    static void rejects(Runnable call, String... words) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).message().contains(words);
    }

    @Test
    void refusalsNameTheProblem() {
        rejects(() -> Quadrature.integrate(x -> x, 1, 1), "need a < b", "a=1.0", "b=1.0");
        rejects(() -> Quadrature.integrate(x -> x, 2, 1), "a=2.0", "b=1.0");
        rejects(() -> Quadrature.integrate(x -> x, Double.NaN, 1), "a=NaN");
        rejects(() -> Quadrature.integrate(x -> x, 0, Double.NaN), "b=NaN");
        assertThatThrownBy(() -> Quadrature.integrate(x -> x < 0.5 ? 1 : Double.NaN, 0, 1)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("the integrand is NaN at x =");
        // an oscillation far finer than the finest level: no convergence, and the message says so
        assertThatThrownBy(() -> Quadrature.integrate(x -> Math.sin(1e4 * x), 0, 1e3)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("did not converge to a relative 1.0E-12").hasMessageContaining("2^-9");
        rejects(() -> new Quadrature.Result(Double.NaN, 0), "value must not be NaN");
        rejects(() -> new Quadrature.Result(1, -1e-300), "error must be >= 0", "-1.0E-300");
        rejects(() -> new Quadrature.Result(1, Double.NaN), "error must be >= 0", "NaN");
        assertThat(new Quadrature.Result(1, 0).error()).isZero();
        assertThat(new Quadrature.Result(1, Double.POSITIVE_INFINITY).error()).isEqualTo(Double.POSITIVE_INFINITY);
        Quadrature.Result sum = new Quadrature.Result(1.5, 0.25).plus(new Quadrature.Result(-0.5, 0.5));
        assertThat(sum.value()).isEqualTo(1.0);
        assertThat(sum.error()).isEqualTo(0.75);
        assertThatThrownBy(() -> new Quadrature.Result(1, 0).plus(null)).isInstanceOf(NullPointerException.class);
        rejects(() -> new Quadrature.Rule(new double[0], new double[0]), "at least one", "0 nodes and 0 weights");
        rejects(() -> new Quadrature.Rule(new double[] {1, 2}, new double[] {1}), "2 nodes and 1 weights");
        rejects(() -> new Quadrature.Rule(new double[] {1, Double.NaN}, new double[] {1, 1}), "node and weight 1", "NaN and 1.0");
        rejects(() -> new Quadrature.Rule(new double[] {1, 2}, new double[] {Double.POSITIVE_INFINITY, 1}), "node and weight 0",
                "1.0 and Infinity");
        rejects(() -> Quadrature.gaussHermite(0), "n must be in [1, 100]", "0");
        rejects(() -> Quadrature.gaussHermite(101), "101");
        // the discrete support too long to sum: named with its count
        rejects(() -> Quadrature.expectation(new Poisson(1e12), x -> x), "Poisson", "terms (more than 20000000)");
        // a density beyond the double range: Uniform(0, 1e-310) has density 1e310
        assertThatThrownBy(() -> Quadrature.expectation(new Uniform(0, 1e-310), x -> 1)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("exceeds the double range");
        // a standard deviation outside the double range with an infinite tail: refused (it gave E[1] = 0 with
        // error 0); Exponential(1e-309) has standard deviation 1e309, Gamma(1e300, 1e-300) 1e450
        for (UnivariateDistribution d : new UnivariateDistribution[] {new Exponential(1e-309), new Gamma(1e300, 1e-300)}) {
            assertThatThrownBy(() -> Quadrature.expectation(d, x -> 1)).as("%s", d)
                    .isInstanceOf(ArithmeticException.class).hasMessageContaining("standard deviation")
                    .hasMessageContaining("cannot be computed by quadrature");
        }
        // a variance outside the double range but a standard deviation inside it: integrated (Normal's
        // standard deviation is sigma itself, not sqrt(sigma^2) = +inf or 0)
        for (double scale : new double[] {1e200, 1e-200}) {
            accurate("mass of Normal(0, " + scale + ")", Quadrature.expectation(new Normal(0, scale), x -> 1), 1, 1);
        }
        // with a finite support the tails are not scaled: Uniform(0, 1e-300) has variance 0 in double and mass 1
        accurate("mass of Uniform(0, 1e-300)", Quadrature.expectation(new Uniform(0, 1e-300), x -> 1), 1, 1);
    }

    @Test
    void rulesAreCopiedAndApplied() {
        double[] nodes = {-1, 1};
        double[] weights = {0.5, 0.5};
        Quadrature.Rule rule = new Quadrature.Rule(nodes, weights);
        nodes[0] = 7;
        weights[0] = 7;
        assertThat(rule.nodes()).containsExactly(-1, 1);
        assertThat(rule.weights()).containsExactly(0.5, 0.5);
        rule.nodes()[1] = 9;
        rule.weights()[1] = 9;
        assertThat(rule.nodes()).containsExactly(-1, 1);
        assertThat(rule.weights()).containsExactly(0.5, 0.5);
        assertThat(rule.apply(x -> x * x + 3 * x)).isEqualTo(1.0);
    }

    @Test
    void gaussHermiteRulesAgainstClosedForms() {
        // n = 1: He_1 = x, node 0, weight 1
        Quadrature.Rule one = Quadrature.gaussHermite(1);
        assertThat(one.nodes()[0]).isCloseTo(0, within(4 * U));
        assertThat(one.weights()[0]).isCloseTo(1, within(4 * U));
        // n = 2: He_2 = x^2 - 1, nodes -1, 1, weights 1/2
        Quadrature.Rule two = Quadrature.gaussHermite(2);
        assertThat(two.nodes()[0]).isCloseTo(-1, within(4 * U));
        assertThat(two.nodes()[1]).isCloseTo(1, within(4 * U));
        assertThat(two.weights()[0]).isCloseTo(0.5, within(4 * U));
        assertThat(two.weights()[1]).isCloseTo(0.5, within(4 * U));
        // n = 3: He_3 = x^3 - 3x, nodes -sqrt 3, 0, sqrt 3, weights 1/6, 2/3, 1/6
        Quadrature.Rule three = Quadrature.gaussHermite(3);
        double r3 = Math.sqrt(3);
        assertThat(three.nodes()[0]).isCloseTo(-r3, within(4 * U * r3));
        assertThat(three.nodes()[1]).isCloseTo(0, within(4 * U));
        assertThat(three.nodes()[2]).isCloseTo(r3, within(4 * U * r3));
        assertThat(three.weights()[0]).isCloseTo(1.0 / 6, within(4 * U));
        assertThat(three.weights()[1]).isCloseTo(2.0 / 3, within(4 * U));
        assertThat(three.weights()[2]).isCloseTo(1.0 / 6, within(4 * U));
        // n = 8, 20, 100: nodes increasing and symmetric, weights positive and summing to 1, even moments (2k-1)!!
        for (int n : new int[] {8, 20, 100}) {
            Quadrature.Rule rule = Quadrature.gaussHermite(n);
            double[] x = rule.nodes();
            double[] w = rule.weights();
            double total = 0;
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    assertThat(x[i]).isGreaterThan(x[i - 1]);
                }
                assertThat(x[i] + x[n - 1 - i]).isCloseTo(0, within(64 * U * Math.max(1, Math.abs(x[i]))));
                assertThat(w[i]).isPositive();
                total += w[i];
            }
            assertThat(total).isCloseTo(1, within(8 * n * U));
            double moment = 1;   // (2k - 1)!!
            for (int k = 1; 2 * k <= Math.min(2 * n - 1, 16); k++) {
                moment *= 2 * k - 1;
                final int p = 2 * k;
                DoubleUnaryOperator power = z -> Math.pow(z, p);
                assertThat(rule.apply(power)).as("E Z^%s with n = %s", p, n).isCloseTo(moment, within(8 * n * U * moment));
            }
        }
    }

    @Test
    void expectations() {
        // discrete: Poisson(3), E X = 3, E X^2 = 12, exact sums with the error n u sum |terms|
        Quadrature.Result mean = Quadrature.expectation(new Poisson(3), x -> x);
        assertThat(Math.abs(mean.value() - 3)).isLessThanOrEqualTo(mean.error());
        assertThat(mean.error()).isPositive().isLessThan(1e-12);
        Quadrature.Result second = Quadrature.expectation(new Poisson(3), x -> x * x);
        assertThat(Math.abs(second.value() - 12)).isLessThanOrEqualTo(second.error());
        // continuous: N(1, 2^2), E X^2 = 5; Exponential(2), E X = 1/2 with a breakpoint where f has a kink
        accurate("E X^2, N(1, 4)", Quadrature.expectation(new Normal(1, 2), x -> x * x), 5, 5);
        accurate("E |X - 1|, Exponential(2)", Quadrature.expectation(new Exponential(2), x -> Math.abs(x - 1), 1.0),
                1 - 0.5 + Math.exp(-2), 1);
        accurate("E X, Uniform(2, 5)", Quadrature.expectation(new Uniform(2, 5), x -> x), 3.5, 3.5);
        // where the density is 0 the integrand is 0 whatever f is (f is NaN beyond 800, where e^-x = 0)
        accurate("E X, Exponential(1), f NaN where p = 0", Quadrature.expectation(new Exponential(1), x -> x > 800 ? Double.NaN : x),
                1, 1);
    }
}
