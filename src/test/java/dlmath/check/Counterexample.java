package dlmath.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An expected counterexample: the statement in {@code check.forAll} must be false, and
 * the engine must find a witness. Used to show that a hypothesis of a theorem is necessary
 * (drop convexity and Jensen fails).
 *
 * <p>A witness is an input on which a {@link Claims} assertion fails ({@link ClaimFailure}).
 * Passes (and prints the shrunk witness) when one is found; fails when none is found. Any
 * other exception in the body is an error of the test, never a witness: a body whose code
 * under test merely crashes proves nothing. A witness that really expects the code to refuse
 * the input declares it, {@code @Counterexample(expects = IllegalArgumentException.class)},
 * and confirms inside the body, independently of the code under test and before calling it,
 * that the input violates the hypothesis: {@code check.confirm("leading minor det < 0", det < 0)}.
 * The declared exception counts as a witness only on an example whose confirmations all held.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(PropertyExtension.class)
public @interface Counterexample {

    /** Examples to try before giving up. */
    int tries() default 1000;

    /** Health check: how many rejected inputs per requested try are tolerated. */
    double maxDiscardRatio() default 5.0;

    /** Shrink budget in evaluations. */
    int shrinkSteps() default 5000;

    /**
     * Exceptions that count as a witness (besides a failed claim) on an example whose
     * {@link Check#confirm} calls all held; none by default.
     */
    Class<? extends Throwable>[] expects() default {};
}
