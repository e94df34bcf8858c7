package dlmath.optim;

import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * The explicit, inspectable state of an {@link Optimizer}: a value, never mutated. Each link of
 * {@link Links} has its own record; a {@link Chain} holds its links' states in order. Names follow
 * torch.optim's state dictionaries ({@code exp_avg} is {@code m}, {@code exp_avg_sq} is {@code v},
 * {@code max_exp_avg_sq} is {@code vMax}, {@code momentum_buffer} is {@code buffer},
 * {@code sum} is {@code sum}, {@code square_avg} is {@code squareAvg}); {@code t} counts the steps
 * taken (0 after init).
 */
public sealed interface State {

    /** The state of a stateless link. */
    record None() implements State {
    }

    /**
     * A step counter (learning-rate schedules).
     *
     * @param t the number of steps taken
     */
    record Count(long t) implements State {
    }

    /**
     * torch.optim.SGD's momentum buffers b.
     *
     * @param t the number of steps taken
     * @param buffer one buffer per parameter (zeros before the first step)
     */
    record Momentum(long t, Tensor[] buffer) implements State {
        public Momentum {
            buffer = Checks.noNulls(buffer, "buffer").clone();
        }

        @Override
        public Tensor[] buffer() {
            return buffer.clone();
        }
    }

    /**
     * torch.optim.Adam's moments.
     *
     * @param t the number of steps taken
     * @param m first moments (exp_avg)
     * @param v second moments (exp_avg_sq)
     * @param vMax running maxima of v (max_exp_avg_sq), only with amsgrad; otherwise null
     */
    record Adam(long t, Tensor[] m, Tensor[] v, Tensor[] vMax) implements State {
        public Adam {
            m = Checks.noNulls(m, "m").clone();
            v = Checks.noNulls(v, "v").clone();
            vMax = vMax == null ? null : Checks.noNulls(vMax, "vMax").clone();
        }

        @Override
        public Tensor[] m() {
            return m.clone();
        }

        @Override
        public Tensor[] v() {
            return v.clone();
        }

        @Override
        public Tensor[] vMax() {
            return vMax == null ? null : vMax.clone();
        }
    }

    /**
     * torch.optim.Adagrad's accumulated squared gradients.
     *
     * @param t the number of steps taken
     * @param sum the sums (starting at initial_accumulator_value)
     */
    record Adagrad(long t, Tensor[] sum) implements State {
        public Adagrad {
            sum = Checks.noNulls(sum, "sum").clone();
        }

        @Override
        public Tensor[] sum() {
            return sum.clone();
        }
    }

    /**
     * torch.optim.RMSprop's averages.
     *
     * @param t the number of steps taken
     * @param squareAvg running averages of g^2 (square_avg)
     * @param gradAvg running averages of g (grad_avg), only when centered; otherwise null
     */
    record RmsProp(long t, Tensor[] squareAvg, Tensor[] gradAvg) implements State {
        public RmsProp {
            squareAvg = Checks.noNulls(squareAvg, "squareAvg").clone();
            gradAvg = gradAvg == null ? null : Checks.noNulls(gradAvg, "gradAvg").clone();
        }

        @Override
        public Tensor[] squareAvg() {
            return squareAvg.clone();
        }

        @Override
        public Tensor[] gradAvg() {
            return gradAvg == null ? null : gradAvg.clone();
        }
    }

    /**
     * The accelerated gradient method's state (Beck and Teboulle's FISTA without a prox).
     *
     * @param t the number of steps taken
     * @param theta the momentum sequence t_k of Beck and Teboulle (1 before the first step)
     * @param x the last gradient-step iterate x_k (the parameters before the first step)
     */
    record Fista(long t, double theta, Tensor[] x) implements State {
        public Fista {
            x = Checks.noNulls(x, "x").clone();
        }

        @Override
        public Tensor[] x() {
            return x.clone();
        }
    }

    /**
     * The states of a chain's links, in order.
     *
     * @param links one state per link
     */
    record Chain(List<State> links) implements State {
        public Chain {
            Objects.requireNonNull(links, "links");
            for (int i = 0; i < links.size(); i++) {
                Objects.requireNonNull(links.get(i), "links[" + i + "]");
            }
            links = List.copyOf(links);
        }

        /**
         * The state of the first link of the given type (searching nested chains).
         *
         * @param type the record type, e.g. {@code State.Adam.class}
         * @return that state
         * @throws IllegalArgumentException if no link has that type
         */
        public <S extends State> S find(Class<S> type) {
            Objects.requireNonNull(type, "type");
            for (State s : links) {
                if (type.isInstance(s)) {
                    return type.cast(s);
                }
                if (s instanceof Chain c) {
                    try {
                        return c.find(type);
                    } catch (IllegalArgumentException e) {
                        // not in this sub-chain
                    }
                }
            }
            throw new IllegalArgumentException("find: no " + type.getSimpleName() + " state in this chain");
        }
    }
}
