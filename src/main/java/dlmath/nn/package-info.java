/**
 * Neural-network layers as pure functions over {@link dlmath.autodiff}, with PyTorch's
 * semantics (NCHW, parameter names and shapes, defaults): convolution, pooling and fused batch
 * normalization as registry primitives with their own derivative rules ({@link dlmath.nn.NnPrimitives}),
 * an independent im2col convolution ({@link dlmath.nn.Im2col}), the layers
 * ({@link dlmath.nn.Layers}, {@link dlmath.nn.Functional}), losses, initializers, parameters
 * and state as values ({@link dlmath.nn.Params}), and the labs' data loader
 * ({@link dlmath.nn.Datasets}).
 */
package dlmath.nn;
