package dlmath.check;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator: a recipe that turns choices from a {@link Source} into a value.
 * Because the value is a function of the recorded choices, every generator,
 * including those built with {@link #map}, {@link #flatMap} and {@link #filter},
 * shrinks for free.
 *
 * @param <T> the generated type
 */
@FunctionalInterface
public interface Gen<T> {

    /** Produces a value from the choices in {@code source}. Implementations draw sub-values via {@link Source#draw}. */
    T generate(Source source);

    /** Applies {@code f} to each value; shrinking follows the underlying choices. */
    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        Gen<T> self = this;
        return s -> f.apply(s.draw(self));
    }

    /** Uses each value to choose the next generator (e.g. a size, then a matrix of that size). */
    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
        Gen<T> self = this;
        return s -> s.draw(f.apply(s.draw(self)));
    }

    /**
     * Keeps only values satisfying {@code p}, retrying up to 100 times; if all retries
     * fail the example is invalid (and counted by the runner's health check).
     */
    default Gen<T> filter(Predicate<? super T> p) {
        Gen<T> self = this;
        return s -> {
            for (int attempt = 0; attempt < 100; attempt++) {
                T value = s.draw(self);
                if (p.test(value)) {
                    return value;
                }
            }
            throw new Source.Invalid("filter rejected 100 values in a row");
        };
    }

    /** Names the generated argument in failure reports ({@code p = [0.5, 0.5]}). */
    default Gen<T> as(String name) {
        return new Named<>(name, this);
    }

    /** Lists of values from this generator with sizes in {@code [min, max]}. */
    default Gen<List<T>> list(int min, int max) {
        return Gens.lists(this, min, max);
    }

    /** A generator carrying a display name for reports. */
    record Named<T>(String name, Gen<T> gen) implements Gen<T> {
        @Override
        public T generate(Source source) {
            return source.draw(gen);
        }
    }
}
