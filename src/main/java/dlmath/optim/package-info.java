/**
 * Optimizers as pure update rules over explicit state, composed like optax, with torch.optim's
 * update formulas, parameter names and defaults.
 *
 * <p>An {@link dlmath.optim.Optimizer} is a pair {@code init(params) -> State} and
 * {@code update(grads, state, params) -> Step(updates, state)}; params_new = params + updates
 * ({@link dlmath.optim.Optimizer#apply}). States are records ({@link dlmath.optim.State}): Adam's
 * {@code m}, {@code v}, {@code vMax} and step count {@code t} can be read after any step. The
 * factories of {@link dlmath.optim.Optimizers} (sgd with momentum, dampening and Nesterov, adam,
 * amsgrad, adamW, adagrad, rmsprop, and the accelerated gradient method fista) are chains of the
 * {@link dlmath.optim.Links}. Also: learning-rate {@link dlmath.optim.Schedules} (constant, step,
 * 1/sqrt(t), 1/t, cosine), {@link dlmath.optim.Projections} onto a box or a ball, Armijo
 * backtracking ({@link dlmath.optim.LineSearch}) and mini-batches ({@link dlmath.optim.Batches}).
 *
 * <p>Bad input is refused at the entry point with an {@link java.lang.IllegalArgumentException}
 * naming the parameter and its value, or both shapes on a mismatch; null arguments with
 * {@link java.util.Objects#requireNonNull}; non-finite gradients and overflowing moments
 * (|g| above about 1e154 squares to infinity) are refused rather than turned into silent NaN or 0.
 * The theorems of the optimization chapter (theorems/optimization/) check the rules.
 */
package dlmath.optim;
