package candado.pc.cli;

import candado.io.TransportFactory;
import candado.mqtt.MqttConnectOptions;

/**
 * A set of flags shared by pub and sub that shapes the connection. {@link ConnectionArgs} holds a
 * list of groups: the TLS flags (--cafile, --psk, ...) come as one more group registered there,
 * without touching the commands.
 */
public interface OptionGroup {

    /** Consumes {@code flag} (and its value from {@code p}) if it belongs to this group. */
    boolean accept(String flag, ArgParser p) throws UsageException;

    /** Checks the combination once all flags are read and applies it to the options. */
    void apply(MqttConnectOptions options) throws UsageException;

    /** Wraps or replaces the transport (TLS returns its own); return {@code current} to keep it. */
    TransportFactory transport(TransportFactory current) throws UsageException;

    /** Help lines for --help, each ending with a newline. */
    String help();
}
