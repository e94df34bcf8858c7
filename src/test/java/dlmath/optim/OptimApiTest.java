package dlmath.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * API boundary of {@code dlmath.optim}: bad input is an {@link IllegalArgumentException} naming the
 * parameter and value (or both shapes), null a {@link NullPointerException} naming the argument;
 * states are inspectable values. The update formulas themselves are checked by the theorems of the
 * optimization chapter (OPT-10, OPT-13, OPT-14, OPT-19).
 */
class OptimApiTest {

    static final Tensor[] P = {Tensor.of(1, 2)};
    static final Tensor[] G = {Tensor.of(0.5, -1)};

    @Test
    void factoriesRefuseBadHyperparametersNamingThem() {
        assertThatThrownBy(() -> Optimizers.sgd(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lr").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> Optimizers.sgd(0.1, Double.NaN)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> Optimizers.sgd(0.1, 0, 0, 0, true)).hasMessageContaining("Nesterov");
        assertThatThrownBy(() -> Optimizers.sgd(0.1, 0.9, 0.1, 0, true)).hasMessageContaining("dampening 0.1");
        assertThatThrownBy(() -> Optimizers.sgd(0.1, 0.9, Double.POSITIVE_INFINITY, 0, false))
                .hasMessageContaining("dampening");
        assertThatThrownBy(() -> Optimizers.sgd(0.1, 0, 0, -0.5, false)).hasMessageContaining("weightDecay")
                .hasMessageContaining("-0.5");
        assertThatThrownBy(() -> Optimizers.adam(0.1, 1.0, 0.999, 1e-8, 0, false)).hasMessageContaining("beta1")
                .hasMessageContaining("1.0");
        assertThatThrownBy(() -> Optimizers.adam(0.1, 0.9, -0.1, 1e-8, 0, false)).hasMessageContaining("beta2");
        assertThatThrownBy(() -> Optimizers.adamW(0.1, 0.9, 0.99, -1, 0, false)).hasMessageContaining("eps");
        assertThatThrownBy(() -> Optimizers.adamW(Double.NaN)).hasMessageContaining("lr");
        assertThatThrownBy(() -> Optimizers.adagrad(0.1, -1, 0, 0, 1e-10)).hasMessageContaining("lrDecay");
        assertThatThrownBy(() -> Optimizers.adagrad(0.1, 0, 0, -1, 1e-10)).hasMessageContaining("initialAccumulatorValue");
        assertThatThrownBy(() -> Optimizers.rmsprop(0.1, 1.5, 1e-8, 0, 0, false)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> Optimizers.rmsprop(0.1, 0.9, 1e-8, 0, -2, false)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> Optimizers.fista(-0.1)).hasMessageContaining("lr");
        assertThatThrownBy(() -> Links.scale(Double.NaN)).hasMessageContaining("factor");
        assertThatThrownBy(() -> Links.chain()).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Links.traceMomentum(0, 0, true)).hasMessageContaining("Nesterov");
        assertThatThrownBy(() -> Links.traceMomentum(0.5, Double.NaN, false)).hasMessageContaining("dampening");
        assertThatThrownBy(() -> Links.chain((Optimizer) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("links[0]");
    }

    @Test
    void updatesRefuseMismatchedShapesCountsAndNonFiniteGradients() {
        Optimizer adam = Optimizers.adam(0.1);
        State s = adam.init(P);
        assertThatThrownBy(() -> adam.update(new Tensor[] {Tensor.of(1, 2, 3)}, s, P))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> adam.update(new Tensor[] {G[0], G[0]}, s, P)).hasMessageContaining("2 tensors")
                .hasMessageContaining("1");
        assertThatThrownBy(() -> adam.update(new Tensor[] {Tensor.of(1, Double.NaN)}, s, P))
                .hasMessageContaining("NaN").hasMessageContaining("finite");
        assertThatThrownBy(() -> adam.update(new Tensor[] {Tensor.of(1e200, 1)}, s, P))
                .hasMessageContaining("overflowed");
        assertThatThrownBy(() -> adam.update(G, new State.Count(0), P)).hasMessageContaining("Chain");
        assertThatThrownBy(() -> adam.update(null, s, P)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("grads");
        assertThatThrownBy(() -> adam.init()).hasMessageContaining("at least one parameter");
        assertThatThrownBy(() -> Optimizer.apply(P, new Tensor[] {Tensor.of(1)})).hasMessageContaining("[1]")
                .hasMessageContaining("[2]");
        State other = Optimizers.sgd(0.1, 0.9).init(Tensor.of(1, 2, 3));
        assertThatThrownBy(() -> Optimizers.sgd(0.1, 0.9).update(G, other, P)).hasMessageContaining("buffer")
                .hasMessageContaining("[3]");
    }

    @Test
    void stateIsAnInspectableValue() {
        Optimizer adam = Optimizers.adam(0.1, 0.9, 0.999, 1e-8, 0, true);
        State s0 = adam.init(P);
        State.Adam a0 = ((State.Chain) s0).find(State.Adam.class);
        assertThat(a0.t()).isZero();
        assertThat(a0.m()[0]).isEqualTo(Tensor.zeros(2));
        Step step = adam.update(G, s0, P);
        State.Adam a1 = ((State.Chain) step.state()).find(State.Adam.class);
        assertThat(a1.t()).isEqualTo(1);
        assertThat(a1.vMax()[0]).isEqualTo(a1.v()[0]);
        assertThat(((State.Chain) s0).find(State.Adam.class).t()).as("init state unchanged").isZero();
        assertThatThrownBy(() -> ((State.Chain) s0).find(State.Momentum.class)).hasMessageContaining("Momentum");
        assertThat(((State.Chain) Optimizers.adam(0.1).init(P)).find(State.Adam.class).vMax()).isNull();
        Tensor[] moved = Optimizer.apply(P, step.updates());
        assertThat(moved[0].get(0)).isLessThan(1);
        assertThat(Optimizers.sgd(0.5).run(x -> G, P, 2).length).isEqualTo(3);
    }

    @Test
    void zeroGradientsWithZeroEpsGiveZeroSteps() {
        Optimizer adam = Optimizers.adam(0.1, 0.9, 0.999, 0, 0, false);
        Tensor[] zero = {Tensor.zeros(2)};
        Step s = adam.update(zero, adam.init(P), P);
        assertThat(s.updates()[0].normInf()).isZero();
        Optimizer ada = Optimizers.adagrad(0.1, 0, 0, 0, 0);
        assertThat(ada.update(zero, ada.init(P), P).updates()[0].normInf()).isZero();
        Optimizer rms = Optimizers.rmsprop(0.1, 0, 0, 0, 0, true); // alpha 0: v~ = g^2 - g^2 = 0
        assertThatThrownBy(() -> rms.update(G, rms.init(P), P))
                .hasMessageContaining("eps > 0");
    }

    @Test
    void schedulesFollowTheirFormulasAndRefuseBadArguments() {
        assertThat(Schedules.constant(0.3).at(7)).isEqualTo(0.3);
        assertThat(Schedules.step(1, 2, 0.5).at(1)).isEqualTo(1);
        assertThat(Schedules.step(1, 2, 0.5).at(2)).isEqualTo(1);
        assertThat(Schedules.step(1, 2, 0.5).at(3)).isEqualTo(0.5);
        assertThat(Schedules.inverseSqrt(2).at(4)).isEqualTo(1);
        assertThat(Schedules.inverse(2).at(4)).isEqualTo(0.5);
        assertThat(Schedules.inverseTime(1, 0.5).at(3)).isEqualTo(0.5);
        assertThat(Schedules.cosine(1, 4, 0.2).at(1)).isEqualTo(1);
        assertThat(Schedules.cosine(1, 4, 0.2).at(3)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(Schedules.cosine(1, 4, 0.2).at(5)).isEqualTo(0.2);
        assertThat(Schedules.cosine(1, 4, 0.2).at(50)).isEqualTo(0.2);
        assertThatThrownBy(() -> Schedules.constant(1).at(0)).hasMessageContaining("t must be >= 1");
        assertThatThrownBy(() -> Schedules.inverseSqrt(1).at(0)).hasMessageContaining("t must be >= 1, was 0");
        assertThatThrownBy(() -> Schedules.step(1, 0, 0.5)).hasMessageContaining("stepSize");
        assertThatThrownBy(() -> Schedules.step(1, 1, 1.5)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> Schedules.cosine(1, 0, 0)).hasMessageContaining("tMax");
        assertThatThrownBy(() -> Schedules.cosine(1, 3, 2)).hasMessageContaining("etaMin");
        Optimizer bad = Links.scaleByLearningRate(t -> -1);
        assertThatThrownBy(() -> bad.update(G, bad.init(P), P)).hasMessageContaining("-1.0");
    }

    @Test
    void projectionsLandInTheirSets() {
        assertThat(Projections.box(-1, 1).apply(Tensor.of(-3, 0.5, 2))).isEqualTo(Tensor.of(-1, 0.5, 1));
        assertThat(Projections.ball(5).apply(Tensor.of(6, 8))).isEqualTo(Tensor.of(3, 4));
        assertThat(Projections.ball(5).apply(Tensor.of(3, 4))).isEqualTo(Tensor.of(3, 4));
        assertThatThrownBy(() -> Projections.box(1, 0)).hasMessageContaining("lo <= hi");
        assertThatThrownBy(() -> Projections.ball(-1)).hasMessageContaining("radius");
        Optimizer pgd = Links.chain(Links.scaleByLearningRate(1), Links.project(Projections.box(0, 1)));
        Tensor[] next = Optimizer.apply(P, pgd.update(G, pgd.init(P), P).updates());
        assertThat(next[0]).isEqualTo(Tensor.of(0.5, 1));
    }

    @Test
    void armijoAcceptsTheFirstSufficientStep() {
        LineSearch.Result r = LineSearch.armijo(x -> x.dot(x), Tensor.of(1), Tensor.of(2), 1, 0.5, 0.5);
        assertThat(r.step()).as("t = 1 gives f(-1) = 1 > 1 - 2; t = 1/2 gives f(0) = 0 <= 1 - 1").isEqualTo(0.5);
        assertThat(r.x()).isEqualTo(Tensor.of(0));
        assertThat(r.evaluations()).isEqualTo(3);
        assertThatThrownBy(() -> LineSearch.armijo(x -> 0, P[0], G[0], 0, 0.5, 0.5)).hasMessageContaining("t0");
        assertThatThrownBy(() -> LineSearch.armijo(x -> 0, P[0], G[0], 1, 1, 0.5)).hasMessageContaining("beta");
        assertThatThrownBy(() -> LineSearch.armijo(x -> 0, P[0], G[0], 1, 0.5, 0)).hasMessageContaining("c must");
        assertThatThrownBy(() -> LineSearch.armijo(x -> Double.NaN, P[0], G[0], 1, 0.5, 0.5)).hasMessageContaining("f(x)");
        LineSearch.Result up = LineSearch.armijo(x -> -x.sumAll(), Tensor.of(0), Tensor.of(1), 1, 0.5, 0.5);
        assertThat(up.step()).as("ascent direction: only t = 0 is accepted").isZero();
    }

    @Test
    void batchesAreInRangeAndEpochsPartition() {
        SplittableRandom rng = new SplittableRandom(1);
        int[] b = Batches.withReplacement(5, 20, rng);
        assertThat(b).hasSize(20);
        assertThat(Arrays.stream(b).allMatch(i -> i >= 0 && i < 5)).isTrue();
        int[] w = Batches.withoutReplacement(7, 7, rng);
        assertThat(Arrays.stream(w).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        List<int[]> epoch = Batches.epoch(7, 3, rng);
        assertThat(epoch).hasSize(3);
        assertThat(epoch.get(2)).hasSize(1);
        assertThat(epoch.stream().flatMapToInt(Arrays::stream).sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> Batches.withoutReplacement(3, 4, rng)).hasMessageContaining("batchSize 4 exceeds n 3");
        assertThatThrownBy(() -> Batches.epoch(0, 1, rng)).hasMessageContaining("n must be >= 1, was 0");
        assertThatThrownBy(() -> Batches.withReplacement(3, 0, rng)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> Batches.epoch(3, 1, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("rng");
    }
}
