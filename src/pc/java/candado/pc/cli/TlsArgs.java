package candado.pc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import candado.io.TransportFactory;
import candado.mqtt.MqttConnectOptions;
import candado.pc.tls.TlsOptions;
import candado.time.DeviceClock;

/**
 * mosquitto_pub/sub's TLS flags as an {@link OptionGroup} of {@link ConnectionArgs}: any of
 * --cafile/--capath/--cert/--key/--insecure/--psk/--psk-identity/--tls-version/--ciphers/
 * --max-fragment-length turns TLS on, and port 8883 becomes the default (as in mosquitto's tools).
 */
public final class TlsArgs implements OptionGroup {

    private final ConnectionArgs conn;
    private final TlsOptions tls = new TlsOptions();
    /** File flags as given, checked before connecting (the last one of each flag wins). */
    private final java.util.Map<String, String> files = new java.util.LinkedHashMap<>();

    /** --tls-use-os-certs (or an mqtts:// URL): trust the system's CA certificates. */
    private boolean osCerts;

    /** Debian's bundle of the system's CA certificates (what OpenSSL's default verify paths hold). */
    static final String OS_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

    public TlsArgs(ConnectionArgs conn) {
        this.conn = conn;
    }

    /** Whether TLS is on (any TLS flag, --tls-use-os-certs or an mqtts:// URL). */
    boolean enabled() {
        return osCerts || tls.enabled();
    }

    /** Trusts the system's CA certificates and turns TLS on (port 8883 unless -p). */
    void useOsCerts() {
        osCerts = true;
        if (!conn.portGiven) {
            conn.port = TlsOptions.DEFAULT_TLS_PORT;
        }
    }

    @Override
    public boolean accept(String flag, ArgParser p) throws UsageException {
        switch (flag) {
            case "--tls-use-os-certs":
                useOsCerts();
                return true;
            case "--keyform":
                String form = p.value(flag);
                if (!form.equals("pem")) {
                    throw new UsageException("--keyform " + form + ": only pem keys are supported (no OpenSSL engines: --keyform engine, --tls-engine)");
                }
                return true;
            case "--tls-engine":
            case "--tls-engine-kpass-sha1":
                throw new UsageException(flag + " is not supported: Candado has no OpenSSL engines; give the key as a PEM file (--key)");
            default:
                break;
        }
        if (!TlsOptions.isFlag(flag)) {
            return false;
        }
        String value = TlsOptions.takesValue(flag) ? p.value(flag) : null;
        if (value != null) {
            files.put(flag, value);
        }
        try {
            tls.set(flag, value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (tls.enabled() && !conn.portGiven) {
            conn.port = TlsOptions.DEFAULT_TLS_PORT;
        }
        return true;
    }

    /** A missing or unreadable file named by --cafile/--capath/--cert/--key, said in words. */
    static void checkReadable(String flag, String value) throws UsageException {
        String what;
        switch (flag) {
            case "--cafile":
                what = "CA file";
                break;
            case "--capath":
                what = "CA directory";
                break;
            case "--cert":
                what = "certificate file";
                break;
            case "--key":
                what = "key file";
                break;
            default:
                return;
        }
        Path path = Paths.get(value);
        String why = null;
        if (!Files.exists(path)) {
            why = "no such file";
        } else if (flag.equals("--capath") != Files.isDirectory(path)) {
            why = flag.equals("--capath") ? "not a directory" : "it is a directory";
        } else if (!Files.isReadable(path)) {
            why = "permission denied";
        }
        if (why != null) {
            throw new UsageException("cannot read " + what + " " + value + " (" + flag + "): " + why);
        }
    }

    @Override
    public void apply(MqttConnectOptions options) {
        // The port is set while parsing (8883 unless -p); the rest is the transport's business.
    }

    @Override
    public TransportFactory transport(TransportFactory current) throws UsageException {
        if (osCerts) {
            if (files.containsKey("--cafile") || files.containsKey("--capath")) {
                throw new UsageException("--tls-use-os-certs (or an mqtts:// URL) and --cafile/--capath cannot be combined yet: give one");
            }
            files.put("--cafile", OS_CA_BUNDLE);
            tls.set("--cafile", OS_CA_BUNDLE);
        }
        if (!tls.enabled()) {
            return current;
        }
        for (java.util.Map.Entry<String, String> e : files.entrySet()) {
            checkReadable(e.getKey(), e.getValue());
        }
        if (files.containsKey("--cert") && files.containsKey("--key")) {
            KeyPairCheck.check(files.get("--cert"), files.get("--key"));
        }
        if (!DeviceClock.isSynchronized()) {
            // PC port: the OS keeps time; certificate dates are checked against it.
            DeviceClock.trustPlatformClock();
        }
        try {
            return tls.transportFactory();
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    public String help() {
        return TlsOptions.usage()
                + "  --tls-use-os-certs     trust the system's CA certificates (" + OS_CA_BUNDLE + ")\n"
                + "  --keyform pem          accepted (PEM keys only: --keyform engine and --tls-engine are refused)\n";
    }
}
