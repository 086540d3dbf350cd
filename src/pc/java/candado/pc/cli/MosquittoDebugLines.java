package candado.pc.cli;

/**
 * -d as mosquitto_pub/sub 2.0 print it: Candado's packet log lines ("Client X sending ...",
 * "Client X received ...") rewritten to libmosquitto's wording, on stdout; Candado's other log
 * lines are left for --log. SUBACK also gives sub's "Subscribed (mid: n): q" line.
 */
final class MosquittoDebugLines {

    private final String shownName;
    private final boolean subscriber;
    /** libmosquitto gives every outgoing packet a mid, QoS 0 PUBLISH included: the last one shown. */
    private int lastMid;
    /** sub's filters: the client logs a several-filter SUBSCRIBE by its first filter and "...". */
    private volatile String[] filters;
    /** MQTT 5: a received PUBACK's line waits for the next log line, which gives a refusal's code. */
    private final boolean v5;
    private String heldPuback;

    /** {@code clientName} as mosquitto shows it: the -i/-I id, else "(null)" (the broker picks one). */
    MosquittoDebugLines(String clientName, boolean subscriber, boolean v5) {
        this.shownName = clientName == null ? "(null)" : clientName;
        this.subscriber = subscriber;
        this.v5 = v5;
    }

    /**
     * The lines mosquitto prints for one Candado log line (without its time stamp), or null. In
     * MQTT 5 libmosquitto shows a PUBACK's reason code ("RC:135"); the client logs the packet, then
     * the refusal with its code, so that line is held until the next one arrives (or {@link #flush}).
     */
    synchronized String translate(String logLine) {
        String held = heldPuback;
        if (held == null) {
            return translateLine(logLine);
        }
        heldPuback = null;
        int r = logLine.indexOf("refused by the broker (PUBACK): ");
        int code = logLine.lastIndexOf("(0x");
        if (r >= 0 && code > r && logLine.endsWith(")")) {
            try {
                return held + Integer.parseInt(logLine.substring(code + 3, logLine.length() - 1), 16) + ")";
            } catch (NumberFormatException e) {
                // not a code after all: the PUBACK succeeded
            }
        }
        String now = translateLine(logLine);
        return now == null ? held + "0)" : held + "0)\n" + now;
    }

    /** A held PUBACK line (the run is ending), or null. */
    synchronized String flush() {
        String held = heldPuback;
        heldPuback = null;
        return held == null ? null : held + "0)";
    }

    void subscribing(String[] filters) {
        this.filters = filters;
    }

    private String translateLine(String logLine) {
        int c = logLine.indexOf("] mqtt Client ");
        if (c < 0) {
            return null;
        }
        String rest = logLine.substring(c + "] mqtt Client ".length());
        int sending = rest.indexOf(" sending ");
        int received = rest.indexOf(" received ");
        boolean out = sending >= 0 && (received < 0 || sending < received);
        String what = rest.substring((out ? sending + " sending ".length() : received + " received ".length()));
        String prefix = "Client " + shownName + (out ? " sending " : " received ");
        int sp = what.indexOf(' ');
        String type = sp < 0 ? what : what.substring(0, sp);
        String mid = midOf(what);
        if (out && mid != null) {
            lastMid = Math.max(lastMid, Integer.parseInt(mid));
        }
        switch (type) {
            case "CONNACK":
                return prefix + what.replace(", session present)", ")");
            case "SUBSCRIBE":
                String[] fs = filters;
                int topic = what.indexOf(", Topic: ");
                int q = what.lastIndexOf(", QoS: ");
                if (fs != null && fs.length > 1 && topic > 0 && q > topic && what.endsWith(")")
                        && what.substring(topic, q).equals(", Topic: " + fs[0] + " ...")) {
                    // libmosquitto prints one line per filter, each with the packet's mid
                    StringBuilder sb = new StringBuilder();
                    for (String f : fs) {
                        sb.append(sb.length() == 0 ? "" : "\n").append(prefix).append(what, 0, topic).append(", Topic: ")
                                .append(f).append(what, q, what.length() - 1).append(", Options: 0x00)");
                    }
                    return sb.toString();
                }
                return prefix + (what.endsWith(")") ? what.substring(0, what.length() - 1) + ", Options: 0x00)" : what);
            case "SUBACK":
                String line = prefix + "SUBACK";
                int codes = what.indexOf("codes: ");
                if (subscriber && codes >= 0 && mid != null) {
                    String list = what.substring(codes + 7, what.lastIndexOf(')')).replace("0x80", "128");
                    line += "\nSubscribed (mid: " + mid + "): " + list;
                }
                return line;
            case "UNSUBACK":
                return prefix + "UNSUBACK";
            case "PUBACK":
                if (v5 && !out) {
                    heldPuback = prefix + "PUBACK (Mid: " + mid + ", RC:";
                    return null;
                }
                return out ? prefix + "PUBACK (m" + mid + ", rc0)" : prefix + "PUBACK (Mid: " + mid + ", RC:0)";
            case "PUBCOMP":
                return out ? prefix + type + " (m" + mid + (type.equals("PUBACK") ? ", rc0)" : ")") : prefix + type + " (Mid: " + mid + ", RC:0)";
            case "PUBREC":
                return out ? prefix + "PUBREC (m" + mid + ", rc0)" : prefix + what;
            case "PUBREL":
                return out ? prefix + "PUBREL (m" + mid + ")" : prefix + what;
            case "PUBLISH":
                if (out && what.contains(", q0, ")) {
                    int m = what.indexOf(", m0, ");
                    if (m >= 0) {
                        what = what.substring(0, m) + ", m" + (++lastMid) + ", " + what.substring(m + 6);
                    }
                }
                return prefix + what;
            default:
                return prefix + what; // CONNECT, PUBLISH, UNSUBSCRIBE, PINGREQ, PINGRESP, DISCONNECT: same words
        }
    }

    private static String midOf(String what) {
        int m = what.indexOf("(Mid: ");
        if (m < 0) {
            return null;
        }
        int e = m + 6;
        while (e < what.length() && what.charAt(e) >= '0' && what.charAt(e) <= '9') {
            e++;
        }
        return what.substring(m + 6, e);
    }
}
