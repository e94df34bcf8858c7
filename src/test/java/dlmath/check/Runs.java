package dlmath.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each {@code forAll} of a test reported (status, tries, statistics, figures, the failure
 * report and replay lines), kept until {@link TheoremSummaryListener} takes it for the run summary
 * when the test finishes. Keyed by {@code full.class.Name#method}.
 */
final class Runs {

    private static final Map<String, List<Map<String, Object>>> BY_TEST = new ConcurrentHashMap<>();

    private Runs() {
    }

    /** Records one forAll of the test {@code testKey}. */
    static void record(String testKey, Check.Mode mode, Check.Info info, Result r, String report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode == Check.Mode.PROVE ? "property" : "counterexample");
        m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("origin", r.origin());
        m.put("tries", r.tries());
        m.put("rejected", r.rejected());
        m.put("seed", r.seed());
        m.put("shrinkSteps", r.shrinkSteps());
        Stats st = r.stats();
        m.put("randomTries", st.tries());
        m.put("labels", new TreeMap<>(st.labels()));
        Map<String, Object> collected = new LinkedHashMap<>();
        st.collected().entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
                .forEach(e -> collected.put(e.getKey(), e.getValue()));
        m.put("collected", collected);
        m.put("collectedDistinct", st.collected().size());
        List<Object> coverage = new ArrayList<>();
        st.coverage().forEach((label, hr) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("label", label);
            c.put("hits", (long) hr[0]);
            c.put("required", hr[1]);
            coverage.add(c);
        });
        m.put("coverage", coverage);
        m.put("targets", new TreeMap<>(st.bestScores()));
        m.put("report", report);
        m.put("replay", Report.replay(info, r));
        m.put("exactReplay", r.replay() == null ? null : "mvn test -Dtest=" + info.className() + "#" + info.method()
                + " -Ddlmath.db=off -Ddlmath.replay=" + r.replay());
        List<Object> figures = new ArrayList<>();
        st.figures().values().forEach(f -> figures.add(f.toJson()));
        m.put("figures", figures);
        BY_TEST.computeIfAbsent(testKey, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(m);
    }

    /** The records of a finished test, removed from the registry (empty if it ran no forAll). */
    static List<Map<String, Object>> take(String testKey) {
        List<Map<String, Object>> l = BY_TEST.remove(testKey);
        return l == null ? List.of() : new ArrayList<>(l);
    }

    static void clear() {
        BY_TEST.clear();
    }
}
