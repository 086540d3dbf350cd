package candado.pc.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What one chart shows; drawn after the report is written. */
record ChartData(String title, String yTitle, List<String> categories, Map<String, Map<String, double[]>> data, boolean logY) {

    ChartData(String title, String yTitle, List<String> categories, Map<String, Map<String, double[]>> data) {
        this(title, yTitle, categories, data, false);
    }

    void write(Path png) throws Exception {
        Charts.bars(png, title, yTitle, categories, data, logY);
    }
}
