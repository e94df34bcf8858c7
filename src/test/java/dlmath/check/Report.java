package dlmath.check;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders results the way a mathematician reads them. */
final class Report {

    /** Classes of the engine (and of the test framework below it) whose frames are trimmed from traces. */
    private static final List<String> ENGINE = List.of("dlmath.check.Runner", "dlmath.check.Check",
            "dlmath.check.Source", "dlmath.check.Gen", "dlmath.check.Gens", "dlmath.check.DoubleGen",
            "dlmath.check.Shrinker", "dlmath.check.Report", "dlmath.check.PropertyExtension",
            "org.junit.", "org.apache.maven.surefire.", "jdk.internal.reflect.", "java.lang.reflect.",
            "java.util.ArrayList", "java.util.stream.", "java.util.Spliterators", "java.util.Iterator");

    private Report() {
    }

    /**
     * The command that reruns the property exactly: the seed and every knob that changed the run
     * (tries scale, shrink budget, deadline), read from the system properties this JVM runs with.
     */
    static String replay(Check.Info info, Result r) {
        StringBuilder sb = new StringBuilder("mvn test -Dtest=").append(info.className()).append('#')
                .append(info.method()).append(" -Ddlmath.seed=").append(r.seed());
        for (String knob : List.of("dlmath.tries", "dlmath.shrinkSeconds", "dlmath.deadline")) {
            String v = System.getProperty(knob, "").trim();
            if (!v.isEmpty()) {
                sb.append(" -D").append(knob).append('=').append(v);
            }
        }
        return sb.toString();
    }

    /**
     * The lines that reproduce the shrunk example itself: the exact replay command (its choice
     * stream, failure database off) and the example as Java for {@code check.example(...)}.
     */
    private static void exact(StringBuilder sb, Check.Info info, Result r) {
        if (r.replay() != null) {
            sb.append("\nexact replay: mvn test -Dtest=").append(info.className()).append('#').append(info.method())
                    .append(" -Ddlmath.db=off -Ddlmath.replay=").append(r.replay());
        }
        if (r.shrunk() != null) {
            StringBuilder args = new StringBuilder();
            for (Object v : r.shrunk()) {
                String java = Pretty.java(v);
                if (java == null) {
                    return;
                }
                args.append(args.length() == 0 ? "" : ", ").append(java);
            }
            sb.append("\nas a regression example: check.example(").append(args).append(");");
        }
    }

    static String header(Check.Info info) {
        return info.id() == null ? info.className() + " :: " + info.method()
                : info.id() + " " + info.name() + " :: " + info.method();
    }

    private static String title(Check.Info info) {
        String property = "property: " + info.className() + "#" + info.method();
        return info.id() == null ? property : info.id() + " " + info.name() + ": " + info.statement() + "\n  " + property;
    }

    private static void values(StringBuilder sb, Result r, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            String name = r.names().get(i);
            sb.append("\n  ").append(name).append(" = ").append(Pretty.hang(Pretty.format(values[i]),
                    name.length() + 5));
        }
    }

    private static void notes(StringBuilder sb, Result r) {
        for (Map.Entry<String, String> e : r.notes().entrySet()) {
            sb.append("\n  ").append(e.getKey()).append(" = ").append(Pretty.hang(e.getValue(), e.getKey().length() + 5));
        }
    }

    private static String shrunk(Result r) {
        return ", shrunk in " + r.shrinkSteps() + (r.shrinkSteps() == 1 ? " step" : " steps")
                + (r.shrinkBudgetHit() ? " (stopped on the shrink budget: maybe not minimal)" : "");
    }

    private static String found(Result r) {
        StringBuilder sb = new StringBuilder();
        switch (r.origin()) {
            case "example" -> sb.append("by an explicit example (not shrunk)");
            case "replay" -> sb.append("by the example of -Ddlmath.replay (not shrunk again)");
            case "database" -> sb.append("by the stored counterexample from the failure database").append(shrunk(r));
            default -> sb.append("after ").append(r.tries()).append(r.tries() == 1 ? " try" : " tries")
                    .append(r.rejected() > 0 ? " (" + r.rejected() + " rejected)" : "")
                    .append(r.origin().equals("targeted") ? " (found by targeted search)" : "").append(shrunk(r));
        }
        return sb.append(" (seed ").append(r.seed()).append(')').toString();
    }

    static String falsified(Check.Info info, Result r) {
        StringBuilder sb = new StringBuilder("\n").append(title(info)).append("\nfalsified ").append(found(r))
                .append("\ncounterexample:");
        values(sb, r, r.shrunk());
        notes(sb, r);
        sb.append("\nfailure:\n  ").append(Pretty.hang(describe(r.error()), 2));
        if (r.original() != null && r.original() != r.shrunk()) {
            sb.append("\noriginal example (before shrinking):");
            values(sb, r, r.original());
        }
        sb.append("\nreplay: ").append(replay(info, r));
        exact(sb, info, r);
        return sb.toString();
    }

    /** An error of the test (a generator threw, a witness crashed): what, where, and how to replay. */
    static String error(Check.Info info, Result r) {
        StringBuilder sb = new StringBuilder("\n").append(title(info)).append("\nERROR, not a verdict on the theorem: ")
                .append(r.problem()).append("\nraised ").append(found(r));
        if (r.shrunk() != null) {
            sb.append("\ninput:");
            values(sb, r, r.shrunk());
            notes(sb, r);
        }
        if (r.error() != null) {
            sb.append("\nerror:\n  ").append(Pretty.hang(describe(r.error()), 2));
        }
        sb.append("\nreplay: ").append(replay(info, r));
        exact(sb, info, r);
        return sb.toString();
    }

    static String describe(Throwable t) {
        if (t instanceof AssertionError) {
            return String.valueOf(t.getMessage()).strip();
        }
        StringWriter w = new StringWriter();
        trim(t).printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\n");
        StringBuilder sb = new StringBuilder("the code under test threw:");
        for (int i = 0; i < Math.min(lines.length, 12); i++) {
            sb.append('\n').append(lines[i].stripTrailing());
        }
        return sb.toString();
    }

    /** Removes the engine's and the test framework's frames from {@code t} and its causes; returns {@code t}. */
    static <T extends Throwable> T trim(T t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            List<StackTraceElement> kept = new ArrayList<>();
            for (StackTraceElement e : c.getStackTrace()) {
                if (!engine(e.getClassName())) {
                    kept.add(e);
                }
            }
            c.setStackTrace(kept.toArray(new StackTraceElement[0]));
        }
        return t;
    }

    private static boolean engine(String cls) {
        for (String p : ENGINE) {
            if (p.endsWith(".") ? cls.startsWith(p) : cls.equals(p) || cls.startsWith(p + "$")) {
                return true;
            }
        }
        return false;
    }

    static String witness(Check.Info info, Result r) {
        StringBuilder sb = new StringBuilder(title(info)).append("\nexpected counterexample found ").append(found(r))
                .append(':');
        values(sb, r, r.shrunk());
        notes(sb, r);
        sb.append("\n  refutes: ").append(Pretty.hang(r.error() instanceof ClaimFailure ? describe(r.error())
                : "the code refuses the input, as declared: " + r.error(), 11));
        return sb.toString();
    }

    static String noWitness(Check.Info info, Result r) {
        return "\n" + title(info) + "\nexpected a counterexample (the hypothesis should be necessary), but none was"
                + " found in " + r.tries() + " tries" + (r.rejected() > 0 ? " (" + r.rejected() + " rejected)" : "")
                + " (seed " + r.seed() + ")\nreplay: " + replay(info, r);
    }

    static String unhealthy(Check.Info info, Result r) {
        return "\n" + title(info) + "\n" + r.problem() + "\n(seed " + r.seed() + ")" + r.stats().render()
                + "\nreplay: " + replay(info, r);
    }

    static void printStats(String header, Result r, boolean always) {
        if (always || Config.verbose() || !r.stats().isEmpty()) {
            System.out.println(header + ": " + r.tries() + " tries" + (r.rejected() > 0 ? " (" + r.rejected()
                    + " rejected)" : "") + r.stats().render());
        }
    }
}
