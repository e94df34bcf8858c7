package dlmath.check;

/**
 * Assertions that report both sides and the margin, the way a theorem is read:
 * {@code lhs <= rhs} violated shows {@code lhs}, {@code rhs} and by how much.
 */
public final class Claims {

    private Claims() {
    }

    /** Claims {@code lhs <= rhs}; {@code what} names the inequality, e.g. "||AB||_F <= ||A||_F ||B||_F". */
    public static void atMost(String what, double lhs, double rhs) {
        if (!(lhs <= rhs)) {
            throw new ClaimFailure(what + " violated\n  lhs    = " + Pretty.number(lhs) + "\n  rhs    = "
                    + Pretty.number(rhs) + "\n  margin = rhs - lhs = " + Pretty.number(rhs - lhs));
        }
    }

    /** Claims {@code lhs >= rhs}. */
    public static void atLeast(String what, double lhs, double rhs) {
        if (!(lhs >= rhs)) {
            throw new ClaimFailure(what + " violated\n  lhs    = " + Pretty.number(lhs) + "\n  rhs    = "
                    + Pretty.number(rhs) + "\n  margin = lhs - rhs = " + Pretty.number(lhs - rhs));
        }
    }

    /** Claims {@code |actual - expected| <= tolerance}. */
    public static void close(String what, double actual, double expected, double tolerance) {
        double err = Math.abs(actual - expected);
        if (!(err <= tolerance)) {
            throw new ClaimFailure(what + " violated\n  actual    = " + Pretty.number(actual)
                    + "\n  expected  = " + Pretty.number(expected) + "\n  |error|   = " + Pretty.number(err)
                    + "\n  tolerance = " + Pretty.number(tolerance));
        }
    }

    /** Claims {@code condition}, with {@code what} as the message. */
    public static void that(String what, boolean condition) {
        if (!condition) {
            throw new ClaimFailure(what + " violated");
        }
    }
}
