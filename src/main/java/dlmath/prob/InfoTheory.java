package dlmath.prob;

import dlmath.tensor.Tensor;
import java.util.Arrays;

/**
 * Information measures of finite distributions, in nats (Cover &amp; Thomas, Elements of
 * Information Theory, 2nd ed., Ch. 2): entropy, cross entropy, Kullback-Leibler and
 * Jensen-Shannon divergences and total variation of probability vectors; joint and conditional
 * entropy and mutual information of a joint table p(x, y) (rows x, columns y).
 *
 * <p>Conventions: 0 ln 0 = 0 and 0 ln(0 / q) = 0; p ln(p / 0) = +infinity for p &gt; 0.
 * Probability vectors and tables must have finite entries &gt;= 0 summing to 1 within 1e-9
 * (they are used divided by their sum); a violation or a length mismatch is an
 * {@link IllegalArgumentException} naming the argument, the value or both shapes.
 */
public final class InfoTheory {

    private InfoTheory() {
    }

    private static double[][] pair(String op, Tensor p, Tensor q) {
        double[] a = Params.simplex(op, "p", p);
        double[] b = Params.simplex(op, "q", q);
        if (a.length != b.length) {
            throw new IllegalArgumentException(op + ": p and q must have the same shape, was "
                    + Arrays.toString(p.shape()) + " and " + Arrays.toString(q.shape()));
        }
        return new double[][] {a, b};
    }

    /**
     * Shannon entropy H(p) = -sum_i p_i ln p_i.
     *
     * @param p a probability vector
     * @return H(p) in [0, ln n]
     */
    public static double entropy(Tensor p) {
        return entropyOf(Params.simplex("entropy", "p", p));
    }

    private static double entropyOf(double[] p) {
        double h = 0;
        for (double v : p) {
            h -= KL.term(v, 1);
        }
        return h;
    }

    /**
     * Cross entropy H(p, q) = -sum_i p_i ln q_i.
     *
     * @param p a probability vector
     * @param q a probability vector of the same length
     * @return H(p, q), +infinity if some q_i = 0 &lt; p_i
     */
    public static double crossEntropy(Tensor p, Tensor q) {
        double[][] pq = pair("crossEntropy", p, q);
        double h = 0;
        for (int i = 0; i < pq[0].length; i++) {
            h -= pq[0][i] == 0 ? 0 : pq[0][i] * Math.log(pq[1][i]);
        }
        return h;
    }

    /**
     * KL(p || q) = sum_i p_i ln(p_i / q_i).
     *
     * @param p a probability vector
     * @param q a probability vector of the same length
     * @return the divergence, &gt;= 0, +infinity if some q_i = 0 &lt; p_i
     */
    public static double kl(Tensor p, Tensor q) {
        double[][] pq = pair("kl", p, q);
        return KL.kl(Tensor.of(pq[0]), Tensor.of(pq[1]));
    }

    /**
     * Jensen-Shannon divergence JS(p, q) = KL(p || m) / 2 + KL(q || m) / 2, m = (p + q) / 2
     * (Lin, IEEE Trans. Inf. Theory 37, 1991).
     *
     * @param p a probability vector
     * @param q a probability vector of the same length
     * @return JS(p, q) in [0, ln 2]
     */
    public static double jensenShannon(Tensor p, Tensor q) {
        double[][] pq = pair("jensenShannon", p, q);
        double s = 0;
        for (int i = 0; i < pq[0].length; i++) {
            double m = (pq[0][i] + pq[1][i]) / 2;
            s += KL.term(pq[0][i], m) + KL.term(pq[1][i], m);
        }
        return s / 2;
    }

    /**
     * Total variation distance TV(p, q) = sum_i |p_i - q_i| / 2 = max_A |p(A) - q(A)|.
     *
     * @param p a probability vector
     * @param q a probability vector of the same length
     * @return TV(p, q) in [0, 1]
     */
    public static double totalVariation(Tensor p, Tensor q) {
        double[][] pq = pair("totalVariation", p, q);
        double s = 0;
        for (int i = 0; i < pq[0].length; i++) {
            s += Math.abs(pq[0][i] - pq[1][i]);
        }
        return s / 2;
    }

    /** The table as rows, validated: a matrix with entries >= 0 summing to 1. */
    private static double[][] table(String op, Tensor pxy) {
        if (pxy == null || pxy.rank() != 2) {
            throw new IllegalArgumentException(op + ": pxy must be a matrix (rank 2), was "
                    + (pxy == null ? "null" : "of shape " + Arrays.toString(pxy.shape())));
        }
        double[] flat = Params.simplex(op, "pxy", pxy.reshape(pxy.size()));
        int cols = pxy.dim(1);
        double[][] t = new double[pxy.dim(0)][cols];
        for (int i = 0; i < t.length; i++) {
            System.arraycopy(flat, i * cols, t[i], 0, cols);
        }
        return t;
    }

    private static double[] rowSums(double[][] t) {
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            for (double v : t[i]) {
                r[i] += v;
            }
        }
        return r;
    }

    private static double[] colSums(double[][] t) {
        double[] c = new double[t[0].length];
        for (double[] row : t) {
            for (int j = 0; j < row.length; j++) {
                c[j] += row[j];
            }
        }
        return c;
    }

    /**
     * The marginal of X (row sums) of a joint table.
     *
     * @param pxy a joint table p(x, y), rows x
     * @return p(x)
     */
    public static Tensor marginalX(Tensor pxy) {
        return Tensor.of(rowSums(table("marginalX", pxy)));
    }

    /**
     * The marginal of Y (column sums) of a joint table.
     *
     * @param pxy a joint table p(x, y), rows x
     * @return p(y)
     */
    public static Tensor marginalY(Tensor pxy) {
        return Tensor.of(colSums(table("marginalY", pxy)));
    }

    /**
     * Joint entropy H(X, Y) = -sum_{x,y} p(x, y) ln p(x, y).
     *
     * @param pxy a joint table
     * @return H(X, Y)
     */
    public static double jointEntropy(Tensor pxy) {
        double h = 0;
        for (double[] row : table("jointEntropy", pxy)) {
            h += entropyOf(row);
        }
        return h;
    }

    /**
     * Conditional entropy H(Y | X) = -sum_{x,y} p(x, y) ln p(y | x), computed from the table
     * directly (not as a difference of entropies).
     *
     * @param pxy a joint table, rows x
     * @return H(Y | X) &gt;= 0
     */
    public static double conditionalEntropy(Tensor pxy) {
        double[][] t = table("conditionalEntropy", pxy);
        double[] px = rowSums(t);
        double h = 0;
        for (int i = 0; i < t.length; i++) {
            for (double v : t[i]) {
                h -= KL.term(v, px[i]);
            }
        }
        return h;
    }

    /**
     * Mutual information I(X; Y) = sum_{x,y} p(x, y) ln(p(x, y) / (p(x) p(y))) = KL(p_XY || p_X p_Y),
     * computed from the table directly.
     *
     * @param pxy a joint table
     * @return I(X; Y) &gt;= 0
     */
    public static double mutualInformation(Tensor pxy) {
        double[][] t = table("mutualInformation", pxy);
        double[] px = rowSums(t);
        double[] py = colSums(t);
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t[i].length; j++) {
                double v = t[i][j];
                // ln p(x) + ln p(y), not ln(p(x) p(y)): the product of two tiny marginals can underflow
                s += v == 0 ? 0 : v * (Math.log(v) - Math.log(px[i]) - Math.log(py[j]));
            }
        }
        return s;
    }
}
