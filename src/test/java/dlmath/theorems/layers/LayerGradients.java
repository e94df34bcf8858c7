package dlmath.theorems.layers;

import dlmath.autodiff.Attrs;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.AutodiffGens;
import dlmath.gen.AutodiffGens.OpSample;
import dlmath.gen.LayerGens;
import dlmath.gen.TensorGens;
import dlmath.nn.Layer;
import dlmath.nn.Layers;
import dlmath.nn.Layers.Activation;
import dlmath.nn.Layers.BatchNorm;
import dlmath.nn.Layers.Kind;
import dlmath.nn.Losses;
import dlmath.nn.Mode;
import dlmath.nn.NnPrimitives;
import dlmath.nn.Params;
import dlmath.tensor.Tensor;
import dlmath.theorems.autodiff.FiniteDifferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;

/**
 * NN-01 Every layer's input and parameter gradients agree with finite differences.
 * Goodfellow, Bengio &amp; Courville, Deep Learning, MIT Press 2016, Sec. 6.5 (back-propagation)
 * and Sec. 11.5 (gradient checking). Page: theorems/layers/NN-01-layer-gradients.md.
 */
@Theorem(id = "NN-01", name = "Layer gradients agree with finite differences",
        statement = "for every layer primitive and every layer, the reverse-mode and forward-mode derivatives equal central differences within h^2/6 |f'''| + delta/h, away from kinks and ties")
@Tag("layers")
class LayerGradients {

    /** Reverse mode (rows of the Jacobian) and forward mode (columns) of each primitive of {@link NnPrimitives} vs central differences. */
    @Property(tries = 150)
    void primitivesMatchCentralDifferences(Check check) {
        check.forAll(AutodiffGens.opSamples(NnPrimitives.ALL).as("sample"), s -> {
            check.label(s.op().name());
            Claims.that(s.op().name() + ": sample lies in the domain (" + s.op().domainDescription() + ")",
                    s.op().inDomain(s.inputs(), s.attrs()));
            compare(check, s);
        });
    }

    /** Reverse-mode rows and forward-mode columns vs central differences: AD-01's and AD-02's comparisons. */
    static void compare(Check check, OpSample s) {
        FiniteDifferences.compareReverse(check, s);
        FiniteDifferences.compareForward(check, s);
    }

    /**
     * A layer at an input, parameters, state and a cotangent c: the checked function is
     * {@code <c, layer(x; params)>} of the input and every parameter.
     */
    record LayerCase(String name, Layer layer, Params params, Params state, Tensor x, Tensor c, Mode mode, long seed) {
        Var apply(Var[] v) {
            Map<String, Var> p = new java.util.LinkedHashMap<>();
            List<String> names = params.names();
            for (int i = 0; i < names.size(); i++) {
                p.put(names.get(i), v[i + 1]);
            }
            Layer.Out out = layer.apply(p, state, v[0], mode, new SplittableRandom(seed));
            return out.y().mul(v[0].graph().constant(c)).sum();
        }

        Tensor[] inputs() {
            List<Tensor> all = new ArrayList<>();
            all.add(x);
            all.addAll(List.of(params.tensors()));
            return all.toArray(new Tensor[0]);
        }

        @Override
        public String toString() {
            return name + " " + layer + " (" + mode + ") on x" + java.util.Arrays.toString(x.shape()) + " = "
                    + java.util.Arrays.toString(x.toArray()) + ", " + params + ", cotangent " + java.util.Arrays.toString(c.toArray());
        }
    }

    static Gen<Double> reals() {
        return Gens.doubles(-2, 2);
    }

    /** Entries with |x| in [0.1, 2] and either sign: away from the kinks of relu and elu at 0. */
    static Gen<Double> awayFromZero() {
        return Gens.tuples(Gens.booleans(), Gens.doubles(0.1, 2)).map(t -> t.first() ? t.second() : -t.second());
    }

    static Gen<LayerCase> withCotangent(String name, Layer layer, Gen<Tensor> xs, Mode mode,
                                        Gen<Params> params, Gen<Params> state) {
        return s -> {
            Tensor x = s.draw(xs);
            Params p = s.draw(params);
            Params st = s.draw(state);
            long seed = s.draw(Gens.longs(0, 1000));
            Graph g = new Graph();
            Map<String, Var> vars = p.constants(g);
            Tensor y = layer.apply(vars, st, g.constant(x), mode, new SplittableRandom(seed)).y().value();
            Tensor c = s.draw(TensorGens.tensors(y.shape(), reals()));
            return new LayerCase(name, layer, p, st, x, c, mode, seed);
        };
    }

    static Gen<Params> paramsOf(Layer layer, Gen<Double> values) {
        Params template = layer.init(new SplittableRandom(0));
        return s -> {
            Tensor[] t = template.tensors();
            for (int i = 0; i < t.length; i++) {
                t[i] = s.draw(TensorGens.tensors(t[i].shape(), values));
            }
            return template.withTensors(t);
        };
    }

    static Gen<Tensor> tensorsOf(int[] shape, Gen<Double> values) {
        return TensorGens.tensors(shape, values);
    }

    /** The layer registry: one generator per layer kind. */
    static List<Gen<LayerCase>> registry() {
        List<Gen<LayerCase>> kinds = new ArrayList<>();
        kinds.add(s -> {
            int n = s.draw(Gens.integers(1, 3));
            int in = s.draw(Gens.integers(1, 4));
            int out = s.draw(Gens.integers(1, 3));
            Layer l = new Layers.Linear(in, out);
            return s.draw(withCotangent("Linear", l, tensorsOf(new int[] {n, in}, reals()), Mode.TRAIN, paramsOf(l, reals()),
                    Gens.constant(Params.EMPTY)));
        });
        kinds.add(s -> {
            LayerGens.ConvCase k = s.draw(LayerGens.convCases(reals()));
            Layer l = new Layers.Conv2d(k.x().dim(1), k.w().dim(0), new int[] {k.w().dim(2), k.w().dim(3)}, k.stride(), k.padding(),
                    k.dilation(), true);
            return s.draw(withCotangent("Conv2d", l, Gens.constant(k.x()), Mode.TRAIN,
                    Gens.constant(Params.of("weight", k.w(), "bias", k.b())), Gens.constant(Params.EMPTY)));
        });
        kinds.add(s -> {
            LayerGens.PoolCase k = s.draw(LayerGens.poolCases(reals()));
            Layer l = new Layers.MaxPool2d(k.kernel(), k.stride(), k.padding());
            return s.draw(withCotangent("MaxPool2d", l, LayerGens.distinct(k.x().shape()), Mode.TRAIN,
                    Gens.constant(Params.EMPTY), Gens.constant(Params.EMPTY)));
        });
        kinds.add(s -> {
            LayerGens.PoolCase k = s.draw(LayerGens.poolCases(reals()));
            Layer l = new Layers.AvgPool2d(k.kernel(), k.stride(), k.padding());
            return s.draw(withCotangent("AvgPool2d", l, Gens.constant(k.x()), Mode.TRAIN,
                    Gens.constant(Params.EMPTY), Gens.constant(Params.EMPTY)));
        });
        for (Mode mode : Mode.values()) {
            kinds.add(s -> {
                Tensor x = s.draw(LayerGens.batchNormInputs(reals()));
                int ch = x.dim(1);
                if (mode == Mode.TRAIN) {
                    // away from a zero batch variance (where 1/sqrt(var + eps) reaches 316): variance >= 0.01
                    int[] axes = x.rank() == 2 ? new int[] {0} : new int[] {0, 2, 3};
                    double minVar = x.sub(x.mean(axes, true)).square().mean(axes, false).minAll();
                    s.draw(Gens.constant(0));
                    if (minVar < 0.01) {
                        x = x.add(Tensor.arange(x.size()).reshape(x.shape()).mul(0.3));
                    }
                }
                BatchNorm l = x.rank() == 2 ? BatchNorm.batchNorm1d(ch) : BatchNorm.batchNorm2d(ch);
                Gen<Params> state = Gens.tuples(tensorsOf(new int[] {ch}, reals()), tensorsOf(new int[] {ch}, Gens.doubles(0.5, 2)))
                        .map(t -> Params.of("running_mean", t.first(), "running_var", t.second()));
                return s.draw(withCotangent("BatchNorm " + mode, l, Gens.constant(x), mode, paramsOf(l, reals()), state));
            });
        }
        kinds.add(s -> {
            int[] shape = s.draw(TensorGens.shapes(1, 3, 1, 3));
            double p = s.draw(Gens.elements(0.0, 0.25, 0.5, 0.9));
            return s.draw(withCotangent("Dropout (fixed mask)", new Layers.Dropout(p), tensorsOf(shape, reals()), Mode.TRAIN,
                    Gens.constant(Params.EMPTY), Gens.constant(Params.EMPTY)));
        });
        kinds.add(s -> {
            int[] shape = {s.draw(Gens.integers(1, 2)), s.draw(Gens.integers(1, 3)), s.draw(Gens.integers(1, 2)), s.draw(Gens.integers(1, 2))};
            double p = s.draw(Gens.elements(0.25, 0.5));
            return s.draw(withCotangent("Dropout2d (fixed mask)", new Layers.Dropout2d(p), tensorsOf(shape, reals()), Mode.TRAIN,
                    Gens.constant(Params.EMPTY), Gens.constant(Params.EMPTY)));
        });
        for (Kind kind : Kind.values()) {
            kinds.add(s -> {
                int[] shape = {s.draw(Gens.integers(1, 3)), s.draw(Gens.integers(1, 4))};
                Gen<Double> v = kind == Kind.RELU || kind == Kind.ELU ? awayFromZero() : Gens.doubles(-4, 4);
                return s.draw(withCotangent(kind.name(), new Activation(kind), tensorsOf(shape, v), Mode.TRAIN,
                        Gens.constant(Params.EMPTY), Gens.constant(Params.EMPTY)));
            });
        }
        kinds.add(s -> {
            int[] shape = {s.draw(Gens.integers(1, 3)), s.draw(Gens.integers(1, 4))};
            Tensor target = s.draw(tensorsOf(shape, Gens.doubles(0, 1)));
            int loss = s.draw(Gens.integers(0, 2));
            String name = new String[] {"MSE loss", "BCE with logits", "CE with probability targets"}[loss];
            Layer l = (p, st, x, mode, rng) -> new Layer.Out(switch (loss) {
                case 0 -> Losses.mse(x, target);
                case 1 -> Losses.bceWithLogits(x, target);
                default -> Losses.crossEntropy(x, target);
            }, st);
            return s.draw(withCotangent(name, l, tensorsOf(shape, Gens.doubles(-4, 4)), Mode.TRAIN,
                    Gens.constant(Params.EMPTY), Gens.constant(Params.EMPTY)));
        });
        kinds.add(s -> {
            int[] shape = s.draw(TensorGens.shapes(1, 4, 1, 2));
            return s.draw(withCotangent("Flatten", new Layers.Flatten(), tensorsOf(shape, reals()), Mode.TRAIN,
                    Gens.constant(Params.EMPTY), Gens.constant(Params.EMPTY)));
        });
        return kinds;
    }

    @SuppressWarnings("unchecked")
    static Gen<LayerCase> layerCases() {
        List<Gen<LayerCase>> kinds = registry();
        return Gens.integers(0, kinds.size() - 1).flatMap(kinds::get);
    }

    /**
     * Every layer: the gradient of {@code <c, layer(x; params)>} in x and in every parameter
     * (dropout with its mask fixed by a seed; batch normalization in train and eval mode;
     * pooling away from ties; relu and elu away from 0) equals central differences.
     */
    @Property(tries = 200)
    void layersMatchCentralDifferences(Check check) {
        check.forAll(layerCases().as("layer"), k -> {
            check.label(k.name());
            Nn.gradientMatchesFiniteDifferences(k.name(), k::apply, k.inputs());
        });
    }

    /**
     * Necessity of "away from ties" for max pooling: at a tie the max is not differentiable; the
     * central difference sees each tied entry with weight 1/2, reverse mode gives the whole
     * cotangent to the first.
     */
    @Counterexample
    void maxPoolingAtTies(Check check) {
        check.forAll(Gens.integers(-2, 2).as("t"), t -> {
            Tensor x = Tensor.of(new int[] {1, 1, 1, 2}, new double[] {t, t});
            Nn.gradientMatchesFiniteDifferences("maxPool2d at a tie", v -> dlmath.nn.Functional.maxPool2d(v[0], new int[] {1, 2},
                    new int[] {1, 2}, new int[] {0, 0}, new int[] {1, 1}).sum(), x);
        });
    }

}
