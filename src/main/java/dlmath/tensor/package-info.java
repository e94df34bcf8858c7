/**
 * Dense double-precision tensors: shapes and row-major strides, NumPy-style broadcasting,
 * elementwise math, matrix products, reshaping and reductions.
 *
 * <p>{@link dlmath.tensor.Tensor} is the immutable n-dimensional array everything else in
 * DeepLearnMath is built on; {@link dlmath.tensor.Shapes} holds the shape arithmetic
 * (size, broadcasting, axis normalization) that its operations and their error messages share.
 */
package dlmath.tensor;
