package candado.mqtt;

/** Small text helpers for payloads in logs and CLIs. */
final class Text {

    private Text() {
    }

    /** Lenient UTF-8 decoding (payloads are arbitrary bytes, unlike MQTT strings). */
    static String utf8(byte[] b, int off, int len) {
        try {
            return new String(b, off, len, "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            return new String(b, off, len);
        }
    }

    /** Payload shortened for a log line, non-printable bytes as '.'. */
    static String preview(byte[] b, int max) {
        int n = Math.min(b.length, max);
        StringBuilder sb = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            sb.append(c >= 32 && c < 127 ? (char) c : '.');
        }
        if (b.length > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}
