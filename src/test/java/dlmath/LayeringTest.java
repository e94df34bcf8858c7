package dlmath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of the reference implementation (ARCHITECTURE.md): tensor &lt;- linalg &lt;- autodiff &lt;- nn;
 * tensor &lt;- optim; prob on autodiff; explain on nn and linalg; learn on top; variational on tensor, linalg, autodiff, prob and optim; no cycles. Each main package may use only
 * the packages listed for it; a violation names the file and the import.
 */
class LayeringTest {

    static final Map<String, Set<String>> ALLOWED = Map.of(
            "tensor", Set.of(),
            "linalg", Set.of("tensor"),
            "autodiff", Set.of("tensor", "linalg"),
            "nn", Set.of("tensor", "linalg", "autodiff"),
            "optim", Set.of("tensor"),
            "prob", Set.of("tensor", "linalg", "autodiff"),
            "explain", Set.of("tensor", "linalg", "autodiff", "nn"),
            "learn", Set.of("tensor", "linalg", "autodiff", "nn", "optim", "prob"),
            "variational", Set.of("tensor", "linalg", "autodiff", "optim", "prob"));

    static final Pattern USE = Pattern.compile("\\bdlmath\\.([a-z]+)\\b");

    @Test
    void mainPackagesDependOnlyOnLowerLayers() throws IOException {
        Path main = Path.of("src/main/java/dlmath");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = main.relativize(f).getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(f + ": package dlmath." + pkg + " is not in the layering of ARCHITECTURE.md");
                    continue;
                }
                for (String line : Files.readAllLines(f)) {
                    if (!line.startsWith("import ")) {
                        continue;
                    }
                    Matcher m = USE.matcher(line);
                    while (m.find()) {
                        String used = m.group(1);
                        if (!used.equals(pkg) && !allowed.contains(used)) {
                            violations.add(f + ": dlmath." + pkg + " must not use dlmath." + used + " (" + line.trim() + ")");
                        }
                    }
                }
            }
        }
        assertThat(violations).as(String.join("\n", violations)).isEmpty();
    }
}
