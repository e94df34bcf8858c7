package dlmath.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shrinks a failing choice stream toward the shortlex-smallest stream that still fails
 * the same way: shorter first, then smaller choices. Passes run to a fixpoint: replace a
 * span by a descendant drawn by the same generator, delete spans, delete chunks, zero
 * spans, minimize single choices (binary search toward 0), round doubles, lower pairs of
 * choices together, and reorder sibling spans; when these are stuck, the moves that change
 * two things at once: lower a count and delete a span it counted, delete a list element and
 * lower the indices after it, and redistribute magnitude between two choices. A budget of
 * evaluations and wall time bounds the work; the best example found so far is kept.
 */
final class Shrinker {

    /** The result of running the property on a candidate stream. */
    record Attempt(boolean interesting, long[] choices, List<Source.Span> spans) {
    }

    /** Runs the property on a candidate stream. */
    interface Oracle {
        Attempt run(long[] candidate);
    }

    private final Oracle oracle;
    private final int maxSteps;
    private final long deadlineNanos;
    private final Set<String> seen = new HashSet<>();
    private Attempt best;
    private int steps;
    private int improvements;

    Shrinker(Oracle oracle, Attempt initial, int maxSteps, long maxMillis) {
        this.oracle = oracle;
        this.best = initial;
        this.maxSteps = maxSteps;
        this.deadlineNanos = System.nanoTime() + maxMillis * 1_000_000L;
    }

    /** Shortlex order on choice streams: shorter is smaller, then lexicographic. */
    static int shortlex(long[] a, long[] b) {
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        return Arrays.compare(a, b);
    }

    Attempt shrink() {
        boolean changed = true;
        while (changed && !exhausted()) {
            long[] before = best.choices();
            passToDescendants();
            deleteSpans();
            deleteChunks();
            zeroSpans();
            minimizeChoices();
            roundDoubles();
            lowerPairs();
            reorderSpans();
            changed = shortlex(best.choices(), before) < 0;
            if (!changed && !exhausted()) { // stuck: the moves that change two things at once
                lowerAndDelete();
                deleteAndAdjust();
                redistribute();
                changed = shortlex(best.choices(), before) < 0;
            }
        }
        return best;
    }

    int steps() {
        return steps;
    }

    int improvements() {
        return improvements;
    }

    boolean exhausted() {
        return steps >= maxSteps || System.nanoTime() > deadlineNanos;
    }

    /** Runs {@code candidate}; adopts it if it fails the same way and is shortlex-smaller. */
    private boolean consider(long[] candidate) {
        if (exhausted() || shortlex(candidate, best.choices()) >= 0) {
            return false;
        }
        if (!seen.add(Arrays.toString(candidate))) {
            return false;
        }
        steps++;
        Attempt a = oracle.run(candidate);
        if (a.interesting() && shortlex(a.choices(), best.choices()) < 0) {
            best = a;
            improvements++;
            return true;
        }
        return false;
    }

    private void deleteSpans() {
        List<Source.Span> spans = new ArrayList<>(best.spans());
        spans.sort(Comparator.comparingInt(Source.Span::length).reversed());
        for (int i = 0; i < spans.size() && !exhausted(); i++) {
            Source.Span sp = spans.get(i);
            long[] c = best.choices();
            if (sp.end() > c.length) {
                continue;
            }
            if (consider(remove(c, sp.start(), sp.end()))) {
                spans = new ArrayList<>(best.spans());
                spans.sort(Comparator.comparingInt(Source.Span::length).reversed());
                i = -1;
            }
        }
    }

    /**
     * Replaces a span by a shorter span nested in it and drawn by the same generator (a subtree by
     * one of its subtrees; Hypothesis's "pass to descendant"): {@code (+ (+ 0 0) 1)} becomes
     * {@code (+ 0 0)} or {@code 1} in one step, which no deletion of a contiguous chunk reaches.
     */
    private void passToDescendants() {
        boolean restart = true;
        while (restart && !exhausted()) {
            restart = false;
            Map<Object, List<Source.Span>> byGenerator = new IdentityHashMap<>();
            for (Source.Span sp : best.spans()) {
                if (!(sp.label() instanceof String)) {
                    byGenerator.computeIfAbsent(sp.label(), k -> new ArrayList<>()).add(sp);
                }
            }
            outer:
            for (List<Source.Span> group : byGenerator.values()) {
                if (group.size() < 2) {
                    continue;
                }
                group.sort(Comparator.comparingInt(Source.Span::start).thenComparing(Source.Span::end,
                        Comparator.reverseOrder()));
                for (int a = 0; a < group.size() && !exhausted(); a++) {
                    Source.Span outerSpan = group.get(a);
                    for (int b = a + 1; b < group.size() && group.get(b).start() < outerSpan.end(); b++) {
                        Source.Span inner = group.get(b);
                        long[] c = best.choices();
                        if (inner.end() > outerSpan.end() || inner.length() == outerSpan.length()
                                || outerSpan.end() > c.length) {
                            continue;
                        }
                        long[] candidate = new long[c.length - outerSpan.length() + inner.length()];
                        System.arraycopy(c, 0, candidate, 0, outerSpan.start());
                        System.arraycopy(c, inner.start(), candidate, outerSpan.start(), inner.length());
                        System.arraycopy(c, outerSpan.end(), candidate, outerSpan.start() + inner.length(),
                                c.length - outerSpan.end());
                        if (consider(candidate)) {
                            restart = true;
                            break outer;
                        }
                    }
                }
            }
        }
    }

    private void deleteChunks() {
        for (int k : new int[] {8, 4, 2, 1}) {
            for (int i = best.choices().length - k; i >= 0 && !exhausted(); i--) {
                long[] c = best.choices();
                if (i + k <= c.length) {
                    consider(remove(c, i, i + k));
                }
            }
        }
    }

    private void zeroSpans() {
        List<Source.Span> spans = new ArrayList<>(best.spans());
        spans.sort(Comparator.comparingInt(Source.Span::length).reversed());
        for (Source.Span sp : spans) {
            if (exhausted()) {
                return;
            }
            long[] c = best.choices().clone();
            if (sp.end() > c.length) {
                continue;
            }
            boolean allZero = true;
            for (int j = sp.start(); j < sp.end(); j++) {
                allZero &= c[j] == 0;
                c[j] = 0;
            }
            if (!allZero) {
                consider(c);
            }
        }
    }

    /** For each choice: try 0 and 1, then binary search for the smallest value that still fails. */
    private void minimizeChoices() {
        for (int i = 0; i < best.choices().length && !exhausted(); i++) {
            long v = best.choices()[i];
            if (v == 0 || consider(with(best.choices(), i, 0))) {
                continue;
            }
            if (v == 1 || consider(with(best.choices(), i, 1))) {
                continue;
            }
            long lo = 1; // does not fail
            long hi = v; // fails
            while (lo + 1 < hi && !exhausted() && i < best.choices().length) {
                long mid = lo + (hi - lo) / 2;
                if (consider(with(best.choices(), i, mid))) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
        }
    }

    /**
     * For each double magnitude choice (a span labelled {@link DoubleGen#MAGNITUDE}) that is
     * not yet an integer: try the encodings of its floor and ceiling, then of its roundings to
     * 1, 2, ..., 10 binary places. Binary search alone stops at the exact threshold of a
     * failure (x = -2.8267...); this finds the readable value beside it (x = -3).
     */
    private void roundDoubles() {
        for (Source.Span sp : best.spans()) {
            if (exhausted()) {
                return;
            }
            if (!DoubleGen.MAGNITUDE.equals(sp.label()) || sp.length() != 1 || sp.start() >= best.choices().length) {
                continue;
            }
            int i = sp.start();
            long l = best.choices()[i];
            if (l <= DoubleGen.INT_LIMIT) {
                continue;
            }
            double m = DoubleGen.decode(l);
            if (consider(with(best.choices(), i, DoubleGen.encode(Math.floor(m))))
                    || consider(with(best.choices(), i, DoubleGen.encode(Math.ceil(m))))) {
                continue;
            }
            for (int bits = 1; bits <= 10; bits++) {
                double scale = Math.scalb(1.0, bits);
                if (consider(with(best.choices(), i, DoubleGen.encode(Math.floor(m * scale) / scale)))
                        || consider(with(best.choices(), i, DoubleGen.encode(Math.ceil(m * scale) / scale)))) {
                    break;
                }
            }
        }
    }

    /** Lowers two nearby choices by the same amount (largest amount found by binary search). */
    private void lowerPairs() {
        for (int i = 0; i < best.choices().length && !exhausted(); i++) {
            for (int j = i + 1; j < Math.min(best.choices().length, i + 8) && !exhausted(); j++) {
                long[] c = best.choices();
                long d = Math.min(c[i], c[j]);
                if (d == 0 || consider(lowered(c, i, j, d))) {
                    continue;
                }
                long lo = 0; // lowering by lo keeps the failure (trivially for 0)
                long hi = d; // lowering by hi does not
                while (lo + 1 < hi && !exhausted()) {
                    long mid = lo + (hi - lo) / 2;
                    if (consider(lowered(c, i, j, mid))) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
            }
        }
    }

    /**
     * The last resort when the other passes are stuck: lowers a small choice (a size, a
     * count) by one and deletes one later span (the row or element it counted), so that the
     * rest of the stream stays aligned. A 3x4 counterexample whose rows are spans becomes 2x4.
     */
    private void lowerAndDelete() {
        for (int i = 0; i < best.choices().length && !exhausted(); i++) {
            long v = best.choices()[i];
            if (v == 0 || v > 32) {
                continue;
            }
            int from = i;
            List<Source.Span> later = best.spans().stream().filter(sp -> sp.start() > from)
                    .sorted(Comparator.comparingInt(Source.Span::start)).limit(32).toList();
            for (Source.Span sp : later) {
                long[] c = best.choices();
                if (exhausted() || sp.end() > c.length || i >= c.length || c[i] != v) {
                    break;
                }
                if (consider(remove(with(c, i, v - 1), sp.start(), sp.end()))) {
                    break;
                }
            }
        }
    }

    /**
     * Moves magnitude from a choice to a later one within 8 positions, {@code (c_i - k, c_j + k)}
     * with the largest {@code k} found by binary search (first over even {@code k}, which keeps the
     * sign of two zigzag-coded integers, then over all): keeps a sum-like quantity while the
     * earlier choice gets simpler. Two double magnitudes trade only when both are integers
     * ({@code [[3.0, 7.0]]} with sum >= 10 becomes {@code [[0.0, 10.0]]}). Two lists whose sums together overflow end as {@code [-1]} and
     * {@code [-32768]}, not as two arbitrary values summing to the threshold; an n x n matrix with
     * n m_00 >= 5 trades its size for its entry and ends as {@code [[5]]}.
     */
    private void redistribute() {
        Set<Integer> magnitudes = new HashSet<>();
        for (Source.Span sp : best.spans()) {
            if (DoubleGen.MAGNITUDE.equals(sp.label())) {
                magnitudes.add(sp.start());
            }
        }
        for (int i = 0; i < best.choices().length && !exhausted(); i++) {
            for (int j = i + 1; j < Math.min(best.choices().length, i + 9) && !exhausted(); j++) {
                long[] c = best.choices();
                boolean doubles = magnitudes.contains(i) && magnitudes.contains(j);
                if (c[i] == 0 || (!doubles && (magnitudes.contains(i) || magnitudes.contains(j)))
                        || (doubles && (c[i] > DoubleGen.INT_LIMIT || c[j] > DoubleGen.INT_LIMIT))) {
                    continue; // a double's magnitude trades only with another integer-valued magnitude
                }
                for (long step : doubles ? new long[] {1} : new long[] {2, 1}) {
                    long top = c[i] / step; // units of step that can move
                    if (top == 0 || consider(moved(c, i, j, top * step))) {
                        break;
                    }
                    if (top == 1 || !consider(moved(c, i, j, step))) {
                        continue;
                    }
                    long lo = 1; // moving lo * step keeps the failure
                    long hi = top; // moving hi * step does not
                    while (lo + 1 < hi && !exhausted()) {
                        long mid = lo + (hi - lo) / 2;
                        if (consider(moved(c, i, j, mid * step))) {
                            lo = mid;
                        } else {
                            hi = mid;
                        }
                    }
                    break;
                }
                if (best.choices() == c && c[i] <= 32 && j <= i + 2) {
                    zeroAndRaise(c, i, j);
                }
            }
        }
    }

    /**
     * Zeroes a small choice (a size, a count) and raises one of the next two to the smallest value
     * that keeps the failure (exponential then binary search, at most 2^20 up): an n x n matrix
     * failing when n m_00 >= 5 goes from 3x3 with m_00 = 2 to 1x1 with m_00 = 5, a trade no
     * sum-keeping move makes.
     */
    private void zeroAndRaise(long[] c, int i, int j) {
        long lo = 0; // raising by lo does not keep the failure (known for 0: the zeroing alone was tried)
        long hi = 1;
        while (!exhausted() && hi <= (1 << 20) && !consider(raised(c, i, j, hi))) {
            lo = hi;
            hi *= 2;
        }
        if (best.choices() == c || exhausted()) {
            return; // no raise up to 2^20 keeps it
        }
        while (lo + 1 < hi && !exhausted()) {
            long mid = lo + (hi - lo) / 2;
            if (consider(raised(c, i, j, mid))) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
    }

    private static long[] raised(long[] c, int i, int j, long k) {
        long[] out = c.clone();
        out[i] = 0;
        out[j] = out[j] + k < out[j] ? Long.MAX_VALUE : out[j] + k;
        return out;
    }

    /**
     * Deletes one list element and lowers by one every other choice above its position in the
     * list (the choices that may index elements after it), sparing the list's "one more" coins
     * and double magnitudes; a second candidate lowers only later choices. Index-valued lists
     * then shrink to their minimal form: {@code [0, 0, 5, 0, 0, 2]}, whose entries 2 and 5 point
     * at each other, becomes {@code [1, 0]}.
     */
    private void deleteAndAdjust() {
        for (int e = 0; !exhausted(); e++) {
            List<Source.Span> elements = best.spans().stream().filter(sp -> "element".equals(sp.label())).toList();
            if (e >= elements.size()) {
                return;
            }
            Source.Span sp = elements.get(e);
            long[] c = best.choices();
            if (sp.end() > c.length) {
                continue;
            }
            int position = 0; // the element's index in its list: its chain of adjacent sibling elements
            for (int start = sp.start(); ; position++) {
                int end = start;
                Source.Span previous = elements.stream().filter(o -> o.end() == end && o.depth() == sp.depth())
                        .findFirst().orElse(null);
                if (previous == null) {
                    break;
                }
                start = previous.start();
            }
            Set<Integer> spared = new HashSet<>();
            for (Source.Span o : best.spans()) {
                if ("element".equals(o.label())) {
                    spared.add(o.start()); // the coin
                } else if (DoubleGen.MAGNITUDE.equals(o.label())) {
                    spared.add(o.start());
                }
            }
            for (boolean laterOnly : new boolean[] {false, true}) {
                long[] candidate = c.clone();
                boolean lowered = false;
                for (int k = laterOnly ? sp.end() : 0; k < c.length; k++) {
                    if ((k < sp.start() || k >= sp.end()) && !spared.contains(k) && c[k] > position) {
                        candidate[k]--;
                        lowered = true;
                    }
                }
                if (lowered && consider(remove(candidate, sp.start(), sp.end()))) {
                    e = -1; // the spans changed: start over
                    break;
                }
            }
        }
    }

    /** Swaps adjacent sibling spans of equal length when that makes the stream smaller. */
    private void reorderSpans() {
        List<Source.Span> spans = best.spans();
        for (int a = 0; a < spans.size() && !exhausted(); a++) {
            for (int b = 0; b < spans.size(); b++) {
                Source.Span x = spans.get(a);
                Source.Span y = spans.get(b);
                if (x.end() != y.start() || x.depth() != y.depth() || x.length() != y.length()) {
                    continue;
                }
                long[] c = best.choices();
                if (y.end() > c.length) {
                    continue;
                }
                long[] swapped = c.clone();
                System.arraycopy(c, y.start(), swapped, x.start(), y.length());
                System.arraycopy(c, x.start(), swapped, x.start() + y.length(), x.length());
                if (consider(swapped)) {
                    spans = best.spans();
                }
            }
        }
    }

    private static long[] remove(long[] c, int from, int to) {
        long[] out = new long[c.length - (to - from)];
        System.arraycopy(c, 0, out, 0, from);
        System.arraycopy(c, to, out, from, c.length - to);
        return out;
    }

    private static long[] with(long[] c, int i, long v) {
        long[] out = c.clone();
        out[i] = v;
        return out;
    }

    private static long[] moved(long[] c, int i, int j, long k) {
        long[] out = c.clone();
        out[i] -= k;
        out[j] = out[j] + k < out[j] ? Long.MAX_VALUE : out[j] + k; // the source clamps to the choice's max
        return out;
    }

    private static long[] lowered(long[] c, int i, int j, long d) {
        long[] out = c.clone();
        out[i] -= d;
        out[j] -= d;
        return out;
    }
}
