package dlmath.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * End-of-run summary: a table of theorems verified / falsified per chapter, printed to
 * standard output and written as JSON to {@code -Ddlmath.summary} (Surefire sets
 * {@code target/dlmath-summary.json}). Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
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
        final List<String> failures = new ArrayList<>();
        final List<String> errored = new ArrayList<>();

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

    static String chapter(Class<?> cls) {
        String pkg = cls.getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        tallies.clear();
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
        Optional<MethodSource> ms = methodSource(id);
        Optional<Tally> tally = tally(id);
        if (ms.isEmpty() || tally.isEmpty()) {
            return;
        }
        Tally t = tally.get();
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                if (ms.get().getJavaMethod().isAnnotationPresent(Counterexample.class)) {
                    t.witnesses++;
                } else {
                    t.proved++;
                }
            }
            case FAILED -> {
                if (result.getThrowable().orElse(null) instanceof PropertyError) {
                    t.errors++;
                    t.errored.add(ms.get().getMethodName());
                } else {
                    t.failed++;
                    t.failures.add(ms.get().getMethodName());
                }
            }
            case ABORTED -> t.skipped++;
            default -> { }
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
            return;
        }
        System.out.println(render());
        String out = System.getProperty("dlmath.summary", "target/dlmath-summary.json");
        try {
            Path p = Path.of(out);
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.writeString(p, json());
        } catch (IOException e) {
            System.err.println("dlmath: cannot write summary to " + out + ": " + e);
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

    String json() {
        StringBuilder sb = new StringBuilder("{\n  \"theorems\": [");
        boolean first = true;
        for (Tally t : tallies.values()) {
            sb.append(first ? "\n" : ",\n").append("    {\"id\": ").append(q(t.id)).append(", \"name\": ").append(q(t.name))
                    .append(", \"chapter\": ").append(q(t.chapter)).append(", \"class\": ").append(q(t.className))
                    .append(", \"statement\": ").append(q(t.statement)).append(", \"status\": ").append(q(t.status()))
                    .append(", \"properties\": ").append(t.proved + t.failed).append(", \"witnesses\": ")
                    .append(t.witnesses).append(", \"failed\": ").append(t.failed).append(", \"errors\": ")
                    .append(t.errors).append(", \"skipped\": ")
                    .append(t.skipped).append('}');
            first = false;
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    private static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
