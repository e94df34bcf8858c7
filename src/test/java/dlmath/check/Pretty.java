package dlmath.check;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Formats values for failure reports: numbers in their shortest round-trip form,
 * vectors on one line, matrices as aligned grids headed by their shape. Domain types
 * (tensors) either print themselves readably via {@code toString} or register a
 * formatter with {@link #register}.
 */
public final class Pretty {

    private static final Map<Class<?>, Function<Object, String>> FORMATTERS = new ConcurrentHashMap<>();

    private Pretty() {
    }

    /** Registers a formatter for values of {@code type} (and its subclasses). */
    @SuppressWarnings("unchecked")
    public static <T> void register(Class<T> type, Function<? super T, String> formatter) {
        FORMATTERS.put(type, o -> formatter.apply((T) o));
    }

    /** A readable, possibly multi-line rendering of {@code value}. */
    public static String format(Object value) {
        if (value == null) {
            return "null";
        }
        for (Map.Entry<Class<?>, Function<Object, String>> e : FORMATTERS.entrySet()) {
            if (e.getKey().isInstance(value)) {
                return e.getValue().apply(value);
            }
        }
        if (value instanceof Double d) {
            return number(d);
        }
        if (value instanceof Float f) {
            return number(f);
        }
        if (value instanceof double[][] m) {
            return matrix(m);
        }
        if (value instanceof double[] v) {
            return vector(v);
        }
        if (value instanceof String str) {
            return '"' + str + '"';
        }
        if (value.getClass().isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(value); i++) {
                sb.append(i == 0 ? "" : ", ").append(format(Array.get(value, i)));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            Iterator<?> it = c.iterator();
            while (it.hasNext()) {
                sb.append(format(it.next())).append(it.hasNext() ? ", " : "");
            }
            return sb.append(']').toString();
        }
        return String.valueOf(value);
    }

    /** The shortest decimal that reads back as {@code x}; integers without a trailing ".0" noise beyond one digit. */
    public static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return (x == 0 && 1 / x < 0) ? "-0.0" : String.format("%.1f", x);
        }
        return Double.toString(x);
    }

    /** {@code [1.0, -2.5, 0.0]}. */
    public static String vector(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(number(v[i]));
        }
        return sb.append(']').toString();
    }

    /** An aligned grid with its shape: {@code 2x3 matrix} then one row per line, right-aligned columns. */
    public static String matrix(double[][] m) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        String[][] cells = new String[rows][];
        int width = 1;
        for (int i = 0; i < rows; i++) {
            cells[i] = new String[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                cells[i][j] = number(m[i][j]);
                width = Math.max(width, cells[i][j].length());
            }
        }
        StringBuilder sb = new StringBuilder().append(rows).append('x').append(cols).append(" matrix");
        for (int i = 0; i < rows; i++) {
            sb.append('\n').append(i == 0 ? "[[" : " [");
            for (int j = 0; j < cells[i].length; j++) {
                sb.append(j == 0 ? "" : ", ").append(" ".repeat(width - cells[i][j].length())).append(cells[i][j]);
            }
            sb.append(i == rows - 1 ? "]]" : "],");
        }
        return sb.toString();
    }

    /**
     * {@code value} as a Java expression that evaluates to an equal value, for pasting into
     * {@code check.example(...)}: doubles round-trip exactly ({@code Double.toString}, or
     * {@code Double.NaN} and the infinities), tensors as {@code Tensor.of(new double[][] {...})},
     * lists as {@code List.of(...)}, arrays, strings, tuples; null if some part has no literal form.
     */
    public static String java(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double d) {
            return javaDouble(d);
        }
        if (value instanceof Integer || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Long l) {
            return l + "L";
        }
        if (value instanceof String str) {
            StringBuilder sb = new StringBuilder("\"");
            for (char ch : str.toCharArray()) {
                sb.append(ch == '"' || ch == '\\' ? "\\" + ch : ch == '\n' ? "\\n" : String.valueOf(ch));
            }
            return sb.append('"').toString();
        }
        if (value instanceof double[] v) {
            return "new double[] " + javaDoubles(v);
        }
        if (value instanceof double[][] m) {
            return "new double[][] " + javaRows(m);
        }
        if (value instanceof int[] v) {
            return "new int[] " + java.util.Arrays.toString(v).replace('[', '{').replace(']', '}');
        }
        if (value instanceof dlmath.tensor.Tensor t) {
            double[] data = t.toArray();
            if (t.rank() == 1) {
                return "Tensor.of(new double[] " + javaDoubles(data) + ")";
            }
            if (t.rank() == 2) {
                double[][] rows = new double[t.dim(0)][t.dim(1)];
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(data, i * rows[i].length, rows[i], 0, rows[i].length);
                }
                return "Tensor.of(new double[][] " + javaRows(rows) + ")";
            }
            return "Tensor.of(" + java(t.shape()) + ", new double[] " + javaDoubles(data) + ")";
        }
        if (value instanceof Gens.Tuple2<?, ?> t) {
            return join("new Gens.Tuple2<>(", List.of(t.first(), t.second()), ")");
        }
        if (value instanceof Gens.Tuple3<?, ?, ?> t) {
            return join("new Gens.Tuple3<>(", List.of(t.first(), t.second(), t.third()), ")");
        }
        if (value instanceof List<?> l) {
            boolean nulls = l.stream().anyMatch(java.util.Objects::isNull); // List.of's contains(null) throws
            return nulls ? join("java.util.Arrays.asList(", l, ")") : join("List.of(", l, ")");
        }
        return null;
    }

    private static String join(String open, List<?> parts, String close) {
        StringBuilder sb = new StringBuilder(open);
        for (int i = 0; i < parts.size(); i++) {
            String part = java(parts.get(i));
            if (part == null) {
                return null;
            }
            sb.append(i == 0 ? "" : ", ").append(part);
        }
        return sb.append(close).toString();
    }

    private static String javaDouble(double d) {
        if (Double.isNaN(d)) {
            return "Double.NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
        }
        return Double.toString(d); // the shortest decimal that reads back as d (so exactly d)
    }

    private static String javaDoubles(double[] v) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(javaDouble(v[i]));
        }
        return sb.append('}').toString();
    }

    private static String javaRows(double[][] m) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < m.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(javaDoubles(m[i]));
        }
        return sb.append('}').toString();
    }

    /** Indents every line after the first by {@code indent} spaces. */
    static String hang(String text, int indent) {
        return text.replace("\n", "\n" + " ".repeat(indent));
    }
}
