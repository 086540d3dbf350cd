package candado.pc.bench;

/**
 * Section 3: time from "connect" to CONNACK received (TCP connect, TLS handshake if any, CONNECT),
 * median over {@code n} connections; each is closed before the next. For the resumption mode the
 * same factory / SSLContext is reused, so after the first connection the library may resume.
 */
final class ConnectTime {

    private ConnectTime() {
    }

    static double medianMs(Peer peer, Endpoint e, int n) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            Peer.Conn c = peer.connect(e, "conn-" + i);
            long t1 = System.nanoTime();
            c.close();
            ms[i] = (t1 - t0) / 1e6;
        }
        return Stats.median(ms);
    }
}
