package dlmath.theorems.autodiff;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Graph;
import dlmath.autodiff.Primitive;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Tol;
import dlmath.gen.AutodiffGens.OpSample;
import dlmath.tensor.Tensor;
import java.math.BigDecimal;
import java.util.function.DoubleFunction;

/**
 * Central differences with a derived error bound, shared by the autodiff theorems.
 *
 * <p>Step: {@code h = eps^(1/3) max(1, |x|)} (Numerical Recipes, 3rd ed., Sec. 5.7, eq. 5.7.8;
 * scipy's default for central differences), eps = 2^-52. The points are {@code x ± h} as
 * rounded, and the quotient divides by their exact distance, so the step itself adds no error.
 *
 * <p>Error model, per output entry: {@code |D_h - f'(x)| <= h^2/6 max|f'''| + delta/h}, the
 * Taylor remainder of the central difference plus the rounding of the two evaluations, each off
 * by at most {@code delta}: for a single primitive, delta is per output entry and per evaluation
 * point, from {@link RoundingModel#bound} (the primitive's definition), plus the rounding of the
 * quotient and of the AD value ({@link RoundingModel#derivativeBound}); for whole programs and
 * layers, per entry and per evaluation point, from the running error analysis of
 * {@link RunningError} (each primitive's {@link RoundingModel#bound} plus its inputs' errors
 * carried through it). The step is {@code eps^(1/3) s}, s the op's length scale ({@link #scale}).
 *
 * <p>|f'''| is estimated, Richardson-style, by the third difference
 * {@code T(k) = [f(x+2k) - 2f(x+k) + 2f(x-k) - f(x-2k)] / (2k^3)} at {@code k = eps^(1/5)
 * max(1, |x|)} and at 2k. The operator factors as {@code (E - E^-1)(E - 2 + E^-1)}, a
 * convolution of non-negative B-spline kernels, so T(k) equals f'''(xi) for some xi in
 * [x - 2k, x + 2k] (mean-value form of divided differences). The bound uses
 * {@code SAFETY * max(|T(k)|, |T(2k)|)} with SAFETY = 10: the scale s is at most the distance
 * to the nearest pole (|x| for log, sqrt, pow; 1 + x for log1p; on the registry's samples the
 * poles of 1/b are at distance &gt;= 0.1 with s = max(1, |x|) &lt;= 3), and the third derivative grows
 * at most like d^-5, so over the stencil (width 4k &lt;= 3e-3 s) it varies by at most
 * (1 + 0.03)^5 &lt; 1.2; for exp, tanh, sigmoid, sin, cos (s = 1) it changes by at most e^0.003 over
 * it; the factor 10 also covers the O(k^2 f^(5)) error of the estimate. The rounding error of T
 * itself (3 delta / k^3) is added. Computed as (h/k)^2 (k^2 T), finite also for x near 1e300.
 *
 * <p>The stencil points x +- h are rounded, so h1 = xp - x and h2 = x - xm may differ by up to ulp(x):
 * the quotient (f(xp) - f(xm)) / (h1 + h2) is then f'(x) + f''(x) (h1 - h2) / 2 + O(h^2 f'''). The
 * term SAFETY |S(k)| |h1 - h2| / 2 is added, |h1 - h2| exact (BigDecimal), with f'' estimated from the
 * same points by {@code S(k) = [f(x+2k) - f(x+k) - f(x-k) + f(x-2k)] / (3k^2)} (= f''(xi): the operator
 * is again a non-negative kernel) plus its rounding 4 delta / (3k^2).
 */
public final class FiniteDifferences {

    public static final double EPS = Math.ulp(1.0);
    static final double SAFETY = 10;

    /**
     * Gradual underflow: an operation whose result is subnormal is off by at most half the
     * smallest subnormal in absolute terms, instead of u relatively (Higham, Accuracy and
     * Stability, 2nd ed., Sec. 2.1 and 2.3); bounds add this once per operation.
     */
    static final double UNDERFLOW = Double.MIN_VALUE;

    private FiniteDifferences() {
    }

    /** One column of a Jacobian by central differences, with its entrywise error bounds. */
    public record Column(double[] derivative, double[] tolerance, double h) {
    }

    /**
     * The derivative of {@code f} (vector-valued) at {@code x} by central differences, with bounds.
     *
     * @param f the function of the one coordinate being varied, returning the flat outputs
     * @param x the coordinate
     * @param delta the bound on the absolute rounding error of one evaluation of f
     */
    public static Column central(DoubleFunction<double[]> f, double x, double delta) {
        return central(f, x, null, delta, Math.max(1, Math.abs(x)));
    }

    /**
     * The derivative of {@code f} at {@code x} by central differences with per-entry rounding
     * bounds: {@code deltaAt.apply(v)[i]} bounds the rounding error of entry i of f(v), evaluated
     * at every point of the stencil. The step is {@code eps^(1/3) scale}: scale is the length over
     * which f varies ({@link #scale}).
     */
    public static Column central(DoubleFunction<double[]> f, double x, DoubleFunction<double[]> deltaAt, double scale) {
        return central(f, x, deltaAt, 0, scale);
    }

    private static Column central(DoubleFunction<double[]> f, double x, DoubleFunction<double[]> deltaAt, double delta,
                                  double scale) {
        double xp = x + Math.cbrt(EPS) * scale;
        double xm = x - Math.cbrt(EPS) * scale;
        double step = xp - xm;                         // exact (Sterbenz), = 2h as rounded
        double h = step / 2;
        double[] fp = f.apply(xp);
        double[] fm = f.apply(xm);
        double k = Math.pow(EPS, 0.2) * scale;
        double[][] t1 = thirdDifference(f, x, k);
        double[][] t2 = thirdDifference(f, x, 2 * k);
        double[] dp = deltaAt == null ? null : deltaAt.apply(xp);
        double[] dm = deltaAt == null ? null : deltaAt.apply(xm);
        double[] dStencil = deltaAt == null ? null : stencilDelta(deltaAt, x, k);
        double[] d = new double[fp.length];
        double[] tol = new double[fp.length];
        double r = h / k;                              // h^2 |T| = r^2 k^2 |T|, kept in range for huge x
        // x +- h rounded are not symmetric about x: with h1 = xp - x, h2 = x - xm (exactly), the quotient is
        // f'(x) + f''(x) (h1 - h2) / 2 + O(h^2 f'''), |h1 - h2| <= ulp(x) (soak seed 40: the MSE loss at its minimum
        // x = 1, f' = 0, quotient -5.6e-17 = f'' (h1 - h2) / 2). f'' from the same stencil, as T: S(k) below.
        double asym = new BigDecimal(xp).add(new BigDecimal(xm)).subtract(new BigDecimal(x).multiply(BigDecimal.valueOf(2)))
                .abs().doubleValue();
        double asymOverK = asym / k;
        for (int i = 0; i < d.length; i++) {
            d[i] = (fp[i] - fm[i]) / step;
            double rounding = deltaAt == null ? delta / h : (dp[i] + dm[i]) / step + 1.5 * EPS * Math.abs(d[i]);
            double stencil = deltaAt == null ? 3 * delta / k : 3 * dStencil[i] / k;
            double m3k2 = Math.max(Math.abs(t1[0][i]), Math.abs(t2[0][i]) / 4) + stencil;
            double m2k = Math.abs(t1[1][i]) + (deltaAt == null ? 4 * delta / (3 * k) : 4 * dStencil[i] / (3 * k));
            double asymmetry = asym == 0 ? 0 : SAFETY * m2k * asymOverK / 2;
            tol[i] = SAFETY * r * r / 6 * m3k2 + rounding + asymmetry;
        }
        return new Column(d, tol, h);
    }

    /** The largest per-entry rounding bound over the points x +- k, x +- 2k, x +- 4k of the third differences. */
    private static double[] stencilDelta(DoubleFunction<double[]> deltaAt, double x, double k) {
        double[] m = null;
        for (double t : new double[] {k, 2 * k, 4 * k}) {
            for (double v : new double[] {x + t, x - t}) {
                double[] dv = deltaAt.apply(v);
                if (m == null) {
                    m = dv.clone();
                } else {
                    for (int i = 0; i < m.length; i++) {
                        m[i] = Math.max(m[i], dv[i]);
                    }
                }
            }
        }
        return m;
    }

    private static double[][] thirdDifference(DoubleFunction<double[]> f, double x, double k) {
        double[] a = f.apply(x + 2 * k);
        double[] b = f.apply(x + k);
        double[] c = f.apply(x - k);
        double[] e = f.apply(x - 2 * k);
        double[] t = new double[a.length];
        double[] second = new double[a.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (a[i] - 2 * b[i] + 2 * c[i] - e[i]) / (2 * k);      // T(k) k^2
            second[i] = (a[i] - b[i] - c[i] + e[i]) / (3 * k);         // S(k) k
        }
        return new double[][] {t, second};
    }

    /**
     * The length over which the primitive varies near x: |x| for log, sqrt and pow (pole at 0, so
     * that steps stay relative down to 1e-300) and for abs and relu (the stencil never reaches the
     * kink at 0); the distance 1 + x to the pole for log1p near -1; 1 for exp, tanh, sigmoid, sin
     * and cos (they change by a bounded factor per unit at any x); max(1, |x|) otherwise.
     */
    static double scale(Primitive op, double x) {
        return switch (op.name()) {
            case "log", "sqrt", "pow", "abs", "relu" -> x == 0 ? 1 : Math.abs(x);
            case "log1p" -> Math.min(Math.max(1, Math.abs(x)), 1 + x);
            case "exp", "tanh", "sech2", "sigmoid", "sin", "cos" -> 1;
            default -> Math.max(1, Math.abs(x));
        };
    }

    /** The inputs with entry j of input a replaced by v. */
    static Tensor[] perturbed(Tensor[] x, int a, int j, double v) {
        Tensor[] out = x.clone();
        double[] d = x[a].toArray();
        d[j] = v;
        out[a] = Tensor.of(x[a].shape(), d);
        return out;
    }

    /**
     * The Jacobian of a primitive at a sample by central differences: {@code cols[a][j]} is the
     * column for entry j of input a (flat, row-major).
     */
    public static Column[][] jacobian(OpSample s) {
        Tensor[] x = s.inputs();
        Primitive op = s.op();
        Column[][] cols = new Column[x.length][];
        for (int a = 0; a < x.length; a++) {
            double[] xa = x[a].toArray();
            cols[a] = new Column[xa.length];
            for (int j = 0; j < xa.length; j++) {
                int ia = a;
                int ij = j;
                Column c = central(v -> op.forward(perturbed(x, ia, ij, v), s.attrs()).toArray(), xa[j],
                        v -> RoundingModel.bound(op, perturbed(x, ia, ij, v), s.attrs()), scale(op, xa[j]));
                double[] ad = RoundingModel.derivativeBound(op, x, s.attrs(), c.derivative(), c.tolerance());
                double[] tol = c.tolerance().clone();
                for (int i = 0; i < tol.length; i++) {
                    tol[i] += ad[i];
                }
                cols[a][j] = new Column(c.derivative(), tol, c.h());
            }
        }
        return cols;
    }

    /** Fresh variables for a sample in a new graph. */
    static dlmath.autodiff.Var[] variables(Graph g, Tensor[] x) {
        return dlmath.autodiff.Autodiff.variables(g, x);
    }

    /** Compares the reverse-mode Jacobian, row by row, with the central-difference columns. */
    public static void compareReverse(Check check, OpSample s) {
        Tensor[] x = s.inputs();
        Column[][] fd = jacobian(s);
        Graph g = new Graph();
        Var[] vars = Autodiff.variables(g, x);
        Var y = g.apply(s.op(), s.attrs(), vars);
        int outputs = y.value().size();
        for (int i = 0; i < outputs; i++) {
            double[] seed = new double[outputs];
            seed[i] = 1;
            Var[] rows = Autodiff.grad(y, Tensor.of(y.shape(), seed), false, vars);
            for (int a = 0; a < x.length; a++) {
                double[] row = rows[a].value().toArray();
                for (int j = 0; j < row.length; j++) {
                    Column col = fd[a][j];
                    check.note("h", col.h());
                    Claims.close(s.op().name() + ": d y[" + i + "] / d x" + a + "[" + j + "], reverse mode vs central difference",
                            row[j], col.derivative()[i], col.tolerance()[i]);
                }
            }
        }
    }

    /** Compares each forward-mode column J e_j with the central-difference column. */
    public static void compareForward(Check check, OpSample s) {
        Tensor[] x = s.inputs();
        Column[][] fd = jacobian(s);
        for (int a = 0; a < x.length; a++) {
            for (int j = 0; j < x[a].size(); j++) {
                Graph g = new Graph();
                Var[] vars = new Var[x.length];
                for (int b = 0; b < x.length; b++) {
                    double[] t = new double[x[b].size()];
                    if (b == a) {
                        t[j] = 1;
                    }
                    vars[b] = g.dual(x[b], Tensor.of(x[b].shape(), t));
                }
                double[] column = g.apply(s.op(), s.attrs(), vars).tangent().toArray();
                Column col = fd[a][j];
                for (int i = 0; i < column.length; i++) {
                    Claims.close(s.op().name() + ": d y[" + i + "] / d x" + a + "[" + j + "], forward mode vs central difference",
                            column[i], col.derivative()[i], col.tolerance()[i]);
                }
            }
        }
    }
}
