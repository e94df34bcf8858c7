package dlmath.theorems.optimization;

import static dlmath.check.Tol.gamma;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.ConvexProblems;
import dlmath.optim.Optimizer;
import dlmath.optim.Optimizers;
import dlmath.optim.State;
import dlmath.optim.Step;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * OPT-10 Adam's bias correction: for a constant gradient g, m_t / (1 - beta1^t) = g and
 * v_t / (1 - beta2^t) = g^2 at every t, so the step is -lr g / (|g| + eps); and for any gradients
 * the effective step is bounded: |Delta_t| &lt;= lr (1 - beta1) sqrt(1 - beta2^t) / ((1 - beta1^t)
 * sqrt(1 - beta2)) sqrt(sum_{j&lt;t} (beta1^2 / beta2)^j). Kingma and Ba, Adam, ICLR 2015, Sec. 2.1
 * (the bound on the effective step, here in the exact form that Cauchy-Schwarz gives) and Sec. 3
 * (initialization bias correction). Page: theorems/optimization/OPT-10-adam-bias-correction.md.
 */
@Theorem(id = "OPT-10", name = "Adam's bias correction and effective step",
        statement = "For a constant gradient g, Adam's m_t/(1-beta1^t) = g and v_t/(1-beta2^t) = g^2 at every t; "
                + "|Delta_t| <= lr (1-beta1) sqrt(1-beta2^t) / ((1-beta1^t) sqrt(1-beta2)) sqrt(sum_{j<t} (beta1^2/beta2)^j)")
@Tag("optimization")
class AdamBiasCorrection {

    static final Gen<Double> BETA = Gens.oneOf(Gens.elements(0.9, 0.999, 0.0, 0.5, 0.9999), Gens.doubles(0, 0.9999));
    static final Gen<Double> MAGNITUDE = Gens.oneOf(Gens.doubles(-10, 10),
            Gens.tuples(Gens.booleans(), ConvexProblems.logUniform(-100, 100)).map(t -> t.first() ? -t.second() : t.second()));

    /** The Adam state inside the chain of Optimizers.adam. */
    static State.Adam adamState(State s) {
        return ((State.Chain) s).find(State.Adam.class);
    }

    /**
     * Constant g (n = 1..6 entries) for t = 1..40. From the state: m_t / (1 - beta1^t) within
     * relM |g| of g and v_t / (1 - beta2^t) within relV g^2 of g^2, where the recursions err by at
     * most gamma_{3t} relative to |g| (resp. g^2; m_t = (1 - beta1^t) g exactly, each step rounds a
     * sum of two terms of size at most |g|) and the computed 1 - beta^t by u + 2u beta^t / (1 - beta^t)
     * (pow within one ulp). The step -lr m^ / (sqrt(v^) + eps) is then within lr (relM + relV/2 + gamma_4)
     * |g| / (|g| + eps) of -lr g / (|g| + eps).
     */
    @Property(tries = 200)
    void constantGradientIsRecoveredExactly(Check check) {
        check.forAll(Gens.tuples(BETA, BETA, ConvexProblems.logUniform(-10, -2)).as("(beta1, beta2, eps)"),
                Gens.sizes(1, 6).flatMap(n -> Gens.doubleArrays(MAGNITUDE, n, n)).as("g"),
                Gens.integers(1, 40).as("T"), (b, g, steps) -> {
                    double b1 = b.first();
                    double b2 = b.second();
                    double eps = b.third();
                    double lr = 1e-3;
                    Optimizer adam = Optimizers.adam(lr, b1, b2, eps, 0, false);
                    Tensor[] theta = Opt.params(new double[g.length]);
                    State s = adam.init(theta);
                    for (int t = 1; t <= steps; t++) {
                        Step step = adam.update(Opt.params(g), s, theta);
                        s = step.state();
                        State.Adam a = adamState(s);
                        Claims.that("t counts the steps: t = " + a.t() + " after step " + t, a.t() == t);
                        double bc1 = 1 - Math.pow(b1, t);
                        double bc2 = 1 - Math.pow(b2, t);
                        double relM = gamma(3 * t + 2) + TorchReference.biasError(b1, t);
                        double relV = gamma(3 * t + 4) + TorchReference.biasError(b2, t);
                        double[] m = a.m()[0].toArray();
                        double[] v = a.v()[0].toArray();
                        double[] d = step.updates()[0].toArray();
                        for (int i = 0; i < g.length; i++) {
                            double tiny = (10 * t + 10) * Double.MIN_VALUE / (bc1 * bc2);
                            Claims.close("m_" + t + " / (1 - beta1^t) = g", m[i] / bc1, g[i], relM * Math.abs(g[i]) + tiny);
                            Claims.close("v_" + t + " / (1 - beta2^t) = g^2", v[i] / bc2, g[i] * g[i],
                                    relV * g[i] * g[i] + tiny);
                            double expected = -lr * (g[i] / (Math.abs(g[i]) + eps)); // no subnormal intermediate
                            Claims.close("Delta_" + t + " = -lr g / (|g| + eps)", d[i], expected,
                                    lr * (relM + relV / 2 + gamma(6)) * Math.abs(g[i]) / (Math.abs(g[i]) + eps)
                                            + tiny * (1 + lr / eps));
                        }
                    }
                });
    }

    /** The bound on |Delta_t| / lr for gradients g_1..g_t (Cauchy-Schwarz on m_t and v_t). */
    static double stepBound(double b1, double b2, int t) {
        double r = b1 * b1 / b2;
        double sum = 0;
        double term = 1;
        for (int j = 0; j < t; j++) {
            sum += term;
            term *= r;
        }
        return (1 - b1) * Math.sqrt(1 - Math.pow(b2, t)) / ((1 - Math.pow(b1, t)) * Math.sqrt(1 - b2)) * Math.sqrt(sum);
    }

    /**
     * Any gradient sequence (1..30 steps, scalar), beta2 in [0.5, 0.9999]: |Delta_t| &lt;= lr B_t (1 +
     * gamma_{4t+8}) at every t. B_1 = 1 is attained at t = 1 (Delta_1 = lr g / (|g| + eps));
     * target() climbs |Delta_t| / (lr B_t).
     */
    @Property(tries = 200)
    void effectiveStepIsBounded(Check check) {
        check.forAll(Gens.tuples(BETA, Gens.oneOf(Gens.elements(0.999, 0.5, 0.9999), Gens.doubles(0.5, 0.9999)))
                        .as("(beta1, beta2)"), Gens.doubleArrays(MAGNITUDE, 1, 30).as("g_1..g_T"), (b, gs) -> {
                    double b1 = b.first();
                    double b2 = b.second();
                    double lr = 0.5;
                    Optimizer adam = Optimizers.adam(lr, b1, b2, 1e-12, 0, false);
                    Tensor[] theta = Opt.params(new double[1]);
                    State s = adam.init(theta);
                    double worst = 0;
                    for (int t = 1; t <= gs.length; t++) {
                        Step step = adam.update(Opt.params(new double[] {gs[t - 1]}), s, theta);
                        s = step.state();
                        double d = Math.abs(step.updates()[0].get(0));
                        double bound = lr * stepBound(b1, b2, t);
                        worst = Math.max(worst, d / bound);
                        Claims.atMost("|Delta_" + t + "| <= lr B_" + t, d, bound * (1 + gamma(4 * t + 8 + 2 * t))
                                + TorchReference.biasError(b1, t) * bound);
                    }
                    check.target(worst, "|Delta_t| / (lr B_t)");
                });
    }

    /**
     * Drop the bias correction: the raw moment m_t of a constant gradient is (1 - beta1^t) g, not g;
     * the engine finds a gradient and a step where the uncorrected estimate misses.
     */
    @Counterexample
    void rawMomentsAreBiasedTowardZero(Check check) {
        check.forAll(BETA.as("beta1"), Gens.doubles(-10, 10).as("g"), Gens.integers(1, 10).as("T"), (b1, g, steps) -> {
            Optimizer adam = Optimizers.adam(1e-3, b1, 0.999, 1e-8, 0, false);
            Tensor[] theta = Opt.params(new double[1]);
            State s = adam.init(theta);
            for (int t = 1; t <= steps; t++) {
                s = adam.update(Opt.params(new double[] {g}), s, theta).state();
            }
            Claims.close("m_T = g (no bias correction)", adamState(s).m()[0].get(0), g, gamma(3 * steps) * Math.abs(g));
        });
    }

}
