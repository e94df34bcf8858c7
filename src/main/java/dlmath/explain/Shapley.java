package dlmath.explain;

import dlmath.tensor.Shapes;
import dlmath.tensor.Tensor;
import java.util.Objects;

/**
 * Exact Shapley values by enumeration of all 2^n coalitions (Shapley, A Value for n-Person Games,
 * 1953, Sec. 3; Lundberg &amp; Lee, A Unified Approach to Interpreting Model Predictions, NeurIPS 2017,
 * Eq. 8):
 *
 * <pre>
 *   phi_i = sum over S subset of N \ {i} of |S|! (n - |S| - 1)! / n! (v(S u {i}) - v(S))
 * </pre>
 *
 * For a model the game is interventional: v(S) = f(x_S, x'_{N \ S}) with a baseline x', or its
 * mean over a background set of baselines. Refuses more than {@link #MAX_FEATURES} players.
 */
public final class Shapley {

    /** The largest n for exact enumeration (2^12 = 4096 coalitions). */
    public static final int MAX_FEATURES = 12;

    private Shapley() {
    }

    static void requirePlayers(String op, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(op + ": the number of players n must be >= 1, got " + n);
        }
        if (n > MAX_FEATURES) {
            throw new IllegalArgumentException(op + ": exact enumeration visits all 2^n coalitions; n = " + n
                    + " features is more than MAX_FEATURES = " + MAX_FEATURES
                    + " (group the features, or use IntegratedGradients or Occlusion)");
        }
    }

    /** v on every coalition, each value checked finite. */
    static double[] table(String op, Game v, int n) {
        double[] t = new double[1 << n];
        for (int s = 0; s < t.length; s++) {
            t[s] = v.value(s);
            if (!Double.isFinite(t[s])) {
                throw new IllegalArgumentException(op + ": the game's worth of coalition " + Integer.toBinaryString(s)
                        + " (bit mask) is not finite: " + t[s]);
            }
        }
        return t;
    }

    /**
     * The Shapley values of a game.
     *
     * @param v the game
     * @param n the number of players, 1 to {@link #MAX_FEATURES}
     * @return phi_0..phi_{n-1}
     * @throws IllegalArgumentException if n is out of range or a worth is not finite
     */
    public static double[] values(Game v, int n) {
        Objects.requireNonNull(v, "v");
        requirePlayers("Shapley.values", n);
        double[] t = table("Shapley.values", v, n);
        double[] weight = new double[n];
        for (int s = 0; s < n; s++) {
            weight[s] = 1.0 / (n * binomial(n - 1, s));
        }
        double[] phi = new double[n];
        for (int i = 0; i < n; i++) {
            int bit = 1 << i;
            double sum = 0;
            for (int s = 0; s < t.length; s++) {
                if ((s & bit) == 0) {
                    sum += weight[Integer.bitCount(s)] * (t[s | bit] - t[s]);
                }
            }
            phi[i] = sum;
        }
        return finite("Shapley.values", phi);
    }

    /** Refuses attributions that overflowed (worths near the ends of the double range). */
    static double[] finite(String op, double[] phi) {
        for (int i = 0; i < phi.length; i++) {
            if (!Double.isFinite(phi[i])) {
                throw new IllegalArgumentException(op + ": attribution " + i + " overflows (" + phi[i]
                        + "): the differences of the worths exceed the double range");
            }
        }
        return phi;
    }

    /** C(n, k) as a double, exact for n &lt;= 12. */
    static double binomial(int n, int k) {
        int r = Math.min(k, n - k);   // C(n, k) = C(n, n - k): at most n/2 factors
        double c = 1;
        for (int j = 1; j <= r && c < Double.POSITIVE_INFINITY; j++) {   // C(n, j) >= 2^j: at most ~1024 factors
            c = c * (n - r + j) / j;
        }
        return c;
    }

    /**
     * The interventional game of f at x against one baseline: v(S) = f(z) with z_i = x_i for i in S
     * and z_i = x'_i otherwise (features in flat index order).
     *
     * @param f the target
     * @param x the input
     * @param baseline the baseline, of x's shape
     * @return the game on f.features() players
     * @throws IllegalArgumentException if the shapes differ, an entry is not finite, or there are
     *     more than {@link #MAX_FEATURES} features
     */
    public static Game interventional(Target f, Tensor x, Tensor baseline) {
        Objects.requireNonNull(f, "f");
        f.requireInput("Shapley.interventional", "x", x);
        f.requireInput("Shapley.interventional", "baseline", baseline);
        requirePlayers("Shapley.interventional", f.features());
        double[] xs = x.toArray();
        double[] bs = baseline.toArray();
        int[] shape = f.shape();
        return s -> {
            double[] z = new double[xs.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = (s >> i & 1) != 0 ? xs[i] : bs[i];
            }
            return f.value(Tensor.of(shape, z));
        };
    }

    /**
     * The interventional game averaged over a background set: v(S) = (1/k) sum_j f(x_S, b_j).
     *
     * @param f the target
     * @param x the input
     * @param background k baselines stacked on a leading axis, shape [k, shape of x...], k &gt;= 1
     * @return the game on f.features() players
     * @throws IllegalArgumentException if the shapes do not fit, an entry is not finite, or there
     *     are more than {@link #MAX_FEATURES} features
     */
    public static Game expected(Target f, Tensor x, Tensor background) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(background, "background");
        f.requireInput("Shapley.expected", "x", x);
        requirePlayers("Shapley.expected", f.features());
        Game[] games = perBaseline("Shapley.expected", f, x, background);
        return s -> {
            double sum = 0;
            for (Game g : games) {
                sum += g.value(s);
            }
            return sum / games.length;
        };
    }

    static Game[] perBaseline(String op, Target f, Tensor x, Tensor background) {
        int[] shape = f.shape();
        int[] bs = background.shape();
        boolean fits = bs.length == shape.length + 1 && bs[0] >= 1;
        for (int i = 0; fits && i < shape.length; i++) {
            fits = bs[i + 1] == shape[i];
        }
        if (!fits) {
            throw new IllegalArgumentException(op + ": background has shape " + Shapes.toString(bs)
                    + ", but must be [k, " + Shapes.toString(shape).replaceAll("^\\[|\\]$", "") + "] with k >= 1 baselines"
                    + " of the input's shape " + Shapes.toString(shape));
        }
        Game[] games = new Game[bs[0]];
        for (int j = 0; j < games.length; j++) {
            games[j] = interventional(f, x, background.slice(0, j, j + 1).reshape(shape));
        }
        return games;
    }

    /**
     * Exact Shapley values of f at x against a baseline (the interventional game).
     *
     * @param f the target
     * @param x the input
     * @param baseline the baseline
     * @return the attributions, of x's shape; they sum to f(x) - f(x')
     */
    public static Tensor baseline(Target f, Tensor x, Tensor baseline) {
        Game v = interventional(f, x, baseline);
        return Tensor.of(f.shape(), values(v, f.features()));
    }

    /**
     * Exact Shapley values of f at x, the game averaged over a background set.
     *
     * @param f the target
     * @param x the input
     * @param background [k, shape of x...]
     * @return the attributions, of x's shape; they sum to f(x) - mean_j f(b_j)
     */
    public static Tensor background(Target f, Tensor x, Tensor background) {
        Game v = expected(f, x, background);
        return Tensor.of(f.shape(), values(v, f.features()));
    }
}
