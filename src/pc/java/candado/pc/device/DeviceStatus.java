package candado.pc.device;

/**
 * What the front panel's status strip shows, learnt from the firmware's own log lines (the PC port
 * tees {@code candado.log.Log} into {@link #logLine}): network address and where it came from,
 * whether the clock is synchronised, broker and TLS mode/suite, connection state, last command and
 * last event. Reading the log keeps the firmware untouched: the strip shows exactly what the UART
 * says. Unknown lines are ignored; every field starts with a neutral value.
 */
public final class DeviceStatus {

    private volatile String network = "not up yet";
    private volatile String clock = "not set (boots at 1970 until SNTP)";
    private volatile String broker = "-";
    private volatile String tlsVersion = "";
    private volatile String tls = "-";
    private volatile String connection = "not connected";
    private volatile String command = "-";
    private volatile String event = "-";

    /** Takes one finished log line ({@code [stamp] tag  message}); returns true if a field changed. */
    public synchronized boolean logLine(String line) {
        int close = line.indexOf("] ");
        if (close < 0 || line.length() < close + 7) {
            return false;
        }
        String tag = line.substring(close + 2, Math.min(line.length(), close + 6)).trim();
        String msg = line.substring(Math.min(line.length(), close + 7)).trim();
        switch (tag) {
            case "net" -> {
                return net(msg);
            }
            case "tls" -> {
                return tls(msg);
            }
            case "mqtt" -> {
                return mqtt(msg);
            }
            case "app" -> {
                return app(msg);
            }
            default -> {
                return false;
            }
        }
    }

    private boolean net(String msg) {
        if (msg.startsWith("DHCP lease ")) {
            network = words(msg.substring("DHCP lease ".length()), 3) + " (DHCP, Candado's client)";
        } else if (msg.startsWith("static address ")) {
            network = words(msg.substring("static address ".length()), 3) + " (static)";
        } else if (msg.startsWith("network up") && network.startsWith("not up")) {
            network = "the platform's (native)";
        } else if (msg.startsWith("SNTP ") && msg.contains(" offset ")) {
            String server = msg.substring(5, msg.indexOf(' ', 5));
            clock = "synchronised by SNTP (" + server + ", offset " + words(msg.substring(msg.indexOf(" offset ") + 8), 2) + ")";
        } else if (msg.startsWith("clock: the operating system's")) {
            clock = "the operating system's (PC port)";
        } else if (msg.startsWith("ERROR ")) {
            network = "bring-up failed: " + msg.substring(6);
        } else {
            return false;
        }
        return true;
    }

    private boolean tls(String msg) {
        if (msg.startsWith("version: ")) {
            tlsVersion = words(msg.substring(9), 1);
        } else if (msg.startsWith("ciphersuite: ")) {
            tls = (tlsVersion.isEmpty() ? "" : tlsVersion + " ") + words(msg.substring(13), 1) + modeOf(broker);
        } else if (msg.startsWith("WARNING the device clock is not set")) {
            clock = "NOT synchronised: certificate dates checked against a wrong clock";
        } else {
            return false;
        }
        return true;
    }

    private boolean mqtt(String msg) {
        if (msg.contains(" connecting to ")) {
            connection = "connecting to " + msg.substring(msg.indexOf(" connecting to ") + 15);
        } else if (msg.startsWith("CONNACK 0")) {
            connection = "connected (CONNACK 0)";
        } else if (msg.startsWith("CONNACK")) {
            connection = "refused (" + msg + ")";
        } else if (msg.startsWith("Published: OK topic:") && msg.contains(" msg:")) {
            event = msg.substring(msg.indexOf(" msg:") + 5);
        } else if (msg.endsWith(" disconnected")) {
            connection = "disconnected";
        } else if (msg.startsWith("ERROR ")) {
            connection = "failed: " + msg.substring(6);
        } else {
            return false;
        }
        return true;
    }

    private boolean app(String msg) {
        if (msg.startsWith("Normal mode over ") || msg.startsWith("Test mode over ")) {
            broker = msg.substring(msg.indexOf(" over ") + 6);
            if (broker.startsWith("plain ")) {
                tls = "none (plain TCP)";
            }
        } else if (msg.startsWith("Command: ")) {
            command = msg.substring(9);
        } else if (msg.startsWith("WARNING Bad command: ")) {
            command = "refused: " + msg.substring(21);
        } else if (msg.startsWith("ERROR Cannot connect")) {
            connection = "failed: " + msg.substring(msg.indexOf(": ") + 2);
        } else {
            return false;
        }
        return true;
    }

    private static String modeOf(String broker) {
        return broker.contains("(mutual TLS)") ? ", mutual (certificates both ways)"
                : broker.startsWith("psk ") ? ", PSK" : broker.startsWith("tls ") ? ", server certificate" : "";
    }

    /** The first {@code n} space-separated words of {@code s}. */
    private static String words(String s, int n) {
        int end = 0;
        for (int i = 0; i < n && end >= 0; i++) {
            end = s.indexOf(' ', end + (i == 0 ? 0 : 1));
        }
        return end < 0 ? s : s.substring(0, end);
    }

    /** Label and value per row, in display order. */
    public synchronized String[][] rows() {
        return new String[][] {
            {"network", network},
            {"clock", clock},
            {"broker", broker},
            {"TLS", tls},
            {"MQTT", connection},
            {"command", command},
            {"event", event},
        };
    }
}
