package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.testkit.MosquittoBroker;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * The MQTT 5 CONNECT encoder and CONNACK decoder against the real peer (Mosquitto 2.0.11): what the
 * broker logs of our CONNECT and what its CONNACK says, properties included.
 */
class Mqtt5ConnectMosquittoTest {

    /** One CONNACK (fixed header read here, the body decoded by Mqtt5Codec). */
    static MqttPacket connect(int port, MqttBuffer connect) throws IOException, MqttException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(connect.array(), 0, connect.length());
            DataInputStream in = new DataInputStream(s.getInputStream());
            int first = in.readUnsignedByte();
            assertEquals(MqttPacket.CONNACK << 4, first, "CONNACK expected");
            int len = remainingLength(in);
            byte[] body = new byte[len];
            in.readFully(body);
            return Mqtt5Codec.decodeConnack(body, 0, len);
        }
    }

    static int remainingLength(InputStream in) throws IOException {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = in.read();
            v |= (d & 0x7F) << (7 * i);
            if ((d & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("remaining length longer than 4 bytes");
    }

    @Test
    void connectPropertiesReachMosquittoAndItsConnackPropertiesAreDecoded() throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().listener("plain", "allow_anonymous true").start()) {
            Mqtt5Properties p = new Mqtt5Properties();
            p.sessionExpiry = 120;
            p.receiveMaximum = 5;
            p.maximumPacketSize = 4096;
            p.topicAliasMaximum = 4;
            p.userProperties = new String[] {"board", "nucleo-h723zg"};
            Mqtt5Properties will = new Mqtt5Properties();
            will.willDelay = 2;
            will.contentType = "text/plain";
            MqttBuffer c = new MqttBuffer(64, 4096);
            // Empty client id: an MQTT 5 broker assigns one and says so in the CONNACK.
            Mqtt5Codec.encodeConnect(c, "", true, 30, p, null, null, "dev/status", "offline".getBytes(), 1, false, will);
            MqttPacket ack = connect(b.port(), c);
            assertEquals(0, ack.returnCode, ReasonCodes.describe(ack.returnCode, MqttPacket.CONNACK));
            assertFalse(ack.sessionPresent);
            assertNotNull(ack.properties.assignedClientId, "Mosquitto assigns a client id for an empty one");
            assertTrue(ack.properties.topicAliasMaximum > 0, "Mosquitto's topic alias maximum (10 by default)");
            String log = b.log();
            assertTrue(log.contains("New client connected") && log.contains("p5"), "the broker saw an MQTT 5 client:\n" + log);
            assertTrue(log.contains(ack.properties.assignedClientId), log);
            System.out.println("CONNACK properties from Mosquitto: assigned id " + ack.properties.assignedClientId
                    + ", topic alias maximum " + ack.properties.topicAliasMaximum + ", receive maximum "
                    + ack.properties.receiveMaximum + ", maximum QoS " + ack.properties.maximumQos + ", retain available "
                    + ack.properties.retainAvailable);
        }
    }

    @Test
    void refusedConnectNamesTheReasonCode() throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().listener("plain", "allow_anonymous false").start()) {
            MqttBuffer c = new MqttBuffer(64, 4096);
            Mqtt5Codec.encodeConnect(c, "dev-refused", true, 30, null, null, null, null, null, 0, false, null);
            MqttPacket ack = connect(b.port(), c);
            assertEquals("not authorized (0x87)", ReasonCodes.describe(ack.returnCode, MqttPacket.CONNACK));
        }
    }
}
