package dlmath.theorems.autodiff;

import dlmath.autodiff.Attrs;
import dlmath.autodiff.Primitive;
import dlmath.check.Tol;
import dlmath.tensor.Tensor;

/**
 * Per-entry bounds on the rounding error of one evaluation of a primitive, derived for each
 * operation from its definition and the inputs (Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., SIAM 2002), never from numbers the code under test reports about its run.
 * u = 2^-53; {@code gamma_k = ku / (1 - ku)}; every bound also allows one gradual-underflow
 * quantum per operation (Higham Sec. 2.1), and first-order bounds carry a factor 2 for the
 * second-order terms. Entry i bounds {@code |fl(f(x))_i - f(x)_i|}:
 * <ul>
 *   <li>neg, abs, relu, where, max and the data movements (reshape, transpose, broadcastTo,
 *       slice, concat, gather, maxPool2d): exact, 0;</li>
 *   <li>exp, log, log1p, sqrt, sin, cos, pow: within 1 ulp (java.lang.Math's specification),
 *       tanh within 2.5 ulps; sigmoid {@code 1/(1+e^-x)} or {@code e^x/(1+e^x)}: exp's ulp, an
 *       addition and a division; sech2 {@code 4e/(1+e)^2}, e = exp(-2|x|): exp's ulp, an addition,
 *       a square and a division; at most 6u relative: 6u |y_i| for all of them;</li>
 *   <li>add, sub, mul, div on exact inputs: one rounding, u |y_i|;</li>
 *   <li>sums of products with non-negative coefficients (sum, sumTo, mean, matmul, conv2d and its
 *       two gradients, avgPool2d and its transpose, scatterAdd): {@code gamma_K f(|x|)_i}
 *       (Higham eq. 3.5 for each inner product), K = the total number of input entries + 2, a
 *       bound on the terms of any output entry plus a scaling;</li>
 *   <li>logsumexp of a group of k with maximum M: {@code gamma_(k+4) (|y| + |y - M| + max|x_j - M| + 1)};</li>
 *   <li>softmax: {@code y_i (gamma_(k+5) + 2u max_j|x_j - M|)} (the exponent x_j - M is off by
 *       u|x_j - M|, each exponential by a relative 2u, the sum by gamma_(k-1), the quotient by u);</li>
 *   <li>solve: normwise forward error {@code gamma_3n (1 + 2 rho (n^2 - n)) ||A||_inf ||x||_inf ||A^-1||_inf}
 *       (Higham Thm 9.4 with Lemma 9.6): for A strictly diagonally dominant (the samples) growth factor
 *       rho <= 2 (Thm 9.9) and Varah's bound {@code ||A^-1||_inf <= 1 / min_i(|a_ii| - sum_(j != i) |a_ij|)};
 *       for A symmetric positive definite (inside whole programs) rho <= 2^(n-1) (Thm 9.7) and
 *       {@code ||A^-1||_inf <= sqrt(n) / lambda_min}, lambda_min from {@link #eigenvalueBounds};</li>
 *   <li>logdet of S = (A + A^T)/2: Cholesky is backward stable, {@code S + dS = L L^T},
 *       {@code |dS| <= gamma_(n+1) |L||L^T|} (Higham Thm 10.3), so {@code |tr(S^-1 dS)| <= n^2
 *       gamma_(n+2) kappa_2(S)} (the symmetric part adds u|S|), plus the n logarithms and their sum,
 *       {@code gamma_(n+2) n max|log lambda|}; the eigenvalues by a cyclic Jacobi iteration written here;</li>
 *   <li>batchNorm: the running error of its definition, per channel of m entries: mean
 *       gamma_m mean|x|, centring, the biased variance, the square root and the affine map (see
 *       {@link #batchNorm}).</li>
 * </ul>
 */
final class RoundingModel {

    static final double U = Math.ulp(1.0) / 2;
    static final double UNDERFLOW = Double.MIN_VALUE;

    private RoundingModel() {
    }

    /** The bound for every output entry (row-major) of {@code op} at {@code x}. */
    static double[] bound(Primitive op, Tensor[] x, Attrs a) {
        return bound(op, x, a, op.forward(x, a));
    }

    /** As {@link #bound(Primitive, Tensor[], Attrs)}, given y = op(x) as computed. */
    static double[] bound(Primitive op, Tensor[] x, Attrs a, Tensor y) {
        int n = y.size();
        double[] yv = y.toArray();
        double[] out = new double[n];
        switch (op.name()) {
            case "neg", "abs", "relu", "where", "max", "reshape", "transpose", "broadcastTo", "slice", "concat",
                 "gather", "maxPool2d" -> {
                return out;
            }
            case "exp", "log", "log1p", "sqrt", "sin", "cos", "pow", "tanh", "sigmoid", "sech2" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = 6 * U * Math.abs(yv[i]) + 2 * UNDERFLOW;
                }
                return out;
            }
            case "add", "sub", "mul", "div" -> {
                for (int i = 0; i < n; i++) {
                    out[i] = U * Math.abs(yv[i]) + UNDERFLOW;
                }
                return out;
            }
            case "sum", "sumTo", "mean", "matmul", "conv2d", "conv2dInputGrad", "conv2dWeightGrad", "avgPool2d",
                 "avgPool2dTranspose", "scatterAdd" -> {
                Tensor[] abs = new Tensor[x.length];
                int k = 2;
                for (int i = 0; i < x.length; i++) {
                    abs[i] = x[i].abs();
                    k += x[i].size();
                }
                double[] m = op.forward(abs, a).toArray();
                for (int i = 0; i < n; i++) {
                    out[i] = 2 * Tol.gamma(k) * m[i] + k * UNDERFLOW;
                }
                return out;
            }
            case "logsumexp" -> {
                int[] axes = a.ints("axes");
                Tensor max = x[0].max(axes, true);
                int k = x[0].size() / n;
                double[] dev = x[0].sub(max).abs().max(axes, true).toArray();
                double[] mv = max.toArray();
                for (int i = 0; i < n; i++) {
                    out[i] = 2 * Tol.gamma(k + 4) * (Math.abs(yv[i]) + Math.abs(yv[i] - mv[i]) + dev[i] + 1) + (k + 4) * UNDERFLOW;
                }
                return out;
            }
            case "softmax" -> {
                int[] axis = {a.integer("axis")};
                Tensor max = x[0].max(axis, true);
                int k = x[0].shape()[dlmath.tensor.Shapes.normalizeAxis(axis[0], x[0].rank())];
                double[] dev = x[0].sub(max).abs().max(axis, true).broadcastTo(x[0].shape()).toArray();
                for (int i = 0; i < n; i++) {
                    out[i] = 2 * yv[i] * (Tol.gamma(k + 5) + 2 * U * dev[i]) + (k + 5) * UNDERFLOW;
                }
                return out;
            }
            case "solve" -> {
                double[][] m = x[0].toArray2D();
                int d = m.length;
                Dominance dom = Dominance.of(m);
                double margin = dom.rows();
                double normA = dom.normInf();
                double inv = RunningError.inverseNormBound(m, new double[d][d]);   // Varah, or sqrt(n) / lambda_min if SPD
                double rho = margin > 0 ? 2 : Math.pow(2, d - 1);                    // growth factor of partial pivoting
                if (!(inv < Double.POSITIVE_INFINITY)) {
                    java.util.Arrays.fill(out, Double.POSITIVE_INFINITY);   // no derived bound: callers refuse such samples
                    return out;
                }
                double bound = 2 * Tol.gamma(3 * d) * (1 + 2 * rho * (d * d - d)) * normA * y.normInf() * inv + 3 * d * UNDERFLOW;
                java.util.Arrays.fill(out, bound);
                return out;
            }
            case "logdet" -> {
                Tensor s = x[0].add(x[0].transpose()).mul(0.5);
                double[] range = spectrumRange(s);
                double lo = range[0];
                double hi = range[1];
                int d = s.dim(0);
                if (!(lo > 0)) {
                    out[0] = Double.POSITIVE_INFINITY;     // not shown positive definite: no derived bound
                    return out;
                }
                double logs = Math.max(Math.abs(Math.log(lo)), Math.abs(Math.log(hi)));
                out[0] = 2 * (d * d * Tol.gamma(d + 2) * hi / lo + Tol.gamma(d + 2) * d * logs) + 4 * d * UNDERFLOW;
                return out;
            }
            case "batchNorm" -> {
                return batchNorm(x, a.real("eps"));
            }
            default -> throw new IllegalArgumentException("no rounding model for primitive " + op.name());
        }
    }

    /**
     * Diagonal dominance of a square matrix: the smallest margins {@code |a_ii| - sum_(j != i) |a_ij|}
     * over rows and over columns (positive: strictly dominant, Varah's bound 1 / margin on the
     * inverse's infinity norm, of A and of A^T), and {@code ||A||_inf}.
     */
    record Dominance(double rows, double cols, double normInf) {
        static Dominance of(double[][] m) {
            int d = m.length;
            double rows = Double.POSITIVE_INFINITY;
            double cols = Double.POSITIVE_INFINITY;
            double norm = 0;
            for (int i = 0; i < d; i++) {
                double offRow = 0;
                double offCol = 0;
                double row = 0;
                for (int c = 0; c < d; c++) {
                    row += Math.abs(m[i][c]);
                    if (c != i) {
                        offRow += Math.abs(m[i][c]);
                        offCol += Math.abs(m[c][i]);
                    }
                }
                rows = Math.min(rows, Math.abs(m[i][i]) - offRow);
                cols = Math.min(cols, Math.abs(m[i][i]) - offCol);
                norm = Math.max(norm, row);
            }
            return new Dominance(rows, cols, norm);
        }
    }

    /**
     * batchNorm's running error, per channel of m entries (first order, times 2): mean mu off by
     * {@code e_mu = gamma_m mean|x|}; xc = x - mu by {@code e_c = u|xc| + e_mu}; v = mean(xc^2) by
     * {@code e_v = gamma_(m+1) v + 2 mean(|xc| e_c)}; s = sqrt(v + eps) relatively by
     * {@code r_s = (e_v + u(v + eps)) / (2(v + eps)) + u}; xhat = xc / s by
     * {@code e_h = e_c / s + |xhat| (r_s + u)}; y = gamma xhat + beta by
     * {@code |gamma| e_h + u |gamma xhat| + u |y|}.
     */
    static double[] batchNorm(Tensor[] x, double eps) {
        Tensor in = x[0];
        int[] axes = new int[in.rank() - 1];
        for (int d = 0, j = 0; d < in.rank(); d++) {
            if (d != 1) {
                axes[j++] = d;
            }
        }
        int m = in.size() / in.shape()[1];
        int[] cs = new int[in.rank()];
        java.util.Arrays.fill(cs, 1);
        cs[1] = in.shape()[1];
        Tensor mu = in.mean(axes, true);
        Tensor eMu = in.abs().mean(axes, true).mul(Tol.gamma(m + 1));
        Tensor xc = in.sub(mu);
        Tensor eC = xc.abs().mul(U).add(eMu);
        Tensor v = xc.mul(xc).mean(axes, true);
        Tensor eV = v.mul(Tol.gamma(m + 2)).add(xc.abs().mul(eC).mean(axes, true).mul(2.0));
        Tensor ve = v.add(eps);
        Tensor s = ve.sqrt();
        Tensor rS = eV.add(ve.mul(U)).div(ve.mul(2.0)).add(U);
        Tensor xhat = xc.div(s);
        Tensor eH = eC.div(s).add(xhat.abs().mul(rS.add(U)));
        Tensor gamma = x[1].reshape(cs).abs();
        Tensor y = xhat.mul(x[1].reshape(cs)).add(x[2].reshape(cs));
        Tensor e = gamma.mul(eH).add(gamma.mul(xhat.abs()).mul(U)).add(y.abs().mul(U)).mul(2.0).add((m + 10) * UNDERFLOW);
        return e.toArray();
    }
    /**
     * A bound on the rounding error of the derivative that reverse or forward mode computes, for
     * the column of input entry j, given the central difference d (and its bound t, so
     * {@code |J_ij| <= |d_i| + t_i}). One-hot seeds and tangents make every rule a short formula
     * per entry (no sums of several non-zero terms, except where named):
     * <ul>
     *   <li>elementwise, multilinear and movement rules: at most 8 roundings, each relative to
     *       a quantity of size |J_ij| (e.g. exp: y's ulp and a product; sqrt: y's ulp, a doubling and
     *       a quotient; div: t = g/b and t y), so {@code 16u |J_ij|}; tanh and sigmoid form
     *       {@code 1 - y^2} and {@code 1 - y}, off by u relative to 1: add 16u;</li>
     *   <li>logsumexp: softmax with relative error {@code gamma_(k+4) + 2u D}, D = max|x_j - M|;
     *       softmax: {@code J_ij = y_i (delta_ij - y_j)} from y (same relative error, + 3u) and a
     *       subtraction of terms at most y_i each: {@code 4 (gamma_(k+7) + 2u D) y_i};</li>
     *   <li>solve and logdet: the forward-error bound of the solve inside the rule (as in
     *       {@link #bound}) scaled by the norms of the factors it meets;</li>
     *   <li>batchNorm: {@code 2 (gamma_(m+20) + r) M}, M = |gamma| s^-1 (1 + (1 + max xhat^2)/m) + max|xhat| + 1
     *       and r the relative error of 1/s and xhat from {@link #batchNorm}'s model.</li>
     * </ul>
     */
    static double[] derivativeBound(Primitive op, Tensor[] x, Attrs a, double[] d, double[] t) {
        int n = d.length;
        double[] out = new double[n];
        double[] j = new double[n];
        for (int i = 0; i < n; i++) {
            j[i] = Math.abs(d[i]) + t[i];
            out[i] = 16 * U * j[i] + 4 * UNDERFLOW;
        }
        switch (op.name()) {
            case "tanh", "sigmoid" -> {
                for (int i = 0; i < n; i++) {
                    out[i] += 16 * U;
                }
            }
            case "logsumexp", "softmax" -> {
                int k;
                double dev;
                double[] y = op.forward(x, a).toArray();
                if (op.name().equals("softmax")) {
                    int axis = dlmath.tensor.Shapes.normalizeAxis(a.integer("axis"), x[0].rank());
                    k = x[0].shape()[axis];
                    dev = x[0].sub(x[0].max(new int[] {axis}, true)).abs().maxAll();
                } else {
                    int[] axes = a.ints("axes");
                    k = x[0].size() / y.length;
                    dev = x[0].sub(x[0].max(axes, true)).abs().maxAll();
                    y = new double[n];
                    java.util.Arrays.fill(y, 1);                 // J = softmax entries, at most 1
                }
                for (int i = 0; i < n; i++) {
                    out[i] += 4 * (Tol.gamma(k + 7) + 2 * U * dev) * Math.abs(y[i]);
                }
            }
            case "solve" -> {
                double[][] m = x[0].toArray2D();
                int dd = m.length;
                Dominance dom = Dominance.of(m);
                double rows = dom.rows();
                double cols = dom.cols();
                double normA = dom.normInf();
                double inv = 1 / Math.min(rows, cols);          // Varah: ||A^-1||_inf, ||A^-T||_inf
                double xs = op.forward(x, a).normInf();
                double c = 2 * Tol.gamma(3 * dd) * (1 + 4.0 * (dd * dd - dd)) * normA * inv;
                double bBar = c * inv;                           // the solve A^T bbar = e_i, ||bbar|| <= inv
                double e = bBar * (1 + xs) + inv * c * xs + 4 * U * inv * (1 + xs);
                for (int i = 0; i < n; i++) {
                    out[i] += rows > 0 && cols > 0 ? e : Double.POSITIVE_INFINITY;
                }
            }
            case "logdet" -> {
                Tensor s = x[0].add(x[0].transpose()).mul(0.5);
                double[] range = spectrumRange(s);
                double lo = range[0];
                double hi = range[1];
                int dd = s.dim(0);
                double inv = lo > 0 ? Math.sqrt(dd) / lo : Double.POSITIVE_INFINITY;                  // ||S^-1||_inf <= sqrt(n) ||S^-1||_2
                double normS = Math.sqrt(dd) * hi;
                double e = 2 * (Tol.gamma(3 * dd) * (1 + 2.0 * (dd * dd - dd) * 4) * normS * inv * inv + dd * U * hi / (lo * lo));
                for (int i = 0; i < n; i++) {
                    out[i] += e;
                }
            }
            case "batchNorm" -> {
                Tensor in = x[0];
                int[] axes = new int[in.rank() - 1];
                for (int dd = 0, q = 0; dd < in.rank(); dd++) {
                    if (dd != 1) {
                        axes[q++] = dd;
                    }
                }
                int m = in.size() / in.shape()[1];
                double eps = a.real("eps");
                Tensor xc = in.sub(in.mean(axes, true));
                Tensor v = xc.mul(xc).mean(axes, true);
                double inv = v.add(eps).sqrt().pow(-1.0).maxAll();
                double xhat = xc.div(v.add(eps).sqrt()).abs().maxAll();
                double gamma = x[1].abs().maxAll();
                double r = Tol.gamma(m + 4) * (1 + xhat * xhat) + eps * 0;
                double big = gamma * inv * (1 + (1 + xhat * xhat) / m) + xhat + 1;
                for (int i = 0; i < n; i++) {
                    out[i] += 2 * (Tol.gamma(m + 20) + 4 * r) * big;
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** The smallest and the largest (at least 0) of {@link #eigenvalueBounds} of the symmetric part s. */
    private static double[] spectrumRange(Tensor s) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double e : eigenvalueBounds(s.toArray2D())) {
            lo = Math.min(lo, e);
            hi = Math.max(hi, e);
        }
        return new double[] {lo, hi};
    }

    /**
     * Bounds on the eigenvalues of a small symmetric matrix: cyclic Jacobi rotations (Golub &amp; Van
     * Loan, 4th ed., Alg. 8.5.3) on a copy, at most 60 sweeps; the diagonal is then within
     * ||off-diagonal||_F + 4 n u ||S||_F of the spectrum (Weyl), so the smallest diagonal entry minus
     * that is a lower bound and the largest plus it an upper bound; returned as {lower, upper} per
     * entry pair {min, max}. (commons-math3's EigenDecomposition fails to converge on
     * [[1, 4.6e-155], [4.6e-155, 1]], found by the tries x10 soak, seeds 2 and 4.)
     */
    static double[] eigenvalueBounds(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        double fro = 0;
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
            for (double v : a[i]) {
                fro += v * v;
            }
        }
        fro = Math.sqrt(fro);
        for (int sweep = 0; sweep < 60; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] == 0) {
                        continue;
                    }
                    double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
                    double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(theta, 1));
                    double c = 1 / Math.hypot(t, 1);
                    double sn = t * c;
                    if (sn == 0) {
                        continue;
                    }
                    rotated = true;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k][p];
                        double mkq = m[k][q];
                        m[k][p] = c * mkp - sn * mkq;
                        m[k][q] = sn * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p][k];
                        double mqk = m[q][k];
                        m[p][k] = c * mpk - sn * mqk;
                        m[q][k] = sn * mpk + c * mqk;
                    }
                }
            }
            if (!rotated) {
                break;
            }
        }
        double off = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, m[i][i]);
            hi = Math.max(hi, m[i][i]);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    off += m[i][j] * m[i][j];
                }
            }
        }
        double slack = Math.sqrt(off) + 4 * n * U * fro;
        return new double[] {lo - slack, hi + slack};
    }
}
