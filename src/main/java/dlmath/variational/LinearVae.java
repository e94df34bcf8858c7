package dlmath.variational;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.prob.Normal;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A linear variational autoencoder (Kingma &amp; Welling, Auto-Encoding Variational Bayes, ICLR 2014,
 * Sec. 2.3-2.4 and Appendix B; Lucas, Tucker, Grosse &amp; Norouzi, Don't Blame the ELBO! A Linear VAE
 * Perspective on Posterior Collapse, NeurIPS 2019): encoder {@code q(z | x) = N(A x + c, diag(s^2))}
 * with {@code s = exp(l)}, decoder {@code p(x | z) = N(W z + mu, sigma2 I)}, prior {@code N(0, I_k)}.
 * The reparameterized one-sample ELBO is {@code log p(x | m + s * eps) - KL(q || p)},
 * {@code eps ~ N(0, I)}, with the closed form (Kingma &amp; Welling, Appendix B)
 * {@code KL = 1/2 sum_i (s_i^2 + m_i^2 - 1 - log s_i^2)}; {@code log s_i^2} is the log-determinant of
 * the diagonal covariance.
 */
public final class LinearVae {

    /** The source of eps in {@link #klMonteCarlo}: dlmath.prob's polar method bounds its rejection loop. */
    private static final Normal STANDARD_NORMAL = new Normal(0, 1);

    private final double[][] a;
    private final double[] c;
    private final double[] logStd;
    private final double[][] w;
    private final double[] mu;
    private final double sigma2;

    /** A gradient with respect to every parameter, each of its parameter's shape. */
    public record Gradient(double[][] a, double[] c, double[] logStd, double[][] w, double[] mu) {
    }

    /**
     * @param a the k x d encoder matrix
     * @param c the encoder offset, length k
     * @param logStd the encoder log standard deviations l, length k
     * @param w the d x k decoder matrix
     * @param mu the decoder offset, length d
     * @param sigma2 the decoder noise variance, positive
     */
    public LinearVae(double[][] a, double[] c, double[] logStd, double[][] w, double[] mu, double sigma2) {
        String op = "LinearVae";
        Args.matrix(op, "A", a);
        int k = a.length;
        int d = a[0].length;
        Args.vector(op, "c", c, k);
        Args.vector(op, "logStd", logStd, k);
        for (int i = 0; i < k; i++) {
            if (Math.abs(logStd[i]) > 300) {
                throw Args.error(op, "logStd[%d] must be in [-300, 300] (exp(2 l) must be a normal double), got %s", i,
                        logStd[i]);
            }
        }
        Args.matrix(op, "W", w);
        if (w.length != d || w[0].length != k) {
            throw Args.error(op, "W must be %dx%d for A of shape %s, got %s", d, k, Args.shape(a), Args.shape(w));
        }
        Args.vector(op, "mu", mu, d);
        this.sigma2 = Args.positive(op, "sigma2", sigma2);
        this.a = Args.copy(a);
        this.c = c.clone();
        this.logStd = logStd.clone();
        this.w = Args.copy(w);
        this.mu = mu.clone();
    }

    public int dataDim() {
        return mu.length;
    }

    public int latentDim() {
        return c.length;
    }

    /** The decoder as a linear-Gaussian model. */
    public LinearGaussianModel decoder() {
        return new LinearGaussianModel(w, mu, sigma2);
    }

    /** The encoder's mean {@code A x + c}. */
    public double[] encoderMean(double[] x) {
        Args.vector("LinearVae.encoderMean", "x", x, dataDim());
        double[] m = Lin.mulScaled(a, x);   // A at 1e308 times x at +-1e308 made inf - inf
        for (int i = 0; i < m.length; i++) {
            m[i] += c[i];
        }
        return m;
    }

    /** The encoder's distribution q(z | x). */
    public Gaussian encoder(double[] x) {
        double[] v = new double[latentDim()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(2 * logStd[i]);
        }
        return Gaussian.diagonal(encoderMean(x), v);
    }

    /** {@code KL(q(z | x) || N(0, I)) = 1/2 sum_i (s_i^2 + m_i^2 - 1 - 2 l_i)}, in closed form. */
    public double kl(double[] x) {
        double[] m = encoderMean(x);
        double s = 0;
        for (int i = 0; i < m.length; i++) {
            s += Math.exp(2 * logStd[i]) + m[i] * m[i] - 1 - 2 * logStd[i];
        }
        return s / 2;
    }

    /**
     * The Monte Carlo estimate {@code (1/n) sum_j [log q(z_j | x) - log N(z_j; 0, I)]},
     * {@code z_j = m + s * eps_j}, from the two log-densities.
     */
    public double klMonteCarlo(double[] x, RandomGenerator rng, int n) {
        Objects.requireNonNull(rng, "rng");
        Args.count("LinearVae.klMonteCarlo", "n", n, 1);
        double[] m = encoderMean(x);
        double total = 0;
        for (int j = 0; j < n; j++) {
            double t = 0;
            for (int i = 0; i < m.length; i++) {
                double e = STANDARD_NORMAL.sample(rng);   // the polar method, a bounded loop
                double z = m[i] + Math.exp(logStd[i]) * e;
                double logQ = -0.5 * Math.log(2 * Math.PI) - logStd[i] - 0.5 * e * e;
                double logP = -0.5 * Math.log(2 * Math.PI) - 0.5 * z * z;
                t += logQ - logP;
            }
            total += t;
        }
        return total / n;
    }

    /** The one-sample reparameterized ELBO {@code log p(x | m + s * eps) - KL}. */
    public double elbo(double[] x, double[] eps) {
        Args.vector("LinearVae.elbo", "eps", eps, latentDim());
        return value(x, eps);
    }

    /** The ELBO's expectation over eps, in closed form: the {@link LinearGaussianModel#elbo} of q(z | x). */
    public double expectedElbo(double[] x) {
        return decoder().elbo(x, encoder(x));
    }

    /** The gradient of the one-sample reparameterized ELBO, by reverse-mode autodiff through z = m + s * eps. */
    public Gradient elboGradient(double[] x, double[] eps) {
        Args.vector("LinearVae.elboGradient", "eps", eps, latentDim());
        return gradient(x, eps);
    }

    /** The gradient of the expected ELBO (closed form in eps), by reverse-mode autodiff. */
    public Gradient expectedElboGradient(double[] x) {
        return gradient(x, null);
    }

    private double value(double[] x, double[] eps) {
        Args.vector("LinearVae", "x", x, dataDim());
        Graph g = new Graph();
        double v = build(g, vars(g), x, eps).value().item();
        if (Double.isNaN(v)) { // finite inputs: NaN only from overflowed intermediates (inf - inf, 0 * inf)
            throw new IllegalArgumentException("LinearVae.elbo: the one-sample ELBO overflows at x = "
                    + Arrays.toString(x) + ", eps = " + Arrays.toString(eps)
                    + " (an intermediate term overflows: inf - inf or 0 * inf); rescale x or eps");
        }
        return v;
    }

    private Gradient gradient(double[] x, double[] eps) {
        Args.vector("LinearVae", "x", x, dataDim());
        Graph g = new Graph();
        Var[] p = vars(g);
        Var[] d = Autodiff.grad(build(g, p, x, eps), p);
        for (Var di : d) {
            if (java.util.Arrays.stream(di.value().toArray()).anyMatch(Double::isNaN)) {
                throw Args.error("LinearVae", "the ELBO's gradient at x = %s is beyond the double range (an intermediate "
                        + "overflowed; sigma2 = %s, largest |W| = %s)", java.util.Arrays.toString(x), sigma2,
                        java.util.Arrays.stream(w).flatMapToDouble(java.util.Arrays::stream).map(Math::abs).max().orElse(0));
            }
        }
        return new Gradient(d[0].value().toArray2D(), d[1].value().toArray(), d[2].value().toArray(),
                d[3].value().toArray2D(), d[4].value().toArray());
    }

    private Var[] vars(Graph g) {
        return new Var[] {g.variable(Tensor.of(a)), g.variable(Tensor.of(c)), g.variable(Tensor.of(logStd)),
                g.variable(Tensor.of(w)), g.variable(Tensor.of(mu))};
    }

    /** ELBO as a graph; eps == null: its expectation (E||r||^2 = ||x - mu - W m||^2 + sum_ij W_ij^2 s_j^2). */
    private Var build(Graph g, Var[] p, double[] x, double[] eps) {
        int k = latentDim();
        int d = dataDim();
        Var xv = g.constant(Tensor.of(x).reshape(d, 1));
        Var m = p[0].matmul(xv).reshape(k).add(p[1]);
        Var s2 = p[2].mul(2).exp();
        Var kl = s2.add(m.mul(m)).sub(1).sub(p[2].mul(2)).sum().mul(0.5);
        Var constant = g.scalar(-0.5 * d * Math.log(2 * Math.PI * sigma2));
        Var z = eps == null ? m : m.add(p[2].exp().mul(g.constant(Tensor.of(eps))));
        Var r = g.constant(Tensor.of(x)).sub(p[4]).sub(p[3].matmul(z.reshape(k, 1)).reshape(d));
        Var sq = r.mul(r).sum();
        if (eps == null) {
            sq = sq.add(p[3].mul(p[3]).matmul(s2.reshape(k, 1)).sum());
        }
        return constant.sub(sq.div(2 * sigma2)).sub(kl);
    }
}
