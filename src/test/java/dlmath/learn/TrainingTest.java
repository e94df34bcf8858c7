package dlmath.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dlmath.nn.Layers;
import dlmath.nn.Losses;
import dlmath.nn.Params;
import dlmath.optim.Optimizers;
import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The training loop of the labs on a one-weight least-squares problem (the labs themselves: NN-14, NN-15). */
class TrainingTest {

    @Test
    void fitChecksItsArgumentsAndConverges() {
        Layers.Linear l = new Layers.Linear(1, 1);
        Params p = l.init(new SplittableRandom(0));
        var opt = Optimizers.sgd(0.05);
        Tensor x = Tensor.of(new double[][] {{1}, {2}, {3}});
        assertThatThrownBy(() -> Training.fit(l, p, Params.EMPTY, Losses::mse, Tensor.ones(3, 1), Tensor.ones(2, 1), 1, 1, opt,
                new SplittableRandom(0))).hasMessageContaining("3 inputs but 2 targets");
        assertThatThrownBy(() -> Training.fit(l, p, Params.EMPTY, Losses::mse, x, x, 0, 1, opt, new SplittableRandom(0)))
                .hasMessageContaining("batch size must be in [1, 3], got 0");
        assertThatThrownBy(() -> Training.fit(l, p, Params.EMPTY, Losses::mse, x, x, 4, 1, opt, new SplittableRandom(0)))
                .hasMessageContaining("got 4");
        assertThatThrownBy(() -> Training.fit(l, p, Params.EMPTY, Losses::mse, x, x, 1, -1, opt, new SplittableRandom(0)))
                .hasMessageContaining("epochs must be >= 0, got -1");
        assertThatThrownBy(() -> Training.fit(null, p, Params.EMPTY, Losses::mse, x, x, 1, 1, opt, new SplittableRandom(0)))
                .hasMessage("model");
        Training.Trained none = Training.fit(l, p, Params.EMPTY, Losses::mse, x, x, 1, 0, opt, new SplittableRandom(0));
        assertThat(none.epochLoss()).isEmpty();
        Training.Trained t = Training.fit(l, p, Params.EMPTY, Losses::mse, x, x.mul(2.0), 3, 400, opt, new SplittableRandom(0));
        assertThat(t.epochLoss()).hasSize(400);
        assertThat(t.epochLoss()[399]).isLessThan(t.epochLoss()[0] / 100);
        Tensor pred = l.predict(t.params(), t.state(), x);
        assertThat(pred.get(2, 0)).isCloseTo(6, within(0.2));
        Training.Trained two = Training.fit(l, p, Params.EMPTY, Losses::mse, x, x.mul(2.0), 2, 3, opt, new SplittableRandom(0));
        assertThat(two.epochLoss()).hasSize(3).doesNotContain(Double.NaN);
    }

    @Test
    void accuracyCountsTheArgmaxHits() {
        Layers.Linear l = new Layers.Linear(2, 2);
        Params p = l.init(new SplittableRandom(1));
        Tensor x = Tensor.of(new double[][] {{1, 0}, {0, 1}, {2, 1}});
        Tensor out = l.predict(p, Params.EMPTY, x);
        int[] labels = new int[3];
        for (int i = 0; i < 3; i++) {
            labels[i] = out.get(i, 0) >= out.get(i, 1) ? 0 : 1;
        }
        assertThat(Training.accuracy(l, p, Params.EMPTY, x, labels)).isEqualTo(1.0);
        labels[0] = 1 - labels[0];
        assertThat(Training.accuracy(l, p, Params.EMPTY, x, labels)).isEqualTo(2.0 / 3);
    }
}
