package dlmath.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner: determinism, replay, health check, targeted search, expected counterexamples, reports. */
class EngineTest {

    private static Check check(Settings s) {
        return Check.standalone(s, Check.Mode.PROVE);
    }

    private static List<Object> sample(long seed, Gen<?> gen, int n) {
        List<Object> out = new ArrayList<>();
        Check c = check(Settings.defaults("sample").withSeed(seed).withTries(n));
        c.forAll(gen, x -> out.add(x));
        return out;
    }

    @Test
    void sameSeedGivesSameValuesAndDifferentSeedsDiffer() {
        Gen<List<Double>> gen = Gens.doubles(-5, 5).list(0, 6);
        assertThat(sample(42, gen, 50)).isEqualTo(sample(42, gen, 50));
        assertThat(sample(42, gen, 50)).isNotEqualTo(sample(43, gen, 50));
    }

    @Test
    void failureDatabaseReplaysTheLastCounterexampleFirstAndForgetsItOnceFixed(@TempDir Path db) throws Exception {
        Settings s = Settings.defaults("dbTest").withDatabase(db).withTries(200);
        Check first = check(s);
        first.forAll(Gens.integers(0, 1000), x -> assertThat(x).isLessThan(500));
        assertThat(first.lastResult().falsified()).isTrue();
        assertThat(first.lastResult().arg(0)).isEqualTo(500);
        try (var files = Files.list(db)) {
            assertThat(files.count()).isEqualTo(1);
        }
        // next run, different seed: the stored example is tried first
        AtomicInteger runs = new AtomicInteger();
        Check second = check(s.withSeed(999));
        second.forAll(Gens.integers(0, 1000), x -> {
            runs.incrementAndGet();
            assertThat(x).isLessThan(500);
        });
        assertThat(second.lastResult().origin()).isEqualTo("database");
        assertThat(second.lastResult().arg(0)).isEqualTo(500);
        // once the property holds, the entry is deleted
        Check third = check(s);
        third.forAll(Gens.integers(0, 1000), x -> assertThat(x).isLessThan(5000));
        assertThat(third.lastResult().falsified()).isFalse();
        try (var files = Files.list(db)) {
            assertThat(files.count()).isZero();
        }
    }

    @Test
    void healthCheckFiresWhenTooManyInputsAreRejected() {
        Check c = check(Settings.defaults("health"));
        c.forAll(Gens.integers(0, 1000), x -> c.assume(x == 1234 % 7 && x > 10_000));
        Result r = c.lastResult();
        assertThat(r.status()).isEqualTo(Result.Status.UNHEALTHY);
        assertThat(r.problem()).contains("health check failed").contains("rejected");
    }

    @Test
    void filterThatRejectsEverythingIsAHealthFailureNotAHang() {
        Check c = check(Settings.defaults("filter"));
        c.forAll(Gens.integers(0, 10).filter(x -> x > 100), x -> { });
        assertThat(c.lastResult().status()).isEqualTo(Result.Status.UNHEALTHY);
    }

    /** A needle: score peaks only at (777777, 333333); the property claims score stays below -5. */
    private static Result needle(Check c) {
        c.forAll(Gens.integers(0, 1_000_000), Gens.integers(0, 1_000_000), (x, y) -> {
            double score = -(Math.abs(x - 777_777) + Math.abs(y - 333_333));
            c.target(score);
            assertThat(score).isLessThan(-5);
        });
        return c.lastResult();
    }

    @Test
    void targetFindsAMaximumThatRandomSearchMisses() {
        Result targeted = needle(check(Settings.defaults("needle").withTries(2000)));
        assertThat(targeted.falsified()).as("hill climbing reaches the peak").isTrue();
        assertThat(targeted.origin()).isEqualTo("targeted");
        // the same budget of purely random tries does not come close: best score stays far below -5
        Check random = check(Settings.defaults("needle").withTries(2000));
        random.forAll(Gens.integers(0, 1_000_000), Gens.integers(0, 1_000_000), (x, y) -> {
            assertThat(Math.abs(x - 777_777) + Math.abs(y - 333_333)).isGreaterThan(5);
        });
        assertThat(random.lastResult().falsified()).isFalse();
    }

    @Test
    void bestTargetScoreIsReported() {
        Check c = check(Settings.defaults("score").withTries(300));
        c.forAll(Gens.doubles(0, 1), x -> c.target(x * (1 - x), "x(1-x)"));
        assertThat(c.lastResult().stats().bestScores().get("x(1-x)")).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void expectedCounterexampleIsFoundAndShrunk() {
        Check c = Check.standalone(Settings.defaults("refute"), Check.Mode.REFUTE);
        // "every x^2 >= x" is false on (0, 1)
        c.forAll(Gens.doubles(-10, 10), x -> Claims.atLeast("x^2 >= x", x * x, x));
        Result r = c.lastResult();
        assertThat(r.falsified()).isTrue();
        assertThat((Double) r.arg(0)).isStrictlyBetween(0.0, 1.0).isEqualTo(0.5);
    }

    private static Check refuting(String key) {
        return Check.standalone(Settings.defaults(key), Check.Mode.REFUTE);
    }

    /** sqrt(x) for x >= 0; refuses a negative x, as a reference implementation does. */
    private static double sqrt(double x) {
        if (x < 0) {
            throw new IllegalArgumentException("sqrt: x must be >= 0, was " + x);
        }
        return Math.sqrt(x);
    }

    @Test
    void aWitnessThatOnlyCrashesIsAnErrorNotAWitness() {
        // "sqrt(x)^2 = x for every x" with the hypothesis x >= 0 dropped: the code refuses x < 0,
        // which proves nothing about the claim, so an undeclared exception is an error
        Check c = refuting("crash");
        c.forAll(Gens.doubles(-10, 10), x -> Claims.close("sqrt(x)^2 = x", sqrt(x) * sqrt(x), x, 1e-12 * (1 + x)));
        Result r = c.lastResult();
        assertThat(r.status()).isEqualTo(Result.Status.ERROR);
        assertThat(r.falsified()).isFalse();
        assertThat(r.error()).isInstanceOf(IllegalArgumentException.class);
        assertThat(r.problem()).contains("neither a failed claim").contains("IllegalArgumentException");
        assertThat((Double) r.arg(0)).isEqualTo(-1.0); // shrunk like any failure, to the simplest crashing input
    }

    @Test
    void aPlainAssertionErrorIsNotAClaim() {
        Check c = refuting("assert");
        c.forAll(Gens.integers(0, 100), x -> {
            if (x > 3) {
                throw new AssertionError("an assert in the code under test");
            }
        });
        assertThat(c.lastResult().status()).isEqualTo(Result.Status.ERROR);
        assertThat(c.lastResult().problem()).contains("AssertionError").contains("neither a failed claim");
    }

    @Test
    void aDeclaredExceptionIsAWitnessOnlyWithAConfirmedViolation() {
        Check confirmed = refuting("expects").expecting(IllegalArgumentException.class);
        confirmed.forAll(Gens.doubles(-10, 10), x -> {
            confirmed.confirm("x < 0", x < 0);
            Claims.close("sqrt(x)^2 = x", sqrt(x) * sqrt(x), x, 1e-12 * (1 + x));
        });
        assertThat(confirmed.lastResult().falsified()).isTrue();
        assertThat(confirmed.lastResult().error()).isInstanceOf(IllegalArgumentException.class);
        assertThat((Double) confirmed.lastResult().arg(0)).isEqualTo(-1.0);
        assertThat(confirmed.describeLast()).contains("confirmed = x < 0").contains("refuses the input, as declared");

        Check unconfirmed = refuting("expects2").expecting(IllegalArgumentException.class);
        unconfirmed.forAll(Gens.doubles(-10, 10), x -> Claims.that("sqrt(x) >= 0", sqrt(x) >= 0));
        assertThat(unconfirmed.lastResult().status()).isEqualTo(Result.Status.ERROR);
        assertThat(unconfirmed.lastResult().problem()).contains("expected IllegalArgumentException")
                .contains("no confirmation was made");

        // the confirmation is checked on the failing example itself: a wrong one does not count
        Check wrong = refuting("expects3").expecting(IllegalArgumentException.class);
        wrong.forAll(Gens.doubles(-10, 10), x -> {
            wrong.confirm("x > 5", x > 5);
            Claims.that("sqrt(x) >= 0", sqrt(x) >= 0);
        });
        assertThat(wrong.lastResult().status()).isEqualTo(Result.Status.ERROR);
        assertThat(wrong.lastResult().problem()).contains("a confirmation did not hold");

        // an exception of another type than the declared one is still an error
        Check other = refuting("expects4").expecting(ArithmeticException.class);
        other.forAll(Gens.doubles(-10, 10), x -> {
            other.confirm("x < 0", x < 0);
            Claims.that("sqrt(x) >= 0", sqrt(x) >= 0);
        });
        assertThat(other.lastResult().status()).isEqualTo(Result.Status.ERROR);
    }

    private static final Gen<Integer> BROKEN = Gens.integers(0, 100).map(x -> {
        if (x > 41) {
            throw new IllegalStateException("generator bug at " + x);
        }
        return x;
    });

    @Test
    void anExceptionWhileGeneratingIsAnErrorInProveAndRefuteMode() {
        for (Check.Mode mode : Check.Mode.values()) {
            Check c = new Check(Settings.defaults("generating").withSeed(7), mode,
                    new Check.Info("EX-00", "demo", "x < 1000", "Demo", "generation"));
            assertThatThrownBy(() -> c.forAll(BROKEN.as("x"), x -> Claims.atMost("x < 1000", x, 999)))
                    .as(mode.toString()).isInstanceOf(PropertyError.class).isNotInstanceOf(AssertionError.class)
                    .hasMessageContaining("ERROR, not a verdict on the theorem")
                    .hasMessageContaining("error while generating the arguments")
                    .hasMessageContaining("generator bug at 42")
                    .hasMessageContaining("(seed 7)")
                    .hasMessageContaining("replay: mvn test -Dtest=Demo#generation -Ddlmath.seed=7")
                    .hasMessageNotContaining("dlmath.check.Runner");
            assertThat(c.lastResult().status()).isEqualTo(Result.Status.ERROR);
        }
    }

    @Test
    void aWitnessCrashThrowsAPropertyErrorWithSeedAndReplay() {
        Check c = new Check(Settings.defaults("crash2").withSeed(3), Check.Mode.REFUTE,
                new Check.Info("EX-00", "demo", "sqrt(x)^2 = x", "Demo", "crash"));
        assertThatThrownBy(() -> c.forAll(Gens.doubles(-10, 10).as("x"), x -> Claims.that("sqrt", sqrt(x) >= 0)))
                .isInstanceOf(PropertyError.class).hasMessageContaining("a crash is not a witness")
                .hasMessageContaining("x = -1.0").hasMessageContaining("(seed 3)")
                .hasMessageContaining("replay: mvn test -Dtest=Demo#crash -Ddlmath.seed=3");
    }

    @Test
    void noWitnessIsReportedAsAFailureOfTheNecessityCheck() {
        Check c = new Check(Settings.defaults("nowitness").withTries(50), Check.Mode.REFUTE,
                new Check.Info("EX-00", "demo", "x^2 >= 0", "Demo", "square"));
        assertThatThrownBy(() -> c.forAll(Gens.doubles(-10, 10), x -> Claims.atLeast("x^2 >= 0", x * x, 0)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected a counterexample").hasMessageContaining("none was found in 50 tries");
    }

    @Test
    void explicitExamplesRunFirstAndAreNotShrunk() {
        Check c = check(Settings.defaults("examples"));
        List<Integer> seen = new ArrayList<>();
        c.example(7).example(8);
        c.forAll(Gens.integers(0, 100), x -> seen.add(x));
        assertThat(seen.subList(0, 2)).containsExactly(7, 8);

        Check failing = check(Settings.defaults("examples2"));
        failing.example(731);
        failing.forAll(Gens.integers(0, 1000), x -> assertThat(x).isLessThan(700));
        assertThat(failing.lastResult().origin()).isEqualTo("example");
        assertThat(failing.lastResult().arg(0)).isEqualTo(731);
    }

    @Test
    void exampleWithTheWrongArityIsAClearError() {
        Check c = check(Settings.defaults("arity"));
        c.example(1, 2);
        assertThatThrownBy(() -> c.forAll(Gens.integers(0, 1), x -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 2 values")
                .hasMessageContaining("takes 1");
    }

    @Test
    void deadlineFailsAnExampleThatIsSlowTwice() {
        // fast examples take microseconds, slow ones 3x the deadline: a fast one would have to
        // stall for 50 ms twice in a row to be misjudged
        Check c = check(Settings.defaults("deadline").withDeadlineMillis(50).withShrinkBudget(12, 5000));
        c.forAll(Gens.integers(0, 10), x -> {
            if (x >= 3) {
                Thread.sleep(150);
            }
        });
        Result r = c.lastResult();
        assertThat(r.falsified()).isTrue();
        assertThat(r.error()).isInstanceOf(Runner.DeadlineExceeded.class).hasMessageContaining("deadline is 50 ms");
        assertThat(r.arg(0)).isEqualTo(3);
    }

    @Test
    void coverFailsWhenACaseIsUnderRepresented() {
        Check c = check(Settings.defaults("cover").withTries(200));
        c.forAll(Gens.integers(0, 1000), x -> c.cover(50, x < 10, "x < 10"));
        assertThat(c.lastResult().status()).isEqualTo(Result.Status.UNHEALTHY);
        assertThat(c.lastResult().problem()).contains("cover: 'x < 10'").contains("required at least 50.0%");

        Check ok = check(Settings.defaults("cover2").withTries(200));
        ok.forAll(Gens.integers(0, 1000), x -> ok.cover(20, x % 2 == 0, "even"));
        assertThat(ok.lastResult().status()).isEqualTo(Result.Status.PASSED);
    }

    @Test
    void labelsAndCollectedValuesAreCounted() {
        Check c = check(Settings.defaults("labels").withTries(100));
        c.forAll(Gens.integers(0, 3), x -> {
            c.label(x % 2 == 0 ? "even" : "odd");
            c.collect(x);
        });
        Stats st = c.lastResult().stats();
        assertThat(st.tries()).isEqualTo(100);
        assertThat(st.labels().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        assertThat(st.collected().keySet()).containsExactlyInAnyOrder("0.0".equals("") ? "" : "0", "1", "2", "3");
        assertThat(st.render()).contains("even").contains("odd");
    }

    @Test
    void engineCallsOutsideABodyAreErrors() {
        Check c = check(Settings.defaults("outside"));
        assertThatThrownBy(() -> c.label("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside a forAll body");
    }

    @Test
    void exceptionsFromTheCodeUnderTestAreCounterexamplesToo() {
        Check c = check(Settings.defaults("exception"));
        c.forAll(Gens.integers(0, 100), x -> {
            if (x > 17) {
                throw new IllegalStateException("boom at " + x);
            }
        });
        Result r = c.lastResult();
        assertThat(r.arg(0)).isEqualTo(18);
        assertThat(Report.describe(r.error())).contains("the code under test threw").contains("boom at 18");
    }

    @Test
    void failureReportShowsTheoremShrunkAndOriginalValuesNotesAndReplay() {
        // the report's text is the subject, so the seed is pinned (whatever -Ddlmath.seed says)
        Check c = new Check(Settings.defaults("report").withTries(200).withSeed(1), Check.Mode.PROVE,
                new Check.Info("EX-99", "Demo bound", "sum(x) < 10", "DemoTheorem", "sumIsSmall"));
        Throwable t = null;
        try {
            c.forAll(Gens.doubles(0, 100).list(0, 5).as("x"), x -> {
                double sum = x.stream().mapToDouble(Double::doubleValue).sum();
                c.note("sum(x)", sum);
                Claims.atMost("sum(x) < 10", sum, 9.999);
            });
        } catch (AssertionError e) {
            t = e;
        }
        assertThat(t).isNotNull();
        assertThat(t.getMessage())
                .contains("EX-99 Demo bound: sum(x) < 10")
                .containsPattern("falsified after \\d+ tr(y|ies), shrunk in \\d+ steps \\(seed 1\\)")
                .contains("counterexample:\n  x = [10.0]")
                .contains("sum(x) = 10.0")
                .contains("lhs    = 10.0").contains("rhs    = 9.999").contains("margin")
                .contains("original example (before shrinking):")
                .contains("replay: mvn test -Dtest=DemoTheorem#sumIsSmall -Ddlmath.seed=1");
    }
}
