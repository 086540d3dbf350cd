package candado.pc.bench;

import candado.app.Link;
import candado.app.LinkListener;
import candado.app.config.Config;
import candado.app.micropaho.MicroPahoLinkFactory;
import candado.tls.CryptoProfile;
import java.util.EnumMap;
import java.util.Map;

/**
 * The application's MicroPaho engine (issue 17) as the application uses it: its {@code Link} over Eclipse
 * Paho 1.2.5 (MicroPaho's stand-in) with Candado's TLS through the socket factory, so PSK too. Blocking
 * publishes, one at a time (MicroPaho has no asynchronous client). Opt-in: {@code --peers ...,micropaho}.
 * One link factory per mode, so the resumption mode offers the last TLS 1.2 session like Candado's.
 */
final class MicroPahoLinkPeer implements Peer {

    static final String NAME = "MicroPaho link (Paho 1.2.5)";

    private final Map<Endpoint.Mode, MicroPahoLinkFactory> factories = new EnumMap<>(Endpoint.Mode.class);

    public String name() {
        return NAME;
    }

    public boolean supports(Endpoint.Mode mode) {
        return true;
    }

    public Conn connect(Endpoint e, String clientId) throws Exception {
        final Sink[] sink = new Sink[1];
        LinkListener listener = new LinkListener() {
            public void messageArrived(String topic, byte[] payload) {
                Sink s = sink[0];
                if (s != null) {
                    s.arrived(payload);
                }
            }

            public void connectionLost(String why) {
            }
        };
        int security = !e.mode().tls() ? candado.app.Endpoint.PLAIN : e.mode().psk ? candado.app.Endpoint.PSK : candado.app.Endpoint.TLS;
        Link link = factory(e).create(new candado.app.Endpoint(e.host(), e.port(), security), clientId, listener);
        link.connect();
        return new Conn() {
            public void subscribe(String filter, int qos, Sink s) throws Exception {
                sink[0] = s;
                link.subscribe(filter, qos);
            }

            public void publish(String topic, byte[] payload, int qos) throws Exception {
                link.publish(topic, payload, qos, false);
            }

            public void drain() {
                // Every publish returned once written (QoS 0) or acknowledged (QoS 1).
            }

            public void close() {
                link.disconnect();
            }
        };
    }

    private synchronized MicroPahoLinkFactory factory(final Endpoint e) throws Exception {
        MicroPahoLinkFactory f = factories.get(e.mode());
        if (f == null) {
            Config c = new Config();
            c.override("mqtt.will_message=");
            c.override("mqtt.connect_timeout_ms=120000"); // under -Xint a certificate handshake can take seconds
            f = new MicroPahoLinkFactory(c, withPsk -> {
                try {
                    return TransportFactories.settings(e).cryptoProfile(CryptoProfile.FAST);
                } catch (java.io.IOException x) {
                    throw x;
                } catch (Exception x) {
                    throw new java.io.IOException(x.getMessage(), x);
                }
            });
            factories.put(e.mode(), f);
        }
        return f;
    }
}
