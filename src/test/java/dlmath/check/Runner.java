package dlmath.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The search loop of one property: explicit examples first, then the failure
 * database's last counterexample, then random generation (edge-biased and small
 * early, full-size later), with targeted hill-climbing on {@code target()} scores in
 * the second half; a failure is shrunk and reported with its statistics.
 *
 * <p>Every run of an example ends in one of four kinds: it passed; it was invalid
 * ({@code assume}, an exhausted {@code filter}, a generation budget); it failed (in
 * prove mode any throwable of the body; in refute mode only a {@link ClaimFailure} or a
 * declared and confirmed expected exception: a witness); or it erred (a generator threw,
 * or a witness body threw anything else). An error stops the search and is reported as an
 * error of the test, never as a counterexample or a witness.
 */
final class Runner {

    /** The property body, taking the generated arguments. */
    interface Body {
        void run(Object[] args) throws Throwable;
    }

    /** Thrown by {@link Check#assume} to reject an example. */
    static final class Rejected extends RuntimeException {
        Rejected() {
            super("assumption rejected", null, false, false);
        }
    }

    /** A failure raised when an example runs past the deadline twice. */
    static final class DeadlineExceeded extends AssertionError {
        DeadlineExceeded(long millis, long deadline) {
            super("deadline exceeded: the example took " + millis + " ms, the deadline is " + deadline + " ms");
        }
    }

    private enum Kind { PASS, INVALID, FAIL, ERROR }

    /** One run of an example; {@code generating}: an ERROR raised while generating, not in the body. */
    private record Outcome(Kind kind, Throwable error, long[] choices, List<Source.Span> spans, Object[] values,
                           Stats.Try record, boolean generating) {
        Outcome(Kind kind, Throwable error, long[] choices, List<Source.Span> spans, Object[] values,
                Stats.Try record) {
            this(kind, error, choices, spans, values, record, false);
        }

        /** Whether {@code o} fails or errs the same way as this outcome (the shrinker's criterion). */
        boolean sameAs(Outcome o) {
            return o.kind == kind && o.generating == generating && o.error.getClass() == error.getClass();
        }
    }

    private final Settings settings;
    private final List<Gen<?>> gens;
    private final Body body;
    private final Check check;
    private final List<Object[]> examples;
    private final Check.Mode mode;
    private final List<Class<? extends Throwable>> expects;
    private final List<String> names;
    private final Stats stats = new Stats();

    Runner(Settings settings, List<Gen<?>> gens, List<Object[]> examples, Body body, Check check) {
        this.settings = settings;
        this.gens = gens;
        this.examples = examples;
        this.body = body;
        this.check = check;
        this.mode = check.mode();
        this.expects = check.expects();
        this.names = names();
    }

    static long mix(long seed, String key) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (char c : key.toCharArray()) {
            h = (h ^ c) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }

    /** A result without an input: passed, unhealthy, or an error such as a replay that did not fail. */
    private Result verdict(Result.Status status, String origin, int tries, int rejected, String problem) {
        return new Result(settings.key(), status, origin, tries, rejected, 0, false, settings.seed(), names, null, null,
                null, null, Map.of(), stats, problem);
    }

    /** A result for a failing or erring outcome that is not shrunk (an explicit example, a replay). */
    private Result unshrunk(Outcome o, String origin, Object[] values) {
        boolean fail = o.kind == Kind.FAIL;
        return new Result(settings.key(), fail ? Result.Status.FALSIFIED : Result.Status.ERROR, origin, 0, 0, 0, false,
                settings.seed(), names, values, values, o.choices, Report.trim(o.error), o.record.notes, stats,
                fail ? null : errorProblem(o));
    }

    Result run() {
        FailureDb db = new FailureDb(settings.database());

        for (Object[] example : examples) {
            Outcome o = classify(execute(example.clone()));
            if (o.kind == Kind.FAIL || o.kind == Kind.ERROR) {
                return unshrunk(o, "example", example);
            }
        }

        String replay = Config.replay();
        long[] replayed = replay == null ? null : Replay.decode(settings.key(), replay);
        if (replayed != null) { // exactly the reported example: not shrunk again, no database
            Outcome o = execute(Source.replaying(replayed));
            if (o.kind == Kind.FAIL || o.kind == Kind.ERROR) {
                return unshrunk(o, "replay", o.values);
            }
            return verdict(Result.Status.ERROR, "replay", 0, 0, "the replay string " + replay + " did not reproduce a"
                    + " failure (the example " + (o.kind == Kind.PASS ? "passed" : "was rejected") + ")");
        }

        long[] stored = db.load(settings.key());
        if (stored != null) {
            Outcome o = execute(Source.replaying(stored));
            if (o.kind == Kind.FAIL || o.kind == Kind.ERROR) {
                return shrinkAndReport(o, "database", 0, 0, db);
            }
            db.delete(settings.key());
        }

        SplittableRandom rng = new SplittableRandom(mix(settings.seed(), settings.key()));
        Search search = new Search();
        long maxRejected = (long) Math.ceil(settings.maxDiscardRatio() * Math.max(10, settings.tries()));
        boolean optimized = false;
        while (search.valid < settings.tries()) {
            if (search.rejected > maxRejected) {
                String problem = 2 * search.overBudget > search.rejected ? String.format(
                        "health check failed: the generator of '%s' can never finish: %d of %d attempts exceeded the"
                                + " generation budget (%s) while only %d of %d tries were valid. A recursive generator"
                                + " must reach a leaf: put the non-recursive alternative first in Gens.oneOf /"
                                + " frequency (past the recursion budget the engine always takes the first).",
                        names.get(search.overBudgetArg), search.overBudget, search.rejected, search.overBudgetWhy,
                        search.valid, settings.tries())
                        : String.format("health check failed: %d inputs rejected by assume/filter while only %d of %d"
                                + " tries were valid (limit %d rejections). Generate valid inputs directly instead of"
                                + " filtering.", search.rejected, search.valid, settings.tries(), maxRejected);
                return verdict(Result.Status.UNHEALTHY, "random", search.valid, search.rejected, problem);
            }
            double progress = (double) search.valid / settings.tries();
            if (!optimized && progress >= 0.5 && !search.bestScore.isEmpty()) {
                optimized = true;
                for (String label : List.copyOf(search.bestScore.keySet())) {
                    search.climb(label, settings.tries());
                    if (search.failure != null) {
                        return shrinkAndReport(search.failure, "targeted", search.valid + 1, search.rejected, db);
                    }
                }
                continue;
            }
            double edgeBias = 0.05 + 0.45 * (1 - progress);
            double sizeScale = Math.min(1.0, 0.05 + 1.2 * progress);
            search.evaluate(Source.generating(new SplittableRandom(rng.nextLong()), edgeBias, sizeScale), true);
            if (search.failure != null) {
                return shrinkAndReport(search.failure, "random", search.valid + 1, search.rejected, db);
            }
        }
        List<String> coverage = stats.coverageFailures();
        if (!coverage.isEmpty()) {
            return verdict(Result.Status.UNHEALTHY, "random", search.valid, search.rejected, String.join("\n", coverage));
        }
        return verdict(Result.Status.PASSED, "random", search.valid, search.rejected, null);
    }

    /** Counters of the generation phase, the best example per target label, and hill climbing on them. */
    private final class Search {
        final Map<String, Double> bestScore = new LinkedHashMap<>();
        final Map<String, long[]> bestChoices = new LinkedHashMap<>();
        int valid;
        int rejected;
        /** Rejections because generation exceeded its depth or size budget, the argument and why. */
        int overBudget;
        int overBudgetArg;
        String overBudgetWhy;
        Outcome failure;

        /**
         * Runs one example and books it; a failure is kept in {@link #failure}. Labels,
         * collected values and coverage count random examples only (hill climbing
         * concentrates on one region and would distort them); target scores count all.
         */
        Outcome evaluate(Source source, boolean random) {
            Outcome o = execute(source);
            switch (o.kind) {
                case INVALID -> {
                    rejected++;
                    if (o.error instanceof Source.Invalid inv && inv.budget) {
                        overBudget++;
                        overBudgetArg = drawing;
                        overBudgetWhy = inv.getMessage();
                    }
                }
                case FAIL, ERROR -> failure = o;
                case PASS -> {
                    valid++;
                    stats.add(o.record, random);
                    for (Map.Entry<String, Double> e : o.record.scores.entrySet()) {
                        Double old = bestScore.get(e.getKey());
                        if (old == null || e.getValue() > old) {
                            bestScore.put(e.getKey(), e.getValue());
                            bestChoices.put(e.getKey(), o.choices);
                        }
                    }
                }
                default -> throw new AssertionError(o.kind);
            }
            return o;
        }

        /**
         * Hill-climbs {@code label}'s score from its best example, one choice at a time:
         * a step of +-1, doubled while the score keeps improving, restarted at 1 when it
         * stops (after Hypothesis's target optimizer; targeted PBT, Loscher &amp; Sagonas 2017).
         * Every evaluation counts as a try; stops when no single-choice step improves.
         */
        void climb(String label, int budget) {
            boolean improved = true;
            while (improved && valid < budget && failure == null) {
                improved = false;
                for (int i = 0; i < bestChoices.get(label).length && valid < budget && failure == null; i++) {
                    for (int dir : new int[] {1, -1}) {
                        long step = 1;
                        while (valid < budget && failure == null && i < bestChoices.get(label).length) {
                            if (step(label, i, dir * step)) {
                                improved = true;
                                step = step >= (1L << 60) ? step : step * 2;
                            } else if (step > 1) {
                                step = 1;
                            } else {
                                break;
                            }
                        }
                    }
                }
            }
        }

        private boolean step(String label, int i, long delta) {
            long[] cur = bestChoices.get(label);
            long v = cur[i] + delta;
            if (v < 0 || (delta > 0 && v < cur[i])) {
                return false;
            }
            long[] candidate = cur.clone();
            candidate[i] = v;
            double before = bestScore.get(label);
            Outcome o = evaluate(Source.replaying(candidate), false);
            return o.kind == Kind.PASS && bestScore.get(label) > before;
        }
    }

    /**
     * Shrinks a failure (or an error: a smaller input that errs the same way is easier to read)
     * and reports it; a failure's shrunk stream goes to the failure database.
     */
    private Result shrinkAndReport(Outcome first, String origin, int tries, int rejected, FailureDb db) {
        Shrinker shrinker = new Shrinker(candidate -> {
            Outcome o = execute(Source.replaying(candidate));
            return new Shrinker.Attempt(first.sameAs(o), o.choices, o.spans);
        }, new Shrinker.Attempt(true, first.choices, first.spans), settings.shrinkSteps(), settings.shrinkMillis());
        Shrinker.Attempt best = shrinker.shrink();
        Outcome last = execute(Source.replaying(best.choices()));
        if (!first.sameAs(last)) { // flaky property: report the original failure
            last = first;
        }
        boolean error = first.kind == Kind.ERROR;
        if (!error) {
            db.save(settings.key(), last.choices);
        }
        return new Result(settings.key(), error ? Result.Status.ERROR : Result.Status.FALSIFIED, origin, tries, rejected,
                shrinker.steps(), shrinker.exhausted(), settings.seed(), names, first.values, last.values, last.choices,
                Report.trim(last.error), last.record.notes, stats, error ? errorProblem(last) : null);
    }

    /** What an ERROR outcome means, for the report. */
    private String errorProblem(Outcome o) {
        if (o.generating) {
            return "error while generating the arguments (a bug in a generator, not a counterexample)";
        }
        for (Class<? extends Throwable> e : expects) {
            if (e.isInstance(o.error)) {
                return "the witness threw the expected " + e.getSimpleName() + ", but on an input whose violation of"
                        + " the hypothesis the body did not confirm (call check.confirm(what, violated) before the"
                        + " code under test; " + (o.record.unconfirmed ? "a confirmation did not hold"
                        : "no confirmation was made") + ")";
            }
        }
        return "the witness threw " + o.error.getClass().getSimpleName() + ", which is neither a failed claim"
                + " (Claims.*) nor an exception it declares (@Counterexample(expects = ...)): a crash is not a witness";
    }

    /**
     * In refute mode, only a failed claim or a declared and confirmed expected exception is a
     * witness; any other throwable of the body makes the outcome an ERROR.
     */
    private Outcome classify(Outcome o) {
        if (o.kind != Kind.FAIL || mode == Check.Mode.PROVE || o.error instanceof ClaimFailure) {
            return o;
        }
        for (Class<? extends Throwable> e : expects) {
            if (e.isInstance(o.error) && o.record.confirmedViolation()) {
                return o;
            }
        }
        return new Outcome(Kind.ERROR, o.error, o.choices, o.spans, o.values, o.record, false);
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < gens.size(); i++) {
            names.add(gens.get(i) instanceof Gen.Named<?> n ? n.name() : (gens.size() == 1 ? "x" : "arg" + (i + 1)));
        }
        return names;
    }

    /** The argument being generated by the last {@link #execute(Source)}. */
    private int drawing;

    private Outcome execute(Source source) {
        Object[] values = new Object[gens.size()];
        try {
            for (drawing = 0; drawing < values.length; drawing++) {
                values[drawing] = source.draw(gens.get(drawing));
            }
        } catch (Source.Invalid e) {
            return new Outcome(Kind.INVALID, e, source.choices(), source.spans(), null, new Stats.Try());
        } catch (RuntimeException | Error e) { // not VirtualMachineErrors other than a stack overflow
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw e;
            }
            return new Outcome(Kind.ERROR, e, source.choices(), source.spans(), null, new Stats.Try(), true);
        }
        Object[] shown = values.clone();
        Outcome o = execute(values);
        if (o.kind == Kind.PASS && settings.deadlineMillis() > 0 && o.error instanceof Elapsed e
                && e.millis > settings.deadlineMillis()) {
            // over the deadline: run again, fail only if it is slow twice (first runs pay for class loading)
            Object[] again = new Object[gens.size()];
            Source replay = Source.replaying(source.choices());
            for (int i = 0; i < again.length; i++) {
                again[i] = replay.draw(gens.get(i));
            }
            Outcome second = execute(again);
            if (second.kind == Kind.PASS && second.error instanceof Elapsed e2 && e2.millis > settings.deadlineMillis()) {
                o = new Outcome(Kind.FAIL, new DeadlineExceeded(e2.millis, settings.deadlineMillis()), null, null,
                        null, second.record);
            }
        }
        return classify(new Outcome(o.kind, o.kind == Kind.PASS ? null : o.error, source.choices(), source.spans(),
                shown, o.record));
    }

    /** Carries the elapsed time of a passing example. */
    private static final class Elapsed extends RuntimeException {
        final long millis;

        Elapsed(long millis) {
            super(null, null, false, false);
            this.millis = millis;
        }
    }

    private Outcome execute(Object[] values) {
        Stats.Try record = new Stats.Try();
        check.begin(record);
        long t0 = System.nanoTime();
        try {
            body.run(values);
        } catch (Rejected e) {
            return new Outcome(Kind.INVALID, e, null, null, values, record);
        } catch (Source.Invalid e) {
            return new Outcome(Kind.INVALID, e, null, null, values, record);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return new Outcome(Kind.FAIL, t, null, null, values, record);
        } finally {
            check.end();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000L;
        return new Outcome(Kind.PASS, new Elapsed(ms), null, null, values, record);
    }
}
