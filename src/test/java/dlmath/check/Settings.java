package dlmath.check;

import java.nio.file.Path;

/**
 * How one property runs.
 *
 * @param tries           valid examples to generate (after scaling by {@code -Ddlmath.tries})
 * @param seed            the base seed; each property's stream is derived from it and the property key
 * @param key             the property's identity (class#method#index), for seeds and the failure database
 * @param database        directory of the failure database, or null for none
 * @param maxDiscardRatio health check: fail when more than this many inputs per requested try are rejected
 * @param deadlineMillis  per-example deadline in milliseconds (0: none); an example over it twice fails
 * @param shrinkSteps     shrink budget in property evaluations
 * @param shrinkMillis    shrink budget in wall-clock milliseconds
 */
public record Settings(int tries, long seed, String key, Path database, double maxDiscardRatio,
                       long deadlineMillis, int shrinkSteps, long shrinkMillis) {

    /** Defaults: 100 tries, seed from {@code -Ddlmath.seed} (1 if unset), no database, 5 rejections per try. */
    public static Settings defaults(String key) {
        return new Settings(100, Config.baseSeed(), key, null, 5.0, 0, 5000, 10_000);
    }

    public Settings withTries(int n) {
        return new Settings(n, seed, key, database, maxDiscardRatio, deadlineMillis, shrinkSteps, shrinkMillis);
    }

    public Settings withSeed(long s) {
        return new Settings(tries, s, key, database, maxDiscardRatio, deadlineMillis, shrinkSteps, shrinkMillis);
    }

    public Settings withDatabase(Path dir) {
        return new Settings(tries, seed, key, dir, maxDiscardRatio, deadlineMillis, shrinkSteps, shrinkMillis);
    }

    public Settings withDeadlineMillis(long ms) {
        return new Settings(tries, seed, key, database, maxDiscardRatio, ms, shrinkSteps, shrinkMillis);
    }

    public Settings withShrinkBudget(int steps, long millis) {
        return new Settings(tries, seed, key, database, maxDiscardRatio, deadlineMillis, steps, millis);
    }

    public Settings withMaxDiscardRatio(double r) {
        return new Settings(tries, seed, key, database, r, deadlineMillis, shrinkSteps, shrinkMillis);
    }

    public Settings withKey(String k) {
        return new Settings(tries, seed, k, database, maxDiscardRatio, deadlineMillis, shrinkSteps, shrinkMillis);
    }
}
