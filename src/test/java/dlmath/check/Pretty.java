package dlmath.check;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
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

    /** Indents every line after the first by {@code indent} spaces. */
    static String hang(String text, int indent) {
        return text.replace("\n", "\n" + " ".repeat(indent));
    }
}
