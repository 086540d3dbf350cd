package candado.mqtt;

import static candado.mqtt.MqttBrokerTest.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.testkit.RabbitMqBroker;
import candado.testkit.RabbitMqNode;
import candado.testkit.RabbitMqTls;
import candado.time.DeviceClock;
import candado.tls.TlsSettings;
import candado.tls.TlsTransportFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MQTT client over Candado's TLS to RabbitMQ 3.10's MQTT TLS listener (Erlang/OTP 25's ssl: TLS 1.2 and 1.3),
 * certificates made by our Pki code in a temp dir. Asserted at the peer: what {@code rabbitmqctl
 * list_mqtt_connections} shows (TLS version and cipher it negotiated, the user a client certificate logged in as),
 * and messages through its plain listener. One node for the class; the last test restarts it once to require
 * client certificates (RabbitMQ has one {@code ssl_options} set per node). Skipped when rabbitmq-server is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RabbitMqTlsTest {

    @RegisterExtension
    static final RabbitMqNode node = RabbitMqNode.withTls("tls");
    static RabbitMqBroker rabbit;
    static Path dir;

    @BeforeAll
    static void start() {
        if (node.broker() == null) {
            return; // not installed: each test is skipped, with the reason
        }
        DeviceClock.trustPlatformClock();
        rabbit = node.broker();
        dir = node.pkiDir();
        rabbit.addUser(RabbitMqTls.CLIENT_CN); // the certificate login's user
    }

    static TlsSettings serverAuth(String version) throws IOException {
        return new TlsSettings().addTrustedPem(Files.readString(dir.resolve("ca.crt")), "ca.crt").version(version);
    }

    static TlsSettings mutual(String version) throws IOException {
        return serverAuth(version).clientCertificate(Files.readString(dir.resolve("client.crt")), Files.readString(dir.resolve("client.key")));
    }

    static MqttClient client(String id, String host, TlsSettings s) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(id);
        o.addServer(host, rabbit.mqttTlsPort());
        o.setConnectTimeoutMs(5000);
        o.setAutoReconnect(false);
        return new MqttClient(o, new TlsTransportFactory(s));
    }

    /** Connecting must fail; returns what the client reports. */
    static MqttException refused(MqttClient c) {
        MqttException e = assertThrows(MqttException.class, c::connect);
        c.close();
        System.out.println("[refused] " + e.getReasonCode() + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\tat "), "a message, not a stack trace: " + e.getMessage());
        return e;
    }

    /** QoS 0 and 1 both ways over TLS (server authentication, host name checked); the peer's view of the session. */
    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    @Order(1)
    void pubSubQos0And1WithServerAuthentication(String version) throws Exception {
        String v = version.substring(5).replace(".", ""); // RabbitMQ maps '.' in a topic to '/' (AMQP routing keys)
        String id = "rt-sa-" + v;
        Inbox inbox = new Inbox();
        MqttClient c = client(id, "localhost", serverAuth(version));
        c.connect();
        try {
            String row = rabbit.mqttConnection(id, "ssl", "ssl_protocol", "ssl_key_exchange", "ssl_cipher", "ssl_hash", "user");
            System.out.println("[rabbitmq saw] " + row);
            String[] f = row.split("\t");
            assertEquals("true", f[1], row);
            assertEquals(version, f[2], "the version RabbitMQ negotiated: " + row);
            assertEquals(version.equals("tlsv1.3") ? "any" : "ecdhe_ecdsa", f[3], "key exchange (TLS 1.3 names none): " + row);
            // Erlang's ssl follows the client's order by default: our first suite, AES-128-GCM with SHA-256.
            assertEquals("aes_128_gcm", f[4], row);
            assertEquals("aead", f[5], "no separate MAC: " + row);
            assertEquals("guest", f[6], "no client certificate: the anonymous login: " + row);

            assertEquals(1, c.subscribe("rtls/" + v + "/in", 1, inbox));
            Procs.Result pub = Procs.run(10, "mosquitto_pub", "-p", "" + rabbit.mqttPort(), "-q", "1", "-t", "rtls/" + v + "/in",
                    "-m", "to-tls");
            assertEquals(0, pub.exit(), pub.toString());
            Inbox.Msg m = inbox.await(1, 5000).get(0);
            assertEquals("to-tls", m.text());
            assertEquals(1, m.qos());

            Process sub = Procs.start("mosquitto_sub", "-p", "" + rabbit.mqttPort(), "-i", "rt-msub-" + v, "-q", "1",
                    "-t", "rtls/" + v + "/out/#", "-C", "2", "-v");
            rabbit.awaitSubscriptionQueue("rt-msub-" + v);
            c.publish("rtls/" + v + "/out/0", utf8("qos0"), 0, false).waitForCompletion(5000);
            c.publish("rtls/" + v + "/out/1", utf8("qos1"), 1, false).waitForCompletion(5000);
            Procs.Result r = Procs.finish(sub, 15);
            assertEquals("rtls/" + v + "/out/0 qos0\nrtls/" + v + "/out/1 qos1\n", r.out(), r.toString());
        } finally {
            c.close();
        }
    }

    /** Mutual TLS: RabbitMQ verified our certificate and (mqtt.ssl_cert_login) logged us in as its CN. */
    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    @Order(2)
    void mutualTlsLogsInAsTheCertificatesCommonName(String version) throws Exception {
        String id = "rt-mt-" + version;
        Inbox inbox = new Inbox();
        MqttClient c = client(id, "localhost", mutual(version));
        c.connect();
        try {
            String row = rabbit.mqttConnection(id, "ssl_protocol", "ssl_login_name", "user");
            System.out.println("[rabbitmq saw] " + row);
            String[] f = row.split("\t");
            assertEquals(version, f[1], row);
            assertEquals("dev-cert\tdev-cert", f[2] + "\t" + f[3], "logged in as the certificate's CN: " + row);
            String topic = "rtls/mt/" + version.substring(5).replace(".", "");
            c.subscribe(topic, 1, inbox);
            c.publish(topic, utf8("me"), 1, false).waitForCompletion(5000);
            assertEquals("me", inbox.await(1, 5000).get(0).text());
        } finally {
            c.close();
        }
    }

    @Test
    @Order(3)
    void aBrokerCertificateFromAnotherCaIsRefusedByCandado() throws Exception {
        TlsSettings other = new TlsSettings().addTrustedPem(Files.readString(dir.resolve("otherca.crt")), "otherca.crt");
        MqttException e = refused(client("rt-wrongca", "localhost", other));
        assertEquals(MqttException.REASON_SERVER_CONNECT_ERROR, e.getReasonCode());
        assertTrue(e.getMessage().contains("broker certificate rejected") && e.getMessage().contains("does not lead to a trusted root"),
                e.getMessage());
    }

    @Test
    @Order(4)
    void theHostNameIsChecked() throws Exception {
        MqttException e = refused(client("rt-byip", "127.0.0.1", serverAuth("tlsv1.3")));
        assertTrue(e.getMessage().contains("IP address '127.0.0.1' not in the certificate's subjectAltName [DNS:localhost]"), e.getMessage());
    }

    /** Restarts the node with {@code fail_if_no_peer_cert true}: without a certificate the client says what is missing. */
    @Test
    @Order(100)
    void aRequiredClientCertificateAcceptedWhenSentRefusedWhenNot() throws Exception {
        rabbit.reconfigureTls(node.tls().requiringClientCertificate(true));
        System.out.println("[rabbitmq] restarted requiring client certificates in " + rabbit.lastStartMillis() + " ms");
        for (String version : new String[] {"tlsv1.2", "tlsv1.3"}) {
            MqttException e = refused(client("rt-nocert-" + version, "localhost", serverAuth(version)));
            // TLS 1.2: refused in the handshake (alert handshake_failure). TLS 1.3: the client's Finished comes first, so
            // the refusal (alert certificate_required) arrives on the first read, before CONNACK.
            assertEquals(version.equals("tlsv1.2") ? MqttException.REASON_SERVER_CONNECT_ERROR : MqttException.REASON_CONNECTION_LOST,
                    e.getReasonCode(), e.getMessage());
            assertTrue(e.getMessage().contains(version.equals("tlsv1.2") ? "handshake_failure(40)" : "certificate_required(116)"), e.getMessage());
            assertTrue(e.getMessage().contains("the broker requires a client certificate and none was sent"), version + ": " + e.getMessage());

            MqttClient c = client("rt-cert-" + version, "localhost", mutual(version));
            c.connect();
            try {
                assertEquals(version + "\tdev-cert", rabbit.mqttConnection("rt-cert-" + version, "ssl_protocol", "user").split("\t", 2)[1]);
            } finally {
                c.close();
            }
        }
    }
}
