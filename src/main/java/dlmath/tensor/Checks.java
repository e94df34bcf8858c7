package dlmath.tensor;

import java.util.Objects;

/**
 * The validation layer shared by every public entry point of the reference implementation:
 * null checks that name the parameter, element checks for arrays, and size arithmetic that is
 * checked for {@code int} overflow and refuses in the user's terms (the operation and the sizes)
 * instead of failing later with a {@link NegativeArraySizeException} or an
 * {@link ArrayIndexOutOfBoundsException}.
 *
 * <p>Conventions: a null argument gets a {@link NullPointerException} whose message is the name of
 * the parameter ({@link Objects#requireNonNull(Object, String)}, the Java convention); every other
 * bad argument gets an {@link IllegalArgumentException} whose message starts with the operation and
 * names the parameter and its value (both shapes on a mismatch).
 */
public final class Checks {

    /** The largest number of elements of a Java array (and so of a tensor). */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE;

    private Checks() {
    }

    /**
     * {@link Objects#requireNonNull(Object, String)}: the message is the parameter's name.
     *
     * @param value the argument
     * @param name the parameter's name
     * @param <T> its type
     * @return {@code value}
     * @throws NullPointerException with message {@code name} if {@code value} is null, "name" if {@code name} is
     */
    public static <T> T notNull(T value, String name) {
        Objects.requireNonNull(name, "name");
        return Objects.requireNonNull(value, name);
    }

    /**
     * Requires an array and each of its elements to be non-null.
     *
     * @param values the array
     * @param name the parameter's name; an element is reported as {@code name[i]}
     * @param <T> the element type
     * @return {@code values}
     * @throws NullPointerException naming the array or the first null element ("name" if {@code name} is null)
     */
    public static <T> T[] noNulls(T[] values, String name) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, name);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException(name + "[" + i + "]");
            }
        }
        return values;
    }

    /**
     * The product of sizes, checked for overflow: the number of elements of a result whose sides
     * (or block counts) are {@code factors}.
     *
     * @param op the operation, for the message
     * @param factors non-negative sizes
     * @return their product
     * @throws IllegalArgumentException {@code "eye: result of size 46341 x 46341 has more than
     *     2147483647 elements"} if the product exceeds {@link #MAX_ELEMENTS}
     */
    public static int sizeProduct(String op, int... factors) {
        Objects.requireNonNull(factors, "factors");
        op = operation(op);
        int n = 1;
        try {
            for (int f : factors) {
                if (f < 0) {
                    throw new IllegalArgumentException(op + ": negative size " + f + " in " + describe(factors));
                }
                n = Math.multiplyExact(n, f);
            }
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException(op + ": result of size " + describe(factors) + " has more than "
                    + MAX_ELEMENTS + " elements");
        }
        return n;
    }

    /**
     * The sum of sizes, checked for overflow.
     *
     * @param op the operation, for the message
     * @param a a non-negative size
     * @param b a non-negative size
     * @return {@code a + b}
     * @throws IllegalArgumentException if the sum exceeds {@link #MAX_ELEMENTS}
     */
    public static int sizeSum(String op, int a, int b) {
        op = operation(op);
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException(op + ": size " + a + " + " + b + " exceeds " + MAX_ELEMENTS);
        }
    }

    /** The operation named in a message; "Checks" when the caller gave none. */
    private static String operation(String op) {
        return op == null || op.isBlank() ? "Checks" : op;
    }

    private static String describe(int[] factors) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < factors.length; i++) {
            sb.append(i == 0 ? "" : " x ").append(factors[i]);
        }
        return sb.toString();
    }
}
