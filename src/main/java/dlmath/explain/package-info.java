/**
 * Attribution methods that explain one scalar output of a model by its input features:
 * gradient saliency and gradient x input ({@link dlmath.explain.Saliency}), integrated gradients
 * with four quadrature rules ({@link dlmath.explain.IntegratedGradients}), exact Shapley values by
 * enumeration of coalitions ({@link dlmath.explain.Shapley}), KernelSHAP as a weighted least
 * squares problem over coalitions ({@link dlmath.explain.KernelShap}) and occlusion
 * ({@link dlmath.explain.Occlusion}). The model is a {@link dlmath.explain.Target}: any
 * differentiable {@link dlmath.autodiff.Var} function or any {@link dlmath.nn.Layer} with its
 * parameters. Depends on tensor, linalg (the Cholesky solve of KernelSHAP), autodiff and nn.
 */
package dlmath.explain;
