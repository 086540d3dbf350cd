package candado.net.dns;

import candado.log.Log;
import candado.time.DeviceClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Random;

/**
 * The thin I/O loop around {@link DnsLookup}: one UDP socket per lookup, TCP when the answer was
 * truncated, and the {@link DnsCache}. Buffers are per client and lookups are serialised, so a
 * client costs about 1.5 KB however often it is used.
 */
public final class DnsClient {

    /** Largest TCP answer accepted (a length prefix above this is refused before allocating). */
    public static final int MAX_TCP = 4096;

    private final InetSocketAddress[] servers;
    private final int rounds;
    private final int timeoutMs;
    private final DnsCache cache;
    private final Random random = new Random(System.nanoTime() ^ 0x5DEECE66DL);
    private final byte[] rx = new byte[DnsCodec.MAX_UDP];

    public DnsClient(InetSocketAddress[] servers, int rounds, int timeoutMs, int cacheEntries) {
        if (servers.length == 0) {
            throw new IllegalArgumentException("DNS client needs at least one server");
        }
        this.servers = servers;
        this.rounds = rounds;
        this.timeoutMs = timeoutMs;
        this.cache = new DnsCache(cacheEntries);
    }

    public InetSocketAddress[] servers() {
        return servers;
    }

    /** First IPv4 address of {@code name} (an IPv4 literal is returned as is, no query). */
    public InetAddress resolve(String name) throws IOException {
        if (candado.net.Ipv4.isLiteral(name)) {
            return InetAddress.getByAddress(name, candado.net.Ipv4.toBytes(candado.net.Ipv4.parse(name)));
        }
        DnsAnswer a = lookup(name, DnsCodec.TYPE_A);
        return InetAddress.getByAddress(name, a.first());
    }

    public synchronized DnsAnswer lookup(String name, int type) throws IOException {
        long now = DeviceClock.monotonicMillis();
        DnsAnswer cached = cache.get(name.endsWith(".") ? name.substring(0, name.length() - 1) : name, type, now);
        if (cached != null) {
            return cached;
        }
        DnsLookup l;
        try {
            l = new DnsLookup(name, type, servers.length, rounds, timeoutMs, random);
        } catch (IllegalArgumentException e) {
            throw new DnsException(e.getMessage()); // a name that cannot be asked for
        }
        DatagramSocket socket = new DatagramSocket();
        try {
            int action = l.start(now);
            while (true) {
                if (action == DnsLookup.SEND_UDP) {
                    InetSocketAddress s = servers[l.server()];
                    Log.verbose("dns", "query " + l.name() + " " + DnsCodec.typeName(type) + " to " + s);
                    socket.send(new DatagramPacket(l.query(), l.queryLength(), s.getAddress(), s.getPort()));
                    action = DnsLookup.WAIT;
                } else if (action == DnsLookup.SEND_TCP) {
                    action = exchangeTcp(l);
                } else if (action == DnsLookup.WAIT) {
                    long left = l.deadline() - DeviceClock.monotonicMillis();
                    if (left <= 0) {
                        action = l.onTimeout(DeviceClock.monotonicMillis());
                        continue;
                    }
                    socket.setSoTimeout((int) left);
                    DatagramPacket p = new DatagramPacket(rx, rx.length);
                    try {
                        socket.receive(p);
                    } catch (SocketTimeoutException e) {
                        continue; // the deadline check above turns it into onTimeout
                    }
                    InetSocketAddress s = servers[l.server()];
                    int from = s.getAddress().equals(p.getAddress()) && s.getPort() == p.getPort() ? l.server() : -1;
                    action = l.onResponse(from, p.getData(), p.getOffset(), p.getLength(), DeviceClock.monotonicMillis());
                } else if (action == DnsLookup.DONE) {
                    DnsAnswer a = l.answer();
                    cache.put(a, DeviceClock.monotonicMillis());
                    return a;
                } else {
                    throw new DnsException(l.error());
                }
            }
        } finally {
            socket.close();
        }
    }

    /** One query over TCP (RFC 1035 4.2.2: two-byte length prefix) within the lookup's timeout. */
    private int exchangeTcp(DnsLookup l) {
        InetSocketAddress s = servers[l.server()];
        Log.debug("dns", "truncated answer for " + l.name() + ", retrying over TCP to " + s);
        Socket tcp = new Socket();
        try {
            tcp.connect(s, timeoutMs);
            tcp.setSoTimeout(timeoutMs);
            OutputStream out = tcp.getOutputStream();
            byte[] framed = new byte[l.queryLength() + 2];
            framed[0] = (byte) (l.queryLength() >>> 8);
            framed[1] = (byte) l.queryLength();
            System.arraycopy(l.query(), 0, framed, 2, l.queryLength());
            out.write(framed);
            out.flush();
            InputStream in = tcp.getInputStream();
            byte[] len = new byte[2];
            readFully(in, len, 2);
            int n = ((len[0] & 0xFF) << 8) | (len[1] & 0xFF);
            if (n > MAX_TCP) {
                return l.onTcpFailure("TCP answer of " + n + " bytes is over " + MAX_TCP, DeviceClock.monotonicMillis());
            }
            byte[] msg = new byte[n];
            readFully(in, msg, n);
            return l.onResponse(l.server(), msg, 0, n, DeviceClock.monotonicMillis());
        } catch (IOException e) {
            return l.onTcpFailure("TCP: " + e.getMessage(), DeviceClock.monotonicMillis());
        } finally {
            try {
                tcp.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    private static void readFully(InputStream in, byte[] b, int n) throws IOException {
        int got = 0;
        while (got < n) {
            int r = in.read(b, got, n - got);
            if (r < 0) {
                throw new IOException("DNS TCP connection closed after " + got + " of " + n + " bytes");
            }
            got += r;
        }
    }
}
