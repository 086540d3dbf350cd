package candado.app;

import candado.app.config.Config;
import candado.app.config.ConfigKeys;
import candado.app.micropaho.MicroPahoLinkFactory;
import candado.io.TcpTransport;
import candado.io.TransportFactory;
import candado.mqtt.MqttCallback;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import candado.mqtt.MqttMessage;
import candado.mqtt.MqttToken;
import candado.tls.KeyLogSink;
import candado.tls.TlsSettings;
import candado.tls.TlsTransportFactory;
import java.io.IOException;

/**
 * Links over Candado's own MQTT client ({@code candado.mqtt}) and transports: plain TCP, TLS with
 * certificates (mutual when {@code mqtt.ssl_client_auth}) or TLS-PSK, all from the configuration.
 * The TLS factory of each kind is built once (so TLS 1.2 sessions can be resumed on reconnect).
 * With {@code mqtt.client = micropaho} the links come from {@link MicroPahoLinkFactory} instead
 * (MicroEJ's MicroPaho over the same TLS settings).
 */
public final class ClientLinkFactory implements LinkFactory, MicroPahoLinkFactory.TlsSource {

    private final Config config;
    private final Resources resources;
    private KeyLogSink keyLog;
    private TlsTransportFactory tls;
    private TlsTransportFactory psk;
    private MicroPahoLinkFactory microPaho;

    public ClientLinkFactory(Config config, Resources resources) {
        this.config = config;
        this.resources = resources;
    }

    /** Where TLS secrets go for Wireshark (PC port, {@code --keylog}); null = nowhere. */
    public void setKeyLog(KeyLogSink sink) {
        this.keyLog = sink;
    }

    public Link create(Endpoint ep, String clientId, LinkListener listener) throws IOException {
        return create(config.get(ConfigKeys.MQTT_CLIENT), config.get(ConfigKeys.MQTT_VERSION), ep, clientId, listener);
    }

    public LinkFactory engine(String name) {
        return new Variant(name, config.get(ConfigKeys.MQTT_VERSION));
    }

    public LinkFactory version(String v) {
        return new Variant(config.get(ConfigKeys.MQTT_CLIENT), v);
    }

    /** Links over one engine and MQTT version (test mode over several in one run). */
    private final class Variant implements LinkFactory {
        private final String engine;
        private final String mqttVersion;

        Variant(String engine, String mqttVersion) {
            if (!engine.equals("candado") && !engine.equals("micropaho")) {
                throw new IllegalArgumentException("unknown MQTT engine '" + engine + "' (candado, micropaho)");
            }
            if (!mqttVersion.equals("3.1.1") && !mqttVersion.equals("5")) {
                throw new IllegalArgumentException("unknown MQTT version '" + mqttVersion + "' (3.1.1, 5)");
            }
            if (engine.equals("micropaho") && mqttVersion.equals("5")) {
                throw new IllegalArgumentException("micropaho speaks MQTT 3.1.1 only, not 5: compare MQTT versions over the candado engine");
            }
            this.engine = engine;
            this.mqttVersion = mqttVersion;
        }

        public Link create(Endpoint ep, String clientId, LinkListener listener) throws IOException {
            return ClientLinkFactory.this.create(engine, mqttVersion, ep, clientId, listener);
        }

        public LinkFactory engine(String other) {
            return new Variant(other, mqttVersion);
        }

        public LinkFactory version(String other) {
            return new Variant(engine, other);
        }
    }

    private Link create(String engine, String mqttVersion, Endpoint ep, String clientId, LinkListener listener) throws IOException {
        if (engine.equals("micropaho")) {
            if (mqttVersion.equals("5")) {
                // Config.checkCombination refuses this first; never fall back to 3.1.1 silently.
                throw new IOException("micropaho speaks MQTT 3.1.1 only: mqtt.version = 5 needs mqtt.client = candado");
            }
            synchronized (this) {
                if (microPaho == null) {
                    microPaho = new MicroPahoLinkFactory(config, this);
                }
            }
            return microPaho.create(ep, clientId, listener);
        }
        MqttConnectOptions o = new MqttConnectOptions();
        o.addServer(ep.host, ep.port);
        for (int i = 0; i < ep.failoverCount(); i++) {
            o.addServer(ep.failoverHost(i), ep.failoverPort(i)); // mqtt.failover_servers: the client tries them in order
        }
        o.setClientId(clientId);
        o.setCleanSession(config.getBool(ConfigKeys.MQTT_CLEAN_SESSION));
        if (mqttVersion.equals("5")) {
            o.setMqttVersion(MqttConnectOptions.MQTT_5);
        }
        o.setKeepAliveSeconds(config.getInt(ConfigKeys.MQTT_KEEP_ALIVE));
        o.setConnectTimeoutMs(config.getInt(ConfigKeys.MQTT_CONNECT_TIMEOUT_MS));
        // The application reconnects itself (normal mode, test mode), the same way over any engine.
        o.setAutoReconnect(false);
        if (config.get(ConfigKeys.MQTT_USER).length() > 0) {
            o.setUserName(config.get(ConfigKeys.MQTT_USER));
            o.setPassword(NormalMode.ascii(config.get(ConfigKeys.MQTT_PASS)));
        }
        String will = config.get(ConfigKeys.MQTT_WILL_MESSAGE);
        if (will.length() > 0) {
            String topic = config.get(ConfigKeys.MQTT_WILL_TOPIC);
            o.setWill(topic.length() > 0 ? topic : config.get(ConfigKeys.APP_PUBLIC_TOPIC), NormalMode.ascii(will), 0, false);
        }
        MqttClient client = new MqttClient(o, transports(ep.security, ep.resolver));
        client.setCallback(new Callback(listener));
        return new ClientLink(client, ep, config.getInt(ConfigKeys.MQTT_CONNECT_TIMEOUT_MS));
    }

    private synchronized TransportFactory transports(int security, candado.io.HostResolver resolver) throws IOException {
        if (security == Endpoint.PLAIN) {
            return resolver == null ? TcpTransport.FACTORY : TcpTransport.factory(resolver);
        }
        if (security == Endpoint.PSK) {
            if (psk == null) {
                psk = new TlsTransportFactory(settings(true));
            }
            return psk.setResolver(resolver);
        }
        if (tls == null) {
            tls = new TlsTransportFactory(settings(false));
        }
        return tls.setResolver(resolver);
    }

    /** TLS settings for certificates or PSK; IOException naming the key at fault. */
    public TlsSettings settings(boolean withPsk) throws IOException {
        TlsSettings s = new TlsSettings();
        try {
            if (withPsk) {
                String identity = config.get(ConfigKeys.MQTT_SSL_PSK_IDENTITY);
                String key = config.get(ConfigKeys.MQTT_SSL_PSK_KEY);
                if (identity.length() == 0 || key.length() == 0) {
                    throw new LinkException(MqttException.REASON_INVALID_ARGUMENT, "TLS-PSK needs mqtt.ssl_psk_identity and mqtt.ssl_psk_key", null);
                }
                s.psk(identity, key);
            } else {
                String ca = config.get(ConfigKeys.MQTT_SSL_CA_CERT);
                s.addTrustedPem(resources.readText(ca), ca);
                String crl = config.get(ConfigKeys.MQTT_SSL_CRL);
                if (crl.length() > 0) {
                    s.addCrl(resources.readText(crl).getBytes("ISO-8859-1"), crl);
                }
                s.mustStaple(config.getBool(ConfigKeys.MQTT_SSL_MUST_STAPLE));
                if (config.getBool(ConfigKeys.MQTT_SSL_CLIENT_AUTH)) {
                    s.clientCertificate(resources.readText(config.get(ConfigKeys.MQTT_SSL_CERT)),
                            resources.readText(config.get(ConfigKeys.MQTT_SSL_KEY)));
                }
            }
            String suites = config.get(ConfigKeys.MQTT_SSL_CIPHER_SUITES);
            if (suites.length() > 0) {
                s.cipherSuites(suites);
            }
            // PSK is TLS 1.2 in Candado's TLS layer (and in Mosquitto 2.0.11 with OpenSSL 3 in practice).
            s.versions(config.get(ConfigKeys.TLS_MIN_VERSION), withPsk ? "1.2" : config.get(ConfigKeys.TLS_MAX_VERSION));
            s.insecure(config.getBool(ConfigKeys.TLS_INSECURE));
            s.debug(config.getBool(ConfigKeys.TLS_DEBUG));
            s.cryptoProfile(config.get(ConfigKeys.TLS_CRYPTO));
            s.postQuantum(config.getBool(ConfigKeys.TLS_PQC));
            if (keyLog != null) {
                s.keyLog(keyLog);
            }
            s.check();
        } catch (IllegalArgumentException e) {
            throw new LinkException(MqttException.REASON_INVALID_ARGUMENT, e.getMessage(), e);
        }
        return s;
    }

    private static final class Callback implements MqttCallback {
        private final LinkListener listener;

        Callback(LinkListener listener) {
            this.listener = listener;
        }

        public void connectionLost(Throwable cause) {
            listener.connectionLost(cause == null ? null : cause.getMessage());
        }

        public void messageArrived(String topic, MqttMessage message) {
            listener.messageArrived(topic, message.getPayload());
        }

        public void deliveryComplete(MqttToken token) {
        }
    }

    private static final class ClientLink implements Link {
        private final MqttClient client;
        private final Endpoint ep;
        private final int timeoutMs;

        ClientLink(MqttClient client, Endpoint ep, int timeoutMs) {
            this.client = client;
            this.ep = ep;
            this.timeoutMs = timeoutMs;
        }

        public boolean connect() throws LinkException {
            try {
                client.connect();
                return client.isSessionPresent();
            } catch (MqttException e) {
                throw failure("", e);
            }
        }

        public void publish(String topic, byte[] payload, int qos, boolean retain) throws LinkException {
            try {
                if (qos == 0) {
                    // Returns once written to the transport (or throws the write's failure).
                    client.publishQos0(topic, payload, retain);
                } else {
                    client.publish(topic, payload, qos, retain).waitForCompletion(timeoutMs);
                }
            } catch (MqttException e) {
                throw failure("publish to " + topic + ": ", e);
            }
        }

        public void subscribe(String filter, int qos) throws LinkException {
            try {
                client.subscribe(filter, qos);
            } catch (MqttException e) {
                throw failure("subscribe to " + filter + ": ", e);
            }
        }

        public boolean isConnected() {
            return client.isConnected();
        }

        public boolean engineAlive() {
            return client.isIoThreadAlive() || !client.isConnected();
        }

        public void dropConnection() {
            client.disconnect();
        }

        public void disconnect() {
            client.close();
        }

        public String describe() {
            return client.getName() + " " + ep;
        }

        private static LinkException failure(String what, MqttException e) {
            return new LinkException(e.getReasonCode(), what + e.getMessage(), e);
        }
    }
}
