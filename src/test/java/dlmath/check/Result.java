package dlmath.check;

import java.util.List;
import java.util.Map;

/**
 * The outcome of running one property.
 *
 * @param key         the property's key (class#method#n), for its replay string
 * @param status      passed, falsified, or failed its health check
 * @param origin      where the counterexample came from: "random", "targeted", "database" or "example"
 * @param tries       valid examples run
 * @param rejected    examples rejected by {@code assume} or {@code filter}
 * @param shrinkSteps evaluations spent shrinking
 * @param shrinkBudgetHit whether shrinking stopped on its step or time budget (not at a fixpoint)
 * @param seed        the base seed
 * @param names       argument names
 * @param original    the first failing values, before shrinking (null if passed)
 * @param shrunk      the shrunk failing values (null if passed)
 * @param choices     the shrunk choice stream (null if passed)
 * @param error       what the property threw on the shrunk values (null if passed)
 * @param notes       the notes recorded on the shrunk values
 * @param stats       statistics over the valid tries
 * @param problem     for UNHEALTHY and ERROR: what went wrong
 */
public record Result(String key, Status status, String origin, int tries, int rejected, int shrinkSteps, boolean shrinkBudgetHit, long seed,
                     List<String> names, Object[] original, Object[] shrunk, long[] choices, Throwable error,
                     Map<String, String> notes, Stats stats, String problem) {

    /**
     * What happened: the property held; a counterexample (or, for a {@link Counterexample}, a
     * witness) was found; the search was unhealthy (too many rejections, missed coverage); or
     * the test itself erred (a generator threw, a witness crashed).
     */
    public enum Status { PASSED, FALSIFIED, UNHEALTHY, ERROR }

    public boolean falsified() {
        return status == Status.FALSIFIED;
    }

    /** The replay string of the shrunk example ({@link Replay}), or null when there is none. */
    public String replay() {
        return choices == null ? null : Replay.encode(key, choices);
    }

    /** The shrunk value of argument {@code i}. */
    public Object arg(int i) {
        return shrunk[i];
    }
}
