package candado.io;

import java.io.IOException;

/**
 * A byte stream to a broker: plain TCP or a TLS session over it. The MQTT client writes each
 * packet whole in one {@link #write} call (one TLS record, no partial packets on the wire) and
 * reads with a deadline so one thread can also keep time for keep-alive.
 *
 * Threading: one thread reads while another may write (the MQTT client's I/O thread reads; an
 * application thread publishing writes its own packet). Writes never overlap each other, reads
 * never overlap each other, but a write must not wait for a blocked read to return.
 */
public interface Transport {

    /** Opens the connection to host:port, waiting at most {@code timeoutMs} for TCP and any handshake. */
    void open(String host, int port, int timeoutMs) throws IOException;

    /** Writes {@code len} bytes as one unit and flushes them. */
    void write(byte[] buf, int off, int len) throws IOException;

    /**
     * Reads up to {@code len} bytes, waiting at most {@code timeoutMs} (0 = do not wait beyond
     * what is already buffered). Returns the count read, 0 on timeout, -1 at end of stream.
     */
    int read(byte[] buf, int off, int len, int timeoutMs) throws IOException;

    /** Closes the connection; safe to call more than once and from another thread. */
    void close();

    /** Short description for logs, e.g. {@code tcp 127.0.0.1:1883} or {@code tls1.3 broker.lan:8883}. */
    String describe();
}
