package candado.tls;

/**
 * Receives NSS key log lines ({@code CLIENT_RANDOM …} for TLS 1.2, the four traffic secrets for
 * TLS 1.3) so Wireshark can decrypt a capture. Debug builds and the PC port only: whoever holds
 * these lines can read the session.
 */
public interface KeyLogSink {
    void keyLogLine(String line);
}
