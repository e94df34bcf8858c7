package dlmath.check;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Doubles in {@code [min, max]}. Finite by default; NaN, infinities and subnormals only
 * when asked; either end may be excluded.
 *
 * <p>A double is recorded as two choices, a sign/kind and a magnitude index {@code L},
 * in an order of simplicity (an encoding in the spirit of Hypothesis's lexicographic
 * float order): {@code L} in {@code [0, 2^50]} is the integer {@code L} itself; above
 * that come the other doubles ordered by exponent (magnitudes in [1, 2) first, then
 * growing, then shrinking below 1) and, within an exponent, by their fractional bits
 * read in reverse, so that 1.5 comes before 1.25 before 1.375. Sign 0 is positive.
 * Minimizing the choices therefore moves a double toward 0, then small integers, then
 * simple fractions, then smaller magnitude, positive before negative; a value outside
 * the range is clamped to the nearest bound.
 *
 * <p>Fresh values are drawn from a mixture that has nothing to do with the encoding:
 * special values (bounds, +-1, tiny, huge, the smallest normal) with the source's edge
 * bias, small integers, simple fractions, uniform values in the range and log-uniform
 * magnitudes; each is then encoded, so the choice stream replays it exactly.
 */
public final class DoubleGen implements Gen<Double> {

    static final long INT_LIMIT = 1L << 50;
    /** The span label of a magnitude choice, for the shrinker's pass that rounds doubles. */
    static final String MAGNITUDE = "double magnitude";
    private static final long FRAC_MASK = (1L << 52) - 1;
    /** The largest magnitude index: 2^50 + 1 + 2047 * 2^52 - 1. */
    static final long L_MAX = INT_LIMIT + 2047L * (1L << 52);

    private final double min;
    private final double max;
    private final boolean nan;
    private final boolean infinity;
    private final boolean subnormals;
    private final boolean excludeMin;
    private final boolean excludeMax;
    private final boolean gaussian;

    DoubleGen(double min, double max) {
        this(min, max, false, false, false, false, false, false);
    }

    private DoubleGen(double min, double max, boolean nan, boolean infinity, boolean subnormals,
                      boolean excludeMin, boolean excludeMax) {
        this(min, max, nan, infinity, subnormals, excludeMin, excludeMax, false);
    }

    private DoubleGen(double min, double max, boolean nan, boolean infinity, boolean subnormals,
                      boolean excludeMin, boolean excludeMax, boolean gaussian) {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("doubles: need min <= max, was [" + min + ", " + max + "]");
        }
        this.min = Math.max(min, -Double.MAX_VALUE);
        this.max = Math.min(max, Double.MAX_VALUE);
        boolean empty = excludeMin && excludeMax ? !(Math.nextUp(this.min) < this.max)
                : (excludeMin || excludeMax) && this.min == this.max;
        if (empty) {
            throw new IllegalArgumentException("doubles: empty range " + (excludeMin ? "(" : "[") + min + ", "
                    + max + (excludeMax ? ")" : "]"));
        }
        this.nan = nan;
        this.infinity = infinity;
        this.subnormals = subnormals;
        this.excludeMin = excludeMin;
        this.excludeMax = excludeMax;
        this.gaussian = gaussian;
    }

    /**
     * Standard normal values (fresh values from {@code nextGaussian}, clamped to [-40, 40],
     * no edge bias), still shrinking toward 0 and small integers. For distributions that
     * must be right, such as Haar-distributed orthogonal matrices built by QR.
     */
    static DoubleGen standardNormal() {
        return new DoubleGen(-40, 40, false, false, false, false, false, true);
    }

    /** Also generate NaN. */
    public DoubleGen withNaN() {
        return new DoubleGen(min, max, true, infinity, subnormals, excludeMin, excludeMax);
    }

    /** Also generate positive and negative infinity. */
    public DoubleGen withInfinity() {
        return new DoubleGen(min, max, nan, true, subnormals, excludeMin, excludeMax);
    }

    /** Also generate subnormal numbers (by default a subnormal is replaced by the simplest value). */
    public DoubleGen withSubnormals() {
        return new DoubleGen(min, max, nan, infinity, true, excludeMin, excludeMax);
    }

    /** Exclude the lower bound: values lie in {@code (min, max]}. */
    public DoubleGen excludeMin() {
        return new DoubleGen(min, max, nan, infinity, subnormals, true, excludeMax);
    }

    /** Exclude the upper bound: values lie in {@code [min, max)}. */
    public DoubleGen excludeMax() {
        return new DoubleGen(min, max, nan, infinity, subnormals, excludeMin, true);
    }

    // sign/kind choice: 0 positive, 1 negative, then the allowed specials
    private List<Double> extraKinds() {
        List<Double> kinds = new ArrayList<>();
        if (infinity) {
            kinds.add(Double.POSITIVE_INFINITY);
            kinds.add(Double.NEGATIVE_INFINITY);
        }
        if (nan) {
            kinds.add(Double.NaN);
        }
        return kinds;
    }

    @Override
    public Double generate(Source s) {
        List<Double> extra = extraKinds();
        long signMax = 1 + extra.size();
        long proposedSign = 0;
        long proposedL = 0;
        SplittableRandom rng = s.random();
        if (rng != null) {
            double v = propose(rng, s.edgeBias(), extra);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                proposedSign = 2 + extra.indexOf(v);
            } else {
                proposedSign = (v < 0 || (v == 0 && 1 / v < 0)) ? 1 : 0;
                proposedL = encode(Math.abs(v));
            }
        }
        long sign = s.choose(signMax, proposedSign);
        s.startSpan(MAGNITUDE);
        long l;
        try {
            l = s.choose(L_MAX, proposedL);
        } finally {
            s.endSpan();
        }
        if (sign >= 2) {
            return extra.get((int) sign - 2);
        }
        double magnitude = decode(l);
        double v = sign == 1 ? -magnitude : magnitude;
        return fit(v);
    }

    /** Maps a decoded value into the allowed set: clamp to the range, drop subnormals, exclude ends. */
    private double fit(double v) {
        v = Math.max(min, Math.min(max, v));
        if (!subnormals && v != 0 && Math.abs(v) < Double.MIN_NORMAL) {
            v = Math.max(min, Math.min(max, 0.0));
            if (v != 0 && Math.abs(v) < Double.MIN_NORMAL) {
                v = v > 0 ? Double.MIN_NORMAL : -Double.MIN_NORMAL;
            }
        }
        if (excludeMin && v <= min) {
            v = Math.nextUp(min);
        }
        if (excludeMax && v >= max) {
            v = Math.nextDown(max);
        }
        return v == 0.0 ? 0.0 : v; // +0.0, never -0.0
    }

    /** A fresh value from the generation mixture (not the encoding). */
    private double propose(SplittableRandom rng, double edgeBias, List<Double> extra) {
        if (gaussian) {
            return Math.max(min, Math.min(max, rng.nextGaussian()));
        }
        if (rng.nextDouble() < edgeBias) {
            List<Double> specials = new ArrayList<>(extra);
            for (double c : new double[] {min, max, 0.0, 1.0, -1.0, 0.5, -0.5, Double.MIN_NORMAL, -Double.MIN_NORMAL,
                    1e-300, -1e-300, 1e-8, -1e-8, 1e8, -1e8, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE}) {
                if (c >= min && c <= max) {
                    specials.add(c);
                }
            }
            if (subnormals) {
                specials.add(Double.MIN_VALUE);
                specials.add(-Double.MIN_VALUE);
            }
            return specials.get(rng.nextInt(specials.size()));
        }
        double u = rng.nextDouble();
        if (u < 0.15) {
            return Math.rint(clampedUniform(rng, Math.max(min, -100), Math.min(max, 100)));
        }
        if (u < 0.25) {
            int q = 2 + rng.nextInt(15);
            return Math.rint(clampedUniform(rng, Math.max(min, -100), Math.min(max, 100)) * q) / q;
        }
        if (u < 0.75) {
            return clampedUniform(rng, min, max);
        }
        double magnitude = Math.exp(rng.nextDouble(-690, 690)); // e^+-690 ~ 1e+-300
        return rng.nextBoolean() ? magnitude : -magnitude;
    }

    private static double clampedUniform(SplittableRandom rng, double lo, double hi) {
        if (lo > hi) {
            return lo;
        }
        double half = hi / 2 - lo / 2; // no overflow for [-MAX, MAX]
        return lo + 2 * half * rng.nextDouble();
    }

    /** The magnitude index of a non-negative finite double (the inverse of {@link #decode}). */
    static long encode(double magnitude) {
        if (magnitude == Math.rint(magnitude) && magnitude <= INT_LIMIT) {
            return (long) magnitude;
        }
        long bits = Double.doubleToRawLongBits(magnitude);
        int biased = (int) (bits >>> 52) & 0x7FF;
        long m = bits & FRAC_MASK;
        long k;
        int fracBits;
        if (biased == 0) {
            k = 2046;
            fracBits = 52;
        } else {
            int e = biased - 1023;
            k = e >= 0 ? e : 1023 - e;
            fracBits = e >= 52 ? 0 : (e >= 0 ? 52 - e : 52);
        }
        return INT_LIMIT + 1 + ((k << 52) | reverseLow(m, fracBits));
    }

    /** The non-negative double with magnitude index {@code l}. */
    static double decode(long l) {
        if (l <= INT_LIMIT) {
            return l;
        }
        long g = l - INT_LIMIT - 1;
        long k = g >>> 52;
        long f = g & FRAC_MASK;
        int biased;
        int fracBits;
        if (k >= 2046) {
            biased = 0;
            fracBits = 52;
        } else {
            int e = k <= 1023 ? (int) k : (int) (1023 - k);
            biased = e + 1023;
            fracBits = e >= 52 ? 0 : (e >= 0 ? 52 - e : 52);
        }
        return Double.longBitsToDouble(((long) biased << 52) | reverseLow(f, fracBits));
    }

    /** Reverses the lowest {@code n} bits of {@code x} and keeps the others. */
    private static long reverseLow(long x, int n) {
        if (n == 0) {
            return x;
        }
        long low = x & ((1L << n) - 1);
        long reversed = Long.reverse(low) >>> (64 - n);
        return (x & ~((1L << n) - 1)) | reversed;
    }
}
