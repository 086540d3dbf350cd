package candado.app.test;

/**
 * Per-cycle write and read times of one test-mode run over one transport, in fixed arrays sized
 * once from the configured cycle count (no growing lists on the board). Times in nanoseconds.
 */
public final class CycleTimes {

    private final String transport;
    private final int bytes;
    private final long[] writeNanos;
    private final long[] readNanos;
    private final boolean[] equal;
    private int count;
    private int lost;
    private String failure;

    public CycleTimes(String transport, int bytes, int cycles) {
        if (cycles < 1) {
            throw new IllegalArgumentException("cycles must be at least 1, got " + cycles);
        }
        this.transport = transport;
        this.bytes = bytes;
        this.writeNanos = new long[cycles];
        this.readNanos = new long[cycles];
        this.equal = new boolean[cycles];
    }

    /** Adds the next cycle; ignored (returns false) once the planned cycles are recorded. */
    public boolean record(long writeNs, long readNs, boolean payloadEqual) {
        if (count + lost == writeNanos.length) {
            return false;
        }
        writeNanos[count] = writeNs;
        readNanos[count] = readNs;
        equal[count] = payloadEqual;
        count++;
        return true;
    }

    /** Counts the next cycle as lost to a connection loss (not timed); the run goes on after the reconnect. */
    public void lose() {
        if (count + lost < writeNanos.length) {
            lost++;
        }
    }

    /** Cycles lost to connection losses. */
    public int lostCount() {
        return lost;
    }

    /** Marks the run as cut short (connection lost, timeout), keeping what was recorded. */
    public void fail(String why) {
        failure = why;
    }

    public String failure() {
        return failure;
    }

    public String transport() {
        return transport;
    }

    public int bytes() {
        return bytes;
    }

    public int planned() {
        return writeNanos.length;
    }

    public int count() {
        return count;
    }

    public long writeNanos(int i) {
        check(i);
        return writeNanos[i];
    }

    public long readNanos(int i) {
        check(i);
        return readNanos[i];
    }

    public boolean equal(int i) {
        check(i);
        return equal[i];
    }

    public int equalCount() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (equal[i]) {
                n++;
            }
        }
        return n;
    }

    /** Complete, every payload came back equal, none lost, no failure. */
    public boolean passed() {
        return failure == null && lost == 0 && count == writeNanos.length && equalCount() == count;
    }

    public Summary writeSummary() {
        return Summary.of(writeNanos, count);
    }

    public Summary readSummary() {
        return Summary.of(readNanos, count);
    }

    private void check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("cycle " + i + " of " + count);
        }
    }
}
