package candado.pc.app;

import candado.app.test.CycleTimes;
import candado.app.test.ResultTable;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PC port's test-mode outputs: a CSV of every cycle of every transport, and a PNG chart of
 * per-cycle read (solid) and write (dashed) times per transport beside their box plots, drawn
 * headless with XChart.
 */
public final class TestReport {

    public static final int CHART_WIDTH = 1400;
    static final int SERIES_WIDTH = 920;
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

    /**
     * One PNG: on the left each transport's read (solid) and write (dashed) time per cycle, on the
     * right the distribution of each as a box plot (median, quartiles, whiskers), log scale both.
     */
    public static void writeChart(CycleTimes[] runs, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage series = BitmapEncoder.getBufferedImage(seriesChart(runs));
        BufferedImage boxes = BitmapEncoder.getBufferedImage(boxChart(runs));
        BufferedImage img = new BufferedImage(CHART_WIDTH, CHART_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.drawImage(series, 0, 0, null);
        g.drawImage(boxes, SERIES_WIDTH, 0, null);
        g.dispose();
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    static XYChart seriesChart(CycleTimes[] runs) {
        XYChart chart = new XYChartBuilder().width(SERIES_WIDTH).height(CHART_HEIGHT)
                .title("Time per cycle" + (runs.length > 0 ? " (" + runs[0].bytes() + "-byte messages, transports interleaved)" : ""))
                .xAxisTitle("cycle").yAxisTitle("microseconds (log scale)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setXAxisDecimalPattern("#");
        // Tick labels at least 60 px apart: 100 or 1000 cycles never print on top of each other.
        chart.getStyler().setXAxisTickMarkSpacingHint(60);
        for (int r = 0; r < runs.length; r++) {
            CycleTimes t = runs[r];
            if (t.count() == 0) {
                continue;
            }
            double[] x = new double[t.count()];
            for (int i = 0; i < t.count(); i++) {
                x[i] = i + 1;
            }
            Color c = COLOURS[r % COLOURS.length];
            XYSeries rs = chart.addSeries(t.transport() + " read (round trip)", x, micros(t, true));
            rs.setLineColor(c);
            rs.setMarkerColor(c);
            rs.setMarker(SeriesMarkers.CIRCLE);
            XYSeries ws = chart.addSeries(t.transport() + " write", x, micros(t, false));
            ws.setLineColor(c);
            ws.setMarkerColor(c);
            ws.setMarker(SeriesMarkers.NONE);
            ws.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no cycles recorded", new double[] {1}, new double[] {1});
        }
        return chart;
    }

    static BoxChart boxChart(CycleTimes[] runs) {
        BoxChart chart = new BoxChartBuilder().width(CHART_WIDTH - SERIES_WIDTH).height(CHART_HEIGHT)
                .title("Distribution per transport").yAxisTitle("microseconds (log scale)").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(0);
        boolean any = false;
        for (int r = 0; r < runs.length; r++) {
            CycleTimes t = runs[r];
            if (t.count() == 0) {
                continue;
            }
            // Short names: six boxes share under 500 px of axis. (XChart 3.8.8 draws every box in its
            // own blue/red/black, whatever the series colours say.)
            chart.addSeries(t.transport() + " rd", micros(t, true));
            chart.addSeries(t.transport() + " wr", micros(t, false));
            any = true;
        }
        if (!any) {
            chart.addSeries("none", new double[] {1, 1});
        }
        return chart;
    }

    private static void style(AxesChartStyler st) {
        st.setChartBackgroundColor(Color.WHITE);
        // Logarithmic: a few scheduling spikes would otherwise flatten the typical times to the floor.
        st.setYAxisLogarithmic(true);
        st.setYAxisDecimalPattern("#,##0");
    }

    private static double[] micros(CycleTimes t, boolean read) {
        double[] v = new double[t.count()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0.1, (read ? t.readNanos(i) : t.writeNanos(i)) / 1000.0);
        }
        return v;
    }
}
