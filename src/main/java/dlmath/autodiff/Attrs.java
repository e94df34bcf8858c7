package dlmath.autodiff;

import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The non-differentiable parameters of one application of a primitive: axes of a reduction, a
 * target shape, an exponent, a selection mask. Immutable; arrays are copied in and out.
 *
 * <p>Printed as {@code axes=[0], p=2.0}, which is how programs show them
 * ({@code v3 = sum(v2, axes=[0])}).
 */
public final class Attrs {

    /** No attributes. */
    public static final Attrs NONE = new Attrs(Map.of());

    private final Map<String, Object> values;

    private Attrs(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Attributes from alternating names and values, e.g. {@code Attrs.of("axes", new int[] {0})}.
     * Values may be {@code int[]}, {@link Integer}, {@link Double}, {@link Boolean} or {@link Tensor}.
     *
     * @param namesAndValues name, value, name, value, ...
     * @return the attributes
     * @throws IllegalArgumentException if the list has odd length, a name is not a string or a
     *     value has another type
     */
    public static Attrs of(Object... namesAndValues) {
        Checks.notNull(namesAndValues, "namesAndValues");
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Attrs.of: need name/value pairs, got " + namesAndValues.length + " items");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("Attrs.of: item " + i + " must be a name, was " + namesAndValues[i]);
            }
            Object v = namesAndValues[i + 1];
            if (v instanceof int[] a) {
                v = a.clone();
            } else if (!(v instanceof Integer || v instanceof Double || v instanceof Boolean || v instanceof Tensor)) {
                throw new IllegalArgumentException("Attrs.of: unsupported value for '" + name + "': " + v);
            }
            map.put(name, v);
        }
        return new Attrs(Collections.unmodifiableMap(map));
    }

    /**
     * An int-array attribute (axes, shapes).
     *
     * @param name its name
     * @return a copy of the array
     */
    public int[] ints(String name) {
        return ((int[]) get(name, int[].class, "an int[]")).clone();
    }

    /**
     * An integer attribute.
     *
     * @param name its name
     * @return the value
     */
    public int integer(String name) {
        return (Integer) get(name, Integer.class, "an integer");
    }

    /**
     * A real attribute.
     *
     * @param name its name
     * @return the value
     */
    public double real(String name) {
        return (Double) get(name, Double.class, "a real (double)");
    }

    /**
     * A tensor attribute (a constant mask).
     *
     * @param name its name
     * @return the tensor
     */
    public Tensor tensor(String name) {
        return (Tensor) get(name, Tensor.class, "a tensor");
    }

    private Object get(String name, Class<?> type, String what) {
        Checks.notNull(name, "name");
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Attrs: missing attribute '" + name + "' (have " + values.keySet() + ")");
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("Attrs: attribute '" + name + "' must be " + what + ", but is the "
                    + v.getClass().getSimpleName() + " " + (v instanceof int[] a ? Arrays.toString(a) : v));
        }
        return v;
    }

    /**
     * Whether there are no attributes.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code name=value} pairs separated by ", "; tensors print as their flat entries. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            String shown;
            if (v instanceof int[] a) {
                shown = Arrays.toString(a);
            } else if (v instanceof Tensor t) {
                shown = Arrays.toString(t.toArray()).replace(".0,", ",").replace(".0]", "]");
            } else {
                shown = String.valueOf(v);
            }
            j.add(e.getKey() + "=" + shown);
        }
        return j.toString();
    }
}
