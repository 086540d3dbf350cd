package candado.pc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import candado.mqtt.MqttConnectOptions;
import org.junit.jupiter.api.Test;

/** -V, -x and -D as mosquitto_pub/sub spell them, into the MQTT 5 options. */
class Mqtt5ArgsTest {

    static ConnectionArgs parse(String... args) throws UsageException {
        ConnectionArgs c = new ConnectionArgs();
        ArgParser p = new ArgParser(args);
        while (p.hasNext()) {
            String f = p.next();
            if (!c.accept(f, p)) {
                throw new UsageException("unknown " + f);
            }
        }
        return c;
    }

    @Test
    void versionSessionExpiryAndPropertiesReachTheOptions() throws Exception {
        ConnectionArgs c = parse("-V", "mqttv5", "-x", "300", "-D", "connect", "receive-maximum", "8", "-D", "connect",
                "user-property", "site", "lab", "-D", "will", "will-delay-interval", "5", "-D", "publish", "content-type",
                "text/plain", "-D", "subscribe", "subscription-identifier", "7");
        MqttConnectOptions o = c.toOptions("t-");
        assertEquals(MqttConnectOptions.MQTT_5, o.getMqttVersion());
        assertEquals(300, o.getConnectProperties().sessionExpiry);
        assertEquals(8, o.getConnectProperties().receiveMaximum);
        assertArrayEquals(new String[] {"site", "lab"}, o.getConnectProperties().userProperties);
        assertEquals(5, o.getWillProperties().willDelay);
        assertEquals("text/plain", c.mqtt5.publishProperties().contentType);
        assertArrayEquals(new int[] {7}, c.mqtt5.subscribe.subscriptionIds);
        assertEquals(MqttConnectOptions.MQTT_5, parse("-V", "5").toOptions("t-").getMqttVersion());
        assertEquals(MqttConnectOptions.MQTT_3_1_1, parse("-V", "311").toOptions("t-").getMqttVersion());
        assertNull(parse("-V", "5").mqtt5.publishProperties());
    }

    @Test
    void mistakesAreSaid() {
        assertEquals("-D and -x need MQTT 5: add -V mqttv5",
                assertThrows(UsageException.class, () -> parse("-x", "5").toOptions("t-")).getMessage());
        assertEquals("-D connect content-type: not a property of that packet",
                assertThrows(UsageException.class, () -> parse("-V", "5", "-D", "connect", "content-type", "x")).getMessage());
        assertEquals("-D publish message-expiry-interval needs a number in 0..4294967295, got 'soon'",
                assertThrows(UsageException.class, () -> parse("-D", "publish", "message-expiry-interval", "soon")).getMessage());
        assertEquals("MQTT 3.1 (-V mqttv31) is not supported: use -V mqttv311 or -V mqttv5",
                assertThrows(UsageException.class, () -> parse("-V", "mqttv31")).getMessage());
    }
}
