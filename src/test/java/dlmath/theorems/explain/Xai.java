package dlmath.theorems.explain;

import dlmath.autodiff.Var;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Tol;
import dlmath.explain.Game;
import dlmath.explain.Target;
import dlmath.nn.Layers;
import dlmath.nn.Params;
import dlmath.tensor.Tensor;
import java.math.BigInteger;
import java.util.Arrays;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Shared models, generators and independent references of the XAI chapter: one-hidden-layer tanh
 * networks with closed-form bounds on the derivatives along a segment, quadratics, integer games,
 * and exact Shapley values in rationals (commons-math3 {@link BigFraction}) by the subset formula
 * and by permutations, both written here, apart from {@code dlmath.explain}.
 */
final class Xai {

    private Xai() {
    }

    /** sup |tanh^(k)| for k = 0..5 (1, 1, 4/(3 sqrt 3), 2, 4.0859, 16), rounded up. */
    static final double[] TANH_DERIVATIVE_BOUND = {1, 1, 0.76981, 2, 4.0859, 16};

    /** Doubles in [lo, hi] with tiny magnitudes (below 1e-200) flushed to exact zeros. */
    static Gen<Double> entries(double lo, double hi) {
        return Gens.doubles(lo, hi).map(v -> Math.abs(v) < 1e-200 ? 0.0 : v);
    }

    /** Dyadic numbers j / 2^k with |j| &lt;= 16: exact arithmetic in small networks, frequent ties and zeros. */
    static Gen<Double> dyadic(int k) {
        return Gens.integers(-16, 16).map(j -> Math.scalb((double) j, -k));
    }

    static Gen<Tensor> vector(int n, Gen<Double> e) {
        return s -> {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = s.draw(e);
            }
            return Tensor.of(v);
        };
    }

    static Gen<Tensor> matrix(int r, int c, Gen<Double> e) {
        return s -> {
            double[][] v = new double[r][c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    v[i][j] = s.draw(e);
                }
            }
            return Tensor.of(v);
        };
    }

    /** A tensor on one line: [..] or [[..], [..]]. */
    static String show(Tensor t) {
        return t.rank() == 2 ? Arrays.deepToString(t.toArray2D()) : Arrays.toString(t.toArray());
    }

    /** A generated case: named parts, printed on one line. */
    record Parts(String[] names, Object[] values) {
        Object get(int i) {
            return values[i];
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < names.length; i++) {
                Object v = values[i];
                b.append(i == 0 ? "" : ", ").append(names[i]).append(" = ").append(v instanceof Tensor t ? show(t) : v);
            }
            return b.toString();
        }
    }

    /** An input x and a baseline x' that share some entries exactly (ties: d_i = 0). */
    record Pair(Tensor x, Tensor baseline) {
        double[] d() {
            double[] a = x.toArray();
            double[] b = baseline.toArray();
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i] - b[i];
            }
            return d;
        }

        boolean hasTie() {
            for (double v : d()) {
                if (v == 0) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "x = " + Arrays.toString(x.toArray()) + ", x' = " + Arrays.toString(baseline.toArray());
        }
    }

    /** Pairs of length n: entries from e; each baseline entry is a fresh draw, x_i itself (a tie) or 0. */
    static Gen<Pair> pairs(int n, Gen<Double> e) {
        return s -> {
            double[] x = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = s.draw(e);
                int kind = s.draw(Gens.integers(0, 3));
                b[i] = kind == 0 ? x[i] : kind == 1 ? 0 : s.draw(e);
            }
            return new Pair(Tensor.of(x), Tensor.of(b));
        };
    }

    /**
     * Required share (percent) of pairs with a tie, for properties with at least 100 random tries: each entry of
     * {@link #pairs} is a tie with probability at least 1/3, so P(tie) &gt;= 1/3, and the share falls below 5% with
     * probability at most exp(-100 D(0.05 || 1/3)) = 3.4e-11 (Chernoff-Hoeffding, D the binary KL divergence).
     */
    static final double COVER_TIES = 5;

    /** Pairs of independent draws (no planted ties). */
    static Gen<Pair> freshPairs(int n, Gen<Double> e) {
        return Gens.tuples(vector(n, e), vector(n, e)).map(t -> new Pair(t.first(), t.second()));
    }

    // ------------------------------------------------------------------ tanh networks

    /** f(x) = v . tanh(W x + c) + e, W [H, n]. */
    record TanhNet(Tensor w, Tensor c, Tensor v, double e) {
        int inputs() {
            return w.dim(1);
        }

        int hidden() {
            return w.dim(0);
        }

        /** As a Var function: v . tanh(W x + c) + e (Target.of). */
        Target target() {
            int n = inputs();
            int h = hidden();
            return Target.of(new int[] {n}, x -> {
                var g = x.graph();
                return g.constant(w).matmul(x.reshape(n, 1)).reshape(h).add(g.constant(c)).tanh().mul(g.constant(v)).sum().add(e);
            });
        }

        /** Through nn: Sequential(Linear(n, H), Tanh, Linear(H, 1)), output 0. */
        Target model() {
            Layers.Sequential model = Layers.Sequential.of(new Layers.Linear(inputs(), hidden()),
                    new Layers.Activation(Layers.Kind.TANH), new Layers.Linear(hidden(), 1));
            Params p = Params.of("0.weight", w, "0.bias", c, "2.weight", v.reshape(1, hidden()), "2.bias", Tensor.of(e));
            return Target.model(model, p, Params.EMPTY, new int[] {inputs()}, 0);
        }

        /** f(x) by a plain loop with Math.tanh (the independent side). */
        double value(double[] x) {
            double f = e;
            for (int j = 0; j < hidden(); j++) {
                double u = c.get(j);
                for (int i = 0; i < inputs(); i++) {
                    u += w.get(j, i) * x[i];
                }
                f += v.get(j) * Math.tanh(u);
            }
            return f;
        }

        /** s = W d: the rate of each hidden pre-activation along the segment. */
        double[] slopes(double[] d) {
            double[] s = new double[hidden()];
            for (int j = 0; j < s.length; j++) {
                for (int i = 0; i < inputs(); i++) {
                    s[j] += w.get(j, i) * d[i];
                }
            }
            return s;
        }

        /**
         * sup over the segment of |h^(k)| for h(a) = f(x' + a d): h^(k) = sum_j v_j s_j^k tanh^(k)(u_j + a s_j),
         * so |h^(k)| &lt;= T_k sum_j |v_j| |s_j|^k (rounded up by 1e-12 relative for the evaluation of the sum).
         */
        double pathDerivativeBound(double[] d, int k) {
            double[] s = slopes(d);
            double b = 0;
            for (int j = 0; j < s.length; j++) {
                b += Math.abs(v.get(j)) * Math.pow(Math.abs(s[j]), k);
            }
            return TANH_DERIVATIVE_BOUND[k] * b * (1 + 1e-12);
        }

        /** U_j = sum_i |W_ji| (|x'_i| + |d_i|) + |c_j|: bounds |u_j| and its operands on the segment. */
        double[] scales(Pair p) {
            double[] b = p.baseline().toArray();
            double[] d = p.d();
            double[] u = new double[hidden()];
            for (int j = 0; j < u.length; j++) {
                u[j] = Math.abs(c.get(j));
                for (int i = 0; i < inputs(); i++) {
                    u[j] += Math.abs(w.get(j, i)) * (Math.abs(b[i]) + Math.abs(d[i]));
                }
            }
            return u;
        }

        /**
         * Rounding allowance of sum_i IG_i against f(x) - f(x'), both computed in floating point, with m
         * steps (first order, Higham Sec. 3.1). A point of the path has absolute error gamma_3 (|x'| + |d|);
         * u_j = (W p + c)_j errs by at most gamma_{n+4} U_j; tanh (within 3 ulp) and the argument error give
         * |dt_j| &lt;= 3u + gamma_{n+4} U_j; the gradient entry sum_j v_j (1 - t_j^2) W_ji then errs by at most
         * gamma_{n+H+10} sum_j |v_j| |W_ji| (1 + 2 U_j); the weighted sum of m + 1 nodes and the products with
         * d_i add gamma_{m+3}; the final sum over i gamma_n. Each value f errs by at most
         * gamma_{n+H+8} (sum_j |v_j| (1 + U_j) + |e|). Returned: the sum of all these with gamma_{n+H+m+16}.
         */
        double rounding(Pair p, int m) {
            double[] u = scales(p);
            double[] d = p.d();
            double g = 0;
            for (int i = 0; i < inputs(); i++) {
                double gi = 0;
                for (int j = 0; j < hidden(); j++) {
                    gi += Math.abs(v.get(j)) * Math.abs(w.get(j, i)) * (1 + 2 * u[j]);
                }
                g += Math.abs(d[i]) * gi;
            }
            double f = Math.abs(e);
            for (int j = 0; j < hidden(); j++) {
                f += Math.abs(v.get(j)) * (1 + u[j]);
            }
            return Tol.gamma(inputs() + hidden() + m + 16) * (g + 3 * f);
        }

        @Override
        public String toString() {
            return "W = " + Arrays.deepToString(w.toArray2D()) + ", c = " + Arrays.toString(c.toArray()) + ", v = "
                    + Arrays.toString(v.toArray()) + ", e = " + e;
        }
    }

    static Gen<TanhNet> tanhNets(int n) {
        return s -> {
            int h = s.draw(Gens.integers(1, 5));
            Gen<Double> e = entries(-2, 2);
            return new TanhNet(s.draw(matrix(h, n, e)), s.draw(vector(h, e)), s.draw(vector(h, e)), s.draw(e));
        };
    }

    // ------------------------------------------------------------------ quadratics

    /** f(x) = 1/2 x^T A x + b^T x + c with A symmetric. */
    record Quadratic(Tensor a, Tensor b, double c) {
        int n() {
            return b.size();
        }

        Target target() {
            int n = n();
            return Target.of(new int[] {n}, x -> {
                Var ax = x.graph().constant(a).matmul(x.reshape(n, 1)).reshape(n);
                return x.mul(ax).sum().mul(0.5).add(x.graph().constant(b).mul(x).sum()).add(c);
            });
        }

        @Override
        public String toString() {
            return "A = " + Arrays.deepToString(a.toArray2D()) + ", b = " + Arrays.toString(b.toArray()) + ", c = " + c;
        }
    }

    static Gen<Quadratic> quadratics(int n) {
        return s -> {
            Gen<Double> e = Gens.oneOf(entries(-4, 4), Gens.constant(0.0));
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    a[i][j] = s.draw(e);
                    a[j][i] = a[i][j];
                }
            }
            return new Quadratic(Tensor.of(a), s.draw(vector(n, e)), s.draw(entries(-4, 4)));
        };
    }

    // ------------------------------------------------------------------ games and exact Shapley values

    /** A game on n players by its table of worths, indexed by bit mask. */
    record TableGame(int n, long[] worth) implements Game {
        @Override
        public double value(int coalition) {
            return worth[coalition];
        }

        @Override
        public String toString() {
            return "n = " + n + ", v = " + Arrays.toString(worth);
        }
    }

    /**
     * Integer games on n players with worths in [-20, 20]: each worth independent, or additive (a sum of
     * per-player worths: every player is a dummy), or with a planted null player 0 (v(S u {0}) = v(S)) and
     * a planted symmetric pair 1, 2 (v(S u {1}) = v(S u {2})).
     */
    static Gen<TableGame> games(int minN, int maxN) {
        return s -> {
            int n = s.draw(Gens.integers(minN, maxN));
            int kind = s.draw(Gens.integers(0, 2));
            long[] v = new long[1 << n];
            long[] single = new long[n];
            for (int i = 0; i < n; i++) {
                single[i] = s.draw(Gens.integers(-5, 5));
            }
            for (int c = 0; c < v.length; c++) {
                if (kind == 1) {
                    long sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += (c >> i & 1) * single[i];
                    }
                    v[c] = sum;
                } else {
                    v[c] = s.draw(Gens.integers(-20, 20));
                }
            }
            if (kind == 2) {
                plantNullAndSymmetric(v, n);
            }
            return new TableGame(n, v);
        };
    }

    /** Makes player 0 null and players 1, 2 symmetric, by copying worths downwards. */
    static void plantNullAndSymmetric(long[] v, int n) {
        for (int c = 0; c < v.length; c++) {
            if ((c & 1) != 0) {
                v[c] = v[c & ~1];
            }
        }
        if (n >= 3) {
            for (int c = 0; c < v.length; c++) {
                if ((c & 2) != 0 && (c & 4) == 0) {
                    v[c] = v[(c & ~2) | 4];
                }
            }
        }
    }

    /** Exact Shapley values by the subset formula in rationals: sum_S |S|! (n-|S|-1)! / n! (v(S u i) - v(S)). */
    static BigFraction[] shapleyBySubsets(long[] v, int n) {
        BigFraction[] t = new BigFraction[v.length];
        for (int c = 0; c < v.length; c++) {
            t[c] = new BigFraction(v[c]);
        }
        return shapleyBySubsets(t, n);
    }

    /** The subset formula on rational worths (a double worth converts exactly). */
    static BigFraction[] shapleyBySubsets(BigFraction[] v, int n) {
        BigFraction[] phi = new BigFraction[n];
        BigInteger nf = factorial(n);
        for (int i = 0; i < n; i++) {
            BigFraction sum = BigFraction.ZERO;
            for (int c = 0; c < v.length; c++) {
                if ((c >> i & 1) == 0) {
                    int s = Integer.bitCount(c);
                    BigInteger w = factorial(s).multiply(factorial(n - s - 1));
                    sum = sum.add(v[c | 1 << i].subtract(v[c]).multiply(new BigFraction(w, nf)));
                }
            }
            phi[i] = sum;
        }
        return phi;
    }

    /** Exact Shapley values as the mean marginal contribution over all n! orders (Shapley 1953, Sec. 3, Eq. (4)). */
    static BigFraction[] shapleyByPermutations(long[] v, int n) {
        long[] total = new long[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long count = 0;
        do {
            int coalition = 0;
            for (int k = 0; k < n; k++) {
                int next = coalition | 1 << order[k];
                total[order[k]] += v[next] - v[coalition];
                coalition = next;
            }
            count++;
        } while (nextPermutation(order));
        BigFraction[] phi = new BigFraction[n];
        for (int i = 0; i < n; i++) {
            phi[i] = new BigFraction(BigInteger.valueOf(total[i]), BigInteger.valueOf(count));
        }
        return phi;
    }

    static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }

    static BigInteger factorial(int k) {
        BigInteger f = BigInteger.ONE;
        for (int j = 2; j <= k; j++) {
            f = f.multiply(BigInteger.valueOf(j));
        }
        return f;
    }

    /** sum_S w_|S| |v(S u i) - v(S)| with the Shapley weights: the scale of the rounding of phi_i. */
    static double shapleyMagnitude(long[] v, int n, int i) {
        double m = 0;
        for (int c = 0; c < v.length; c++) {
            if ((c >> i & 1) == 0) {
                int s = Integer.bitCount(c);
                m += Math.abs((double) (v[c | 1 << i] - v[c])) / (n * binom(n - 1, s));
            }
        }
        return m;
    }

    static double binom(int n, int k) {
        return new BigFraction(factorial(n), factorial(k).multiply(factorial(n - k))).doubleValue();
    }
}
