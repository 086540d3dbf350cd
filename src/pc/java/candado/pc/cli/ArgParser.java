package candado.pc.cli;

import candado.mqtt.MqttProtocolException;
import candado.mqtt.Utf8;

/**
 * A cursor over command-line arguments for mosquitto-style flags: {@code -t x}, {@code --will-qos 1}.
 * Commands loop over {@link #next()} and ask for the flag's value with {@link #value}/{@link #intValue}.
 * It keeps each argument's bytes too ({@link RawArgs}): payloads are sent as typed and text that
 * must be UTF-8 (topics) is checked with the byte offset of the first bad byte.
 */
public final class ArgParser {

    private final String[] args;
    private final byte[][] raw;
    private int pos;

    public ArgParser(String[] args) {
        this(args, RawArgs.encode(args));
    }

    public ArgParser(String[] args, byte[][] raw) {
        if (raw.length != args.length) {
            throw new IllegalArgumentException("raw arguments do not match");
        }
        this.args = args;
        this.raw = raw;
    }

    public boolean hasNext() {
        return pos < args.length;
    }

    public String next() {
        return args[pos++];
    }

    /** The value following {@code flag}. */
    public String value(String flag) throws UsageException {
        if (pos >= args.length) {
            throw new UsageException("option " + flag + " needs a value");
        }
        return args[pos++];
    }

    /** The value following {@code flag}, as the bytes typed (a payload). */
    public byte[] bytesValue(String flag) throws UsageException {
        value(flag);
        return raw[pos - 1].clone();
    }

    /** The value following {@code flag}, which must be valid UTF-8 (a topic, a filter). */
    public String utf8Value(String flag, String what) throws UsageException {
        String v = value(flag);
        byte[] b = raw[pos - 1];
        try {
            Utf8.decode(b, 0, b.length, what);
        } catch (MqttProtocolException e) {
            throw new UsageException(e.getMessage() + " (option " + flag + ")");
        }
        return v;
    }

    public int intValue(String flag, int min, int max) throws UsageException {
        long n = longValue(flag, min, max);
        return (int) n;
    }

    /** A decimal number (e.g. seconds, "0.5"). */
    public double doubleValue(String flag) throws UsageException {
        String v = value(flag);
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("option " + flag + " needs a number, got '" + v + "'");
        }
    }

    public long longValue(String flag, long min, long max) throws UsageException {
        String v = value(flag);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option " + flag + " needs a number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException("option " + flag + " must be in " + min + ".." + max + ", got " + n);
        }
        return n;
    }
}
