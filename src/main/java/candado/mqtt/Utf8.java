package candado.mqtt;

/**
 * MQTT's UTF-8 strings (MQTT 3.1.1 section 1.5.3): well-formed UTF-8, no U+0000, no surrogate code
 * points, at most 65,535 bytes. Written by hand so every fault can be named and no charset
 * support is needed on the device.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Number of UTF-8 bytes for {@code s}; throws if it has U+0000 or an unpaired surrogate. */
    public static int encodedLength(String s, String what) throws MqttException {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, what + " contains U+0000");
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (c >= 0xD800 && c <= 0xDBFF) {
                if (i + 1 >= s.length() || s.charAt(i + 1) < 0xDC00 || s.charAt(i + 1) > 0xDFFF) {
                    throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, what + " contains an unpaired surrogate");
                }
                n += 4;
                i++;
            } else if (c >= 0xDC00 && c <= 0xDFFF) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, what + " contains an unpaired surrogate");
            } else {
                n += 3;
            }
        }
        if (n > 65535) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, what + " is " + n + " bytes long (max 65535)");
        }
        return n;
    }

    /** Appends the UTF-8 of {@code s} (already checked by {@link #encodedLength}) without a length prefix. */
    static void encode(String s, MqttBuffer out) {
        for (int i = 0; i < s.length(); i++) {
            int c = s.charAt(i);
            if (c < 0x80) {
                out.put(c);
            } else if (c < 0x800) {
                out.put(0xC0 | (c >> 6));
                out.put(0x80 | (c & 0x3F));
            } else if (c >= 0xD800 && c <= 0xDBFF) {
                int cp = 0x10000 + ((c - 0xD800) << 10) + (s.charAt(++i) - 0xDC00);
                out.put(0xF0 | (cp >> 18));
                out.put(0x80 | ((cp >> 12) & 0x3F));
                out.put(0x80 | ((cp >> 6) & 0x3F));
                out.put(0x80 | (cp & 0x3F));
            } else {
                out.put(0xE0 | (c >> 12));
                out.put(0x80 | ((c >> 6) & 0x3F));
                out.put(0x80 | (c & 0x3F));
            }
        }
    }

    /** Decodes and validates {@code len} bytes; {@code what} names the field in the error. */
    public static String decode(byte[] b, int off, int len, String what) throws MqttProtocolException {
        StringBuilder sb = new StringBuilder(len);
        int end = off + len;
        int i = off;
        while (i < end) {
            int b0 = b[i] & 0xFF;
            int cp;
            int need;
            int min;
            if (b0 < 0x80) {
                cp = b0;
                need = 0;
                min = 0;
            } else if (b0 >= 0xC2 && b0 <= 0xDF) {
                cp = b0 & 0x1F;
                need = 1;
                min = 0x80;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                cp = b0 & 0x0F;
                need = 2;
                min = 0x800;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                cp = b0 & 0x07;
                need = 3;
                min = 0x10000;
            } else {
                throw new MqttProtocolException("invalid UTF-8 in " + what + ": bad lead byte 0x" + Integer.toHexString(b0)
                        + " at offset " + (i - off));
            }
            if (i + need >= end && need > 0) {
                throw new MqttProtocolException("invalid UTF-8 in " + what + ": truncated sequence at offset " + (i - off));
            }
            for (int k = 1; k <= need; k++) {
                int bk = b[i + k] & 0xFF;
                if ((bk & 0xC0) != 0x80) {
                    throw new MqttProtocolException("invalid UTF-8 in " + what + ": bad continuation byte at offset " + (i + k - off));
                }
                cp = (cp << 6) | (bk & 0x3F);
            }
            if (cp < min) {
                throw new MqttProtocolException("invalid UTF-8 in " + what + ": overlong encoding at offset " + (i - off));
            }
            if (cp == 0) {
                throw new MqttProtocolException(what + " contains U+0000");
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                throw new MqttProtocolException(what + " contains a UTF-16 surrogate (U+" + Integer.toHexString(cp).toUpperCase() + ")");
            }
            if (cp > 0x10FFFF) {
                throw new MqttProtocolException("invalid UTF-8 in " + what + ": code point above U+10FFFF");
            }
            if (cp >= 0x10000) {
                cp -= 0x10000;
                sb.append((char) (0xD800 + (cp >> 10)));
                sb.append((char) (0xDC00 + (cp & 0x3FF)));
            } else {
                sb.append((char) cp);
            }
            i += need + 1;
        }
        return sb.toString();
    }
}
