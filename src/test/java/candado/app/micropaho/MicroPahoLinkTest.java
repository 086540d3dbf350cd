package candado.app.micropaho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.app.ClientLinkFactory;
import candado.app.Endpoint;
import candado.app.Link;
import candado.app.LinkException;
import candado.app.LinkFactory;
import candado.app.LinkListener;
import candado.app.Resources;
import candado.app.config.Config;
import java.io.EOFException;
import java.io.IOException;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

/**
 * The MicroPaho adapter's own paths that need no broker: engine selection, TLS settings named at fault,
 * the resolver, operations on a link that is not connected or closed, and how failures read. Against
 * Mosquitto: ApplicationE2eTest, MicroPahoOutageTest, TestModeOutageTest (both engines).
 */
class MicroPahoLinkTest {

    private static final LinkListener NOBODY = new LinkListener() {
        public void messageArrived(String topic, byte[] payload) {
        }

        public void connectionLost(String why) {
        }
    };

    private static LinkFactory microPaho(String... overrides) throws Exception {
        Config c = new Config();
        for (String o : overrides) {
            c.override(o);
        }
        return new ClientLinkFactory(c, Resources.classPath()).engine("micropaho");
    }

    @Test
    void unknownEngineIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClientLinkFactory(new Config(), Resources.classPath()).engine("hivemq"));
        assertEquals("unknown MQTT engine 'hivemq' (candado, micropaho)", e.getMessage());
    }

    @Test
    void pskWithoutItsKeysIsNamedBeforeAnyConnection() throws Exception {
        LinkException e = assertThrows(LinkException.class,
                () -> microPaho("mqtt.ssl_psk_identity=").create(new Endpoint("localhost", 8885, Endpoint.PSK), "id", NOBODY));
        assertTrue(e.getMessage().contains("TLS-PSK needs mqtt.ssl_psk_identity and mqtt.ssl_psk_key"), e.getMessage());
    }

    @Test
    void theResolverIsAskedAndItsFailureNamed() throws Exception {
        candado.io.HostResolver none = host -> {
            throw new IOException("no DNS answer for " + host);
        };
        LinkException e = assertThrows(LinkException.class,
                () -> microPaho().create(new Endpoint("broker.lan", 1883, Endpoint.PLAIN, none), "id", NOBODY));
        assertEquals(MicroPahoLink.REASON_CANNOT_CONNECT, e.reason());
        assertEquals("cannot resolve broker.lan: no DNS answer for broker.lan", e.getMessage());
    }

    @Test
    void notConnectedAndClosedLinksRefuseWithReasons() throws Exception {
        Link link = microPaho().create(new Endpoint("localhost", 1883, Endpoint.PLAIN), "id", NOBODY);
        assertEquals("micropaho plain localhost:1883", link.describe());
        assertTrue(!link.isConnected() && link.engineAlive());
        LinkException p = assertThrows(LinkException.class, () -> link.publish("t", new byte[1], 0, false));
        assertEquals(MicroPahoLink.REASON_CLIENT_NOT_CONNECTED, p.reason());
        assertEquals("publish to t: not connected", p.getMessage());
        LinkException s = assertThrows(LinkException.class, () -> link.subscribe("f", 1));
        assertEquals("subscribe to f: not connected", s.getMessage());
        link.dropConnection(); // never throws, even with no client yet
        link.disconnect();
        link.disconnect();
        LinkException c = assertThrows(LinkException.class, link::connect);
        assertEquals("the link is closed", c.getMessage());
    }

    @Test
    void failuresReadWithTheirReasonAndCause() {
        MqttException lost = new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, new EOFException());
        assertEquals("Connection lost (32109): java.io.EOFException", MicroPahoLink.describe(lost));
        assertEquals("refused", MicroPahoLink.describe(new IOException("refused")));
    }
}
