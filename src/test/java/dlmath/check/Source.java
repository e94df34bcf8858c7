package dlmath.check;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The recorded stream of bounded choices that every generator draws from
 * (the choice-sequence design of Hypothesis, MacIver &amp; Donaldson, ECOOP 2020).
 *
 * <p>A choice is a long in {@code [0, max]}; by convention choice 0 is the simplest
 * value a generator can produce. A source either draws fresh choices from a seeded
 * random stream (generation) or replays a given prefix (shrinking, replay); once the
 * prefix runs out it continues with 0, the simplest choice, so every prefix is a
 * valid input. Shrinking edits this stream, never the generated value, so any
 * generator (after {@code map}, {@code flatMap}, {@code filter}) shrinks for free
 * and every shrunk value is a value the generator can produce.
 *
 * <p>Generators also mark spans (the choices one sub-generator consumed), which the
 * shrinker uses to delete or zero whole structures at once (a list element, a row).
 */
public final class Source {

    /** Hard limit on the number of choices in one example; beyond it the example is invalid. */
    static final int MAX_CHOICES = 50_000;
    /** Hard limit on nested draws (generators inside generators); beyond it the example is invalid. */
    static final int MAX_DEPTH = 400;
    /** Inside a recursion ({@link Gens#lazy}), past this many choices generation is steered to leaves. */
    static final int RECURSION_SIZE = 2_000;

    /**
     * A span of choices {@code [start, end)} drawn by one generator at nesting {@code depth};
     * {@code label} is the generator itself (for {@link #draw}) or a string naming a structure
     * ("element" of a list, a double's magnitude). Spans with the same label are drawn by the same
     * generator, so one may replace another (the shrinker's pass to a descendant).
     */
    record Span(int start, int end, int depth, Object label) {
        int length() {
            return end - start;
        }
    }

    private final long[] prefix;
    private final SplittableRandom random; // null: replay only, zeros after the prefix
    private final double edgeBias;
    private final double sizeScale;
    private long[] values = new long[64];
    private long[] maxima = new long[64];
    private int size;
    private final List<Span> spans = new ArrayList<>();
    private final List<int[]> open = new ArrayList<>();
    private final List<Object> spanLabels = new ArrayList<>();
    private int drawDepth;
    private int recursionDepth;

    private Source(long[] prefix, SplittableRandom random, double edgeBias, double sizeScale) {
        this.prefix = prefix;
        this.random = random;
        this.edgeBias = edgeBias;
        this.sizeScale = sizeScale;
    }

    /**
     * A generating source. A fresh {@link #choice} is an edge choice (0, 1, 2, top-1, top) with
     * probability {@code edgeBias}; otherwise, for ranges above 16, a third of the time size-biased
     * (a bit width uniform in [1, bits(top)], then a value below 2^width) and else uniform.
     *
     * @param edgeBias  probability that a fresh choice is an edge choice (0, 1, 2, max-1, max)
     * @param sizeScale in (0, 1]: scales expected collection sizes (small early, full later)
     */
    static Source generating(SplittableRandom random, double edgeBias, double sizeScale) {
        return new Source(new long[0], random, edgeBias, sizeScale);
    }

    /** A source that replays {@code prefix} and then draws zeros (the simplest choices). */
    static Source replaying(long[] prefix) {
        return new Source(prefix.clone(), null, 0, 1);
    }

    /** A source that replays {@code prefix} and then draws fresh random choices. */
    static Source extending(long[] prefix, SplittableRandom random, double edgeBias, double sizeScale) {
        return new Source(prefix.clone(), random, edgeBias, sizeScale);
    }

    /** Draws a choice in {@code [0, max]}. */
    public long choice(long max) {
        return choice(max, max);
    }

    /**
     * Draws a choice in {@code [0, max]}; fresh choices are drawn from {@code [0, cap]} only
     * (used for sizes that grow over the tries), replayed ones may use the whole range.
     */
    public long choice(long max, long cap) {
        if (max < 0) {
            throw new IllegalArgumentException("choice: max must be >= 0, was " + max);
        }
        int i = size;
        long v;
        if (i < prefix.length) {
            v = Math.min(Math.max(prefix[i], 0), max);
        } else if (random == null) {
            v = 0;
        } else {
            long top = Math.max(0, Math.min(cap, max));
            double u = top > 0 ? random.nextDouble() : 1;
            if (u < edgeBias) {
                long[] edges = {0, 1, 2, top - 1, top};
                v = Math.min(Math.max(edges[random.nextInt(edges.length)], 0), top);
            } else if (top > 16 && u < edgeBias + (1 - edgeBias) / 3) {
                // size-biased: a bit width uniform in [1, bits(top)], then a value of that width,
                // so that moderate values (5..20 of a range of millions) come up often
                int width = 1 + random.nextInt(64 - Long.numberOfLeadingZeros(top));
                long limit = width >= 63 ? top : Math.min(top, (1L << width) - 1);
                v = limit == Long.MAX_VALUE ? random.nextLong() & Long.MAX_VALUE : random.nextLong(limit + 1);
            } else {
                v = top == Long.MAX_VALUE ? random.nextLong() & Long.MAX_VALUE : random.nextLong(top + 1);
            }
        }
        record(v, max);
        return v;
    }

    /**
     * Records a choice in {@code [0, max]} whose fresh value the caller computed itself
     * ({@code proposal}, from {@link #random()}); when replaying, the recorded value is used.
     * This lets a generator draw from any distribution while its choices keep their
     * simplicity order (see {@link DoubleGen}).
     */
    public long choose(long max, long proposal) {
        int i = size;
        long v = i < prefix.length ? prefix[i] : (random == null ? 0 : proposal);
        v = Math.min(Math.max(v, 0), max);
        record(v, max);
        return v;
    }

    /** The random stream for fresh choices, or null when replaying (use with {@link #choose}). */
    public SplittableRandom random() {
        return isGenerating() ? random : null;
    }

    /** Probability with which generators should pick edge values (high in early tries). */
    public double edgeBias() {
        return edgeBias;
    }

    /** Draws a boolean that is {@code true} with probability {@code p} when generating; false is simpler. */
    public boolean weighted(double p) {
        int i = size;
        long v;
        if (i < prefix.length) {
            v = Math.min(Math.max(prefix[i], 0), 1);
        } else if (random == null) {
            v = 0;
        } else {
            v = random.nextDouble() < p ? 1 : 0;
        }
        record(v, 1);
        return v == 1;
    }

    private void record(long v, long max) {
        if (size >= MAX_CHOICES) {
            throw new Invalid("example exceeds " + MAX_CHOICES + " choices", true);
        }
        if (size == values.length) {
            values = java.util.Arrays.copyOf(values, 2 * size);
            maxima = java.util.Arrays.copyOf(maxima, 2 * size);
        }
        values[size] = v;
        maxima[size] = max;
        size++;
    }

    /** Scale in (0, 1] for expected sizes: small in early tries. */
    public double sizeScale() {
        return sizeScale;
    }

    /** Whether this source is generating fresh choices (as opposed to replaying a shrink candidate). */
    boolean isGenerating() {
        return random != null && size >= prefix.length;
    }

    /**
     * Whether fresh choices should be steered to the simplest alternative: inside a recursion
     * ({@link Gens#lazy}) deeper than a budget growing with {@link #sizeScale()} (3 to 12 levels),
     * or once the example has {@link #RECURSION_SIZE} choices. {@link Gens#oneOf} and
     * {@link Gens#frequency} then take their first alternative and lists stop at their minimum
     * size, so a recursive generator whose first alternative is a leaf always finishes. Replayed
     * choices are never steered, so replay and shrinking are unaffected.
     */
    boolean steering() {
        return recursionDepth > 0 && isGenerating()
                && (recursionDepth > 3 + Math.round(9 * sizeScale) || size > RECURSION_SIZE);
    }

    void enterRecursion() {
        recursionDepth++;
    }

    void exitRecursion() {
        recursionDepth--;
    }

    void startSpan(Object label) {
        open.add(new int[] {size, open.size()});
        spanLabels.add(label);
    }

    void endSpan() {
        int[] s = open.remove(open.size() - 1);
        Object label = spanLabels.remove(spanLabels.size() - 1);
        if (size > s[0]) {
            spans.add(new Span(s[0], size, s[1], label));
        }
    }

    /**
     * Draws a value from {@code gen}, recording the span of choices it used. Nesting deeper than
     * {@link #MAX_DEPTH} draws makes the example invalid (a generator that never finishes), so a
     * runaway recursion ends in the health check, not in a StackOverflowError.
     */
    public <T> T draw(Gen<T> gen) {
        if (drawDepth >= MAX_DEPTH) {
            throw new Invalid("generation nested deeper than " + MAX_DEPTH + " draws", true);
        }
        drawDepth++;
        startSpan(gen);
        try {
            return gen.generate(this);
        } finally {
            endSpan();
            drawDepth--;
        }
    }

    /** The choices drawn so far. */
    long[] choices() {
        return java.util.Arrays.copyOf(values, size);
    }

    long[] maxima() {
        return java.util.Arrays.copyOf(maxima, size);
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Thrown when an example cannot be generated (filter exhausted, too many choices, too deep). */
    static final class Invalid extends RuntimeException {
        /** Whether a generation budget (depth, choices) was exceeded, rather than a filter. */
        final boolean budget;

        Invalid(String why) {
            this(why, false);
        }

        Invalid(String why, boolean budget) {
            super(why, null, false, false);
            this.budget = budget;
        }
    }
}
