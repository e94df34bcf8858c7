package dlmath.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.nn.Layers.BatchNorm;
import dlmath.tensor.Tensor;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The API of dlmath.nn: PyTorch's shapes, defaults and names, and refusals that name the problem. */
class NnApiTest {

    final Graph g = new Graph();

    Var c(Tensor t) {
        return g.constant(t);
    }

    @Test
    void linearFollowsPytorchShapesAndInit() {
        Layers.Linear l = new Layers.Linear(4, 3);
        Params p = l.init(new SplittableRandom(0));
        assertThat(p.names()).containsExactly("weight", "bias");
        assertThat(p.get("weight").shape()).containsExactly(3, 4);
        assertThat(p.get("bias").shape()).containsExactly(3);
        assertThat(p.get("weight").abs().maxAll()).isLessThanOrEqualTo(0.5);
        assertThat(new Layers.Linear(4, 3, false).init(new SplittableRandom(0)).names()).containsExactly("weight");
        Tensor y = l.predict(p, Params.EMPTY, Tensor.ones(2, 4));
        assertThat(y.shape()).containsExactly(2, 3);
        assertThat(y.get(0, 0)).isEqualTo(p.get("weight").row(0).sumAll() + p.get("bias").get(0), org.assertj.core.api.Assertions.within(1e-12));
        assertThatThrownBy(() -> Functional.linear(c(Tensor.ones(2, 5)), c(Tensor.ones(3, 4)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 5]").hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> Functional.linear(c(Tensor.ones(2, 4)), c(Tensor.ones(3, 4)), c(Tensor.ones(2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias");
        assertThatThrownBy(() -> new Layers.Linear(0, 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in_features");
        assertThatThrownBy(() -> new Layers.Linear(3, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out_features");
    }

    @Test
    void conv2dShapesInitAndErrors() {
        Layers.Conv2d conv = new Layers.Conv2d(2, 5, 3, 2, 1);
        Params p = conv.init(new SplittableRandom(0));
        assertThat(p.get("weight").shape()).containsExactly(5, 2, 3, 3);
        assertThat(p.get("weight").abs().maxAll()).isLessThanOrEqualTo(1 / Math.sqrt(18));
        assertThat(conv.predict(p, Params.EMPTY, Tensor.ones(1, 2, 7, 6)).shape()).containsExactly(1, 5, 4, 3);
        assertThat(conv.toString()).contains("kernel_size=[3, 3]", "stride=[2, 2]", "padding=[1, 1]");
        assertThatThrownBy(() -> Functional.conv2d(c(Tensor.ones(1, 3, 4, 4)), c(Tensor.ones(1, 2, 3, 3)), null, new int[] {1, 1},
                new int[] {0, 0}, new int[] {1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 3, 4, 4]")
                .hasMessageContaining("[1, 2, 3, 3]");
        assertThatThrownBy(() -> Functional.conv2d(c(Tensor.ones(1, 1, 2, 2)), c(Tensor.ones(1, 1, 3, 3)), null, new int[] {1, 1},
                new int[] {0, 0}, new int[] {1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger than the padded input");
        assertThatThrownBy(() -> Functional.conv2d(c(Tensor.ones(1, 1, 4, 4)), c(Tensor.ones(1, 1, 3, 3)), c(Tensor.ones(2)), new int[] {1, 1},
                new int[] {0, 0}, new int[] {1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias");
        assertThatThrownBy(() -> Functional.conv2d(c(Tensor.ones(1, 1, 4, 4)), c(Tensor.ones(1, 1, 3, 3)), null, new int[] {0, 1},
                new int[] {0, 0}, new int[] {1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride must be >= 1, got 0");
        assertThatThrownBy(() -> Functional.conv2d(c(Tensor.ones(1, 1, 4, 4)), c(Tensor.ones(1, 1, 3, 3)), null, new int[] {1},
                new int[] {0, 0}, new int[] {1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride must have 2 entries");
        assertThatThrownBy(() -> Functional.conv2d(c(Tensor.ones(1, 1, 4, 4)), c(Tensor.ones(1, 1, 3, 3)), null, new int[] {1, 1},
                new int[] {-1, 0}, new int[] {1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("padding must be >= 0");
        assertThatThrownBy(() -> Im2col.conv2d(Tensor.ones(1, 1, 4), Tensor.ones(1, 1, 3, 3), new int[] {1, 1}, new int[] {0, 0},
                new int[] {1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 1, 4]");
        assertThatThrownBy(() -> ConvGeometry.of(new int[] {1, 1, 4}, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[N, C, H, W]");
    }

    @Test
    void poolingDefaultsAndErrors() {
        Tensor x = Tensor.arange(16).reshape(1, 1, 4, 4);
        assertThat(new Layers.MaxPool2d(2).predict(Params.EMPTY, Params.EMPTY, x).toArray()).containsExactly(5, 7, 13, 15);
        assertThat(new Layers.AvgPool2d(2).predict(Params.EMPTY, Params.EMPTY, x).toArray()).containsExactly(2.5, 4.5, 10.5, 12.5);
        // count_include_pad: the padded zeros count in the divisor
        Tensor padded = new Layers.AvgPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}).predict(Params.EMPTY, Params.EMPTY, x);
        assertThat(padded.get(0, 0, 0, 0)).isEqualTo(0.0);
        assertThat(padded.get(0, 0, 0, 1)).isEqualTo((1 + 2) / 4.0);
        assertThat(new Layers.MaxPool2d(2).toString()).contains("kernel_size=[2, 2]");
        assertThat(new Layers.AvgPool2d(2).toString()).contains("kernel_size=[2, 2]");
        assertThatThrownBy(() -> Functional.maxPool2d(c(x), new int[] {2, 2}, new int[] {2, 2}, new int[] {2, 0}, new int[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most half");
        assertThatThrownBy(() -> Functional.avgPool2d(c(x), new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most half");
        assertThatThrownBy(() -> Functional.maxPool2d(c(Tensor.ones(1, 1, 1, 1)), new int[] {2, 1}, new int[] {1, 1}, new int[] {1, 0},
                new int[] {2, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entirely in the padding");
        // ties: the first maximum in row-major order, NaN propagates
        Tensor ties = Tensor.of(new int[] {1, 1, 1, 3}, new double[] {1, 1, Double.NaN});
        assertThat(NnPrimitives.maxPoolArgmax(ties, dlmath.autodiff.Attrs.of("kernel", new int[] {1, 2}, "stride", new int[] {1, 1},
                "padding", new int[] {0, 0}, "dilation", new int[] {1, 1})).toArray()).containsExactly(0, 2);
    }

    @Test
    void batchNormModesStateAndErrors() {
        BatchNorm bn = BatchNorm.batchNorm1d(2);
        assertThat(bn.eps()).isEqualTo(1e-5);
        assertThat(bn.momentum()).isEqualTo(0.1);
        Params p = bn.init(null);
        assertThat(p.get("weight").toArray()).containsExactly(1, 1);
        assertThat(p.get("bias").toArray()).containsExactly(0, 0);
        Params s = bn.initState();
        assertThat(s.get("running_mean").toArray()).containsExactly(0, 0);
        assertThat(s.get("running_var").toArray()).containsExactly(1, 1);
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 6}});
        Layer.Out out = bn.apply(p.constants(g), s, c(x), Mode.TRAIN, null);
        assertThat(out.state().get("running_mean").toArray()).containsExactly(0.2, 0.4);
        assertThat(out.state().get("running_var").get(0)).isCloseTo(0.9 + 0.1 * 2, org.assertj.core.api.Assertions.within(1e-15));
        // eval: the running statistics, batch of 1 allowed
        Tensor e = bn.predict(p, Params.of("running_mean", Tensor.of(1, 2), "running_var", Tensor.of(4, 9)), Tensor.of(new double[][] {{3, 5}}));
        assertThat(e.get(0, 0)).isCloseTo(2 / Math.sqrt(4 + 1e-5), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(e.get(0, 1)).isCloseTo(3 / Math.sqrt(9 + 1e-5), org.assertj.core.api.Assertions.within(1e-15));
        assertThatThrownBy(() -> bn.apply(p.constants(g), s, c(Tensor.ones(1, 2)), Mode.TRAIN, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 1 value per channel");
        assertThatThrownBy(() -> bn.apply(p.constants(g), s, c(Tensor.ones(2, 3)), Mode.TRAIN, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channels");
        assertThatThrownBy(() -> BatchNorm.batchNorm2d(2).apply(p.constants(g), s, c(Tensor.ones(2, 2)), Mode.TRAIN, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[N, C, H, W]");
        assertThatThrownBy(() -> bn.apply(p.constants(g), s, c(Tensor.ones(2, 2, 2, 2)), Mode.TRAIN, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BatchNorm1d");
        assertThatThrownBy(() -> new BatchNorm(2, 0, 0.1, false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> new BatchNorm(2, 1e-5, 1.5, false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum");
        assertThatThrownBy(() -> new BatchNorm(0, 1e-5, 0.1, true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("num_features");
        assertThatThrownBy(() -> Functional.updateRunningStats(x, Tensor.zeros(2), Tensor.ones(2), -0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum");
        assertThatThrownBy(() -> Functional.batchNormTrain(c(x), c(Tensor.ones(2)), c(Tensor.ones(2)), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> Functional.batchNormEval(c(x), c(Tensor.ones(2)), c(Tensor.ones(2)), Tensor.zeros(3), Tensor.ones(2), 1e-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("running mean");
    }

    @Test
    void dropoutActivationsLossesAndErrors() {
        assertThatThrownBy(() -> new Layers.Dropout(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new Layers.Dropout2d(-0.1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.1");
        assertThat(Functional.dropout(c(Tensor.ones(3)), 1.0, Mode.TRAIN, new SplittableRandom(0)).value().toArray()).containsExactly(0, 0, 0);
        assertThat(Functional.dropout(c(Tensor.ones(3)), 0.0, Mode.TRAIN, null).value().toArray()).containsExactly(1, 1, 1);
        assertThatThrownBy(() -> Functional.dropoutWithMask(c(Tensor.ones(2)), Tensor.of(0.5, 1), 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or 1");
        assertThatThrownBy(() -> Functional.dropout2d(c(Tensor.ones(2, 2)), 0.5, Mode.TRAIN, new SplittableRandom(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[N, C, H, W]");
        Tensor z = Tensor.of(new double[][] {{-1, 0, 2}});
        for (Layers.Kind k : Layers.Kind.values()) {
            Tensor y = new Layers.Activation(k).predict(Params.EMPTY, Params.EMPTY, z);
            assertThat(y.shape()).containsExactly(1, 3);
        }
        assertThat(new Layers.Activation(Layers.Kind.LOG_SOFTMAX).predict(Params.EMPTY, Params.EMPTY, z).exp().sumAll())
                .isCloseTo(1, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(Functional.logSoftmax(c(z), -1).value().exp().sumAll()).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(new Layers.Flatten().predict(Params.EMPTY, Params.EMPTY, Tensor.ones(2, 3, 4)).shape()).containsExactly(2, 12);
        assertThatThrownBy(() -> Functional.flatten(c(Tensor.scalar(1)))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Losses.mse(c(Tensor.of(1, 3)), Tensor.of(0, 0)).value().item()).isEqualTo(5.0);
        assertThat(Losses.bceWithLogits(c(Tensor.of(0.0)), Tensor.of(1.0)).value().item()).isCloseTo(Math.log(2), org.assertj.core.api.Assertions.within(1e-15));
        assertThatThrownBy(() -> Losses.mse(c(Tensor.of(1, 3)), Tensor.of(0.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2]").hasMessageContaining("[1]");
        assertThatThrownBy(() -> Losses.crossEntropy(c(Tensor.ones(2, 3)), new int[] {0, 3})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 3");
        assertThatThrownBy(() -> Losses.crossEntropy(c(Tensor.ones(2, 3)), new int[] {0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Losses.crossEntropy(c(Tensor.ones(3)), Tensor.ones(3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Functional.attention(c(Tensor.ones(2, 3)), c(Tensor.ones(4, 2)), c(Tensor.ones(4, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Functional.attention(c(Tensor.ones(2, 3)), c(Tensor.ones(4, 3)), c(Tensor.ones(3, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values");
    }

    @Test
    void initializersParamsAndSequential() {
        assertThat(Init.fans(8, 4, 3, 3)).containsExactly(36, 72);
        assertThatThrownBy(() -> Init.fans(3)).isInstanceOf(IllegalArgumentException.class);
        SplittableRandom r = new SplittableRandom(0);
        assertThat(Init.xavierUniform(r, 10, 20).abs().maxAll()).isLessThanOrEqualTo(Math.sqrt(6.0 / 30));
        assertThat(Init.heUniform(r, 10, 20).abs().maxAll()).isLessThanOrEqualTo(Math.sqrt(6.0 / 20));
        assertThat(Init.heNormal(r, 10, 20).shape()).containsExactly(10, 20);
        Layers.Sequential m = Layers.Sequential.of(new Layers.Linear(2, 3), BatchNorm.batchNorm1d(3), new Layers.Activation(Layers.Kind.RELU));
        Params p = m.init(new SplittableRandom(0));
        assertThat(p.names()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias");
        assertThat(m.initState().names()).containsExactly("1.running_mean", "1.running_var");
        assertThat(p.count()).isEqualTo(6 + 3 + 3 + 3);
        assertThat(p.scope("1.").names()).containsExactly("weight", "bias");
        assertThat(m.describe()).hasSize(3);
        assertThat(p.toString()).contains("0.weight[3, 2]");
        assertThatThrownBy(() -> p.get("2.weight")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2.weight");
        assertThatThrownBy(() -> p.withTensors(Tensor.ones(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.withTensors(Tensor.ones(1), Tensor.ones(3), Tensor.ones(3), Tensor.ones(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.weight");
        assertThatThrownBy(() -> Params.of("a", Tensor.ones(1), "a", Tensor.ones(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Params.of("a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Params.of(1, Tensor.ones(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.merge(p)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Layers.Linear(2, 3).apply(Map.of(), Params.EMPTY, c(Tensor.ones(1, 2)), Mode.EVAL, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing parameter 'weight'");
    }
}
