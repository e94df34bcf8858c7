/**
 * Probability distributions and information theory, following the semantics of PyTorch's
 * {@code torch.distributions} (parameter names, log densities, entropy in nats).
 *
 * <p>Univariate families ({@link dlmath.prob.UnivariateDistribution}): {@link dlmath.prob.Bernoulli},
 * {@link dlmath.prob.Categorical}, {@link dlmath.prob.Binomial}, {@link dlmath.prob.Poisson},
 * {@link dlmath.prob.Normal}, {@link dlmath.prob.Laplace}, {@link dlmath.prob.Uniform},
 * {@link dlmath.prob.Exponential}, {@link dlmath.prob.Gamma}, {@link dlmath.prob.Beta},
 * {@link dlmath.prob.Logistic}; multivariate ({@link dlmath.prob.MultivariateDistribution}):
 * {@link dlmath.prob.Dirichlet}, {@link dlmath.prob.MultivariateNormal}. Each has a log density or
 * mass, a CDF (univariate), a sampler drawing only from an explicit
 * {@link java.util.random.RandomGenerator}, mean, variance and entropy; invalid parameters are an
 * {@link java.lang.IllegalArgumentException} naming the parameter and its value.
 *
 * <p>{@link dlmath.prob.KL} holds the registry of closed-form KL divergences and the Monte Carlo and
 * numerical estimators; {@link dlmath.prob.InfoTheory} the measures of finite distributions and joint
 * tables; {@link dlmath.prob.Quadrature} double-exponential and Gauss-Hermite quadrature;
 * {@link dlmath.prob.Special} the special functions; {@link dlmath.prob.Conjugate},
 * {@link dlmath.prob.Mle} and {@link dlmath.prob.GradientEstimators} Bayesian updates, maximum
 * likelihood and gradient estimators.
 */
package dlmath.prob;
