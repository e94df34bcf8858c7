package dlmath.optim;

import dlmath.tensor.Tensor;
import java.util.Objects;

/**
 * An optimizer as a pure update rule over explicit state, as optax's
 * {@code GradientTransformation(init, update)}: {@link #init} makes the state for some
 * parameters, {@link #update} maps gradients, state and parameters to updates and a new state.
 * Nothing is mutated; a training step is
 *
 * <pre>{@code
 * Step s = opt.update(grads, state, params);
 * params = Optimizer.apply(params, s.updates());   // params_new = params + updates
 * state = s.state();
 * }</pre>
 *
 * <p>The rules follow torch.optim's documented pseudo-code and parameter names; the factories in
 * {@link Optimizers} build them as chains of the links in {@link Links}.
 */
public interface Optimizer {

    /**
     * The initial state for these parameters (zeros of their shapes where a rule keeps moments).
     *
     * @param params the parameters, at least one; none null
     * @return the state before the first step (step count 0)
     */
    State init(Tensor... params);

    /**
     * One step: the updates to add to the parameters, and the next state.
     *
     * @param grads one gradient per parameter, of its shape (for a link of a chain: the previous
     *     link's output)
     * @param state the state from {@link #init} or the previous step
     * @param params the parameters at which the gradients were taken
     * @return the updates (same shapes) and the new state
     * @throws IllegalArgumentException if the counts or shapes of grads, params and state differ,
     *     or a gradient is not finite
     */
    Step update(Tensor[] grads, State state, Tensor[] params);

    /**
     * params + updates, entry by entry.
     *
     * @param params the parameters
     * @param updates the updates of a {@link Step}, one per parameter, of its shape
     * @return the new parameters
     * @throws IllegalArgumentException on a count or shape mismatch
     */
    static Tensor[] apply(Tensor[] params, Tensor[] updates) {
        Trees.check("apply", "params", params, "updates", updates);
        Tensor[] out = new Tensor[params.length];
        for (int i = 0; i < params.length; i++) {
            out[i] = params[i].add(updates[i]);
        }
        return out;
    }

    /**
     * Runs {@code steps} steps of this rule with gradients from {@code gradient}, returning the
     * parameters after each step (index 0 is the start).
     *
     * @param gradient the gradient oracle, parameters to gradients
     * @param start the starting parameters
     * @param steps the number of steps, at least 0
     * @return {@code steps + 1} parameter arrays
     */
    default Tensor[][] run(java.util.function.Function<Tensor[], Tensor[]> gradient, Tensor[] start, int steps) {
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(start, "start");
        if (steps < 0) {
            throw new IllegalArgumentException("run: steps must be >= 0, was " + steps);
        }
        Tensor[][] path = new Tensor[dlmath.tensor.Checks.sizeSum("run: the path of steps + 1 points", steps, 1)][];
        path[0] = start.clone();
        State state = init(start);
        for (int k = 0; k < steps; k++) {
            Tensor[] g = gradient.apply(path[k].clone());
            if (g == null) {
                throw new IllegalArgumentException("run: the gradient returned null at step " + k);
            }
            Step s = update(g, state, path[k]);
            path[k + 1] = apply(path[k], s.updates());
            state = s.state();
        }
        return path;
    }
}
