package dlmath.theorems.layers;

import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.nn.Layer;
import dlmath.nn.Layers.Sequential;
import dlmath.nn.Losses;
import dlmath.nn.Mode;
import dlmath.nn.Params;
import dlmath.learn.Training;
import dlmath.optim.Optimizers;
import dlmath.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;

/**
 * NN-14 The labs' networks end to end: the lab 3 block's gradient (Conv2d -&gt; BatchNorm2d -&gt;
 * ReLU -&gt; MaxPool2d -&gt; Dropout2d -&gt; Flatten -&gt; Dense/ELU -&gt; Dense, softmax cross-entropy)
 * agrees with finite differences in every input and parameter, and the lab 2 network trained
 * with Adam fits a separable 3-class set. Goodfellow, Bengio &amp; Courville, Deep Learning,
 * Sec. 6.5.6 (back-propagation through a whole network) and Sec. 8.5.3 (Adam); Kingma &amp; Ba,
 * Adam, ICLR 2015, Alg. 1; Zhang et al., ICLR 2017, Thm 1 (finite-sample expressivity). Page:
 * theorems/layers/NN-14-lab-networks.md.
 */
@Theorem(id = "NN-14", name = "The labs' networks end to end",
        statement = "the gradient of CE(lab3(x; theta), y) in x and theta equals central differences away from kinks and ties; lab 2 with Adam reaches 100% training accuracy on a separable 3-class set")
@Tag("layers")
class LabNetworks {

    static final java.util.concurrent.atomic.AtomicLong FRESH = new java.util.concurrent.atomic.AtomicLong();

    static final int SIDE = 4;
    static final int CHANNELS = 2;
    static final int HIDDEN = 3;
    static final int CLASSES = 3;

    static boolean awayFromKinks(Sequential model, Params params, Tensor x, long seed) {
        Graph g = new Graph();
        Map<String, Var> vars = params.constants(g);
        Var h = g.constant(x);
        Params state = model.initState();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            String prefix = i + ".";
            Map<String, Var> scoped = new java.util.LinkedHashMap<>();
            vars.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    scoped.put(k.substring(prefix.length()), v);
                }
            });
            Layer l = layers.get(i);
            // relu (layer 2) and elu (layer 7) see their input here: away from 0 by 0.02
            if ((i == 2 || i == 7) && h.value().abs().minAll() < 0.02) {
                return false;
            }
            if (i == 3 && minPositiveGap(h.value()) < 0.02) {
                return false;
            }
            h = l.apply(scoped, state.scope(prefix), h, Mode.TRAIN, new SplittableRandom(seed)).y();
        }
        return true;
    }

    /** The smallest gap between the largest and the second entry in 2x2 windows whose largest entry is positive. */
    static double minPositiveGap(Tensor h) {
        int[] s = h.shape();
        double gap = Double.POSITIVE_INFINITY;
        for (int n = 0; n < s[0]; n++) {
            for (int c = 0; c < s[1]; c++) {
                for (int i = 0; i + 1 < s[2]; i += 2) {
                    for (int j = 0; j + 1 < s[3]; j += 2) {
                        double[] v = {h.get(n, c, i, j), h.get(n, c, i, j + 1), h.get(n, c, i + 1, j), h.get(n, c, i + 1, j + 1)};
                        java.util.Arrays.sort(v);
                        if (v[3] > 0) {
                            gap = Math.min(gap, v[3] - v[2]);
                        }
                    }
                }
            }
        }
        return gap;
    }

    /**
     * The loss CE(lab3(x; theta), y) (dropout masks fixed by a seed, batch norm in training mode)
     * differentiated by reverse mode in x and every parameter, against central differences with
     * the error model of NN-01; inputs where a ReLU or ELU input is within 0.02 of 0 or a
     * pooling window's positive maximum leads by less than 0.02 are rejected (kinks and ties).
     */
    @Property(tries = 15, maxDiscardRatio = 20)
    void lab3GradientMatchesCentralDifferences(Check check) {
        lab3Gradient(check, true);
    }

    /**
     * Necessity of a fixed dropout mask: drawing a fresh Dropout2d mask at every evaluation (as a
     * training step does) makes the loss a different function at each point of the stencil.
     */
    @dlmath.check.Counterexample(tries = 20)
    void freshDropoutMasksBreakTheCheck(Check check) {
        lab3Gradient(check, false);
    }

    static void lab3Gradient(Check check, boolean fixedMask) {
        check.forAll(Gens.integers(1, 3).as("batch"), Gens.longs(0, 1L << 40).as("seed"), (batch, seed) -> {
            Sequential model = Labs.lab3(SIDE, CHANNELS, HIDDEN, 0.5, CLASSES);
            SplittableRandom rng = new SplittableRandom(seed);
            Params params = model.init(rng);
            Tensor x = Tensor.randn(rng, batch, 1, SIDE, SIDE);
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = rng.nextInt(CLASSES);
            }
            long maskSeed = rng.nextLong();
            check.assume(awayFromKinks(model, params, x, maskSeed));
            check.label("batch " + batch);
            List<String> names = params.names();
            Tensor[] inputs = new Tensor[names.size() + 1];
            inputs[0] = x;
            for (int i = 0; i < names.size(); i++) {
                inputs[i + 1] = params.get(names.get(i));
            }
            Nn.gradientMatchesFiniteDifferences("lab 3 block", v -> {
                Map<String, Var> p = new java.util.LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    p.put(names.get(i), v[i + 1]);
                }
                Var out = model.apply(p, model.initState(), v[0], Mode.TRAIN,
                        new SplittableRandom(fixedMask ? maskSeed : maskSeed + FRESH.incrementAndGet())).y();
                return Losses.crossEntropy(out, labels);
            }, inputs);
        });
    }

    /**
     * Lab 2 (Dense(16) -&gt; BatchNorm1d -&gt; ReLU -&gt; Dropout(0.2) -&gt; Dense(3)) trained with Adam (lr
     * 0.01, 60 epochs, batch 10) on 60 points, 20 per class, uniform in balls of radius 1 around
     * three centres 6 apart (linearly separable with margin 2): 100% training accuracy in
     * evaluation mode.
     */
    @Property(tries = 3)
    void lab2FitsASeparableSet(Check check) {
        check.forAll(Gens.longs(0, 1L << 40).as("seed"), seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            double[][] centres = {{0, 0}, {6, 0}, {3, 5.2}};
            int n = 60;
            double[] x = new double[n * 2];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % 3;
                double r = Math.sqrt(rng.nextDouble());
                double a = 2 * Math.PI * rng.nextDouble();
                x[2 * i] = centres[y[i]][0] + r * Math.cos(a);
                x[2 * i + 1] = centres[y[i]][1] + r * Math.sin(a);
            }
            Tensor xs = Tensor.of(new int[] {n, 2}, x);
            Sequential model = Labs.lab2(2, 16, 0.2, 3);
            Training.Trained t = Training.fit(model, model.init(rng), model.initState(), Losses::crossEntropy, xs,
                    Losses.oneHot(y, 3), 10, 60, Optimizers.adam(0.01), rng);
            double acc = Training.accuracy(model, t.params(), t.state(), xs, y);
            check.note("final epoch loss", t.epochLoss()[t.epochLoss().length - 1]);
            double[] epochs = new double[t.epochLoss().length];
            for (int i = 0; i < epochs.length; i++) {
                epochs[i] = i + 1;
            }
            check.plot("Lab 2 network trained with Adam (lr 0.01, batch 10): training loss per epoch").logY()
                    .axes("epoch", "mean cross-entropy").line("training loss, seed " + seed, epochs, t.epochLoss());
            Claims.close("training accuracy", acc, 1, 0);
        });
    }

}
