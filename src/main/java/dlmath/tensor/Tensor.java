package dlmath.tensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * An immutable n-dimensional array of doubles, stored flat in row-major (C) order.
 *
 * <p>A tensor of shape {@code [d0, d1, ..., d(r-1)]} has rank {@code r} and
 * {@code d0 * d1 * ... * d(r-1)} elements; element {@code (i0, ..., i(r-1))} sits at flat position
 * {@code sum_k ik * stride_k}, where the last axis has stride 1 and {@code stride_k = stride_(k+1) *
 * d(k+1)}. Rank 0 is a scalar with one element and shape {@code []}. Every side is at least 1:
 * there are no empty tensors.
 *
 * <p>Tensors never change. Factories copy the arrays they are given, accessors return copies,
 * and every operation returns a new tensor.
 *
 * <p>Binary elementwise operations broadcast as NumPy and PyTorch do (see
 * {@link Shapes#broadcast(int[], int[])}). Math functions follow IEEE 754 as {@link Math} does
 * ({@code log(-1)} is NaN, {@code 1/0} is infinity); only shapes and parameters are checked, and
 * every bad one is reported by an {@link IllegalArgumentException} whose message names the
 * operation, the offending shapes (both of them for a mismatch), axis and rank, or parameter and
 * value.
 */
public final class Tensor {

    /** Tile sizes of the blocked matrix product; see {@link #multiplyInto}. */
    private static final int K_BLOCK = 128;
    private static final int J_BLOCK = 512;

    private final int[] shape;
    private final double[] data;

    /** Takes ownership of both arrays; they must never be modified afterwards. */
    private Tensor(int[] shape, double[] data) {
        this.shape = shape;
        this.data = data;
    }

    // =============================================================================== factories

    /**
     * A rank-0 tensor holding one number.
     *
     * @param value the value
     * @return a tensor of shape {@code []}
     */
    public static Tensor scalar(double value) {
        return new Tensor(new int[0], new double[] {value});
    }

    /**
     * A vector (rank 1) with the given entries.
     *
     * @param values at least one value; copied
     * @return a tensor of shape {@code [values.length]}
     */
    public static Tensor of(double... values) {
        Objects.requireNonNull(values, "values");
        require(values.length >= 1, "of: need at least one value, got none");
        return new Tensor(new int[] {values.length}, values.clone());
    }

    /**
     * A matrix (rank 2) from its rows.
     *
     * @param rows at least one row, all of the same positive length; copied
     * @return a tensor of shape {@code [rows.length, rows[0].length]}
     * @throws IllegalArgumentException if the rows are ragged, empty or null
     */
    public static Tensor of(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        require(rows.length >= 1, "of: need at least one row, got none");
        for (int i = 0; i < rows.length; i++) {
            Objects.requireNonNull(rows[i], "rows[" + i + "]");
        }
        int cols = rows[0].length;
        require(cols >= 1, "of: rows must not be empty, row 0 has length 0");
        for (int i = 1; i < rows.length; i++) {
            require(rows[i].length == cols,
                    "of: ragged rows: row 0 has length %d but row %d has length %d", cols, i, rows[i].length);
        }
        double[] data = new double[Shapes.size(new int[] {rows.length, cols})];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return new Tensor(new int[] {rows.length, cols}, data);
    }

    /**
     * A tensor of any shape from its entries in row-major order.
     *
     * @param shape the shape, every side at least 1; copied
     * @param data the entries, row-major; copied
     * @return the tensor
     * @throws IllegalArgumentException if {@code data.length} is not the product of the sides
     */
    public static Tensor of(int[] shape, double[] data) {
        int[] s = Shapes.checkShape("of", shape);
        Objects.requireNonNull(data, "data");
        int size = Shapes.size(s);
        require(data.length == size, "of: data length %d does not match shape %s (size %d)",
                data.length, s, size);
        return new Tensor(s, data.clone());
    }

    /**
     * A tensor filled with 0.
     *
     * @param shape the shape (no sides gives a scalar)
     * @return the zero tensor
     */
    public static Tensor zeros(int... shape) {
        return filled("zeros", 0.0, shape);
    }

    /**
     * A tensor filled with 1.
     *
     * @param shape the shape (no sides gives a scalar)
     * @return the tensor of ones
     */
    public static Tensor ones(int... shape) {
        return filled("ones", 1.0, shape);
    }

    /**
     * A tensor filled with one value.
     *
     * @param value the value of every entry
     * @param shape the shape (no sides gives a scalar)
     * @return the constant tensor
     */
    public static Tensor full(double value, int... shape) {
        return filled("full", value, shape);
    }

    /**
     * The n x n identity matrix I, with {@code I[i][j] = 1} if {@code i == j} and 0 otherwise.
     *
     * @param n the side, at least 1
     * @return a tensor of shape {@code [n, n]}
     */
    public static Tensor eye(int n) {
        require(n >= 1, "eye: n must be >= 1, was %d", n);
        double[] data = new double[Checks.sizeProduct("eye", n, n)];
        for (int i = 0; i < n; i++) {
            data[i * n + i] = 1.0;
        }
        return new Tensor(new int[] {n, n}, data);
    }

    /**
     * The vector {@code [0, 1, ..., n-1]}.
     *
     * @param n the length, at least 1
     * @return a tensor of shape {@code [n]}
     */
    public static Tensor arange(int n) {
        require(n >= 1, "arange: n must be >= 1, was %d", n);
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = i;
        }
        return new Tensor(new int[] {n}, data);
    }

    /**
     * The vector {@code [start, start + step, start + 2 step, ...]} of all such values before
     * {@code stop} (exclusive), as {@code numpy.arange}: its length is
     * {@code ceil((stop - start) / step)} and entry {@code i} is {@code start + i * step}.
     *
     * @param start the first value
     * @param stop the bound, not included
     * @param step the increment, finite and non-zero; negative steps count down
     * @return a tensor of shape {@code [ceil((stop - start) / step)]}
     * @throws IllegalArgumentException if a parameter is not finite, the step is 0, or the range is
     *     empty
     */
    public static Tensor arange(double start, double stop, double step) {
        require(Double.isFinite(start), "arange: start must be finite, was %s", start);
        require(Double.isFinite(stop), "arange: stop must be finite, was %s", stop);
        require(Double.isFinite(step) && step != 0, "arange: step must be finite and non-zero, was %s", step);
        double count = Math.ceil((stop - start) / step);
        require(count >= 1, "arange: empty range: start=%s, stop=%s, step=%s", start, stop, step);
        require(count <= Integer.MAX_VALUE, "arange: too many values: start=%s, stop=%s, step=%s",
                start, stop, step);
        double[] data = new double[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = start + i * step;
        }
        return new Tensor(new int[] {data.length}, data);
    }

    /**
     * A tensor of independent standard normal samples, drawn in row-major order by
     * {@link RandomGenerator#nextGaussian()}. The same generator state gives the same tensor.
     *
     * @param rng the source of randomness
     * @param shape the shape
     * @return the random tensor
     */
    public static Tensor randn(RandomGenerator rng, int... shape) {
        Objects.requireNonNull(rng, "rng");
        int[] s = Shapes.checkShape("randn", shape);
        double[] data = new double[Shapes.size(s)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextGaussian();
        }
        return new Tensor(s, data);
    }

    /**
     * A tensor of independent samples uniform on [0, 1), drawn in row-major order by
     * {@link RandomGenerator#nextDouble()}.
     *
     * @param rng the source of randomness
     * @param shape the shape
     * @return the random tensor
     */
    public static Tensor rand(RandomGenerator rng, int... shape) {
        Objects.requireNonNull(rng, "rng");
        int[] s = Shapes.checkShape("rand", shape);
        double[] data = new double[Shapes.size(s)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextDouble();
        }
        return new Tensor(s, data);
    }

    private static Tensor filled(String op, double value, int[] shape) {
        int[] s = Shapes.checkShape(op, shape);
        double[] data = new double[Shapes.size(s)];
        Arrays.fill(data, value);
        return new Tensor(s, data);
    }

    // =============================================================================== accessors

    /**
     * The shape.
     *
     * @return a copy of the sides, one per axis ({@code []} for a scalar)
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The rank: the number of axes (0 for a scalar, 1 for a vector, 2 for a matrix).
     *
     * @return the rank
     */
    public int rank() {
        return shape.length;
    }

    /**
     * The number of elements: the product of the sides.
     *
     * @return the size
     */
    public int size() {
        return data.length;
    }

    /**
     * The side of one axis.
     *
     * @param axis the axis; negative values count from the end ({@code -1} is the last axis)
     * @return the side
     */
    public int dim(int axis) {
        return shape[Shapes.normalizeAxis("dim", axis, rank())];
    }

    /**
     * One entry.
     *
     * @param index one index per axis, each in {@code [0, side)}; none for a scalar
     * @return the entry
     */
    public double get(int... index) {
        if (index == null || index.length != rank()) {
            throw error("get: shape %s needs %d indices, got %s", shape, rank(), Arrays.toString(index));
        }
        int flat = 0;
        for (int d = 0; d < rank(); d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {   // checked inline: get() sits in hot loops
                throw error("get: index %d out of range for axis %d of side %d in shape %s",
                        index[d], d, shape[d], shape);
            }
            flat = flat * shape[d] + index[d];
        }
        return data[flat];
    }

    /**
     * The only entry of a tensor with one element (of any rank, e.g. {@code []} or {@code [1, 1]}).
     *
     * @return the entry
     * @throws IllegalArgumentException if the tensor has more than one element
     */
    public double item() {
        require(data.length == 1, "item: shape %s has %d elements, not 1", shape, data.length);
        return data[0];
    }

    /**
     * The entries in row-major order.
     *
     * @return a copy of the flat data
     */
    public double[] toArray() {
        return data.clone();
    }

    /**
     * The entries of a matrix as rows.
     *
     * @return a new {@code double[rows][cols]}
     * @throws IllegalArgumentException if the rank is not 2
     */
    public double[][] toArray2D() {
        requireRank("toArray2D", 2);
        double[][] rows = new double[shape[0]][];
        for (int i = 0; i < shape[0]; i++) {
            rows[i] = Arrays.copyOfRange(data, i * shape[1], (i + 1) * shape[1]);
        }
        return rows;
    }

    /**
     * Whether this is a rank-0 tensor. (A tensor of shape {@code [1]} is not a scalar.)
     *
     * @return {@code rank() == 0}
     */
    public boolean isScalar() {
        return rank() == 0;
    }

    // ====================================================================== elementwise, unary

    /**
     * Applies a function to every entry.
     *
     * @param f the function
     * @return the tensor {@code f(x)} of the same shape
     */
    public Tensor map(DoubleUnaryOperator f) {
        Objects.requireNonNull(f, "f");
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(data[i]);
        }
        OpCount.add(out.length);
        return new Tensor(shape, out);
    }

    /**
     * The negation -x.
     *
     * @return the negated tensor
     */
    public Tensor neg() {
        return map(x -> -x);
    }

    /**
     * The exponential e^x, entrywise.
     *
     * @return the tensor of exponentials
     */
    public Tensor exp() {
        return map(Math::exp);
    }

    /**
     * The natural logarithm ln x, entrywise (NaN for x &lt; 0, -infinity for x = 0).
     *
     * @return the tensor of logarithms
     */
    public Tensor log() {
        return map(Math::log);
    }

    /**
     * ln(1 + x), entrywise, accurate also for tiny x.
     *
     * @return the tensor of values
     */
    public Tensor log1p() {
        return map(Math::log1p);
    }

    /**
     * e^x - 1, entrywise, accurate also for tiny x.
     *
     * @return the tensor of values
     */
    public Tensor expm1() {
        return map(Math::expm1);
    }

    /**
     * The square root, entrywise (NaN for x &lt; 0).
     *
     * @return the tensor of square roots
     */
    public Tensor sqrt() {
        return map(Math::sqrt);
    }

    /**
     * The hyperbolic tangent, entrywise.
     *
     * @return the tensor of values in [-1, 1]
     */
    public Tensor tanh() {
        return map(Math::tanh);
    }

    /**
     * The logistic sigmoid 1 / (1 + e^-x), entrywise, computed without overflow: for x &gt;= 0 as
     * {@code 1 / (1 + e^-x)} and for x &lt; 0 as {@code e^x / (1 + e^x)}, so the exponential never
     * sees a large positive argument.
     *
     * @return the tensor of values in [0, 1]
     */
    public Tensor sigmoid() {
        return map(Tensor::sigmoid);
    }

    private static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * The absolute value |x|, entrywise.
     *
     * @return the tensor of absolute values
     */
    public Tensor abs() {
        return map(Math::abs);
    }

    /**
     * The square x^2, entrywise.
     *
     * @return the tensor of squares
     */
    public Tensor square() {
        return map(x -> x * x);
    }

    /**
     * The power x^p, entrywise, as {@link Math#pow}.
     *
     * @param p the exponent
     * @return the tensor of powers
     */
    public Tensor pow(double p) {
        return map(x -> Math.pow(x, p));
    }

    /**
     * x + s, entrywise.
     *
     * @param s the number to add
     * @return the shifted tensor
     */
    public Tensor add(double s) {
        return map(x -> x + s);
    }

    /**
     * x - s, entrywise.
     *
     * @param s the number to subtract
     * @return the shifted tensor
     */
    public Tensor sub(double s) {
        return map(x -> x - s);
    }

    /**
     * x * s, entrywise.
     *
     * @param s the factor
     * @return the scaled tensor
     */
    public Tensor mul(double s) {
        return map(x -> x * s);
    }

    /**
     * x / s, entrywise.
     *
     * @param s the divisor
     * @return the scaled tensor
     */
    public Tensor div(double s) {
        return map(x -> x / s);
    }

    /**
     * max(x, s), entrywise (NaN if x is NaN).
     *
     * @param s the lower bound
     * @return the clipped tensor, e.g. {@code x.maximum(0)} is ReLU
     */
    public Tensor maximum(double s) {
        return map(x -> Math.max(x, s));
    }

    /**
     * min(x, s), entrywise (NaN if x is NaN).
     *
     * @param s the upper bound
     * @return the clipped tensor
     */
    public Tensor minimum(double s) {
        return map(x -> Math.min(x, s));
    }

    /**
     * 1 where x &gt; s, else 0.
     *
     * @param s the threshold
     * @return the 0/1 mask
     */
    public Tensor gt(double s) {
        return map(x -> x > s ? 1.0 : 0.0);
    }

    /**
     * 1 where x &gt;= s, else 0.
     *
     * @param s the threshold
     * @return the 0/1 mask
     */
    public Tensor ge(double s) {
        return map(x -> x >= s ? 1.0 : 0.0);
    }

    /**
     * 1 where x &lt; s, else 0.
     *
     * @param s the threshold
     * @return the 0/1 mask
     */
    public Tensor lt(double s) {
        return map(x -> x < s ? 1.0 : 0.0);
    }

    /**
     * 1 where x &lt;= s, else 0.
     *
     * @param s the threshold
     * @return the 0/1 mask
     */
    public Tensor le(double s) {
        return map(x -> x <= s ? 1.0 : 0.0);
    }

    /**
     * 1 where x == s (IEEE equality: NaN equals nothing, 0.0 equals -0.0), else 0.
     *
     * @param s the value
     * @return the 0/1 mask
     */
    public Tensor eq(double s) {
        return map(x -> x == s ? 1.0 : 0.0);
    }

    // ============================================================ elementwise, binary, broadcast

    /**
     * Combines two tensors entrywise after broadcasting them to a common shape: the result has the
     * broadcast shape and entry {@code f(x, y)} where {@code x} and {@code y} are the (broadcast)
     * entries at the same index. Every binary operation below is this with a specific {@code f}.
     *
     * @param other the right operand
     * @param f the function of (this entry, other entry)
     * @return the combined tensor
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor zipWith(Tensor other, DoubleBinaryOperator f) {
        Objects.requireNonNull(f, "f");
        return zip("zipWith", other, f);
    }

    /**
     * The sum x + y, with broadcasting.
     *
     * @param other the other summand
     * @return the sum
     */
    public Tensor add(Tensor other) {
        return zip("add", other, (x, y) -> x + y);
    }

    /**
     * The difference x - y, with broadcasting.
     *
     * @param other the subtrahend
     * @return the difference
     */
    public Tensor sub(Tensor other) {
        return zip("sub", other, (x, y) -> x - y);
    }

    /**
     * The entrywise (Hadamard) product x * y, with broadcasting.
     *
     * @param other the other factor
     * @return the product
     */
    public Tensor mul(Tensor other) {
        return zip("mul", other, (x, y) -> x * y);
    }

    /**
     * The entrywise quotient x / y, with broadcasting (IEEE: 1/0 is infinity, 0/0 is NaN).
     *
     * @param other the divisor
     * @return the quotient
     */
    public Tensor div(Tensor other) {
        return zip("div", other, (x, y) -> x / y);
    }

    /**
     * The entrywise power x^y, with broadcasting, as {@link Math#pow}.
     *
     * @param other the exponents
     * @return the powers
     */
    public Tensor pow(Tensor other) {
        return zip("pow", other, Math::pow);
    }

    /**
     * The entrywise maximum, with broadcasting (NaN if either entry is NaN).
     *
     * @param other the other tensor
     * @return the maxima
     */
    public Tensor maximum(Tensor other) {
        return zip("maximum", other, Math::max);
    }

    /**
     * The entrywise minimum, with broadcasting (NaN if either entry is NaN).
     *
     * @param other the other tensor
     * @return the minima
     */
    public Tensor minimum(Tensor other) {
        return zip("minimum", other, Math::min);
    }

    /**
     * 1 where x &gt; y, else 0, with broadcasting.
     *
     * @param other the right-hand side
     * @return the 0/1 mask
     */
    public Tensor gt(Tensor other) {
        return zip("gt", other, (x, y) -> x > y ? 1.0 : 0.0);
    }

    /**
     * 1 where x &gt;= y, else 0, with broadcasting.
     *
     * @param other the right-hand side
     * @return the 0/1 mask
     */
    public Tensor ge(Tensor other) {
        return zip("ge", other, (x, y) -> x >= y ? 1.0 : 0.0);
    }

    /**
     * 1 where x &lt; y, else 0, with broadcasting.
     *
     * @param other the right-hand side
     * @return the 0/1 mask
     */
    public Tensor lt(Tensor other) {
        return zip("lt", other, (x, y) -> x < y ? 1.0 : 0.0);
    }

    /**
     * 1 where x &lt;= y, else 0, with broadcasting.
     *
     * @param other the right-hand side
     * @return the 0/1 mask
     */
    public Tensor le(Tensor other) {
        return zip("le", other, (x, y) -> x <= y ? 1.0 : 0.0);
    }

    /**
     * 1 where x == y (IEEE equality), else 0, with broadcasting.
     *
     * @param other the right-hand side
     * @return the 0/1 mask
     */
    public Tensor eq(Tensor other) {
        return zip("eq", other, (x, y) -> x == y ? 1.0 : 0.0);
    }

    /**
     * Picks entries: {@code a} where {@code cond} is non-zero, {@code b} where it is 0. All three
     * tensors broadcast to a common shape. (A NaN condition counts as non-zero.)
     *
     * @param cond the condition, usually a 0/1 mask
     * @param a the entries where the condition holds
     * @param b the entries where it does not
     * @return the selection
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Objects.requireNonNull(cond, "cond");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        int[] out = Shapes.broadcast("where", Shapes.broadcast("where", cond.shape, a.shape), b.shape);
        double[] c = cond.expandedData(out);
        double[] x = a.expandedData(out);
        double[] y = b.expandedData(out);
        double[] result = new double[c.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = c[i] != 0 ? x[i] : y[i];
        }
        OpCount.add(result.length);
        return new Tensor(out, result);
    }

    /**
     * This tensor repeated along new leading axes and along its axes of side 1 so that it has the
     * given shape, as {@code numpy.broadcast_to}. Example: {@code [3, 1]} to {@code [2, 3, 4]}.
     *
     * @param target the shape to broadcast to
     * @return the broadcast tensor
     * @throws IllegalArgumentException if this shape does not broadcast to {@code target}
     */
    public Tensor broadcastTo(int... target) {
        int[] t = Shapes.checkShape("broadcastTo", target);
        int lead = t.length - rank();
        boolean ok = lead >= 0;
        for (int d = 0; ok && d < rank(); d++) {
            ok = shape[d] == t[lead + d] || shape[d] == 1;
        }
        require(ok, "broadcastTo: cannot broadcast %s to %s", shape, t);
        return new Tensor(t, expandedData(t));
    }

    /** The one broadcasting zip behind every binary elementwise operation. */
    private Tensor zip(String op, Tensor other, DoubleBinaryOperator f) {
        Objects.requireNonNull(other, "other");
        int[] out = Shapes.broadcast(op, shape, other.shape);
        double[] x = expandedData(out);
        double[] y = other.expandedData(out);
        double[] result = new double[x.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = f.applyAsDouble(x[i], y[i]);
        }
        OpCount.add(result.length);
        return new Tensor(out, result);
    }

    /**
     * This tensor's entries broadcast to {@code target} (which must be compatible), row-major. A
     * broadcast axis is read with stride 0, so the same entry is repeated along it. Returns the
     * internal array itself when the shape already matches: callers must not modify the result.
     */
    private double[] expandedData(int[] target) {
        if (Arrays.equals(shape, target)) {
            return data;
        }
        int[] own = Shapes.strides(shape);
        int[] strides = new int[target.length];
        int lead = target.length - rank();
        for (int d = 0; d < rank(); d++) {
            strides[lead + d] = shape[d] == 1 ? 0 : own[d];
        }
        return gather(data, 0, target, strides);
    }

    /**
     * The one strided read behind broadcasting, permuting and slicing: walks the multi-index
     * {@code i} over {@code outShape} in row-major order and returns the entries
     * {@code src[offset + sum_d i[d] * strides[d]]}.
     */
    private static double[] gather(double[] src, int offset, int[] outShape, int[] strides) {
        double[] out = new double[Shapes.size(outShape)];
        int[] index = new int[outShape.length];
        int pos = offset;
        for (int i = 0; i < out.length; i++) {
            out[i] = src[pos];
            // Advance the multi-index like an odometer: bump the last axis, carry into earlier ones.
            for (int d = outShape.length - 1; d >= 0; d--) {
                index[d]++;
                pos += strides[d];
                if (index[d] < outShape[d]) {
                    break;
                }
                pos -= strides[d] * outShape[d];
                index[d] = 0;
            }
        }
        return out;
    }

    // ================================================================================== matmul

    /**
     * The matrix product, with the semantics of {@code numpy.matmul}:
     * <ul>
     *   <li>1-D @ 1-D: the dot product, a scalar;</li>
     *   <li>2-D @ 2-D: {@code C[i][j] = sum_k A[i][k] B[k][j]}, shapes {@code [n, m] @ [m, p] -> [n, p]};</li>
     *   <li>2-D @ 1-D: matrix times vector, {@code [n, m] @ [m] -> [n]};</li>
     *   <li>1-D @ 2-D: vector times matrix, {@code [m] @ [m, p] -> [p]};</li>
     *   <li>rank &gt;= 3: a stack of matrices indexed by the leading (batch) axes, which broadcast:
     *       {@code [2, 1, 3, 4] @ [5, 4, 2] -> [2, 5, 3, 2]}. A 1-D operand is treated as a single
     *       row (left) or column (right) and that axis is dropped from the result.</li>
     * </ul>
     * Each entry is summed in increasing k, exactly as the textbook triple loop does.
     *
     * @param other the right factor
     * @return the product
     * @throws IllegalArgumentException if an operand is a scalar, the inner dimensions differ, or
     *     the batch axes do not broadcast
     */
    public Tensor matmul(Tensor other) {
        Objects.requireNonNull(other, "other");
        require(rank() >= 1 && other.rank() >= 1, "matmul: scalar operands are not allowed: %s @ %s",
                shape, other.shape);
        // Promote vectors to matrices: a left vector is a row, a right vector a column.
        Tensor a = rank() == 1 ? reshape(1, size()) : this;
        Tensor b = other.rank() == 1 ? other.reshape(other.size(), 1) : other;
        int n = a.dim(-2);
        int m = a.dim(-1);
        int p = b.dim(-1);
        require(b.dim(-2) == m, "matmul: inner dimensions differ: %s @ %s", shape, other.shape);

        int[] aBatch = Arrays.copyOf(a.shape, a.rank() - 2);
        int[] bBatch = Arrays.copyOf(b.shape, b.rank() - 2);
        require(Shapes.canBroadcast(aBatch, bBatch), "matmul: batch dimensions %s and %s do not broadcast: %s @ %s",
                aBatch, bBatch, shape, other.shape);
        int[] batch = Shapes.broadcast(aBatch, bBatch);
        // For every matrix of the output stack: which matrix of a and which of b it multiplies.
        int[] aBlock = blockIndices(aBatch, batch);
        int[] bBlock = blockIndices(bBatch, batch);
        double[] c = new double[Checks.sizeProduct("matmul " + Shapes.toString(shape) + " @ "
                + Shapes.toString(other.shape), aBlock.length, n, p)];
        for (int t = 0; t < aBlock.length; t++) {
            multiplyInto(a.data, aBlock[t] * n * m, b.data, bBlock[t] * m * p, c, t * n * p, n, m, p);
        }
        OpCount.add(2L * c.length * m);
        if (hasNaN(c) && isFinite(a.data) && isFinite(b.data)) {
            // finite operands, yet inf - inf: some partial sum overflowed. Multiply 2^-ea A by 2^-eb B
            // (exact scalings, no partial sum can overflow) and scale back: an entry beyond the range is
            // then +-infinity, never NaN, and the others are the same products as before.
            int ea = Math.getExponent(maxAbs(a.data));
            int eb = Math.getExponent(maxAbs(b.data));
            double[] as = scaled(a.data, -ea);
            double[] bs = scaled(b.data, -eb);
            java.util.Arrays.fill(c, 0);
            for (int t = 0; t < aBlock.length; t++) {
                multiplyInto(as, aBlock[t] * n * m, bs, bBlock[t] * m * p, c, t * n * p, n, m, p);
            }
            for (int i = 0; i < c.length; i++) {
                c[i] = Math.scalb(c[i], ea + eb);
            }
        }

        // Output shape: batch axes, then n and p, without the axes added for vectors.
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = n;
        out[batch.length + 1] = p;
        if (other.rank() == 1) {
            out = removeAxis(out, out.length - 1);
        }
        if (rank() == 1) {
            out = removeAxis(out, out.length - (other.rank() == 1 ? 1 : 2));
        }
        return new Tensor(out, c);
    }

    /**
     * For each position of the broadcast batch shape, the flat number of the matrix it reads from
     * a stack with batch shape {@code own}: number the stack's matrices 0, 1, 2, ... and broadcast
     * those numbers like any other tensor.
     */
    private static boolean hasNaN(double[] v) {
        for (double x : v) {
            if (Double.isNaN(x)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static double maxAbs(double[] v) {
        double m = Double.MIN_NORMAL;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double[] scaled(double[] v, int e) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.scalb(v[i], e);
        }
        return out;
    }

    private static int[] blockIndices(int[] own, int[] batch) {
        double[] numbers = arange(Shapes.size(own)).reshape(own).expandedData(batch);
        int[] out = new int[numbers.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) numbers[i];
        }
        return out;
    }

    /**
     * The matrix kernel: {@code C += A B}, where A is n x m stored row-major from {@code a[aOff]},
     * B is m x p from {@code b[bOff]} and C is n x p from {@code c[cOff]}.
     *
     * <p>Loop order i-k-j. The textbook order i-j-k computes {@code C[i][j]} as a dot product of
     * row i of A with column j of B, and walking a column of a row-major matrix jumps p doubles
     * per step, so almost every read misses the cache. Swapping the two inner loops gives
     * <pre>
     *   for i:  for k:  a = A[i][k];  for j:  C[i][j] += a * B[k][j]
     * </pre>
     * whose inner loop streams along row k of B and row i of C, both contiguous, and which the
     * JIT compiles to SIMD instructions. {@code A[i][k]} is read once per row of B ("hoisted").
     *
     * <p>Unrolling over k. Each pass of the inner loop loads and stores all of row i of C. Taking
     * four values of k per pass adds four rows of B for one load and one store of C, which is
     * what makes the kernel fast; the 0 to 3 values of k left over are done one at a time.
     *
     * <p>Blocking. For large matrices, B no longer fits in cache, so each row i would reload all
     * of B from memory. The k and j ranges are therefore cut into tiles of {@code K_BLOCK} x
     * {@code J_BLOCK}: one tile of B (here 128 x 512 doubles, 512 KiB) is reused by all n rows
     * of A before the next tile is touched.
     *
     * <p>Rounding. The k tiles are visited in increasing order, k increases within a tile, and the
     * unrolled update is parenthesized left to right (Java never reassociates floating-point
     * sums), so every {@code C[i][j]} is accumulated as {@code ((A[i][0] B[0][j] + A[i][1] B[1][j])
     * + ...)}: bit for bit the result of the textbook triple loop.
     */
    private static void multiplyInto(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                     int n, int m, int p) {
        for (int k0 = 0; k0 < m; k0 += K_BLOCK) {
            int k1 = Math.min(k0 + K_BLOCK, m);
            for (int j0 = 0; j0 < p; j0 += J_BLOCK) {
                int j1 = Math.min(j0 + J_BLOCK, p);
                for (int i = 0; i < n; i++) {
                    int aRow = aOff + i * m;
                    int cRow = cOff + i * p;
                    int k = k0;
                    for (; k + 4 <= k1; k += 4) {
                        double a0 = a[aRow + k];
                        double a1 = a[aRow + k + 1];
                        double a2 = a[aRow + k + 2];
                        double a3 = a[aRow + k + 3];
                        int b0 = bOff + k * p;
                        int b1 = b0 + p;
                        int b2 = b1 + p;
                        int b3 = b2 + p;
                        for (int j = j0; j < j1; j++) {
                            c[cRow + j] = (((c[cRow + j] + a0 * b[b0 + j]) + a1 * b[b1 + j])
                                    + a2 * b[b2 + j]) + a3 * b[b3 + j];
                        }
                    }
                    for (; k < k1; k++) {
                        double aik = a[aRow + k];
                        int bRow = bOff + k * p;
                        for (int j = j0; j < j1; j++) {
                            c[cRow + j] += aik * b[bRow + j];
                        }
                    }
                }
            }
        }
    }

    // ================================================================================ reshaping

    /**
     * The transpose: for a matrix, {@code T[j][i] = A[i][j]}; for rank &gt;= 3 the last two axes
     * are swapped (a stack of transposed matrices); a scalar or vector is returned unchanged.
     *
     * @return the transpose
     */
    public Tensor transpose() {
        if (rank() < 2) {
            return this;
        }
        int[] axes = new int[rank()];
        for (int d = 0; d < axes.length; d++) {
            axes[d] = d;
        }
        axes[rank() - 2] = rank() - 1;
        axes[rank() - 1] = rank() - 2;
        return permuted(axes);
    }

    /**
     * Reorders the axes: axis d of the result is axis {@code axes[d]} of this tensor, so
     * {@code result.get(i0, ..., i(r-1)) == this.get(j)} with {@code j[axes[d]] = i[d]}.
     *
     * @param axes a permutation of {@code 0, ..., rank-1} (negative axes count from the end)
     * @return the permuted tensor
     * @throws IllegalArgumentException if {@code axes} is not a permutation
     */
    public Tensor permute(int... axes) {
        Objects.requireNonNull(axes, "axes");
        if (axes.length != rank()) {
            throw error("permute: shape %s needs %d axes, got %s", shape, rank(), Arrays.toString(axes));
        }
        int[] normalized = new int[rank()];
        boolean[] seen = new boolean[rank()];
        for (int d = 0; d < rank(); d++) {
            normalized[d] = Shapes.normalizeAxis("permute", axes[d], rank());
            require(!seen[normalized[d]], "permute: %s is not a permutation of the axes of shape %s (axis %d repeats)",
                    axes, shape, axes[d]);
            seen[normalized[d]] = true;
        }
        return permuted(normalized);
    }

    private Tensor permuted(int[] axes) {
        int[] own = Shapes.strides(shape);
        int[] out = new int[rank()];
        int[] strides = new int[rank()];
        for (int d = 0; d < rank(); d++) {
            out[d] = shape[axes[d]];
            strides[d] = own[axes[d]];
        }
        return new Tensor(out, gather(data, 0, out, strides));
    }

    /**
     * The same entries, in the same row-major order, viewed with another shape of the same size.
     * One side may be {@code -1}; it is inferred from the size.
     *
     * @param newShape the new shape, every side &gt;= 1 except at most one -1
     * @return the reshaped tensor
     * @throws IllegalArgumentException if the sizes differ or the shape is invalid
     */
    public Tensor reshape(int... newShape) {
        Objects.requireNonNull(newShape, "shape");
        int[] s = newShape.clone();
        int inferred = -1;
        long known = 1;
        for (int d = 0; d < s.length; d++) {
            if (s[d] == -1) {
                require(inferred < 0, "reshape: only one -1 allowed, got %s", newShape);
                inferred = d;
            } else {
                require(s[d] >= 1, "reshape: invalid side %d in %s (sides must be >= 1, or -1 once)",
                        s[d], newShape);
                // Past 2^31 the product stops growing: such a size cannot match anyway, and this avoids overflow.
                known = known > Integer.MAX_VALUE ? known : known * s[d];
            }
        }
        if (inferred >= 0) {
            require(size() % known == 0, "reshape: cannot reshape %s (size %d) to %s: size is not a multiple of %d",
                    shape, size(), newShape, known);
            s[inferred] = (int) (size() / known);
            known = size();
        }
        require(known == size(), "reshape: cannot reshape %s (size %d) to %s (size %d)",
                shape, size(), newShape, known);
        return new Tensor(s, data);
    }

    /**
     * The entries as a vector, row-major.
     *
     * @return a tensor of shape {@code [size()]}
     */
    public Tensor flatten() {
        return reshape(size());
    }

    /**
     * The entries with index in {@code [start, end)} along one axis, all of the other axes kept.
     *
     * @param axis the axis (negative counts from the end)
     * @param start the first index kept
     * @param end one past the last index kept; {@code 0 <= start < end <= dim(axis)}
     * @return the slice, with side {@code end - start} in {@code axis}
     */
    public Tensor slice(int axis, int start, int end) {
        int ax = Shapes.normalizeAxis("slice", axis, rank());
        require(0 <= start && start < end && end <= shape[ax],
                "slice: range [%d, %d) is empty or out of bounds for axis %d of side %d in shape %s",
                start, end, ax, shape[ax], shape);
        int[] strides = Shapes.strides(shape);
        int[] out = shape.clone();
        out[ax] = end - start;
        return new Tensor(out, gather(data, start * strides[ax], out, strides));
    }

    /**
     * Joins tensors along an existing axis; all other sides must agree.
     *
     * @param axis the axis to join along (negative counts from the end)
     * @param ts at least one tensor, all of the same rank
     * @return the concatenation, whose side along {@code axis} is the sum of the sides
     */
    public static Tensor concat(int axis, Tensor... ts) {
        require(ts != null && ts.length >= 1, "concat: need at least one tensor");
        for (int t = 0; t < ts.length; t++) {
            Objects.requireNonNull(ts[t], "tensors[" + t + "]");
        }
        int[] first = ts[0].shape;
        int ax = Shapes.normalizeAxis("concat", axis, first.length);
        int total = 0;
        for (Tensor t : ts) {
            boolean match = t.rank() == first.length;
            for (int d = 0; match && d < first.length; d++) {
                match = d == ax || t.shape[d] == first[d];
            }
            require(match, "concat: shapes %s and %s differ outside axis %d", first, t.shape, ax);
            total = Checks.sizeSum("concat along axis " + ax, total, t.shape[ax]);
        }
        int[] out = first.clone();
        out[ax] = total;
        // Row-major: for each index of the axes before `axis`, each tensor holds one contiguous
        // chunk (its part of that slab); the result is those chunks laid one after another.
        int outer = Shapes.size(Arrays.copyOf(first, ax));
        double[] result = new double[Shapes.size(out)];
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (Tensor t : ts) {
                int chunk = t.size() / outer;
                System.arraycopy(t.data, o * chunk, result, pos, chunk);
                pos += chunk;
            }
        }
        return new Tensor(out, result);
    }

    /**
     * Row i of a matrix.
     *
     * @param i the row index, in {@code [0, rows)}
     * @return a vector of length {@code dim(1)}
     */
    public Tensor row(int i) {
        requireRank("row", 2);
        require(i >= 0 && i < shape[0], "row: index %d out of range for %d rows in shape %s", i, shape[0], shape);
        return slice(0, i, i + 1).reshape(shape[1]);
    }

    /**
     * Column j of a matrix.
     *
     * @param j the column index, in {@code [0, cols)}
     * @return a vector of length {@code dim(0)}
     */
    public Tensor col(int j) {
        requireRank("col", 2);
        require(j >= 0 && j < shape[1], "col: index %d out of range for %d columns in shape %s", j, shape[1], shape);
        return slice(1, j, j + 1).reshape(shape[0]);
    }

    /**
     * Removes an axis of side 1.
     *
     * @param axis the axis (negative counts from the end)
     * @return the same entries with rank one less
     * @throws IllegalArgumentException if the axis does not have side 1
     */
    public Tensor squeeze(int axis) {
        int ax = Shapes.normalizeAxis("squeeze", axis, rank());
        require(shape[ax] == 1, "squeeze: axis %d of shape %s has side %d, not 1", ax, shape, shape[ax]);
        return new Tensor(removeAxis(shape, ax), data);
    }

    /**
     * Inserts an axis of side 1, so that it becomes axis {@code axis} of the result.
     *
     * @param axis the position in the result, in {@code [-(rank+1), rank]} (negative counts from
     *     the end of the result: -1 appends)
     * @return the same entries with rank one more
     */
    public Tensor unsqueeze(int axis) {
        require(axis >= -(rank() + 1) && axis <= rank(),
                "unsqueeze: axis %d out of range for rank %d (the new axis must be in [%d, %d])",
                axis, rank(), -(rank() + 1), rank());
        int ax = axis < 0 ? axis + rank() + 1 : axis;
        int[] out = new int[rank() + 1];
        for (int d = 0, src = 0; d < out.length; d++) {
            out[d] = d == ax ? 1 : shape[src++];
        }
        return new Tensor(out, data);
    }

    private static int[] removeAxis(int[] shape, int axis) {
        int[] out = new int[shape.length - 1];
        for (int d = 0, dst = 0; d < shape.length; d++) {
            if (d != axis) {
                out[dst++] = shape[d];
            }
        }
        return out;
    }

    // =============================================================================== reductions

    /**
     * Folds a run {@code v[from], ..., v[to-1]} of entries to one number. Every reduction is one of
     * these applied either to all entries or, by {@link #reduce}, to each group of entries that
     * share the indices of the kept axes.
     */
    @FunctionalInterface
    private interface Fold {
        double apply(double[] v, int from, int to);
    }

    /**
     * The generic reduction over a set of axes. Permute the tensor so that the kept axes come
     * first and the reduced axes last; then, in row-major order, the entries that collapse into
     * one output entry form a contiguous run, which {@code fold} reduces.
     */
    private Tensor reduce(String op, int[] axes, boolean keepdims, Fold fold) {
        Objects.requireNonNull(axes, "axes");
        boolean[] reduced = new boolean[rank()];
        for (int axis : axes) {
            int ax = Shapes.normalizeAxis(op, axis, rank());
            require(!reduced[ax], "%s: axis %d repeats in %s for rank %d", op, axis, axes, rank());
            reduced[ax] = true;
        }
        int[] order = new int[rank()];
        int next = 0;
        for (int pass = 0; pass < 2; pass++) {          // first the kept axes, then the reduced ones
            for (int d = 0; d < rank(); d++) {
                if (reduced[d] == (pass == 1)) {
                    order[next++] = d;
                }
            }
        }
        int runLength = 1;
        for (int d = 0; d < rank(); d++) {
            if (reduced[d]) {
                runLength *= shape[d];
            }
        }
        double[] grouped = permuted(order).data;
        double[] out = new double[size() / runLength];
        for (int o = 0; o < out.length; o++) {
            out[o] = fold.apply(grouped, o * runLength, (o + 1) * runLength);
        }
        OpCount.add(foldOps(op, runLength) * out.length);

        int[] outShape = new int[keepdims ? rank() : rank() - axes.length];
        for (int d = 0, dst = 0; d < rank(); d++) {
            if (!reduced[d]) {
                outShape[dst++] = shape[d];
            } else if (keepdims) {
                outShape[dst++] = 1;
            }
        }
        return new Tensor(outShape, out);
    }

    /** Operations of one fold over k entries, for {@link OpCount}: see its Javadoc. */
    private static long foldOps(String op, long k) {
        return switch (op) {
            case "mean" -> k;
            case "logsumexp" -> Math.max(0, 4 * k - 2);
            default -> Math.max(0, k - 1);
        };
    }

    /**
     * The sum, left to right; if an intermediate sum overflowed although every entry is finite
     * (e.g. {@code [MAX, MAX, -MAX]}, exact sum MAX), the same left-to-right sum of
     * {@code v_i 2^-k} with {@code 2^k > n}, scaled back by {@code 2^k}. Scaling by a power of two is
     * exact (up to the underflow of entries below {@code 2^(k-1074)}, far below the rounding error of
     * a sum that once exceeded MAX), no partial sum of the scaled entries can overflow, so the
     * result has the error bound {@code (n-1) u sum |v_i|} of the plain sum and is +-inf only when
     * the rounded scaled sum times {@code 2^k} exceeds MAX.
     */
    private static double sumOf(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        if (Double.isInfinite(s) && !hasInfinity(v, from, to)) {
            s = Math.scalb(scaledSum(v, from, to), scale(to - from));
        }
        return s;
    }

    /** k with {@code 2^k > n}: n entries of magnitude at most MAX 2^-k cannot overflow a sum. */
    private static int scale(int n) {
        return 32 - Integer.numberOfLeadingZeros(n);
    }

    /** {@code sum v_i 2^-k}, left to right, with k = {@link #scale}(to - from). */
    private static double scaledSum(double[] v, int from, int to) {
        int k = scale(to - from);
        double scaled = 0;
        for (int i = from; i < to; i++) {
            scaled += Math.scalb(v[i], -k);
        }
        return scaled;
    }

    private static double meanOf(double[] v, int from, int to) {
        double mean = sumOf(v, from, to) / (to - from);
        if (Double.isInfinite(mean) && !hasInfinity(v, from, to)) {
            // the sum exceeds MAX although every entry is finite: the mean is representable,
            // |mean| <= max |v_i|; divide the scaled sum before scaling back
            mean = Math.scalb(scaledSum(v, from, to) / (to - from), scale(to - from));
        }
        return mean;
    }

    private static boolean hasInfinity(double[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(v[i])) {
                return true;
            }
        }
        return false;
    }

    private static double prodOf(double[] v, int from, int to) {
        double p = 1;
        for (int i = from; i < to; i++) {
            p *= v[i];
        }
        return p;
    }

    private static double maxOf(double[] v, int from, int to) {
        double m = v[from];
        for (int i = from + 1; i < to; i++) {
            m = Math.max(m, v[i]);
        }
        return m;
    }

    private static double minOf(double[] v, int from, int to) {
        double m = v[from];
        for (int i = from + 1; i < to; i++) {
            m = Math.min(m, v[i]);
        }
        return m;
    }

    /** Position (relative to {@code from}) of the first maximum; a NaN counts as the maximum. */
    private static double argmaxOf(double[] v, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (Double.isNaN(v[best])) {
                break;
            }
            if (v[i] > v[best] || Double.isNaN(v[i])) {
                best = i;
            }
        }
        return best - from;
    }

    /**
     * log(sum_i e^(v_i)) without overflow: with M = max v_i attained first at i*,
     * {@code log sum e^(v_i) = M + log1p(sum_(i != i*) e^(v_i - M))}. Every exponent is &lt;= 0, so
     * nothing overflows, and the sum is in [0, n-1]. If M is infinite or NaN the result is M.
     */
    private static double logsumexpOf(double[] v, int from, int to) {
        int top = from + (int) argmaxOf(v, from, to);
        double max = v[top];
        if (Double.isInfinite(max) || Double.isNaN(max)) {
            return max;
        }
        double rest = 0;
        for (int i = from; i < to; i++) {
            if (i != top) {
                rest += Math.exp(v[i] - max);
            }
        }
        return max + Math.log1p(rest);
    }

    /**
     * The sum of all entries, added left to right in row-major order (rounding error at most
     * {@code (n-1) u sum|x_i|} to first order, u = 2^-53). An intermediate overflow of finite
     * entries is not an answer: the sum is then recomputed on entries scaled by a power of two, so
     * {@code [MAX, MAX, -MAX]} sums to MAX; the result is infinite only when the sum itself is
     * beyond the double range (or an entry is infinite).
     *
     * @return the sum
     */
    public double sumAll() {
        return sumOf(data, 0, size());
    }

    /**
     * The mean of all entries, {@link #sumAll()} / {@link #size()}.
     *
     * @return the mean
     */
    public double meanAll() {
        return meanOf(data, 0, size());
    }

    /**
     * The largest entry (NaN if any entry is NaN).
     *
     * @return the maximum
     */
    public double maxAll() {
        return maxOf(data, 0, size());
    }

    /**
     * The smallest entry (NaN if any entry is NaN).
     *
     * @return the minimum
     */
    public double minAll() {
        return minOf(data, 0, size());
    }

    /**
     * The product of all entries, multiplied left to right.
     *
     * @return the product
     */
    public double prodAll() {
        return prodOf(data, 0, size());
    }

    /**
     * {@code log(sum_i exp(x_i))} over all entries, computed stably by factoring out the maximum:
     * no overflow for entries up to {@link Double#MAX_VALUE}; all entries -infinity give
     * -infinity.
     *
     * @return the log-sum-exp
     */
    public double logsumexpAll() {
        return logsumexpOf(data, 0, size());
    }

    /**
     * The flat row-major index of the first largest entry (of the first NaN, if any).
     *
     * @return the index in {@code [0, size())}
     */
    public int argmaxAll() {
        return (int) argmaxOf(data, 0, size());
    }

    /**
     * Sums over the given axes.
     *
     * @param axes distinct axes to sum over (negative counts from the end); none sums nothing
     * @param keepdims whether summed axes stay in the shape with side 1 (handy for broadcasting
     *     the result back) or are removed
     * @return the sums
     */
    public Tensor sum(int[] axes, boolean keepdims) {
        return reduce("sum", axes, keepdims, Tensor::sumOf);
    }

    /**
     * Sums over one axis, which is removed.
     *
     * @param axis the axis (negative counts from the end)
     * @return the sums
     */
    public Tensor sum(int axis) {
        return sum(new int[] {axis}, false);
    }

    /**
     * Means over the given axes.
     *
     * @param axes distinct axes to average over
     * @param keepdims whether reduced axes stay with side 1
     * @return the means
     */
    public Tensor mean(int[] axes, boolean keepdims) {
        return reduce("mean", axes, keepdims, Tensor::meanOf);
    }

    /**
     * Means over one axis, which is removed.
     *
     * @param axis the axis (negative counts from the end)
     * @return the means
     */
    public Tensor mean(int axis) {
        return mean(new int[] {axis}, false);
    }

    /**
     * Maxima over the given axes (NaN propagates).
     *
     * @param axes distinct axes to reduce
     * @param keepdims whether reduced axes stay with side 1
     * @return the maxima
     */
    public Tensor max(int[] axes, boolean keepdims) {
        return reduce("max", axes, keepdims, Tensor::maxOf);
    }

    /**
     * Maxima over one axis, which is removed.
     *
     * @param axis the axis (negative counts from the end)
     * @return the maxima
     */
    public Tensor max(int axis) {
        return max(new int[] {axis}, false);
    }

    /**
     * Minima over the given axes (NaN propagates).
     *
     * @param axes distinct axes to reduce
     * @param keepdims whether reduced axes stay with side 1
     * @return the minima
     */
    public Tensor min(int[] axes, boolean keepdims) {
        return reduce("min", axes, keepdims, Tensor::minOf);
    }

    /**
     * Minima over one axis, which is removed.
     *
     * @param axis the axis (negative counts from the end)
     * @return the minima
     */
    public Tensor min(int axis) {
        return min(new int[] {axis}, false);
    }

    /**
     * Products over the given axes.
     *
     * @param axes distinct axes to reduce
     * @param keepdims whether reduced axes stay with side 1
     * @return the products
     */
    public Tensor prod(int[] axes, boolean keepdims) {
        return reduce("prod", axes, keepdims, Tensor::prodOf);
    }

    /**
     * Products over one axis, which is removed.
     *
     * @param axis the axis (negative counts from the end)
     * @return the products
     */
    public Tensor prod(int axis) {
        return prod(new int[] {axis}, false);
    }

    /**
     * Stable log-sum-exp over the given axes (see {@link #logsumexpAll()}).
     *
     * @param axes distinct axes to reduce
     * @param keepdims whether reduced axes stay with side 1
     * @return the log-sum-exps
     */
    public Tensor logsumexp(int[] axes, boolean keepdims) {
        return reduce("logsumexp", axes, keepdims, Tensor::logsumexpOf);
    }

    /**
     * Stable log-sum-exp over one axis, which is removed.
     *
     * @param axis the axis (negative counts from the end)
     * @return the log-sum-exps
     */
    public Tensor logsumexp(int axis) {
        return logsumexp(new int[] {axis}, false);
    }

    /**
     * The index of the first maximum along one axis, which is removed; the indices are stored as
     * doubles. A NaN counts as the maximum.
     *
     * @param axis the axis (negative counts from the end)
     * @return the indices, each in {@code [0, dim(axis))}
     */
    public Tensor argmax(int axis) {
        return reduce("argmax", new int[] {axis}, false, Tensor::argmaxOf);
    }

    // ========================================================================= norms, products

    /**
     * The 1-norm of all entries, {@code sum |x_i|}.
     *
     * @return the 1-norm
     */
    public double norm1() {
        double s = 0;
        for (double x : data) {
            s += Math.abs(x);
        }
        return s;
    }

    /**
     * The Euclidean norm of all entries, {@code sqrt(sum x_i^2)}, computed as
     * {@code s * sqrt(sum (x_i / s)^2)} with {@code s = max |x_i|} so that squaring neither
     * overflows (entries near 1e200) nor underflows (entries near 1e-200).
     *
     * @return the 2-norm (NaN if an entry is NaN, infinity if one is infinite)
     */
    public double norm2() {
        double scale = normInf();
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double sumOfSquares = 0;
        for (double x : data) {
            double r = x / scale;
            sumOfSquares += r * r;
        }
        return scale * Math.sqrt(sumOfSquares);
    }

    /**
     * The max-norm of all entries, {@code max |x_i|} (NaN if an entry is NaN).
     *
     * @return the infinity norm
     */
    public double normInf() {
        double m = 0;
        for (double x : data) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /**
     * The Frobenius norm {@code sqrt(sum_ij A_ij^2)}, the 2-norm of all entries.
     *
     * @return the Frobenius norm
     */
    public double frobenius() {
        return norm2();
    }

    /**
     * The operator norm induced by the vector 1-norm: the largest column sum
     * {@code max_j sum_i |A_ij|}.
     *
     * @return the matrix 1-norm
     */
    public double opNorm1() {
        requireRank("opNorm1", 2);
        return abs().sum(0).maxAll();
    }

    /**
     * The operator norm induced by the vector max-norm: the largest row sum
     * {@code max_i sum_j |A_ij|}.
     *
     * @return the matrix infinity norm
     */
    public double opNormInf() {
        requireRank("opNormInf", 2);
        return abs().sum(1).maxAll();
    }

    /**
     * The dot product {@code sum_i x_i y_i} of two vectors of the same length, summed in order.
     *
     * @param other the other vector
     * @return the dot product
     */
    public double dot(Tensor other) {
        Objects.requireNonNull(other, "other");
        require(rank() == 1 && other.rank() == 1 && size() == other.size(),
                "dot: need two vectors of the same length, got %s and %s", shape, other.shape);
        double s = 0;
        for (int i = 0; i < size(); i++) {
            s += data[i] * other.data[i];
        }
        if (Double.isNaN(s) && isFinite(data) && isFinite(other.data)) {
            // inf - inf from finite vectors: the same sum with both scaled by powers of two, scaled back
            int ea = Math.getExponent(maxAbs(data));
            int eb = Math.getExponent(maxAbs(other.data));
            s = 0;
            for (int i = 0; i < size(); i++) {
                s += Math.scalb(data[i], -ea) * Math.scalb(other.data[i], -eb);
            }
            s = Math.scalb(s, ea + eb);
        }
        return s;
    }

    /**
     * The trace {@code sum_i A_ii} of a square matrix.
     *
     * @return the trace
     */
    public double trace() {
        require(rank() == 2 && shape[0] == shape[1], "trace: need a square matrix, got shape %s", shape);
        double s = 0;
        for (int i = 0; i < shape[0]; i++) {
            s += data[i * shape[0] + i];
        }
        return s;
    }

    /**
     * The outer product {@code (x y^T)_ij = x_i y_j} of two vectors.
     *
     * @param other the vector y
     * @return a matrix of shape {@code [x.size(), y.size()]}
     */
    public Tensor outer(Tensor other) {
        Objects.requireNonNull(other, "other");
        require(rank() == 1 && other.rank() == 1, "outer: need two vectors, got %s and %s", shape, other.shape);
        Checks.sizeProduct("outer " + Shapes.toString(shape) + " with " + Shapes.toString(other.shape),
                size(), other.size());
        return reshape(size(), 1).mul(other.reshape(1, other.size()));
    }

    /**
     * The Kronecker product of two matrices: the block matrix whose block (i, j) is
     * {@code A_ij B}, i.e. {@code K[i*r + k][j*c + l] = A_ij B_kl} for B of shape [r, c].
     *
     * @param other the matrix B
     * @return a matrix of shape {@code [rows(A) rows(B), cols(A) cols(B)]}
     */
    public Tensor kron(Tensor other) {
        Objects.requireNonNull(other, "other");
        require(rank() == 2 && other.rank() == 2, "kron: need two matrices, got %s and %s", shape, other.shape);
        int r = other.shape[0];
        int c = other.shape[1];
        int rows = Checks.sizeProduct("kron " + Shapes.toString(shape) + " with " + Shapes.toString(other.shape),
                shape[0], r);
        int cols = Checks.sizeProduct("kron " + Shapes.toString(shape) + " with " + Shapes.toString(other.shape),
                shape[1], c);
        double[] out = new double[Checks.sizeProduct("kron " + Shapes.toString(shape) + " with "
                + Shapes.toString(other.shape), rows, cols)];
        for (int i = 0; i < shape[0]; i++) {
            for (int j = 0; j < shape[1]; j++) {
                double aij = data[i * shape[1] + j];
                for (int k = 0; k < r; k++) {
                    for (int l = 0; l < c; l++) {
                        out[(i * r + k) * cols + j * c + l] = aij * other.data[k * c + l];
                    }
                }
            }
        }
        return new Tensor(new int[] {rows, cols}, out);
    }

    // =============================================================================== comparison

    /**
     * Whether every entry is close to the corresponding entry of {@code other}:
     * {@code |a - b| <= atol + rtol * |b|} (as {@code numpy.allclose}; note the asymmetry, b is
     * the reference). Equal entries (including equal infinities) are close; an infinity is close
     * only to itself; NaN is close to nothing.
     *
     * @param other the reference, of the same shape (no broadcasting)
     * @param atol the absolute tolerance, &gt;= 0
     * @param rtol the relative tolerance, &gt;= 0
     * @return whether all entries are close
     * @throws IllegalArgumentException if the shapes differ or a tolerance is negative or NaN
     */
    public boolean allClose(Tensor other, double atol, double rtol) {
        requireSameShape("allClose", other);
        require(atol >= 0, "allClose: atol must be >= 0, was %s", atol);
        require(rtol >= 0, "allClose: rtol must be >= 0, was %s", rtol);
        for (int i = 0; i < size(); i++) {
            double a = data[i];
            double b = other.data[i];
            if (a == b) {
                continue;                               // also equal infinities
            }
            if (Double.isInfinite(a) || Double.isInfinite(b) || !(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;                           // NaN fails the comparison
            }
        }
        return true;
    }

    /**
     * The largest entrywise distance {@code max_i |a_i - b_i|}. Equal entries (including equal
     * infinities) have distance 0; a NaN on either side gives NaN.
     *
     * @param other a tensor of the same shape (no broadcasting)
     * @return the largest distance
     */
    public double maxAbsDiff(Tensor other) {
        requireSameShape("maxAbsDiff", other);
        double m = 0;
        for (int i = 0; i < size(); i++) {
            double a = data[i];
            double b = other.data[i];
            m = Math.max(m, a == b ? 0 : Math.abs(a - b));
        }
        return m;
    }

    /**
     * Exact equality: same shape and bitwise-equal entries in the sense of
     * {@link Double#compare}, so NaN equals NaN and 0.0 differs from -0.0. Use
     * {@link #allClose} to compare computed results.
     *
     * @param o the other object
     * @return whether it is an equal tensor
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    /**
     * A hash code consistent with {@link #equals}.
     *
     * @return the hash of shape and entries
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    /**
     * Above this many entries {@link #toString} summarizes, as NumPy's {@code threshold} print
     * option (same default): only the first and last {@link #PRINT_EDGE_ITEMS} indices of each
     * axis longer than twice that are printed, the rest shown as {@code ...}.
     */
    public static final int PRINT_THRESHOLD = 1000;

    /** The indices printed at each end of a summarized axis (NumPy's {@code edgeitems}, same default). */
    public static final int PRINT_EDGE_ITEMS = 3;

    /**
     * The shape and the entries as an aligned grid, e.g.
     * <pre>
     * Tensor[2, 3]
     * [[ 1.0, -2.5,  0.0],
     *  [ 3.0,  4.0, 10.0]]
     * </pre>
     * Entries are printed by {@link Double#toString(double)}, which reads back to the same double,
     * right-aligned to a common width. Rank 0 prints the number alone; rank &gt;= 3 prints nested
     * blocks, one per leading index, separated by blank lines as NumPy does. A tensor of more than
     * {@link #PRINT_THRESHOLD} entries is summarized as NumPy does: each axis longer than
     * {@code 2 * }{@link #PRINT_EDGE_ITEMS} shows its first and last {@code PRINT_EDGE_ITEMS}
     * indices around {@code ...}, so the text has at most {@code (2 PRINT_EDGE_ITEMS + 1)^rank}
     * cells whatever the size (a 10^8-entry tensor prints in microseconds, not minutes).
     *
     * @return the multi-line text
     */
    @Override
    public String toString() {
        boolean summarize = size() > PRINT_THRESHOLD;
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.toString(shape)).append('\n');
        if (rank() == 0) {
            return sb.append(data[0]).toString();
        }
        int[] strides = Shapes.strides(shape);
        int width = cellWidth(0, 0, strides, summarize);
        appendBlock(sb, width, 0, 0, strides, summarize);
        return sb.toString();
    }

    /** The printed indices of an axis in order, -1 standing for the elided middle ("..."). */
    private int[] printedIndices(int axis, boolean summarize) {
        int n = shape[axis];
        if (!summarize || n <= 2 * PRINT_EDGE_ITEMS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[2 * PRINT_EDGE_ITEMS + 1];
        for (int i = 0; i < PRINT_EDGE_ITEMS; i++) {
            out[i] = i;
            out[PRINT_EDGE_ITEMS + 1 + i] = n - PRINT_EDGE_ITEMS + i;
        }
        out[PRINT_EDGE_ITEMS] = -1;
        return out;
    }

    /** The widest printed cell of the sub-tensor at {@code axis} starting at flat {@code offset}. */
    private int cellWidth(int axis, int offset, int[] strides, boolean summarize) {
        int width = 0;
        for (int i : printedIndices(axis, summarize)) {
            if (i < 0) {
                continue;
            }
            width = Math.max(width, axis == rank() - 1 ? Double.toString(data[offset + i]).length()
                    : cellWidth(axis + 1, offset + i * strides[axis], strides, summarize));
        }
        return width;
    }

    /** Appends the sub-tensor at {@code axis} starting at flat {@code offset}, in brackets. */
    private void appendBlock(StringBuilder sb, int width, int axis, int offset, int[] strides, boolean summarize) {
        boolean innermost = axis == rank() - 1;
        sb.append('[');
        int[] printed = printedIndices(axis, summarize);
        for (int p = 0; p < printed.length; p++) {
            int i = printed[p];
            if (p > 0 && innermost) {
                sb.append(", ");
            } else if (p > 0) {
                // Rows end with a newline; blocks of rank r >= 2 are also separated by r - 1 blank lines.
                sb.append(',').append("\n".repeat(rank() - axis - 1)).append(" ".repeat(axis + 1));
            }
            if (i < 0) {
                sb.append(innermost ? " ".repeat(Math.max(0, width - 3)) + "..." : "...");
            } else if (innermost) {
                String cell = Double.toString(data[offset + i]);
                sb.append(" ".repeat(width - cell.length())).append(cell);
            } else {
                appendBlock(sb, width, axis + 1, offset + i * strides[axis], strides, summarize);
            }
        }
        sb.append(']');
    }

    // =============================================================================== validation

    /**
     * Throws an {@link IllegalArgumentException} with the formatted message unless the condition
     * holds. Shape arguments ({@code int[]}) are formatted as {@code [2, 3]}; the message is only
     * built on failure.
     */
    private static void require(boolean condition, String format, Object... args) {
        if (!condition) {
            throw error(format, args);
        }
    }

    /** The exception {@link #require} throws, for call sites that test the condition themselves. */
    private static IllegalArgumentException error(String format, Object... args) {
        Object[] shown = args.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof int[] s) {
                shown[i] = Shapes.toString(s);
            }
        }
        return new IllegalArgumentException(String.format(Locale.ROOT, format, shown));
    }

    private void requireRank(String op, int expected) {
        require(rank() == expected, "%s: need rank %d, got shape %s (rank %d)", op, expected, shape, rank());
    }

    private void requireSameShape(String op, Tensor other) {
        Objects.requireNonNull(other, "other");
        require(Arrays.equals(shape, other.shape), "%s: shapes differ: %s vs %s", op, shape, other.shape);
    }
}
