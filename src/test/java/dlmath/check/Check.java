package dlmath.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The handle a property uses: {@code forAll} states the property, and inside its body
 * {@code label}, {@code collect}, {@code cover}, {@code target}, {@code assume} and
 * {@code note} talk to the engine about the current example.
 *
 * <pre>{@code
 * @Property
 * void amGm(Check check) {
 *     check.forAll(positives.list(1, 8).as("x"), x -> {
 *         check.target(mean(x) == 0 ? 0 : geometricMean(x) / mean(x));
 *         Claims.atMost("GM(x) <= AM(x)", geometricMean(x), mean(x) * (1 + 4 * n * EPS));
 *     });
 * }
 * }</pre>
 */
public final class Check {

    /** Whether a property must hold, or must be refuted. */
    public enum Mode { PROVE, REFUTE }

    /** What the report prints about the theorem; id, name and statement are null for a class without {@code @Theorem}. */
    public record Info(String id, String name, String statement, String className, String method) {
    }

    /** A body of one argument. */
    @FunctionalInterface
    public interface Body1<A> {
        void check(A a) throws Throwable;
    }

    /** A body of two arguments. */
    @FunctionalInterface
    public interface Body2<A, B> {
        void check(A a, B b) throws Throwable;
    }

    /** A body of three arguments. */
    @FunctionalInterface
    public interface Body3<A, B, C> {
        void check(A a, B b, C c) throws Throwable;
    }

    /** A body of four arguments. */
    @FunctionalInterface
    public interface Body4<A, B, C, D> {
        void check(A a, B b, C c, D d) throws Throwable;
    }

    private final Settings settings;
    private final Mode mode;
    private final Info info;
    private final List<Object[]> examples = new ArrayList<>();
    private List<Class<? extends Throwable>> expects = List.of();
    private final List<Result> results = new ArrayList<>();
    private Stats.Try current;
    private boolean quiet;

    Check(Settings settings, Mode mode, Info info) {
        this.settings = settings;
        this.mode = mode;
        this.info = info;
    }

    /**
     * A check for programmatic use (engine and generator tests): runs and records results,
     * never prints or throws on a counterexample; inspect {@link #passed()}.
     */
    public static Check standalone(Settings settings) {
        return standalone(settings, Mode.PROVE);
    }

    /** Whether the last forAll passed. */
    public boolean passed() {
        return lastResult() != null && lastResult().status() == Result.Status.PASSED;
    }

    /** The shrunk value of argument {@code i} of the last forAll's counterexample. */
    public Object shrunkArgument(int i) {
        Result r = lastResult();
        if (r == null || !r.falsified()) {
            throw new IllegalStateException("the last forAll found no counterexample");
        }
        return r.arg(i);
    }

    /** A readable account of the last forAll (the full report for a counterexample). */
    public String describeLast() {
        Result r = lastResult();
        if (r == null) {
            return "no forAll ran";
        }
        return switch (r.status()) {
            case PASSED -> "passed " + r.tries() + " tries";
            case UNHEALTHY -> Report.unhealthy(info, r);
            case FALSIFIED -> mode == Mode.PROVE ? Report.falsified(info, r) : Report.witness(info, r);
            case ERROR -> Report.error(info, r);
        };
    }

    /**
     * In refute mode, also accept {@code types} as a witness on examples whose
     * {@link #confirm} calls all held (what {@code @Counterexample(expects = ...)} sets).
     */
    @SafeVarargs
    public final Check expecting(Class<? extends Throwable>... types) {
        this.expects = List.of(types);
        return this;
    }

    Mode mode() {
        return mode;
    }

    List<Class<? extends Throwable>> expects() {
        return expects;
    }

    /** A check for programmatic use (engine tests): runs and records results, never prints. */
    static Check standalone(Settings settings, Mode mode) {
        Check c = new Check(settings, mode, new Info("T-00", "test", "a test property", "Test", "test"));
        c.quiet = true;
        return c;
    }

    // ---------------------------------------------------------------- stating properties

    /** Adds explicit example arguments; they run first, before generation, and are never shrunk. */
    public Check example(Object... args) {
        examples.add(args.clone());
        return this;
    }

    public <A> void forAll(Gen<A> a, Body1<A> body) {
        run(List.of(a), args -> body.check(cast(args[0])));
    }

    public <A, B> void forAll(Gen<A> a, Gen<B> b, Body2<A, B> body) {
        run(List.of(a, b), args -> body.check(cast(args[0]), cast(args[1])));
    }

    public <A, B, C> void forAll(Gen<A> a, Gen<B> b, Gen<C> c, Body3<A, B, C> body) {
        run(List.of(a, b, c), args -> body.check(cast(args[0]), cast(args[1]), cast(args[2])));
    }

    public <A, B, C, D> void forAll(Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d, Body4<A, B, C, D> body) {
        run(List.of(a, b, c, d), args -> body.check(cast(args[0]), cast(args[1]), cast(args[2]), cast(args[3])));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    private void run(List<Gen<?>> gens, Runner.Body body) {
        for (Object[] ex : examples) {
            if (ex.length != gens.size()) {
                throw new IllegalArgumentException("example " + Arrays.toString(ex) + " has " + ex.length
                        + " values, but the property takes " + gens.size());
            }
        }
        Settings s = settings.withKey(settings.key() + "#" + results.size());
        Result r = new Runner(s, gens, List.copyOf(examples), body, this).run();
        examples.clear();
        results.add(r);
        if (quiet) {
            return;
        }
        Runs.record(settings.key(), mode, info, r, switch (r.status()) {
            case PASSED -> mode == Mode.REFUTE ? Report.noWitness(info, r).strip() : null;
            case FALSIFIED -> (mode == Mode.PROVE ? Report.falsified(info, r) : Report.witness(info, r)).strip();
            case ERROR -> Report.error(info, r).strip();
            case UNHEALTHY -> Report.unhealthy(info, r).strip();
        });
        String header = Report.header(info);
        if (r.status() == Result.Status.ERROR) {
            throw Report.trim(new PropertyError(Report.error(info, r), r.error()));
        }
        if (r.status() == Result.Status.UNHEALTHY) {
            throw Report.trim(new AssertionError(Report.unhealthy(info, r)));
        }
        if (mode == Mode.PROVE) {
            if (r.falsified()) {
                throw Report.trim(new AssertionError(Report.falsified(info, r), r.error()));
            }
            Report.printStats(header, r, false);
        } else {
            if (!r.falsified()) {
                throw Report.trim(new AssertionError(Report.noWitness(info, r)));
            }
            System.out.println(Report.witness(info, r));
        }
    }

    /** The results of the forAll calls so far (engine tests inspect them). */
    List<Result> results() {
        return List.copyOf(results);
    }

    Result lastResult() {
        return results.isEmpty() ? null : results.get(results.size() - 1);
    }

    // ---------------------------------------------------------------- inside a body

    void begin(Stats.Try record) {
        current = record;
    }

    void end() {
        current = null;
    }

    private Stats.Try current(String what) {
        if (current == null) {
            throw new IllegalStateException(what + " may only be called inside a forAll body");
        }
        return current;
    }

    /** Rejects the current example unless {@code condition} holds (counted by the health check). */
    public void assume(boolean condition) {
        current("assume");
        if (!condition) {
            throw new Runner.Rejected();
        }
    }

    /** Counts the current example under {@code label} in the statistics. */
    public void label(String label) {
        current("label").labels.add(label);
    }

    /** Adds the current example to the histogram of {@code values} (e.g. a size). */
    public void collect(Object... values) {
        current("collect").collected.add(Arrays.stream(values).map(Pretty::format).collect(Collectors.joining(", ")));
    }

    /**
     * Requires that at least {@code percent}% of the examples satisfy {@code condition};
     * the property fails (after all tries) when the case is under-represented.
     */
    public void cover(double percent, boolean condition, String label) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("cover: percent must be in [0, 100], was " + percent);
        }
        Stats.Try t = current("cover");
        t.cover.merge(label, condition, Boolean::logicalOr);
        t.coverPercent.put(label, percent);
    }

    /** Targeted search: the engine hill-climbs to maximize {@code score}; the best is reported. */
    public void target(double score) {
        target(score, "score");
    }

    /** Targeted search under a label (several labels are climbed in turn). */
    public void target(double score, String label) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("target: score for '" + label + "' is NaN");
        }
        current("target").scores.merge(label, score, Math::max);
    }

    /**
     * In a {@code @Counterexample(expects = ...)} body: confirms, independently of the code under
     * test and before calling it, that the current input violates the dropped hypothesis, e.g.
     * {@code check.confirm("A is indefinite: det of the leading 2x2 minor < 0", det2 < 0)}. The
     * declared exception counts as a witness only on an example with at least one confirmation
     * and none that failed to hold.
     */
    public void confirm(String violation, boolean holds) {
        Stats.Try t = current("confirm");
        if (holds) {
            t.confirmed.add(violation);
            t.notes.put("confirmed", String.join("; ", t.confirmed));
        } else {
            t.unconfirmed = true;
        }
    }

    /**
     * The figure {@code title} of this property, for the theorem report: draw curves and points of the
     * current example on it ({@link Plot}). Curves are kept from one random try (the highest
     * {@link Plot#rank}), points accumulate over the random tries; the data is bounded.
     */
    public Plot plot(String title) {
        return current("plot").plots.computeIfAbsent(java.util.Objects.requireNonNull(title, "title"), Plot::new);
    }

    /** Records a named value; shown with the counterexample (e.g. {@code KL(p||q) = -0.69}). */
    public void note(String name, Object value) {
        current("note").notes.put(name, Pretty.format(value));
    }
}
