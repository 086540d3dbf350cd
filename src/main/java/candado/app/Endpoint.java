package candado.app;

/** Where and how to connect: broker host and port, and which kind of transport. */
public final class Endpoint {

    public static final int PLAIN = 0;
    /** TLS with certificates (mutual if the configuration asks for client authentication). */
    public static final int TLS = 1;
    public static final int PSK = 2;

    private static final String[] NAMES = {"plain", "tls", "psk"};

    public final String host;
    public final int port;
    public final int security;
    /** How {@link #host} is resolved on each connection attempt; null = the platform's resolver. */
    public final candado.io.HostResolver resolver;
    /** More brokers, same security, tried in order after host:port on every connection attempt (failover). */
    private String[] failoverHosts = new String[0];
    private int[] failoverPorts = new int[0];

    public Endpoint(String host, int port, int security) {
        this(host, port, security, null);
    }

    public Endpoint(String host, int port, int security, candado.io.HostResolver resolver) {
        this.host = host;
        this.port = port;
        this.security = security;
        this.resolver = resolver;
    }

    /** Adds the failover brokers (parallel arrays); returns this endpoint. */
    public Endpoint withFailover(String[] hosts, int[] ports) {
        if (hosts.length != ports.length) {
            throw new IllegalArgumentException(hosts.length + " failover hosts but " + ports.length + " ports");
        }
        failoverHosts = hosts;
        failoverPorts = ports;
        return this;
    }

    public int failoverCount() {
        return failoverHosts.length;
    }

    public String failoverHost(int i) {
        return failoverHosts[i];
    }

    public int failoverPort(int i) {
        return failoverPorts[i];
    }

    /** {@code plain}, {@code tls} or {@code psk}: the names used by app.test_transports. */
    public String securityName() {
        return NAMES[security];
    }

    /** Parses {@code plain|tls|psk}; -1 otherwise. */
    public static int parseSecurity(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    public String toString() {
        StringBuilder sb = new StringBuilder(securityName()).append(' ').append(host).append(':').append(port);
        for (int i = 0; i < failoverHosts.length; i++) {
            sb.append(i == 0 ? " (failover " : ", ").append(failoverHosts[i]).append(':').append(failoverPorts[i]);
        }
        return failoverHosts.length > 0 ? sb.append(')').toString() : sb.toString();
    }
}
