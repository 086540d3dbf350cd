package candado.pc.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** PNG bar charts of the medians, with error bars spanning the trials' min–max. */
final class Charts {

    private Charts() {
    }

    /**
     * One bar group per category (e.g. "64 B plain"), one bar per library; {@code data} maps
     * library → category → trial values. Missing values are drawn as 0.
     */
    static void bars(Path png, String title, String yTitle, List<String> categories,
            Map<String, Map<String, double[]>> data, boolean logY) throws Exception {
        System.setProperty("java.awt.headless", "true");
        CategoryChart c = new CategoryChartBuilder().width(1000).height(520).title(title).xAxisTitle("").yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        c.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
        // Growth charts span decades: a log axis (missing values then sit at the axis floor).
        c.getStyler().setYAxisLogarithmic(logY);
        double floor = logY ? floor(data) : 0.0;
        if (logY) {
            // XChart's bar axis otherwise starts at 0, which a log axis refuses.
            c.getStyler().setYAxisMin(floor / 2);
        }
        for (Map.Entry<String, Map<String, double[]>> lib : data.entrySet()) {
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (String cat : categories) {
                double[] v = lib.getValue().get(cat);
                if (v == null || v.length == 0 || logY && Stats.median(v) <= 0) {
                    y.add(floor);
                    err.add(0.0);
                } else {
                    y.add(Stats.median(v));
                    err.add(logY ? 0.0 : (Stats.max(v) - Stats.min(v)) / 2);
                }
            }
            if (logY) {
                c.addSeries(lib.getKey(), categories, y);
            } else {
                c.addSeries(lib.getKey(), categories, y, err);
            }
        }
        String name = png.toString();
        BitmapEncoder.saveBitmap(c, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
                BitmapEncoder.BitmapFormat.PNG);
    }

    /** A tenth of the smallest positive median: where a log chart draws missing values. */
    private static double floor(Map<String, Map<String, double[]>> data) {
        double min = Double.MAX_VALUE;
        for (Map<String, double[]> m : data.values()) {
            for (double[] v : m.values()) {
                if (v.length > 0 && Stats.median(v) > 0) {
                    min = Math.min(min, Stats.median(v));
                }
            }
        }
        return min == Double.MAX_VALUE ? 1 : min / 10;
    }
}
