package dlmath.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Generators stay in their ranges, the double encoding round-trips, and combinators shrink. */
class GeneratorTest {

    private static void holds(Gen<?> gen, int tries, Check.Body1<Object> body) {
        Check c = Check.standalone(Settings.defaults("gen").withTries(tries), Check.Mode.PROVE);
        @SuppressWarnings("unchecked")
        Gen<Object> g = (Gen<Object>) gen;
        c.forAll(g, body);
        Result r = c.lastResult();
        assertThat(r.falsified()).as(() -> "counterexample " + Pretty.format(r.shrunk()) + ": " + r.error()).isFalse();
    }

    @Test
    void integersStayInRangeAndHitTheBounds() {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        holds(Gens.integers(-3, 5), 500, x -> {
            assertThat((Integer) x).isBetween(-3, 5);
            seen.add((Integer) x);
        });
        assertThat(seen).contains(-3, 0, 5);
    }

    /**
     * Size-biased integers: of [-10^6, 10^6] (zigzag choices up to 2*10^6, 21 bits), |x| in [5, 20]
     * (choices 9..40) has probability sum_w |[0, 2^w) cap [9, 40]| / 2^w / 21 = 0.097 under a size-biased
     * draw, which is (1 - edgeBias) / 3 >= 0.16 of all draws (0.24 on average over a run): about 0.023
     * per try, 47 expected in 2000 tries (measured 46..63). Requiring 10 fails a correct generator with
     * probability about 1e-11 (Poisson); a uniform generator (probability 1.6e-5 per try) passes it with
     * probability below 1e-20.
     */
    @Test
    void integersDrawModerateValuesOften() {
        int[] moderate = {0};
        holds(Gens.integers(-1_000_000, 1_000_000), 2000, x -> {
            int v = Math.abs((Integer) x);
            moderate[0] += v >= 5 && v <= 20 ? 1 : 0;
        });
        assertThat(moderate[0]).isGreaterThanOrEqualTo(10);
    }

    @Test
    void zigzagEnumeratesTheRangeSimplestFirst() {
        // [-2, 3] with target 0: 0, 1, -1, 2, -2, 3
        long[] expected = {0, 1, -1, 2, -2, 3};
        for (int c = 0; c < expected.length; c++) {
            assertThat(Gens.zigzag(c, 3, 2)).isEqualTo(expected[c]);
        }
    }

    @Test
    void doublesStayFiniteAndInRangeAndRespectExclusiveEnds() {
        holds(Gens.doubles(-1e300, 1e300), 2000, x -> assertThat((Double) x).isFinite().isBetween(-1e300, 1e300));
        holds(Gens.doubles(0, 1).excludeMin().excludeMax(), 2000, x -> assertThat((Double) x).isStrictlyBetween(0.0, 1.0));
        holds(Gens.doubles(-1, 1), 2000, x -> {
            double v = (Double) x;
            assertThat(v == 0 || Math.abs(v) >= Double.MIN_NORMAL).as("no subnormal unless asked").isTrue();
        });
    }

    @Test
    void specialValuesOnlyWhenAsked() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        holds(Gens.doubles(-1, 1).withNaN().withInfinity().withSubnormals(), 2000, x -> {
            double v = (Double) x;
            seen.add(Double.isNaN(v) ? "nan" : Double.isInfinite(v) ? "inf" : (v != 0 && Math.abs(v) < Double.MIN_NORMAL)
                    ? "subnormal" : "finite");
        });
        assertThat(seen).contains("nan", "inf", "subnormal", "finite");
    }

    @Test
    void doubleEncodingRoundTripsEveryDouble() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] fixed = {0.0, 1.0, 2.5, 1e-320, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1L << 50,
            (1L << 50) + 1, 1e300, 0.1, 123456.789};
        for (double d : fixed) {
            assertThat(DoubleGen.decode(DoubleGen.encode(d))).isEqualTo(d);
        }
        for (int i = 0; i < 100_000; i++) {
            double d = Math.abs(Double.longBitsToDouble(rng.nextLong()));
            if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                long l = DoubleGen.encode(d);
                assertThat(l).isBetween(0L, DoubleGen.L_MAX);
                assertThat(DoubleGen.decode(l)).isEqualTo(d);
            }
        }
    }

    @Test
    void doubleEncodingOrdersSimpleValuesFirst() {
        // integers before fractions, simple fractions before complex ones, magnitude in [1,2) first
        assertThat(DoubleGen.encode(3.0)).isLessThan(DoubleGen.encode(1.5));
        assertThat(DoubleGen.encode(1.5)).isLessThan(DoubleGen.encode(1.25));
        assertThat(DoubleGen.encode(1.25)).isLessThan(DoubleGen.encode(1.1));
        assertThat(DoubleGen.encode(1.5)).isLessThan(DoubleGen.encode(0.75));
    }

    @Test
    void listsRespectSizeBoundsAndGrowOverTheTries() {
        int[] maxSeen = {0};
        holds(Gens.integers(0, 9).list(2, 6), 300, x -> {
            List<?> l = (List<?>) x;
            assertThat(l.size()).isBetween(2, 6);
            maxSeen[0] = Math.max(maxSeen[0], l.size());
        });
        assertThat(maxSeen[0]).isEqualTo(6);
    }

    @Test
    void mapFlatMapAndFilterShrinkThroughTheirChoices() {
        // a square matrix generated by flatMap, filtered for an odd size: the shrunk value is still odd-sized
        Gen<int[][]> square = Gens.integers(1, 6).filter(n -> n % 2 == 1)
                .flatMap(n -> Gens.listOfSize(Gens.listOfSize(Gens.integers(0, 9), n), n))
                .map(rows -> rows.stream().map(r -> r.stream().mapToInt(Integer::intValue).toArray())
                        .toArray(int[][]::new));
        Check c = Check.standalone(Settings.defaults("flat"), Check.Mode.PROVE);
        c.forAll(square, m -> assertThat(m.length * m[0][0]).isLessThan(5));
        Result r = c.lastResult();
        int[][] m = (int[][]) r.arg(0);
        assertThat(m.length).isEqualTo(1);
        assertThat(m[0]).containsExactly(5);
    }

    @Test
    void oneOfFrequencyAndElementsShrinkTowardTheirFirstAlternative() {
        Check c = Check.standalone(Settings.defaults("oneOf"), Check.Mode.PROVE);
        c.forAll(Gens.oneOf(Gens.constant("a"), Gens.constant("b"), Gens.constant("c")), s -> assertThat(s).isEqualTo("zzz"));
        assertThat(c.lastResult().arg(0)).isEqualTo("a");
        Check f = Check.standalone(Settings.defaults("freq"), Check.Mode.PROVE);
        f.forAll(Gens.frequency(Gens.weight(1, Gens.constant(1)), Gens.weight(9, Gens.constant(2))), x -> assertThat(x).isZero());
        assertThat(f.lastResult().arg(0)).isEqualTo(1);
        Check e = Check.standalone(Settings.defaults("elements"), Check.Mode.PROVE);
        e.forAll(Gens.elements("x", "y"), s -> assertThat(s).isEqualTo("q"));
        assertThat(e.lastResult().arg(0)).isEqualTo("x");
    }

    @Test
    void tuplesShrinkComponentwise() {
        Check c = Check.standalone(Settings.defaults("tuple"), Check.Mode.PROVE);
        c.forAll(Gens.tuples(Gens.integers(0, 100), Gens.integers(0, 100)), t -> assertThat(t.first() + t.second()).isLessThan(50));
        Gens.Tuple2<?, ?> t = (Gens.Tuple2<?, ?>) c.lastResult().arg(0);
        assertThat((Integer) t.first() + (Integer) t.second()).isEqualTo(50);
        assertThat(t.first()).isEqualTo(0);
    }

    @Test
    void badGeneratorArgumentsAreClearErrors() {
        assertThatThrownBy(() -> Gens.integers(3, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min 3 > max 1");
        assertThatThrownBy(() -> Gens.doubles(1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1.0, 0.0]");
        assertThatThrownBy(() -> Gens.doubles(1, 1).excludeMin()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty range");
        assertThatThrownBy(() -> Gens.lists(Gens.constant(1), 3, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Gens.elements(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
