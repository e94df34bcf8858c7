package dlmath.theorems.optimization;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.optim.Links;
import dlmath.optim.Optimizer;
import dlmath.optim.Optimizers;
import dlmath.optim.Projections;
import dlmath.optim.Schedules;
import dlmath.optim.State;
import dlmath.optim.Step;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * OPT-11 Adam can fail to converge: on the online problem over F = [-1, 1] with f_t(x) = C x for
 * t mod 3 = 1 and -x otherwise (C &gt; 2; the best fixed point is x* = -1), Adam with beta1 = 0,
 * beta2 = 1/(1 + C^2), alpha_t = alpha / sqrt(t) (alpha &lt; sqrt(1 - beta2)), started at 1, returns to
 * x = +1 every three steps, so its average regret stays at least (2C - 4)/3 &gt; 0; AMSGrad on the same
 * sequence is projected online gradient descent with non-increasing steps eta_t and meets
 * Zinkevich's bound R_T &lt;= D^2 / (2 eta_T) + sum_t eta_t g_t^2 / 2 (D = 2), so its average regret
 * tends to 0. Reddi, Kale, Kumar, On the Convergence of Adam and Beyond, ICLR 2018, Thm 1 and
 * Algorithm 2; Zinkevich, ICML 2003, Thm 1. Page: theorems/optimization/OPT-11-adam-non-convergence.md.
 */
@Theorem(id = "OPT-11", name = "Adam can fail to converge, AMSGrad does not",
        statement = "On Reddi et al.'s sequence f_t(x) = Cx (t mod 3 = 1), -x otherwise, over [-1,1], C > 2: Adam's "
                + "average regret stays >= (2C-4)/3 while AMSGrad's regret meets Zinkevich's O(sqrt T) bound")
@Tag("optimization")
class AdamNonConvergence {

    static double gradient(int t, double c) {
        return t % 3 == 1 ? c : -1;
    }

    static Optimizer rule(double c, double alpha, boolean amsgrad) {
        return Links.chain(Optimizers.adam(Schedules.inverseSqrt(alpha), 0, 1 / (1 + c * c), 1e-8, 0, amsgrad),
                Links.project(Projections.box(-1, 1)));
    }

    /** x_1..x_T (x_t is played at step t), started at x_1 = 1. */
    static double[] play(double c, double alpha, boolean amsgrad, int steps) {
        Optimizer opt = rule(c, alpha, amsgrad);
        Tensor[] x = Opt.params(new double[] {1});
        State s = opt.init(x);
        double[] xs = new double[steps + 1];
        for (int t = 1; t <= steps; t++) {
            xs[t] = x[0].get(0);
            Step st = opt.update(Opt.params(new double[] {gradient(t, c)}), s, x);
            x = Optimizer.apply(x, st.updates());
            s = st.state();
        }
        return xs;
    }

    /** {t, R_t / t} for t = 1..T: the average regret along the run (the report's figure). */
    static double[][] averageRegret(double[] xs, double c) {
        double[][] out = new double[2][xs.length - 1];
        double r = 0;
        for (int t = 1; t < xs.length; t++) {
            r += gradient(t, c) * (xs[t] + 1);
            out[0][t - 1] = t;
            out[1][t - 1] = r / t;
        }
        return out;
    }

    /** R_T = sum_t f_t(x_t) - f_t(-1) = sum_t g_t (x_t + 1). */
    static double regret(double[] xs, double c) {
        double r = 0;
        for (int t = 1; t < xs.length; t++) {
            r += gradient(t, c) * (xs[t] + 1);
        }
        return r;
    }

    /**
     * C in (2, 20], alpha = a sqrt(1 - beta2) with a in [0.01, 0.99], T = 3k for k = 1..300. Adam's x_{3i+1}
     * is +1 (within the rounding of the projection step, 2u); each cycle then adds at least
     * 2C - 4 - 4Cu to the regret (x_{3i+2}, x_{3i+3} &lt;= 1).
     */
    @Property(tries = 60)
    void adamReturnsToTheWorstPoint(Check check) {
        check.forAll(Gens.doubles(2, 20).excludeMin().as("C"), Gens.doubles(0.01, 0.99).as("a"),
                Gens.integers(1, 300).as("k (T = 3k)"), (c, a, k) -> {
                    double alpha = a * Math.sqrt(1 - 1 / (1 + c * c));
                    double[] xs = play(c, alpha, false, 3 * k);
                    for (int i = 0; 3 * i + 1 <= 3 * k; i++) {
                        Claims.atLeast("Adam's x_" + (3 * i + 1) + " = 1", xs[3 * i + 1], 1 - 4 * Tol.U);
                    }
                    double avg = regret(xs, c) / (3 * k);
                    check.note("R_T / T", avg);
                    double[][] curve = averageRegret(xs, c);
                    double floor = (2 * c - 4) / 3;
                    check.plot("Adam on Reddi et al.'s problem: average regret stays above (2C - 4)/3 (the try of largest"
                            + " T (C - 2))")
                            .logX().axes("t", "R_t / t").line("Adam's R_t / t, C = " + String.format(java.util.Locale.ROOT, "%.3g", c), curve[0], curve[1])
                            .reference("(2C - 4)/3", new double[] {1, 3 * k}, new double[] {floor, floor}).rank(k * (c - 2));
                    Claims.atLeast("R_T / T >= (2C - 4)/3", avg, (2 * c - 4) / 3 - 8 * c * Tol.U);
                });
    }

    /**
     * AMSGrad on the same sequence: eta_t = alpha_t / (sqrt(vMax_t / (1 - beta2^t)) + eps) computed
     * by a separate loop; they are non-increasing (checked), and R_T &lt;= 2 / eta_T + sum eta_t g_t^2 / 2
     * (Zinkevich) within the rounding of T projected steps (T 4u (1 + C)). As eta_T is of order
     * alpha / (C sqrt T), the bound divided by T tends to 0, below Adam's (2C - 4)/3 for large T.
     */
    @Property(tries = 40)
    void amsgradMeetsZinkevichsBound(Check check) {
        check.forAll(Gens.doubles(2, 20).excludeMin().as("C"), Gens.doubles(0.01, 0.99).as("a"),
                Gens.integers(1, 300).as("k (T = 3k)"), (c, a, k) -> {
                    double beta2 = 1 / (1 + c * c);
                    double alpha = a * Math.sqrt(1 - beta2);
                    int steps = 3 * k;
                    double[] xs = play(c, alpha, true, steps);
                    double v = 0;
                    double vMax = 0;
                    double sum = 0;
                    double eta = Double.POSITIVE_INFINITY;
                    double[] zb = new double[steps]; // Zinkevich's bound at every t <= T, for the report's figure
                    for (int t = 1; t <= steps; t++) {
                        double g = gradient(t, c);
                        v = beta2 * v + (1 - beta2) * g * g;
                        vMax = Math.max(vMax, v);
                        double next = alpha / Math.sqrt(t) / (Math.sqrt(vMax / (1 - Math.pow(beta2, t))) + 1e-8);
                        Claims.atMost("eta_" + t + " <= eta_" + (t - 1) + " (Zinkevich's hypothesis)", next,
                                eta * (1 + 1e-12));
                        eta = next;
                        sum += eta * g * g / 2;
                        zb[t - 1] = 4 / (2 * eta) + sum;
                    }
                    double bound = 4 / (2 * eta) + sum;
                    double[][] curve = averageRegret(xs, c);
                    double[] zinkevich = new double[steps];
                    for (int t = 1; t <= steps; t++) {
                        zinkevich[t - 1] = zb[t - 1] / t;
                    }
                    check.plot("AMSGrad on Reddi et al.'s problem: average regret under Zinkevich's bound (the longest try)")
                            .logLog().axes("t", "R_t / t").line("AMSGrad's R_t / t, C = " + String.format(java.util.Locale.ROOT, "%.3g", c), curve[0], curve[1])
                            .reference("Zinkevich's bound / t", curve[0], zinkevich).rank(k);
                    double r = regret(xs, c);
                    check.target(r / bound, "R_T / Zinkevich bound");
                    Claims.atMost("AMSGrad: R_T <= D^2/(2 eta_T) + sum eta_t g_t^2 / 2", r, bound + steps * 4 * Tol.U * (1 + c));
                    check.note("AMSGrad's R_T / T", r / steps);
                    check.note("Zinkevich bound / T (-> 0 like 1/sqrt T)", bound / steps);
                });
    }

    /** Drop C &gt; 2: for C in [1/2, 2] the point +1 is optimal and Adam's average regret tends to 0. */
    @Counterexample
    void withCAtMostTwoAdamIsFine(Check check) {
        check.forAll(Gens.doubles(0.5, 2).as("C"), c -> {
            double[] xs = play(c, 0.5 * Math.sqrt(1 - 1 / (1 + c * c)), false, 600);
            Claims.atLeast("Adam's R_T / T >= 0.05 at T = 600", regret(xs, c) / 600, 0.05);
        });
    }
}
