package dlmath.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a theorem class. Every theorem is tagged {@code theorem} (so
 * {@code -Dgroups=theorem} runs the catalog); the class also carries a
 * {@code @Tag("<chapter>")} equal to its package's last segment, which the catalog
 * test checks, so {@code -Dgroups=<chapter>} runs one chapter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("theorem")
public @interface Theorem {

    /** The catalog id, e.g. {@code PI-01}. */
    String id();

    /** The theorem's name, e.g. {@code Gibbs' inequality}. */
    String name();

    /** The statement in one line of plain text, e.g. {@code KL(P||Q) >= 0, with equality iff P = Q}. */
    String statement();
}
