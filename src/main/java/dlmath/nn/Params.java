package dlmath.nn;

import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Named tensors, in insertion order: a layer's parameters or its state (running statistics),
 * as PyTorch's {@code state_dict} names them ({@code "0.weight"}, {@code "1.running_mean"}).
 * Immutable: every update returns a new value.
 */
public final class Params {

    /** No tensors. */
    public static final Params EMPTY = new Params(new LinkedHashMap<>());

    private final Map<String, Tensor> values;

    private Params(LinkedHashMap<String, Tensor> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Params from alternating names and tensors.
     *
     * @param namesAndTensors name, tensor, name, tensor, ...
     * @return the params
     * @throws IllegalArgumentException if the list has odd length, an item has the wrong type or
     *     a name repeats
     */
    public static Params of(Object... namesAndTensors) {
        Objects.requireNonNull(namesAndTensors, "namesAndTensors");
        if (namesAndTensors.length % 2 != 0) {
            throw new IllegalArgumentException("Params.of: need name/tensor pairs, got " + namesAndTensors.length + " items");
        }
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTensors.length; i += 2) {
            if (!(namesAndTensors[i] instanceof String name) || !(namesAndTensors[i + 1] instanceof Tensor t)) {
                throw new IllegalArgumentException("Params.of: item " + i + " must be a name followed by a tensor, got "
                        + namesAndTensors[i] + ", " + namesAndTensors[i + 1]);
            }
            if (m.put(name, t) != null) {
                throw new IllegalArgumentException("Params.of: name '" + name + "' repeats");
            }
        }
        return new Params(m);
    }

    /**
     * The tensor of a name.
     *
     * @param name the name
     * @return the tensor
     * @throws IllegalArgumentException if there is none
     */
    public Tensor get(String name) {
        Tensor t = values.get(name);
        if (t == null) {
            throw new IllegalArgumentException("Params.get: no parameter '" + name + "' (have " + values.keySet() + ")");
        }
        return t;
    }

    /**
     * The names, in order.
     *
     * @return the names
     */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /**
     * The number of tensors.
     *
     * @return the count
     */
    public int size() {
        return values.size();
    }

    /**
     * The total number of entries.
     *
     * @return the sum of the tensors' sizes
     */
    public long count() {
        long n = 0;
        for (Tensor t : values.values()) {
            n += t.size();
        }
        return n;
    }

    /**
     * The tensors, in order of the names.
     *
     * @return a new array
     */
    public Tensor[] tensors() {
        return values.values().toArray(new Tensor[0]);
    }

    /**
     * The same names with new tensors of the same shapes.
     *
     * @param tensors one per name, in order
     * @return the new params
     * @throws IllegalArgumentException if the count or a shape differs
     */
    public Params withTensors(Tensor... tensors) {
        Objects.requireNonNull(tensors, "tensors");
        if (tensors.length != values.size()) {
            throw new IllegalArgumentException("withTensors: " + tensors.length + " tensors for " + values.size() + " names " + names());
        }
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            Tensor t = Objects.requireNonNull(tensors[i++], "tensors[" + (i - 1) + "]");
            if (!java.util.Arrays.equals(t.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException("withTensors: '" + e.getKey() + "' has shape "
                        + java.util.Arrays.toString(e.getValue().shape()) + ", got " + java.util.Arrays.toString(t.shape()));
            }
            m.put(e.getKey(), t);
        }
        return new Params(m);
    }

    /**
     * These params with one tensor added or replaced.
     *
     * @param name the name
     * @param t the tensor
     * @return the new params
     */
    public Params with(String name, Tensor t) {
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>(values);
        m.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(t, "t"));
        return new Params(m);
    }

    /**
     * Every name prefixed, e.g. {@code "0."}.
     *
     * @param prefix the prefix
     * @return the new params
     */
    public Params prefixed(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(prefix + k, v));
        return new Params(m);
    }

    /**
     * The entries whose names start with the prefix, with the prefix removed.
     *
     * @param prefix the prefix
     * @return the scoped params
     */
    public Params scope(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return new Params(m);
    }

    /**
     * The union with other params (names must not repeat).
     *
     * @param other the other params
     * @return the union
     * @throws IllegalArgumentException if a name repeats
     */
    public Params merge(Params other) {
        Objects.requireNonNull(other, "other");
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>(values);
        other.values.forEach((k, v) -> {
            if (m.put(k, v) != null) {
                throw new IllegalArgumentException("merge: name '" + k + "' repeats");
            }
        });
        return new Params(m);
    }

    /**
     * The tensors as variables of a graph, by name.
     *
     * @param graph the graph
     * @return name to variable
     */
    public Map<String, Var> variables(Graph graph) {
        Objects.requireNonNull(graph, "graph");
        Map<String, Var> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, graph.variable(v)));
        return m;
    }

    /**
     * The tensors as constants of a graph, by name.
     *
     * @param graph the graph
     * @return name to constant
     */
    public Map<String, Var> constants(Graph graph) {
        Objects.requireNonNull(graph, "graph");
        Map<String, Var> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, graph.constant(v)));
        return m;
    }

    /**
     * The variables of a map in the order of these names.
     *
     * @param vars name to variable
     * @return the variables
     * @throws IllegalArgumentException if a name has no variable in {@code vars}
     */
    public Var[] inOrder(Map<String, Var> vars) {
        Objects.requireNonNull(vars, "vars");
        List<Var> out = new ArrayList<>();
        for (String k : values.keySet()) {
            Var v = vars.get(k);
            if (v == null) {
                throw new IllegalArgumentException("inOrder: no variable for parameter '" + k + "' (have " + vars.keySet() + ")");
            }
            out.add(v);
        }
        return out.toArray(new Var[0]);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Params{");
        String sep = "";
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            b.append(sep).append(e.getKey()).append(java.util.Arrays.toString(e.getValue().shape()));
            sep = ", ";
        }
        return b.append('}').toString();
    }
}
