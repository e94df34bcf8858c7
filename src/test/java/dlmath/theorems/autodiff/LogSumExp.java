package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.TensorGens;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * AD-12 Log-sum-exp: its gradient is the softmax, it is squeezed between max and max + log n,
 * and it is computed stably. Boyd &amp; Vandenberghe, Convex Optimization (2004), Sec. 3.1.5 and
 * Sec. A.4.1 (log-sum-exp, its bounds max x &lt;= lse(x) &lt;= max x + log n, and its gradient); Blanchard, Higham &amp;
 * Higham, "Accurately computing the log-sum-exp and softmax functions", IMA J. Numer. Anal. 41
 * (2021), Sec. 2 (the shifted algorithm). Page: theorems/autodiff/AD-12-logsumexp.md.
 */
@Theorem(id = "AD-12", name = "Log-sum-exp gradient, bounds and stability",
        statement = "grad lse(x) = softmax(x); max x <= lse(x) <= max x + log n; for |x_i| up to 1e300 the value and gradient are finite")
@Tag("autodiff")
class LogSumExp {

    static final dlmath.check.Gen<Tensor> MODERATE = TensorGens.tensors(Gens.integers(1, 12).map(n -> new int[] {n}));
    static final dlmath.check.Gen<Tensor> HUGE = Gens.integers(1, 12).flatMap(n ->
            TensorGens.tensors(new int[] {n}, Gens.doubles(-1e300, 1e300)));

    static Var lse(Var x) {
        return x.logsumexp(new int[] {0}, false);
    }

    /**
     * Both the reverse rule and the softmax primitive compute exp(x_i - m) / sum_j exp(x_j - m)
     * with m = max x: the shift is off by u |x_i - m|, which exp turns into a relative error of
     * the same size, exp adds u, the sum of n positive terms gamma_{n-1}, the division u. So each
     * is within gamma_{n+4} (2 + |x_i - m|) relatively of the exact softmax, and they differ by
     * at most twice that.
     */
    @Property(tries = 200)
    void gradientIsSoftmax(Check check) {
        check.forAll(MODERATE.as("x"), xt -> {
            Graph g = new Graph();
            Var x = g.variable(xt);
            double[] grad = Autodiff.grad(lse(x), x)[0].value().toArray();
            double[] softmax = x.softmax(0).value().toArray();
            int n = xt.size();
            for (int i = 0; i < n; i++) {
                double shift = Math.abs(xt.toArray()[i] - xt.maxAll());
                Claims.close("d lse / d x[" + i + "] = softmax(x)[" + i + "]", grad[i], softmax[i],
                        2 * Tol.gamma(n + 4) * (2 + shift) * softmax[i] + 2 * (n + 4) * FiniteDifferences.UNDERFLOW);
            }
        });
    }

    /** Bounds, with the rounding of the computed lse: gamma_{n+3} (|max| + log n). target() shows lse - max reaches log n. */
    @Property(tries = 200)
    void boundedByMaxAndMaxPlusLogN(Check check) {
        check.forAll(MODERATE.as("x"), xt -> {
            Graph g = new Graph();
            double value = lse(g.variable(xt)).value().item();
            double max = xt.maxAll();
            int n = xt.size();
            double tol = Tol.gamma(n + 3) * (Math.abs(max) + Math.log(n));
            if (n > 1) {
                check.target((value - max) / Math.log(n), "(lse - max) / log n, sharp at 1 (all entries equal)");
            }
            Claims.atLeast("lse(x) >= max x", value, max - tol);
            Claims.atMost("lse(x) <= max x + log n", value, max + Math.log(n) + tol);
        });
    }

    /**
     * No overflow, no NaN: with the shift by the max every exp argument is &lt;= 0. The gradient
     * e_i / S (S the computed sum of the same e_i) sums to 1 within gamma_{n+2}: the errors of
     * the e_i cancel between numerator and denominator; the sum of n quotients adds gamma_{n-1}.
     */
    @Property(tries = 200)
    void stableForHugeInputs(Check check) {
        check.forAll(HUGE.as("x"), xt -> {
            Graph g = new Graph();
            Var x = g.variable(xt);
            Var y = lse(x);
            Tensor grad = Autodiff.grad(y, x)[0].value();
            check.note("lse(x)", y.value().item());
            Claims.that("lse(x) is finite", Double.isFinite(y.value().item()));
            Claims.that("every entry of the gradient is in [0, 1]", grad.minAll() >= 0 && grad.maxAll() <= 1);
            Claims.close("sum of the gradient = 1", grad.sumAll(), 1, 2 * Tol.gamma(xt.size() + 2));
        });
    }

    /** Necessity of the shift: the naive composite log(sum(exp(x))) overflows for large inputs. */
    @Counterexample
    void naiveFormulaOverflows(Check check) {
        check.forAll(HUGE.as("x"), xt -> {
            Graph g = new Graph();
            Var x = g.variable(xt);
            Var y = x.exp().sum().log();
            Claims.that("log(sum(exp(x))) is finite", Double.isFinite(y.value().item()));
            Claims.that("its gradient is finite", Double.isFinite(Autodiff.grad(y, x)[0].value().sumAll()));
        });
    }
}
