package dlmath.variational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlmath.prob.Normal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Validation of the variational package: bad input is refused naming the parameter and its value; nulls by name. */
class VariationalApiTest {

    static final double[][] I2 = {{1, 0}, {0, 1}};

    @Test
    void functionalRefusesBadGridsAndShapes() {
        assertThatThrownBy(() -> new DiscreteFunctional(1, 1, 0, 0, 4, Potential.zero()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a < b");
        assertThatThrownBy(() -> new DiscreteFunctional(0, Double.NaN, 0, 0, 4, Potential.zero()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b must be finite");
        assertThatThrownBy(() -> new DiscreteFunctional(-Double.MAX_VALUE, Double.MAX_VALUE, 0, 0, 4, Potential.zero()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b - a finite");
        assertThatThrownBy(() -> new DiscreteFunctional(0, 1, Double.POSITIVE_INFINITY, 0, 4, Potential.zero()))
                .hasMessageContaining("ya must be finite");
        assertThatThrownBy(() -> new DiscreteFunctional(0, 1, 0, Double.NaN, 4, Potential.zero()))
                .hasMessageContaining("yb must be finite");
        assertThatThrownBy(() -> new DiscreteFunctional(0, 1, 0, 0, 1, Potential.zero()))
                .hasMessageContaining("n must be in [2, ").hasMessageContaining("got 1");
        assertThatThrownBy(() -> new DiscreteFunctional(0, 1, 0, 0, 4, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("potential");
        DiscreteFunctional j = new DiscreteFunctional(0, 1, 0, 1, 4, Potential.quadratic(1));
        assertThatThrownBy(() -> j.value(new double[2])).hasMessageContaining("y must have length 3, got length 2");
        assertThatThrownBy(() -> j.gradient(new double[] {0, Double.NaN, 0})).hasMessageContaining("y[1] must be finite");
        assertThatThrownBy(() -> j.gradientDescent(new double[3], 0, 1)).hasMessageContaining("lr must be positive");
        assertThatThrownBy(() -> j.gradientDescent(new double[3], 0.1, -1)).hasMessageContaining("steps");
        assertThatThrownBy(() -> j.node(5)).hasMessageContaining("i must be in [0, 4], got 5");
        assertThatThrownBy(() -> j.node(-1)).hasMessageContaining("got -1");
        assertThat(j.node(4)).isEqualTo(1.0);
        assertThat(j.node(0)).isEqualTo(0.0);
        assertThat(j.node(2)).isEqualTo(0.5);
        assertThat(j.unknowns()).isEqualTo(3);
        assertThat(j.intervals()).isEqualTo(4);
        assertThat(j.toString()).contains("n = 4");
        assertThatThrownBy(() -> Potential.quadratic(Double.NaN)).hasMessageContaining("c must be finite");
        assertThatThrownBy(() -> new Potential(null, y -> 0, y -> 0, y -> y)).hasMessage("name");
    }

    @Test
    void functionalValueIsTheSumOfKineticAndPotentialTerms() {
        DiscreteFunctional j = new DiscreteFunctional(0, 1, 0, 1, 2, Potential.quadratic(2));
        // h = 1/2, y = (0, 0.5, 1): kinetic 2 * (1/2) * 1/2 * 1 = 0.5; potential h * 2 * 0.25 / 2 = 0.125
        assertThat(j.value(new double[] {0.5})).isEqualTo(0.625);
        assertThat(j.withEnds(new double[] {0.5})).containsExactly(0, 0.5, 1);
        assertThat(j.gradientDescent(new double[] {0.3}, 0.1, 0)).containsExactly(0.3);
        DiscreteFunctional q = new DiscreteFunctional(0, 1, 0, 0, 2, Potential.quartic());
        assertThat(q.value(new double[] {2})).isEqualTo(2 * 0.5 / 2 * 16 + 0.5 * 4);
        DiscreteFunctional p = new DiscreteFunctional(0, 1, 0, 0, 2, Potential.pendulum());
        assertThat(p.value(new double[] {0})).isEqualTo(0.0);
        assertThat(p.residual(new double[] {Math.PI / 2})[0]).isEqualTo(-(-Math.PI) / 0.25 + 1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Potential.zero().toString()).isEqualTo("V(y) = 0");
    }

    @Test
    void odeSolversRefuseBadArguments() {
        Ode.Field f = (t, y) -> y.clone();
        assertThatThrownBy(() -> Ode.euler(null, new double[1], 0, 1, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("f");
        assertThatThrownBy(() -> Ode.rk4(f, new double[] {Double.NaN}, 0, 1, 1)).hasMessageContaining("y0[0]");
        assertThatThrownBy(() -> Ode.euler(f, new double[1], Double.NaN, 1, 1)).hasMessageContaining("t0");
        assertThatThrownBy(() -> Ode.euler(f, new double[1], 0, Double.POSITIVE_INFINITY, 1)).hasMessageContaining("t1");
        assertThatThrownBy(() -> Ode.euler(f, new double[1], -Double.MAX_VALUE, Double.MAX_VALUE, 1))
                .hasMessageContaining("t1 - t0");
        assertThatThrownBy(() -> Ode.rk4(f, new double[1], 0, 1, 0)).hasMessageContaining("steps must be in [1, ");
        assertThatThrownBy(() -> Ode.euler((t, y) -> new double[2], new double[1], 0, 1, 1))
                .hasMessageContaining("returned length 2 for a state of length 1");
        assertThatThrownBy(() -> Ode.rk4((t, y) -> null, new double[1], 0, 1, 1)).hasMessageContaining("returned null");
        // y' = 1: both exact; y' = t: Euler gives h^2 sum k, RK4 exact
        assertThat(Ode.euler((t, y) -> new double[] {t}, new double[] {0}, 0, 1, 2)[0]).isEqualTo(0.25);
        assertThat(Ode.rk4((t, y) -> new double[] {t * t * t}, new double[] {0}, 0, 1, 1)[0]).isEqualTo(0.25);
        assertThat(Ode.eulerPath(f, new double[] {1}, 0, 1, 2)).hasNumberOfRows(3);
        assertThat(Ode.eulerPath(f, new double[] {1}, 0, 1, 2)[2][0]).isEqualTo(2.25);
    }

    @Test
    void residualNetworkAndNeuralOdeRefuseBadArguments() {
        assertThatThrownBy(() -> new ResidualNetwork(null, 2)).hasMessage("residual");
        assertThatThrownBy(() -> new ResidualNetwork((t, y) -> y, 0)).hasMessageContaining("blocks must be in [1, ");
        ResidualNetwork net = new ResidualNetwork((t, y) -> new double[] {t}, 2);
        assertThat(net.blocks()).isEqualTo(2);
        assertThat(net.forward(new double[] {0})[0]).isEqualTo(0.25);
        assertThatThrownBy(() -> new ResidualNetwork((t, y) -> new double[0], 2).forward(new double[1]))
                .hasMessageContaining("returned length 0");
        assertThatThrownBy(() -> new ResidualNetwork((t, y) -> null, 2).forward(new double[1]))
                .hasMessageContaining("returned null");
        assertThatThrownBy(() -> net.forward(new double[] {Double.NaN})).hasMessageContaining("x[0]");
        assertThatThrownBy(() -> new TanhField(new double[][] {{1, 2}}, new double[1])).hasMessageContaining("W must be 1x1");
        assertThatThrownBy(() -> new TanhField(I2, new double[1])).hasMessageContaining("b must have length 2");
        TanhField f = new TanhField(I2, new double[] {0, 1});
        assertThat(f.dim()).isEqualTo(2);
        assertThat(f.apply(new double[] {0, 0})).containsExactly(0, Math.tanh(1));
        assertThat(f.at(0, new double[] {1, -1})).containsExactly(Math.tanh(1), 0);
        assertThatThrownBy(() -> f.apply(new double[3])).hasMessageContaining("y must have length 2");
        assertThatThrownBy(() -> new NeuralOde(null, 1, 1)).hasMessage("field");
        assertThatThrownBy(() -> new NeuralOde(f, 0, 1)).hasMessageContaining("horizon must be positive");
        assertThatThrownBy(() -> new NeuralOde(f, 1, 0)).hasMessageContaining("steps");
        NeuralOde ode = new NeuralOde(f, 1, 4);
        assertThat(ode.stepSize()).isEqualTo(0.25);
        assertThatThrownBy(() -> ode.adjoint(new double[2], new double[3])).hasMessageContaining("target must have length 2");
        assertThatThrownBy(() -> ode.path(new double[1])).hasMessageContaining("y0 must have length 2");
        NeuralOde.Gradients g = ode.adjoint(new double[2], new double[2]);
        assertThat(g.loss()).isGreaterThan(0);
    }

    @Test
    void gaussianModelsRefuseBadArguments() {
        assertThatThrownBy(() -> new Gaussian(new double[] {0}, new double[][] {{-1}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Gaussian(new double[0], new double[][] {{1}})).hasMessageContaining("mean.length");
        assertThatThrownBy(() -> new Gaussian(new double[] {0}, I2)).hasMessageContaining("covariance must be 1x1, got 2x2");
        assertThatThrownBy(() -> Gaussian.diagonal(new double[] {0}, new double[] {0})).hasMessageContaining("variances[0]");
        assertThatThrownBy(() -> Gaussian.diagonal(new double[] {0}, new double[2])).hasMessageContaining("variances must have length 1");
        Gaussian g = Gaussian.diagonal(new double[] {1, 2}, new double[] {3, 4});
        assertThat(g.covariance()[1][1]).isEqualTo(4);
        assertThat(g.covariance()[0][1]).isEqualTo(0);
        assertThat(g.mean()).containsExactly(1, 2);
        assertThat(g.toString()).isEqualTo("N([1.0, 2.0], [[3.0, 0.0], [0.0, 4.0]])");
        assertThatThrownBy(() -> new LinearGaussianModel(I2, new double[] {0}, 1)).hasMessageContaining("mu must have length 2");
        assertThatThrownBy(() -> new LinearGaussianModel(I2, new double[2], 0)).hasMessageContaining("sigma2 must be positive");
        assertThatThrownBy(() -> new LinearGaussianModel(new double[][] {{1}, {1, 2}}, new double[2], 1))
                .hasMessageContaining("ragged");
        assertThatThrownBy(() -> new LinearGaussianModel(new double[0][], new double[0], 1)).hasMessageContaining("at least one row");
        assertThatThrownBy(() -> new LinearGaussianModel(new double[][] {{}}, new double[1], 1)).hasMessageContaining("at least one column");
        assertThatThrownBy(() -> new LinearGaussianModel(new double[][] {null}, new double[1], 1)).hasMessage("W[0]");
        LinearGaussianModel m = new LinearGaussianModel(new double[][] {{1}, {0}}, new double[2], 1);
        assertThat(m.dataDim()).isEqualTo(2);
        assertThat(m.latentDim()).isEqualTo(1);
        assertThat(m.sigma2()).isEqualTo(1);
        assertThat(m.w()[0][0]).isEqualTo(1);
        assertThat(m.mu()).containsExactly(0, 0);
        assertThatThrownBy(() -> m.elbo(new double[2], g)).hasMessageContaining("q has dimension 2, the latent space 1");
        assertThatThrownBy(() -> m.elbo(new double[2], null)).hasMessage("q");
        assertThatThrownBy(() -> m.logMarginal(new double[1])).hasMessageContaining("x must have length 2");
        // x = 0: log N(0; 0, diag(2, 1)) = -log(2 pi) - log(2)/2
        assertThat(m.logMarginal(new double[2])).isCloseTo(-Math.log(2 * Math.PI) - Math.log(2) / 2,
                org.assertj.core.data.Offset.offset(1e-15));
        assertThat(LinearGaussianModel.klToStandardNormal(Gaussian.diagonal(new double[] {0}, new double[] {1}))).isEqualTo(0);
    }

    @Test
    void ppcaCaviMixtureRefuseBadArguments() {
        double[][] x = {{1, 0}, {-1, 0}, {0, 2}, {0, -2}};
        assertThatThrownBy(() -> Ppca.fit(x, 2)).hasMessageContaining("q must be in [1, d - 1] = [1, 1], got 2");
        assertThatThrownBy(() -> Ppca.fit(x, 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Ppca.fit(new double[][] {{1, 1}, {2, 2}, {3, 3}}, 1)).hasMessageContaining("sigma2 = 0");
        Ppca p = Ppca.fit(x, 1);
        assertThat(p.sigma2()).isEqualTo(0.5);
        assertThat(Math.abs(p.w()[1][0])).isCloseTo(Math.sqrt(1.5), org.assertj.core.data.Offset.offset(1e-14));
        assertThat(p.mean()).containsExactly(0, 0);
        assertThat(p.model().sigma2()).isEqualTo(0.5);
        assertThat(p.toString()).contains("sigma2 = 0.5");
        assertThatThrownBy(() -> p.emStep(new double[1][1])).hasMessageContaining("S must be 2x2");
        assertThatThrownBy(() -> p.logLikelihood(new double[1][1], 0)).hasMessageContaining("S must be 2x2");
        assertThatThrownBy(() -> p.logLikelihood(I2, 0)).hasMessageContaining("n must be in [1, ");
        assertThatThrownBy(() -> new Ppca(new double[][] {{1}}, new double[1], -1)).hasMessageContaining("sigma2");
        assertThatThrownBy(() -> new Ppca(new double[][] {{1}, {0}}, new double[2], 1).emStep(new double[2][2]))
                .hasMessageContaining("sigma2 became");
        assertThat(Ppca.sampleCovariance(x)[1][1]).isEqualTo(2);
        assertThat(Ppca.sampleCovariance(x)[0][1]).isEqualTo(0);
        assertThatThrownBy(() -> new Cavi(new double[] {0}, I2)).hasMessageContaining("Lambda must be 1x1");
        Cavi c = new Cavi(new double[2], I2);
        assertThat(c.dim()).isEqualTo(2);
        assertThatThrownBy(() -> c.update(new Cavi.State(new double[2], new double[] {1, 1}), 2))
                .hasMessageContaining("i must be in [0, 1], got 2");
        assertThatThrownBy(() -> c.update(new Cavi.State(new double[2], new double[] {1, 1}), -1)).hasMessageContaining("got -1");
        assertThatThrownBy(() -> c.elbo(new Cavi.State(new double[2], new double[] {1, 0})))
                .hasMessageContaining("q.variances[1] must be positive");
        assertThatThrownBy(() -> c.elbo(new Cavi.State(new double[3], new double[] {1, 1, 1})))
                .hasMessageContaining("q.means must have length 2");
        assertThatThrownBy(() -> c.elboTrace(new Cavi.State(new double[2], new double[] {1, 1}), Args.MAX_SIZE))
                .hasMessageContaining("exceeds");
        assertThatThrownBy(() -> c.elboTrace(new Cavi.State(new double[2], new double[] {1, 1}), -1)).hasMessageContaining("sweeps");
        assertThat(c.elboTrace(new Cavi.State(new double[2], new double[] {1, 1}), 1)).containsExactly(0, 0, 0);
        assertThat(new Cavi.State(new double[1], new double[] {1}).toString()).isEqualTo("q(m = [0.0], v = [1.0])");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {0.5, 0.6}, new double[2], new double[] {1, 1}))
                .hasMessageContaining("sum to 1, got sum 1.1");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {1.5, -0.5}, new double[2], new double[] {1, 1}))
                .hasMessageContaining("weights[1] must be >= 0");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {1}, new double[1], new double[] {0}))
                .hasMessageContaining("variances[0]");
        assertThatThrownBy(() -> new GaussianMixture(new double[0], new double[0], new double[0]))
                .hasMessageContaining("weights.length");
        GaussianMixture g = new GaussianMixture(new double[] {1, 0}, new double[] {0, 5}, new double[] {1, 2});
        assertThatThrownBy(() -> g.emStep(new double[0], 1)).hasMessageContaining("x.length");
        assertThatThrownBy(() -> g.emStep(new double[1], 0)).hasMessageContaining("floor must be positive");
        assertThatThrownBy(() -> g.logLikelihoodTrace(new double[1], 1, -1)).hasMessageContaining("steps");
        GaussianMixture n = g.emStep(new double[] {1, 3}, 0.5);
        assertThat(n.weights()).containsExactly(1, 0);
        assertThat(n.means()).containsExactly(2, 5);
        assertThat(n.variances()).containsExactly(1, 2);
        assertThat(g.components()).isEqualTo(2);
        assertThat(g.responsibilities(new double[] {0})[0]).containsExactly(1, 0);
        assertThat(g.logLikelihood(new double[] {0})).isCloseTo(-0.5 * Math.log(2 * Math.PI), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(g.emStep(new double[] {0, 0}, 0.25).variances()[0]).isEqualTo(0.25);
        assertThat(g.toString()).startsWith("GMM(pi = [1.0, 0.0]");
    }

    @Test
    void vaeFlowsAndGanRefuseBadArguments() {
        double[][] a = {{1, 0}};
        double[][] w = {{1}, {0}};
        assertThatThrownBy(() -> new LinearVae(a, new double[1], new double[] {301}, w, new double[2], 1))
                .hasMessageContaining("logStd[0] must be in [-300, 300]");
        assertThatThrownBy(() -> new LinearVae(a, new double[1], new double[1], new double[][] {{1, 2}}, new double[2], 1))
                .hasMessageContaining("W must be 2x1 for A of shape 1x2, got 1x2");
        assertThatThrownBy(() -> new LinearVae(a, new double[1], new double[1], new double[][] {{1}}, new double[2], 1))
                .hasMessageContaining("got 1x1");
        assertThatThrownBy(() -> new LinearVae(a, new double[2], new double[1], w, new double[2], 1)).hasMessageContaining("c must have length 1");
        assertThatThrownBy(() -> new LinearVae(a, new double[1], new double[1], w, new double[2], 0)).hasMessageContaining("sigma2");
        LinearVae v = new LinearVae(a, new double[1], new double[1], w, new double[2], 1);
        assertThat(v.dataDim()).isEqualTo(2);
        assertThat(v.latentDim()).isEqualTo(1);
        assertThatThrownBy(() -> v.elbo(new double[2], new double[2])).hasMessageContaining("eps must have length 1");
        assertThatThrownBy(() -> v.elboGradient(new double[2], new double[2])).hasMessageContaining("eps must have length 1");
        assertThatThrownBy(() -> v.kl(new double[3])).hasMessageContaining("x must have length 2");
        assertThatThrownBy(() -> v.klMonteCarlo(new double[2], null, 1)).hasMessage("rng");
        assertThatThrownBy(() -> v.klMonteCarlo(new double[2], new SplittableRandom(1), 0)).hasMessageContaining("n must be in");
        // x = (1, 0): m = 1, s = 1: KL = 1/2
        assertThat(v.kl(new double[] {1, 0})).isEqualTo(0.5);
        // eps = 0: z = 1, W z = (1, 0) = x: log p(x|z) = -log(2 pi); ELBO = -log(2 pi) - 1/2
        assertThat(v.elbo(new double[] {1, 0}, new double[1])).isCloseTo(-Math.log(2 * Math.PI) - 0.5,
                org.assertj.core.data.Offset.offset(1e-15));
        // expected: minus tr(W S W^T)/2 = 1/2 more
        assertThat(v.expectedElbo(new double[] {1, 0})).isCloseTo(-Math.log(2 * Math.PI) - 1,
                org.assertj.core.data.Offset.offset(1e-15));
        assertThat(v.elboGradient(new double[] {1, 0}, new double[1]).c()[0]).isCloseTo(-1, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(v.encoder(new double[] {1, 0}).covariance()[0][0]).isEqualTo(1);
        assertThat(v.decoder().sigma2()).isEqualTo(1);
        assertThatThrownBy(() -> new AffineFlow(new double[][] {{1, 2}, {2, 4}}, new double[2])).hasMessageContaining("A is singular");
        assertThatThrownBy(() -> new AffineFlow(new double[][] {{1, 2}}, new double[1])).hasMessageContaining("A must be 1x1");
        AffineFlow af = new AffineFlow(new double[][] {{2}}, new double[] {1});
        assertThat(af.forward(new double[] {1})).containsExactly(3);
        assertThat(af.logAbsDetJacobian(new double[] {0})).isEqualTo(Math.log(2));
        assertThat(af.toString()).isEqualTo("Affine(A = [[2.0]], b = [1.0])");
        assertThatThrownBy(() -> af.logDensity(new double[2])).hasMessageContaining("x must have length 1");
        assertThatThrownBy(() -> new PlanarFlow(new double[0], new double[0], 0)).hasMessageContaining("u.length");
        assertThatThrownBy(() -> new PlanarFlow(new double[1], new double[1], Double.NaN)).hasMessageContaining("b must be finite");
        PlanarFlow pf = new PlanarFlow(new double[] {-2}, new double[] {1}, 0);
        assertThat(pf.isInvertible()).isFalse();
        assertThat(new PlanarFlow(new double[] {-1}, new double[] {1}, 0).isInvertible()).isTrue();
        assertThat(pf.forward(new double[] {0})).containsExactly(0);
        assertThat(pf.logAbsDetJacobian(new double[] {0})).isEqualTo(0);
        assertThat(pf.dim()).isEqualTo(1);
        assertThatThrownBy(() -> new CouplingFlow(301, 0, 0, 0, 0)).hasMessageContaining("|alpha| must be at most 300");
        assertThatThrownBy(() -> new CouplingFlow(0, Double.NaN, 0, 0, 0)).hasMessageContaining("beta");
        CouplingFlow cf = new CouplingFlow(1, 1, 0, 2, 3);
        assertThat(cf.forward(new double[] {0, 1})).containsExactly(0, 4);
        assertThat(cf.logAbsDetJacobian(new double[] {0, 1})).isEqualTo(0);
        assertThat(cf.dim()).isEqualTo(2);
        assertThat(cf.toString()).contains("tanh");
        assertThatThrownBy(() -> Gan.value(new double[] {1.5}, new double[] {1}, new double[] {0}))
                .hasMessageContaining("D[0] must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> Gan.optimalDiscriminator(new double[] {-1}, new double[] {1}))
                .hasMessageContaining("probabilities must be >= 0");
        assertThatThrownBy(() -> Gan.optimalValue(new double[] {1}, new double[2])).hasMessageContaining("q must have length 1");
        assertThat(Gan.optimalDiscriminator(new double[] {0, 1}, new double[] {0, 3})).containsExactly(0.5, 0.25);
        assertThat(Gan.value(new double[] {0.5}, new double[] {1}, new double[] {1})).isEqualTo(2 * Math.log(0.5));
        assertThat(Gan.optimalValue(new double[] {1, 0}, new double[] {0, 1})).isEqualTo(0);
        assertThatThrownBy(() -> Gan.optimalValue(null, new Normal(0, 1))).hasMessage("p");
        assertThat(Gan.optimalDiscriminator(new Normal(0, 1), new Normal(0, 1)).applyAsDouble(3)).isEqualTo(0.5);
    }
    /** The defects RB-01 found when variational joined it (issue 11), each pinned with an independent value. */
    @Test
    void extremeInputsFoundByApiRobustness() {
        // soak seed 87 (x1) and seed 6 (x10): z = 1e308 + MAX overflows and the decoder forms 0 * inf; refused, not NaN
        assertThatThrownBy(() -> new LinearVae(new double[][] {{1, 0}}, new double[1], new double[1], new double[][] {{1}, {0}},
                new double[2], 1).elbo(new double[] {1e308, 2}, new double[] {Double.MAX_VALUE}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LinearVae.elbo: the one-sample ELBO overflows");
        assertThatThrownBy(() -> new Cavi.State(null, new double[1])).isInstanceOf(NullPointerException.class).hasMessage("means");
        assertThatThrownBy(() -> new Cavi.State(new double[1], null)).isInstanceOf(NullPointerException.class)
                .hasMessage("variances");
        assertThatThrownBy(() -> new Ppca(new double[][] {{1}}, new double[1], 1).logLikelihood(null))
                .isInstanceOf(NullPointerException.class).hasMessage("x");
        // Lambda at 2^1000, mu at +-1e308: m_1 = mu_1 - (Lambda_10 (0 - 1e308) + Lambda_12 (0 + 1e308)) / Lambda_11 = 0,
        // and the ELBO's quadratic form 2^1000 * 4e616 is beyond the double range: -inf (not NaN)
        double[][] lambda = {{0x1p1001, 0x1p1000, 0}, {0x1p1000, 3 * 0x1p1000, 0x1p1000}, {0, 0x1p1000, 0x1p1001}};
        Cavi cavi = new Cavi(new double[] {1e308, 0, -1e308}, lambda);
        Cavi.State q = new Cavi.State(new double[3], new double[] {1, 1, 1});
        assertThat(cavi.update(q, 1).means()[1]).isEqualTo(0.0);
        assertThat(cavi.elbo(q)).isEqualTo(Double.NEGATIVE_INFINITY);
        // sigma2 = 1e308, x = 1e308: E log p = -1/2 (ln 2 pi + ln 1e308) - (1e616 + 1) / (2e308) = -5e307 (to 1e-15)
        LinearGaussianModel wide = new LinearGaussianModel(new double[][] {{1}}, new double[] {0}, 1e308);
        Gaussian std = Gaussian.diagonal(new double[] {0}, new double[] {1});
        assertThat(wide.expectedLogLikelihood(new double[] {1e308}, std)).isCloseTo(-5e307, org.assertj.core.data.Percentage.withPercentage(1e-13));
        // W at 1e308, sigma2 = 1: tr(W S W^T) = 1e616 is beyond the range: -inf, not inf * 0 = NaN
        LinearGaussianModel tall = new LinearGaussianModel(new double[][] {{1e308, 0}}, new double[] {0}, 1);
        assertThat(tall.expectedLogLikelihood(new double[] {0}, Gaussian.diagonal(new double[2], new double[] {1, 1})))
                .isEqualTo(Double.NEGATIVE_INFINITY);
        // h = 2.5e-301 (h^2 underflows): the straight line has residual 0 for V = 0
        DiscreteFunctional narrow = new DiscreteFunctional(0, 1e-300, 0, 1, 4, Potential.zero());
        assertThat(narrow.residual(new double[] {0.25, 0.5, 0.75})).containsExactly(0, 0, 0);
        // variances 1e308: log p(1) = -1/2 (ln 2 pi + 308 ln 10 + 1e-308)
        GaussianMixture flat = new GaussianMixture(new double[] {0.5, 0.5}, new double[] {0, 1}, new double[] {1e308, 1e308});
        assertThat(flat.logLikelihood(new double[] {1}))
                .isCloseTo(-0.5 * (Math.log(2 * Math.PI) + 308 * Math.log(10)), org.assertj.core.data.Offset.offset(1e-12));
        // the log-densities are near -355, so l - lse carries a few ulp(355) = 5.7e-14 of rounding, which
        // exp turns into the same relative error: 2 ulp(400) = 1.1e-13 bounds it
        for (double r : flat.responsibilities(new double[] {1})[0]) {
            assertThat(r).isCloseTo(0.5, org.assertj.core.data.Offset.offset(2 * Math.ulp(400.0)));
        }
        GaussianMixture two = new GaussianMixture(new double[] {0.5, 0.5}, new double[] {0, 3}, new double[] {1, 1});
        // far x: every log-density is below the double range, yet l_1 - l_0 = 3x - 4.5 (equal variances): r = (0, 1);
        // at 1e308 even |x - 3| and |x - 0| round to the same double, and the nearer mean must still win
        assertThat(two.responsibilities(new double[] {1e308})[0]).containsExactly(0, 1);
        assertThat(two.responsibilities(new double[] {-Double.MAX_VALUE})[0]).containsExactly(1, 0);
        assertThat(two.responsibilities(new double[] {1e200, -1e200, 1.5})).isDeepEqualTo(new double[][] {{0, 1}, {1, 0}, {0.5, 0.5}});
        // x = 600: l_1 - l_0 = 3 * 600 - 4.5 = 1795.5, decisively beyond exp's range: (0, 1) exactly
        assertThat(two.responsibilities(new double[] {600})[0]).containsExactly(0, 1);
        // x = 70: r_0 = 1 / (1 + e^{3 * 70 - 4.5}) = e^{-205.5} to 1e-12 relative (independent: Math.exp)
        assertThat(two.responsibilities(new double[] {70})[0][0]).isCloseTo(Math.exp(-205.5), org.assertj.core.data.Percentage.withPercentage(1e-12));
        // tiny variances (a overflows: 1e300 / 1e-160): the exact tie of distances |x - mu| shares by the weights;
        // weights 0.25 / 0.75 with equal variances: r = (0.25, 0.75)
        GaussianMixture tie = new GaussianMixture(new double[] {0.25, 0.75}, new double[] {-1e300, 1e300}, new double[] {1e-320, 1e-320});
        assertThat(tie.responsibilities(new double[] {0})[0][0]).isCloseTo(0.25, org.assertj.core.data.Offset.offset(4 * Math.ulp(1.0)));
        // different tiny variances: the nearer in standard deviations wins, (1e300 / 1e-160)^2 vs (1e300 / 2e-160)^2
        GaussianMixture thin = new GaussianMixture(new double[] {0.5, 0.5}, new double[] {-1e300, 1e300}, new double[] {1e-320, 4e-320});
        assertThat(thin.responsibilities(new double[] {0})[0]).containsExactly(0, 1);
        // a zero weight stays 0, also far out
        assertThat(new GaussianMixture(new double[] {0, 1}, new double[] {1e308, -1e308}, new double[] {1, 1})
                .responsibilities(new double[] {1e308})[0]).containsExactly(0, 1);
        LinearVae vae = new LinearVae(new double[][] {{1}}, new double[1], new double[1], new double[][] {{1}}, new double[1], 1);
        java.util.random.RandomGenerator stuck = () -> -1L;   // nextDouble = 1 - ulp: the polar method rejects forever
        assertThatThrownBy(() -> vae.klMonteCarlo(new double[1], stuck, 1)).isInstanceOf(IllegalArgumentException.class);
        LinearVae huge = new LinearVae(new double[][] {{1e308, 0, -1e308}, {0, 1e308, 0}}, new double[] {1e308, -1e308},
                new double[2], new double[][] {{1e308, 0}, {0, 1e308}, {1e308, 1e308}}, new double[] {1e308, 0, 0}, Double.MIN_VALUE);
        assertThatThrownBy(() -> huge.expectedElboGradient(new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond the double range");
        // A x = 1e308 * 1e308 - 1e308 * 1e308 = 0 exactly (the plain sum was inf - inf): the mean is c = 5
        LinearVae cancel = new LinearVae(new double[][] {{1e308, 0, 1e308}}, new double[] {5}, new double[1],
                new double[][] {{1}, {1}, {1}}, new double[3], 1);
        assertThat(cancel.encoderMean(new double[] {1e308, 7, -1e308})).containsExactly(5.0);
        TanhField field = new TanhField(new double[][] {{0.5, -0.2, 0}, {0.1, 0.3, -0.4}, {0, 0.2, -0.1}}, new double[] {0.1, 0, -0.1});
        assertThatThrownBy(() -> new NeuralOde(field, 1e308, 2).adjoint(new double[] {1e308, -1e308, 1e308}, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond the double range");
    }
}
