package candado.net.sntp;

import candado.log.Log;
import candado.time.DeviceClock;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Random;

/** The DatagramSocket loop around {@link SntpExchange}; costs one 48-byte request and one receive buffer. */
public final class SntpClient {

    private final int rounds;
    private final int timeoutMs;
    private final Random random = new Random(System.nanoTime() ^ 0x2545F4914F6CDD1DL);
    private final byte[] rx = new byte[128];

    public SntpClient(int rounds, int timeoutMs) {
        this.rounds = rounds;
        this.timeoutMs = timeoutMs;
    }

    /** Queries the servers in turn until one gives a valid reply; does not touch the clock. */
    public SntpResult query(InetSocketAddress[] servers) throws IOException {
        SntpExchange x = new SntpExchange(servers.length, rounds, timeoutMs, random);
        DatagramSocket socket = new DatagramSocket();
        try {
            int action = x.start(System.currentTimeMillis(), DeviceClock.monotonicMillis());
            while (true) {
                if (action == SntpExchange.SEND) {
                    InetSocketAddress s = servers[x.server()];
                    Log.verbose("sntp", "request to " + s);
                    socket.send(new DatagramPacket(x.request(), SntpCodec.LENGTH, s.getAddress(), s.getPort()));
                    action = SntpExchange.WAIT;
                } else if (action == SntpExchange.WAIT) {
                    long left = x.deadline() - DeviceClock.monotonicMillis();
                    if (left <= 0) {
                        action = x.onTimeout(System.currentTimeMillis(), DeviceClock.monotonicMillis());
                        continue;
                    }
                    socket.setSoTimeout((int) left);
                    DatagramPacket p = new DatagramPacket(rx, rx.length);
                    try {
                        socket.receive(p);
                    } catch (SocketTimeoutException e) {
                        continue;
                    }
                    long wall = System.currentTimeMillis(); // T4 as close to the receive as we can
                    InetSocketAddress s = servers[x.server()];
                    int from = s.getAddress().equals(p.getAddress()) && s.getPort() == p.getPort() ? x.server() : -1;
                    action = x.onDatagram(from, p.getData(), p.getOffset(), p.getLength(), wall, DeviceClock.monotonicMillis());
                } else if (action == SntpExchange.DONE) {
                    if (x.notes().length() > 0) {
                        Log.warn("sntp", x.notes());
                    }
                    return x.result();
                } else {
                    throw new IOException("SNTP failed: " + x.error());
                }
            }
        } finally {
            socket.close();
        }
    }
}
