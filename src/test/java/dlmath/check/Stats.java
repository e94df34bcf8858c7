package dlmath.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Statistics of one property over its valid tries: labels, collected values, coverage, target scores. */
public final class Stats {

    /** What one try recorded through {@link Check}. */
    static final class Try {
        final List<String> labels = new ArrayList<>();
        final List<String> collected = new ArrayList<>();
        final Map<String, Boolean> cover = new LinkedHashMap<>();
        final Map<String, Double> coverPercent = new LinkedHashMap<>();
        final Map<String, Double> scores = new LinkedHashMap<>();
        final Map<String, String> notes = new LinkedHashMap<>();
        /** Hypothesis violations confirmed by {@link Check#confirm}; {@code unconfirmed} if one did not hold. */
        final List<String> confirmed = new ArrayList<>();
        boolean unconfirmed;
        /** What this try drew through {@link Check#plot}, by title. */
        final Map<String, Plot> plots = new LinkedHashMap<>();

        boolean confirmedViolation() {
            return !confirmed.isEmpty() && !unconfirmed;
        }
    }

    private int tries;
    private int climbed;
    private final Map<String, Integer> labels = new TreeMap<>();
    private final Map<String, Integer> collected = new TreeMap<>();
    private final Map<String, Integer> coverHits = new LinkedHashMap<>();
    private final Map<String, Double> coverRequired = new LinkedHashMap<>();
    private final Map<String, Double> bestScores = new LinkedHashMap<>();
    private final Map<String, Figure> figures = new LinkedHashMap<>();

    void add(Try t, boolean random) {
        t.scores.forEach((label, score) -> bestScores.merge(label, score, Math::max));
        if (!random) {
            climbed++;
            return;
        }
        tries++;
        t.plots.forEach((title, plot) -> figures.computeIfAbsent(title, Figure::new).add(plot));
        for (String l : t.labels) {
            labels.merge(l, 1, Integer::sum);
        }
        for (String c : t.collected) {
            collected.merge(c, 1, Integer::sum);
        }
        t.cover.forEach((label, hit) -> {
            coverHits.merge(label, hit ? 1 : 0, Integer::sum);
            coverRequired.merge(label, t.coverPercent.get(label), Math::max);
        });
    }

    /** Random (not hill-climbing) tries: the base of labels, collected values and coverage. */
    public int tries() {
        return tries;
    }

    public Map<String, Integer> labels() {
        return Map.copyOf(labels);
    }

    public Map<String, Integer> collected() {
        return Map.copyOf(collected);
    }

    /** Best score seen per target label. */
    public Map<String, Double> bestScores() {
        return Map.copyOf(bestScores);
    }

    /** Coverage per label: {hits over the random tries, required percent}. */
    public Map<String, double[]> coverage() {
        Map<String, double[]> out = new LinkedHashMap<>();
        coverHits.forEach((label, hits) -> out.put(label, new double[] {hits, coverRequired.get(label)}));
        return out;
    }

    /** The figures drawn through {@link Check#plot}, by title, in the order first drawn. */
    public Map<String, Figure> figures() {
        return java.util.Collections.unmodifiableMap(figures);
    }

    boolean isEmpty() {
        return labels.isEmpty() && collected.isEmpty() && coverHits.isEmpty() && bestScores.isEmpty();
    }

    /** Coverage requirements that were not met, as readable lines; empty when all are met. */
    List<String> coverageFailures() {
        List<String> out = new ArrayList<>();
        coverHits.forEach((label, hits) -> {
            double pct = 100.0 * hits / Math.max(1, tries);
            double req = coverRequired.get(label);
            if (pct < req) {
                out.add(String.format("cover: '%s' in %.1f%% of %d tries (%d), required at least %.1f%%",
                        label, pct, tries, hits, req));
            }
        });
        return out;
    }

    /** A compact multi-line summary. */
    String render() {
        StringBuilder sb = new StringBuilder();
        if (climbed > 0 && !(labels.isEmpty() && collected.isEmpty() && coverHits.isEmpty())) {
            sb.append("\n  (labels and coverage over the ").append(tries).append(" random tries; ").append(climbed)
                    .append(" more were spent hill-climbing)");
        }
        if (!labels.isEmpty()) {
            sb.append("\n  labels:");
            labels.forEach((l, n) -> sb.append(String.format("%n    %5.1f%%  %s", 100.0 * n / Math.max(1, tries), l)));
        }
        if (!collected.isEmpty()) {
            sb.append("\n  collected:");
            collected.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12).forEach(e ->
                    sb.append(String.format("%n    %5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, tries), e.getKey())));
            if (collected.size() > 12) {
                sb.append("\n    ... ").append(collected.size() - 12).append(" more values");
            }
        }
        if (!coverHits.isEmpty()) {
            sb.append("\n  coverage:");
            coverHits.forEach((l, n) -> sb.append(String.format("%n    %5.1f%%  %s (required %.1f%%)",
                    100.0 * n / Math.max(1, tries), l, coverRequired.get(l))));
        }
        if (!bestScores.isEmpty()) {
            sb.append("\n  target (best score found):");
            bestScores.forEach((l, v) -> sb.append("\n    ").append(l).append(" = ").append(Pretty.number(v)));
        }
        return sb.toString();
    }
}
