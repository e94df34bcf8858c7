package dlmath.prob;

/**
 * A continuous family on the whole real line given by a location and a scale,
 * p(x) = f((x - loc) / scale) / scale: the parameters, their checks and accessors, shared by
 * {@link Normal}, {@link Laplace} and {@link Logistic}.
 */
public abstract class LocationScale extends UnivariateDistribution {

    /** The location, finite. */
    protected final double loc;
    /** The scale, &gt; 0 and finite. */
    protected final double scale;

    /**
     * @param family the family's name, for error messages
     * @param loc the location, finite
     * @param scale the scale, &gt; 0 and finite
     * @throws IllegalArgumentException naming the family, the parameter and its value otherwise
     */
    protected LocationScale(String family, double loc, double scale) {
        this.loc = Params.finite(family, "loc", loc);
        this.scale = Params.positive(family, "scale", scale);
    }

    /**
     * The standardized point {@code (x - loc) / scale}, also when {@code x - loc} overflows (both
     * are finite but of opposite signs near the ends of the range): then {@code x/scale - loc/scale}.
     *
     * @param x a point
     * @return {@code (x - loc) / scale}
     */
    protected final double standardize(double x) {
        double d = x - loc;
        return Double.isInfinite(d) && Double.isFinite(x) ? x / scale - loc / scale : d / scale;
    }

    /** @return the location */
    public final double loc() {
        return loc;
    }

    /** @return the scale */
    public final double scale() {
        return scale;
    }

    /** @return false: these families are continuous */
    @Override
    public final boolean isDiscrete() {
        return false;
    }

    /** @return negative infinity */
    @Override
    public final double supportLow() {
        return Double.NEGATIVE_INFINITY;
    }

    /** @return positive infinity */
    @Override
    public final double supportHigh() {
        return Double.POSITIVE_INFINITY;
    }
}
