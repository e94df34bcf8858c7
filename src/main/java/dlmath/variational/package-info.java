/**
 * Variational calculus and generative models: discretized functionals with fixed ends and their
 * Euler-Lagrange residuals ({@link dlmath.variational.DiscreteFunctional}); Euler and RK4 solvers
 * ({@link dlmath.variational.Ode}); residual networks as Euler steps; the discrete adjoint method
 * ({@link dlmath.variational.NeuralOde}); the ELBO of linear-Gaussian latent models; probabilistic PCA
 * (closed form and EM); CAVI for a Gaussian target; EM for a 1-D Gaussian mixture; a linear VAE;
 * normalizing flows (affine, planar, coupling); the GAN optimal discriminator.
 *
 * <p>Vectors are {@code double[]}, matrices row-major {@code double[][]}; every public entry point
 * copies its arguments and refuses bad input with an {@link java.lang.IllegalArgumentException} naming
 * the parameter and its value. Depends on tensor, linalg, autodiff, prob and optim (ARCHITECTURE.md).
 */
package dlmath.variational;
