package dlmath.optim;

import dlmath.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The links optimizers are chained from, after optax ({@code chain}, {@code add_decayed_weights},
 * {@code trace}, {@code scale_by_adam}, {@code scale_by_rss}, {@code scale_by_rms},
 * {@code scale_by_learning_rate}). Each maps incoming "gradients" (the previous link's output) to
 * outgoing ones; {@link #scaleByLearningRate} turns them into updates {@code -lr_t * u}. The
 * formulas are those of torch.optim's documentation (the pseudo-code is quoted on the pages of
 * the optimization chapter, theorems/optimization/).
 *
 * <p>Order matters: {@code chain(addDecayedWeights(wd), scaleByAdam(...), scaleByLearningRate(lr))}
 * is Adam with an L2 penalty (torch.optim.Adam's weight_decay), while
 * {@code chain(scaleByAdam(...), addDecayedWeights(wd), scaleByLearningRate(lr))} is decoupled
 * weight decay (torch.optim.AdamW; Loshchilov and Hutter 2019).
 */
public final class Links {

    private Links() {
    }

    /** The identity: u = g; no state. */
    public static Optimizer identity() {
        return new Scale(1.0);
    }

    /**
     * u = factor * g.
     *
     * @param factor any finite number
     */
    public static Optimizer scale(double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("scale: factor must be finite, was " + factor);
        }
        return new Scale(factor);
    }

    /**
     * The links applied in order, each to the previous one's output; the state is a
     * {@link State.Chain} of the links' states.
     *
     * @param links at least one link
     */
    public static Optimizer chain(Optimizer... links) {
        Objects.requireNonNull(links, "links");
        if (links.length == 0) {
            throw new IllegalArgumentException("chain: need at least one link");
        }
        for (int i = 0; i < links.length; i++) {
            Objects.requireNonNull(links[i], "links[" + i + "]");
        }
        return new Chain(List.of(links));
    }

    /**
     * The update -lr_t * u, with t the step count (from 1).
     *
     * @param lr the schedule
     */
    public static Optimizer scaleByLearningRate(Schedule lr) {
        return new LearningRate(Objects.requireNonNull(lr, "lr"));
    }

    /** {@link #scaleByLearningRate(Schedule)} with a constant rate. */
    public static Optimizer scaleByLearningRate(double lr) {
        return scaleByLearningRate(Schedules.constant(lr));
    }

    /**
     * u = g + weightDecay * params (an L2 penalty's gradient when it comes first in a chain,
     * decoupled weight decay when it comes after the moment estimates).
     *
     * @param weightDecay lambda, finite and &gt;= 0
     */
    public static Optimizer addDecayedWeights(double weightDecay) {
        return new DecayedWeights(Trees.nonNegative("addDecayedWeights", "weightDecay", weightDecay));
    }

    /**
     * torch.optim.SGD's momentum: b_1 = g_1, b_t = mu b_{t-1} + (1 - tau) g_t; the output is
     * g_t + mu b_t with Nesterov, b_t without.
     *
     * @param momentum mu &gt;= 0
     * @param dampening tau, finite
     * @param nesterov whether to use Nesterov momentum (requires mu &gt; 0 and tau = 0, as PyTorch)
     */
    public static Optimizer traceMomentum(double momentum, double dampening, boolean nesterov) {
        Trees.nonNegative("momentum", "momentum", momentum);
        if (!Double.isFinite(dampening)) {
            throw new IllegalArgumentException("momentum: dampening must be finite, was " + dampening);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("momentum: Nesterov momentum requires a momentum > 0 and zero dampening, was "
                    + "momentum " + momentum + ", dampening " + dampening);
        }
        return new Momentum(momentum, dampening, nesterov);
    }

    /**
     * torch.optim.Adam's direction: m_t = beta1 m + (1 - beta1) g, v_t = beta2 v + (1 - beta2) g^2,
     * u = (m_t / (1 - beta1^t)) / (sqrt(v'_t / (1 - beta2^t)) + eps), with v' = v, or with
     * amsgrad v' = vMax_t = max(vMax_{t-1}, v_t) (PyTorch's implementation keeps the maximum of the
     * uncorrected v).
     *
     * @param beta1 in [0, 1)
     * @param beta2 in [0, 1)
     * @param eps &gt;= 0
     * @param amsgrad whether to use the running maximum of v (Reddi, Kale and Kumar 2018)
     */
    public static Optimizer scaleByAdam(double beta1, double beta2, double eps, boolean amsgrad) {
        Trees.unitInterval("adam", "beta1", beta1);
        Trees.unitInterval("adam", "beta2", beta2);
        Trees.nonNegative("adam", "eps", eps);
        return new Adam(beta1, beta2, eps, amsgrad);
    }

    /**
     * torch.optim.Adagrad's direction: sum_t = sum_{t-1} + g^2, u = g / (sqrt(sum_t) + eps).
     *
     * @param initialAccumulatorValue the starting sum, &gt;= 0
     * @param eps &gt;= 0
     */
    public static Optimizer scaleByAdagrad(double initialAccumulatorValue, double eps) {
        Trees.nonNegative("adagrad", "initialAccumulatorValue", initialAccumulatorValue);
        Trees.nonNegative("adagrad", "eps", eps);
        return new Adagrad(initialAccumulatorValue, eps);
    }

    /**
     * torch.optim.RMSprop's direction: v_t = alpha v + (1 - alpha) g^2; centered: gAvg_t = alpha
     * gAvg + (1 - alpha) g and v~ = v_t - gAvg_t^2 (clamped at 0 against rounding), else v~ = v_t;
     * u = g / (sqrt(v~) + eps).
     *
     * @param alpha in [0, 1)
     * @param eps &gt;= 0
     * @param centered whether to subtract the squared mean gradient
     */
    public static Optimizer scaleByRms(double alpha, double eps, boolean centered) {
        Trees.unitInterval("rmsprop", "alpha", alpha);
        Trees.nonNegative("rmsprop", "eps", eps);
        return new Rms(alpha, eps, centered);
    }

    /**
     * Projects the step: u = P(params + u) - params, so that params + u lies in the set (up to
     * the rounding of one subtraction and one addition). Put it last in a chain.
     *
     * @param projection the projection onto the feasible set
     */
    public static Optimizer project(Projection projection) {
        return new Project(Objects.requireNonNull(projection, "projection"));
    }

    // ================================================================== the links

    private interface Stateless extends Optimizer {
        @Override
        default State init(Tensor... params) {
            Trees.zerosLike(params);
            return new State.None();
        }
    }

    private record Scale(double factor) implements Stateless {
        @Override
        public Step update(Tensor[] grads, State state, Tensor[] params) {
            Trees.checkStep("scale", grads, params);
            Tensor[] out = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) {
                out[i] = grads[i].mul(factor);
            }
            return new Step(out, state);
        }
    }

    private record DecayedWeights(double weightDecay) implements Stateless {
        @Override
        public Step update(Tensor[] grads, State state, Tensor[] params) {
            Trees.checkStep("addDecayedWeights", grads, params);
            Tensor[] out = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) {
                out[i] = weightDecay == 0 ? grads[i]
                        : Trees.finite("addDecayedWeights", "g + weightDecay * param", grads[i].add(params[i].mul(weightDecay)));
            }
            return new Step(out, state);
        }
    }

    private record Project(Projection projection) implements Stateless {
        @Override
        public Step update(Tensor[] grads, State state, Tensor[] params) {
            Trees.checkStep("project", grads, params);
            Tensor[] out = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) {
                out[i] = projection.apply(params[i].add(grads[i])).sub(params[i]);
            }
            return new Step(out, state);
        }
    }

    private record LearningRate(Schedule lr) implements Optimizer {
        @Override
        public State init(Tensor... params) {
            Trees.zerosLike(params);
            return new State.Count(0);
        }

        @Override
        public Step update(Tensor[] grads, State state, Tensor[] params) {
            Trees.checkStep("scaleByLearningRate", grads, params);
            long t = Trees.state("scaleByLearningRate", state, State.Count.class).t() + 1;
            double rate = lr.at(t);
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("scaleByLearningRate: the schedule's rate at step " + t
                        + " must be finite and >= 0, was " + rate);
            }
            Tensor[] out = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) {
                out[i] = grads[i].mul(-rate);
            }
            return new Step(out, new State.Count(t));
        }
    }

    private record Chain(List<Optimizer> links) implements Optimizer {
        @Override
        public State init(Tensor... params) {
            List<State> states = new ArrayList<>();
            for (Optimizer link : links) {
                states.add(link.init(params));
            }
            return new State.Chain(states);
        }

        @Override
        public Step update(Tensor[] grads, State state, Tensor[] params) {
            State.Chain s = Trees.state("chain", state, State.Chain.class);
            if (s.links().size() != links.size()) {
                throw new IllegalArgumentException("chain: state has " + s.links().size() + " links but the chain has "
                        + links.size());
            }
            Tensor[] u = grads;
            List<State> next = new ArrayList<>();
            for (int i = 0; i < links.size(); i++) {
                Step step = links.get(i).update(u, s.links().get(i), params);
                u = step.updates();
                next.add(step.state());
            }
            return new Step(u, new State.Chain(next));
        }
    }

    private record Momentum(double momentum, double dampening, boolean nesterov) implements Optimizer {
        @Override
        public State init(Tensor... params) {
            return new State.Momentum(0, Trees.zerosLike(params));
        }

        @Override
        public Step update(Tensor[] grads, State state, Tensor[] params) {
            Trees.checkStep("momentum", grads, params);
            State.Momentum s = Trees.state("momentum", state, State.Momentum.class);
            Tensor[] old = s.buffer();
            Trees.checkState("momentum", "buffer", old, params);
            Tensor[] buffer = new Tensor[grads.length];
            Tensor[] out = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) {
                Tensor g = grads[i];
                buffer[i] = s.t() == 0 ? g : old[i].mul(momentum).add(g.mul(1 - dampening));
                Trees.finite("momentum", "momentum buffer", buffer[i]);
                out[i] = nesterov ? g.add(buffer[i].mul(momentum)) : buffer[i];
            }
            return new Step(out, new State.Momentum(s.t() + 1, buffer));
        }
    }

    private record Adam(double beta1, double beta2, double eps, boolean amsgrad) implements Optimizer {
        @Override
        public State init(Tensor... params) {
            return new State.Adam(0, Trees.zerosLike(params), Trees.zerosLike(params),
                    amsgrad ? Trees.zerosLike(params) : null);
        }

        @Override
        public Step update(Tensor[] grads, State state, Tensor[] params) {
            Trees.checkStep("adam", grads, params);
            State.Adam s = Trees.state("adam", state, State.Adam.class);
            Trees.checkState("adam", "m", s.m(), params);
            Trees.checkState("adam", "v", s.v(), params);
            if (amsgrad) {
                Trees.checkState("adam", "vMax", s.vMax(), params);
            }
            long t = s.t() + 1;
            double bias1 = 1 - Math.pow(beta1, t);
            double bias2 = 1 - Math.pow(beta2, t);
            Tensor[] m = s.m();
            Tensor[] v = s.v();
            Tensor[] vMax = amsgrad ? s.vMax() : null;
            Tensor[] out = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) {
                Tensor g = grads[i];
                m[i] = m[i].mul(beta1).add(g.mul(1 - beta1));
                v[i] = Trees.finite("adam", "second moment (1 - beta2) g^2", v[i].mul(beta2).add(g.square().mul(1 - beta2)));
                Tensor second = v[i];
                if (amsgrad) {
                    vMax[i] = vMax[i].maximum(v[i]);
                    second = vMax[i];
                }
                Tensor denom = second.div(bias2).sqrt().add(eps);
                out[i] = Trees.divide("adam", m[i].div(bias1), denom);
            }
            return new Step(out, new State.Adam(t, m, v, vMax));
        }
    }

    private record Adagrad(double initialAccumulatorValue, double eps) implements Optimizer {
        @Override
        public State init(Tensor... params) {
            return new State.Adagrad(0, Trees.fullLike(params, initialAccumulatorValue));
        }

        @Override
        public Step update(Tensor[] grads, State state, Tensor[] params) {
            Trees.checkStep("adagrad", grads, params);
            State.Adagrad s = Trees.state("adagrad", state, State.Adagrad.class);
            Tensor[] sum = s.sum();
            Trees.checkState("adagrad", "sum", sum, params);
            Tensor[] out = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) {
                sum[i] = Trees.finite("adagrad", "sum of squared gradients", sum[i].add(grads[i].square()));
                out[i] = Trees.divide("adagrad", grads[i], sum[i].sqrt().add(eps));
            }
            return new Step(out, new State.Adagrad(s.t() + 1, sum));
        }
    }

    private record Rms(double alpha, double eps, boolean centered) implements Optimizer {
        @Override
        public State init(Tensor... params) {
            return new State.RmsProp(0, Trees.zerosLike(params), centered ? Trees.zerosLike(params) : null);
        }

        @Override
        public Step update(Tensor[] grads, State state, Tensor[] params) {
            Trees.checkStep("rmsprop", grads, params);
            State.RmsProp s = Trees.state("rmsprop", state, State.RmsProp.class);
            Tensor[] sq = s.squareAvg();
            Trees.checkState("rmsprop", "squareAvg", sq, params);
            Tensor[] ga = centered ? s.gradAvg() : null;
            if (centered) {
                Trees.checkState("rmsprop", "gradAvg", ga, params);
            }
            Tensor[] out = new Tensor[grads.length];
            for (int i = 0; i < grads.length; i++) {
                Tensor g = grads[i];
                sq[i] = Trees.finite("rmsprop", "square average", sq[i].mul(alpha).add(g.square().mul(1 - alpha)));
                Tensor var = sq[i];
                if (centered) {
                    ga[i] = ga[i].mul(alpha).add(g.mul(1 - alpha));
                    var = var.sub(ga[i].square()).maximum(0);
                }
                out[i] = Trees.divide("rmsprop", g, var.sqrt().add(eps));
            }
            return new Step(out, new State.RmsProp(s.t() + 1, sq, ga));
        }
    }
}
