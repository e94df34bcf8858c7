package dlmath.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Basic generators. Each maps choice 0 to its simplest value, so shrinking moves
 * integers toward 0 (positive before negative), lists toward short lists, and
 * {@link #oneOf} toward its first alternative.
 */
public final class Gens {

    private Gens() {
    }

    /** Always {@code value}; consumes no choices. */
    public static <T> Gen<T> constant(T value) {
        return s -> value;
    }

    /**
     * A choice in [0, max] drawn uniformly when fresh (no edge bias: for picking among
     * alternatives, the first and last are not more interesting than the others).
     */
    static long uniform(Source s, long max) {
        java.util.SplittableRandom rng = s.random();
        return s.choose(max, rng == null ? 0 : rng.nextLong(max + 1));
    }

    /** Like {@link #uniform}, but the first alternative once the source steers to leaves ({@link Source#steering}). */
    private static long alternative(Source s, long max) {
        java.util.SplittableRandom rng = s.random();
        return s.choose(max, rng == null || s.steering() ? 0 : rng.nextLong(max + 1));
    }

    /** Booleans; false is simpler. */
    public static Gen<Boolean> booleans() {
        return s -> s.choice(1) == 1;
    }

    /** Integers in {@code [min, max]}, shrinking toward the value nearest to 0. */
    public static Gen<Integer> integers(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    /** Longs in {@code [min, max]}, shrinking toward the value nearest to 0, positive before negative. */
    public static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("longs: min " + min + " > max " + max);
        }
        long target = Math.max(min, Math.min(max, 0));
        long up = max - target;   // values above the target
        long down = target - min; // values below the target
        if (up < 0 || down < 0) {  // overflow: ranges wider than Long.MAX_VALUE
            throw new IllegalArgumentException("longs: range [" + min + ", " + max + "] is too wide");
        }
        long total = up + down;
        if (total < 0) {
            throw new IllegalArgumentException("longs: range [" + min + ", " + max + "] is too wide");
        }
        return s -> target + zigzag(s.choice(total), up, down);
    }

    /**
     * The offset from the shrink target of the {@code c}-th simplest value:
     * 0, +1, -1, +2, -2, ... while both sides have room, then the longer side in order.
     */
    static long zigzag(long c, long up, long down) {
        if (c == 0) {
            return 0;
        }
        long both = Math.min(up, down);
        if (c <= 2 * both) {
            long k = (c + 1) / 2;
            return (c % 2 == 1) ? k : -k;
        }
        long k = c - both; // position on the longer side
        return up > down ? k : -k;
    }

    /** Doubles in {@code [min, max]}; see {@link DoubleGen} for options and shrinking. */
    public static DoubleGen doubles(double min, double max) {
        return new DoubleGen(min, max);
    }

    /** Standard normal doubles (exactly distributed when generated), shrinking toward 0 and small integers. */
    public static Gen<Double> standardNormals() {
        return DoubleGen.standardNormal();
    }

    /** One element of {@code options}, shrinking toward the first. */
    @SafeVarargs
    public static <T> Gen<T> elements(T... options) {
        return elements(Arrays.asList(options));
    }

    /** One element of {@code options}, shrinking toward the first. */
    public static <T> Gen<T> elements(List<T> options) {
        if (options.isEmpty()) {
            throw new IllegalArgumentException("elements: no options");
        }
        List<T> copy = List.copyOf(options);
        return s -> copy.get((int) uniform(s, copy.size() - 1));
    }

    /**
     * A value from one of {@code gens}, chosen uniformly, shrinking toward the first. In a
     * recursive generator put the leaf first: past the recursion budget it is always chosen.
     */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        if (gens.length == 0) {
            throw new IllegalArgumentException("oneOf: no generators");
        }
        List<Gen<? extends T>> copy = List.of(gens);
        return s -> s.draw(copy.get((int) alternative(s, copy.size() - 1)));
    }

    /** A weighted alternative for {@link #frequency}. */
    public record Weighted<T>(int weight, Gen<? extends T> gen) {
        public Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("frequency: weight must be > 0, was " + weight);
            }
        }
    }

    /** A weighted alternative for {@link #frequency}. */
    public static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** A value from one of the alternatives, chosen with probability proportional to its weight; shrinks toward the first. */
    @SafeVarargs
    public static <T> Gen<T> frequency(Weighted<? extends T>... alternatives) {
        if (alternatives.length == 0) {
            throw new IllegalArgumentException("frequency: no alternatives");
        }
        List<Weighted<? extends T>> copy = List.of(alternatives);
        long total = 0;
        for (Weighted<? extends T> w : copy) {
            total += w.weight();
        }
        long max = total - 1;
        return s -> {
            long c = alternative(s, max);
            for (Weighted<? extends T> w : copy) {
                if (c < w.weight()) {
                    return s.draw(w.gen());
                }
                c -= w.weight();
            }
            throw new AssertionError("unreachable");
        };
    }

    /**
     * Lists with sizes in {@code [min, max]}. Each element after the first {@code min}
     * is preceded by a "one more" coin, so the shrinker shortens a list by deleting an
     * element's span or zeroing a coin. Expected sizes grow with {@link Source#sizeScale()}.
     */
    public static <T> Gen<List<T>> lists(Gen<T> element, int min, int max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("lists: need 0 <= min <= max, was [" + min + ", " + max + "]");
        }
        return s -> {
            List<T> out = new ArrayList<>();
            for (int i = 0; i < min; i++) {
                out.add(s.draw(element));
            }
            double average = min + Math.max(1.0, Math.min(max - min, 25) * s.sizeScale());
            double pMore = 1.0 - 1.0 / (1.0 + (average - min));
            while (out.size() < max) {
                s.startSpan("element");
                try {
                    if (!s.weighted(s.steering() ? 0 : pMore)) {
                        break;
                    }
                    out.add(s.draw(element));
                } finally {
                    s.endSpan();
                }
            }
            return Collections.unmodifiableList(out);
        };
    }

    /** Arrays of doubles with lengths in {@code [min, max]}. */
    public static Gen<double[]> doubleArrays(Gen<Double> element, int min, int max) {
        return lists(element, min, max).map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Sizes in {@code [min, max]} biased toward small values early (shrinks toward min). */
    public static Gen<Integer> sizes(int min, int max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("sizes: need 0 <= min <= max, was [" + min + ", " + max + "]");
        }
        return s -> {
            int span = max - min;
            int cap = (int) Math.max(0, Math.min(span, Math.ceil(span * s.sizeScale())));
            // recorded in the full range, so replay does not depend on the scale
            return min + (int) s.choice(span, cap);
        };
    }

    /** Pairs. */
    public static <A, B> Gen<Tuple2<A, B>> tuples(Gen<A> a, Gen<B> b) {
        return s -> new Tuple2<>(s.draw(a), s.draw(b));
    }

    /** Triples. */
    public static <A, B, C> Gen<Tuple3<A, B, C>> tuples(Gen<A> a, Gen<B> b, Gen<C> c) {
        return s -> new Tuple3<>(s.draw(a), s.draw(b), s.draw(c));
    }

    /** A pair of values. */
    public record Tuple2<A, B>(A first, B second) {
        @Override
        public String toString() {
            return "(" + Pretty.format(first) + ", " + Pretty.format(second) + ")";
        }
    }

    /** A triple of values. */
    public record Tuple3<A, B, C>(A first, B second, C third) {
        @Override
        public String toString() {
            return "(" + Pretty.format(first) + ", " + Pretty.format(second) + ", " + Pretty.format(third) + ")";
        }
    }

    /**
     * A lazily built generator, for recursive structures; the supplier is called once. Each
     * nested draw through it is one level of recursion: past a depth budget (3 levels in the
     * first tries, up to 12 later) or 2000 choices, {@link #oneOf} and {@link #frequency} take
     * their first alternative and lists their minimum size, so a recursive generator whose first
     * alternative is a leaf finishes, e.g. a uniform binary expression tree:
     * <pre>{@code
     * static final Gen<Expr> EXPR = Gens.lazy(() -> Gens.oneOf(
     *         Gens.integers(-10, 10).map(Lit::new),
     *         Gens.tuples(EXPR, EXPR).map(t -> new Add(t.first(), t.second()))));
     * }</pre>
     * A generator that can never finish (its first alternative recurses) nests past
     * {@link Source#MAX_DEPTH} draws on every example and fails the health check, naming it.
     */
    public static <T> Gen<T> lazy(java.util.function.Supplier<Gen<T>> supplier) {
        return new Gen<T>() {
            private Gen<T> gen;

            @Override
            public T generate(Source s) {
                if (gen == null) {
                    gen = supplier.get();
                }
                s.enterRecursion();
                try {
                    return s.draw(gen);
                } finally {
                    s.exitRecursion();
                }
            }
        };
    }

    /** {@code n} values from {@code gen}, as a list of exactly that size. */
    public static <T> Gen<List<T>> listOfSize(Gen<T> gen, int n) {
        return lists(gen, n, n);
    }

    /** Applies {@code f} to values; a convenience for {@code gen.map(f)} in static imports. */
    public static <T, R> Gen<R> map(Gen<T> gen, Function<? super T, ? extends R> f) {
        return gen.map(f);
    }
}
