package dlmath.learn;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.nn.Datasets;
import dlmath.nn.Layer;
import dlmath.nn.Mode;
import dlmath.nn.Params;
import dlmath.optim.Batches;
import dlmath.optim.Optimizer;
import dlmath.optim.State;
import dlmath.optim.Step;
import dlmath.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/**
 * The training loop of the labs (in {@code learn}, above {@code nn} and {@code optim} in the
 * layering of ARCHITECTURE.md): mini-batches of a shuffled epoch, the loss's gradient by reverse mode, and
 * an update rule of {@code dlmath.optim} (params + updates, optax style); the layer state
 * (running statistics) threads through the steps as values.
 */
public final class Training {

    private Training() {
    }

    /**
     * The result of training.
     *
     * @param params the trained parameters
     * @param state the final layer state
     * @param epochLoss the mean batch loss of each epoch
     */
    public record Trained(Params params, Params state, double[] epochLoss) {
    }

    /**
     * Trains a model.
     *
     * @param model the model
     * @param params the initial parameters
     * @param state the initial state
     * @param loss the loss of a batch output and its targets, a scalar
     * @param x the inputs [n, ...]
     * @param y the targets [n, ...]
     * @param batchSize the batch size; the last incomplete batch of an epoch is dropped
     *     (PyTorch's {@code drop_last=True}), so every batch has batchSize rows
     * @param epochs the number of passes
     * @param optimizer the update rule
     * @param rng the generator of shuffles and dropout masks
     * @return the trained parameters, state and losses
     * @throws IllegalArgumentException if the sizes do not fit
     */
    public static Trained fit(Layer model, Params params, Params state, BiFunction<Var, Tensor, Var> loss, Tensor x, Tensor y,
                              int batchSize, int epochs, Optimizer optimizer, RandomGenerator rng) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(rng, "rng");
        int n = x.dim(0);
        if (y.dim(0) != n) {
            throw new IllegalArgumentException("fit: " + n + " inputs but " + y.dim(0) + " targets");
        }
        if (batchSize < 1 || batchSize > n) {
            throw new IllegalArgumentException("fit: batch size must be in [1, " + n + "], got " + batchSize);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("fit: epochs must be >= 0, got " + epochs);
        }
        Tensor[] p = params.tensors();
        State opt = optimizer.init(p);
        double[] losses = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            List<int[]> batches = Batches.epoch(n, batchSize, rng);
            double sum = 0;
            int count = 0;
            for (int[] idx : batches) {
                if (idx.length < batchSize) {
                    continue;
                }
                Graph g = new Graph();
                Params current = params.withTensors(p);
                Map<String, Var> vars = current.variables(g);
                Layer.Out out = model.apply(vars, state, g.constant(Datasets.take(x, idx)), Mode.TRAIN, rng);
                Var l = loss.apply(out.y(), Datasets.take(y, idx));
                if (l == null) {
                    throw new IllegalArgumentException("fit: the loss returned null at epoch " + e);
                }
                Tensor[] grads = Autodiff.values(Autodiff.grad(l, current.inOrder(vars)));
                Step s = optimizer.update(grads, opt, p);
                p = Optimizer.apply(p, s.updates());
                opt = s.state();
                state = out.state();
                sum += l.value().item();
                count++;
            }
            losses[e] = count == 0 ? Double.NaN : sum / count;
        }
        return new Trained(params.withTensors(p), state, losses);
    }

    /**
     * The share of rows whose largest output is the label (evaluation mode).
     *
     * @param model the model
     * @param params the parameters
     * @param state the state
     * @param x the inputs
     * @param labels the classes
     * @return the accuracy in [0, 1]
     */
    public static double accuracy(Layer model, Params params, Params state, Tensor x, int[] labels) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(labels, "labels");
        Tensor out = model.predict(params, state, x);
        if (out.rank() != 2 || out.dim(0) != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("accuracy: need outputs [n, classes] for n = " + labels.length
                    + " >= 1 labels, got outputs " + java.util.Arrays.toString(out.shape()));
        }
        Tensor pred = out.argmax(1);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += (int) pred.get(i) == labels[i] ? 1 : 0;
        }
        return right / (double) labels.length;
    }
}
