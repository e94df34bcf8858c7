package dlmath.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Known-bug properties shrink to their known minimal counterexamples. */
class ShrinkingTest {

    static Result refute(Check.Body1<Object> body, Gen<?> gen) {
        Check check = Check.standalone(Settings.defaults("ShrinkingTest").withTries(1000), Check.Mode.PROVE);
        @SuppressWarnings("unchecked")
        Gen<Object> g = (Gen<Object>) gen;
        check.forAll(g, body);
        Result r = check.lastResult();
        assertThat(r.falsified()).as("a counterexample must be found").isTrue();
        return r;
    }

    static Gen<double[][]> matrices() {
        return Gens.integers(1, 4).flatMap(rows -> Gens.integers(1, 4).flatMap(cols ->
                Gens.listOfSize(Gens.doubleArrays(Gens.doubles(-10, 10), cols, cols), rows)
                        .map(l -> l.toArray(new double[0][]))));
    }

    @Test
    void listSumShrinksToSingleThousand() {
        Result r = refute(x -> {
            @SuppressWarnings("unchecked")
            List<Integer> l = (List<Integer>) x;
            assertThat(l.stream().mapToInt(Integer::intValue).sum()).isLessThan(1000);
        }, Gens.integers(0, 10_000).list(0, 20));
        assertThat(r.arg(0)).isEqualTo(List.of(1000));
    }

    @Test
    void doubleBelowThousandShrinksToThousand() {
        Result r = refute(x -> assertThat((Double) x).isLessThan(1000.0), Gens.doubles(-1e6, 1e6));
        assertThat(r.arg(0)).isEqualTo(1000.0);
    }

    @Test
    void zeroRowShrinksToOneByOneZero() {
        Result r = refute(x -> {
            double[][] m = (double[][]) x;
            for (double[] row : m) {
                boolean zero = true;
                for (double v : row) {
                    zero &= v == 0;
                }
                assertThat(zero).as("a zero row").isFalse();
            }
        }, matrices());
        assertThat((double[][]) r.arg(0)).isDeepEqualTo(new double[][] {{0.0}});
    }

    @Test
    void doublesShrinkToSmallIntegersPositiveBeforeNegative() {
        Result r = refute(x -> assertThat(Math.abs((Double) x)).isLessThan(5.5), Gens.doubles(-1e6, 1e6));
        assertThat(r.arg(0)).isEqualTo(6.0);
    }

    @Test
    void doublesShrinkToSimpleFractionsWhenNoIntegerFails() {
        Result r = refute(x -> assertThat((Double) x <= 0.3 || (Double) x >= 0.9).isTrue(), Gens.doubles(-100, 100));
        assertThat(r.arg(0)).isEqualTo(0.5);
    }

    /** The sum of {@code l} in 16-bit two's complement arithmetic (wrapping around). */
    static short shortSum(List<Integer> l) {
        short s = 0;
        for (int x : l) {
            s = (short) (s + x);
        }
        return s;
    }

    /**
     * Two lists of shorts, each summing (in 16 bits) below 256, whose 16-bit total must stay
     * below 512: false only by a negative overflow. Needs redistribution: from any pair of
     * sums adding up to at most -32769, move magnitude from the first to the second.
     */
    @Test
    void twoListsWhoseSumsOverflowShrinkToMinusOneAndMinus32768() {
        Gen<List<Integer>> shorts = Gens.integers(Short.MIN_VALUE, Short.MAX_VALUE).list(0, 10);
        Check check = Check.standalone(Settings.defaults("overflow").withTries(1000), Check.Mode.PROVE);
        check.forAll(shorts, shorts, (a, b) -> {
            check.assume(shortSum(a) < 256 && shortSum(b) < 256);
            Claims.atMost("16-bit sum of both lists < 512", (short) (shortSum(a) + shortSum(b)), 511);
        });
        Result r = check.lastResult();
        assertThat(r.falsified()).as(check::describeLast).isTrue();
        assertThat(r.arg(0)).as(check::describeLast).isEqualTo(List.of(-1));
        assertThat(r.arg(1)).as(check::describeLast).isEqualTo(List.of(-32768));
    }

    /**
     * A list of indices into itself has no 2-cycle (l[l[i]] != i for l[i] != i): false. Needs
     * delete-and-adjust: deleting an element shifts the positions after it, so the indices
     * pointing past it must be lowered together.
     */
    @Test
    void indexListsShrinkToTheMinimalTwoCycle() {
        Gen<List<Integer>> indices = Gens.integers(0, 10).list(0, 10)
                .filter(l -> l.stream().allMatch(i -> i < l.size()));
        Result r = refute(x -> {
            @SuppressWarnings("unchecked")
            List<Integer> l = (List<Integer>) x;
            for (int i = 0; i < l.size(); i++) {
                int j = l.get(i);
                Claims.that("no 2-cycle through " + i + " and " + j, j == i || l.get(j) != i);
            }
        }, indices);
        assertThat(r.arg(0)).isEqualTo(List.of(1, 0));
    }

    @Test
    void shrinkingStopsAtTheBudgetAndReportsTheBestSoFar() {
        Check check = Check.standalone(Settings.defaults("budget").withShrinkBudget(3, 10_000), Check.Mode.PROVE);
        check.forAll(Gens.integers(0, 10_000).list(5, 20), l -> assertThat(l.size()).isLessThan(5));
        Result r = check.lastResult();
        assertThat(r.falsified()).isTrue();
        assertThat(r.shrinkSteps()).isLessThanOrEqualTo(3);
        assertThat((List<?>) r.arg(0)).hasSizeGreaterThanOrEqualTo(5);
    }
}
