package dlmath.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The failure database: the last shrunk failing choice stream of each property, so the
 * next run replays it first (and deletes it once it passes).
 */
final class FailureDb {

    private final Path dir;

    FailureDb(Path dir) {
        this.dir = dir;
    }

    private Path file(String key) {
        return dir.resolve(key.replaceAll("[^A-Za-z0-9._#-]", "_").replace('#', '.') + ".choices");
    }

    long[] load(String key) {
        if (dir == null) {
            return null;
        }
        Path f = file(key);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            String text = Files.readString(f).trim();
            return text.isEmpty() ? new long[0] : Arrays.stream(text.split("\\s+")).mapToLong(Long::parseLong).toArray();
        } catch (IOException | NumberFormatException e) {
            return null; // a damaged entry is ignored, not fatal
        }
    }

    void save(String key, long[] choices) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            StringBuilder sb = new StringBuilder();
            for (long c : choices) {
                sb.append(c).append(' ');
            }
            Files.writeString(file(key), sb.toString().trim() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("failure database: cannot write " + file(key), e);
        }
    }

    void delete(String key) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException("failure database: cannot delete " + file(key), e);
        }
    }
}
