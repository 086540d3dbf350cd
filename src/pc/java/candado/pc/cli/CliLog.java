package candado.pc.cli;

import candado.log.Log;
import candado.log.LogSink;
import java.io.PrintStream;

/** Log set-up for a CLI run: silent unless -d (then every packet, on stderr), restored afterwards. */
final class CliLog implements AutoCloseable {

    private final int oldLevel;
    private final LogSink oldSink;

    CliLog(boolean debug, PrintStream err) {
        oldLevel = Log.level();
        oldSink = Log.sink();
        Log.setLevel(debug ? Log.VERBOSE : Log.NONE);
        Log.setSink(err::println);
    }

    @Override
    public void close() {
        Log.setLevel(oldLevel);
        Log.setSink(oldSink);
    }
}
