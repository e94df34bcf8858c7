/**
 * Automatic differentiation over {@link dlmath.tensor.Tensor}: a define-by-run graph
 * ({@link dlmath.autodiff.Graph}, {@link dlmath.autodiff.Var}) with reverse mode and forward mode
 * ({@link dlmath.autodiff.Autodiff}), one registry of primitive operations that holds every
 * derivative rule ({@link dlmath.autodiff.Primitives}), straight-line programs over the registry
 * ({@link dlmath.autodiff.Program}), and a work counter for the cost of gradients.
 */
package dlmath.autodiff;
