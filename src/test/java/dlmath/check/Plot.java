package dlmath.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A figure a property draws from the data it computes, shown in the theorem report
 * ({@code target/theorems/index.html}). Obtained inside a {@code forAll} body with
 * {@code check.plot(title)}; the calls chain:
 *
 * <pre>{@code
 * check.plot("Suboptimality of gradient descent").logY().axes("k", "f(x_k) - f*")
 *         .line("measured", ks, gaps).reference("bound L R^2 / 2k", ks, bounds).rank(worst);
 * check.plot("TV against sqrt(KL/2)").axes("sqrt(KL/2)", "TV").point("pairs", s, tv);
 * }</pre>
 *
 * <p>Curves ({@link #line}, {@link #reference}: dashed) are computed within one try: the figure keeps
 * the curves of one random try, the one with the highest {@link #rank} (ties and the default rank 0:
 * the last). Points ({@link #point}) accumulate over the random tries. Only random tries draw
 * (not explicit examples, hill climbing or shrinking), and the data is bounded whatever the number of
 * tries: a curve is thinned to {@value Figure#MAX_CURVE} points, a point series to at most
 * {@value Figure#MAX_POINTS} (every second point dropped, then every fourth, ...), so
 * {@code -Ddlmath.tries=10} does not grow the report. On a log axis, points with a coordinate that is
 * not positive are left out (the report says how many); non-finite values are always left out.
 */
public final class Plot {

    final String title;
    String xLabel = "x";
    String yLabel = "y";
    boolean logX;
    boolean logY;
    double rank;
    /** Curves of this try, by series name, in call order: {kind, x, y}. */
    final Map<String, Object[]> curves = new LinkedHashMap<>();
    /** Points of this try, by series name. */
    final Map<String, Figure.Points> points = new LinkedHashMap<>();

    Plot(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** The axis titles. */
    public Plot axes(String x, String y) {
        this.xLabel = Objects.requireNonNull(x, "x");
        this.yLabel = Objects.requireNonNull(y, "y");
        return this;
    }

    /** A logarithmic x axis. */
    public Plot logX() {
        logX = true;
        return this;
    }

    /** A logarithmic y axis. */
    public Plot logY() {
        logY = true;
        return this;
    }

    /** Both axes logarithmic. */
    public Plot logLog() {
        return logX().logY();
    }

    /** A measured curve (solid) through the points (x_i, y_i), computed in this try. */
    public Plot line(String name, double[] x, double[] y) {
        return curve("line", name, x, y);
    }

    /** A reference curve (dashed): a bound, a rate, the line of equality. */
    public Plot reference(String name, double[] x, double[] y) {
        return curve("reference", name, x, y);
    }

    private Plot curve(String kind, String name, double[] x, double[] y) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("plot '" + title + "', series '" + name + "': x has " + x.length
                    + " values but y has " + y.length);
        }
        curves.put(name, new Object[] {kind, x.clone(), y.clone()});
        return this;
    }

    /** One point of a scatter series; points accumulate over the tries. */
    public Plot point(String name, double x, double y) {
        Objects.requireNonNull(name, "name");
        points.computeIfAbsent(name, k -> new Figure.Points()).add(x, y);
        return this;
    }

    /** Which try's curves the figure keeps: the highest rank (e.g. the sharpest ratio, the longest run). */
    public Plot rank(double rank) {
        if (Double.isNaN(rank)) {
            throw new IllegalArgumentException("plot '" + title + "': rank is NaN");
        }
        this.rank = rank;
        return this;
    }
}
