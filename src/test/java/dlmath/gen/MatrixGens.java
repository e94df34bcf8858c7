package dlmath.gen;

import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.tensor.Tensor;

/**
 * Structured matrix families: symmetric, symmetric positive definite with a chosen
 * condition number, orthogonal (Haar), diagonal, rank-k, a prescribed singular spectrum,
 * graded, near-singular. Sizes shrink toward 1x1; entries toward small integers.
 *
 * <p>Constructions are exact in the sense that the structure holds by construction up
 * to the rounding of one or two matrix products, which the theorems' tolerances cover.
 */
public final class MatrixGens {

    private MatrixGens() {
    }

    /** Symmetric n x n: (B + B^T) / 2 with nice B, so entries stay nice. */
    public static Gen<Tensor> symmetric(int n) {
        return TensorGens.tensors(n, n).map(b -> b.add(b.transpose()).div(2));
    }

    /** Symmetric matrices of side in [min, max]. */
    public static Gen<Tensor> symmetric(int min, int max) {
        return Gens.sizes(min, max).flatMap(MatrixGens::symmetric);
    }

    /** Diagonal n x n with nice diagonal entries. */
    public static Gen<Tensor> diagonal(int n) {
        return TensorGens.tensors(n).map(MatrixGens::diag);
    }

    /** The diagonal matrix with diagonal {@code d}. */
    public static Tensor diag(Tensor d) {
        int n = d.size();
        double[] v = d.toArray();
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            out[i * n + i] = v[i];
        }
        return Tensor.of(new int[] {n, n}, out);
    }

    /**
     * Haar-distributed orthogonal n x n matrices: Q from the QR factorization of a matrix of
     * standard normals, with the sign fix Q diag(sign(diag R)) (Mezzadri, Notices AMS 2007).
     * The Gaussian entries shrink toward 0; a zero column yields the unit vector it would
     * fill in, so the simplest orthogonal matrix is the identity.
     */
    public static Gen<Tensor> orthogonal(int n) {
        return TensorGens.tensors(new int[] {n, n}, Gens.standardNormals()).map(MatrixGens::orthonormalize);
    }

    /** Orthogonal matrices of side in [min, max]. */
    public static Gen<Tensor> orthogonal(int min, int max) {
        return Gens.sizes(min, max).flatMap(MatrixGens::orthogonal);
    }

    /**
     * Q of the QR factorization of {@code a} (square) with the diagonal of R made positive,
     * by modified Gram-Schmidt applied twice ("twice is enough", Giraud et al. 2005), which
     * gives columns orthonormal to working precision. A column that is numerically
     * dependent on the previous ones is replaced by the first unit vector independent of them.
     */
    static Tensor orthonormalize(Tensor a) {
        int n = a.dim(0);
        double[][] m = a.toArray2D();
        double[][] q = new double[n][n]; // q[j] is column j
        for (int j = 0; j < n; j++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = m[i][j];
            }
            double original = norm(v);
            project(v, q, j);
            project(v, q, j);
            double nv = norm(v);
            if (nv <= 1e-8 * Math.max(original, 1e-300) || nv == 0) {
                for (int e = 0; e < n; e++) {
                    v = new double[n];
                    v[e] = 1;
                    project(v, q, j);
                    project(v, q, j);
                    nv = norm(v);
                    if (nv > 0.5) {
                        break;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                q[j][i] = v[i] / nv;
            }
        }
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = q[j][i];
            }
        }
        return Tensor.of(new int[] {n, n}, out);
    }

    private static void project(double[] v, double[][] q, int j) {
        for (int k = 0; k < j; k++) {
            double d = 0;
            for (int i = 0; i < v.length; i++) {
                d += q[k][i] * v[i];
            }
            for (int i = 0; i < v.length; i++) {
                v[i] -= d * q[k][i];
            }
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s = Math.hypot(s, x);
        }
        return s;
    }

    /**
     * m x n matrices U diag(s) V^T with the given singular values (length min(m, n), any order,
     * non-negative) and Haar-distributed U, V.
     */
    public static Gen<Tensor> withSingularValues(int m, int n, double[] s) {
        int k = Math.min(m, n);
        if (s.length != k) {
            throw new IllegalArgumentException("withSingularValues: need min(m, n) = " + k + " values, got " + s.length);
        }
        for (double v : s) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("withSingularValues: singular values must be finite and >= 0, got " + v);
            }
        }
        double[] sv = s.clone();
        return Gens.tuples(orthogonal(m), orthogonal(n)).map(t -> {
            double[] d = new double[m * n];
            for (int i = 0; i < k; i++) {
                d[i * n + i] = sv[i];
            }
            return t.first().matmul(Tensor.of(new int[] {m, n}, d)).matmul(t.second().transpose());
        });
    }

    /** Singular spectra: min(m,n) values in [0, 10], shrinking toward 0 (rank deficient) and small integers. */
    public static Gen<double[]> spectra(int k) {
        return Gens.doubleArrays(Gens.doubles(0, 10), k, k);
    }

    /** m x n matrices of rank exactly k (up to rounding): U_k diag(s) V_k^T with s in [1, 10]. */
    public static Gen<Tensor> rank(int m, int n, int k) {
        int p = Math.min(m, n);
        if (k < 0 || k > p) {
            throw new IllegalArgumentException("rank: k must be in [0, min(m, n) = " + p + "], was " + k);
        }
        return Gens.doubleArrays(Gens.doubles(1, 10), k, k).flatMap(top -> {
            double[] s = new double[p];
            System.arraycopy(top, 0, s, 0, k);
            return withSingularValues(m, n, s);
        });
    }

    /**
     * Symmetric positive definite n x n with condition number {@code kappa}: Q diag(l) Q^T,
     * Q Haar, eigenvalues l in [1, kappa] including both ends (for n >= 2).
     */
    public static Gen<Tensor> spd(int n, double kappa) {
        if (!(kappa >= 1) || Double.isInfinite(kappa)) {
            throw new IllegalArgumentException("spd: kappa must be finite and >= 1, was " + kappa);
        }
        return Gens.tuples(orthogonal(n), Gens.doubleArrays(Gens.doubles(1, kappa), n, n)).map(t -> {
            double[] l = t.second().clone();
            l[0] = kappa;
            if (n > 1) {
                l[n - 1] = 1;
            }
            Tensor q = t.first();
            return symmetrize(q.matmul(diag(Tensor.of(l))).matmul(q.transpose()));
        });
    }

    /** SPD matrices of side in [min, max] with condition number at most {@code kappa}. */
    public static Gen<Tensor> spd(int min, int max, double kappa) {
        return Gens.sizes(min, max).flatMap(n -> spd(n, kappa));
    }

    /** (A + A^T) / 2: makes a product that should be symmetric exactly symmetric. */
    public static Tensor symmetrize(Tensor a) {
        return a.add(a.transpose()).div(2);
    }

    /**
     * Graded matrices B D: B well conditioned (orthogonal times a spectrum in [1, 2]) and D
     * diagonal with column scales 10^(-e_j), e_j in [0, maxExponent], the badly scaled
     * columns of Demmel and Veselic (1992).
     */
    public static Gen<Tensor> graded(int n, int maxExponent) {
        return Gens.tuples(spd(n, 2.0), Gens.doubleArrays(Gens.integers(0, maxExponent).map(Integer::doubleValue), n, n))
                .map(t -> {
                    double[] scales = new double[n];
                    for (int j = 0; j < n; j++) {
                        scales[j] = Math.pow(10, -t.second()[j]);
                    }
                    return t.first().matmul(diag(Tensor.of(scales)));
                });
    }

    /** Near-singular n x n: smallest singular value 10^-e (e in [6, 14]), the others in [1, 10]. */
    public static Gen<Tensor> nearSingular(int n) {
        return Gens.tuples(Gens.integers(6, 14), Gens.doubleArrays(Gens.doubles(1, 10), n, n)).flatMap(t -> {
            double[] s = t.second().clone();
            s[n - 1] = Math.pow(10, -t.first());
            return withSingularValues(n, n, s);
        });
    }
}
