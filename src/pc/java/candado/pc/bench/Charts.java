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
            Map<String, Map<String, double[]>> data) throws Exception {
        System.setProperty("java.awt.headless", "true");
        CategoryChart c = new CategoryChartBuilder().width(1000).height(520).title(title).xAxisTitle("").yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        c.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
        for (Map.Entry<String, Map<String, double[]>> lib : data.entrySet()) {
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (String cat : categories) {
                double[] v = lib.getValue().get(cat);
                if (v == null || v.length == 0) {
                    y.add(0.0);
                    err.add(0.0);
                } else {
                    y.add(Stats.median(v));
                    err.add((Stats.max(v) - Stats.min(v)) / 2);
                }
            }
            c.addSeries(lib.getKey(), categories, y, err);
        }
        String name = png.toString();
        BitmapEncoder.saveBitmap(c, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
                BitmapEncoder.BitmapFormat.PNG);
    }
}
