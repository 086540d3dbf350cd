package candado.net.dhcp;

import candado.log.Log;
import candado.net.Ipv4;
import candado.time.DeviceClock;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Random;

/**
 * The DatagramSocket loop around {@link DhcpMachine}: port 68 on all interfaces, broadcast allowed.
 * {@link #obtain()} blocks until a lease or failure; {@link #startRenewals} keeps the lease on a
 * daemon thread; {@link #release()} ends it with a DHCPRELEASE. Costs a 400-byte request buffer, a
 * 1 KB receive buffer and, while renewing, one thread.
 */
public final class DhcpClient implements Runnable {

    private final DhcpMachine machine;
    private final byte[] rx = new byte[DhcpCodec.MAX_REPLY];
    private DatagramSocket socket;
    private volatile boolean stopping;
    private Thread thread;
    private volatile DhcpListener listener;

    public DhcpClient(byte[] mac, String hostname, int attempts, int firstTimeoutMs, int maxTimeoutMs) {
        long seed = System.nanoTime();
        for (int i = 0; i < mac.length; i++) {
            seed = seed * 31 + mac[i];
        }
        this.machine = new DhcpMachine(mac, hostname, attempts, firstTimeoutMs, maxTimeoutMs, new Random(seed));
    }

    public DhcpMachine machine() {
        return machine;
    }

    /** DISCOVER → OFFER → REQUEST → ACK, with retries; throws {@link DhcpException} naming why not. */
    public synchronized DhcpLease obtain() throws IOException {
        if (socket == null) {
            socket = new DatagramSocket(null);
            socket.setReuseAddress(true);
            socket.setBroadcast(true);
            socket.bind(new InetSocketAddress(DhcpCodec.CLIENT_PORT));
        }
        int r = machine.start(DeviceClock.monotonicMillis());
        while (true) {
            if ((r & DhcpMachine.SEND) != 0) {
                send();
            }
            if ((r & DhcpMachine.LEASED) != 0) {
                return machine.lease();
            }
            if ((r & DhcpMachine.FAILED) != 0) {
                throw new DhcpException(machine.error());
            }
            r = step();
        }
    }

    /** Keeps the lease from now on (renew at T1, rebind at T2) on a daemon thread named "dhcp". */
    public synchronized void startRenewals(DhcpListener l) {
        if (thread != null) {
            return;
        }
        listener = l;
        thread = new Thread(this, "dhcp");
        thread.setDaemon(true);
        thread.start();
    }

    /** The listener without the renewal thread (tests of {@link #report}). */
    void setListener(DhcpListener l) {
        listener = l;
    }

    public void run() {
        while (!stopping) {
            try {
                int r = step();
                if (stopping) {
                    break;
                }
                if ((r & DhcpMachine.SEND) != 0) {
                    synchronized (machine) {
                        send();
                    }
                }
                report(r);
                if ((r & DhcpMachine.FAILED) != 0) {
                    Log.error("dhcp", machine.error() + "; starting over");
                    r = machine.start(DeviceClock.monotonicMillis());
                    if ((r & DhcpMachine.SEND) != 0) {
                        send();
                    }
                }
            } catch (IOException e) {
                if (!stopping) {
                    Log.warn("dhcp", "socket error: " + e.getMessage());
                    sleep(1000);
                }
            }
        }
    }

    /**
     * Tells the listener what the machine's result bits {@code r} say. A listener that throws is
     * logged and the renewals go on: an application bug must not end the lease keeping silently.
     */
    void report(int r) {
        DhcpListener l = listener;
        if (l == null) {
            return;
        }
        try {
            if ((r & DhcpMachine.RENEWED) != 0) {
                Log.info("dhcp", "lease renewed: " + machine.lease() + " for " + machine.lease().leaseSeconds + " s");
                l.renewed(machine.lease());
            }
            if ((r & DhcpMachine.LOST) != 0) {
                Log.warn("dhcp", "lease lost: " + machine.error() + "; back to DISCOVER");
                l.lost(machine.error());
            }
            if ((r & DhcpMachine.LEASED) != 0) {
                Log.info("dhcp", "new lease " + machine.lease());
                l.leased(machine.lease());
            }
        } catch (RuntimeException e) {
            Log.error("dhcp", "lease listener failed (" + e + "); renewals go on");
        }
    }

    /** Waits for a datagram or the machine's deadline; returns the machine's result bits. */
    private int step() throws IOException {
        long left;
        synchronized (machine) {
            long now = DeviceClock.monotonicMillis();
            left = machine.deadline() - now;
            if (left <= 0) {
                return machine.onTimer(now);
            }
        }
        // Bounded so that a stop request is noticed even during hours-long waits for T1.
        socket.setSoTimeout((int) Math.min(left, 60000L));
        DatagramPacket p = new DatagramPacket(rx, rx.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return 0;
        }
        synchronized (machine) {
            int r = machine.onDatagram(p.getData(), p.getOffset(), p.getLength(), DeviceClock.monotonicMillis());
            Log.verbose("dhcp", machine.lastEvent() + " from " + p.getAddress().getHostAddress() + " (" + machine.stateName() + ")");
            return r;
        }
    }

    private void send() throws IOException {
        int dest = machine.destination();
        Log.debug("dhcp", machine.lastEvent() + " xid 0x" + Integer.toHexString(machine.xid()) + " to " + Ipv4.format(dest));
        InetAddress to = InetAddress.getByAddress(Ipv4.toBytes(dest));
        socket.send(new DatagramPacket(machine.packet(), machine.packetLength(), to, DhcpCodec.SERVER_PORT));
    }

    /** Stops renewals and releases the lease (orderly shutdown). */
    public void release() {
        stopping = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        DatagramSocket s = socket;
        if (s == null) {
            return;
        }
        try {
            synchronized (machine) {
                if ((machine.release(DeviceClock.monotonicMillis()) & DhcpMachine.SEND) != 0) {
                    send();
                    Log.info("dhcp", "lease released");
                }
            }
        } catch (IOException e) {
            Log.warn("dhcp", "RELEASE not sent: " + e.getMessage());
        }
        s.close();
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For callers that only want to free the port without a RELEASE (e.g. after a failure). */
    public void close() {
        stopping = true;
        if (socket != null) {
            socket.close();
        }
    }

}
