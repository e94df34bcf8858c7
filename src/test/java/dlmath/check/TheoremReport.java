package dlmath.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The theorem report: one HTML page ({@code index.html}) written from the run summary (the JSON of
 * {@link TheoremSummaryListener}) and the catalog's Markdown pages. Per chapter a table (id, name,
 * statement, status, tries and discards, time, seed, labels and coverage, best target scores) and the
 * chapter's figures; per theorem its page rendered (commonmark-java, formulas typeset in the browser by
 * KaTeX, copied next to the page from its webjar, so the page works offline) and the run's evidence:
 * every {@code forAll}, a falsified theorem's shrunk counterexample and replay lines. Theorems of the
 * catalog that did not run are listed as "not run". The directory is self-contained: {@code index.html},
 * {@code plots/*.png}, {@code katex/}.
 *
 * <p>Standalone, from a summary of an earlier run:
 * {@code java -cp ... dlmath.check.TheoremReport target/dlmath-summary.json [theorems] [target/theorems]}.
 */
public final class TheoremReport {

    /** The plots' folder, relative to the page. */
    static final String PLOTS = "plots";
    static final String KATEX = "katex";
    static final String KATEX_VERSION = "0.16.4";
    private static final String WEBJAR = "META-INF/resources/webjars/katex/" + KATEX_VERSION + "/dist/";
    private static final String[] FONTS = {"AMS-Regular", "Caligraphic-Bold", "Caligraphic-Regular", "Fraktur-Bold",
        "Fraktur-Regular", "Main-Bold", "Main-BoldItalic", "Main-Italic", "Main-Regular", "Math-BoldItalic",
        "Math-Italic", "SansSerif-Bold", "SansSerif-Italic", "SansSerif-Regular", "Script-Regular", "Size1-Regular",
        "Size2-Regular", "Size3-Regular", "Size4-Regular", "Typewriter-Regular"};

    private static final Pattern INDEX_ROW = Pattern.compile("^\\| \\[([A-Z]{2,3}-\\d{2})\\]\\(([^)]*)\\)");

    private TheoremReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: TheoremReport SUMMARY.json [THEOREMS_DIR] [OUT_DIR]");
            System.exit(2);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) Json.parse(Files.readString(Path.of(args[0])));
        Path page = write(summary, Path.of(args.length > 1 ? args[1] : "theorems"),
                Path.of(args.length > 2 ? args[2] : "target/theorems"));
        System.out.println("wrote " + page.toAbsolutePath());
    }

    /** A file-name-safe form of {@code s}. */
    static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]+", "-");
    }

    /** A catalog page. */
    record Page(String id, String chapter, Path file, String markdown) {
    }

    /** Writes {@code outDir/index.html} (and the KaTeX assets, and any missing figure); returns the page. */
    public static Path write(Map<String, Object> summary, Path theoremsDir, Path outDir) throws IOException {
        Files.createDirectories(outDir.resolve(PLOTS));
        copyKatex(outDir.resolve(KATEX));
        Map<String, Page> pages = pages(theoremsDir);
        List<String> order = indexOrder(theoremsDir);
        Map<String, Map<String, Object>> run = new LinkedHashMap<>();
        for (Object o : list(summary.get("theorems"))) {
            Map<String, Object> t = map(o);
            run.put(str(t.get("id")), t);
        }
        // every theorem: the catalog's (index order first), then any that ran without a page
        Map<String, List<String>> byChapter = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(order);
        pages.keySet().stream().filter(id -> !ids.contains(id)).sorted().forEach(ids::add);
        run.keySet().stream().filter(id -> !ids.contains(id)).sorted().forEach(ids::add);
        for (String id : ids) {
            String chapter = run.containsKey(id) ? str(run.get(id).get("chapter"))
                    : pages.containsKey(id) ? pages.get(id).chapter() : null;
            if (chapter != null) {
                byChapter.computeIfAbsent(chapter, k -> new ArrayList<>()).add(id);
            }
        }
        drawMissingFigures(run.values(), outDir);
        Markdown md = new Markdown(theoremsDir, outDir);
        StringBuilder h = new StringBuilder(1 << 20);
        head(h, summary, byChapter, run);
        Map<String, String> statements = statements(theoremsDir);
        for (Map.Entry<String, List<String>> ch : byChapter.entrySet()) {
            chapter(h, ch.getKey(), ch.getValue(), run, pages, statements);
        }
        h.append("<h2 class=\"part\" id=\"theorems\">The theorems</h2>\n");
        for (Map.Entry<String, List<String>> ch : byChapter.entrySet()) {
            h.append("<section class=\"pages\" id=\"pages-").append(esc(ch.getKey())).append("\">\n");
            for (String id : ch.getValue()) {
                theorem(h, id, run.get(id), pages.get(id), md);
            }
            h.append("</section>\n");
        }
        h.append(SCRIPT).append("</body>\n</html>\n");
        Path page = outDir.resolve("index.html");
        Files.writeString(page, h.toString());
        return page;
    }

    // ------------------------------------------------------------------ inputs

    private static Map<String, Page> pages(Path dir) throws IOException {
        Map<String, Page> pages = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return pages;
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Matcher m = Catalog.PAGE.matcher(f.getFileName().toString());
                if (!f.getParent().equals(dir) && m.matches()) {
                    pages.put(m.group(1), new Page(m.group(1), f.getParent().getFileName().toString(), f,
                            Files.readString(f).replace("\r\n", "\n")));
                }
            }
        }
        return pages;
    }

    /**
     * The one-line statements of the catalog's theorems (their {@code @Theorem}), for those that did not run:
     * the class named by the index row, loaded without initialization.
     */
    private static Map<String, String> statements(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path index = dir.resolve("README.md");
        if (!Files.isRegularFile(index)) {
            return out;
        }
        Pattern row = Pattern.compile("^\\| \\[([A-Z]{2,3}-\\d{2})\\][^|]*\\|[^|]*\\| *([a-z]+) *\\| *`([A-Za-z0-9_]+)`");
        for (String line : Files.readAllLines(index)) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                try {
                    Class<?> c = Class.forName("dlmath.theorems." + m.group(2) + "." + m.group(3), false,
                            TheoremReport.class.getClassLoader());
                    Theorem t = c.getAnnotation(Theorem.class);
                    if (t != null) {
                        out.put(m.group(1), t.statement());
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // a row without a compiled class: CatalogTest reports it
                }
            }
        }
        return out;
    }

    /** Ids in the order of the catalog index's rows. */
    private static List<String> indexOrder(Path dir) throws IOException {
        List<String> ids = new ArrayList<>();
        Path index = dir.resolve("README.md");
        if (Files.isRegularFile(index)) {
            for (String line : Files.readAllLines(index)) {
                Matcher m = INDEX_ROW.matcher(line);
                if (m.find() && !ids.contains(m.group(1))) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    private static void copyKatex(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("fonts"));
        List<String> files = new ArrayList<>(List.of("katex.min.js", "katex.min.css"));
        for (String f : FONTS) {
            files.add("fonts/KaTeX_" + f + ".woff2");
        }
        ClassLoader cl = TheoremReport.class.getClassLoader();
        for (String f : files) {
            Path target = dir.resolve(f);
            if (Files.isRegularFile(target) && Files.size(target) > 0) {
                continue; // copied by an earlier run (the version is in the path of the webjar, not here)
            }
            try (InputStream in = cl.getResourceAsStream(WEBJAR + f)) {
                if (in == null) {
                    throw new IOException("KaTeX " + KATEX_VERSION + " not on the classpath: " + WEBJAR + f
                            + " (dependency org.webjars.npm:katex in pom.xml)");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void drawMissingFigures(Iterable<Map<String, Object>> theorems, Path outDir) throws IOException {
        int n = 0;
        for (Map<String, Object> t : theorems) {
            for (Map<String, Object> test : maps(t.get("tests"))) {
                for (Map<String, Object> run : maps(test.get("forAll"))) {
                    for (Map<String, Object> fig : maps(run.get("figures"))) {
                        if (fig.get("file") == null) {
                            fig.put("file", PLOTS + "/" + slug(t.get("id") + "-" + test.get("method") + "-x" + (++n)) + ".png");
                        }
                        Path f = outDir.resolve(str(fig.get("file")));
                        if (!Files.isRegularFile(f) && !Boolean.FALSE.equals(fig.get("drawn"))) {
                            try {
                                Plots.Drawn d = Plots.render(fig, f);
                                fig.put("omitted", d.omitted());
                                fig.put("drawn", !d.empty());
                            } catch (IOException | RuntimeException e) { // a figure never costs the page
                                System.err.println("dlmath: cannot draw " + f + ": " + e);
                                fig.put("drawn", false);
                            }
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ the page

    private static void head(StringBuilder h, Map<String, Object> summary, Map<String, List<String>> byChapter,
                             Map<String, Map<String, Object>> run) {
        Map<String, Object> r = summary.get("run") instanceof Map<?, ?> m ? map(m) : Map.of();
        int total = 0;
        Map<String, Integer> counts = new TreeMap<>();
        for (List<String> ids : byChapter.values()) {
            for (String id : ids) {
                total++;
                counts.merge(status(run.get(id)), 1, Integer::sum);
            }
        }
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>DeepLearnMath theorem report</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(KATEX).append("/katex.min.css\">\n")
                .append("<script defer src=\"").append(KATEX).append("/katex.min.js\"></script>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<header>\n")
                .append("<h1>DeepLearnMath theorem report</h1>\n<p class=\"run\">");
        h.append(total).append(" theorems: ");
        List<String> parts = new ArrayList<>();
        for (String s : List.of("verified", "falsified", "error", "skipped", "not run")) {
            if (counts.containsKey(s)) {
                parts.add("<span class=\"st " + cls(s) + "\">" + counts.get(s) + " " + s + "</span>");
            }
        }
        h.append(String.join(", ", parts));
        h.append("<br>run ").append(esc(str(r.get("started")))).append(" &ndash; ").append(esc(str(r.get("finished"))))
                .append(", base seed <code>").append(esc(num(r.get("seed")))).append("</code>, tries &times; ")
                .append(esc(num(r.get("tries")))).append(" (replay: <code>mvn test -Ddlmath.seed=")
                .append(esc(num(r.get("seed")))).append("</code>)</p>\n<nav>");
        for (Map.Entry<String, List<String>> ch : byChapter.entrySet()) {
            long ok = ch.getValue().stream().filter(id -> status(run.get(id)).equals("verified")).count();
            h.append("<a class=\"chapter\" href=\"#chapter-").append(esc(ch.getKey())).append("\">").append(esc(ch.getKey()))
                    .append(" <small>").append(ok).append('/').append(ch.getValue().size()).append("</small></a> ");
        }
        h.append("<a href=\"#theorems\">&rarr; the theorems' pages</a>");
        h.append("</nav>\n</header>\n");
    }

    private static void chapter(StringBuilder h, String chapter, List<String> ids, Map<String, Map<String, Object>> run,
                                Map<String, Page> pages, Map<String, String> statements) {
        h.append("<section class=\"chapter\" id=\"chapter-").append(esc(chapter)).append("\">\n<h2>")
                .append(esc(chapter)).append("</h2>\n");
        StringBuilder table = new StringBuilder("<table class=\"summary\">\n<thead><tr><th>id</th><th>name</th>")
                .append("<th>statement</th><th>status</th><th>tries (discards)</th><th>time</th><th>seed</th>")
                .append("<th>labels and coverage</th><th>best target (observed / bound)</th></tr></thead>\n<tbody>\n");
        List<String[]> figures = new ArrayList<>(); // {id, title, file, omitted}
        for (String id : ids) {
            row(table, id, run.get(id), pages.get(id), statements.getOrDefault(id, ""), figures);
        }
        table.append("</tbody>\n</table>\n");
        if (!figures.isEmpty()) { // the chapter's figures first, small; each links to its theorem
            h.append("<div class=\"figures\">\n");
            for (String[] f : figures) {
                figure(h, f, true);
            }
            h.append("</div>\n");
        }
        h.append(table).append("</section>\n");
    }

    private static void row(StringBuilder h, String id, Map<String, Object> t, Page page, String statement,
                            List<String[]> figures) {
        String status = status(t);
        String name = t != null ? str(t.get("name")) : page != null ? pageName(page) : "";
        h.append("<tr class=\"").append(cls(status)).append("\"><td><a href=\"#").append(esc(id)).append("\">")
                .append(esc(id)).append("</a></td><td>").append(esc(name)).append("</td><td class=\"statement\">")
                .append(esc(t == null ? statement : str(t.get("statement")))).append("</td><td><span class=\"st ")
                .append(cls(status)).append("\">").append(status).append("</span></td>");
        if (t == null) {
            h.append("<td></td><td></td><td></td><td></td><td></td></tr>\n");
            return;
        }
        long tries = 0;
        long rejected = 0;
        String seed = "";
        StringBuilder labels = new StringBuilder();
        StringBuilder targets = new StringBuilder();
        int nLabels = 0;
        int nCovers = 0;
        int coversMet = 0;
        for (Map<String, Object> test : maps(t.get("tests"))) {
            for (Map<String, Object> r : maps(test.get("forAll"))) {
                tries += lng(r.get("tries"));
                rejected += lng(r.get("rejected"));
                seed = num(r.get("seed"));
                double base = Math.max(1, lng(r.get("randomTries")));
                for (Map.Entry<String, Object> l : map(r.get("labels")).entrySet()) {
                    nLabels++;
                    labels.append("<li>").append(pct(lng(l.getValue()) / base)).append(' ').append(esc(l.getKey()))
                            .append("</li>");
                }
                for (Map<String, Object> c : maps(r.get("coverage"))) {
                    nCovers++;
                    double got = lng(c.get("hits")) / base;
                    double req = dbl(c.get("required")) / 100;
                    boolean met = got >= req;
                    coversMet += met ? 1 : 0;
                    labels.append("<li class=\"").append(met ? "met" : "unmet").append("\">cover ").append(pct(got))
                            .append(" (required ").append(pct(req)).append(") ").append(esc(str(c.get("label"))))
                            .append("</li>");
                }
                for (Map.Entry<String, Object> e : map(r.get("targets")).entrySet()) {
                    targets.append("<div>").append(esc(e.getKey())).append(" = <b>").append(esc(num(e.getValue())))
                            .append("</b></div>");
                }
                for (Map<String, Object> f : maps(r.get("figures"))) {
                    if (!Boolean.FALSE.equals(f.get("drawn"))) {
                        figures.add(new String[] {id, str(f.get("title")), str(f.get("file")), num(f.get("omitted"))});
                    }
                }
            }
        }
        h.append("<td class=\"num\">").append(tries).append(rejected > 0 ? " (" + rejected + ")" : "").append("</td>")
                .append("<td class=\"num\">").append(String.format(Locale.ROOT, "%.2f s", lng(t.get("timeMillis")) / 1000.0))
                .append("</td><td class=\"num\">").append(esc(seed)).append("</td><td>");
        if (nLabels + nCovers > 0) {
            h.append("<details><summary>").append(nLabels).append(nLabels == 1 ? " label" : " labels");
            if (nCovers > 0) {
                h.append(", ").append(coversMet).append('/').append(nCovers).append(" covers met");
            }
            h.append("</summary><ul>").append(labels).append("</ul></details>");
        }
        h.append("</td><td>").append(targets).append("</td></tr>\n");
    }

    private static void figure(StringBuilder h, String[] f, boolean link) {
        h.append("<figure>");
        if (link) {
            h.append("<a href=\"#").append(esc(f[0])).append("\">");
        }
        h.append("<img src=\"").append(esc(f[2])).append("\" alt=\"").append(esc(f[0] + ": " + f[1]))
                .append("\" width=\"").append(Plots.WIDTH).append("\" height=\"").append(Plots.HEIGHT).append("\">");
        if (link) {
            h.append("</a>");
        }
        h.append("<figcaption><b>").append(esc(f[0])).append("</b> ").append(esc(f[1]));
        if (!f[3].isEmpty() && !f[3].equals("0")) {
            h.append(" <small>(").append(esc(f[3])).append(" points not drawable on these axes left out)</small>");
        }
        h.append("</figcaption></figure>\n");
    }

    private static void theorem(StringBuilder h, String id, Map<String, Object> t, Page page, Markdown md) {
        String status = status(t);
        String name = t != null ? str(t.get("name")) : page != null ? pageName(page) : "";
        h.append("<article class=\"theorem\" id=\"").append(esc(id)).append("\">\n<h3>").append(esc(id)).append(' ')
                .append(esc(name)).append(" <span class=\"st ").append(cls(status)).append("\">").append(status)
                .append("</span></h3>\n");
        if (page != null) {
            h.append("<div class=\"page\">\n").append(md.render(page)).append("</div>\n");
        } else {
            h.append("<p><i>No page in theorems/ for this theorem.</i></p>\n");
        }
        if (t != null) {
            evidence(h, id, t);
        }
        h.append("</article>\n");
    }

    private static void evidence(StringBuilder h, String id, Map<String, Object> t) {
        h.append("<div class=\"evidence\">\n<h4>This run</h4>\n<ul class=\"tests\">\n");
        for (Map<String, Object> test : maps(t.get("tests"))) {
            String outcome = str(test.get("outcome"));
            h.append("<li><code>").append(esc(str(test.get("method")))).append("</code> (")
                    .append(esc(str(test.get("kind")))).append("): <span class=\"st ").append(cls(outcome)).append("\">")
                    .append(esc(outcome)).append("</span>, ")
                    .append(String.format(Locale.ROOT, "%.2f s", lng(test.get("timeMillis")) / 1000.0));
            for (Map<String, Object> r : maps(test.get("forAll"))) {
                h.append("<div class=\"forall\">").append(lng(r.get("tries"))).append(" tries");
                if (lng(r.get("rejected")) > 0) {
                    h.append(", ").append(lng(r.get("rejected"))).append(" discarded");
                }
                h.append(", seed ").append(esc(num(r.get("seed"))));
                Map<String, Object> collected = map(r.get("collected"));
                if (!collected.isEmpty()) {
                    double base = Math.max(1, lng(r.get("randomTries")));
                    h.append("<br>collected: ");
                    List<String> cs = new ArrayList<>();
                    collected.forEach((k, v) -> cs.add(pct(lng(v) / base) + " " + esc(k)));
                    h.append(String.join(", ", cs));
                    long distinct = lng(r.get("collectedDistinct"));
                    if (distinct > collected.size()) {
                        h.append(", ... ").append(distinct - collected.size()).append(" more values");
                    }
                }
                for (Map<String, Object> f : maps(r.get("figures"))) {
                    if (!Boolean.FALSE.equals(f.get("drawn"))) {
                        figure(h, new String[] {id, str(f.get("title")), str(f.get("file")), num(f.get("omitted"))}, false);
                    }
                }
                String report = str(r.get("report"));
                if (!report.isEmpty()) {
                    boolean bad = !outcome.equals("refuted") && !outcome.equals("held");
                    h.append(bad ? "<pre class=\"failure\">" : "<details><summary>witness</summary><pre>")
                            .append(esc(report)).append(bad ? "</pre>" : "</pre></details>");
                }
                if (!outcome.equals("held") && !outcome.equals("refuted")) {
                    h.append("<div class=\"replay\">replay: <code>").append(esc(str(r.get("replay")))).append("</code>");
                    if (r.get("exactReplay") != null) {
                        h.append("<br>exact replay: <code>").append(esc(str(r.get("exactReplay")))).append("</code>");
                    }
                    h.append("</div>");
                }
                h.append("</div>");
            }
            if (test.get("message") != null) {
                h.append("<pre class=\"failure\">").append(esc(str(test.get("message")))).append("</pre>");
            }
            h.append("</li>\n");
        }
        h.append("</ul>\n</div>\n");
    }

    // ------------------------------------------------------------------ Markdown with formulas

    /**
     * Markdown to HTML with the formulas kept out of the Markdown parser: {@code $...$} and
     * {@code $$...$$} (not in code) become placeholders, then spans the page script typesets with
     * KaTeX. Links to other theorem pages point into the report; other relative links are rebased.
     */
    static final class Markdown {
        private final Parser parser;
        private final HtmlRenderer renderer;
        private final Path theoremsDir;
        private final Path outDir;

        Markdown(Path theoremsDir, Path outDir) {
            List<org.commonmark.Extension> ext = List.of(TablesExtension.create());
            this.parser = Parser.builder().extensions(ext).build();
            this.renderer = HtmlRenderer.builder().extensions(ext).build();
            this.theoremsDir = theoremsDir.toAbsolutePath().normalize();
            this.outDir = outDir.toAbsolutePath().normalize();
        }

        String render(Page page) {
            String text = page.markdown();
            if (text.startsWith("# ")) { // the heading is the report's own
                int nl = text.indexOf('\n');
                text = nl < 0 ? "" : text.substring(nl + 1);
            }
            List<String> math = new ArrayList<>();
            String protectedText = protect(text, math);
            Node doc = parser.parse(protectedText);
            Path base = theoremsDir.resolve(page.chapter());
            doc.accept(new AbstractVisitor() {
                @Override
                public void visit(Link link) {
                    link.setDestination(rebase(link.getDestination(), base));
                    visitChildren(link);
                }

                @Override
                public void visit(Image image) {
                    image.setDestination(rebase(image.getDestination(), base));
                    visitChildren(image);
                }
            });
            String html = renderer.render(doc);
            StringBuilder out = new StringBuilder(html.length() + 64 * math.size());
            Matcher m = PLACEHOLDER.matcher(html);
            int last = 0;
            while (m.find()) {
                out.append(html, last, m.start());
                int k = Integer.parseInt(m.group(2));
                boolean display = m.group(1).equals("D");
                out.append("<span class=\"math").append(display ? " display" : "").append("\">")
                        .append(esc(math.get(k))).append("</span>");
                last = m.end();
            }
            return out.append(html, last, html.length()).toString();
        }

        private String rebase(String dest, Path base) {
            if (dest == null || dest.isEmpty() || dest.startsWith("#") || dest.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                return dest;
            }
            String path = dest;
            String frag = "";
            int hash = dest.indexOf('#');
            if (hash >= 0) {
                path = dest.substring(0, hash);
                frag = dest.substring(hash);
            }
            Matcher pm = Catalog.PAGE.matcher(Path.of(path).getFileName().toString());
            if (pm.matches()) {
                return "#" + pm.group(1);
            }
            try {
                return outDir.relativize(base.resolve(path).normalize()).toString().replace('\\', '/') + frag;
            } catch (IllegalArgumentException e) {
                return dest;
            }
        }
    }

    static final Pattern PLACEHOLDER = Pattern.compile("KTXMATH([DI])(\\d+)Z");

    /** Replaces the formulas of {@code md} by placeholders, collecting their TeX in {@code math}. */
    static String protect(String md, List<String> math) {
        StringBuilder out = new StringBuilder(md.length());
        int i = 0;
        int n = md.length();
        boolean lineStart = true;
        while (i < n) {
            char c = md.charAt(i);
            if (lineStart && md.startsWith("```", i)) { // a fenced code block: copy to the closing fence
                int end = md.indexOf("\n```", i + 3);
                end = end < 0 ? n : Math.min(n, md.indexOf('\n', end + 4) < 0 ? n : md.indexOf('\n', end + 4));
                out.append(md, i, end);
                i = end;
                continue;
            }
            lineStart = c == '\n';
            if (c == '\\' && i + 1 < n) {
                out.append(c).append(md.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '`') { // a code span: copy to the matching run of backticks
                int run = 0;
                while (i + run < n && md.charAt(i + run) == '`') {
                    run++;
                }
                String ticks = "`".repeat(run);
                int end = md.indexOf(ticks, i + run);
                end = end < 0 ? i + run : end + run;
                out.append(md, i, end);
                i = end;
                continue;
            }
            if (c == '$' && md.startsWith("$$", i)) {
                int end = md.indexOf("$$", i + 2);
                if (end > 0) {
                    math.add(md.substring(i + 2, end).strip());
                    out.append("KTXMATHD").append(math.size() - 1).append('Z');
                    i = end + 2;
                    continue;
                }
            }
            if (c == '$' && i + 1 < n && !Character.isWhitespace(md.charAt(i + 1))) {
                int end = closing(md, i + 1);
                if (end > 0) {
                    math.add(md.substring(i + 1, end));
                    out.append("KTXMATHI").append(math.size() - 1).append('Z');
                    i = end + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The closing $ of inline math opened before {@code from}: not escaped, not after a space, in the paragraph. */
    private static int closing(String md, int from) {
        for (int j = from; j < md.length(); j++) {
            char c = md.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '\n' && j + 1 < md.length() && md.charAt(j + 1) == '\n') {
                return -1;
            } else if (c == '$') {
                boolean digitAfter = j + 1 < md.length() && Character.isDigit(md.charAt(j + 1));
                return !Character.isWhitespace(md.charAt(j - 1)) && !digitAfter ? j : -1;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ helpers

    static String status(Map<String, Object> t) {
        return t == null ? "not run" : str(t.get("status"));
    }

    private static String pageName(Page p) {
        String first = p.markdown().lines().findFirst().orElse("");
        return first.startsWith("# " + p.id() + " ") ? first.substring(p.id().length() + 3) : "";
    }

    private static String cls(String status) {
        return switch (status) {
            case "verified", "held", "refuted" -> "ok";
            case "falsified", "failed" -> "bad";
            case "error" -> "err";
            default -> "none";
        };
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * f);
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static String num(Object o) {
        if (o instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Pretty.number(d);
        }
        return str(o);
    }

    private static long lng(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static double dbl(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static List<Map<String, Object>> maps(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object e : list(o)) {
            out.add(map(e));
        }
        return out;
    }

    private static final String CSS = """
            body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1280px;
                   padding: 0 1.2em 3em; color: #1d2330; line-height: 1.45; }
            header { border-bottom: 2px solid #d0d7e2; margin-bottom: 1em; }
            h1 { margin: 0.6em 0 0.2em; font-size: 1.7em; }
            h2 { border-bottom: 1px solid #d0d7e2; margin-top: 1.8em; text-transform: capitalize; }
            h2.part { text-transform: none; font-size: 1.6em; border-bottom: 2px solid #9fb3d1; margin-top: 2.5em; }
            .math-error { color: #a11212; font-family: monospace; }
            nav a { margin-right: 1em; text-decoration: none; }
            nav a.chapter { text-transform: capitalize; }
            nav { padding: 0.3em 0 0.8em; }
            .run { color: #4a5568; }
            table.summary { border-collapse: collapse; width: 100%; font-size: 0.86em; }
            table.summary th, table.summary td { border: 1px solid #d7dde8; padding: 0.3em 0.45em; vertical-align: top; }
            table.summary th { background: #eef2f8; text-align: left; }
            td.num { text-align: right; white-space: nowrap; }
            td.statement { max-width: 26em; }
            .st { border-radius: 0.7em; padding: 0.05em 0.55em; font-size: 0.9em; white-space: nowrap; }
            .st.ok { background: #d8f3dc; color: #1b5e20; }
            .st.bad { background: #fde2e1; color: #a11212; font-weight: bold; }
            .st.err { background: #fff1c2; color: #7a4b00; font-weight: bold; }
            .st.none { background: #eceff3; color: #555; }
            tr.bad td { background: #fff6f6; }
            details summary { cursor: pointer; }
            li.unmet { color: #a11212; }
            .figures { display: flex; flex-wrap: wrap; gap: 1em; margin: 1em 0; }
            figure { margin: 0.6em 0; }
            .figures figure { width: 360px; margin: 0; }
            .figures figcaption { font-size: 0.78em; }
            figure img { max-width: 100%; height: auto; border: 1px solid #e2e6ee; }
            figcaption { font-size: 0.85em; color: #333; max-width: 620px; }
            article.theorem { border-top: 1px solid #e2e6ee; margin-top: 1.4em; }
            article.theorem h3 { margin-bottom: 0.3em; }
            .page table { border-collapse: collapse; }
            .page th, .page td { border: 1px solid #d7dde8; padding: 0.2em 0.5em; }
            .page h2 { font-size: 1.1em; border: none; margin: 1em 0 0.3em; text-transform: none; }
            .evidence { background: #f6f8fb; border-left: 3px solid #9fb3d1; padding: 0.2em 1em 0.6em; margin: 0.8em 0; }
            .evidence h4 { margin: 0.5em 0 0.2em; }
            .forall { font-size: 0.9em; color: #333; margin: 0.2em 0 0.4em 1em; }
            pre { background: #fbfbfd; border: 1px solid #e2e6ee; padding: 0.5em; overflow-x: auto; font-size: 0.85em; }
            pre.failure { background: #fff4f4; border-color: #f0b4b4; }
            .replay code { background: #fff; }
            code { font-size: 0.92em; }
            .katex-display { overflow-x: auto; overflow-y: hidden; }
            """;

    /**
     * Typesets the formulas with KaTeX and records in the page's dataset how many were typeset
     * and whether every plot loaded (the browser test reads them).
     */
    private static final String SCRIPT = """
            <script>
            window.addEventListener('load', function () {
              var only = new URLSearchParams(location.search).get('chapter'); // index.html?chapter=optimization
              if (only) {
                document.querySelectorAll('section.chapter, section.pages, h2.part').forEach(function (s) {
                  if (s.id !== 'chapter-' + only) { s.remove(); }
                });
              }
              var root = document.documentElement, spans = document.querySelectorAll('span.math'), ok = 0;
              if (window.katex) {
                spans.forEach(function (el) {
                  try {
                    katex.render(el.textContent, el, {displayMode: el.classList.contains('display'), throwOnError: true});
                    ok++;
                  } catch (e) {
                    el.classList.add('math-error');
                    el.title = String(e);
                  }
                });
              }
              var imgs = document.querySelectorAll('img'), loaded = 0;
              imgs.forEach(function (im) { if (im.complete && im.naturalWidth > 0) { loaded++; } });
              root.dataset.math = ok + '/' + spans.length;
              root.dataset.plots = loaded + '/' + imgs.length;
              if (location.hash) { // typesetting moved the target of the link: scroll to it again
                var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
                if (target) { target.scrollIntoView(); }
              }
            });
            </script>
            """;
}
