package candado.pc.cli;

import java.io.IOException;

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

    public TlsArgs(ConnectionArgs conn) {
        this.conn = conn;
    }

    @Override
    public boolean accept(String flag, ArgParser p) throws UsageException {
        if (!TlsOptions.isFlag(flag)) {
            return false;
        }
        try {
            tls.set(flag, TlsOptions.takesValue(flag) ? p.value(flag) : null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (tls.enabled() && !conn.portGiven) {
            conn.port = TlsOptions.DEFAULT_TLS_PORT;
        }
        return true;
    }

    @Override
    public void apply(MqttConnectOptions options) {
        // The port is set while parsing (8883 unless -p); the rest is the transport's business.
    }

    @Override
    public TransportFactory transport(TransportFactory current) throws UsageException {
        if (!tls.enabled()) {
            return current;
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
        return TlsOptions.usage();
    }
}
