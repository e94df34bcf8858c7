package dlmath.theorems.variational;

import static dlmath.check.Tol.gamma;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.tensor.Tensor;
import dlmath.variational.NeuralOde;
import dlmath.variational.TanhField;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;

/**
 * VAR-03 The discrete adjoint of an Euler solve equals reverse-mode differentiation of the same solve. Chen,
 * Rubanova, Bettencourt &amp; Duvenaud, Neural Ordinary Differential Equations, NeurIPS 2018, Sec. 2 and App. B;
 * Gholami, Keutzer &amp; Biros, ANODE, IJCAI 2019, Sec. 3 (discretize-then-optimize); Griewank &amp; Walther,
 * Evaluating Derivatives, 2nd ed., Sec. 3.2. Page: theorems/variational/VAR-03-adjoint-sensitivity.md.
 */
@Theorem(id = "VAR-03", name = "Discrete adjoint sensitivity",
        statement = "the discrete adjoint gradient through an Euler solve equals reverse-mode autodiff of the solve")
@Tag("variational")
class AdjointSensitivity {

    record Problem(double[][] w, double[] b, double[] y0, double[] target, double horizon, int steps) {
        TanhField field() {
            return new TanhField(w, b);
        }

        @Override
        public String toString() {
            return "y' = tanh(W y + b), W = " + Arrays.deepToString(w) + ", b = " + Arrays.toString(b) + ", y0 = "
                    + Arrays.toString(y0) + ", target = " + Arrays.toString(target) + ", T = " + horizon + ", L = " + steps;
        }
    }

    static final Gen<Problem> PROBLEMS = s -> {
        int d = s.draw(Gens.integers(1, 5));
        double[][] w = new double[d][];
        for (int i = 0; i < d; i++) {
            w[i] = s.draw(Gens.doubleArrays(Gens.doubles(-1.5, 1.5), d, d));
        }
        double[] b = s.draw(Gens.doubleArrays(Gens.doubles(-1, 1), d, d));
        double[] y0 = s.draw(Gens.doubleArrays(Gens.doubles(-2, 2), d, d));
        double[] target = s.draw(Gens.doubleArrays(Gens.doubles(-2, 2), d, d));
        double horizon = s.draw(Gens.doubles(0.1, 2));
        int steps = s.draw(Gens.integers(1, 40));
        return new Problem(w, b, y0, target, horizon, steps);
    };

    /** Reverse-mode autodiff through the Euler solve, built here with Var: dl/dW, dl/db, dl/dy0. */
    static double[][][] autodiff(Problem p) {
        Graph g = new Graph();
        int d = p.b().length;
        Var w = g.variable(Tensor.of(p.w()));
        Var b = g.variable(Tensor.of(p.b()));
        Var y0 = g.variable(Tensor.of(p.y0()));
        double h = p.horizon() / p.steps();
        Var y = y0;
        for (int k = 0; k < p.steps(); k++) {
            y = y.add(w.matmul(y.reshape(d, 1)).reshape(d).add(b).tanh().mul(h));
        }
        Var r = y.sub(g.constant(Tensor.of(p.target())));
        Var loss = r.mul(r).sum().mul(0.5);
        Var[] grads = Autodiff.grad(loss, w, b, y0);
        return new double[][][] {grads[0].value().toArray2D(), {grads[1].value().toArray()},
                {grads[2].value().toArray()}, {{loss.value().item()}}};
    }

    /**
     * The tolerance: both sides run the same recursion a_k = (I + h W^T D_k) a_{k+1} (D_k = diag(1 - s_k^2)) and
     * the same forward path in a different operation order, each operation with relative error u. A first-order
     * perturbation bound (Higham Lemma 3.1 per step, amplification prod ||I + h W^T D_k|| &lt;= e^{T K}, K = ||W||_F,
     * through the forward path into D_k and a_L as well) gives at most 8 L gamma_{2d+8} e^{2TK} (1 + K)^2
     * (||a_L|| + Y)(1 + Y) for every gradient entry, Y = max_k ||y_k||.
     */
    static double tolerance(Problem p, NeuralOde ode, double residualNorm) {
        int d = p.b().length;
        double k = 0;
        for (double[] row : p.w()) {
            for (double v : row) {
                k += v * v;
            }
        }
        k = Math.sqrt(k);
        double y = 0;
        for (double[] yk : ode.path(p.y0())) {
            y = Math.max(y, Vt.norm(yk));
        }
        return 8 * p.steps() * gamma(2 * d + 8) * Math.exp(2 * p.horizon() * k) * (1 + k) * (1 + k)
                * (residualNorm + y) * (1 + y);
    }

    /** sqrt(d) max_i |y_L,i - target_i| &gt;= ||y_L - target|| without squaring (1e-162 squared underflows). */
    static double residualNorm(Problem p, NeuralOde ode) {
        double[][] path = ode.path(p.y0());
        return Math.sqrt(p.b().length) * Vt.maxAbs(Vt.sub(path[p.steps()], p.target()));
    }

    @Property(tries = 100)
    void adjointEqualsReverseMode(Check check) {
        check.forAll(PROBLEMS.as("problem"), p -> {
            NeuralOde ode = new NeuralOde(p.field(), p.horizon(), p.steps());
            NeuralOde.Gradients a = ode.adjoint(p.y0(), p.target());
            double[][][] ref = autodiff(p);
            double tol = tolerance(p, ode, residualNorm(p, ode));
            Claims.close("loss", a.loss(), ref[3][0][0], tol * (1 + residualNorm(p, ode)) + 8 * Double.MIN_VALUE);
            for (int i = 0; i < p.b().length; i++) {
                Claims.close("dl/dy0[" + i + "] adjoint = autodiff", a.dy0()[i], ref[2][0][i], tol);
                Claims.close("dl/db[" + i + "] adjoint = autodiff", a.db()[i], ref[1][0][i], tol);
                for (int j = 0; j < p.b().length; j++) {
                    Claims.close("dl/dW[" + i + "][" + j + "] adjoint = autodiff", a.dW()[i][j], ref[0][i][j], tol);
                }
            }
        });
    }

    /**
     * Drop "the adjoint of the discrete solve": integrating the continuous adjoint equation a' = -J(y)^T a
     * backward with Euler steps that evaluate J at y_{k+1} (optimize-then-discretize) gives a gradient that
     * differs from reverse mode by O(h), far above rounding.
     */
    @Counterexample
    void continuousAdjointDiffers(Check check) {
        check.forAll(PROBLEMS.as("problem"), p -> {
            NeuralOde ode = new NeuralOde(p.field(), p.horizon(), p.steps());
            double[][] path = ode.path(p.y0());
            int d = p.b().length;
            double h = p.horizon() / p.steps();
            double[] a = Vt.sub(path[p.steps()], p.target());
            TanhField f = p.field();
            for (int k = p.steps() - 1; k >= 0; k--) {
                double[] s = f.apply(path[k + 1]);
                double[] next = a.clone();
                for (int j = 0; j < d; j++) {
                    for (int i = 0; i < d; i++) {
                        next[j] += h * p.w()[i][j] * (1 - s[i] * s[i]) * a[i];
                    }
                }
                a = next;
            }
            double[][][] ref = autodiff(p);
            double tol = tolerance(p, ode, residualNorm(p, ode));
            for (int i = 0; i < d; i++) {
                Claims.close("dl/dy0[" + i + "] continuous adjoint = autodiff", a[i], ref[2][0][i], tol);
            }
        });
    }
}
