package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import candado.io.TcpTransport;
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
 * A test-only TCP server answers the client's CONNECT with chosen bytes. The client must report
 * a protocol error naming the fault, close the connection (the server sees EOF) and never hang.
 */
class HostileBrokerTest {

    static final String CONNACK_OK = "20020000";

    /** Accepts one client, reads its CONNECT, sends {@code reply}, optionally closes, and records whether the client closed. */
    static final class FakeBroker implements AutoCloseable {
        final ServerSocket server;
        volatile boolean clientClosed;
        final Thread thread;

        FakeBroker(byte[] reply, boolean closeAfterReply) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(8000);
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[512];
                    in.read(buf); // CONNECT (small, arrives in one segment on loopback)
                    s.getOutputStream().write(reply);
                    s.getOutputStream().flush();
                    if (closeAfterReply) {
                        return;
                    }
                    while (in.read(buf) >= 0) {
                        // drain until the client closes
                    }
                    clientClosed = true;
                } catch (IOException e) {
                    // timeout or reset: clientClosed stays false unless set
                    if (e instanceof java.net.SocketException) {
                        clientClosed = true;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    static MqttConnectOptions options(int port) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId("victim");
        o.addServer("127.0.0.1", port);
        o.setConnectTimeoutMs(1000);
        o.setAutoReconnect(false);
        o.setMaxPacketSize(4096);
        return o;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "remaining length over 4 bytes | 20ffffffff01     | false | malformed remaining length: more than 4 bytes",
        "oversized remaining length    | 30ffffff7f       | false | exceeds the maximum packet size of 4096",
        "unknown packet type 15        | f000             | false | unknown packet type 15",
        "unknown packet type 0         | 0000             | false | unknown packet type 0",
        "reserved flag bits on CONNACK | 21020000         | false | CONNACK with reserved flag bits 0x1",
        "CONNACK too long              | 2003000000       | false | CONNACK remaining length 3 (must be 2)",
        "CONNACK undefined code        | 20020009         | false | CONNACK return code 9 is not defined",
        "not a CONNACK first           | d000             | false | expected CONNACK, got PINGRESP",
        "truncated then closed         | 200200           | true  | truncated packet",
        "truncated and left hanging    | 200200           | false | no CONNACK within 1000 ms",
    })
    void faultDuringConnectIsNamed(String name, String hex, boolean close, String expected) throws Exception {
        try (FakeBroker fb = new FakeBroker(HexFormat.of().parseHex(hex), close)) {
            MqttClient c = new MqttClient(options(fb.port()), TcpTransport.FACTORY);
            MqttException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(MqttException.class, c::connect));
            assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
            if (!close) {
                fb.thread.join(5000);
                assertTrue(fb.clientClosed, name + ": the client did not close the connection");
            }
            c.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // PUBLISH, topic "a" + 0xC3 0x28 (bad continuation)
        "invalid UTF-8 topic        | 3005000361c328       | invalid UTF-8 in topic name",
        // PUBLISH whose topic contains U+0000
        "U+0000 in topic            | 300400026100         | topic name contains U+0000",
        // PUBLISH with an encoded surrogate ED A0 80
        "surrogate in topic         | 30050003eda080       | surrogate",
        // PUBLISH QoS 3
        "PUBLISH QoS 3              | 36050001610001       | QoS 3",
        // PUBLISH topic length beyond the packet
        "topic length overruns      | 30030009610000       | truncated PUBLISH",
        // SUBSCRIBE sent by a 'broker'
        "SUBSCRIBE from the broker  | 820600010001610000   | unexpected SUBSCRIBE from the broker",
        // PUBACK with flags
        "PUBACK with flags          | 42020001             | PUBACK with reserved flag bits 0x2",
        // PUBLISH with wildcard topic
        "wildcard in topic name     | 300400012b78         | contains a wildcard",
    })
    void faultAfterConnectIsReportedAsConnectionLost(String name, String hex, String expected) throws Exception {
        byte[] reply = HexFormat.of().parseHex(CONNACK_OK + hex);
        try (FakeBroker fb = new FakeBroker(reply, false)) {
            Inbox inbox = new Inbox();
            MqttClient c = new MqttClient(options(fb.port()), TcpTransport.FACTORY);
            c.setCallback(inbox);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try {
                    c.connect(); // CONNACK and the bad packet may come in one read: either path must name the fault
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
            assertEquals(MqttException.REASON_PROTOCOL_ERROR, ((MqttException) cause).getReasonCode());
            assertTrue(cause.getMessage().contains(expected), name + ": " + cause.getMessage());
            fb.thread.join(5000);
            assertTrue(fb.clientClosed, name + ": the client did not close the connection");
            assertEquals(0, inbox.all().size(), "nothing delivered from a malformed stream");
            c.close();
        }
    }
    /** Regression: a message that arrives in the same read as CONNACK is dispatched at once, not after the next read. */
    @org.junit.jupiter.api.Test
    void messageArrivingWithConnackIsDispatchedAtOnce() throws Exception {
        // CONNACK (session present) + PUBLISH QoS 0 'p' "hi", one TCP write.
        byte[] reply = HexFormat.of().parseHex("20020100" + "3005000170" + "6869");
        try (FakeBroker fb = new FakeBroker(reply, false)) {
            MqttConnectOptions o = options(fb.port());
            o.setCleanSession(false);
            Inbox inbox = new Inbox();
            MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
            c.setCallback(inbox);
            c.connect();
            assertEquals("hi", inbox.await(1, 2000).get(0).text());
            c.close();
        }
    }
}
