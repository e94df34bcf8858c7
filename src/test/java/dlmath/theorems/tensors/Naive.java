package dlmath.theorems.tensors;

import dlmath.check.Tol;
import dlmath.tensor.Tensor;

/**
 * Plain-array oracles and derived tolerances for the tensor chapter, written independently of
 * {@link Tensor}'s algorithms (only its factories and accessors are used), so that a broken
 * tensor operation cannot also break the yardstick it is measured with.
 */
final class Naive {

    private Naive() {
    }

    // ------------------------------------------------------------------ tolerances

    /** Higham's gamma_n. */
    static double gamma(int n) {
        return Tol.gamma(n);
    }

    /**
     * The entrywise tolerance {@code g M}, where M is a non-negative matrix computed in floating
     * point with at most k roundings per entry (e.g. |A||B| by the triple loop: k = inner
     * dimension). Then M_computed >= (1 - gamma_k) M_exact, and forming g M and the difference
     * being compared adds three more roundings; the factor 1 + gamma_{k+4} covers all of them.
     */
    static double[][] tol(double g, double[][] m, int k) {
        double f = g * (1 + gamma(k + 4));
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = m[i][j] * f;
            }
        }
        return out;
    }

    /** The scalar version of {@link #tol(double, double[][], int)}. */
    static double tol(double g, double m, int k) {
        return g * m * (1 + gamma(k + 4));
    }

    // ------------------------------------------------------------------ arrays

    /** The textbook triple loop C[i][j] = sum_k A[i][k] B[k][j], summed in increasing k. */
    static double[][] matmul(double[][] a, double[][] b) {
        int n = a.length;
        int m = b.length;
        int p = b[0].length;
        if (a[0].length != m) {
            throw new IllegalArgumentException("naive matmul: " + n + "x" + a[0].length + " @ " + m + "x" + p);
        }
        double[][] c = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += a[i][k] * b[k][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    static double[][] abs(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = Math.abs(a[i][j]);
            }
        }
        return out;
    }

    static double[][] add(double[][] a, double[][] b) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = a[i][j] + b[i][j];
            }
        }
        return out;
    }

    /** The Kronecker product of two matrices: block (i, j) is a_ij B. */
    static double[][] kron(double[][] a, double[][] b) {
        int r = b.length;
        int c = b[0].length;
        double[][] out = new double[a.length * r][a[0].length * c];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                for (int k = 0; k < r; k++) {
                    for (int l = 0; l < c; l++) {
                        out[i * r + k][j * c + l] = a[i][j] * b[k][l];
                    }
                }
            }
        }
        return out;
    }

    static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    /** The entries of a matrix tensor (rank 2) as rows, read with {@link Tensor#get}. */
    static double[][] rows(Tensor t) {
        int[] s = t.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException("rows: need a matrix, got rank " + s.length);
        }
        double[][] out = new double[s[0]][s[1]];
        for (int i = 0; i < s[0]; i++) {
            for (int j = 0; j < s[1]; j++) {
                out[i][j] = t.get(i, j);
            }
        }
        return out;
    }

    /** |A||B| for matrix tensors, by the triple loop. */
    static double[][] absProduct(Tensor a, Tensor b) {
        return matmul(abs(rows(a)), abs(rows(b)));
    }

    static Tensor tensor(double[][] rows) {
        return Tensor.of(rows);
    }

    /** sum |x_i| over all entries, in row-major order. */
    static double absSum(Tensor t) {
        double s = 0;
        for (double v : t.toArray()) {
            s += Math.abs(v);
        }
        return s;
    }

    // ------------------------------------------------------------------ multi-indices

    /** Every multi-index of {@code shape}, in row-major order (one empty index for a scalar). */
    static int[][] indices(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        int[][] out = new int[n][];
        int[] idx = new int[shape.length];
        for (int f = 0; f < n; f++) {
            out[f] = idx.clone();
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return out;
    }

    /** The row-major flat position of {@code index} in {@code shape}. */
    static int flat(int[] index, int[] shape) {
        int f = 0;
        for (int d = 0; d < shape.length; d++) {
            f = f * shape[d] + index[d];
        }
        return f;
    }

    /**
     * The index into a tensor of shape {@code own} that broadcasting reads for {@code index} of a
     * larger-rank broadcast shape: drop the leading axes {@code own} lacks, and read index 0 along
     * every axis where {@code own} has side 1.
     */
    static int[] project(int[] index, int[] own) {
        int lead = index.length - own.length;
        int[] out = new int[own.length];
        for (int d = 0; d < own.length; d++) {
            out[d] = own[d] == 1 ? 0 : index[lead + d];
        }
        return out;
    }

    /**
     * The broadcast rule, stated directly: right-align, pad with 1s, sides equal or one of them 1,
     * take the larger. Returns null if the shapes are incompatible.
     */
    static int[] broadcastRule(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int k = 1; k <= r; k++) {
            int sa = k <= a.length ? a[a.length - k] : 1;
            int sb = k <= b.length ? b[b.length - k] : 1;
            if (sa == sb || sb == 1) {
                out[r - k] = sa;
            } else if (sa == 1) {
                out[r - k] = sb;
            } else {
                return null;
            }
        }
        return out;
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
