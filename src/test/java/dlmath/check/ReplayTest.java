package dlmath.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlmath.gen.TensorGens;
import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact replay: the replay line's knobs, the replay string, the pasteable example, and what the report says. */
class ReplayTest {

    private static final Check.Info DEMO = new Check.Info("EX-98", "demo", "x < 700", "Demo", "below700");

    /** Runs {@code body} with the system property {@code key} set to {@code value}, then restores it. */
    private static void withProperty(String key, String value, Runnable body) {
        String old = System.getProperty(key);
        System.setProperty(key, value);
        try {
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    private static String report(Check c, Runnable forAll) {
        try {
            forAll.run();
        } catch (AssertionError | PropertyError e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a failure report: " + c.describeLast());
    }

    @Test
    void replayStringsRoundTripAndBelongToOneProperty() {
        long[] choices = {0, 1, 127, 128, 300, 1L << 40, Long.MAX_VALUE, DoubleGen.L_MAX};
        String s = Replay.encode("A#b#0", choices);
        assertThat(s).matches("[0-9a-f]{8}:[A-Za-z0-9_-]+");
        assertThat(Replay.decode("A#b#0", s)).containsExactly(choices);
        assertThat(Replay.decode("A#b#1", s)).isNull(); // another property ignores it
        assertThatThrownBy(() -> Replay.decode("A#b#0", "nonsense")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dlmath.replay");
    }

    @Test
    void theReplayStringReproducesTheShrunkExampleUnderAnotherSeedWithoutTheDatabase() {
        Gen<List<Integer>> gen = Gens.integers(0, 1000).list(1, 5);
        Check first = Check.standalone(Settings.defaults("replayed").withSeed(11).withTries(300));
        first.forAll(gen, l -> Claims.atMost("sum < 700", l.stream().mapToInt(Integer::intValue).sum(), 699));
        Result found = first.lastResult();
        assertThat(found.falsified()).isTrue();
        String replay = found.replay();
        assertThat(first.describeLast()).contains("exact replay: mvn test -Dtest=Test#test -Ddlmath.db=off"
                + " -Ddlmath.replay=" + replay);

        withProperty("dlmath.replay", replay, () -> {
            Check again = Check.standalone(Settings.defaults("replayed").withSeed(12345).withTries(300));
            again.forAll(gen, l -> Claims.atMost("sum < 700", l.stream().mapToInt(Integer::intValue).sum(), 699));
            assertThat(again.lastResult().origin()).isEqualTo("replay");
            assertThat(again.lastResult().shrinkSteps()).isZero();
            assertThat(again.lastResult().arg(0)).isEqualTo(found.arg(0));

            // the same string does not apply to another property (another key)
            Check other = Check.standalone(Settings.defaults("other").withTries(50));
            other.forAll(gen, l -> { });
            assertThat(other.passed()).isTrue();

            // once the bug is fixed, replaying says so instead of passing silently
            Check fixed = Check.standalone(Settings.defaults("replayed").withTries(300));
            fixed.forAll(gen, l -> { });
            assertThat(fixed.lastResult().status()).isEqualTo(Result.Status.ERROR);
            assertThat(fixed.lastResult().problem()).contains("did not reproduce a failure");
        });
    }

    @Test
    void theReplayLineCarriesEveryKnobThatChangedTheRun() {
        withProperty("dlmath.tries", "10", () -> withProperty("dlmath.shrinkSeconds", "3",
                () -> withProperty("dlmath.deadline", "250", () -> {
                    Check c = new Check(Settings.defaults("knobs").withSeed(5), Check.Mode.PROVE, DEMO);
                    String report = report(c, () -> c.forAll(Gens.integers(0, 1000).as("x"),
                            x -> Claims.atMost("x < 700", x, 699)));
                    assertThat(report).contains("replay: mvn test -Dtest=Demo#below700 -Ddlmath.seed=5"
                            + " -Ddlmath.tries=10 -Ddlmath.shrinkSeconds=3 -Ddlmath.deadline=250");
                })));
    }

    @Test
    void doublesArePrintedAsJavaThatReadsBackExactly() {
        double[] tricky = {0.1 + 0.2, 1e-310, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1.0 / 3, -2.5e-8};
        for (double d : tricky) {
            String java = Pretty.java(d);
            assertThat(Double.doubleToRawLongBits(Double.parseDouble(java))).as(java)
                    .isEqualTo(Double.doubleToRawLongBits(d));
        }
        assertThat(Pretty.java(Double.NaN)).isEqualTo("Double.NaN");
        assertThat(Pretty.java(Double.NEGATIVE_INFINITY)).isEqualTo("Double.NEGATIVE_INFINITY");
        assertThat(Pretty.java(List.of(1, 2))).isEqualTo("List.of(1, 2)");
        assertThat(Pretty.java(new double[][] {{1, 0.5}})).isEqualTo("new double[][] {{1.0, 0.5}}");
        assertThat(Pretty.java(Tensor.of(new double[] {0.1 + 0.2, 1})))
                .isEqualTo("Tensor.of(new double[] {0.30000000000000004, 1.0})");
        assertThat(Pretty.java(new Gens.Tuple2<>("a\"b", 3L))).isEqualTo("new Gens.Tuple2<>(\"a\\\"b\", 3L)");
        assertThat(Pretty.java(new Object())).isNull();
    }

    /** A_00 < 3 for 2x2 tensors: false; the printed example, pasted below, reproduces the failure. */
    @Test
    void thePrintedExamplePastedIntoCheckExampleReproducesTheFailure() {
        Check c = new Check(Settings.defaults("pasted").withTries(300), Check.Mode.PROVE, DEMO);
        String report = report(c, () -> c.forAll(TensorGens.tensors(2, 2).as("A"),
                a -> Claims.atMost("A_00 < 3", a.get(0, 0), 2.999)));
        assertThat(report).contains(
                "as a regression example: check.example(Tensor.of(new double[][] {{3.0, 0.0}, {0.0, 0.0}}));");

        Check pasted = Check.standalone(Settings.defaults("pasted2").withTries(1));
        pasted.example(Tensor.of(new double[][] {{3.0, 0.0}, {0.0, 0.0}}));
        pasted.forAll(TensorGens.tensors(2, 2), a -> Claims.atMost("A_00 < 3", a.get(0, 0), 2.999));
        assertThat(pasted.lastResult().falsified()).isTrue();
        assertThat(pasted.lastResult().origin()).isEqualTo("example");
    }

    @Test
    void theReportCountsRejectionsAndSaysWhenShrinkingStoppedOnItsBudget() {
        Check c = new Check(Settings.defaults("budgeted").withSeed(2).withTries(500).withShrinkBudget(3, 10_000),
                Check.Mode.PROVE, DEMO);
        String report = report(c, () -> c.forAll(Gens.integers(0, 10_000).list(5, 20).as("l"), l -> {
            c.assume(l.get(0) % 2 == 0);
            Claims.that("fewer than 5 elements", l.size() < 5);
        }));
        assertThat(c.lastResult().shrinkBudgetHit()).isTrue();
        assertThat(report).contains("stopped on the shrink budget");
        Check r = new Check(Settings.defaults("rejecting").withSeed(2).withTries(500), Check.Mode.PROVE, DEMO);
        String rejected = report(r, () -> r.forAll(Gens.integers(0, 10_000).as("x"), x -> {
            r.assume(x % 3 == 0);
            Claims.atMost("x < 9000", x, 8999);
        }));
        assertThat(rejected).containsPattern("falsified after \\d+ tries \\(\\d+ rejected\\)");
    }

    @Test
    void aClassWithoutTheoremGetsAPlainTitle() {
        Check c = new Check(Settings.defaults("plain"), Check.Mode.PROVE,
                new Check.Info(null, null, null, "PlainTest", "plain"));
        String report = report(c, () -> c.forAll(Gens.integers(0, 1000), x -> Claims.atMost("x < 700", x, 699)));
        assertThat(report).startsWith("\nproperty: PlainTest#plain\nfalsified").doesNotContain("null")
                .doesNotContain("no @Theorem");
    }
}
