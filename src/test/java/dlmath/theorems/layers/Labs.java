package dlmath.theorems.layers;

import dlmath.nn.Layer;
import dlmath.nn.Layers;
import dlmath.nn.Layers.Activation;
import dlmath.nn.Layers.BatchNorm;
import dlmath.nn.Layers.Kind;
import dlmath.nn.Layers.Sequential;

/** The labs' models, built from the layers in a few lines each. */
final class Labs {

    private Labs() {
    }

    /** Lab 2: Dense(hidden) -> BatchNorm -> ReLU -> Dropout(p) -> Dense(classes); softmax in the loss (CE with logits). */
    static Sequential lab2(int features, int hidden, double dropout, int classes) {
        return Sequential.of(new Layers.Linear(features, hidden), BatchNorm.batchNorm1d(hidden), new Activation(Kind.RELU),
                new Layers.Dropout(dropout), new Layers.Linear(hidden, classes));
    }

    /**
     * Lab 3: Conv2d(1, channels, 3, padding 1) -> BatchNorm2d -> ReLU -> MaxPool2d(2) -> Dropout2d(p)
     * -> Flatten -> Dense(hidden) with ELU -> Dense(classes); softmax in the loss.
     */
    static Sequential lab3(int side, int channels, int hidden, double dropout, int classes) {
        int pooled = side / 2;
        Layer[] layers = {new Layers.Conv2d(1, channels, 3, 1, 1), BatchNorm.batchNorm2d(channels), new Activation(Kind.RELU),
            new Layers.MaxPool2d(2), new Layers.Dropout2d(dropout), new Layers.Flatten(),
            new Layers.Linear(channels * pooled * pooled, hidden), new Activation(Kind.ELU), new Layers.Linear(hidden, classes)};
        return Sequential.of(layers);
    }
}
