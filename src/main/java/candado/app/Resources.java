package candado.app;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where PEM material named in the configuration comes from: class-path resources on the board
 * (flashed with the firmware), files on the PC port. Reads are bounded: a certificate chain or a
 * key is a few KB, and a wrong name must not fill the heap.
 */
public abstract class Resources {

    /** Largest PEM text accepted (a CA bundle of a dozen certificates fits). */
    public static final int MAX_BYTES = 32768;

    /** The text of resource {@code name}; IOException naming it if absent or too large. */
    public abstract String readText(String name) throws IOException;

    /** The board's resources: {@code getResourceAsStream("/" + name)}. */
    public static Resources classPath() {
        return new Resources() {
            public String readText(String name) throws IOException {
                InputStream in = Resources.class.getResourceAsStream(name.startsWith("/") ? name : "/" + name);
                if (in == null) {
                    throw new IOException("resource " + name + " is not in the firmware (see resources/candado.resources.list)");
                }
                return readBounded(in, name);
            }
        };
    }

    /** Reads a stream to its end as UTF-8 (closing it), refusing more than {@link #MAX_BYTES}. */
    public static String readBounded(InputStream in, String name) throws IOException {
        try {
            byte[] buf = new byte[4096];
            int len = 0;
            while (true) {
                if (len == buf.length) {
                    if (buf.length >= MAX_BYTES) {
                        if (in.read() < 0) {
                            break;
                        }
                        throw new IOException(name + " is larger than " + MAX_BYTES + " bytes");
                    }
                    byte[] bigger = new byte[Math.min(buf.length * 2, MAX_BYTES)];
                    System.arraycopy(buf, 0, bigger, 0, len);
                    buf = bigger;
                }
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    break;
                }
                len += n;
            }
            return new String(buf, 0, len, "UTF-8");
        } finally {
            in.close();
        }
    }
}
