package dlmath.theorems.robustness;

import dlmath.autodiff.Attrs;
import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Choices;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Primitive;
import dlmath.autodiff.Primitives;
import dlmath.autodiff.Program;
import dlmath.autodiff.Sample;
import dlmath.autodiff.Var;
import dlmath.explain.Game;
import dlmath.explain.IntegratedGradients;
import dlmath.explain.KernelShap;
import dlmath.explain.Shapley;
import dlmath.explain.Target;
import dlmath.learn.LogisticRegression;
import dlmath.learn.Metrics;
import dlmath.learn.OneHotEncoder;
import dlmath.learn.Smote;
import dlmath.learn.Standardizer;
import dlmath.learn.Training;
import dlmath.nn.ConvGeometry;
import dlmath.nn.Datasets;
import dlmath.nn.Layer;
import dlmath.nn.Layers;
import dlmath.nn.Losses;
import dlmath.nn.Mode;
import dlmath.nn.Params;
import dlmath.optim.LineSearch;
import dlmath.optim.Links;
import dlmath.optim.Optimizer;
import dlmath.optim.Optimizers;
import dlmath.optim.Projection;
import dlmath.optim.Projections;
import dlmath.optim.Schedule;
import dlmath.optim.Schedules;
import dlmath.optim.State;
import dlmath.optim.Step;
import dlmath.linalg.Cholesky;
import dlmath.linalg.Lu;
import dlmath.linalg.Pca;
import dlmath.linalg.Qr;
import dlmath.linalg.Svd;
import dlmath.linalg.SymmetricEigen;
import dlmath.prob.Bernoulli;
import dlmath.prob.Beta;
import dlmath.prob.Binomial;
import dlmath.prob.Categorical;
import dlmath.prob.Dirichlet;
import dlmath.prob.Exponential;
import dlmath.prob.Gamma;
import dlmath.prob.Laplace;
import dlmath.prob.Logistic;
import dlmath.prob.MultivariateNormal;
import dlmath.prob.Normal;
import dlmath.prob.Poisson;
import dlmath.prob.Quadrature;
import dlmath.prob.Uniform;
import dlmath.tensor.Tensor;
import dlmath.variational.AffineFlow;
import dlmath.variational.Cavi;
import dlmath.variational.CouplingFlow;
import dlmath.variational.DiscreteFunctional;
import dlmath.variational.Gaussian;
import dlmath.variational.GaussianMixture;
import dlmath.variational.LinearGaussianModel;
import dlmath.variational.LinearVae;
import dlmath.variational.NeuralOde;
import dlmath.variational.Ode;
import dlmath.variational.PlanarFlow;
import dlmath.variational.Potential;
import dlmath.variational.Ppca;
import dlmath.variational.ResidualNetwork;
import dlmath.variational.TanhField;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The explicit table of argument makers of RB-01: for each parameter type, a short list of
 * values of named kinds, the first a typical valid value, then edge and malformed ones (both ends
 * of the double range, subnormals, zeros, NaN and infinities, negative and overflowing sizes,
 * mismatched shapes, ragged and empty arrays, null, degenerate random generators, extreme
 * distribution parameters). A parameter's makers are every entry whose type the parameter accepts,
 * so adding a subtype (a new distribution) adds its instances everywhere. Makers run per call in a
 * {@link Ctx} that holds one graph, so that the {@code Var} arguments of one call share it.
 */
final class ArgumentMakers {

    /** Per-call context: the graph the {@code Var} arguments of one call live in. */
    static final class Ctx {
        final Graph graph = new Graph();
    }

    /** One maker: the type of the values it makes, the kind's name, and the factory. */
    record Maker(Type type, String kind, Function<Ctx, Object> make) {
        @Override
        public String toString() {
            return kind;
        }
    }

    private ArgumentMakers() {
    }

    private static final List<Maker> TABLE = new ArrayList<>();

    private static void add(Type type, String kind, Function<Ctx, Object> make) {
        TABLE.add(new Maker(type, kind, make));
    }

    private static void value(Type type, String kind, Object v) {
        add(type, kind, c -> v instanceof double[] d ? d.clone() : v instanceof int[] i ? i.clone() : v);
    }

    static final double SUB = Double.MIN_VALUE;
    static final double MAX = Double.MAX_VALUE;

    /** A generator that always returns 0 (and the smallest values): rejection samplers must not hang. */
    static final RandomGenerator ZERO = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0;
        }

        @Override
        public String toString() {
            return "always-0 generator";
        }
    };

    /** A generator that always returns the largest values. */
    static final RandomGenerator ONE = new RandomGenerator() {
        @Override
        public long nextLong() {
            return -1;
        }

        @Override
        public double nextDouble() {
            return Math.nextDown(1.0);
        }

        @Override
        public String toString() {
            return "always-(1 - ulp) generator";
        }
    };

    static Tensor m(double[][] rows) {
        return Tensor.of(rows);
    }

    static {
        // ---------------------------------------------------------------- primitives
        for (Object[] d : new Object[][] {{"1", 1.0}, {"0", 0.0}, {"-0", -0.0}, {"-1", -1.0}, {"0.5", 0.5},
                {"2", 2.0}, {"1e300", 1e300}, {"-1e300", -1e300}, {"1e-300", 1e-300}, {"subnormal", SUB},
                {"MAX", MAX}, {"-MAX", -MAX}, {"NaN", Double.NaN}, {"+inf", Double.POSITIVE_INFINITY},
                {"-inf", Double.NEGATIVE_INFINITY}}) {
            value(double.class, "double " + d[0], d[1]);
        }
        for (Object[] i : new Object[][] {{"1", 1}, {"0", 0}, {"2", 2}, {"-1", -1}, {"3", 3}, {"-3", -3},
                {"46341", 46341}, {"MIN", Integer.MIN_VALUE}, {"MAX", Integer.MAX_VALUE}}) {
            value(int.class, "int " + i[0], i[1]);
        }
        for (Object[] l : new Object[][] {{"1", 1L}, {"0", 0L}, {"-1", -1L}, {"MIN", Long.MIN_VALUE},
                {"MAX", Long.MAX_VALUE}}) {
            value(long.class, "long " + l[0], l[1]);
        }
        value(boolean.class, "true", true);
        value(boolean.class, "false", false);
        value(String.class, "name \"p\"", "p");
        value(String.class, "name \"\"", "");

        // ---------------------------------------------------------------- arrays
        value(double[].class, "double[] {1, 2, 3}", new double[] {1, 2, 3});
        value(double[].class, "double[] {}", new double[0]);
        value(double[].class, "double[] {NaN}", new double[] {Double.NaN});
        value(double[].class, "double[] {1e308, -1e308, 1e308}", new double[] {1e308, -1e308, 1e308});
        value(double[].class, "double[] {MAX, MAX}", new double[] {MAX, MAX});
        value(double[].class, "double[] {subnormals}", new double[] {SUB, 2 * SUB, 0});
        value(double[].class, "double[] {inf}", new double[] {Double.POSITIVE_INFINITY});
        value(int[].class, "int[] {2, 3}", new int[] {2, 3});
        value(int[].class, "int[] {}", new int[0]);
        value(int[].class, "int[] {0}", new int[] {0});
        value(int[].class, "int[] {-1}", new int[] {-1});
        value(int[].class, "int[] {-5}", new int[] {-5});
        value(int[].class, "int[] {1, 1}", new int[] {1, 1});
        value(int[].class, "int[] {46341, 46341}", new int[] {46341, 46341});
        value(int[].class, "int[] {65536, 65536}", new int[] {65536, 65536});
        value(int[].class, "int[] {MAX}", new int[] {Integer.MAX_VALUE});
        value(double[][].class, "double[][] 2x2", new double[][] {{1, 2}, {3, 4}});
        value(double[][].class, "double[][] ragged", new double[][] {{1, 2}, {3}});
        value(double[][].class, "double[][] {}", new double[0][]);
        value(double[][].class, "double[][] {{}}", new double[][] {{}});
        add(double[][].class, "double[][] with null row", c -> new double[][] {{1}, null});
        add(Object[].class, "Object[] {\"p\", 2.0}", c -> new Object[] {"p", 2.0});
        add(Object[].class, "Object[] {\"p\"} (odd)", c -> new Object[] {"p"});
        add(Object[].class, "Object[] {1, 2} (no name)", c -> new Object[] {1, 2});
        add(Object[].class, "Object[] {\"p\", \"x\"} (bad value)", c -> new Object[] {"p", "x"});

        // ---------------------------------------------------------------- tensors
        add(Tensor.class, "tensor 2x2 SPD", c -> m(new double[][] {{2, 1}, {1, 3}}));
        add(Tensor.class, "tensor scalar 2", c -> Tensor.scalar(2));
        add(Tensor.class, "tensor vector [0.2, 0.3, 0.5]", c -> Tensor.of(0.2, 0.3, 0.5));
        add(Tensor.class, "tensor vector [1]", c -> Tensor.of(1.0));
        add(Tensor.class, "tensor 2x3", c -> m(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        add(Tensor.class, "tensor 3x2", c -> m(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        add(Tensor.class, "tensor 3x3 identity", c -> Tensor.eye(3));
        add(Tensor.class, "tensor 2x2 singular", c -> m(new double[][] {{1, 2}, {2, 4}}));
        add(Tensor.class, "tensor 2x2 zeros", c -> Tensor.zeros(2, 2));
        add(Tensor.class, "tensor 2x2 at 1e308", c -> m(new double[][] {{1e308, 1e308}, {-1e308, 1e308}}));
        add(Tensor.class, "tensor 2x2 SPD at 2^1000", c -> m(new double[][] {{2, 1}, {1, 3}}).mul(0x1p1000));
        add(Tensor.class, "tensor 2x2 subnormal", c -> m(new double[][] {{1e-310, 0}, {0, 1e-310}}));
        add(Tensor.class, "tensor 2x2 with NaN", c -> m(new double[][] {{1, Double.NaN}, {0, 1}}));
        add(Tensor.class, "tensor 2x2 with +inf", c -> m(new double[][] {{1, Double.POSITIVE_INFINITY}, {0, 1}}));
        add(Tensor.class, "tensor vector [1e308, -1e308]", c -> Tensor.of(1e308, -1e308));
        add(Tensor.class, "tensor vector [0, 0, 0]", c -> Tensor.zeros(3));
        add(Tensor.class, "tensor rank 3 [2, 1, 2]", c -> Tensor.arange(4).reshape(2, 1, 2));
        add(Tensor.class, "tensor 65536x1", c -> Tensor.ones(65536, 1));
        add(Tensor[].class, "Tensor[] {2x2 SPD}", c -> new Tensor[] {m(new double[][] {{2, 1}, {1, 3}})});
        add(Tensor[].class, "Tensor[] {}", c -> new Tensor[0]);
        add(Tensor[].class, "Tensor[] {[1, 2, 3], [1]}", c -> new Tensor[] {Tensor.of(1, 2, 3), Tensor.of(1.0)});
        add(Tensor[].class, "Tensor[] {[1], null}", c -> new Tensor[] {Tensor.of(1.0), null});
        add(Tensor[].class, "Tensor[] {vector at 1e308}", c -> new Tensor[] {Tensor.of(1e308, -1e308)});

        // ---------------------------------------------------------------- autodiff
        add(Graph.class, "a graph", c -> c.graph);
        add(Graph.class, "another graph", c -> new Graph());
        add(Var.class, "var 2x2 SPD", c -> c.graph.variable(m(new double[][] {{2, 1}, {1, 3}})));
        add(Var.class, "var vector [1, 2, 3]", c -> c.graph.variable(Tensor.of(1, 2, 3)));
        add(Var.class, "var scalar", c -> c.graph.variable(Tensor.scalar(0.5)));
        add(Var.class, "constant 2x3", c -> c.graph.constant(m(new double[][] {{1, 2, 3}, {4, 5, 6}})));
        add(Var.class, "var at 1e308", c -> c.graph.variable(Tensor.of(1e308, -1e308)));
        add(Var.class, "var of another graph", c -> new Graph().variable(Tensor.of(1.0)));
        add(Var.class, "dual vector", c -> c.graph.dual(Tensor.of(1, 2, 3), Tensor.of(1, 0, 0)));
        add(Var[].class, "Var[] {vector}", c -> new Var[] {c.graph.variable(Tensor.of(1, 2, 3))});
        add(Var[].class, "Var[] {}", c -> new Var[0]);
        add(Var[].class, "Var[] {vector, 2x3}",
                c -> new Var[] {c.graph.variable(Tensor.of(1, 2, 3)), c.graph.variable(m(new double[][] {{1, 2, 3}, {4, 5, 6}}))});
        add(Var[].class, "Var[] {null}", c -> new Var[] {null});
        for (Primitive p : List.of(Primitives.ADD, Primitives.POW, Primitives.SOFTMAX, Primitives.CONCAT,
                Primitives.SOLVE, Primitives.MATMUL, Primitives.LOGSUMEXP, Primitives.RESHAPE)) {
            value(Primitive.class, "primitive " + p.name(), p);
        }
        value(Attrs.class, "attrs none", Attrs.NONE);
        add(Attrs.class, "attrs p=2.0", c -> Attrs.of("p", 2.0));
        add(Attrs.class, "attrs p=2 (an int where a real is expected)", c -> Attrs.of("p", 2));
        add(Attrs.class, "attrs axes=[0], keepdims", c -> Attrs.of("axes", new int[] {0}, "keepdims", true));
        add(Attrs.class, "attrs axis=5", c -> Attrs.of("axis", 5));
        add(Attrs.class, "attrs shape=[-1]", c -> Attrs.of("shape", new int[] {-1}));
        add(Choices.class, "random choices", c -> Choices.random(new SplittableRandom(7)));
        add(Choices.class, "choices of an always-0 generator", c -> Choices.random(ZERO));
        add(Sample.class, "sample x = [1, 2]", c -> new Sample(new Tensor[] {Tensor.of(1, 2)}, Attrs.NONE));
        add(Program.class, "program v1 = exp(x0)", c -> new Program(List.of(new int[] {2}),
                List.of(new Program.Instruction(Primitives.EXP, new int[] {0}, Attrs.NONE, false))));
        add(Program.Instruction.class, "instruction exp(x0)",
                c -> new Program.Instruction(Primitives.EXP, new int[] {0}, Attrs.NONE, false));
        add(Program.Instruction.class, "instruction reading value 7",
                c -> new Program.Instruction(Primitives.ADD, new int[] {0, 7}, Attrs.NONE, false));
        add(Autodiff.Dual.class, "dual of [1]", c -> new Autodiff.Dual(Tensor.of(1.0), Tensor.of(0.0)));
        add(typeOf("java.util.List<int[]>"), "shapes [[2]]", c -> List.of(new int[] {2}));
        add(typeOf("java.util.List<int[]>"), "shapes []", c -> List.of());
        add(typeOf("java.util.List<int[]>"), "shapes [[-1]]", c -> List.of(new int[] {-1}));
        add(typeOf("java.util.List<dlmath.autodiff.Program$Instruction>"), "body [exp(x0)]",
                c -> List.of(new Program.Instruction(Primitives.EXP, new int[] {0}, Attrs.NONE, false)));
        add(typeOf("java.util.List<dlmath.autodiff.Program$Instruction>"), "body [add(x0, v7)]",
                c -> List.of(new Program.Instruction(Primitives.ADD, new int[] {0, 7}, Attrs.NONE, false)));
        add(typeOf("java.util.List<dlmath.autodiff.Program$Instruction>"), "body []", c -> List.of());
        String fn = "java.util.function.Function<dlmath.autodiff.Var[], dlmath.autodiff.Var>";
        add(typeOf(fn), "f = sum of squares of x0", c -> (Function<Var[], Var>) v -> v[0].mul(v[0]).sum());
        add(typeOf(fn), "f = x0 (not a scalar)", c -> (Function<Var[], Var>) v -> v[0]);
        add(typeOf(fn), "f returning null", c -> (Function<Var[], Var>) v -> null);

        // ---------------------------------------------------------------- functions, generators
        add(DoubleUnaryOperator.class, "x -> x^2", c -> (DoubleUnaryOperator) x -> x * x);
        add(DoubleUnaryOperator.class, "x -> 1", c -> (DoubleUnaryOperator) x -> 1);
        add(DoubleUnaryOperator.class, "x -> NaN", c -> (DoubleUnaryOperator) x -> Double.NaN);
        add(DoubleBinaryOperator.class, "(x, y) -> x + y", c -> (DoubleBinaryOperator) Double::sum);
        add(RandomGenerator.class, "SplittableRandom(1)", c -> new SplittableRandom(1));
        value(RandomGenerator.class, "always-0 generator", ZERO);
        value(RandomGenerator.class, "always-(1 - ulp) generator", ONE);

        // ---------------------------------------------------------------- linalg objects
        add(Svd.class, "Svd of 2x3", c -> Svd.of(m(new double[][] {{1, 2, 3}, {4, 5, 6}})));
        add(Svd.class, "Svd of 2x2 at 1e308", c -> Svd.of(m(new double[][] {{1e308, 1e308}, {-1e308, 1e308}})));
        add(Lu.class, "Lu of 2x2 SPD", c -> Lu.of(m(new double[][] {{2, 1}, {1, 3}})));
        add(Lu.class, "Lu of singular", c -> Lu.of(m(new double[][] {{1, 2}, {2, 4}})));
        add(Lu.class, "Lu at 1e308", c -> Lu.of(m(new double[][] {{1e308, 1e308}, {-1e308, 1e308}})));
        add(Cholesky.class, "Cholesky of 2x2 SPD", c -> Cholesky.of(m(new double[][] {{2, 1}, {1, 3}})));
        add(Cholesky.class, "Cholesky at 2^1000", c -> Cholesky.of(m(new double[][] {{2, 1}, {1, 3}}).mul(0x1p1000)));
        add(Qr.class, "Qr of 3x2", c -> Qr.of(m(new double[][] {{1, 2}, {3, 4}, {5, 6}})));
        add(SymmetricEigen.class, "eigen of 2x2 SPD", c -> SymmetricEigen.of(m(new double[][] {{2, 1}, {1, 3}})));
        add(Pca.class, "Pca of 3x2, k = 1", c -> Pca.viaSvd(m(new double[][] {{1, 2}, {3, 5}, {5, 6}}), 1));
        add(Pca.class, "Pca of data at 1e308", c -> Pca.viaEigen(m(new double[][] {{1e308, 0}, {-1e308, 1}, {0, 2}}), 2));

        // ---------------------------------------------------------------- distributions
        add(Normal.class, "Normal(0, 1)", c -> new Normal(0, 1));
        add(Normal.class, "Normal(1e308, 1e-300)", c -> new Normal(1e308, 1e-300));
        add(Normal.class, "Normal(0, MAX)", c -> new Normal(0, MAX));
        add(Laplace.class, "Laplace(0, MAX)", c -> new Laplace(0, MAX));
        add(Logistic.class, "Logistic(-1e308, subnormal)", c -> new Logistic(-1e308, SUB));
        add(Exponential.class, "Exponential(subnormal)", c -> new Exponential(SUB));
        add(Uniform.class, "Uniform(-1, 1)", c -> new Uniform(-1, 1));
        add(Gamma.class, "Gamma(2, 3)", c -> new Gamma(2, 3));
        add(Gamma.class, "Gamma(1e308, 1e10)", c -> new Gamma(1e308, 1e10));
        add(Gamma.class, "Gamma(subnormal, 1)", c -> new Gamma(SUB, 1));
        add(Beta.class, "Beta(2, 3)", c -> new Beta(2, 3));
        add(Beta.class, "Beta(1e308, 1e308)", c -> new Beta(1e308, 1e308));
        add(Beta.class, "Beta(0.5, 1e308)", c -> new Beta(0.5, 1e308));
        add(Bernoulli.class, "Bernoulli(0)", c -> new Bernoulli(0));
        add(Binomial.class, "Binomial(10, 0.3)", c -> new Binomial(10, 0.3));
        add(Binomial.class, "Binomial(MAX, 0.5)", c -> new Binomial(Integer.MAX_VALUE, 0.5));
        add(Poisson.class, "Poisson(3)", c -> new Poisson(3));
        add(Poisson.class, "Poisson(1e9)", c -> new Poisson(1e9));
        add(Categorical.class, "Categorical([0.2, 0.3, 0.5])", c -> new Categorical(Tensor.of(0.2, 0.3, 0.5)));
        add(Categorical.class, "Categorical from logits +-1e308", c -> Categorical.fromLogits(Tensor.of(1e308, -1e308)));
        add(Dirichlet.class, "Dirichlet([1, 2, 3])", c -> new Dirichlet(Tensor.of(1, 2, 3)));
        add(Dirichlet.class, "Dirichlet([1e308, 1e308])", c -> new Dirichlet(Tensor.of(1e308, 1e308)));
        add(MultivariateNormal.class, "MultivariateNormal(0, [[2, 1], [1, 3]])",
                c -> new MultivariateNormal(Tensor.zeros(2), m(new double[][] {{2, 1}, {1, 3}})));
        add(MultivariateNormal.class, "MultivariateNormal at 2^1000",
                c -> new MultivariateNormal(Tensor.zeros(2), m(new double[][] {{2, 1}, {1, 3}}).mul(0x1p1000)));
        add(Quadrature.Rule.class, "Gauss-Hermite rule, 5 nodes", c -> Quadrature.gaussHermite(5));
        add(Quadrature.Result.class, "result 1 +- 0", c -> new Quadrature.Result(1, 0));

        optimMakers();
        nnMakers();
        learnMakers();
        explainMakers();
        variationalMakers();
    }

    // -------------------------------------------------------------------- dlmath.optim

    private static Tensor[] params2() {
        return new Tensor[] {Tensor.of(1, -2), Tensor.of(0.5)};
    }

    private static void optimMakers() {
        add(Optimizer.class, "sgd(0.1)", c -> Optimizers.sgd(0.1));
        add(Optimizer.class, "sgd(0.1, momentum 0.9, nesterov, weight decay 0.01)",
                c -> Optimizers.sgd(0.1, 0.9, 0, 0.01, true));
        add(Optimizer.class, "adam(1e-3, amsgrad)", c -> Optimizers.adam(1e-3, 0.9, 0.999, 1e-8, 0, true));
        add(Optimizer.class, "adamW(MAX)", c -> Optimizers.adamW(MAX));
        add(Optimizer.class, "adagrad(0.1)", c -> Optimizers.adagrad(0.1));
        add(Optimizer.class, "rmsprop(0.01, centered, momentum 0.9)",
                c -> Optimizers.rmsprop(0.01, 0.99, 1e-8, 0, 0.9, true));
        add(Optimizer.class, "fista(0.1)", c -> Optimizers.fista(0.1));
        add(Optimizer.class, "chain(clip to box [-1, 1], sgd(subnormal))",
                c -> Links.chain(Links.project(Projections.box(-1, 1)), Optimizers.sgd(SUB)));
        add(Optimizer[].class, "Optimizer[] {sgd(0.1)}", c -> new Optimizer[] {Optimizers.sgd(0.1)});
        add(Optimizer[].class, "Optimizer[] {}", c -> new Optimizer[0]);
        add(Optimizer[].class, "Optimizer[] {null}", c -> new Optimizer[] {null});
        add(Schedule.class, "constant(0.1)", c -> Schedules.constant(0.1));
        add(Schedule.class, "cosine(1, 10, 0)", c -> Schedules.cosine(1, 10, 0));
        add(Schedule.class, "t -> NaN (a user schedule)", c -> (Schedule) t -> Double.NaN);
        add(Schedule.class, "t -> -1 (a user schedule)", c -> (Schedule) t -> -1);
        add(Projection.class, "box [0, 1]", c -> Projections.box(0, 1));
        add(Projection.class, "ball of radius MAX", c -> Projections.ball(MAX));
        add(Projection.class, "x -> null (a user projection)", c -> (Projection) x -> null);
        add(Projection.class, "x -> [1] (a user projection of the wrong shape)", c -> (Projection) x -> Tensor.of(1.0));
        add(State.None.class, "State.None", c -> new State.None());
        add(State.Count.class, "State.Count(0)", c -> new State.Count(0));
        add(State.Count.class, "State.Count(-1)", c -> new State.Count(-1));
        add(State.Momentum.class, "State.Momentum of params [2], [1]",
                c -> new State.Momentum(0, new Tensor[] {Tensor.zeros(2), Tensor.zeros(1)}));
        add(State.Adam.class, "State.Adam of the wrong shapes",
                c -> new State.Adam(3, new Tensor[] {Tensor.zeros(3)}, new Tensor[] {Tensor.zeros(3)}, null));
        add(State.Adagrad.class, "State.Adagrad at MAX", c -> new State.Adagrad(Long.MAX_VALUE, new Tensor[] {Tensor.of(MAX, MAX), Tensor.of(MAX)}));
        add(State.RmsProp.class, "State.RmsProp of params [2], [1]",
                c -> new State.RmsProp(1, new Tensor[] {Tensor.ones(2), Tensor.ones(1)}, new Tensor[] {Tensor.zeros(2), Tensor.zeros(1)}));
        add(State.Fista.class, "State.Fista theta NaN", c -> new State.Fista(0, Double.NaN, params2()));
        add(State.Chain.class, "State.Chain(None, Count(0))", c -> new State.Chain(List.of(new State.None(), new State.Count(0))));
        add(typeOf("java.util.List<dlmath.optim.State>"), "states [None, Count(0)]",
                c -> List.of(new State.None(), new State.Count(0)));
        add(typeOf("java.util.List<dlmath.optim.State>"), "states []", c -> List.of());
        add(typeOf("java.util.List<dlmath.optim.State>"), "states [null]", c -> java.util.Arrays.asList((State) null));
        value(Class.class, "class State.Count", State.Count.class);
        value(Class.class, "class State.Adam", State.Adam.class);
        add(Step.class, "step of updates [2], [1]", c -> new Step(params2(), new State.None()));
        add(typeOf("java.util.function.ToDoubleFunction<dlmath.tensor.Tensor>"), "f = |x|^2",
                c -> (ToDoubleFunction<Tensor>) x -> x.dot(x));
        add(typeOf("java.util.function.ToDoubleFunction<dlmath.tensor.Tensor>"), "f = NaN",
                c -> (ToDoubleFunction<Tensor>) x -> Double.NaN);
        add(typeOf("java.util.function.ToDoubleFunction<dlmath.tensor.Tensor>"), "f = -sum (unbounded below)",
                c -> (ToDoubleFunction<Tensor>) x -> -x.sumAll());
        String grad = "java.util.function.Function<dlmath.tensor.Tensor[], dlmath.tensor.Tensor[]>";
        add(typeOf(grad), "gradient x -> x", c -> (Function<Tensor[], Tensor[]>) x -> x);
        add(typeOf(grad), "gradient returning null", c -> (Function<Tensor[], Tensor[]>) x -> null);
        add(typeOf(grad), "gradient returning {}", c -> (Function<Tensor[], Tensor[]>) x -> new Tensor[0]);
        add(LineSearch.Result.class, "line search result", c -> new LineSearch.Result(1, Tensor.of(1.0), 0, 1));
    }

    // -------------------------------------------------------------------- dlmath.nn

    private static Params linearParams(Ctx c) {
        return new Layers.Linear(2, 2).init(new SplittableRandom(3));
    }

    private static void nnMakers() {
        add(Layers.Linear.class, "Linear(2, 2)", c -> new Layers.Linear(2, 2));
        add(Layers.Linear.class, "Linear(MAX, MAX)", c -> new Layers.Linear(Integer.MAX_VALUE, Integer.MAX_VALUE));
        add(Layers.Conv2d.class, "Conv2d(1, 2, 3, 1, 1)", c -> new Layers.Conv2d(1, 2, 3, 1, 1));
        add(Layers.MaxPool2d.class, "MaxPool2d(2)", c -> new Layers.MaxPool2d(2));
        add(Layers.AvgPool2d.class, "AvgPool2d(2)", c -> new Layers.AvgPool2d(2));
        add(Layers.BatchNorm.class, "BatchNorm1d(2)", c -> Layers.BatchNorm.batchNorm1d(2));
        add(Layers.BatchNorm.class, "BatchNorm2d(1)", c -> Layers.BatchNorm.batchNorm2d(1));
        add(Layers.Dropout.class, "Dropout(0.5)", c -> new Layers.Dropout(0.5));
        add(Layers.Dropout2d.class, "Dropout2d(1)", c -> new Layers.Dropout2d(1));
        add(Layers.Activation.class, "Activation(SOFTMAX)", c -> new Layers.Activation(Layers.Kind.SOFTMAX));
        add(Layers.Flatten.class, "Flatten", c -> new Layers.Flatten());
        add(Layers.Sequential.class, "Sequential(Linear(2, 3), ReLU, Linear(3, 2))", c -> Layers.Sequential.of(
                new Layers.Linear(2, 3), new Layers.Activation(Layers.Kind.RELU), new Layers.Linear(3, 2)));
        add(Layers.Sequential.class, "Sequential()", c -> Layers.Sequential.of());
        add(Layer[].class, "Layer[] {Linear(2, 2)}", c -> new Layer[] {new Layers.Linear(2, 2)});
        add(Layer[].class, "Layer[] {}", c -> new Layer[0]);
        add(Layer[].class, "Layer[] {null}", c -> new Layer[] {null});
        add(typeOf("java.util.List<dlmath.nn.Layer>"), "layers [Linear(2, 2), Flatten]",
                c -> List.of(new Layers.Linear(2, 2), new Layers.Flatten()));
        add(typeOf("java.util.List<dlmath.nn.Layer>"), "layers [null]", c -> java.util.Arrays.asList((Layer) null));
        for (Layers.Kind k : Layers.Kind.values()) {
            value(Layers.Kind.class, "activation " + k, k);
        }
        value(Mode.class, "TRAIN", Mode.TRAIN);
        value(Mode.class, "EVAL", Mode.EVAL);
        add(Params.class, "params of Linear(2, 2)", ArgumentMakers::linearParams);
        value(Params.class, "Params.EMPTY", Params.EMPTY);
        add(Params.class, "params {w: [1e308, -1e308], b: NaN}",
                c -> Params.of("w", Tensor.of(1e308, -1e308), "b", Tensor.scalar(Double.NaN)));
        add(Params.class, "BatchNorm1d(2) state", c -> Layers.BatchNorm.batchNorm1d(2).initState());
        add(typeOf("java.util.Map<java.lang.String, dlmath.autodiff.Var>"), "variables of Linear(2, 2)",
                c -> linearParams(c).variables(c.graph));
        add(typeOf("java.util.Map<java.lang.String, dlmath.autodiff.Var>"), "variables {}", c -> Map.of());
        add(typeOf("java.util.Map<java.lang.String, dlmath.autodiff.Var>"), "variables of another graph",
                c -> linearParams(c).variables(new Graph()));
        add(Layer.Out.class, "out (var, empty state)", c -> new Layer.Out(c.graph.variable(Tensor.of(1.0)), Params.EMPTY));
        add(ConvGeometry.class, "geometry [1, 1, 4, 4] * 3x3", c -> ConvGeometry.of(new int[] {1, 1, 4, 4},
                new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}));
        add(ConvGeometry.class, "geometry [MAX, 1, MAX, 1] * 1x1", c -> ConvGeometry.of(
                new int[] {Integer.MAX_VALUE, 1, Integer.MAX_VALUE, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {1, 1}));
        add(Datasets.Dataset.class, "dataset of 4 rows, 2 classes",
                c -> new Datasets.Dataset(Tensor.of(new double[][] {{0, 1}, {1, 0}, {2, 2}, {3, 1}}), new int[] {0, 1, 0, 1}, 2));
        add(Datasets.Dataset.class, "dataset of 1 row", c -> new Datasets.Dataset(Tensor.of(new double[][] {{1}}), new int[] {0}, 1));
        value(Path.class, "path data/wine_data.csv", Path.of("data/wine_data.csv"));
        value(Path.class, "path data/digits.csv.gz", Path.of("data/digits.csv.gz"));
        value(Path.class, "path pom.xml (not a table)", Path.of("pom.xml"));
        value(Path.class, "path data/ (a directory)", Path.of("data"));
        value(Path.class, "path that does not exist", Path.of("no/such/file.csv"));
        String loss = "java.util.function.BiFunction<dlmath.autodiff.Var, dlmath.tensor.Tensor, dlmath.autodiff.Var>";
        add(typeOf(loss), "loss mse", c -> (BiFunction<Var, Tensor, Var>) Losses::mse);
        add(typeOf(loss), "loss returning null", c -> (BiFunction<Var, Tensor, Var>) (y, t) -> null);
        add(typeOf(loss), "loss returning y (not a scalar)", c -> (BiFunction<Var, Tensor, Var>) (y, t) -> y);
    }

    // -------------------------------------------------------------------- dlmath.learn

    private static void learnMakers() {
        add(Training.Trained.class, "trained (params of Linear(2, 2), one epoch)",
                c -> new Training.Trained(linearParams(c), Params.EMPTY, new double[] {0.5}));
        // the fitted objects, fitted by the library on small tables (the typical one fits the typical tensor 2x2 SPD
        // and int[] {2, 3}), then degenerate and extreme ones
        add(Standardizer.class, "standardizer fitted on 2x2 SPD", c -> Standardizer.fit(m(new double[][] {{2, 1}, {1, 3}})));
        add(Standardizer.class, "standardizer of a constant column", c -> Standardizer.fit(m(new double[][] {{5, 1}, {5, 2}})));
        add(Standardizer.class, "standardizer of one row", c -> Standardizer.fit(m(new double[][] {{1, 2}})));
        add(Standardizer.class, "standardizer of columns at +-1e308 and subnormals",
                c -> Standardizer.fit(m(new double[][] {{1e308, SUB}, {-1e308, 0}})));
        add(OneHotEncoder.class, "encoder of {1, 2, 3}", c -> OneHotEncoder.of(new int[] {1, 2, 3}, false));
        add(OneHotEncoder.class, "encoder of {2, 3}, drop first", c -> OneHotEncoder.fit(new int[] {3, 2, 3}, true));
        add(OneHotEncoder.class, "encoder of {5} (one category)", c -> OneHotEncoder.fit(new int[] {5}, false));
        add(OneHotEncoder.class, "encoder of {MIN, MAX}", c -> OneHotEncoder.of(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, false));
        add(Smote.Resampled.class, "resampled: 4 negatives, 2 positives, k = 1", c -> Smote.oversample(
                m(new double[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 2}, {3, 3}}), new int[] {0, 0, 0, 0, 1, 1}, 1,
                new SplittableRandom(5)));
        add(Smote.Resampled.class, "resampled: balanced (nothing added)", c -> Smote.oversample(
                m(new double[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}), new int[] {0, 1, 0, 1}, 1, new SplittableRandom(5)));
        add(Smote.Resampled.class, "resampled at +-1e308", c -> Smote.oversample(
                m(new double[][] {{1e308, 0}, {-1e308, 0}, {0, 1e308}, {1e308, 1e308}, {-1e308, -1e308}}),
                new int[] {0, 0, 0, 1, 1}, 1, new SplittableRandom(5)));
        add(LogisticRegression.Model.class, "model w = [1, -1], b = 0.5",
                c -> new LogisticRegression.Model(new double[] {1, -1}, 0.5, 3, 1e-9, true));
        add(LogisticRegression.Model.class, "model fitted by Newton on 4 rows", c -> LogisticRegression.newton(
                m(new double[][] {{0, 1}, {1, 0}, {2, 2}, {3, 1}}), new int[] {0, 0, 1, 1}, true, 1, 1e-10, 50));
        add(LogisticRegression.Model.class, "model w = [1e308, -1e308], b = -1e308",
                c -> new LogisticRegression.Model(new double[] {1e308, -1e308}, -1e308, 0, 0, false));
        add(LogisticRegression.Model.class, "model w = [subnormal, 0], b = 0",
                c -> new LogisticRegression.Model(new double[] {SUB, 0}, 0, 0, 0, false));
        add(LogisticRegression.Model.class, "model of one weight",
                c -> new LogisticRegression.Model(new double[] {2}, 0, 1, 0, true));
        add(Metrics.ConfusionMatrix.class, "confusion tp 3, fp 1, tn 4, fn 2", c -> new Metrics.ConfusionMatrix(3, 1, 4, 2));
        add(Metrics.ConfusionMatrix.class, "confusion of negatives only", c -> new Metrics.ConfusionMatrix(0, 0, 5, 0));
        add(Metrics.ConfusionMatrix.class, "confusion tp = Long.MAX", c -> new Metrics.ConfusionMatrix(Long.MAX_VALUE, 0, 0, 0));
        add(Metrics.ConfusionMatrix.class, "confusion tp = MAX/2, fp = MAX/2",
                c -> new Metrics.ConfusionMatrix(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, 0, 0));
        add(Metrics.ConfusionMatrix.class, "confusion fp 1, fn 1 (no true prediction)", c -> new Metrics.ConfusionMatrix(0, 1, 0, 1));
        add(Metrics.Curve.class, "ROC curve of 4 scores",
                c -> Metrics.roc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}));
        add(Metrics.Curve.class, "PR curve with tied and infinite scores", c -> Metrics.precisionRecall(
                new double[] {Double.POSITIVE_INFINITY, 1, 1, Double.NEGATIVE_INFINITY}, new int[] {1, 0, 1, 0}));
        add(Metrics.Curve.class, "curve of one point", c -> new Metrics.Curve(new double[] {0}, new double[] {1},
                new double[] {Double.POSITIVE_INFINITY}));
    }

    // -------------------------------------------------------------------- dlmath.explain

    /** The typical target: |x|^2 on the shape [2, 2] of the typical tensor (2x2 SPD). */
    private static Target squares() {
        return Target.of(new int[] {2, 2}, x -> x.mul(x).sum());
    }

    private static Target linearModel(int output) {
        Layers.Sequential net = Layers.Sequential.of(new Layers.Flatten(), new Layers.Linear(4, 2));
        return Target.model(net, net.init(new SplittableRandom(3)), Params.EMPTY, new int[] {2, 2}, output);
    }

    private static void explainMakers() {
        add(Target.class, "target |x|^2 on [2, 2]", c -> squares());
        add(Target.class, "target output 1 of Flatten, Linear(4, 2) on [2, 2]", c -> linearModel(1));
        add(Target.class, "target output 5 of a model with 2 outputs", c -> linearModel(5));
        add(Target.class, "target sum exp(x) on [2, 2] (overflows at 1e308)", c -> Target.of(new int[] {2, 2}, x -> x.exp().sum()));
        add(Target.class, "target x -> x on [2, 2] (not a scalar)", c -> Target.of(new int[] {2, 2}, x -> x));
        add(Target.class, "target returning null on [2, 2]", c -> Target.of(new int[] {2, 2}, x -> null));
        add(Target.class, "target sum on [13] (more than Shapley.MAX_FEATURES)", c -> Target.of(new int[] {13}, Var::sum));
        add(Target.class, "target sum on [1]", c -> Target.of(new int[] {1}, Var::sum));
        String fn = "java.util.function.Function<dlmath.autodiff.Var, dlmath.autodiff.Var>";
        add(typeOf(fn), "f = sum of squares", c -> (Function<Var, Var>) x -> x.mul(x).sum());
        add(typeOf(fn), "f = x (not a scalar)", c -> (Function<Var, Var>) x -> x);
        add(typeOf(fn), "f = sum exp(x)", c -> (Function<Var, Var>) x -> x.exp().sum());
        add(typeOf(fn), "f returning null", c -> (Function<Var, Var>) x -> null);
        add(Game.class, "interventional game of |x|^2 at 2x2 SPD, baseline 0",
                c -> Shapley.interventional(squares(), m(new double[][] {{2, 1}, {1, 3}}), Tensor.zeros(2, 2)));
        add(Game.class, "expected game of the linear model over 2 baselines", c -> Shapley.expected(linearModel(0),
                m(new double[][] {{2, 1}, {1, 3}}), Tensor.of(new int[] {2, 2, 2}, new double[] {0, 0, 0, 0, 1, 1, 1, 1})));
        add(Game.class, "game |S| (a user game)", c -> (Game) Integer::bitCount);
        add(Game.class, "game 1e308 |S| (a user game)", c -> (Game) s -> 1e308 * Integer.bitCount(s));
        add(Game.class, "game NaN (a user game)", c -> (Game) s -> Double.NaN);
        for (IntegratedGradients.Rule r : IntegratedGradients.Rule.values()) {
            value(IntegratedGradients.Rule.class, "rule " + r, r);
        }
        value(KernelShap.Kernel.class, "Shapley kernel", KernelShap.SHAPLEY_KERNEL);
        add(KernelShap.Kernel.class, "kernel 1 (a user kernel)", c -> (KernelShap.Kernel) (n, s) -> 1);
        add(KernelShap.Kernel.class, "kernel 0 (a user kernel, not positive)", c -> (KernelShap.Kernel) (n, s) -> 0);
        add(KernelShap.Kernel.class, "kernel NaN (a user kernel)", c -> (KernelShap.Kernel) (n, s) -> Double.NaN);
    }

    // -------------------------------------------------------------------- dlmath.variational

    private static double[][] spd3() {
        return new double[][] {{2, 1, 0}, {1, 3, 1}, {0, 1, 2}};
    }

    private static TanhField tanh3() {
        return new TanhField(new double[][] {{0.5, -0.2, 0}, {0.1, 0.3, -0.4}, {0, 0.2, -0.1}}, new double[] {0.1, 0, -0.1});
    }

    /**
     * The typical objects have dimension 3 where a vector argument meets them, so that the typical
     * double[] {1, 2, 3} is a valid point (a latent dimension 2 where a Gaussian over the latent meets
     * them); then degenerate and extreme ones built through the public constructors.
     */
    private static void variationalMakers() {
        value(Potential.class, "V = y^2/2", Potential.quadratic(1));
        value(Potential.class, "V = 0", Potential.zero());
        value(Potential.class, "V = y^4 (quartic)", Potential.quartic());
        value(Potential.class, "V = pendulum", Potential.pendulum());
        value(Potential.class, "V = 1e308 y^2/2", Potential.quadratic(1e308));
        add(Potential.class, "V = NaN (a user potential)", c -> new Potential("NaN", y -> Double.NaN, y -> Double.NaN,
                y -> y.mul(Double.NaN)));
        String unary = "java.util.function.UnaryOperator<dlmath.autodiff.Var>";
        add(typeOf(unary), "y -> y * y", c -> (java.util.function.UnaryOperator<Var>) y -> y.mul(y));
        add(typeOf(unary), "y -> null", c -> (java.util.function.UnaryOperator<Var>) y -> null);
        add(DiscreteFunctional.class, "J on [0, 1], y 0 -> 1, 4 intervals, V = y^2/2",
                c -> new DiscreteFunctional(0, 1, 0, 1, 4, Potential.quadratic(1)));
        add(DiscreteFunctional.class, "J with ends +-1e308", c -> new DiscreteFunctional(0, 1, 1e308, -1e308, 4, Potential.zero()));
        add(DiscreteFunctional.class, "J on [0, 1e-300] (h^2 underflows)",
                c -> new DiscreteFunctional(0, 1e-300, 0, 1, 4, Potential.quadratic(1)));
        add(DiscreteFunctional.class, "J on [-1e308, 1e308] / 2, quartic",
                c -> new DiscreteFunctional(-0.5e308, 0.5e308, 0, 1, 4, Potential.quartic()));
        add(DiscreteFunctional.class, "J with 2 intervals", c -> new DiscreteFunctional(0, 1, 0, 0, 2, Potential.pendulum()));
        add(TanhField.class, "tanh field 3x3", c -> tanh3());
        add(TanhField.class, "tanh field 1x1 at 1e308", c -> new TanhField(new double[][] {{1e308}}, new double[] {-1e308}));
        add(TanhField.class, "tanh field 2x2 zeros", c -> new TanhField(new double[2][2], new double[2]));
        // the user fields are well-behaved user code (a null state refused by name), so that a call of Field.at
        // on them judges the user's lambda by the library's standard, not a JVM message of the table's own code
        add(Ode.Field.class, "field y' = -y (a user field)", c -> (Ode.Field) (t, y) -> java.util.Arrays
                .stream(java.util.Objects.requireNonNull(y, "y")).map(v -> -v).toArray());
        add(Ode.Field.class, "field y' = y^2 (blows up)", c -> (Ode.Field) (t, y) -> java.util.Arrays
                .stream(java.util.Objects.requireNonNull(y, "y")).map(v -> v * v).toArray());
        add(Ode.Field.class, "field of the wrong length", c -> (Ode.Field) (t, y) -> new double[] {1});
        add(Ode.Field.class, "field returning null", c -> (Ode.Field) (t, y) -> null);
        add(NeuralOde.class, "neural ODE, tanh field 3x3, T = 1, 4 steps", c -> new NeuralOde(tanh3(), 1, 4));
        add(NeuralOde.class, "neural ODE, T = 1e308, 2 steps", c -> new NeuralOde(tanh3(), 1e308, 2));
        add(NeuralOde.class, "neural ODE, T = subnormal, 1 step", c -> new NeuralOde(tanh3(), SUB, 1));
        add(NeuralOde.class, "neural ODE, field at 1e308", c -> new NeuralOde(new TanhField(new double[][] {{1e308}},
                new double[] {-1e308}), 1, 3));
        add(NeuralOde.Gradients.class, "gradients of the typical ODE",
                c -> new NeuralOde(tanh3(), 1, 4).adjoint(new double[] {1, 2, 3}, new double[] {0, 0, 0}));
        add(ResidualNetwork.class, "ResNet of the tanh field, 3 blocks", c -> new ResidualNetwork(tanh3(), 3));
        add(ResidualNetwork.class, "ResNet of y' = y^2, 1000 blocks",
                c -> new ResidualNetwork((t, y) -> java.util.Arrays.stream(java.util.Objects.requireNonNull(y, "y"))
                        .map(v -> v * v).toArray(), 1000));
        add(Gaussian.class, "Gaussian N(0, I_2)", c -> Gaussian.diagonal(new double[] {0, 0}, new double[] {1, 1}));
        add(Gaussian.class, "Gaussian N([1e308, -1e308], diag(subnormal))",
                c -> Gaussian.diagonal(new double[] {1e308, -1e308}, new double[] {SUB, SUB}));
        add(Gaussian.class, "Gaussian N(0, diag(1e308))", c -> Gaussian.diagonal(new double[] {0, 0}, new double[] {1e308, 1e308}));
        add(Gaussian.class, "Gaussian N(0, 1) of dimension 1", c -> Gaussian.diagonal(new double[] {0}, new double[] {1}));
        add(LinearGaussianModel.class, "model x = W z + mu + noise, W 3x2, sigma2 = 1", c -> new LinearGaussianModel(
                new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {0, 0, 0}, 1));
        add(LinearGaussianModel.class, "model with W at 1e308, sigma2 subnormal", c -> new LinearGaussianModel(
                new double[][] {{1e308, 0}, {0, -1e308}, {1e308, 1e308}}, new double[] {0, 0, 0}, SUB));
        add(LinearGaussianModel.class, "model with sigma2 = 1e308", c -> new LinearGaussianModel(
                new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {1e308, 0, -1e308}, 1e308));
        add(LinearVae.class, "linear VAE, d = 3, k = 2", c -> new LinearVae(new double[][] {{0.5, 0, 0.5}, {0, 1, 0}},
                new double[] {0, 0}, new double[] {-0.5, 0}, new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {0, 0, 0}, 1));
        add(LinearVae.class, "linear VAE with logStd +-300", c -> new LinearVae(new double[][] {{0.5, 0, 0.5}, {0, 1, 0}},
                new double[] {0, 0}, new double[] {-300, 300}, new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {0, 0, 0}, 1));
        add(LinearVae.class, "linear VAE at 1e308, sigma2 subnormal", c -> new LinearVae(
                new double[][] {{1e308, 0, -1e308}, {0, 1e308, 0}}, new double[] {1e308, -1e308}, new double[] {0, 0},
                new double[][] {{1e308, 0}, {0, 1e308}, {1e308, 1e308}}, new double[] {1e308, 0, 0}, SUB));
        add(LinearVae.Gradient.class, "a VAE gradient", c -> new LinearVae.Gradient(new double[][] {{1}}, new double[] {1},
                new double[] {0}, new double[][] {{1}}, new double[] {0}));
        add(Cavi.class, "CAVI for N(0, Lambda^-1), Lambda 3x3 SPD", c -> new Cavi(new double[] {0, 0, 0}, spd3()));
        add(Cavi.class, "CAVI with Lambda at 2^1000, mu at 1e308", c -> new Cavi(new double[] {1e308, 0, -1e308},
                java.util.Arrays.stream(spd3()).map(r -> java.util.Arrays.stream(r).map(v -> v * 0x1p1000).toArray())
                        .toArray(double[][]::new)));
        add(Cavi.class, "CAVI with Lambda at 2^-1000", c -> new Cavi(new double[] {0, 0, 0},
                java.util.Arrays.stream(spd3()).map(r -> java.util.Arrays.stream(r).map(v -> v * 0x1p-1000).toArray())
                        .toArray(double[][]::new)));
        add(Cavi.State.class, "state means 0, variances 1 (dimension 3)",
                c -> new Cavi.State(new double[] {0, 0, 0}, new double[] {1, 1, 1}));
        add(Cavi.State.class, "state means +-1e308, variances subnormal",
                c -> new Cavi.State(new double[] {1e308, -1e308, 1e308}, new double[] {SUB, SUB, SUB}));
        add(Cavi.State.class, "state variances 1e308", c -> new Cavi.State(new double[] {0, 0, 0}, new double[] {1e308, 1e308, 1e308}));
        add(Cavi.State.class, "state of dimension 1", c -> new Cavi.State(new double[] {0}, new double[] {1}));
        add(GaussianMixture.class, "mixture 0.5 N(0, 1) + 0.5 N(3, 1)",
                c -> new GaussianMixture(new double[] {0.5, 0.5}, new double[] {0, 3}, new double[] {1, 1}));
        add(GaussianMixture.class, "mixture at +-1e308, variances subnormal",
                c -> new GaussianMixture(new double[] {0.5, 0.5}, new double[] {1e308, -1e308}, new double[] {SUB, SUB}));
        add(GaussianMixture.class, "mixture with variances 1e308 and a weight subnormal",
                c -> new GaussianMixture(new double[] {1 - SUB, SUB}, new double[] {0, 1}, new double[] {1e308, 1e308}));
        add(GaussianMixture.class, "mixture of one component", c -> new GaussianMixture(new double[] {1}, new double[] {0},
                new double[] {1}));
        add(Ppca.class, "PPCA, W 2x1, sigma2 = 1", c -> new Ppca(new double[][] {{1}, {2}}, new double[] {0, 0}, 1));
        add(Ppca.class, "PPCA fitted to 4 points in 2-D, q = 1",
                c -> Ppca.fit(new double[][] {{0, 0}, {1, 2}, {2, 3}, {3, 7}}, 1));
        add(Ppca.class, "PPCA at 1e308, sigma2 subnormal", c -> new Ppca(new double[][] {{1e308}, {-1e308}},
                new double[] {1e308, 0}, SUB));
        add(Ppca.class, "PPCA, sigma2 = 1e308", c -> new Ppca(new double[][] {{1}, {2}}, new double[] {0, 0}, 1e308));
        add(AffineFlow.class, "affine flow, A 3x3 SPD", c -> new AffineFlow(spd3(), new double[] {1, 0, -1}));
        add(AffineFlow.class, "affine flow, A at 1e308", c -> new AffineFlow(new double[][] {{1e308, 0}, {0, 1e308}},
                new double[] {0, 0}));
        add(AffineFlow.class, "affine flow, A at 1e-300", c -> new AffineFlow(new double[][] {{1e-300, 0}, {0, 1e-300}},
                new double[] {0, 0}));
        add(PlanarFlow.class, "planar flow in 3-D", c -> new PlanarFlow(new double[] {0.5, 0, 0}, new double[] {1, 1, 0}, 0.1));
        add(PlanarFlow.class, "planar flow, w at 1e308", c -> new PlanarFlow(new double[] {1e-308, 0}, new double[] {1e308, 0}, 1e308));
        add(PlanarFlow.class, "planar flow, not invertible (u.w < -1)",
                c -> new PlanarFlow(new double[] {-2, 0}, new double[] {1, 0}, 0));
        add(CouplingFlow.class, "coupling flow (0.5, 0.1, 1, 0, 0.2)", c -> new CouplingFlow(0.5, 0.1, 1, 0, 0.2));
        add(CouplingFlow.class, "coupling flow, alpha = 300, rest 1e308", c -> new CouplingFlow(300, 1e308, 1e308, 1e308, 1e308));
        add(CouplingFlow.class, "coupling flow, alpha = -300", c -> new CouplingFlow(-300, 0, -1e308, 0, 0));
    }

    /** A type by its name, for the generic parameter types the table distinguishes. */
    private static Type typeOf(String name) {
        return new Type() {
            @Override
            public String getTypeName() {
                return name;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * The makers for a parameter of this type: those whose generic type name matches exactly, else
     * those whose class it accepts; plus null for reference types. Empty if the table has none.
     */
    static List<Maker> forType(Type type) {
        List<Maker> out = new ArrayList<>();
        String name = type.getTypeName();
        for (Maker mk : TABLE) {
            if (!(mk.type() instanceof Class<?>) && mk.type().getTypeName().equals(name)) {
                out.add(mk);
            }
        }
        if (out.isEmpty()) {
            Class<?> raw = raw(type);
            if (raw != null && !(type instanceof ParameterizedType && raw != Class.class)) {
                for (Maker mk : TABLE) {
                    if (mk.type() instanceof Class<?> c && raw.isAssignableFrom(c)) {
                        out.add(mk);
                    }
                }
            }
        }
        Class<?> raw = raw(type);
        if (!out.isEmpty() && raw != null && !raw.isPrimitive()) {
            out.add(new Maker(type, "null", c -> null));
        }
        return out;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof java.lang.reflect.GenericArrayType) {
            return Object[].class;
        }
        if (type instanceof TypeVariable<?> v && v.getBounds().length == 1) {
            return raw(v.getBounds()[0]);
        }
        return null;
    }

    /** The argument kinds of the table, by the type they serve. */
    static Map<String, Integer> kindsByType() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Maker mk : TABLE) {
            String t = mk.type() instanceof Class<?> c ? c.getSimpleName() : mk.type().getTypeName();
            out.merge(t, 1, Integer::sum);
        }
        return out;
    }

    /** The number of argument kinds in the table (null counted once more, as its own kind). */
    static int kindCount() {
        return TABLE.size() + 1;
    }
}
