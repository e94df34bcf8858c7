package dlmath.gen;

import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.tensor.Tensor;

/**
 * Probability vectors on the simplex: p_i >= 0, sum p_i = 1 up to one rounding per entry
 * (|sum p - 1| <= gamma(n) for the normalization w / sum w).
 */
public final class SimplexGens {

    private SimplexGens() {
    }

    /** Strictly positive probability vectors of length in [min, max] (weights in [1, 100], normalized). */
    public static Gen<Tensor> simplex(int min, int max) {
        return Gens.integers(min, max).flatMap(n -> weights(n, 1.0)).map(SimplexGens::normalize);
    }

    /** Probability vectors that may have zero entries (weights in [0, 100]; never all zero). */
    public static Gen<Tensor> simplexWithZeros(int min, int max) {
        return Gens.integers(min, max).flatMap(n -> weights(n, 0.0)).map(w -> {
            double[] v = w.clone();
            double s = 0;
            for (double x : v) {
                s += x;
            }
            if (s == 0) {
                v[0] = 1; // the simplest non-degenerate case: a point mass
            }
            return normalize(v);
        });
    }

    private static Gen<double[]> weights(int n, double lo) {
        return Gens.doubleArrays(Gens.doubles(lo, 100), n, n);
    }

    private static Tensor normalize(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x;
        }
        double[] p = new double[w.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = w[i] / s;
        }
        return Tensor.of(p);
    }
}
