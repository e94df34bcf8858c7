package dlmath.check;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a figure of the run summary (the JSON form of {@link Figure}) as a PNG with XChart, headless.
 * Curves are solid lines, references dashed, points small circles; on a log axis the points with a
 * coordinate that is not positive are left out, and non-finite values always.
 */
final class Plots {

    static final int WIDTH = 620;
    static final int HEIGHT = 400;

    private Plots() {
    }

    /** What was drawn: the number of points left out (not finite, or not positive on a log axis). */
    record Drawn(int omitted, boolean empty) {
    }

    /** Renders {@code figure} to {@code file} (PNG); writes nothing when no point is drawable. */
    static Drawn render(Map<String, Object> figure, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        boolean logX = Boolean.TRUE.equals(figure.get("logX"));
        boolean logY = Boolean.TRUE.equals(figure.get("logY"));
        List<?> all = (List<?>) figure.get("series");
        // a log axis is drawn as a linear axis of log10 values with ticks labelled 1e-k: XChart's own log
        // axis draws every minor line and a label per decade, unreadable over the 600 decades of a double
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT + 20 * all.size())
                .xAxisTitle(String.valueOf(figure.get("xLabel"))).yAxisTitle(String.valueOf(figure.get("yLabel"))).build();
        org.knowm.xchart.style.XYStyler st = chart.getStyler();
        chart.getStyler().setChartTitleVisible(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setLegendBorderColor(Color.WHITE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 228, 235));
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setAxisTickLabelsFont(st.getAxisTickLabelsFont().deriveFont(java.awt.Font.PLAIN, 11f));
        chart.getStyler().setAxisTitleFont(st.getAxisTitleFont().deriveFont(java.awt.Font.PLAIN, 13f));
        chart.getStyler().setLegendFont(st.getLegendFont().deriveFont(java.awt.Font.PLAIN, 12f));
        if (logX) {
            chart.setCustomXAxisTickLabelsFormatter(Plots::power);
        }
        if (logY) {
            chart.setCustomYAxisTickLabelsFormatter(Plots::power);
        }
        int omitted = 0;
        int drawn = 0;
        for (Object o : all) {
            Map<?, ?> s = (Map<?, ?>) o;
            double[] x = doubles(s.get("x"));
            double[] y = doubles(s.get("y"));
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < Math.min(x.length, y.length); i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logX || x[i] > 0) && (!logY || y[i] > 0)) {
                    xs.add(logX ? Math.log10(x[i]) : x[i]);
                    ys.add(logY ? Math.log10(y[i]) : y[i]);
                } else {
                    omitted++;
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            String name = String.valueOf(s.get("name"));
            while (chart.getSeriesMap().containsKey(name)) {
                name = name + " ";
            }
            XYSeries series = chart.addSeries(name, xs, ys);
            drawn += xs.size();
            switch (String.valueOf(s.get("kind"))) {
                case "points" -> {
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    series.setMarker(SeriesMarkers.CIRCLE);
                }
                case "reference" -> {
                    series.setMarker(SeriesMarkers.NONE);
                    series.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
                            new float[] {6, 4}, 0));
                }
                default -> {
                    series.setMarker(SeriesMarkers.NONE);
                    series.setLineStyle(SeriesLines.SOLID);
                }
            }
        }
        if (drawn == 0) {
            return new Drawn(omitted, true);
        }
        Files.createDirectories(file.getParent());
        Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        return new Drawn(omitted, false);
    }

    /**
     * The tick label of a log10 value v: 1e-7 at a power of ten, else 10^v in two digits (XChart puts
     * ticks between powers of ten only on axes of a few decades; its labels must be distinct).
     */
    static String power(double v) {
        double r = Math.rint(v);
        if (Math.abs(v - r) < 1e-9) {
            long k = (long) r;
            return k == 0 ? "1" : k == 1 ? "10" : k == 2 ? "100" : k == -1 ? "0.1" : "1e" + k;
        }
        return String.format(java.util.Locale.ROOT, "%.2g", Math.pow(10, v));
    }

    /** A double[] or a JSON list of numbers (null: not finite). */
    static double[] doubles(Object o) {
        if (o instanceof double[] a) {
            return a;
        }
        List<?> l = (List<?>) o;
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i) == null ? Double.NaN : ((Number) l.get(i)).doubleValue();
        }
        return a;
    }

    /** Loads Java2D, the fonts and XChart's classes (about a second on a cold JVM), off the critical path. */
    static void warmUp() {
        try {
            Map<String, Object> f = Map.of("xLabel", "x", "yLabel", "y", "logX", false, "logY", true, "series",
                    List.of(Map.of("name", "a", "kind", "line", "x", new double[] {1, 2}, "y", new double[] {1, 2}),
                            Map.of("name", "b", "kind", "points", "x", new double[] {1}, "y", new double[] {1})));
            Path tmp = Files.createTempFile("dlmath-warmup", ".png");
            try {
                render(f, tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // only a warm-up: the real rendering reports its own problems
        }
    }
}
