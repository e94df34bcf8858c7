package dlmath.check;

/**
 * A failed claim: what every {@link Claims} assertion throws. It is an {@link AssertionError},
 * so a falsified theorem fails its test as any assertion would; its own type lets the engine
 * tell a claim that was refuted (the only thing that makes a {@link Counterexample} witness)
 * from an {@code assert} or an exception somewhere else.
 */
public final class ClaimFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    public ClaimFailure(String message) {
        super(message);
    }
}
