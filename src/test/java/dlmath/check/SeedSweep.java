package dlmath.check;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the theorems of one tag (default {@code theorem}: all of them) under the base seeds
 * {@code from..to} in one JVM, with the failure database off, and prints one line per seed
 * and the failures. For checking that no theorem flakes:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dlmath.check.SeedSweep 1 50 [tag]
 * </pre>
 * Exits with status 1 if any seed failed.
 */
public final class SeedSweep {

    private SeedSweep() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: SeedSweep FROM TO [TAG]");
            System.exit(2);
        }
        int from = Integer.parseInt(args[0]);
        int to = Integer.parseInt(args[1]);
        String tag = args.length > 2 ? args[2] : "theorem";
        System.setProperty("dlmath.db", "off");
        if (System.getProperty("dlmath.report") == null) {
            System.setProperty("dlmath.report", "off"); // no theorem report per seed
        }
        PrintStream out = System.out;
        int failedSeeds = 0;
        for (int seed = from; seed <= to; seed++) {
            System.setProperty("dlmath.seed", Integer.toString(seed));
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectPackage("dlmath.theorems"))
                    .filters(TagFilter.includeTags(tag)).build();
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            ByteArrayOutputStream quiet = new ByteArrayOutputStream();
            System.setOut(new PrintStream(quiet, true, StandardCharsets.UTF_8));
            long t0 = System.nanoTime();
            try {
                launcher.execute(request, summary);
            } finally {
                System.setOut(out);
            }
            TestExecutionSummary r = summary.getSummary();
            out.printf("seed %d: %d tests, %d failed, %d ms%n", seed, r.getTestsFoundCount(),
                    r.getTotalFailureCount(), (System.nanoTime() - t0) / 1_000_000);
            if (r.getTotalFailureCount() > 0) {
                failedSeeds++;
                for (TestExecutionSummary.Failure f : r.getFailures()) {
                    out.println("  FAIL " + f.getTestIdentifier().getLegacyReportingName() + ":"
                            + String.valueOf(f.getException().getMessage()).lines().limit(30)
                            .reduce("", (a, b) -> a + "\n    " + b));
                }
            }
        }
        out.println("seeds with failures: " + failedSeeds + " of " + (to - from + 1));
        System.exit(failedSeeds == 0 ? 0 : 1);
    }
}
