package candado.tls;

/**
 * Watches the raw TLS byte stream from the broker and remembers the largest record length seen:
 * how we observe that the broker honours max_fragment_length. Reads only the 5-byte headers.
 */
public final class RecordSizeMeter {

    private final byte[] header = new byte[5];
    private int headerFill;
    private int bodyLeft;
    private int largest;
    private int records;

    public void scan(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            if (bodyLeft > 0) {
                int skip = Math.min(bodyLeft, end - i);
                bodyLeft -= skip;
                i += skip;
                continue;
            }
            header[headerFill++] = buf[i++];
            if (headerFill == 5) {
                headerFill = 0;
                bodyLeft = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                records++;
                if (bodyLeft > largest) {
                    largest = bodyLeft;
                }
            }
        }
    }

    /** Largest record body (ciphertext incl. tag/padding) received, in bytes. */
    public int largestRecord() {
        return largest;
    }

    public int records() {
        return records;
    }
}
