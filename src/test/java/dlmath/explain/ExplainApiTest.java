package dlmath.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlmath.explain.IntegratedGradients.Rule;
import dlmath.nn.Layers;
import dlmath.nn.Params;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The explain package's entry points: validation in the user's terms, quadrature nodes, small exact cases. */
class ExplainApiTest {

    static final Target SUM_SQUARES = Target.of(new int[] {3}, x -> x.mul(x).sum());

    @Test
    void targetsRefuseBadShapesInputsAndOutputs() {
        assertThatThrownBy(() -> Target.of(null, x -> x)).isInstanceOf(NullPointerException.class).hasMessage("shape");
        assertThatThrownBy(() -> Target.of(new int[] {2}, null)).isInstanceOf(NullPointerException.class).hasMessage("f");
        assertThatThrownBy(() -> Target.of(new int[] {0}, x -> x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0]").hasMessageContaining("no entries");
        Target vectorValued = Target.of(new int[] {2}, x -> x);
        assertThatThrownBy(() -> vectorValued.value(Tensor.of(1, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one number").hasMessageContaining("[2]");
        Target nan = Target.of(new int[] {1}, x -> x.log().sum());
        assertThatThrownBy(() -> nan.value(Tensor.of(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not finite").hasMessageContaining("NaN");
        Target nullResult = Target.of(new int[] {1}, x -> null);
        assertThatThrownBy(() -> nullResult.value(Tensor.of(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> SUM_SQUARES.value(Tensor.of(1, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x has shape [2]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> SUM_SQUARES.gradient(Tensor.of(1, Double.NaN, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x[1]").hasMessageContaining("NaN");
        assertThatThrownBy(() -> SUM_SQUARES.value(null)).isInstanceOf(NullPointerException.class).hasMessage("x");
        Target steep = Target.of(new int[] {1}, x -> x.sqrt().sum());
        assertThatThrownBy(() -> steep.gradient(Tensor.of(0.0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite gradient");
        assertThat(SUM_SQUARES.shape()).containsExactly(3);
        assertThat(SUM_SQUARES.features()).isEqualTo(3);
        assertThat(SUM_SQUARES.toString()).contains("[3]");
        assertThat(SUM_SQUARES.gradient(Tensor.of(1, 2, 3)).toArray()).containsExactly(2, 4, 6);
        assertThat(SUM_SQUARES.value(Tensor.of(1, 2, 3))).isEqualTo(14);
    }

    @Test
    void modelTargetsPickOneOutput() {
        Layers.Linear lin = new Layers.Linear(2, 3);
        Params p = Params.of("weight", Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, 1}}), "bias", Tensor.of(0, 0, 10));
        Target t2 = Target.model(lin, p, Params.EMPTY, new int[] {2}, 2);
        assertThat(t2.value(Tensor.of(1, 2))).isEqualTo(13);
        assertThat(t2.gradient(Tensor.of(1, 2)).toArray()).containsExactly(1, 1);
        assertThat(Target.model(lin, p, Params.EMPTY, new int[] {2}, 0).value(Tensor.of(1, 2))).isEqualTo(1);
        assertThat(t2.toString()).contains("output 2");
        Target t3 = Target.model(lin, p, Params.EMPTY, new int[] {2}, 3);
        assertThatThrownBy(() -> t3.value(Tensor.of(1, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output 3 is out of range");
        Target t5 = Target.model(lin, p, Params.EMPTY, new int[] {2}, 5);
        assertThatThrownBy(() -> t5.value(Tensor.of(1, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output 5 is out of range").hasMessageContaining("3 outputs");
        assertThatThrownBy(() -> Target.model(lin, p, Params.EMPTY, new int[] {2}, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output must be >= 0, got -1");
        assertThatThrownBy(() -> Target.model(null, p, Params.EMPTY, new int[] {2}, 0)).hasMessage("model");
        assertThatThrownBy(() -> Target.model(lin, null, Params.EMPTY, new int[] {2}, 0)).hasMessage("params");
        assertThatThrownBy(() -> Target.model(lin, p, null, new int[] {2}, 0)).hasMessage("state");
        assertThatThrownBy(() -> Target.model(lin, p, Params.EMPTY, null, 0)).hasMessage("inputShape");
    }

    @Test
    void quadratureNodesAndWeights() {
        assertThat(Rule.LEFT.nodes(4)).containsExactly(0, 0.25, 0.5, 0.75);
        assertThat(Rule.RIGHT.nodes(4)).containsExactly(0.25, 0.5, 0.75, 1);
        assertThat(Rule.MIDPOINT.nodes(4)).containsExactly(0.125, 0.375, 0.625, 0.875);
        assertThat(Rule.TRAPEZOID.nodes(4)).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(Rule.TRAPEZOID.scaledWeights(2)).containsExactly(0.5, 1, 0.5);
        assertThat(Rule.LEFT.scaledWeights(2)).containsExactly(1, 1);
        assertThat(Rule.RIGHT.nodes(1)).containsExactly(1);
        assertThat(Rule.RIGHT.nodes(IntegratedGradients.MAX_STEPS)).hasSize(IntegratedGradients.MAX_STEPS);
        assertThatThrownBy(() -> Rule.LEFT.nodes(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Rule.LEFT.scaledWeights(IntegratedGradients.MAX_STEPS + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100001");
    }

    @Test
    void integratedGradientsValidateAndComputeExactly() {
        Tensor x = Tensor.of(1, 2, 3);
        Tensor zero = Tensor.zeros(3);
        // f = |x|^2 from 0: the gradient 2 a x is linear in a, so midpoint and trapezoid are exact: IG = x^2.
        assertThat(IntegratedGradients.attribute(SUM_SQUARES, x, zero, 2, Rule.MIDPOINT).toArray()).containsExactly(1, 4, 9);
        assertThat(IntegratedGradients.attribute(SUM_SQUARES, x, zero, 2, Rule.TRAPEZOID).toArray()).containsExactly(1, 4, 9);
        // left: 2 x^2 (0 + 1/2)/2 = x^2 / 2; right: 2 x^2 (1/2 + 1)/2 = 3 x^2 / 2.
        assertThat(IntegratedGradients.attribute(SUM_SQUARES, x, zero, 2, Rule.LEFT).toArray()).containsExactly(0.5, 2, 4.5);
        assertThat(IntegratedGradients.attribute(SUM_SQUARES, x, zero, 2, Rule.RIGHT).toArray()).containsExactly(1.5, 6, 13.5);
        assertThatThrownBy(() -> IntegratedGradients.attribute(SUM_SQUARES, x, zero, 0, Rule.LEFT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps m must be in [1, 100000], got 0");
        assertThatThrownBy(() -> IntegratedGradients.attribute(SUM_SQUARES, x, Tensor.zeros(2), 1, Rule.LEFT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseline has shape [2]");
        assertThatThrownBy(() -> IntegratedGradients.attribute(SUM_SQUARES, x, zero, 1, null)).hasMessage("rule");
        assertThatThrownBy(() -> IntegratedGradients.attribute(null, x, zero, 1, Rule.LEFT)).hasMessage("f");
        Target lin = Target.of(new int[] {1}, v -> v.sum());
        assertThatThrownBy(() -> IntegratedGradients.attribute(lin, Tensor.of(Double.MAX_VALUE), Tensor.of(-Double.MAX_VALUE), 1, Rule.LEFT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows at entry 0");
        Target steep = Target.of(new int[] {1}, v -> v.tanh().mul(1e300).sum());
        assertThatThrownBy(() -> IntegratedGradients.attribute(steep, Tensor.of(1e10), Tensor.of(0), 1, Rule.LEFT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attribution 0 overflows");
    }

    @Test
    void saliency() {
        Tensor x = Tensor.of(1, -2, 3);
        assertThat(Saliency.gradient(SUM_SQUARES, x).toArray()).containsExactly(2, -4, 6);
        assertThat(Saliency.gradientTimesInput(SUM_SQUARES, x).toArray()).containsExactly(2, 8, 18);
        assertThatThrownBy(() -> Saliency.gradient(null, x)).hasMessage("f");
        assertThatThrownBy(() -> Saliency.gradientTimesInput(null, x)).hasMessage("f");
    }

    @Test
    void shapleyRefusesTooManyFeaturesAndBadGames() {
        Target wide = Target.of(new int[] {13}, v -> v.sum());
        assertThatThrownBy(() -> Shapley.baseline(wide, Tensor.zeros(13), Tensor.zeros(13)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n = 13 features")
                .hasMessageContaining("MAX_FEATURES = 12").hasMessageContaining("2^n coalitions");
        assertThatThrownBy(() -> KernelShap.baseline(wide, Tensor.zeros(13), Tensor.zeros(13)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_FEATURES = 12");
        assertThatThrownBy(() -> Shapley.background(wide, Tensor.zeros(13), Tensor.zeros(1, 13)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_FEATURES = 12");
        assertThatThrownBy(() -> Shapley.values(s -> 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be >= 1, got 0");
        assertThatThrownBy(() -> Shapley.values(s -> s == 3 ? Double.NaN : 0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coalition 11").hasMessageContaining("NaN");
        assertThatThrownBy(() -> Shapley.values(s -> s == 1 ? Double.MAX_VALUE : -Double.MAX_VALUE, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows");
        assertThatThrownBy(() -> Shapley.values(null, 2)).hasMessage("v");
        assertThat(Shapley.values(s -> Integer.bitCount(s) == 2 ? 1 : 0, 2)).containsExactly(0.5, 0.5);
        Target t = Target.of(new int[] {2}, v -> v.sum());
        assertThatThrownBy(() -> Shapley.background(t, Tensor.zeros(2), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("background has shape [3]")
                .hasMessageContaining("[k, 2]");
        assertThatThrownBy(() -> Shapley.background(t, Tensor.zeros(2), Tensor.zeros(1, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("background has shape [1, 3]");
        assertThatThrownBy(() -> Shapley.interventional(wide, Tensor.zeros(13), Tensor.zeros(13)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Shapley.interventional").hasMessageContaining("n = 13");
        assertThatThrownBy(() -> Shapley.expected(wide, Tensor.zeros(13), Tensor.zeros(1, 13)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Shapley.expected").hasMessageContaining("n = 13");
        // n = 12 is the largest accepted: 4096 coalitions; v(S) = |S| gives every player 1.
        double[] twelve = Shapley.values(Integer::bitCount, 12);
        assertThat(twelve[0]).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(twelve[11]).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Shapley.values(s -> s, 1)).containsExactly(1);
        assertThatThrownBy(() -> Shapley.expected(t, Tensor.zeros(2), null)).hasMessage("background");
        assertThatThrownBy(() -> Shapley.interventional(null, Tensor.zeros(2), Tensor.zeros(2))).hasMessage("f");
        assertThat(Shapley.background(t, Tensor.of(1, 2), Tensor.of(new double[][] {{0, 0}, {2, 4}})).toArray())
                .containsExactly(0, 0);
        assertThat(Shapley.baseline(t, Tensor.of(1, 2), Tensor.of(0, 0)).toArray()).containsExactly(1, 2);
    }

    @Test
    void kernelShapRefusesBadKernels() {
        assertThatThrownBy(() -> KernelShap.values(s -> 0, 3, (n, s) -> 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size 1 among n = 3").hasMessageContaining("positive and finite, got 0.0");
        assertThatThrownBy(() -> KernelShap.values(s -> 0, 3, (n, s) -> s == 2 ? Double.NaN : 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size 2").hasMessageContaining("NaN");
        assertThatThrownBy(() -> KernelShap.values(s -> 0, 3, (n, s) -> s == 2 ? Double.POSITIVE_INFINITY : 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> KernelShap.values(s -> 0, 3, null)).hasMessage("kernel");
        assertThatThrownBy(() -> KernelShap.values(null, 3)).hasMessage("v");
        assertThatThrownBy(() -> KernelShap.values(s -> 0, 13)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAX_FEATURES = 12");
        assertThat(KernelShap.values(s -> s == 1 ? 5 : 0, 1)).containsExactly(5);
        assertThatThrownBy(() -> KernelShap.values(s -> s == 1 ? Double.MAX_VALUE : -Double.MAX_VALUE, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows");
        // v(S) = |S|^2 on 3 players: symmetric, so each gets v(N) / 3 = 3.
        double[] phi = KernelShap.values(s -> Integer.bitCount(s) * Integer.bitCount(s), 3);
        assertThat(phi[0]).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(phi[2]).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(KernelShap.SHAPLEY_KERNEL.weight(4, 2)).isEqualTo(3.0 / (6 * 2 * 2));
    }

    @Test
    void occlusionValidatesGroups() {
        Target t = Target.of(new int[] {3}, v -> v.mul(v).sum());
        Tensor x = Tensor.of(1, 2, 3);
        assertThat(Occlusion.attribute(t, x, Tensor.zeros(3)).toArray()).containsExactly(1, 4, 9);
        assertThat(Occlusion.attribute(t, x, Tensor.zeros(3), new int[] {0, 0, 2}).toArray()).containsExactly(5, 5, 9);
        assertThatThrownBy(() -> Occlusion.attribute(t, x, Tensor.zeros(3), new int[] {0, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groups has 2 entries, but the input has 3 features");
        assertThatThrownBy(() -> Occlusion.attribute(t, x, Tensor.zeros(3), new int[] {0, 3, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groups[1] = 3 is out of range [0, 3)");
        assertThatThrownBy(() -> Occlusion.attribute(t, x, Tensor.zeros(3), new int[] {0, -1, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groups[1] = -1");
        assertThatThrownBy(() -> Occlusion.attribute(t, x, Tensor.zeros(3), null)).hasMessage("groups");
        assertThatThrownBy(() -> Occlusion.attribute(null, x, Tensor.zeros(3))).hasMessage("f");
        Target big = Target.of(new int[] {1}, v -> v.sum());
        assertThatThrownBy(() -> Occlusion.attribute(big, Tensor.of(Double.MAX_VALUE), Tensor.of(-Double.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows");
    }

    /** Issue 11 (RB-01): the Shapley kernel refuses sizes outside (0, n) (it returned 0/0 = NaN at n = s = 1). */
    @Test
    void shapleyKernelRefusesSizesOutsideItsDomain() {
        assertThatThrownBy(() -> KernelShap.SHAPLEY_KERNEL.weight(1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n = 1, s = 1");
        assertThat(KernelShap.SHAPLEY_KERNEL.weight(4, 2)).isEqualTo(3.0 / (6 * 2 * 2));
        assertThat(KernelShap.SHAPLEY_KERNEL.weight(12, 11)).isEqualTo(11.0 / (12 * 11 * 1));
        // C(MAX, MAX / 2) overflows after about a thousand factors: the weight underflows to 0, at once
        assertThat(KernelShap.SHAPLEY_KERNEL.weight(Integer.MAX_VALUE, Integer.MAX_VALUE / 2)).isEqualTo(0.0);
    }
}
