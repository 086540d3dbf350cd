package candado.pc.pki;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mosquitto.conf with one listener per security mode. They must be separate: Mosquitto 2.0.11
 * never offers PSK on a listener that also has a certificate, and OpenSSL's default cipher list
 * has no CCM suite (the seed's TLS-PSK-WITH-AES-128-CCM-8), so the PSK listener names its ciphers.
 */
public final class BrokerConfig {

    /** OpenSSL names of the TLS 1.2 PSK suites the PSK listener accepts: the seed's four first. */
    public static final String PSK_CIPHERS = "PSK-AES128-CCM8:PSK-AES128-GCM-SHA256:ECDHE-PSK-AES128-CBC-SHA256:PSK-AES128-CBC-SHA"
            + ":PSK-AES128-CCM:PSK-AES256-GCM-SHA384:PSK-CHACHA20-POLY1305:ECDHE-PSK-CHACHA20-POLY1305";

    public static final String PSK_HINT = "candado";

    private BrokerConfig() {
    }

    /** Lines after {@code listener PORT} for each mode, keyed plain/tls/mtls/psk. */
    public static Map<String, List<String>> listeners(Path dir, String server, String pskFile, String minTls) {
        String d = dir.toAbsolutePath().toString();
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("plain", List.of("allow_anonymous true"));
        List<String> tls = new ArrayList<>(List.of(
                "cafile " + d + "/ca.crt",
                "certfile " + d + "/" + server + ".crt",
                "keyfile " + d + "/" + server + ".key",
                "tls_version " + minTls,
                "allow_anonymous true"));
        m.put("tls", tls);
        m.put("mtls", List.of(
                "cafile " + d + "/ca.crt",
                "certfile " + d + "/" + server + ".crt",
                "keyfile " + d + "/" + server + ".key",
                "tls_version " + minTls,
                "require_certificate true",
                "use_identity_as_username true",
                "allow_anonymous false"));
        m.put("psk", List.of(
                "psk_hint " + PSK_HINT,
                "psk_file " + d + "/" + pskFile,
                "use_identity_as_username true",
                "ciphers " + PSK_CIPHERS,
                "tls_version " + minTls,
                "allow_anonymous false"));
        return m;
    }

    /** The whole file: globals, then each listener on its port. */
    public static String render(Path dir, String server, String pskFile, String minTls, Map<String, Integer> ports, String bind, boolean runAsRoot) {
        StringBuilder sb = new StringBuilder();
        sb.append("# mosquitto.conf written by `./candado pki broker-config`.\n");
        sb.append("# One listener per mode: Mosquitto 2.0.11 offers no PSK on a listener with a certificate.\n");
        sb.append("# Run: mosquitto -c ").append(dir.toAbsolutePath().resolve("mosquitto.conf")).append(" -v\n");
        sb.append("per_listener_settings true\n");
        if (runAsRoot) {
            sb.append("# Started as root the broker would drop to user mosquitto, which cannot read our mode-600 keys.\n");
            sb.append("user root\n");
        }
        Map<String, List<String>> l = listeners(dir, server, pskFile, minTls);
        String[][] titles = {{"plain", "plain MQTT (no TLS): only for comparisons"},
            {"tls", "TLS, server authentication: clients check the broker against ca.crt"},
            {"mtls", "mutual TLS: clients need a certificate from ca.crt; CN becomes the username"},
            {"psk", "TLS-PSK: identity and key from the psk_file; identity becomes the username"}};
        for (String[] t : titles) {
            sb.append("\n# ").append(t[1]).append('\n');
            sb.append("listener ").append(ports.get(t[0]));
            if (bind != null) {
                sb.append(' ').append(bind);
            }
            sb.append('\n');
            for (String line : l.get(t[0])) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
