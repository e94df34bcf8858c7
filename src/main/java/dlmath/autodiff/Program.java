package dlmath.autodiff;

import dlmath.tensor.Checks;
import dlmath.tensor.Shapes;
import dlmath.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * A straight-line program over registry primitives: inputs {@code x0, ..., x(k-1)} and
 * instructions {@code v_k = op(args; attrs)}, each reading inputs or earlier results (so the
 * program is a DAG, and a value read twice has fan-out). Its scalar output is the sum of the
 * entries of the last value. It prints as readable code:
 * <pre>
 *   v2 = exp(x0); v3 = mul(v2, x1); return sum(v3)
 * </pre>
 * An instruction may be marked detached: its result passes through a stop-gradient
 * ({@code v3 = detach(mul(v2, x1))}).
 */
public final class Program {

    /**
     * One instruction.
     *
     * @param op the primitive
     * @param args indices of the values it reads (inputs first, then earlier results)
     * @param attrs its attributes
     * @param detached whether its result is passed through a stop-gradient
     */
    public record Instruction(Primitive op, int[] args, Attrs attrs, boolean detached) {

        /** Copies the arguments. */
        public Instruction {
            Checks.notNull(op, "op");
            args = Checks.notNull(args, "args").clone();
            Checks.notNull(attrs, "attrs");
        }

        /** @return a copy of the argument indices */
        @Override
        public int[] args() {
            return args.clone();
        }

        /**
         * The same instruction with or without a stop-gradient.
         *
         * @param d whether detached
         * @return the instruction
         */
        public Instruction withDetached(boolean d) {
            return new Instruction(op, args, attrs, d);
        }
    }

    private final List<int[]> inputShapes;
    private final List<Instruction> body;

    /**
     * A program.
     *
     * @param inputShapes the shape of each input (at least one input)
     * @param body the instructions; each reads only inputs and earlier results
     * @throws IllegalArgumentException if there is no input or an instruction reads a value that
     *     is not defined before it
     */
    public Program(List<int[]> inputShapes, List<Instruction> body) {
        Checks.notNull(inputShapes, "inputShapes");
        Checks.notNull(body, "body");
        if (inputShapes.isEmpty()) {
            throw new IllegalArgumentException("Program: need at least one input");
        }
        List<int[]> shapes = new ArrayList<>();
        for (int k = 0; k < inputShapes.size(); k++) {
            int[] s = Checks.notNull(inputShapes.get(k), "inputShapes[" + k + "]");
            for (int side : s) {
                if (side < 1) {
                    throw new IllegalArgumentException("Program: input shape " + k + " " + Arrays.toString(s)
                            + " has side " + side + " (every side must be >= 1)");
                }
            }
            Checks.sizeProduct("Program: input shape " + k, s);
            shapes.add(s.clone());
        }
        for (int i = 0; i < body.size(); i++) {
            Checks.notNull(body.get(i), "body[" + i + "]");
        }
        this.inputShapes = List.copyOf(shapes);
        this.body = List.copyOf(body);
        for (int i = 0; i < this.body.size(); i++) {
            int defined = inputShapes.size() + i;
            Instruction ins = this.body.get(i);
            ins.op().checkArity(ins.args().length);
            for (int a : ins.args()) {
                if (a < 0 || a >= defined) {
                    throw new IllegalArgumentException("Program: instruction " + i + " (" + ins.op().name()
                            + ") reads value " + a + ", but only " + defined + " are defined before it");
                }
            }
        }
    }

    /** @return the number of inputs */
    public int inputCount() {
        return inputShapes.size();
    }

    /** @return copies of the input shapes */
    public List<int[]> inputShapes() {
        List<int[]> out = new ArrayList<>();
        for (int[] s : inputShapes) {
            out.add(s.clone());
        }
        return out;
    }

    /** @return the instructions */
    public List<Instruction> body() {
        return body;
    }

    /**
     * Runs the program on variables of a graph.
     *
     * @param inputs one variable per input, of the declared shapes
     * @return every value: the inputs, then one per instruction
     * @throws IllegalArgumentException if an input has the wrong shape or a primitive rejects its
     *     arguments
     */
    public Var[] run(Var... inputs) {
        Checks.noNulls(inputs, "inputs");
        if (inputs.length != inputShapes.size()) {
            throw new IllegalArgumentException("Program: expects " + inputShapes.size() + " inputs, got " + inputs.length);
        }
        Var[] values = new Var[inputs.length + body.size()];
        for (int i = 0; i < inputs.length; i++) {
            if (!Arrays.equals(inputs[i].shape(), inputShapes.get(i))) {
                throw new IllegalArgumentException("Program: input x" + i + " has shape " + Shapes.toString(inputs[i].shape())
                        + ", expected " + Shapes.toString(inputShapes.get(i)));
            }
            values[i] = inputs[i];
        }
        Graph graph = inputs[0].graph();
        for (int i = 0; i < body.size(); i++) {
            Instruction ins = body.get(i);
            int[] args = ins.args();
            Var[] in = new Var[args.length];
            for (int k = 0; k < args.length; k++) {
                in[k] = values[args[k]];
            }
            Var v = graph.apply(ins.op(), ins.attrs(), in);
            values[inputs.length + i] = ins.detached() ? v.detach() : v;
        }
        return values;
    }

    /**
     * The last value of the program (before the final sum).
     *
     * @param inputs the inputs
     * @return the last value
     */
    public Var output(Var... inputs) {
        Var[] values = run(inputs);
        return values[values.length - 1];
    }

    /**
     * The scalar output: the sum of the entries of the last value.
     *
     * @param inputs the inputs
     * @return the scalar
     */
    public Var evaluate(Var... inputs) {
        return output(inputs).sum();
    }

    /**
     * The scalar output at a point, in a fresh graph.
     *
     * @param x the inputs
     * @return the value
     */
    public double value(Tensor... x) {
        Checks.noNulls(x, "x");
        Graph g = new Graph();
        return evaluate(Autodiff.variables(g, x)).value().item();
    }

    /** The name of value i: {@code x<i>} for inputs, {@code v<i>} for results. */
    private String name(int i) {
        return (i < inputShapes.size() ? "x" : "v") + i;
    }

    /** E.g. {@code v2 = exp(x0); v3 = sum(v2, axes=[0]); return sum(v3)}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner("; ");
        for (int i = 0; i < body.size(); i++) {
            Instruction ins = body.get(i);
            StringJoiner call = new StringJoiner(", ", ins.op().name() + "(", ")");
            for (int a : ins.args()) {
                call.add(name(a));
            }
            if (!ins.attrs().isEmpty()) {
                call.add(ins.attrs().toString());
            }
            String rhs = ins.detached() ? "detach(" + call + ")" : call.toString();
            j.add(name(inputShapes.size() + i) + " = " + rhs);
        }
        j.add("return sum(" + name(inputShapes.size() + body.size() - 1) + ")");
        return j.toString();
    }

    /**
     * A tensor on one line as nested lists, e.g. {@code [[1.0, 2.0], [3.0, 4.0]]}; a scalar as
     * its number.
     *
     * @param t the tensor
     * @return the text
     */
    public static String format(Tensor t) {
        Checks.notNull(t, "t");
        StringBuilder sb = new StringBuilder();
        append(sb, t.toArray(), t.shape(), 0, 0);
        return sb.toString();
    }

    private static int append(StringBuilder sb, double[] v, int[] shape, int axis, int pos) {
        if (axis == shape.length) {
            sb.append(v[pos]);
            return pos + 1;
        }
        sb.append('[');
        for (int i = 0; i < shape[axis]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            pos = append(sb, v, shape, axis + 1, pos);
        }
        sb.append(']');
        return pos;
    }
}
