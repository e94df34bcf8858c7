package dlmath.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog is consistent, and the consistency check catches each kind of gap. */
class CatalogTest {

    static final Path THEOREMS = Path.of("theorems");
    static final Path TEST_CLASSES = Path.of("target/test-classes");

    @Test
    void everyPageHasAClassEveryClassHasAPageAndTheIndexIsComplete() {
        List<String> problems = Catalog.problems(THEOREMS, TEST_CLASSES);
        assertThat(problems).as("catalog problems:\n  " + String.join("\n  ", problems)).isEmpty();
    }

    private static Path copyOfCatalog(Path tmp) throws IOException {
        Path copy = tmp.resolve("theorems");
        try (Stream<Path> files = Files.walk(THEOREMS)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(THEOREMS.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return copy;
    }

    private static Path firstPage(Path catalog) throws IOException {
        try (Stream<Path> files = Files.walk(catalog)) {
            return files.filter(f -> Catalog.PAGE.matcher(f.getFileName().toString()).matches()).sorted().findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void aMissingPageIsNamed(@TempDir Path tmp) throws IOException {
        Path catalog = copyOfCatalog(tmp);
        Path page = firstPage(catalog);
        String id = page.getFileName().toString().substring(0, 5);
        Files.delete(page);
        assertThat(Catalog.problems(catalog, TEST_CLASSES)).anyMatch(p -> p.contains(id) && p.contains("has no page"));
    }

    @Test
    void aPageWithoutClassARepeatedIdAMissingRowAndAMissingSectionAreNamed(@TempDir Path tmp) throws IOException {
        Path catalog = copyOfCatalog(tmp);
        Path page = firstPage(catalog);
        String id = page.getFileName().toString().substring(0, 5);
        Files.writeString(page.resolveSibling("ZZ-99-orphan.md"), "# ZZ-99 Orphan\n");
        Files.copy(page, page.resolveSibling(id + "-duplicate.md"));
        String index = Files.readString(catalog.resolve("README.md"));
        Files.writeString(catalog.resolve("README.md"), index.lines().filter(l -> !l.contains(id))
                .reduce("", (a, b) -> a + b + "\n"));
        String text = Files.readString(page);
        Files.writeString(page, text.replace("\n## Tolerance\n", "\n## Tolerances (renamed)\n"));
        List<String> problems = Catalog.problems(catalog, TEST_CLASSES);
        assertThat(problems).anyMatch(p -> p.contains("ZZ-99") && p.contains("has no theorem class"));
        assertThat(problems).anyMatch(p -> p.contains("id " + id + " repeats"));
        assertThat(problems).anyMatch(p -> p.contains("misses the index row of " + id));
        assertThat(problems).anyMatch(p -> p.contains("lacks the section '## Tolerance'"));
    }
}
