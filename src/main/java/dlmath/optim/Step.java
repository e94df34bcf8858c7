package dlmath.optim;

import dlmath.tensor.Tensor;
import java.util.Objects;

/**
 * The result of {@link Optimizer#update}: the updates to add to the parameters
 * ({@code params_new = params + updates}) and the optimizer's next state.
 *
 * @param updates one update per parameter, of its shape
 * @param state the state after this step
 */
public record Step(Tensor[] updates, State state) {

    public Step {
        Objects.requireNonNull(updates, "updates");
        Objects.requireNonNull(state, "state");
        updates = updates.clone();
    }

    /** A copy of the updates. */
    @Override
    public Tensor[] updates() {
        return updates.clone();
    }
}
