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

    /** File name of the per-identity ACL that {@code broker-config} writes next to mosquitto.conf. */
    public static final String ACL_FILE = "acl.txt";

    /**
     * The per-identity ACL: with {@code use_identity_as_username} the certificate CN or the PSK
     * identity is the user name, so {@code %u} confines each device to its own topic tree. (Mosquitto
     * 2.0.11 still grants the SUBSCRIBE, SUBACK 0, but delivers nothing outside the pattern and drops
     * publishes outside it.)
     */
    public static String aclText() {
        return "# Written by `./candado pki broker-config`: each device reads and writes only devices/<its identity>/#.\n"
                + "# %u is the certificate CN (mutual TLS) or the PSK identity (use_identity_as_username true).\n"
                + "pattern readwrite devices/%u/#\n";
    }

    /** Lines after {@code listener PORT} for each mode, keyed plain/tls/mtls/psk (no ACL). */
    public static Map<String, List<String>> listeners(Path dir, String server, String pskFile, String minTls) {
        return listeners(dir, server, pskFile, minTls, null);
    }

    /**
     * As above; with {@code aclFile} (a file name in {@code dir}) the identity listeners (mtls, psk)
     * get {@code acl_file}: devices are confined to {@code devices/<identity>/#}.
     */
    public static Map<String, List<String>> listeners(Path dir, String server, String pskFile, String minTls, String aclFile) {
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
        List<String> mtls = new ArrayList<>(List.of(
                "cafile " + d + "/ca.crt",
                "certfile " + d + "/" + server + ".crt",
                "keyfile " + d + "/" + server + ".key",
                "tls_version " + minTls,
                "require_certificate true",
                "use_identity_as_username true",
                "allow_anonymous false"));
        List<String> psk = new ArrayList<>(List.of(
                "psk_hint " + PSK_HINT,
                "psk_file " + d + "/" + pskFile,
                "use_identity_as_username true",
                "ciphers " + PSK_CIPHERS,
                "tls_version " + minTls,
                "allow_anonymous false"));
        if (aclFile != null) {
            mtls.add("acl_file " + d + "/" + aclFile);
            psk.add("acl_file " + d + "/" + aclFile);
        }
        m.put("mtls", List.copyOf(mtls));
        m.put("psk", List.copyOf(psk));
        return m;
    }

    /** The whole file: globals, then each listener on its port. */
    public static String render(Path dir, String server, String pskFile, String minTls, Map<String, Integer> ports, String bind, boolean runAsRoot) {
        return render(dir, server, pskFile, minTls, ports, bind, runAsRoot, null);
    }

    /** Listeners bind here unless {@code --bind} says otherwise: the plain listener is anonymous. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    /**
     * What to tell the user after writing {@code conf}: the command that starts the broker, and, when
     * this runs as root without {@code --user-root}, why plain {@code mosquitto -c} would fail (it
     * drops to user mosquitto, which cannot read the mode-600 keys) and the two ways that work.
     */
    public static String runHint(Path conf, String server, String pskFile, boolean runAsRoot, boolean isRoot) {
        String c = conf.toAbsolutePath().toString();
        if (!isRoot || runAsRoot) {
            return "run: mosquitto -c " + c + " -v";
        }
        Path d = conf.toAbsolutePath().getParent();
        return "you are root: mosquitto started as root drops to user 'mosquitto', which cannot read the mode-600 keys in " + d + ".\n"
                + "So 'mosquitto -c " + c + "' would fail; use one of:\n"
                + "  ./candado pki broker-config --user-root --force ...   (adds 'user root': the broker keeps root and reads the keys), then\n"
                + "  mosquitto -c " + c + " -v\n"
                + "or hand the broker its own two secrets (never ca.key): chown mosquitto " + d.resolve(server + ".key") + " " + d.resolve(pskFile)
                + ", then mosquitto -c " + c + " -v";
    }

    /**
     * The files the written config names that do not exist yet, each with the command that makes it:
     * Mosquitto refuses to start on the first missing one ("Unable to open pwfile …"), which a user
     * who ran {@code init}, {@code server}, {@code broker-config} in that order meets for {@code psk.txt}.
     */
    public static List<String> missingFiles(Path dir, String server, String pskFile) {
        String d = dir.toString();
        String[][] needs = {{"ca.crt", "./candado pki init --dir " + d},
            {server + ".crt", "./candado pki server --name " + server + " --dir " + d},
            {server + ".key", "./candado pki server --name " + server + " --dir " + d},
            {pskFile, "./candado pki psk IDENTITY --file " + pskFile + " --dir " + d}};
        List<String> out = new java.util.ArrayList<>();
        for (String[] n : needs) {
            if (!java.nio.file.Files.exists(dir.resolve(n[0]))) {
                out.add("warning: " + dir.resolve(n[0]) + " does not exist yet, and mosquitto refuses to start without it: " + n[1]);
            }
        }
        return out;
    }

    /** True when this JVM runs as root (uid 0), where Mosquitto drops privileges. */
    public static boolean runningAsRoot() {
        try {
            Object uid = java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The whole file; {@code aclFile} non-null confines mtls/psk devices to their own topics (see {@link #aclText()}). */
    public static String render(Path dir, String server, String pskFile, String minTls, Map<String, Integer> ports, String bind, boolean runAsRoot,
            String aclFile) {
        StringBuilder sb = new StringBuilder();
        sb.append("# mosquitto.conf written by `./candado pki broker-config`.\n");
        sb.append("# One listener per mode: Mosquitto 2.0.11 offers no PSK on a listener with a certificate.\n");
        sb.append("# Run: mosquitto -c ").append(dir.toAbsolutePath().resolve("mosquitto.conf")).append(" -v\n");
        sb.append("per_listener_settings true\n");
        if (runAsRoot) {
            sb.append("# Started as root the broker would drop to user mosquitto, which cannot read our mode-600 keys.\n");
            sb.append("user root\n");
        }
        Map<String, List<String>> l = listeners(dir, server, pskFile, minTls, aclFile);
        String[][] titles = {{"plain", "plain MQTT (no TLS): only for comparisons"},
            {"tls", "TLS, server authentication: clients check the broker against ca.crt"},
            {"mtls", "mutual TLS: clients need a certificate from ca.crt; CN becomes the username"
                + (aclFile != null ? " (ACL: devices/<CN>/# only)" : "")},
            {"psk", "TLS-PSK: identity and key from the psk_file; identity becomes the username"
                + (aclFile != null ? " (ACL: devices/<identity>/# only)" : "")}};
        if (bind == null) {
            sb.append("# Loopback only (the plain listener takes anonymous clients): --bind 0.0.0.0 serves other hosts.\n");
        }
        String addr = bind == null ? DEFAULT_BIND : bind;
        for (String[] t : titles) {
            sb.append("\n# ").append(t[1]).append('\n');
            sb.append("listener ").append(ports.get(t[0])).append(' ').append(addr).append('\n');
            for (String line : l.get(t[0])) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
