package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.io.TcpTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MQTT 5 faults from a test-only server: the client names the fault, tells the server why in a
 * DISCONNECT with the reason code (as the server receives it), closes, and never hangs.
 */
class Mqtt5HostileBrokerTest {

    /** Accepts one client, sends {@code reply} after its CONNECT, records every byte the client sends until it closes. */
    static final class Recorder implements AutoCloseable {
        final ServerSocket server;
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        final Thread thread;

        Recorder(byte[] reply) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(8000);
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[512];
                    int n = in.read(buf); // CONNECT, one segment on loopback
                    s.getOutputStream().write(reply);
                    s.getOutputStream().flush();
                    while ((n = in.read(buf)) >= 0) {
                        synchronized (got) {
                            got.write(buf, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // reset or timeout: what was read is kept
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        String hex() {
            synchronized (got) {
                return HexFormat.of().formatHex(got.toByteArray());
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    static final String CONNACK_OK = "200300" + "0000";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // CONNACK whose Receive Maximum appears twice
        "duplicate property      | 200900000621000521000a            | | Receive Maximum appears more than once in CONNACK | e00182",
        // CONNACK with property id 0x07 (unknown)
        "unknown property        | 2005000002070000                  | | unknown property identifier 0x7 in CONNACK       | e00182",
        // CONNACK property length beyond the packet
        "property length overrun | 200300000a                        | | property length 10 in CONNACK exceeds            | e00182",
        // PUBLISH with Topic Alias 1 while our Topic Alias Maximum is 0
        "alias beyond maximum    | 200300000030080001610323000178    | | Topic Alias 1 in PUBLISH is above our Topic Alias Maximum 0 | e00194",
        // PUBLISH with Topic Alias 1 and no topic, our maximum 2, alias never set
        "alias never set         | 2003000000300700000323000178      | 2 | Topic Alias 1 used before the broker set its topic | e00182",
        // three QoS 2 PUBLISH (ids 1..3) unreleased, our Receive Maximum 2
        "receive maximum         | 20030000003406000161000100" + "3406000161000200" + "3406000161000300 | | more than 2 unreleased QoS 2 messages | e00193",
        // PUBACK with reason 0x05 (not defined for PUBACK)
        "undefined ack reason    | 20030000004003000105              | | PUBACK reason code 0x5 is not defined for PUBACK | e00182",
        // DISCONNECT with property Topic Alias (not allowed)
        "bad DISCONNECT property | 2003000000e0050003230001           | | Topic Alias (0x23) is not allowed in DISCONNECT | e00182",
    })
    void faultIsNamedAndTheBrokerToldWhy(String name, String hex, String aliasMax, String expected, String disconnect)
            throws Exception {
        hex = hex.replace(" ", "");
        try (Recorder fb = new Recorder(HexFormat.of().parseHex(hex))) {
            MqttConnectOptions o = HostileBrokerTest.options(fb.server.getLocalPort());
            o.setMqttVersion(MqttConnectOptions.MQTT_5);
            if (name.startsWith("receive maximum")) {
                o.getConnectProperties().receiveMaximum = 2;
            }
            if (aliasMax != null && !aliasMax.isBlank()) {
                o.getConnectProperties().topicAliasMaximum = Integer.parseInt(aliasMax.trim());
            }
            Inbox inbox = new Inbox();
            MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
            c.setCallback(inbox);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try {
                    c.connect();
                } catch (MqttException e) {
                    inbox.connectionLost(e);
                }
                synchronized (inbox) {
                    while (inbox.lost.isEmpty()) {
                        inbox.wait(100);
                    }
                }
            });
            Throwable cause = inbox.lost.get(0);
            assertTrue(cause instanceof MqttProtocolException, name + ": " + cause);
            assertTrue(cause.getMessage().contains(expected), name + ": " + cause.getMessage());
            fb.thread.join(5000);
            assertTrue(fb.hex().endsWith(disconnect), name + ": the server received " + fb.hex());
            assertEquals(0, inbox.all().size(), "nothing delivered from a faulty stream");
            c.close();
        }
    }
}
