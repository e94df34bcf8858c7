package dlmath.nn;

import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.tensor.Tensor;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A layer: hyper-parameters (the implementing record's components) and a pure function of
 * parameters, state, input, mode and random generator. Parameters are values (Equinox, Flax);
 * state that PyTorch mutates in place (BatchNorm's running statistics) is returned as a new
 * value in {@link Out}.
 */
public interface Layer {

    /** The output and the new state. */
    record Out(Var y, Params state) {
    }

    /**
     * Fresh parameters, PyTorch's default initialization for the layer.
     *
     * @param rng the generator
     * @return the parameters (empty for layers without any)
     */
    default Params init(RandomGenerator rng) {
        return Params.EMPTY;
    }

    /**
     * The initial state (running statistics).
     *
     * @return the state (empty for stateless layers)
     */
    default Params initState() {
        return Params.EMPTY;
    }

    /**
     * Applies the layer.
     *
     * @param params the parameters as variables (or constants) of x's graph, by name
     * @param state the state
     * @param x the input
     * @param mode training or evaluation
     * @param rng the generator for dropout masks (may be null in evaluation mode)
     * @return the output and the new state
     */
    Out apply(Map<String, Var> params, Params state, Var x, Mode mode, RandomGenerator rng);

    /**
     * Evaluates the layer on tensors in evaluation mode, with no gradient.
     *
     * @param params the parameters
     * @param state the state
     * @param x the input
     * @return the output
     */
    default Tensor predict(Params params, Params state, Tensor x) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(x, "x");
        Graph g = new Graph();
        return apply(params.constants(g), state, g.constant(x), Mode.EVAL, null).y().value();
    }
}
