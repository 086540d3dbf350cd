package candado.app.micropaho;

import candado.app.Endpoint;
import candado.app.Link;
import candado.app.LinkException;
import candado.app.LinkListener;
import candado.app.config.Config;
import candado.app.config.ConfigKeys;
import candado.paho.CandadoSocketFactory;
import candado.paho.NoDelaySocketFactory;
import candado.tls.TlsSettings;
import java.io.IOException;
import java.net.InetAddress;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * Links over MicroEJ's MicroPaho ({@code mqtt.client = micropaho}; Eclipse Paho 1.2.5 stands in on the PC),
 * with only what MicroPaho offers: {@code MqttClient(uri, id)}, the connect options, publish, subscribe and
 * the two-method callback. TLS, mutual TLS and TLS-PSK come from Candado's TLS through
 * {@link CandadoSocketFactory} and a {@code tcp://} URI (MicroEJ's own SSL stack has no PSK); one socket
 * factory per kind, built once, so TLS 1.2 sessions are resumed on reconnect.
 */
public final class MicroPahoLinkFactory {

    /** Where the TLS settings (certificates or PSK) come from: the same keys as Candado's engine reads. */
    public interface TlsSource {
        TlsSettings settings(boolean withPsk) throws IOException;
    }

    private static final NoDelaySocketFactory NO_DELAY = new NoDelaySocketFactory();

    private final Config config;
    private final TlsSource tlsSource;
    private CandadoSocketFactory tls;
    private CandadoSocketFactory psk;

    public MicroPahoLinkFactory(Config config, TlsSource tlsSource) {
        this.config = config;
        this.tlsSource = tlsSource;
    }

    /** An unconnected link; the application connects it (and reconnects it after a loss). */
    public Link create(Endpoint ep, String clientId, LinkListener listener) throws IOException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(config.getBool(ConfigKeys.MQTT_CLEAN_SESSION));
        o.setKeepAliveInterval(config.getInt(ConfigKeys.MQTT_KEEP_ALIVE));
        int timeoutMs = config.getInt(ConfigKeys.MQTT_CONNECT_TIMEOUT_MS);
        // Paho's timeout is in whole seconds (0 would mean forever): round up.
        o.setConnectionTimeout((timeoutMs + 999) / 1000);
        if (config.get(ConfigKeys.MQTT_USER).length() > 0) {
            o.setUserName(config.get(ConfigKeys.MQTT_USER));
            o.setPassword(config.get(ConfigKeys.MQTT_PASS).toCharArray());
        }
        String will = config.get(ConfigKeys.MQTT_WILL_MESSAGE);
        if (will.length() > 0) {
            String topic = config.get(ConfigKeys.MQTT_WILL_TOPIC);
            o.setWill(topic.length() > 0 ? topic : config.get(ConfigKeys.APP_PUBLIC_TOPIC), candado.app.NormalMode.ascii(will), 0, false);
        }
        String host = ep.host;
        if (ep.security == Endpoint.PLAIN) {
            // Candado's resolver (net.mode=client) where there is one; MicroPaho would ask the platform's.
            host = ep.resolver == null ? host : resolve(ep);
            // TCP_NODELAY: Nagle would hold a QoS 1 round trip for the broker's delayed ACK (~40 ms).
            o.setSocketFactory(NO_DELAY);
        } else {
            o.setSocketFactory(socketFactory(ep));
        }
        // TLS runs inside the socket factory's sockets: to MicroPaho every link is tcp://.
        String uri = "tcp://" + new candado.net.HostPort(host, ep.port);
        return new MicroPahoLink(uri, clientId, o, ep, listener);
    }

    private static String resolve(Endpoint ep) throws LinkException {
        try {
            InetAddress a = ep.resolver.resolve(ep.host);
            return a.getHostAddress();
        } catch (IOException e) {
            throw new LinkException(MicroPahoLink.REASON_CANNOT_CONNECT, "cannot resolve " + ep.host + ": " + e.getMessage(), e);
        }
    }

    private synchronized CandadoSocketFactory socketFactory(Endpoint ep) throws IOException {
        if (ep.security == Endpoint.PSK) {
            if (psk == null) {
                psk = new CandadoSocketFactory(tlsSource.settings(true), ep.resolver);
            }
            return psk;
        }
        if (tls == null) {
            tls = new CandadoSocketFactory(tlsSource.settings(false), ep.resolver);
        }
        return tls;
    }
}
