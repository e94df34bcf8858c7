package dlmath.theorems.optimization;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.ConvexProblems;
import dlmath.gen.ConvexProblems.Quadratic;
import dlmath.optim.Optimizers;
import org.junit.jupiter.api.Tag;

/**
 * OPT-14 PyTorch's momentum (b_t = mu b_{t-1} + g_t, theta_t = theta_{t-1} - lr b_t) is Polyak's
 * heavy ball x_{k+1} = x_k - lr grad f(x_k) + mu (x_k - x_{k-1}); PyTorch's Nesterov momentum
 * (theta_t = theta_{t-1} - lr (g_t + mu b_t)) is Nesterov's method in Sutskever's form
 * (v_{k+1} = mu v_k - lr grad f(theta_k + mu v_k), theta_{k+1} = theta_k + v_{k+1}) in the
 * variables p_k = theta_k + mu v_k (the look-ahead points). Polyak, USSR Comput. Math. Math. Phys.
 * 4 (1964), eq. (9); Sutskever, Martens, Dahl, Hinton, ICML 2013, eqs. (1)-(4); Bengio,
 * Boulanger-Lewandowski, Pascanu, ICASSP 2013, eqs. (6)-(7) (the reparameterization). Page:
 * theorems/optimization/OPT-14-momentum-equivalence.md.
 */
@Theorem(id = "OPT-14", name = "PyTorch momentum is the heavy ball, PyTorch Nesterov is Nesterov",
        statement = "sgd(lr, momentum mu) iterates = Polyak's heavy ball with (lr, mu); sgd(lr, mu, nesterov) iterates "
                + "= theta_k + mu v_k of Nesterov's method in Sutskever's form")
@Tag("optimization")
class MomentumEquivalence {

    static final int K = 30;

    /**
     * The allowance between two computations of one iteration: each stays within 5 (k+1)^2 delta of
     * the exact iterates (Opt: 2x2 blocks of spectral radius &lt;= 1 when lr lambda &lt;= 1 and mu &lt; 1),
     * delta taken at distance 5 (k+1) R from x* (||M^k|| &lt;= 5 k), doubled for the two sides.
     */
    static double allowance(Quadratic p, int k) {
        double r = 5.0 * (k + 1) * p.distance();
        return 2 * 5.0 * (k + 1) * (k + 1) * Opt.stepRounding(p.dim(), ConvexProblems.norm(p.xStar()), 2 * r);
    }

    static double[][] heavyBall(Quadratic p, double lr, double mu, int k) {
        double[][] x = new double[k + 1][];
        x[0] = p.x0();
        double[] previous = p.x0();
        for (int i = 0; i < k; i++) {
            double[] g = p.grad(x[i]);
            double[] next = new double[g.length];
            for (int j = 0; j < g.length; j++) {
                next[j] = x[i][j] - lr * g[j] + mu * (x[i][j] - previous[j]);
            }
            previous = x[i];
            x[i + 1] = next;
        }
        return x;
    }

    /** Nesterov in Sutskever's form; returns theta_k (lookAhead false) or p_k = theta_k + mu v_k. */
    static double[][] sutskever(Quadratic p, double lr, double mu, int k, boolean lookAhead) {
        int n = p.dim();
        double[][] out = new double[k + 1][];
        double[] theta = p.x0();
        double[] v = new double[n];
        out[0] = theta.clone();
        for (int i = 0; i < k; i++) {
            double[] ahead = new double[n];
            for (int j = 0; j < n; j++) {
                ahead[j] = theta[j] + mu * v[j];
            }
            double[] g = p.grad(ahead);
            for (int j = 0; j < n; j++) {
                v[j] = mu * v[j] - lr * g[j];
                theta[j] = theta[j] + v[j];
            }
            double[] rec = new double[n];
            for (int j = 0; j < n; j++) {
                rec[j] = lookAhead ? theta[j] + mu * v[j] : theta[j];
            }
            out[i + 1] = rec;
        }
        return out;
    }

    @Property(tries = 100)
    void pytorchMomentumIsTheHeavyBall(Check check) {
        check.forAll(ConvexProblems.quadratics(20, 1e4, true).as("problem"),
                Gens.tuples(Gens.doubles(0, 1).excludeMin(), Gens.doubles(0, 0.99)).as("(lr L, mu)"), (p, h) -> {
                    double lr = h.first() / p.smoothness();
                    double mu = h.second();
                    double[][] ours = Opt.iterates(Optimizers.sgd(lr, mu), p, K);
                    double[][] polyak = heavyBall(p, lr, mu, K);
                    for (int k = 1; k <= K; k++) {
                        Claims.atMost("||sgd(lr, mu) x_" + k + " - heavy ball x_" + k + "||",
                                ConvexProblems.norm(ConvexProblems.sub(ours[k], polyak[k])), allowance(p, k));
                    }
                });
    }

    @Property(tries = 100)
    void pytorchNesterovIsSutskeversNesterovAtTheLookAheadPoint(Check check) {
        check.forAll(ConvexProblems.quadratics(20, 1e4, true).as("problem"),
                Gens.tuples(Gens.doubles(0, 1).excludeMin(), Gens.doubles(0, 0.99).excludeMin()).as("(lr L, mu)"),
                (p, h) -> {
                    double lr = h.first() / p.smoothness();
                    double mu = h.second();
                    double[][] ours = Opt.iterates(Optimizers.sgd(lr, mu, 0, 0, true), p, K);
                    double[][] nesterov = sutskever(p, lr, mu, K, true);
                    for (int k = 1; k <= K; k++) {
                        Claims.atMost("||sgd(nesterov) x_" + k + " - (theta_" + k + " + mu v_" + k + ")||",
                                ConvexProblems.norm(ConvexProblems.sub(ours[k], nesterov[k])), allowance(p, k));
                    }
                });
    }

    /**
     * Drop the change of variables: PyTorch's Nesterov iterates are the look-ahead points, not
     * Sutskever's theta_k; compared directly, they differ.
     */
    @Counterexample
    void withoutTheReparameterizationTheyDiffer(Check check) {
        check.forAll(ConvexProblems.quadratics(3, 10, false).as("problem"),
                Gens.tuples(Gens.doubles(0, 1).excludeMin(), Gens.doubles(0, 0.99).excludeMin()).as("(lr L, mu)"),
                (p, h) -> {
                    double lr = h.first() / p.smoothness();
                    double[][] ours = Opt.iterates(Optimizers.sgd(lr, h.second(), 0, 0, true), p, 5);
                    double[][] theta = sutskever(p, lr, h.second(), 5, false);
                    Claims.atMost("||sgd(nesterov) x_5 - theta_5||", ConvexProblems.norm(ConvexProblems.sub(ours[5],
                            theta[5])), allowance(p, 5));
                });
    }
}
