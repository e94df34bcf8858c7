package dlmath.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The theorem report end to end: a run of a fixture theorem (a property that draws curves and points,
 * a falsified property, a witness) through the real listener writes a page that lists every theorem
 * of the catalog, references only plot files that exist and are non-empty, shows the falsified
 * theorem's counterexample and replay lines, and renders in a headless browser (Chromium) with every
 * formula typeset and every plot loaded.
 */
class TheoremReportTest {

    /** A theorem of this test only (nested: Surefire's run never picks it up; only the launcher below runs it). */
    @Theorem(id = "FX-01", name = "Report fixture", statement = "x^2 >= 0; and a false claim x <= 10; and an error")
    @Tag("fixture")
    static class Fixture {
        @Property(tries = 60)
        void squaresAreNonNegative(Check check) {
            check.forAll(Gens.doubles(-100, 100).as("x"), x -> {
                check.label(x < 0 ? "negative" : "non-negative");
                check.cover(10, x < 0, "negative x");
                check.target(-Math.abs(x), "-|x|");
                double[] k = {1, 2, 3, 4};
                check.plot("a curve and its bound").logY().axes("k", "value")
                        .line("x^2 / k", k, new double[] {x * x + 1, (x * x + 1) / 2, (x * x + 1) / 3, (x * x + 1) / 4})
                        .reference("bound", k, new double[] {1e4 + 1, 5e3, 4e3, 3e3}).rank(Math.abs(x));
                check.plot("points").point("(x, x^2)", x, x * x);
                Claims.atLeast("x^2 >= 0", x * x, 0);
            });
        }

        @Property(tries = 100)
        void aFalseClaim(Check check) {
            check.forAll(Gens.doubles(-100, 100).as("x"), x -> Claims.atMost("x <= 10", x, 10));
        }

        @Property(tries = 10)
        void aGeneratorThatThrows(Check check) {
            check.forAll(Gens.integers(0, 3).<Integer>map(i -> {
                throw new IllegalStateException("a generator bug");
            }).as("x"), x -> Claims.atLeast("x >= 0", x, 0));
        }

        @Counterexample
        void aWitness(Check check) {
            check.forAll(Gens.doubles(-100, 100).as("x"), x -> Claims.atMost("x^2 <= x", x * x, x));
        }
    }

    @TempDir
    static Path dir;
    static Path page;
    static String html;

    @BeforeAll
    static void runTheFixture() throws IOException {
        String db = System.getProperty("dlmath.db");
        System.setProperty("dlmath.db", "off");
        TheoremSummaryListener listener = new TheoremSummaryListener(dir.resolve("summary.json").toString(),
                dir.resolve("report").toString(), false);
        try {
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false).build());
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(Fixture.class)).build(), listener);
        } finally {
            if (db == null) {
                System.clearProperty("dlmath.db");
            } else {
                System.setProperty("dlmath.db", db);
            }
        }
        page = listener.lastPage;
        assertThat(page).as("the page was written").isNotNull();
        html = Files.readString(page);
    }

    @Test
    void thePageListsEveryTheoremOfTheCatalog() {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("^\\| \\[([A-Z]{2,3}-\\d{2})\\]", Pattern.MULTILINE).matcher(read(Path.of("theorems/README.md")));
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertThat(ids).hasSizeGreaterThan(100);
        ids.add("FX-01");
        for (String id : ids) {
            assertThat(html).as(id + ": a table row and an article").contains("<a href=\"#" + id + "\">" + id + "</a>")
                    .contains("<article class=\"theorem\" id=\"" + id + "\">");
        }
        assertThat(html).contains("not run"); // the catalog's theorems: only the fixture ran
    }

    @Test
    void everyPlotThePageReferencesExistsAndIsNonEmpty() throws IOException {
        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int n = 0;
        while (m.find()) {
            Path f = page.getParent().resolve(m.group(1));
            assertThat(f).as(m.group(1)).isRegularFile();
            assertThat(Files.size(f)).as(m.group(1)).isPositive();
            n++;
        }
        assertThat(n).as("the fixture's two figures, in the chapter and in the theorem's evidence").isEqualTo(4);
        assertThat(page.getParent().resolve("katex/katex.min.js")).isRegularFile();
        assertThat(page.getParent().resolve("katex/fonts/KaTeX_Main-Regular.woff2")).isRegularFile();
    }

    @Test
    void aFalsifiedTheoremShowsItsCounterexampleAndReplay() {
        assertThat(html).contains("<span class=\"st bad\">falsified</span>")
                .contains("counterexample:")
                .contains("replay: <code>mvn test -Dtest=Fixture#aFalseClaim -Ddlmath.seed=")
                .contains("exact replay: <code>mvn test -Dtest=Fixture#aFalseClaim -Ddlmath.db=off -Ddlmath.replay=")
                .contains("x &lt;= 10 violated");
        assertThat(html).as("an erring property: its error, not a verdict, and its replay line")
                .contains("ERROR, not a verdict on the theorem").contains("a generator bug")
                .contains("replay: <code>mvn test -Dtest=Fixture#aGeneratorThatThrows -Ddlmath.seed=");
    }

    @Test
    void theTableHasTriesCoverageAndTargets() throws IOException {
        assertThat(html).contains("cover ").contains("negative x").contains("-|x| = <b>");
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("summary.json")));
        assertThat(summary.toString()).contains("FX-01").contains("falsified").contains("squaresAreNonNegative");
    }

    /**
     * Where Chromium is installed, the page renders: every formula typeset by KaTeX (the page script counts
     * them into {@code data-math}), every plot loaded ({@code data-plots}), and a screenshot is taken.
     * Tagged slow: seconds on an idle machine (the browser typesets the catalog's 4500 formulas).
     */
    @Test
    @Tag("slow")
    void rendersInAHeadlessBrowser() throws Exception {
        String browser = browser();
        assumeTrue(browser != null, "no chromium / chromium-browser / google-chrome on the PATH: the headless-browser"
                + " check of the theorem report is skipped (Debian: apt-get install chromium)");
        Path shot = dir.resolve("screenshot.png");
        String url = page.toUri().toString();
        // the DOM after the page script, and a screenshot of the fixture's chapter (index.html?chapter=check),
        // by two browsers at once
        Process screenshot = start(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--virtual-time-budget=20000", "--window-size=1200,900", "--screenshot=" + shot, url + "?chapter=check"));
        String dom = output(start(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--virtual-time-budget=20000", "--dump-dom", url)));
        Matcher math = Pattern.compile("data-math=\"(\\d+)/(\\d+)\"").matcher(dom);
        Matcher plots = Pattern.compile("data-plots=\"(\\d+)/(\\d+)\"").matcher(dom);
        assertThat(math.find()).as("the page script ran and counted the formulas").isTrue();
        assertThat(plots.find()).as("the page script ran and counted the plots").isTrue();
        assertThat(Integer.parseInt(math.group(2))).as("formulas on the page").isGreaterThan(1000);
        assertThat(math.group(1)).as("formulas typeset by KaTeX").isEqualTo(math.group(2));
        assertThat(Integer.parseInt(plots.group(2))).isEqualTo(4);
        assertThat(plots.group(1)).as("plots loaded").isEqualTo(plots.group(2));
        output(screenshot);
        assertThat(shot).isRegularFile();
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    @Test
    void figuresAreBoundedWhateverTheNumberOfTries() {
        Figure f = new Figure("t");
        double[] x = new double[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        for (int t = 0; t < 20_000; t++) { // 20000 tries, each a point, every 1000th also a curve of 5000 points
            Plot p = new Plot("t").point("points", t, t);
            if (t % 1000 == 0) {
                p.line("curve", x, x).rank(t % 7);
            }
            f.add(p);
        }
        List<Figure.Series> s = f.series();
        assertThat(s).hasSize(2);
        assertThat(s.get(0).x()).hasSize(Figure.MAX_CURVE).startsWith(0.0).endsWith(4999.0);
        assertThat(s.get(1).x().length).isBetween(Figure.MAX_POINTS / 2, Figure.MAX_POINTS);
        assertThat(s.get(1).x()[1] - s.get(1).x()[0]).as("evenly spread: every stride-th try").isEqualTo(32.0);
    }

    @Test
    void formulasAreKeptOutOfTheMarkdownParserButNotOutOfCode() {
        List<String> math = new ArrayList<>();
        String out = TheoremReport.protect("a $x_1 * y_2$ and `$code$` and \\$5 and $ 3 and\n\n$$\\sum_i a_i$$\n"
                + "```\n$fenced$\n```\n", math);
        assertThat(math).containsExactly("x_1 * y_2", "\\sum_i a_i");
        assertThat(out).contains("`$code$`").contains("\\$5").contains("$ 3").contains("$fenced$")
                .contains("KTXMATHI0Z").contains("KTXMATHD1Z");
    }

    /** The first of chromium, chromium-browser, google-chrome on the PATH, or null. */
    static String browser() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String output(Process p) throws IOException, InterruptedException {
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the browser finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
