package candado.app.config;

/**
 * The table of every configuration key. Mongoose-OS names ({@code mqtt.*}, {@code sntp.*},
 * {@code debug.level}) where Mongoose has the setting, so a student who knows one knows the other;
 * {@code net.*}, {@code tls.*} and {@code app.*} for the thesis's settings Mongoose lacks.
 */
public final class ConfigKeys {

    public static final String BOARD = "board";
    public static final String DEBUG_LEVEL = "debug.level";
    public static final String BOARD_WATCHDOG_S = "board.watchdog_s";

    public static final String NET_MODE = "net.mode";
    public static final String NET_MAC = "net.mac";
    public static final String NET_HOSTNAME = "net.hostname";
    public static final String NET_DHCP_ATTEMPTS = "net.dhcp_attempts";
    public static final String NET_STATIC_FALLBACK = "net.static_fallback";
    public static final String NET_IP = "net.ip";
    public static final String NET_NETMASK = "net.netmask";
    public static final String NET_GW = "net.gw";
    public static final String NET_DNS = "net.dns";
    public static final String NET_TIMEOUT_MS = "net.timeout_ms";
    public static final String SNTP_ENABLE = "sntp.enable";
    public static final String SNTP_SERVER = "sntp.server";
    public static final String SNTP_UPDATE_INTERVAL = "sntp.update_interval";

    public static final String MQTT_SERVER = "mqtt.server";
    public static final String MQTT_FAILOVER = "mqtt.failover_servers";
    /** Which MQTT engine the application runs on: Candado's client or MicroEJ's MicroPaho (docs/app.md). */
    public static final String MQTT_CLIENT = "mqtt.client";
    public static final String MQTT_CLIENT_ID = "mqtt.client_id";
    public static final String MQTT_KEEP_ALIVE = "mqtt.keep_alive";
    public static final String MQTT_CLEAN_SESSION = "mqtt.clean_session";
    public static final String MQTT_VERSION = "mqtt.version";
    public static final String MQTT_USER = "mqtt.user";
    public static final String MQTT_PASS = "mqtt.pass";
    public static final String MQTT_WILL_TOPIC = "mqtt.will_topic";
    public static final String MQTT_WILL_MESSAGE = "mqtt.will_message";
    public static final String MQTT_CONNECT_TIMEOUT_MS = "mqtt.connect_timeout_ms";
    public static final String MQTT_RECONNECT_MIN = "mqtt.reconnect_timeout_min";
    public static final String MQTT_RECONNECT_MAX = "mqtt.reconnect_timeout_max";
    public static final String MQTT_SSL = "mqtt.ssl";
    public static final String MQTT_SSL_CLIENT_AUTH = "mqtt.ssl_client_auth";
    public static final String MQTT_SSL_CA_CERT = "mqtt.ssl_ca_cert";
    public static final String MQTT_SSL_CRL = "mqtt.ssl_crl";
    public static final String MQTT_SSL_MUST_STAPLE = "mqtt.ssl_must_staple";
    public static final String MQTT_SSL_CERT = "mqtt.ssl_cert";
    public static final String MQTT_SSL_KEY = "mqtt.ssl_key";
    public static final String MQTT_SSL_PSK_IDENTITY = "mqtt.ssl_psk_identity";
    public static final String MQTT_SSL_PSK_KEY = "mqtt.ssl_psk_key";
    public static final String MQTT_SSL_CIPHER_SUITES = "mqtt.ssl_cipher_suites";
    public static final String TLS_MIN_VERSION = "tls.min_version";
    public static final String TLS_MAX_VERSION = "tls.max_version";
    public static final String TLS_DEBUG = "tls.debug";
    public static final String TLS_INSECURE = "tls.insecure";
    public static final String TLS_CRYPTO = "tls.crypto";
    public static final String TLS_PQC = "tls.pqc";

    public static final String APP_PUBLIC_TOPIC = "app.public_topic";
    public static final String APP_SECRET_TOPIC = "app.secret_topic";
    public static final String APP_GMT_ZONE = "app.gmt_zone";
    public static final String APP_TIME_INTERVAL = "app.time_interval";
    public static final String APP_OUTBOX_SIZE = "app.outbox_size";
    public static final String APP_TEST_MODE = "app.test_mode";
    public static final String APP_TEST_BYTES = "app.test_bytes";
    public static final String APP_TEST_CYCLES = "app.test_cycles";
    public static final String APP_TEST_WARMUP = "app.test_warmup";
    public static final String APP_TEST_TRANSPORTS = "app.test_transports";
    public static final String APP_TEST_ENGINES = "app.test_engines";
    public static final String APP_TEST_VERSIONS = "app.test_versions";
    public static final String APP_TEST_PLAIN_SERVER = "app.test_plain_server";
    public static final String APP_TEST_TLS_SERVER = "app.test_tls_server";
    public static final String APP_TEST_PSK_SERVER = "app.test_psk_server";

    /** The values of mqtt.version (and of app.test_versions' items). */
    public static final String[] VERSIONS = {"3.1.1", "5"};

    /** The values of mqtt.client (and of app.test_engines' items). */
    public static final String[] ENGINES = {"candado", "micropaho"};

    private static final String[] LEVELS = {"none", "error", "warn", "info", "debug", "verbose"};

    /** Largest test message: with the MQTT client's 16 KB packet bound and the echo, fits a 512 KB board. */
    public static final int MAX_TEST_BYTES = 8192;
    /** 17 bytes of results per cycle (two longs and a flag), plus a sort copy: 1000 cycles ≈ 25 KB. */
    public static final int MAX_TEST_CYCLES = 1000;

    static final ConfigKey[] ALL = {
        ConfigKey.choice(BOARD, "nucleo-h723zg", new String[] {"nucleo-h723zg", "disco-f769ni"},
                "board profile: which LEDs and button the HAL drives"),
        ConfigKey.integer(BOARD_WATCHDOG_S, 0, 0, 32,
                "hardware watchdog timeout in seconds in normal mode (0 = off); once started it cannot be stopped"),
        ConfigKey.choice(DEBUG_LEVEL, "info", LEVELS, "log level on the UART (also 0..5)"),

        ConfigKey.choice(NET_MODE, "native", new String[] {"native", "client", "static"},
                "address bring-up: native = the platform's own (lwIP / the OS), client = Candado's DHCP client, static = net.ip"),
        ConfigKey.of(NET_MAC, ConfigKey.MAC, "", "MAC for Candado's DHCP client (net.mode=client; required there)"),
        ConfigKey.string(NET_HOSTNAME, "candado", "host name sent to the DHCP server (option 12)"),
        ConfigKey.integer(NET_DHCP_ATTEMPTS, 3, 1, 20, "DHCP attempts before giving up (or falling back to static)"),
        ConfigKey.bool(NET_STATIC_FALLBACK, false, "use net.ip/net.netmask/net.gw when DHCP fails"),
        ConfigKey.of(NET_IP, ConfigKey.IPV4, "", "static address"),
        ConfigKey.of(NET_NETMASK, ConfigKey.IPV4, "255.255.255.0", "static netmask"),
        ConfigKey.of(NET_GW, ConfigKey.IPV4, "", "static gateway"),
        ConfigKey.of(NET_DNS, ConfigKey.IPV4_LIST, "", "DNS servers (override DHCP's; also the static configuration's); empty = from DHCP or the platform"),
        ConfigKey.integer(NET_TIMEOUT_MS, 5000, 100, 600000, "timeout of each DHCP/DNS/NTP exchange"),
        ConfigKey.bool(SNTP_ENABLE, true, "set the clock by SNTP before TLS (certificate validity needs the date)"),
        ConfigKey.string(SNTP_SERVER, "pool.ntp.org", "NTP server, HOST or HOST:PORT"),
        ConfigKey.integer(SNTP_UPDATE_INTERVAL, 7200, 0, 604800, "seconds between SNTP re-syncs in normal mode (0 = only at boot)"),

        ConfigKey.of(MQTT_SERVER, ConfigKey.HOST_PORT, "localhost:1883", "broker host:port"),
        ConfigKey.of(MQTT_FAILOVER, ConfigKey.HOST_PORT_LIST, "",
                "more brokers (host:port,...) tried in order when mqtt.server cannot be reached; each attempt starts again at mqtt.server"),
        ConfigKey.choice(MQTT_CLIENT, "candado", ENGINES,
                "MQTT engine: candado = Candado's client, micropaho = MicroEJ's MicroPaho (Eclipse Paho 1.2.5 on the PC); docs/app.md"),
        ConfigKey.string(MQTT_CLIENT_ID, "candado", "MQTT client identifier (1..23 characters is the portable range)"),
        ConfigKey.integer(MQTT_KEEP_ALIVE, 60, 0, 65535, "keep-alive in seconds (0 = off)"),
        ConfigKey.bool(MQTT_CLEAN_SESSION, true, "MQTT clean session flag"),
        ConfigKey.choice(MQTT_VERSION, "3.1.1", VERSIONS, "MQTT protocol version (5: properties, reason codes, topic aliases; mqtt.client = candado only)"),
        ConfigKey.string(MQTT_USER, "", "user name (empty = none)"),
        ConfigKey.secret(MQTT_PASS, ConfigKey.STRING, "password (never logged)"),
        ConfigKey.string(MQTT_WILL_TOPIC, "", "last-will topic; empty = the public topic"),
        ConfigKey.string(MQTT_WILL_MESSAGE, "[LOST]", "last-will message; empty = no will"),
        ConfigKey.integer(MQTT_CONNECT_TIMEOUT_MS, 10000, 100, 600000, "TCP + TLS + CONNACK timeout"),
        ConfigKey.integer(MQTT_RECONNECT_MIN, 2, 1, 3600, "seconds before the first reconnect attempt after a loss (doubles per failure, with jitter)"),
        ConfigKey.integer(MQTT_RECONNECT_MAX, 60, 1, 3600, "longest wait in seconds between reconnect attempts"),
        ConfigKey.bool(MQTT_SSL, false, "TLS on/off; with mqtt.ssl_psk_identity set it is TLS-PSK, otherwise certificates"),
        ConfigKey.bool(MQTT_SSL_CLIENT_AUTH, false, "present mqtt.ssl_cert/mqtt.ssl_key to the broker (mutual TLS)"),
        ConfigKey.string(MQTT_SSL_CA_CERT, "certs/ca.crt", "trusted root, PEM resource (board) or file (PC)"),
        ConfigKey.string(MQTT_SSL_CRL, "", "CRL of the broker's CA (PEM resource or file); empty: no revocation check"),
        ConfigKey.bool(MQTT_SSL_MUST_STAPLE, false, "refuse a broker that staples no OCSP response (a stapled one is always checked)"),
        ConfigKey.string(MQTT_SSL_CERT, "certs/candado.crt", "client certificate, PEM resource or file (./candado pki client candado makes certs/candado.crt)"),
        ConfigKey.string(MQTT_SSL_KEY, "certs/candado.key", "client private key, PEM resource or file (its content is never logged)"),
        ConfigKey.string(MQTT_SSL_PSK_IDENTITY, "", "PSK identity; non-empty selects TLS-PSK"),
        ConfigKey.secret(MQTT_SSL_PSK_KEY, ConfigKey.HEX, "PSK key in hex (never logged)"),
        ConfigKey.of(MQTT_SSL_CIPHER_SUITES, ConfigKey.NAME_LIST, "",
                "cipher suites by IANA, Mongoose-OS or OpenSSL name, e.g. TLS_PSK_WITH_AES_128_CCM_8; empty = the TLS layer's defaults"),
        ConfigKey.choice(TLS_MIN_VERSION, "1.2", new String[] {"1.2", "1.3"}, "lowest TLS version offered"),
        ConfigKey.choice(TLS_MAX_VERSION, "1.3", new String[] {"1.2", "1.3"}, "highest TLS version offered with certificates (TLS-PSK always uses TLS 1.2, the thesis's suites)"),
        ConfigKey.bool(TLS_DEBUG, false, "log the handshake steps and every TLS alert"),
        ConfigKey.bool(TLS_INSECURE, false, "skip the broker host-name check (lab use only; the chain is still checked)"),
        ConfigKey.choice(TLS_CRYPTO, "default", new String[] {"default", "small", "fast"},
                "record crypto: small = least RAM (board default), fast = table-driven AES/GCM (PC default, ~9 KB more per direction with AES-GCM)"),
        ConfigKey.bool(TLS_PQC, false, "offer the post-quantum hybrid key exchange X25519MLKEM768 in TLS 1.3 (opt-in: a 1.2 KB key share per handshake); needs the BON constant candado.tls.pqc, off on boards (docs/budget.md)"),

        ConfigKey.string(APP_PUBLIC_TOPIC, "devices/candado/public", "where the device announces itself and its events"),
        ConfigKey.string(APP_SECRET_TOPIC, "devices/candado/secret", "where the device takes commands (and test mode echoes)"),
        ConfigKey.of(APP_GMT_ZONE, ConfigKey.ZONE, "GMT", "zone of the time messages and log stamps"),
        ConfigKey.integer(APP_TIME_INTERVAL, 60, 0, 86400, "seconds between time messages (0 = none)"),
        ConfigKey.integer(APP_OUTBOX_SIZE, 16, 1, 256,
                "events kept while disconnected (the time keeps only its latest); beyond it the oldest are dropped, counted in [DROPPED n]"),
        ConfigKey.bool(APP_TEST_MODE, false, "run test mode instead of normal mode (board: hold the button at start)"),
        ConfigKey.integer(APP_TEST_BYTES, 64, 1, MAX_TEST_BYTES, "bytes per test message"),
        ConfigKey.integer(APP_TEST_CYCLES, 100, 1, MAX_TEST_CYCLES, "test cycles per transport"),
        ConfigKey.integer(APP_TEST_WARMUP, 5, 0, MAX_TEST_CYCLES, "cycles per transport run first and not recorded (JIT, caches, broker warm)"),
        ConfigKey.of(APP_TEST_TRANSPORTS, ConfigKey.NAME_LIST, "",
                "test mode over several transports in one run, e.g. plain,tls,psk; empty = as configured by mqtt.ssl"),
        ConfigKey.of(APP_TEST_ENGINES, ConfigKey.NAME_LIST, "",
                "test mode over several MQTT engines in one run, e.g. candado,micropaho (each over every transport); empty = mqtt.client"),
        ConfigKey.of(APP_TEST_VERSIONS, ConfigKey.NAME_LIST, "",
                "test mode over several MQTT versions in one run, e.g. 3.1.1,5 (each over every transport; micropaho has no 5); empty = mqtt.version"),
        ConfigKey.of(APP_TEST_PLAIN_SERVER, ConfigKey.HOST_PORT, "", "host:port of the plain listener for app.test_transports (empty = mqtt.server)"),
        ConfigKey.of(APP_TEST_TLS_SERVER, ConfigKey.HOST_PORT, "", "host:port of the TLS listener for app.test_transports (empty = mqtt.server)"),
        ConfigKey.of(APP_TEST_PSK_SERVER, ConfigKey.HOST_PORT, "", "host:port of the PSK listener for app.test_transports (empty = mqtt.server)"),
    };

    private ConfigKeys() {
    }

    /** The key named {@code name}, or null. */
    public static ConfigKey find(String name) {
        int i = indexOf(name);
        return i < 0 ? null : ALL[i];
    }

    static int indexOf(String name) {
        for (int i = 0; i < ALL.length; i++) {
            if (ALL[i].name.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public static int count() {
        return ALL.length;
    }

    public static ConfigKey get(int i) {
        return ALL[i];
    }

    /** All key names, comma-separated: the "valid keys" list in unknown-key errors. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ALL.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(ALL[i].name);
        }
        return sb.toString();
    }
}
