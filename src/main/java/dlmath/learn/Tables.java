package dlmath.learn;

import dlmath.nn.Datasets;
import dlmath.nn.Datasets.Dataset;
import dlmath.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The real table of the first lab's pipeline (see {@code data/README.md}): the Wisconsin diagnostic
 * breast-cancer data in scikit-learn's CSV layout, read with {@link Datasets#readCsv}.
 */
public final class Tables {

    private Tables() {
    }

    /**
     * The breast-cancer table: a header {@code 569,30,malignant,benign} (rows, features, the names of
     * the classes 0 and 1), then one row per tumour: 30 features and the class. The labels returned
     * are 1 for malignant (the file's class 0: the positive, minority class, 212 of 569) and 0 for
     * benign.
     *
     * @param file {@code data/breast_cancer.csv}
     * @return x [569, 30] and the 0/1 labels (1 = malignant), 2 classes
     * @throws IllegalArgumentException if the header is malformed or its counts disagree with the rows, or
     *     a class is not 0/1 (naming the file and the line)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Dataset breastCancer(Path file) {
        Objects.requireNonNull(file, "file");
        int rows;
        int features;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            String[] f = first == null ? new String[0] : first.split(",");
            try {
                rows = Integer.parseInt(f[0].trim());
                features = Integer.parseInt(f[1].trim());
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException(file + ":1: expected a header 'rows,features,class names...', found '"
                        + first + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (features < 1 || rows < 1) {
            throw new IllegalArgumentException(file + ":1: the header announces " + rows + " rows of " + features
                    + " features");
        }
        List<double[]> data = Datasets.readCsv(file, 1, features + 1);
        if (data.size() != rows) {
            throw new IllegalArgumentException(file + ": the header announces " + rows + " rows, found " + data.size());
        }
        double[] x = new double[Math.multiplyExact(rows, features)];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            double[] r = data.get(i);
            System.arraycopy(r, 0, x, i * features, features);
            double c = r[features];
            if (c != 0 && c != 1) {
                throw new IllegalArgumentException(file + ":" + (i + 2) + ": class " + c + " is not 0 (malignant) or 1 (benign)");
            }
            y[i] = c == 0 ? 1 : 0;
        }
        return new Dataset(Tensor.of(new int[] {rows, features}, x), y, 2);
    }
}
