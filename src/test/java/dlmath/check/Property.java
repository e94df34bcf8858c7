package dlmath.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A property: a JUnit test method taking a {@link Check}, which it uses once to state
 * {@code check.forAll(generators..., body)}. The engine searches for a counterexample.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(PropertyExtension.class)
public @interface Property {

    /** Valid examples to try (scaled by {@code -Ddlmath.tries}). */
    int tries() default 100;

    /** Per-example deadline in milliseconds; 0 takes {@code -Ddlmath.deadline} (default: none). */
    long deadlineMillis() default 0;

    /** Health check: how many rejected inputs per requested try are tolerated. */
    double maxDiscardRatio() default 5.0;

    /** Shrink budget in evaluations. */
    int shrinkSteps() default 5000;
}
