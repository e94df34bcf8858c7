package dlmath.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * End-of-run summary: a table of theorems verified / falsified per chapter, printed to
 * standard output and written as JSON to {@code -Ddlmath.summary} (Surefire sets
 * {@code target/dlmath-summary.json}): per theorem its status, time and, per test, each
 * {@code forAll}'s tries, discards, seed, labels, coverage, best target scores, failure report,
 * replay lines and figures. From that JSON, {@link TheoremReport} writes the theorem report,
 * one HTML page under {@code -Ddlmath.report} (Surefire: {@code target/theorems/index.html};
 * {@code off} disables it), also when theorems failed. Figures are drawn in a background thread
 * as their tests finish, so only the last ones and the page itself are on the critical path.
 * Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class TheoremSummaryListener implements TestExecutionListener {

    /** The tally of one theorem class. */
    static final class Tally {
        final String id;
        final String name;
        final String statement;
        final String chapter;
        final String className;
        int proved;
        int witnesses;
        int failed;
        /** Tests that erred (a {@link PropertyError}: a generator threw, a witness crashed): no verdict. */
        int errors;
        int skipped;
        long nanos;
        final List<String> failures = new ArrayList<>();
        final List<String> errored = new ArrayList<>();
        /** One JSON object per finished test (method). */
        final List<Map<String, Object>> tests = new ArrayList<>();

        Tally(Theorem t, Class<?> cls) {
            this.id = t.id();
            this.name = t.name();
            this.statement = t.statement();
            this.chapter = chapter(cls);
            this.className = cls.getName();
        }

        String status() {
            return failed > 0 ? "falsified" : errors > 0 ? "error" : (proved + witnesses == 0 ? "skipped" : "verified");
        }
    }

    private final Map<String, Tally> tallies = new TreeMap<>();
    private final Map<String, Long> started = new java.util.HashMap<>();
    private final String summaryOverride;
    private final String reportOverride;
    private final boolean print;
    private Path reportDir;
    private ExecutorService plotter;
    private final List<Future<?>> plotting = new ArrayList<>();
    /** What the drawing thread drew, by file: merged into the figures once it is done. */
    private final Map<String, Plots.Drawn> drawn = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong plotNanos = new AtomicLong();
    private Instant startedAt;
    /** The page the last test plan wrote (null if none). */
    Path lastPage;

    /** The listener the JUnit Platform registers: paths from {@code dlmath.summary} and {@code dlmath.report}. */
    public TheoremSummaryListener() {
        this(null, null, true);
    }

    /**
     * A listener writing the summary to {@code summary} and the report to {@code report} (or "off");
     * {@code print}: print the table and the report's timing.
     */
    TheoremSummaryListener(String summary, String report, boolean print) {
        this.summaryOverride = summary;
        this.reportOverride = report;
        this.print = print;
    }

    static String chapter(Class<?> cls) {
        String pkg = cls.getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    private String summaryPath() {
        return summaryOverride != null ? summaryOverride : System.getProperty("dlmath.summary", "target/dlmath-summary.json");
    }

    /** The report directory, or null when {@code dlmath.report=off}. */
    static Path reportDir(String setting) {
        String s = setting != null ? setting : System.getProperty("dlmath.report", "target/theorems");
        return s.isBlank() || s.equals("off") ? null : Path.of(s);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        tallies.clear();
        started.clear();
        plotting.clear();
        drawn.clear();
        startedAt = Instant.now();
        reportDir = reportDir(reportOverride);
        if (reportDir != null) {
            plotter = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "dlmath-plots");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
            });
            Path plots = reportDir.resolve(TheoremReport.PLOTS);
            plotting.add(plotter.submit(() -> {
                long t0 = cpu();
                deleteOldPlots(plots);
                Plots.warmUp();
                plotNanos.addAndGet(cpu() - t0);
            }));
        }
    }

    private static void deleteOldPlots(Path plots) {
        if (!Files.isDirectory(plots)) {
            return;
        }
        try (Stream<Path> files = Files.list(plots)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".png")).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            System.err.println("dlmath: cannot clean " + plots + ": " + e);
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            started.put(id.getUniqueId(), System.nanoTime());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        tally(id).ifPresent(t -> t.skipped++);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        Long t0 = started.remove(id.getUniqueId());
        long nanos = t0 == null ? 0 : System.nanoTime() - t0;
        Optional<MethodSource> ms = methodSource(id);
        Optional<Tally> tally = tally(id);
        if (ms.isEmpty()) {
            return;
        }
        List<Map<String, Object>> runs = Runs.take(ms.get().getClassName() + "#" + ms.get().getMethodName());
        if (tally.isEmpty()) {
            return; // not a theorem: its properties are not in the summary
        }
        Tally t = tally.get();
        t.nanos += nanos;
        boolean witness = ms.get().getJavaMethod().isAnnotationPresent(Counterexample.class);
        String outcome;
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                outcome = witness ? "refuted" : "held";
                if (witness) {
                    t.witnesses++;
                } else {
                    t.proved++;
                }
            }
            case FAILED -> {
                if (result.getThrowable().orElse(null) instanceof PropertyError) {
                    outcome = "error";
                    t.errors++;
                    t.errored.add(ms.get().getMethodName());
                } else {
                    outcome = "failed";
                    t.failed++;
                    t.failures.add(ms.get().getMethodName());
                }
            }
            case ABORTED -> {
                outcome = "aborted";
                t.skipped++;
            }
            default -> outcome = "unknown";
        }
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("method", ms.get().getMethodName());
        test.put("kind", witness ? "counterexample" : "property");
        test.put("outcome", outcome);
        test.put("timeMillis", nanos / 1_000_000);
        if (result.getStatus() == TestExecutionResult.Status.FAILED && runs.isEmpty()) {
            test.put("message", result.getThrowable().map(e -> String.valueOf(e.getMessage()).strip()).orElse(""));
        }
        test.put("forAll", runs);
        t.tests.add(test);
        int n = 0;
        for (Map<String, Object> run : runs) {
            for (Object f : (List<?>) run.get("figures")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fig = (Map<String, Object>) f;
                String file = TheoremReport.PLOTS + "/" + TheoremReport.slug(t.id + "-" + ms.get().getMethodName()
                        + "-" + (++n)) + ".png";
                fig.put("file", file);
                if (plotter != null) {
                    Path target = reportDir.resolve(file);
                    Map<String, Object> copy = Map.copyOf(fig); // the drawing thread reads only this copy
                    plotting.add(plotter.submit(() -> {
                        long p0 = cpu();
                        try {
                            drawn.put(file, Plots.render(copy, target));
                        } catch (IOException | RuntimeException e) {
                            System.err.println("dlmath: cannot draw " + file + ": " + e);
                            drawn.put(file, new Plots.Drawn(0, true));
                        }
                        plotNanos.addAndGet(cpu() - p0);
                    }));
                }
            }
        }
    }

    private static Optional<MethodSource> methodSource(TestIdentifier id) {
        Optional<TestSource> src = id.getSource();
        return src.filter(MethodSource.class::isInstance).map(MethodSource.class::cast);
    }

    private Optional<Tally> tally(TestIdentifier id) {
        Optional<MethodSource> ms = methodSource(id);
        if (ms.isEmpty()) {
            return Optional.empty();
        }
        Class<?> cls;
        try {
            cls = ms.get().getJavaClass();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Theorem th = cls.getAnnotation(Theorem.class);
        if (th == null) {
            return Optional.empty();
        }
        return Optional.of(tallies.computeIfAbsent(cls.getName(), k -> new Tally(th, cls)));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (tallies.isEmpty()) {
            shutdownPlotter();
            return;
        }
        if (print) {
            System.out.println(render());
        }
        long t0 = System.nanoTime();
        if (plotter != null) { // the figures still being drawn, at most a minute in all
            long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
            for (Future<?> f : plotting) {
                try {
                    f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    System.err.println("dlmath: a figure was not drawn in time: " + e);
                }
            }
        }
        long waited = System.nanoTime() - t0;
        shutdownPlotter();
        for (Tally t : tallies.values()) { // what was drawn; a figure not drawn is drawn by the page writer
            for (Map<String, Object> test : t.tests) {
                for (Object r : (List<?>) test.get("forAll")) {
                    for (Object f : (List<?>) ((Map<?, ?>) r).get("figures")) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> fig = (Map<String, Object>) f;
                        Plots.Drawn d = drawn.get(String.valueOf(fig.get("file")));
                        if (d != null) {
                            fig.put("omitted", d.omitted());
                            fig.put("drawn", !d.empty());
                        }
                    }
                }
            }
        }
        String out = summaryPath();
        Map<String, Object> summary = summary();
        try {
            Path p = Path.of(out);
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.writeString(p, Json.write(summary));
        } catch (IOException e) {
            System.err.println("dlmath: cannot write summary to " + out + ": " + e);
        }
        if (reportDir == null) {
            return;
        }
        try {
            long t1 = System.nanoTime();
            long c1 = cpu();
            Path page = TheoremReport.write(summary, Path.of(System.getProperty("dlmath.theorems", "theorems")),
                    reportDir);
            long t2 = System.nanoTime();
            long c2 = cpu();
            lastPage = page;
            if (print) {
                System.out.printf("dlmath: theorem report %s written %.2f s after the tests (%.2f s waiting for the"
                        + " last figures, %.2f s writing the page, %.2f s CPU); %d figures drawn in the background"
                        + " while the tests ran, %.2f s CPU (Java2D/XChart warm-up included)%n", page.toAbsolutePath(),
                        (t2 - t0) / 1e9, waited / 1e9, (t2 - t1) / 1e9, (c2 - c1) / 1e9, plotting.size() - 1,
                        plotNanos.get() / 1e9);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("dlmath: cannot write the theorem report to " + reportDir + ": " + e);
            e.printStackTrace();
        }
    }

    /** CPU time of the current thread, ns (0 where the JVM does not measure it). */
    private static long cpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
    }

    private void shutdownPlotter() {
        if (plotter != null) {
            plotter.shutdownNow();
            plotter = null;
        }
    }

    String render() {
        Map<String, int[]> chapters = new TreeMap<>();
        for (Tally t : tallies.values()) {
            int[] c = chapters.computeIfAbsent(t.chapter, k -> new int[5]);
            c[0]++;
            c[1] += t.status().equals("verified") ? 1 : 0;
            c[2] += t.status().equals("falsified") ? 1 : 0;
            c[3] += t.proved + t.failed;
            c[4] += t.witnesses;
        }
        StringBuilder sb = new StringBuilder("\nDeepLearnMath theorem summary\n");
        String fmt = "%-18s %9s %9s %10s %11s %10s%n";
        sb.append(String.format(fmt, "chapter", "theorems", "verified", "falsified", "properties", "witnesses"));
        int[] total = new int[5];
        chapters.forEach((ch, c) -> {
            sb.append(String.format(fmt, ch, c[0], c[1], c[2], c[3], c[4]));
            for (int i = 0; i < 5; i++) {
                total[i] += c[i];
            }
        });
        sb.append(String.format(fmt, "total", total[0], total[1], total[2], total[3], total[4]));
        for (Tally t : tallies.values()) {
            if (t.failed > 0) {
                sb.append("FALSIFIED ").append(t.id).append(' ').append(t.name).append(" (")
                        .append(t.className.substring(t.className.lastIndexOf('.') + 1)).append(": ")
                        .append(String.join(", ", t.failures)).append(")\n");
            }
            if (t.errors > 0) {
                sb.append("ERROR (a test error, not a verdict) ").append(t.id).append(' ').append(t.name).append(" (")
                        .append(t.className.substring(t.className.lastIndexOf('.') + 1)).append(": ")
                        .append(String.join(", ", t.errored)).append(")\n");
            }
        }
        return sb.toString();
    }

    /** The run summary as a JSON tree: the run's knobs, then one object per theorem. */
    Map<String, Object> summary() {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("started", startedAt == null ? null : startedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        run.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        run.put("seed", Config.baseSeed());
        run.put("tries", Config.triesScale());
        List<Object> theorems = new ArrayList<>();
        for (Tally t : tallies.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id);
            m.put("name", t.name);
            m.put("chapter", t.chapter);
            m.put("class", t.className);
            m.put("statement", t.statement);
            m.put("status", t.status());
            m.put("properties", t.proved + t.failed);
            m.put("witnesses", t.witnesses);
            m.put("failed", t.failed);
            m.put("errors", t.errors);
            m.put("skipped", t.skipped);
            m.put("timeMillis", t.nanos / 1_000_000);
            m.put("tests", t.tests);
            theorems.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run", run);
        root.put("theorems", theorems);
        return root;
    }

    /** The summary as JSON text. */
    String json() {
        return Json.write(summary());
    }
}
