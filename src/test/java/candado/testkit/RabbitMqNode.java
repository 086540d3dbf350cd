package candado.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One RabbitMQ node per test class (a node start costs seconds), as a JUnit extension registered with
 * {@code @RegisterExtension static}: started before the class's {@code @BeforeAll} methods, closed (with its test
 * PKI) after the class. Where RabbitMQ is not installed nothing starts and each test is skipped with the reason
 * (an assumption failing before the class would hide it in the report).
 */
public final class RabbitMqNode implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final String name;
    private final boolean withTls;
    private RabbitMqBroker broker;
    private Path pkiDir;
    private RabbitMqTls tls;

    private RabbitMqNode(String name, boolean withTls) {
        this.name = name;
        this.withTls = withTls;
    }

    /** A node with the plain MQTT listener only. */
    public static RabbitMqNode plain(String name) {
        return new RabbitMqNode(name, false);
    }

    /** A node with an MQTT TLS listener too, its certificates from {@link RabbitMqTls#generate} in a temp dir. */
    public static RabbitMqNode withTls(String name) {
        return new RabbitMqNode(name, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!RabbitMqBroker.installed()) {
            return;
        }
        if (withTls) {
            pkiDir = Files.createTempDirectory("candado-rabbitmq-pki-");
            tls = RabbitMqTls.generate(pkiDir);
        }
        broker = RabbitMqBroker.start(name, tls);
        System.out.println("[rabbitmq] " + broker.nodeName() + " MQTT on 127.0.0.1:" + broker.mqttPort()
                + (withTls ? ", MQTT TLS on 127.0.0.1:" + broker.mqttTlsPort() : "") + ", started in " + broker.lastStartMillis() + " ms");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RabbitMqBroker.assumeInstalled();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
        }
        if (pkiDir != null) {
            ErlangNodes.deleteTree(pkiDir);
        }
    }

    /** The running node (null where RabbitMQ is not installed: the tests are skipped then). */
    public RabbitMqBroker broker() {
        return broker;
    }

    /** The TLS listener's files ({@link #withTls} only). */
    public RabbitMqTls tls() {
        return tls;
    }

    /** Where the test PKI lives ({@link #withTls} only): ca, server, client, otherca as .crt/.key. */
    public Path pkiDir() {
        return pkiDir;
    }
}
