package dlmath.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An expected counterexample: the statement in {@code check.forAll} must be false, and
 * the engine must find a witness. Passes (and prints the shrunk witness) when one is
 * found; fails when none is found. Used to show that a hypothesis of a theorem is
 * necessary (drop convexity and Jensen fails).
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
}
