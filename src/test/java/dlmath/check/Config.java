package dlmath.check;

import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Global knobs, read from system properties:
 * <ul>
 *   <li>{@code dlmath.seed}: the base seed (a long, or {@code random} for a fresh one per JVM); default 1,
 *       so {@code mvn test} is deterministic and every failure is replayable;</li>
 *   <li>{@code dlmath.tries}: a scale factor for every property's tries (default 1.0);</li>
 *   <li>{@code dlmath.db}: the failure database directory, or {@code off} (default {@code .dlmath/failures});</li>
 *   <li>{@code dlmath.deadline}: a per-example deadline in ms for properties that set none (default 0: none);</li>
 *   <li>{@code dlmath.shrinkSeconds}: the wall-clock shrink budget (default 10);</li>
 *   <li>{@code dlmath.verbose}: print statistics for every property, not only those that label or target;</li>
 *   <li>{@code dlmath.replay}: a replay string from a failure report; the property it belongs to runs
 *       exactly that example first (see {@link Replay}).</li>
 * </ul>
 */
public final class Config {

    private static final long RANDOM_SEED = new SecureRandom().nextLong() & 0xFFFF_FFFF_FFFFL;

    private Config() {
    }

    public static long baseSeed() {
        String s = System.getProperty("dlmath.seed", "").trim();
        if (s.isEmpty()) {
            return 1L;
        }
        if (s.equalsIgnoreCase("random")) {
            return RANDOM_SEED;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dlmath.seed must be a long or 'random', was '" + s + "'", e);
        }
    }

    public static double triesScale() {
        String s = System.getProperty("dlmath.tries", "").trim();
        if (s.isEmpty()) {
            return 1.0;
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dlmath.tries must be a positive number, was '" + s + "'", e);
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("dlmath.tries must be a positive number, was '" + s + "'");
        }
        return v;
    }

    public static Path database() {
        String s = System.getProperty("dlmath.db", ".dlmath/failures").trim();
        return s.equalsIgnoreCase("off") || s.isEmpty() ? null : Path.of(s);
    }

    public static long deadlineMillis() {
        return Long.getLong("dlmath.deadline", 0L);
    }

    public static long shrinkMillis() {
        return 1000L * Long.getLong("dlmath.shrinkSeconds", 10L);
    }

    /** The replay string, or null. */
    public static String replay() {
        String s = System.getProperty("dlmath.replay", "").trim();
        return s.isEmpty() ? null : s;
    }

    public static boolean verbose() {
        return Boolean.getBoolean("dlmath.verbose");
    }
}
