package candado.net.sntp;

/**
 * NTP 64-bit timestamps (32.32 fixed point seconds since 1900) and Unix milliseconds.
 * Era handling (RFC 4330 section 3): a seconds value with the top bit clear is taken to be in era 1
 * (from 2036-02-07 06:28:16 UTC), so the client keeps working across the 2036 rollover.
 * Differences are taken on the raw 64-bit values, which is era-proof for spans under 68 years.
 */
public final class NtpTimestamp {

    /** Seconds from 1900-01-01 to 1970-01-01. */
    public static final long UNIX_OFFSET = 2208988800L;

    private NtpTimestamp() {
    }

    public static long fromUnixMillis(long millis) {
        long seconds = floorDiv(millis, 1000L);
        long ms = millis - seconds * 1000L;
        long ntpSeconds = (seconds + UNIX_OFFSET) & 0xFFFFFFFFL; // wraps to era 1 after 2036
        long fraction = (ms << 32) / 1000L;
        return (ntpSeconds << 32) | fraction;
    }

    public static long toUnixMillis(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xFFFFFFFFL;
        long unixSeconds = (seconds & 0x80000000L) != 0 ? seconds - UNIX_OFFSET : seconds + 0x100000000L - UNIX_OFFSET;
        return unixSeconds * 1000L + ((fraction * 1000L) >>> 32);
    }

    /** {@code a - b} in milliseconds, era-proof (two's complement on the 64-bit values). */
    public static long diffMillis(long a, long b) {
        long d = a - b;
        return (d >> 16) * 1000L >> 16;
    }

    /** {@code a - b} in microseconds, era-proof; split into seconds and fraction so 56-year offsets do not overflow. */
    public static long diffMicros(long a, long b) {
        long d = a - b;
        long seconds = d >> 32;
        long fraction = d & 0xFFFFFFFFL;
        return seconds * 1000000L + ((fraction * 1000000L) >>> 32);
    }

    private static long floorDiv(long a, long b) {
        long q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) {
            q--;
        }
        return q;
    }
}
