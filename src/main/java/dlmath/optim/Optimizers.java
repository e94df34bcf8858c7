package dlmath.optim;

import dlmath.tensor.Tensor;
import java.util.Objects;

/**
 * torch.optim's optimizers, with its parameter names and defaults, as chains of {@link Links}
 * (after optax's aliases). Each factory's first steps follow the pseudo-code of the torch.optim
 * documentation, quoted on the pages of the optimization chapter.
 *
 * <ul>
 *   <li>{@code sgd}: chain(addDecayedWeights(weight_decay), traceMomentum(momentum, dampening,
 *       nesterov), scaleByLearningRate(lr)) (links with no effect are left out).</li>
 *   <li>{@code adam}: chain(addDecayedWeights(weight_decay), scaleByAdam(betas, eps, amsgrad),
 *       scaleByLearningRate(lr)): weight decay as an L2 penalty, added to the gradient.</li>
 *   <li>{@code adamW}: chain(scaleByAdam(betas, eps, amsgrad), addDecayedWeights(weight_decay),
 *       scaleByLearningRate(lr)): decoupled weight decay, theta - lr lambda theta - lr adam(g).</li>
 *   <li>{@code adagrad}: chain(addDecayedWeights(weight_decay), scaleByAdagrad(initial_accumulator_value,
 *       eps), scaleByLearningRate(lr / (1 + (t - 1) lr_decay))).</li>
 *   <li>{@code rmsprop}: chain(addDecayedWeights(weight_decay), scaleByRms(alpha, eps, centered),
 *       traceMomentum(momentum, 0, false) if momentum &gt; 0, scaleByLearningRate(lr)).</li>
 * </ul>
 */
public final class Optimizers {

    private Optimizers() {
    }

    // ------------------------------------------------------------------ SGD

    /** Gradient descent with a constant step: theta_t = theta_{t-1} - lr g_t (torch.optim.SGD with defaults). */
    public static Optimizer sgd(double lr) {
        return sgd(lr, 0, 0, 0, false);
    }

    /** SGD with heavy-ball momentum in PyTorch's form (no dampening, no weight decay). */
    public static Optimizer sgd(double lr, double momentum) {
        return sgd(lr, momentum, 0, 0, false);
    }

    /**
     * torch.optim.SGD(lr, momentum, dampening, weight_decay, nesterov).
     *
     * @param lr the learning rate, &gt;= 0
     * @param momentum mu &gt;= 0
     * @param dampening tau
     * @param weightDecay lambda &gt;= 0 (L2 penalty: g + lambda theta)
     * @param nesterov Nesterov momentum (requires mu &gt; 0 and tau = 0)
     */
    public static Optimizer sgd(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        return sgd(Schedules.constant(Trees.nonNegative("sgd", "lr", lr)), momentum, dampening, weightDecay, nesterov);
    }

    /** torch.optim.SGD with a learning-rate schedule. */
    public static Optimizer sgd(Schedule lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        Objects.requireNonNull(lr, "lr");
        Trees.nonNegative("sgd", "momentum", momentum);
        Trees.nonNegative("sgd", "weightDecay", weightDecay);
        if (!Double.isFinite(dampening)) {
            throw new IllegalArgumentException("sgd: dampening must be finite, was " + dampening);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("sgd: Nesterov momentum requires a momentum > 0 and zero dampening, was "
                    + "momentum " + momentum + ", dampening " + dampening);
        }
        return Links.chain(
                Links.addDecayedWeights(weightDecay),
                momentum == 0 ? Links.identity() : Links.traceMomentum(momentum, dampening, nesterov),
                Links.scaleByLearningRate(lr));
    }

    // ------------------------------------------------------------------ Adam family

    /** torch.optim.Adam(lr) with betas (0.9, 0.999), eps 1e-8, no weight decay, no amsgrad. */
    public static Optimizer adam(double lr) {
        return adam(lr, 0.9, 0.999, 1e-8, 0, false);
    }

    /**
     * torch.optim.Adam(lr, betas=(beta1, beta2), eps, weight_decay, amsgrad); weight decay is the
     * L2 penalty added to the gradient before the moments.
     */
    public static Optimizer adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        return adam(Schedules.constant(Trees.nonNegative("adam", "lr", lr)), beta1, beta2, eps, weightDecay, amsgrad);
    }

    /** torch.optim.Adam with a learning-rate schedule. */
    public static Optimizer adam(Schedule lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        Objects.requireNonNull(lr, "lr");
        return Links.chain(
                Links.addDecayedWeights(Trees.nonNegative("adam", "weightDecay", weightDecay)),
                Links.scaleByAdam(beta1, beta2, eps, amsgrad),
                Links.scaleByLearningRate(lr));
    }

    /** torch.optim.AdamW(lr) with betas (0.9, 0.999), eps 1e-8, weight_decay 1e-2, no amsgrad. */
    public static Optimizer adamW(double lr) {
        return adamW(lr, 0.9, 0.999, 1e-8, 1e-2, false);
    }

    /**
     * torch.optim.AdamW(lr, betas=(beta1, beta2), eps, weight_decay, amsgrad): decoupled weight decay,
     * theta_t = theta_{t-1} - lr lambda theta_{t-1} - lr m_hat / (sqrt(v_hat) + eps).
     */
    public static Optimizer adamW(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        return adamW(Schedules.constant(Trees.nonNegative("adamW", "lr", lr)), beta1, beta2, eps, weightDecay, amsgrad);
    }

    /** torch.optim.AdamW with a learning-rate schedule. */
    public static Optimizer adamW(Schedule lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        Objects.requireNonNull(lr, "lr");
        return Links.chain(
                Links.scaleByAdam(beta1, beta2, eps, amsgrad),
                Links.addDecayedWeights(Trees.nonNegative("adamW", "weightDecay", weightDecay)),
                Links.scaleByLearningRate(lr));
    }

    // ------------------------------------------------------------------ Adagrad, RMSprop

    /** torch.optim.Adagrad(lr) with lr_decay 0, weight_decay 0, initial_accumulator_value 0, eps 1e-10. */
    public static Optimizer adagrad(double lr) {
        return adagrad(lr, 0, 0, 0, 1e-10);
    }

    /** torch.optim.Adagrad(lr, lr_decay, weight_decay, initial_accumulator_value, eps). */
    public static Optimizer adagrad(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue,
                                    double eps) {
        return Links.chain(
                Links.addDecayedWeights(Trees.nonNegative("adagrad", "weightDecay", weightDecay)),
                Links.scaleByAdagrad(initialAccumulatorValue, eps),
                Links.scaleByLearningRate(Schedules.inverseTime(Trees.nonNegative("adagrad", "lr", lr), lrDecay)));
    }

    /** torch.optim.RMSprop(lr) with alpha 0.99, eps 1e-8, weight_decay 0, momentum 0, not centered. */
    public static Optimizer rmsprop(double lr) {
        return rmsprop(lr, 0.99, 1e-8, 0, 0, false);
    }

    /** torch.optim.RMSprop(lr, alpha, eps, weight_decay, momentum, centered). */
    public static Optimizer rmsprop(double lr, double alpha, double eps, double weightDecay, double momentum,
                                    boolean centered) {
        Trees.nonNegative("rmsprop", "momentum", momentum);
        return Links.chain(
                Links.addDecayedWeights(Trees.nonNegative("rmsprop", "weightDecay", weightDecay)),
                Links.scaleByRms(alpha, eps, centered),
                momentum == 0 ? Links.identity() : Links.traceMomentum(momentum, 0, false),
                Links.scaleByLearningRate(Trees.nonNegative("rmsprop", "lr", lr)));
    }

    // ------------------------------------------------------------------ accelerated gradient

    /**
     * Nesterov's accelerated gradient method in Beck and Teboulle's form (FISTA without a prox;
     * Beck, First-Order Methods in Optimization, SIAM 2017, Sec. 10.7): the parameters are the
     * extrapolated points y_k, the gradient is taken there, x_k = y_k - lr grad f(y_k),
     * t_{k+1} = (1 + sqrt(1 + 4 t_k^2)) / 2, y_{k+1} = x_k + ((t_k - 1) / t_{k+1}) (x_k - x_{k-1}),
     * with y_1 = x_0 and t_1 = 1. The iterates x_k are in the state ({@link State.Fista#x()}).
     *
     * @param lr the step, 1/L for an L-smooth function
     */
    public static Optimizer fista(double lr) {
        return new Fista(Trees.nonNegative("fista", "lr", lr));
    }

    private record Fista(double lr) implements Optimizer {
        @Override
        public State init(Tensor... params) {
            Trees.zerosLike(params);
            return new State.Fista(0, 1, params);
        }

        @Override
        public Step update(Tensor[] grads, State state, Tensor[] params) {
            Trees.checkStep("fista", grads, params);
            State.Fista s = Trees.state("fista", state, State.Fista.class);
            Tensor[] previous = s.x();
            Trees.checkState("fista", "x", previous, params);
            double theta = s.theta();
            double next = (1 + Math.sqrt(1 + 4 * theta * theta)) / 2;
            double beta = (theta - 1) / next;
            Tensor[] x = new Tensor[params.length];
            Tensor[] out = new Tensor[params.length];
            for (int i = 0; i < params.length; i++) {
                x[i] = params[i].sub(grads[i].mul(lr));
                Tensor y = x[i].add(x[i].sub(previous[i]).mul(beta));
                out[i] = y.sub(params[i]);
            }
            return new Step(out, new State.Fista(s.t() + 1, next, x));
        }
    }
}
