package candado.tls;

/** What a finished handshake agreed: for logs, tests and the transport's description. */
public final class HandshakeInfo {
    public final String version;
    public final int cipherSuite;
    public final boolean resumed;
    public final long millis;

    HandshakeInfo(String version, int cipherSuite, boolean resumed, long millis) {
        this.version = version;
        this.cipherSuite = cipherSuite;
        this.resumed = resumed;
        this.millis = millis;
    }

    public String cipherSuiteName() {
        return CipherSuites.name(cipherSuite);
    }

    public String toString() {
        return version + " " + cipherSuiteName() + (resumed ? " resumed" : "") + " (" + millis + " ms)";
    }
}
