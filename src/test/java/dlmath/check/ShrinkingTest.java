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
