package candado.pc.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads pub's stdin as bytes, never more than one message's worth at a time: -l lines end at
 * '\n' only (a '\r' before it stays in the payload, as mosquitto_pub), -s reads to EOF. Both stop
 * with the size error as soon as the input exceeds what fits in one packet.
 */
final class StdinReader {

    private final InputStream in;
    private final int maxPayload;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int end;
    private boolean eof;
    private long lineNo;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    StdinReader(InputStream in, int maxPayload) {
        this.in = in;
        this.maxPayload = maxPayload;
    }

    /** The next line without its '\n', or null at EOF; a last line without '\n' counts. */
    byte[] nextLine(String topic, int qos, int maxPacketSize) throws IOException, UsageException {
        line.reset();
        lineNo++;
        boolean any = false;
        while (true) {
            if (pos == end) {
                if (eof || !fill()) {
                    return any ? line.toByteArray() : null;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            if (line.size() + (pos - start) > maxPayload) {
                PubCommand.checkSize(topic, line.size() + (long) (pos - start), qos, maxPacketSize, "line " + lineNo + " of stdin");
            }
            line.write(buf, start, pos - start);
            if (pos < end) {
                pos++; // the '\n'
                return line.toByteArray();
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    /** All of {@code in}, stopping with the size error at the first byte that does not fit. */
    static byte[] readAll(InputStream in, int maxPayload, String topic, int qos, int maxPacketSize) throws IOException, UsageException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        for (int n; (n = in.read(buf)) > 0;) {
            if ((long) b.size() + n > maxPayload) {
                PubCommand.checkSize(topic, (long) b.size() + n, qos, maxPacketSize, "stdin (at least)");
            }
            b.write(buf, 0, n);
        }
        return b.toByteArray();
    }
}
