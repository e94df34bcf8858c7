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
        java.util.Objects.requireNonNull(rng, "rng");
        return new Choices() {
            @Override
            public int integer(int lo, int hi) {
                if (lo > hi) {
                    throw new IllegalArgumentException("Choices.integer: need lo <= hi, was lo=" + lo + ", hi=" + hi);
                }
                long width = (long) hi - lo + 1;   // as a long: hi - lo + 1 may overflow an int
                return width <= Integer.MAX_VALUE ? lo + rng.nextInt((int) width) : (int) rng.nextLong(lo, (long) hi + 1);
            }

            @Override
            public double real(double lo, double hi) {
                if (!(lo <= hi) || !Double.isFinite(hi - lo)) {
                    throw new IllegalArgumentException("Choices.real: need finite lo <= hi with a finite width, was lo="
                            + lo + ", hi=" + hi);
                }
                return lo + (hi - lo) * rng.nextDouble();
            }
        };
    }
}
