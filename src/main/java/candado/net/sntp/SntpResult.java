package candado.net.sntp;

/** One successful exchange: RFC 4330's offset and delay from the four timestamps. */
public final class SntpResult {
    /** Server time minus local platform time, in milliseconds ({@link #offsetMicros} rounded). */
    public final long offsetMillis;
    /** Round-trip delay excluding the server's processing, in milliseconds. */
    public final long delayMillis;
    public final long offsetMicros;
    public final long delayMicros;
    public final int stratum;
    public final String referenceId;
    /** Index of the server that answered. */
    public final int server;
    /** Local platform time (ms) when the reply arrived, and the corrected time at that moment. */
    public final long localMillis;

    public SntpResult(long offsetMicros, long delayMicros, int stratum, String referenceId, int server, long localMillis) {
        this.offsetMicros = offsetMicros;
        this.delayMicros = delayMicros;
        long m = offsetMicros + 500; // rounded to the nearest millisecond
        this.offsetMillis = m >= 0 ? m / 1000 : -((-m + 999) / 1000);
        this.delayMillis = delayMicros / 1000;
        this.stratum = stratum;
        this.referenceId = referenceId;
        this.server = server;
        this.localMillis = localMillis;
    }

    public long correctedMillis() {
        return localMillis + offsetMillis;
    }
}
