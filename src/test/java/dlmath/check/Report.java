package dlmath.check;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Renders results the way a mathematician reads them. */
final class Report {

    private Report() {
    }

    static String replay(Check.Info info, Result r) {
        return "mvn test -Dtest=" + info.className() + "#" + info.method() + " -Ddlmath.seed=" + r.seed();
    }

    private static String title(Check.Info info) {
        return info.id() + " " + info.name() + ": " + info.statement() + "\n  property: " + info.className()
                + "#" + info.method();
    }

    private static void values(StringBuilder sb, Result r, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            String name = r.names().get(i);
            sb.append("\n  ").append(name).append(" = ").append(Pretty.hang(Pretty.format(values[i]),
                    name.length() + 5));
        }
    }

    static String falsified(Check.Info info, Result r) {
        StringBuilder sb = new StringBuilder("\n").append(title(info)).append('\n');
        switch (r.origin()) {
            case "example" -> sb.append("falsified by an explicit example (not shrunk)");
            case "database" -> sb.append("falsified by the stored counterexample from the failure database, shrunk in ")
                    .append(r.shrinkSteps()).append(" steps");
            default -> sb.append("falsified after ").append(r.tries()).append(r.tries() == 1 ? " try" : " tries")
                    .append(r.origin().equals("targeted") ? " (found by targeted search)" : "")
                    .append(", shrunk in ").append(r.shrinkSteps()).append(" steps");
        }
        sb.append(" (seed ").append(r.seed()).append(")\ncounterexample:");
        values(sb, r, r.shrunk());
        for (Map.Entry<String, String> e : r.notes().entrySet()) {
            sb.append("\n  ").append(e.getKey()).append(" = ").append(Pretty.hang(e.getValue(), e.getKey().length() + 5));
        }
        sb.append("\nfailure:\n  ").append(Pretty.hang(describe(r.error()), 2));
        if (r.original() != null && r.original() != r.shrunk()) {
            sb.append("\noriginal example (before shrinking):");
            values(sb, r, r.original());
        }
        sb.append("\nreplay: ").append(replay(info, r));
        return sb.toString();
    }

    static String describe(Throwable t) {
        if (t instanceof AssertionError) {
            return String.valueOf(t.getMessage()).strip();
        }
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\n");
        StringBuilder sb = new StringBuilder("the code under test threw:");
        for (int i = 0; i < Math.min(lines.length, 8); i++) {
            sb.append('\n').append(lines[i].stripTrailing());
        }
        return sb.toString();
    }

    static String witness(Check.Info info, Result r) {
        StringBuilder sb = new StringBuilder(title(info)).append("\nexpected counterexample found after ")
                .append(r.tries()).append(" tries, shrunk in ").append(r.shrinkSteps()).append(" steps (seed ")
                .append(r.seed()).append("):");
        values(sb, r, r.shrunk());
        for (Map.Entry<String, String> e : r.notes().entrySet()) {
            sb.append("\n  ").append(e.getKey()).append(" = ").append(e.getValue());
        }
        sb.append("\n  refutes: ").append(Pretty.hang(describe(r.error()), 11));
        return sb.toString();
    }

    static String noWitness(Check.Info info, Result r) {
        return "\n" + title(info) + "\nexpected a counterexample (the hypothesis should be necessary), but none was"
                + " found in " + r.tries() + " tries (seed " + r.seed() + ")\nreplay: " + replay(info, r);
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
