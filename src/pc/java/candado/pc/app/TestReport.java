package candado.pc.app;

import candado.app.test.CycleTimes;
import candado.app.test.ResultTable;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PC port's test-mode outputs: a CSV of every cycle of every transport, and a PNG chart of
 * per-cycle read (solid) and write (dashed) times per transport, drawn headless with XChart.
 */
public final class TestReport {

    public static final int CHART_WIDTH = 1000;
    public static final int CHART_HEIGHT = 600;

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e)};

    private TestReport() {
    }

    /** {@code transport,cycle,bytes,write_us,read_us,equal}, one row per cycle. */
    public static void writeCsv(CycleTimes[] runs, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("transport,cycle,bytes,write_us,read_us,equal\n");
            for (CycleTimes t : runs) {
                for (int i = 0; i < t.count(); i++) {
                    w.write(t.transport() + "," + (i + 1) + "," + t.bytes() + "," + ResultTable.micros(t.writeNanos(i))
                            + "," + ResultTable.micros(t.readNanos(i)) + "," + t.equal(i) + "\n");
                }
            }
        }
    }

    public static void writeChart(CycleTimes[] runs, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(CHART_WIDTH).height(CHART_HEIGHT)
                .title("Candado test mode: time per cycle" + (runs.length > 0 ? " (" + runs[0].bytes() + "-byte messages)" : ""))
                .xAxisTitle("cycle").yAxisTitle("microseconds (log scale)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(3);
        // Logarithmic: a few scheduling spikes would otherwise flatten the typical times to the floor.
        chart.getStyler().setYAxisLogarithmic(true);
        for (int r = 0; r < runs.length; r++) {
            CycleTimes t = runs[r];
            if (t.count() == 0) {
                continue;
            }
            double[] x = new double[t.count()];
            double[] read = new double[t.count()];
            double[] write = new double[t.count()];
            for (int i = 0; i < t.count(); i++) {
                x[i] = i + 1;
                read[i] = Math.max(0.1, t.readNanos(i) / 1000.0);
                write[i] = Math.max(0.1, t.writeNanos(i) / 1000.0);
            }
            Color c = COLOURS[r % COLOURS.length];
            XYSeries rs = chart.addSeries(t.transport() + " read (round trip)", x, read);
            rs.setLineColor(c);
            rs.setMarkerColor(c);
            rs.setMarker(SeriesMarkers.CIRCLE);
            XYSeries ws = chart.addSeries(t.transport() + " write", x, write);
            ws.setLineColor(c);
            ws.setMarkerColor(c);
            ws.setMarker(SeriesMarkers.NONE);
            ws.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no cycles recorded", new double[] {1}, new double[] {1});
        }
        String name = file.toString();
        // BitmapEncoder appends the extension itself.
        String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    }
}
