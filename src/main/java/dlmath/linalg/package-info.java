/**
 * Dense linear algebra on {@link dlmath.tensor.Tensor} matrices: the decompositions
 * {@link dlmath.linalg.Cholesky}, {@link dlmath.linalg.Lu}, {@link dlmath.linalg.Qr} (Householder),
 * {@link dlmath.linalg.Svd} (one-sided Jacobi) and {@link dlmath.linalg.SymmetricEigen} (cyclic
 * Jacobi); the functions of {@link dlmath.linalg.Linalg} (det, solve, inverse, pinv, rank, spectral
 * norm, condition number, power iteration); and {@link dlmath.linalg.Pca}.
 *
 * <p>Each class names its algorithm and reference in its Javadoc. Inputs are checked at the API
 * boundary: a bad input is an {@link java.lang.IllegalArgumentException} that names the problem (the
 * shapes, the offending entry or pivot, the parameter and its value); non-finite entries are refused
 * where they enter, so no NaN is produced silently.
 */
package dlmath.linalg;
