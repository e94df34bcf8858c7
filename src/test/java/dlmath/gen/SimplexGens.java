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

    /**
     * Strictly positive probability vectors whose entries span the double range: each weight is, with
     * probability 1/2, in [1, 100] and otherwise 10^-k times a value in [1, 10), k in [1, 300], so that
     * probabilities down to about 1e-300 occur (where p log p, p / q and log q underflow or overflow).
     */
    public static Gen<Tensor> simplexWide(int min, int max) {
        return Gens.integers(min, max).flatMap(n -> Gens.doubleArrays(wideWeight(false), n, n)).map(SimplexGens::normalize);
    }

    /**
     * As {@link #simplexWide}, with exact zeros as a third kind of weight (probability 1/4 each for a
     * zero and a tiny weight, 1/2 for a moderate one); never all zero (then a point mass).
     */
    public static Gen<Tensor> simplexWideWithZeros(int min, int max) {
        return Gens.integers(min, max).flatMap(n -> Gens.doubleArrays(wideWeight(true), n, n)).map(w -> {
            double[] v = w.clone();
            double s = 0;
            for (double x : v) {
                s += x;
            }
            if (s == 0) {
                v[0] = 1;
            }
            return normalize(v);
        });
    }

    private static Gen<Double> wideWeight(boolean zeros) {
        Gen<Double> moderate = Gens.doubles(1, 100);
        Gen<Double> tiny = Gens.tuples(Gens.doubles(1, 10).excludeMax(), Gens.integers(1, 300))
                .map(t -> t.first() * Math.pow(10, -t.second()));
        return zeros
                ? Gens.frequency(Gens.weight(2, moderate), Gens.weight(1, tiny), Gens.weight(1, Gens.constant(0.0)))
                : Gens.frequency(Gens.weight(1, moderate), Gens.weight(1, tiny));
    }

    /** The smallest positive entry of a probability vector (1 if none). */
    public static double smallestPositive(Tensor p) {
        double m = 1;
        for (double x : p.toArray()) {
            if (x > 0) {
                m = Math.min(m, x);
            }
        }
        return m;
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
