package candado.reliability;

import candado.log.Log;
import candado.log.LogSink;
import java.util.ArrayList;
import java.util.List;

/** Turns the per-message INFO lines off during long streams; keeps warnings and errors for the report. */
final class QuietLog implements AutoCloseable {

    private final LogSink oldSink = Log.sink();
    private final int oldLevel = Log.level();
    final List<String> lines = new ArrayList<>();

    QuietLog() {
        Log.setLevel(Log.WARN);
        Log.setSink(line -> {
            if (!line.contains("Published: FAILED")) {
                synchronized (lines) {
                    if (lines.size() < 2000) {
                        lines.add(line);
                    }
                }
            }
        });
    }

    @Override
    public void close() {
        Log.setSink(oldSink);
        Log.setLevel(oldLevel);
    }
}
