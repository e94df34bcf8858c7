package dlmath.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figure of one property accumulated over its random tries ({@link Plot} is the handle a try
 * draws with): the curves of the try of highest rank and the points of all tries, bounded.
 */
public final class Figure {

    /** Points kept of one curve. */
    public static final int MAX_CURVE = 400;
    /** Points kept of one scatter series. */
    public static final int MAX_POINTS = 1000;

    /** A bounded scatter series: every {@code stride}-th point offered is kept; the stride doubles when full. */
    static final class Points {
        double[] x = new double[16];
        double[] y = new double[16];
        int size;
        long offered;
        long stride = 1;

        void add(double px, double py) {
            if (offered++ % stride != 0) {
                return;
            }
            if (size == MAX_POINTS) { // keep every second point, take every (2 stride)-th from now on
                int k = 0;
                for (int i = 0; i < size; i += 2) {
                    x[k] = x[i];
                    y[k] = y[i];
                    k++;
                }
                size = k;
                stride *= 2;
                if ((offered - 1) % stride != 0) {
                    return;
                }
            }
            if (size == x.length) {
                x = java.util.Arrays.copyOf(x, 2 * size);
                y = java.util.Arrays.copyOf(y, 2 * size);
            }
            x[size] = px;
            y[size] = py;
            size++;
        }

        void addAll(Points p) {
            for (int i = 0; i < p.size; i++) {
                add(p.x[i], p.y[i]);
            }
        }
    }

    /** One series as drawn: {@code kind} is line, reference or points. */
    public record Series(String name, String kind, double[] x, double[] y) {
    }

    final String title;
    String xLabel;
    String yLabel;
    boolean logX;
    boolean logY;
    private double curveRank = Double.NEGATIVE_INFINITY;
    private final Map<String, Series> curves = new LinkedHashMap<>();
    private final Map<String, Points> points = new LinkedHashMap<>();

    Figure(String title) {
        this.title = title;
    }

    /** Adds what one random try drew. */
    void add(Plot p) {
        xLabel = p.xLabel;
        yLabel = p.yLabel;
        logX |= p.logX;
        logY |= p.logY;
        if (!p.curves.isEmpty() && p.rank >= curveRank) {
            curveRank = p.rank;
            curves.clear();
            p.curves.forEach((name, c) -> {
                double[][] xy = thin((double[]) c[1], (double[]) c[2]);
                curves.put(name, new Series(name, (String) c[0], xy[0], xy[1]));
            });
        }
        p.points.forEach((name, pts) -> points.computeIfAbsent(name, k -> new Points()).addAll(pts));
    }

    /** At most {@link #MAX_CURVE} points, evenly spaced in index, first and last kept. */
    static double[][] thin(double[] x, double[] y) {
        int n = x.length;
        if (n <= MAX_CURVE) {
            return new double[][] {x, y};
        }
        double[] tx = new double[MAX_CURVE];
        double[] ty = new double[MAX_CURVE];
        for (int i = 0; i < MAX_CURVE; i++) {
            int j = (int) Math.round((double) i * (n - 1) / (MAX_CURVE - 1));
            tx[i] = x[j];
            ty[i] = y[j];
        }
        return new double[][] {tx, ty};
    }

    public String title() {
        return title;
    }

    /** The series to draw: curves first, then points. */
    public List<Series> series() {
        List<Series> out = new ArrayList<>(curves.values());
        points.forEach((name, p) -> out.add(new Series(name, "points", java.util.Arrays.copyOf(p.x, p.size),
                java.util.Arrays.copyOf(p.y, p.size))));
        return out;
    }

    /** The figure as a JSON object (the run summary carries it; the report draws from it). */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("xLabel", xLabel);
        m.put("yLabel", yLabel);
        m.put("logX", logX);
        m.put("logY", logY);
        List<Object> ss = new ArrayList<>();
        for (Series s : series()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("name", s.name());
            sm.put("kind", s.kind());
            sm.put("x", s.x());
            sm.put("y", s.y());
            ss.add(sm);
        }
        m.put("series", ss);
        return m;
    }
}
