package dlmath.gen;

import dlmath.autodiff.Attrs;
import dlmath.autodiff.Choices;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Primitive;
import dlmath.autodiff.Primitives;
import dlmath.autodiff.Program;
import dlmath.autodiff.Sample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Source;
import dlmath.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generators for the autodiff chapter: samples of registry primitives (driven by each
 * primitive's own sample description through {@link Choices}, so they shrink like any other
 * value) and random straight-line programs over the registry, which shrink by deleting
 * instructions.
 */
public final class AutodiffGens {

    private AutodiffGens() {
    }

    /** The engine's choices as {@link Choices}: integers shrink toward lo, reals toward 0 / simple numbers. */
    public static Choices choices(Source s) {
        return new Choices() {
            @Override
            public int integer(int lo, int hi) {
                return s.draw(Gens.integers(lo, hi));
            }

            @Override
            public double real(double lo, double hi) {
                return s.draw(Gens.doubles(lo, hi));
            }
        };
    }

    /** A primitive with valid sample inputs; prints as {@code mul: x0 = [1.0, 2.0]; x1 = 3.0}. */
    public record OpSample(Primitive op, Sample sample) {
        /** @return the input tensors */
        public Tensor[] inputs() {
            return sample.inputs();
        }

        /** @return the attributes */
        public Attrs attrs() {
            return sample.attrs();
        }

        @Override
        public String toString() {
            return op.name() + ": " + sample;
        }
    }

    /** Samples of one primitive. */
    public static Gen<OpSample> samples(Primitive op) {
        return s -> new OpSample(op, op.sample(choices(s)));
    }

    /** A primitive from the list (shrinking toward the first), then samples of it. */
    public static Gen<OpSample> opSamples(List<Primitive> ops) {
        return Gens.elements(ops).flatMap(AutodiffGens::samples);
    }

    /** Every registry primitive. */
    public static Gen<OpSample> opSamples() {
        return opSamples(Primitives.ALL);
    }

    // =================================================================== programs

    /** A program with the input values it runs on; prints the inputs, then the code. */
    public record ProgramCase(Program program, Tensor[] inputs) {
        /** @return copies of the inputs */
        @Override
        public Tensor[] inputs() {
            return inputs.clone();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < inputs.length; i++) {
                sb.append("x").append(i).append(" = ").append(Program.format(inputs[i])).append("; ");
            }
            return sb.append(program).toString();
        }
    }

    /** Primitives that random programs draw from: all but solve and logdet (which need structured matrices). */
    public static final List<Primitive> PROGRAM_OPS = Primitives.ALL.stream()
            .filter(p -> p != Primitives.SOLVE && p != Primitives.LOGDET).toList();

    /** Program primitives without kinks (for second-order theorems): no relu, abs, max. */
    public static final List<Primitive> SMOOTH_OPS = PROGRAM_OPS.stream()
            .filter(p -> p != Primitives.RELU && p != Primitives.ABS && p != Primitives.MAX).toList();

    private static final double[] EXPONENTS = {2, 3, 0.5, -1, 1.5, -0.5};

    /** One instruction as raw choices: which op, two argument picks, an attribute pick. */
    private record RawInstruction(int op, int arg0, int arg1, int attr) {
    }

    /**
     * Random programs: a side n in [1, 3]; 1 to 3 inputs with shapes among [n, n], [n], [n, 1],
     * [1, n] and [] and entries in [-2, 2]; then up to {@code maxInstructions} instructions, each
     * a primitive from {@code ops} applied to earlier values (argument pick 0 is the most recent
     * value, so shrunk programs are chains). An instruction whose shapes do not fit, whose
     * arguments lie outside the primitive's domain ({@link Primitive#inDomain}), or whose result
     * is not bounded by 1e3 is left out; so every generated program is valid at its inputs, and
     * deleting instructions (shrinking) keeps it valid.
     */
    public static Gen<ProgramCase> programs(List<Primitive> ops, int maxInstructions) {
        return programs(ops, maxInstructions, 1, false);
    }

    /**
     * Random programs as {@link #programs(List, int)} with at least {@code minInputs} inputs
     * (at most 3); with {@code sameShape} all inputs share one shape.
     */
    public static Gen<ProgramCase> programs(List<Primitive> ops, int maxInstructions, int minInputs, boolean sameShape) {
        return s -> {
            int n = s.draw(Gens.integers(1, 3));
            int k = s.draw(Gens.integers(minInputs, 3));
            List<int[]> shapes = new ArrayList<>();
            List<Tensor> inputs = new ArrayList<>();
            int[][] family = {{n, n}, {n}, {n, 1}, {1, n}, {}, {n, n}};
            int common = s.draw(Gens.integers(0, family.length - 1));
            for (int i = 0; i < k; i++) {
                int[] shape = family[sameShape ? common : s.draw(Gens.integers(0, family.length - 1))];
                shapes.add(shape);
                inputs.add(s.draw(TensorGens.tensors(shape, Gens.doubles(-2, 2))));
            }
            List<Primitive> w = weighted(ops);
            return build(w, shapes, inputs, s.draw(bodies(w, maxInstructions)));
        };
    }

    /** Two programs on the same inputs (for linearity). */
    public static Gen<ProgramCase[]> programPairs(List<Primitive> ops, int maxInstructions) {
        return s -> {
            ProgramCase first = s.draw(programs(ops, maxInstructions));
            List<Tensor> inputs = List.of(first.inputs());
            List<Primitive> w = weighted(ops);
            ProgramCase second = build(w, first.program().inputShapes(), inputs, s.draw(bodies(w, maxInstructions)));
            return new ProgramCase[] {first, second};
        };
    }

    /**
     * The op list with binary primitives twice and matmul four times, so that programs combine
     * values (and multiply square matrices) often enough for shape-preserving bugs to show.
     */
    private static List<Primitive> weighted(List<Primitive> ops) {
        List<Primitive> out = new ArrayList<>(ops);
        for (Primitive p : ops) {
            if (p.arity() != 1) {
                out.add(p);
            }
            if (p == Primitives.MATMUL) {
                out.add(p);
                out.add(p);
            }
        }
        return out;
    }

    private static Gen<List<RawInstruction>> bodies(List<Primitive> ops, int maxInstructions) {
        Gen<RawInstruction> raw = s -> new RawInstruction(s.draw(Gens.integers(0, ops.size() - 1)),
                s.draw(Gens.integers(0, 7)), s.draw(Gens.integers(0, 7)), s.draw(Gens.integers(0, 63)));
        return Gens.lists(raw, 1, maxInstructions);
    }

    private static ProgramCase build(List<Primitive> ops, List<int[]> shapes, List<Tensor> inputs, List<RawInstruction> raw) {
        List<Tensor> values = new ArrayList<>(inputs);
        List<Program.Instruction> body = new ArrayList<>();
        for (RawInstruction r : raw) {
            Primitive op = ops.get(r.op());
            int a0 = values.size() - 1 - (r.arg0() % values.size());
            int a1 = values.size() - 1 - (r.arg1() % values.size());
            Program.Instruction ins = instruction(op, a0, a1, r.attr(), values);
            if (ins == null) {
                continue;
            }
            Tensor[] args = Arrays.stream(ins.args()).mapToObj(values::get).toArray(Tensor[]::new);
            try {
                if (!op.inDomain(args, ins.attrs())) {
                    continue;
                }
                Tensor y = op.forward(args, ins.attrs());
                if (!(y.normInf() <= 1e3)) {
                    continue;
                }
                values.add(y);
                body.add(ins);
            } catch (IllegalArgumentException shapesDoNotFit) {
                // leave the instruction out
            }
        }
        return new ProgramCase(new Program(shapes, body), inputs.toArray(new Tensor[0]));
    }

    /** The instruction for a primitive with chosen arguments and attributes, or null if it cannot apply. */
    private static Program.Instruction instruction(Primitive op, int a0, int a1, int attr, List<Tensor> values) {
        Tensor x = values.get(a0);
        int rank = x.rank();
        int[] one = {a0};
        int[] two = {a0, a1};
        switch (op.name()) {
            case "add", "sub", "mul", "div", "matmul":
                return new Program.Instruction(op, two, Attrs.NONE, false);
            case "where": {
                int[] shape = broadcast(x.shape(), values.get(a1).shape());
                if (shape == null) {
                    return null;
                }
                double[] m = new double[size(shape)];
                for (int i = 0; i < m.length; i++) {
                    m[i] = (attr >> (i % 6)) & 1;
                }
                return new Program.Instruction(op, two, Attrs.of("mask", Tensor.of(shape, m)), false);
            }
            case "concat":
                return rank == 0 ? null : new Program.Instruction(op, two, Attrs.of("axis", attr % rank), false);
            case "pow":
                return new Program.Instruction(op, one, Attrs.of("p", EXPONENTS[attr % EXPONENTS.length]), false);
            case "sum", "mean", "max", "logsumexp": {
                if (rank == 0) {
                    return null;
                }
                int bits = attr % ((1 << rank) - 1) + 1;
                int[] axes = new int[Integer.bitCount(bits)];
                for (int d = 0, j = 0; d < rank; d++) {
                    if ((bits & (1 << d)) != 0) {
                        axes[j++] = d;
                    }
                }
                return new Program.Instruction(op, one, Attrs.of("axes", axes), false);
            }
            case "softmax":
                return rank == 0 ? null : new Program.Instruction(op, one, Attrs.of("axis", attr % rank), false);
            case "reshape": {
                int size = x.size();
                int[][] targets = {{size}, {1, size}, {size, 1}, {}};
                int[] t = targets[attr % targets.length];
                if (t.length == 0 && size != 1) {
                    return null;
                }
                return new Program.Instruction(op, one, Attrs.of("shape", t), false);
            }
            case "transpose":
                return rank < 2 ? null : new Program.Instruction(op, one, Attrs.NONE, false);
            case "broadcastTo": {
                int side = Math.max(1, Arrays.stream(x.shape()).max().orElse(1));
                int[][] targets = {{side, side}, {2, side, side}, {side}};
                return new Program.Instruction(op, one, Attrs.of("shape", targets[attr % targets.length]), false);
            }
            case "sumTo": {
                if (rank == 0) {
                    return null;
                }
                int[] s = x.shape();
                int[] t = Arrays.copyOfRange(s, 1, s.length);   // drop the leading axis
                if (attr % 2 == 1) {
                    t = s.clone();
                    t[rank - 1] = 1;                               // or keep it and sum the last axis
                }
                return new Program.Instruction(op, one, Attrs.of("shape", t), false);
            }
            case "slice": {
                if (rank == 0) {
                    return null;
                }
                int axis = attr % rank;
                int side = x.shape()[axis];
                int start = (attr / 3) % side;
                return new Program.Instruction(op, one, Attrs.of("axis", axis, "start", start, "end", side), false);
            }
            default:
                return new Program.Instruction(op, one, Attrs.NONE, false);
        }
    }

    private static int[] broadcast(int[] a, int[] b) {
        try {
            return dlmath.tensor.Shapes.broadcast(a, b);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** Evaluates a program case in a fresh graph (a convenience for theorems). */
    public static double value(ProgramCase c) {
        return c.program().value(c.inputs());
    }

    /** A fresh graph with one variable per input of the case. */
    public static dlmath.autodiff.Var[] variables(Graph g, ProgramCase c) {
        return dlmath.autodiff.Autodiff.variables(g, c.inputs());
    }
    // =================================================================== wide domains (owned by the tests)

    /** A magnitude 10^e with e uniform in [lo, hi] (shrinks toward 1). */
    static Gen<Double> magnitude(double lo, double hi) {
        return Gens.doubles(lo, hi).map(e -> Math.pow(10, e));
    }

    private static Gen<Double> signed(Gen<Double> magnitude) {
        return s -> (s.draw(Gens.booleans()) ? -1 : 1) * s.draw(magnitude);
    }

    /** The exponents the wide pow samples draw: below 0, between 0 and 1, above 1, integers and not. */
    public static final double[] WIDE_EXPONENTS = {2, 3, 0.5, -1, 1.5, -0.5, 0.25, -2.5, 7, 1e-3};

    /**
     * Inputs of one unary elementwise primitive over the whole domain where it and the first three
     * derivatives are finite, chosen here, by the tests, not by the registry: neg on
     * |x| in [1e-300, 1e300]; exp on [-745, 709] (down to subnormal results, up to 8e307);
     * log and sqrt on [1e-300, 1e305]; log1p on -1 + [1e-8, 1] and [0, 1e305]; tanh on
     * [-400, 400], sech2 on [-400, 400] and sigmoid on [-745, 745] (saturated: tanh(20) = 1 in double); sin and cos on
     * [-1e6, 1e6]; relu and abs with |x| in [1e-300, 1e300] (away from the kink relative to |x|);
     * pow with p in {@link #WIDE_EXPONENTS} on x in [10^-L, 10^L], L = 300 / (|p| + 3), where x^(p-3)
     * (the third derivative) stays finite.
     */
    public static Gen<OpSample> wideUnarySamples() {
        List<Primitive> ops = List.of(Primitives.EXP, Primitives.LOG, Primitives.LOG1P, Primitives.SQRT, Primitives.TANH,
                Primitives.SECH2,
                Primitives.SIGMOID, Primitives.POW, Primitives.SIN, Primitives.COS, Primitives.RELU, Primitives.ABS,
                Primitives.NEG);
        return s -> {
            Primitive op = s.draw(Gens.elements(ops));
            int n = s.draw(Gens.integers(1, 3));
            double p = op == Primitives.POW ? s.draw(Gens.elements(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)) : 0;
            if (op == Primitives.POW) {
                p = WIDE_EXPONENTS[(int) p];
            }
            double limit = 300 / (Math.abs(p) + 3);
            Gen<Double> entry = switch (op.name()) {
                case "exp" -> Gens.doubles(-745, 709);
                case "log", "sqrt" -> magnitude(-300, 305);
                case "log1p" -> Gens.oneOf(magnitude(-8, 0).map(d -> -1 + d), magnitude(-300, 305),
                        Gens.doubles(-0.5, 1));
                case "tanh", "sech2" -> Gens.doubles(-400, 400);
                case "sigmoid" -> Gens.doubles(-745, 745);
                case "sin", "cos" -> Gens.doubles(-1e6, 1e6);
                case "pow" -> magnitude(-limit, limit);
                default -> signed(magnitude(-300, 300));
            };
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = s.draw(entry);
            }
            Attrs a = op == Primitives.POW ? Attrs.of("p", p) : Attrs.NONE;
            return new OpSample(op, new Sample(new Tensor[] {Tensor.of(v)}, a));
        };
    }
}
