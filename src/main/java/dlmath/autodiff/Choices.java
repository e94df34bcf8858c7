package dlmath.autodiff;

/**
 * A source of bounded choices from which sample inputs of a primitive are built (see
 * {@link Primitive#sample}). Keeping it abstract lets the same description drive a seeded
 * random generator or a property-based test engine that records and shrinks the choices
 * (simpler choices: integers toward {@code lo}, reals toward 0 or the nearest simple number
 * in the interval).
 */
public interface Choices {

    /**
     * An integer in {@code [lo, hi]}.
     *
     * @param lo the smallest value
     * @param hi the largest value, {@code >= lo}
     * @return the choice
     */
    int integer(int lo, int hi);

    /**
     * A real number in {@code [lo, hi]}.
     *
     * @param lo the lower end
     * @param hi the upper end, {@code >= lo}
     * @return the choice
     */
    double real(double lo, double hi);

    /**
     * Choices from a seeded random generator (uniform integers and reals).
     *
     * @param rng the generator
     * @return the choices
     */
    static Choices random(java.util.random.RandomGenerator rng) {
        return new Choices() {
            @Override
            public int integer(int lo, int hi) {
                return lo + rng.nextInt(hi - lo + 1);
            }

            @Override
            public double real(double lo, double hi) {
                return lo + (hi - lo) * rng.nextDouble();
            }
        };
    }
}
