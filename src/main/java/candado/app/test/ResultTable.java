package candado.app.test;

/**
 * The test-mode tables as text lines, times in microseconds: each cycle of a run, its summary, and
 * the side-by-side comparison of several transports (the thesis's plain vs TLS vs PSK table).
 */
public final class ResultTable {

    private ResultTable() {
    }

    public static String[] cycles(CycleTimes t) {
        String[] lines = new String[t.count() + 1];
        lines[0] = row(new String[] {"cycle", "write_us", "read_us", "equal"}, new int[] {6, 10, 10, 6});
        for (int i = 0; i < t.count(); i++) {
            lines[i + 1] = row(new String[] {Integer.toString(i + 1), micros(t.writeNanos(i)), micros(t.readNanos(i)),
                t.equal(i) ? "yes" : "NO"}, new int[] {6, 10, 10, 6});
        }
        return lines;
    }

    public static String[] summary(CycleTimes t) {
        Summary w = t.writeSummary();
        Summary r = t.readSummary();
        int[] widths = {6, 10, 10};
        return new String[] {
            t.transport() + ": " + t.count() + "/" + t.planned() + " cycles of " + t.bytes() + " bytes, "
                    + t.equalCount() + " equal" + (t.lostCount() == 0 ? "" : ", " + t.lostCount() + " lost to connection losses")
                    + (t.failure() == null ? "" : ", stopped: " + t.failure()),
            row(new String[] {"", "write_us", "read_us"}, widths),
            row(new String[] {"min", micros(w.min), micros(r.min)}, widths),
            row(new String[] {"max", micros(w.max), micros(r.max)}, widths),
            row(new String[] {"avg", micros(w.avg), micros(r.avg)}, widths),
            row(new String[] {"p50", micros(w.p50), micros(r.p50)}, widths),
            row(new String[] {"p99", micros(w.p99), micros(r.p99)}, widths),
        };
    }

    /** One line per transport: write and read avg/p50/p99 side by side. */
    public static String[] comparison(CycleTimes[] runs) {
        int[] widths = {10, 7, 7, 10, 10, 10, 10, 10, 10, 7};
        for (int i = 0; i < runs.length; i++) {
            // Labels such as micropaho-plain (app.test_engines) widen the first column.
            widths[0] = Math.max(widths[0], runs[i].transport().length() + 1);
        }
        String[] lines = new String[runs.length + 1];
        lines[0] = row(new String[] {"transport", "bytes", "cycles", "write_avg", "write_p50", "write_p99",
            "read_avg", "read_p50", "read_p99", "equal"}, widths);
        for (int i = 0; i < runs.length; i++) {
            CycleTimes t = runs[i];
            Summary w = t.writeSummary();
            Summary r = t.readSummary();
            lines[i + 1] = row(new String[] {t.transport(), Integer.toString(t.bytes()), Integer.toString(t.count()),
                micros(w.avg), micros(w.p50), micros(w.p99), micros(r.avg), micros(r.p50), micros(r.p99),
                t.equalCount() + "/" + t.count()}, widths);
        }
        return lines;
    }

    /** Nanoseconds as microseconds with one decimal, e.g. {@code 123.4}. */
    public static String micros(long nanos) {
        long tenths = (nanos + 50) / 100;
        return (tenths / 10) + "." + (tenths % 10);
    }

    private static String row(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder(80);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            if (i == 0) {
                sb.append(c);
                for (int k = c.length(); k < widths[i]; k++) {
                    sb.append(' ');
                }
            } else {
                sb.append(' ');
                for (int k = c.length(); k < widths[i]; k++) {
                    sb.append(' ');
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
