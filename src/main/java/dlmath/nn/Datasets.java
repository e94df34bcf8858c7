package dlmath.nn;

import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;

/**
 * Loading the labs' data sets (see {@code data/README.md}): a CSV reader of our own (comma
 * separated numbers, optional gzip) with errors that name the file, the line and the field, a
 * stratified split and standardization.
 */
public final class Datasets {

    private Datasets() {
    }

    /**
     * Features and class labels.
     *
     * @param x the features [n, d] (or images [n, 1, h, w])
     * @param labels the classes, one per row
     * @param classes the number of classes
     */
    public record Dataset(Tensor x, int[] labels, int classes) {
        /** Checks the counts. */
        public Dataset {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(labels, "labels");
            if (x.dim(0) != labels.length) {
                throw new IllegalArgumentException("Dataset: " + x.dim(0) + " rows but " + labels.length + " labels");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= classes) {
                    throw new IllegalArgumentException("Dataset: label " + labels[i] + " of row " + i + " is not in [0, " + classes + ")");
                }
            }
            labels = labels.clone();
        }

        @Override
        public int[] labels() {
            return labels.clone();
        }

        /**
         * The rows with these indices.
         *
         * @param idx row indices
         * @return the subset
         */
        public Dataset rows(int[] idx) {
            return new Dataset(take(x, idx), pick(labels, idx), classes);
        }

        /**
         * One-hot targets.
         *
         * @return [n, classes]
         */
        public Tensor oneHot() {
            return Losses.oneHot(labels, classes);
        }
    }

    /**
     * Reads comma-separated numbers, one row per line (blank lines skipped), from a plain or
     * gzip-compressed ({@code .gz}) file.
     *
     * @param file the file
     * @param skipLines header lines to skip
     * @param columns the required number of fields per row
     * @return the rows
     * @throws IllegalArgumentException if a row has another number of fields or a field is not a
     *     finite number (naming the file, line and field)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<double[]> readCsv(Path file, int skipLines, int columns) {
        Objects.requireNonNull(file, "file");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(file.toString(), r, skipLines, columns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static List<double[]> parse(String name, BufferedReader r, int skipLines, int columns) throws IOException {
        List<double[]> rows = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (lineNo <= skipLines || line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != columns) {
                throw new IllegalArgumentException(name + ":" + lineNo + ": expected " + columns + " fields, found " + f.length
                        + ": '" + abbreviate(line) + "'");
            }
            double[] v = new double[columns];
            for (int j = 0; j < columns; j++) {
                try {
                    v[j] = Double.parseDouble(f[j].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": field " + (j + 1) + " is not a number: '" + f[j] + "'");
                }
                if (!Double.isFinite(v[j])) {
                    throw new IllegalArgumentException(name + ":" + lineNo + ": field " + (j + 1) + " is not finite: '" + f[j] + "'");
                }
            }
            rows.add(v);
        }
        return rows;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static Dataset split(String name, List<double[]> rows, int features, int classes, int[] imageShape) {
        int n = rows.size();
        double[] x = new double[n * features];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows.get(i);
            System.arraycopy(r, 0, x, i * features, features);
            double label = r[features];
            if (label != Math.rint(label) || label < 0 || label >= classes) {
                throw new IllegalArgumentException(name + ": row " + (i + 1) + " has class " + label + ", expected an integer in [0, "
                        + classes + ")");
            }
            y[i] = (int) label;
        }
        int[] shape = imageShape == null ? new int[] {n, features} : new int[] {n, 1, imageShape[0], imageShape[1]};
        return new Dataset(Tensor.of(shape, x), y, classes);
    }

    /**
     * The wine data: 178 rows of 13 features and a class 0-2; the header line states the counts.
     *
     * @param file {@code data/wine_data.csv}
     * @return x [178, 13] and labels
     * @throws IllegalArgumentException if the header's counts disagree with the rows
     */
    public static Dataset wine(Path file) {
        Objects.requireNonNull(file, "file");
        List<double[]> header = readHeader(file);
        List<double[]> rows = readCsv(file, 1, 14);
        if (header != null && (int) header.get(0)[0] != rows.size()) {
            throw new IllegalArgumentException(file + ": header announces " + (int) header.get(0)[0] + " rows, found " + rows.size());
        }
        return split(file.toString(), rows, 13, 3, null);
    }

    private static List<double[]> readHeader(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null) {
                throw new IllegalArgumentException(file + ": empty file");
            }
            String[] f = first.split(",");
            try {
                return List.of(new double[] {Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim())});
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException(file + ":1: expected a header 'rows,features,class names...', found '"
                        + abbreviate(first) + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The digits: 1797 rows of 64 pixels (0-16) and a digit 0-9.
     *
     * @param file {@code data/digits.csv.gz}
     * @return images [1797, 1, 8, 8] and labels
     */
    public static Dataset digits(Path file) {
        Objects.requireNonNull(file, "file");
        return split(file.toString(), readCsv(file, 0, 65), 64, 10, new int[] {8, 8});
    }

    /**
     * A stratified split: within each class, the rows are shuffled and the first
     * round(fraction * count) go to the test set.
     *
     * @param d the data
     * @param testFraction in (0, 1)
     * @param rng the generator of the shuffles
     * @return {train, test}
     */
    public static Dataset[] stratifiedSplit(Dataset d, double testFraction, RandomGenerator rng) {
        Objects.requireNonNull(d, "d");
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("stratifiedSplit: test fraction must be in (0, 1), got " + testFraction);
        }
        Objects.requireNonNull(rng, "rng");
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        int[] labels = d.labels();
        for (int c = 0; c < d.classes(); c++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    idx.add(i);
                }
            }
            for (int i = idx.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                Integer t = idx.get(i);
                idx.set(i, idx.get(j));
                idx.set(j, t);
            }
            int nTest = (int) Math.round(testFraction * idx.size());
            test.addAll(idx.subList(0, nTest));
            train.addAll(idx.subList(nTest, idx.size()));
        }
        return new Dataset[] {d.rows(train.stream().mapToInt(Integer::intValue).toArray()),
            d.rows(test.stream().mapToInt(Integer::intValue).toArray())};
    }

    /**
     * Standardizes columns with the mean and (biased) standard deviation of a reference set (the
     * training set), as scikit-learn's StandardScaler; constant columns are only centered.
     *
     * @param reference the rows the statistics come from [n, d]
     * @param x the rows to transform [m, d]
     * @return (x - mean) / std
     */
    public static Tensor standardize(Tensor reference, Tensor x) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(x, "x");
        Tensor mean = reference.mean(new int[] {0}, true);
        Tensor std = reference.sub(mean).square().mean(new int[] {0}, true).sqrt();
        Tensor safe = std.map(s -> s == 0 ? 1 : s);
        return x.sub(mean).div(safe);
    }

    static Tensor rows(Tensor x, int[] idx) {
        int[] shape = x.shape();
        int width = x.size() / shape[0];
        double[] v = x.toArray();
        double[] out = new double[Checks.sizeProduct("take", idx.length, width)];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(v, idx[i] * width, out, i * width, width);
        }
        shape[0] = idx.length;
        return Tensor.of(shape, out);
    }

    static int[] pick(int[] a, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    /**
     * The rows of a tensor with these indices (for batching).
     *
     * @param x [n, ...]
     * @param idx row indices
     * @return [idx.length, ...]
     */
    public static Tensor take(Tensor x, int[] idx) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(idx, "idx");
        if (x.rank() == 0) {
            throw new IllegalArgumentException("take: x must have rows, got a scalar");
        }
        for (int i : idx) {
            if (i < 0 || i >= x.dim(0)) {
                throw new IllegalArgumentException("take: row " + i + " out of range for " + Arrays.toString(x.shape()));
            }
        }
        return rows(x, idx);
    }
}
