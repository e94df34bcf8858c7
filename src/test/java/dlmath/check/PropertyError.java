package dlmath.check;

/**
 * An error of the test itself, not a verdict about the theorem: a generator threw, a
 * {@code @Counterexample} body crashed with something that is neither a failed claim nor an
 * exception it declared, or a replay string did not reproduce. Surefire counts it as an
 * error, not a failure; the message carries the seed and the replay line.
 */
public final class PropertyError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PropertyError(String message, Throwable cause) {
        super(message, cause);
    }
}
