package dlmath.optim;

/** A learning rate as a function of the step count t = 1, 2, ... (optax's schedules). */
@FunctionalInterface
public interface Schedule {

    /**
     * The learning rate of step {@code t}.
     *
     * @param t the step, from 1
     * @return the rate, finite and &gt;= 0
     */
    double at(long t);
}
