package dlmath.check;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Connects {@link Property} and {@link Counterexample} methods to JUnit Jupiter: supplies
 * the {@link Check} parameter configured from the annotations and system properties, and
 * fails a property that never called {@code forAll} (a check that cannot fail is a defect).
 */
public final class PropertyExtension implements ParameterResolver, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PropertyExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        return pc.getParameter().getType() == Check.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        Method m = ec.getRequiredTestMethod();
        Class<?> cls = ec.getRequiredTestClass();
        Theorem t = cls.getAnnotation(Theorem.class);
        Check.Info info = t == null
                ? new Check.Info(null, null, null, cls.getSimpleName(), m.getName())
                : new Check.Info(t.id(), t.name(), t.statement(), cls.getSimpleName(), m.getName());
        String key = cls.getName() + "#" + m.getName();
        Settings s = Settings.defaults(key).withDatabase(Config.database());
        Check.Mode mode;
        Property p = m.getAnnotation(Property.class);
        Counterexample c = m.getAnnotation(Counterexample.class);
        if (p != null) {
            mode = Check.Mode.PROVE;
            long deadline = p.deadlineMillis() > 0 ? p.deadlineMillis() : Config.deadlineMillis();
            s = s.withTries(scaled(p.tries())).withDeadlineMillis(deadline).withMaxDiscardRatio(p.maxDiscardRatio())
                    .withShrinkBudget(p.shrinkSteps(), Config.shrinkMillis());
        } else if (c != null) {
            mode = Check.Mode.REFUTE;
            s = s.withTries(scaled(c.tries())).withMaxDiscardRatio(c.maxDiscardRatio()).withDatabase(null)
                    .withShrinkBudget(c.shrinkSteps(), Config.shrinkMillis());
        } else {
            throw new IllegalStateException(m + " takes a Check but is neither @Property nor @Counterexample");
        }
        Check check = new Check(s, mode, info);
        if (c != null) {
            check.expecting(c.expects());
        }
        ec.getStore(NS).put("check", check);
        return check;
    }

    private static int scaled(int tries) {
        return (int) Math.max(1, Math.round(tries * Config.triesScale()));
    }

    @Override
    public void afterTestExecution(ExtensionContext ec) {
        if (ec.getExecutionException().isPresent()) {
            return;
        }
        Check check = ec.getStore(NS).get("check", Check.class);
        if (check == null) {
            throw new IllegalStateException(ec.getRequiredTestMethod().getName()
                    + " is a @Property but takes no Check parameter; use check.forAll(...)");
        }
        if (check.results().isEmpty()) {
            throw new IllegalStateException(ec.getRequiredTestMethod().getName()
                    + " never called check.forAll(...): a property that states nothing cannot fail");
        }
    }
}
