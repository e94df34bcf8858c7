package dlmath.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlmath.nn.Datasets.Dataset;
import dlmath.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data loader: the shipped files, malformed rows, splits and scaling. */
class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void shippedFilesLoad() {
        Dataset wine = Datasets.wine(Path.of("data", "wine_data.csv"));
        assertThat(wine.x().shape()).containsExactly(178, 13);
        assertThat(wine.classes()).isEqualTo(3);
        assertThat(wine.x().get(0, 0)).isEqualTo(14.23);
        assertThat(wine.labels()[0]).isEqualTo(0);
        assertThat(wine.labels()[177]).isEqualTo(2);
        Dataset digits = Datasets.digits(Path.of("data", "digits.csv.gz"));
        assertThat(digits.x().shape()).containsExactly(1797, 1, 8, 8);
        assertThat(digits.x().maxAll()).isEqualTo(16.0);
        assertThat(digits.labels()[1]).isEqualTo(1);
    }

    @Test
    void malformedRowsAreNamed() throws IOException {
        Path short_ = dir.resolve("a.csv");
        Files.writeString(short_, "1,2,3\n4,5\n");
        assertThatThrownBy(() -> Datasets.readCsv(short_, 0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a.csv:2").hasMessageContaining("expected 3 fields, found 2");
        Path bad = dir.resolve("b.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(bad))) {
            o.write("1,2\n\n3,x\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> Datasets.readCsv(bad, 0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b.csv.gz:3").hasMessageContaining("field 2 is not a number: 'x'");
        Path inf = dir.resolve("c.csv");
        Files.writeString(inf, "h\n1,Infinity\n");
        assertThatThrownBy(() -> Datasets.readCsv(inf, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c.csv:2").hasMessageContaining("not finite");
        assertThatThrownBy(() -> Datasets.readCsv(dir.resolve("missing.csv"), 0, 2)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.csv");
        Path wine = dir.resolve("wine.csv");
        Files.writeString(wine, "2,13,a,b,c\n" + "1,".repeat(13) + "0\n");
        assertThatThrownBy(() -> Datasets.wine(wine)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("announces 2 rows, found 1");
        Path label = dir.resolve("label.csv");
        Files.writeString(label, "1,13,a,b,c\n" + "1,".repeat(13) + "3\n");
        assertThatThrownBy(() -> Datasets.wine(label)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 3.0");
        Path header = dir.resolve("header.csv");
        Files.writeString(header, "rows,13\n");
        assertThatThrownBy(() -> Datasets.wine(header)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> Datasets.wine(empty)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void stratifiedSplitKeepsClassProportions() {
        Dataset wine = Datasets.wine(Path.of("data", "wine_data.csv"));
        Dataset[] s = Datasets.stratifiedSplit(wine, 0.2, new SplittableRandom(1));
        assertThat(s[0].labels().length + s[1].labels().length).isEqualTo(178);
        int[] counts = new int[3];
        for (int l : s[1].labels()) {
            counts[l]++;
        }
        assertThat(counts).containsExactly(12, 14, 10);
        assertThatThrownBy(() -> Datasets.stratifiedSplit(wine, 1.0, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
        Tensor z = Datasets.standardize(s[0].x(), s[0].x());
        assertThat(z.mean(new int[] {0}, false).normInf()).isLessThan(1e-12);
        assertThat(z.square().mean(new int[] {0}, false).sub(1.0).normInf()).isLessThan(1e-12);
        Tensor constant = Tensor.of(new double[][] {{1, 2}, {1, 4}});
        assertThat(Datasets.standardize(constant, constant).toArray()).containsExactly(0, -1, 0, 1);
        assertThatThrownBy(() -> Datasets.take(constant, new int[] {2})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2");
        assertThatThrownBy(() -> new Dataset(Tensor.ones(2, 1), new int[] {0}, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Dataset(Tensor.ones(1, 1), new int[] {2}, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(s[1].oneHot().sum(new int[] {1}, false).toArray()).containsOnly(1.0);
    }

    @Test
    void fitChecksItsArguments() {
        Layers.Linear l = new Layers.Linear(1, 1);
        Params p = l.init(new SplittableRandom(0));
        var opt = dlmath.optim.Optimizers.adam(0.1);
        assertThatThrownBy(() -> dlmath.learn.Training.fit(l, p, Params.EMPTY, Losses::mse, Tensor.ones(3, 1), Tensor.ones(2, 1), 1, 1, opt,
                new SplittableRandom(0))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 inputs but 2 targets");
        assertThatThrownBy(() -> dlmath.learn.Training.fit(l, p, Params.EMPTY, Losses::mse, Tensor.ones(3, 1), Tensor.ones(3, 1), 4, 1, opt,
                new SplittableRandom(0))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch size");
        assertThatThrownBy(() -> dlmath.learn.Training.fit(l, p, Params.EMPTY, Losses::mse, Tensor.ones(3, 1), Tensor.ones(3, 1), 1, -1, opt,
                new SplittableRandom(0))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs");
        // least squares y = 2x: the loss decreases and the last incomplete batch is dropped
        Tensor x = Tensor.of(new double[][] {{1}, {2}, {3}});
        dlmath.learn.Training.Trained t = dlmath.learn.Training.fit(l, p, Params.EMPTY, Losses::mse, x, x.mul(2.0), 2, 50, opt, new SplittableRandom(0));
        assertThat(t.epochLoss()[49]).isLessThan(t.epochLoss()[0]);
    }
}
