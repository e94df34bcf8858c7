package dlmath.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;

/**
 * The theorem catalog's consistency rules: every page under {@code theorems/<chapter>/}
 * has a theorem class in {@code dlmath.theorems.<chapter>} with the same id and name and
 * vice versa, ids are unique, every theorem has a row in {@code theorems/README.md}, each
 * page has the required sections, and each class is tagged with its chapter.
 */
public final class Catalog {

    static final Pattern PAGE = Pattern.compile("([A-Z]{2,3}-\\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\\.md");
    static final List<String> SECTIONS = List.of("## Statement", "## Hypotheses", "## Reference",
            "## What the check generates", "## Tolerance", "## Necessity and sharpness");

    /** A theorem page. */
    record Page(String id, String chapter, Path file, String text) {
    }

    /** A theorem class. */
    record Entry(String id, String name, String chapter, Class<?> type) {
    }

    private Catalog() {
    }

    /** Every problem found, as a readable line; empty when the catalog is consistent. */
    public static List<String> problems(Path theoremsDir, Path testClassesDir) {
        List<String> problems = new ArrayList<>();
        Map<String, Page> pages = pages(theoremsDir, problems);
        Map<String, Entry> classes = classes(testClassesDir, problems);
        String index = read(theoremsDir.resolve("README.md"), problems);

        for (Page p : pages.values()) {
            Entry e = classes.get(p.id());
            if (e == null) {
                problems.add("page " + rel(theoremsDir, p.file()) + " has no theorem class: expected a class in "
                        + "src/test/java/dlmath/theorems/" + p.chapter() + "/ annotated @Theorem(id = \"" + p.id() + "\", ...)");
            }
        }
        for (Entry e : classes.values()) {
            Page p = pages.get(e.id());
            String cls = e.type().getSimpleName();
            if (p == null) {
                problems.add("class " + e.type().getName() + " (" + e.id() + ") has no page: expected theorems/"
                        + e.chapter() + "/" + e.id() + "-<slug>.md (copy theorems/TEMPLATE.md)");
                continue;
            }
            if (!p.chapter().equals(e.chapter())) {
                problems.add(e.id() + ": page is in chapter '" + p.chapter() + "' but class " + e.type().getName()
                        + " is in chapter '" + e.chapter() + "'");
            }
            String heading = "# " + e.id() + " " + e.name();
            if (!p.text().startsWith(heading + "\n")) {
                problems.add(e.id() + ": page " + rel(theoremsDir, p.file()) + " must start with the heading '"
                        + heading + "' (the @Theorem name)");
            }
            if (!p.text().contains(cls)) {
                problems.add(e.id() + ": page " + rel(theoremsDir, p.file()) + " does not name its class " + cls);
            }
            for (String section : SECTIONS) {
                if (!p.text().contains("\n" + section + "\n")) {
                    problems.add(e.id() + ": page " + rel(theoremsDir, p.file()) + " lacks the section '" + section + "'");
                }
            }
            if (index != null && index.lines().noneMatch(l -> l.startsWith("|") && l.contains(e.id())
                    && l.contains(e.name()) && l.contains(e.chapter()) && l.contains(cls))) {
                problems.add("theorems/README.md misses the index row of " + e.id() + ": | [" + e.id() + "]("
                        + e.chapter() + "/" + p.file().getFileName() + ") | " + e.name() + " | " + e.chapter() + " | `"
                        + cls + "` |");
            }
            Tag tag = e.type().getAnnotation(Tag.class);
            if (tag == null || !tag.value().equals(e.chapter())) {
                problems.add(e.id() + ": class " + e.type().getName() + " must be tagged @Tag(\"" + e.chapter()
                        + "\") so that -Dgroups=" + e.chapter() + " runs its chapter");
            }
        }
        return problems;
    }

    private static Map<String, Page> pages(Path dir, List<String> problems) {
        Map<String, Page> pages = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            problems.add("no catalog directory " + dir);
            return pages;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                if (f.getParent().equals(dir)) {
                    continue; // README.md, TEMPLATE.md
                }
                String chapter = dir.relativize(f.getParent()).toString().replace('\\', '/');
                Matcher m = PAGE.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    problems.add("page " + rel(dir, f) + " is not named <ID>-<slug>.md (e.g. PI-01-gibbs-inequality.md)");
                    continue;
                }
                Page p = new Page(m.group(1), chapter, f, Files.readString(f).replace("\r\n", "\n"));
                Page old = pages.put(p.id(), p);
                if (old != null) {
                    problems.add("id " + p.id() + " repeats: pages " + rel(dir, old.file()) + " and " + rel(dir, f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    private static Map<String, Entry> classes(Path testClasses, List<String> problems) {
        Map<String, Entry> out = new LinkedHashMap<>();
        Path root = testClasses.resolve("dlmath/theorems");
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String rel = testClasses.relativize(f).toString().replace('\\', '/');
                if (rel.contains("$")) {
                    continue;
                }
                String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                Class<?> cls;
                try {
                    cls = Class.forName(name, false, Catalog.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    continue; // a stale class file of a deleted source
                }
                Theorem t = cls.getAnnotation(Theorem.class);
                if (t == null) {
                    if (!Set.of("package-info").contains(cls.getSimpleName()) && !cls.isInterface()
                            && !java.lang.reflect.Modifier.isAbstract(cls.getModifiers()) && hasTests(cls)) {
                        problems.add("class " + name + " is in dlmath.theorems but has no @Theorem");
                    }
                    continue;
                }
                Entry e = new Entry(t.id(), t.name(), TheoremSummaryListener.chapter(cls), cls);
                Entry old = out.put(t.id(), e);
                if (old != null) {
                    problems.add("id " + t.id() + " repeats: classes " + old.type().getName() + " and " + name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean hasTests(Class<?> cls) {
        for (var m : cls.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Property.class) || m.isAnnotationPresent(Counterexample.class)
                    || m.isAnnotationPresent(org.junit.jupiter.api.Test.class)) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path f, List<String> problems) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            problems.add("no index " + f + " (the table of every theorem)");
            return null;
        }
    }

    private static String rel(Path dir, Path f) {
        return "theorems/" + dir.relativize(f).toString().replace('\\', '/');
    }
}
