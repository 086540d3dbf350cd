package candado.net.sntp;

import candado.net.MalformedPacketException;
import candado.net.ServerRotation;
import java.util.Random;

/**
 * Sans-IO SNTP client over several servers. Feed it datagrams and timeouts with two clocks: the
 * platform wall clock (for the timestamps) and the monotonic clock (for deadlines).
 * Kiss-o'-death: DENY and RSTR drop the server for good, RATE drops it for this exchange (back off);
 * both are reported in {@link #notes()}.
 * Results: {@link #SEND} ({@link #request()} to {@link #server()}), {@link #WAIT}, {@link #DONE}, {@link #FAILED}.
 */
public final class SntpExchange {

    public static final int SEND = 1;
    public static final int WAIT = 2;
    public static final int DONE = 3;
    public static final int FAILED = 4;

    private final ServerRotation rotation;
    private final int timeoutMs;
    private final Random random;
    private final byte[] request = new byte[SntpCodec.LENGTH];
    private final StringBuilder notes = new StringBuilder();
    private long sentTransmit;
    private long deadline;
    private int state;
    private SntpResult result;
    private String lastProblem = "no reply";

    public SntpExchange(int servers, int rounds, int timeoutMs, Random random) {
        this.rotation = new ServerRotation(servers, rounds);
        this.timeoutMs = timeoutMs;
        this.random = random;
    }

    public int start(long wallMillis, long monoMillis) {
        return next(wallMillis, monoMillis);
    }

    public int onDatagram(int server, byte[] buf, int off, int len, long wallMillis, long monoMillis) {
        if (state != WAIT || server != rotation.current()) {
            return state;
        }
        SntpPacket p;
        try {
            p = SntpCodec.decode(buf, off, len);
        } catch (MalformedPacketException e) {
            note(e.getMessage());
            return WAIT;
        }
        if (p.originTime != sentTransmit) {
            return WAIT; // not a reply to our request: keep waiting for the real one
        }
        String kiss = SntpCodec.kissCode(p);
        if (kiss != null) {
            if ("DENY".equals(kiss) || "RSTR".equals(kiss)) {
                note("server " + server + " sent kiss-o'-death " + kiss + ": not asking it again");
                rotation.drop(server);
            } else if ("RATE".equals(kiss)) {
                note("server " + server + " sent kiss-o'-death RATE: backing off from it");
                rotation.drop(server);
            } else {
                note("server " + server + " sent kiss code " + kiss);
            }
            lastProblem = "kiss-o'-death " + kiss;
            return next(wallMillis, monoMillis);
        }
        String bad = SntpCodec.check(p, sentTransmit);
        if (bad != null) {
            note(bad);
            lastProblem = bad;
            return next(wallMillis, monoMillis);
        }
        long t4 = NtpTimestamp.fromUnixMillis(wallMillis);
        long d21 = NtpTimestamp.diffMicros(p.receiveTime, sentTransmit);
        long d34 = NtpTimestamp.diffMicros(p.transmitTime, t4);
        long offset = (d21 + d34) / 2;
        long delay = NtpTimestamp.diffMicros(t4, sentTransmit) - NtpTimestamp.diffMicros(p.transmitTime, p.receiveTime);
        result = new SntpResult(offset, delay < 0 ? 0 : delay, p.stratum, p.referenceIdText(), server, wallMillis);
        state = DONE;
        return DONE;
    }

    public int onTimeout(long wallMillis, long monoMillis) {
        if (state != WAIT || monoMillis < deadline) {
            return state;
        }
        lastProblem = "timeout";
        return next(wallMillis, monoMillis);
    }

    private int next(long wallMillis, long monoMillis) {
        int s = rotation.next();
        if (s < 0) {
            state = FAILED;
            return FAILED;
        }
        // Random low fraction bits: a reply must echo them, which a blind spoofer cannot guess.
        sentTransmit = (NtpTimestamp.fromUnixMillis(wallMillis) & ~0xFFFFFL) | (random.nextInt() & 0xFFFFF);
        SntpCodec.encodeRequest(request, sentTransmit);
        deadline = monoMillis + timeoutMs;
        state = WAIT;
        return SEND;
    }

    private void note(String s) {
        if (notes.length() < 512) {
            notes.append(notes.length() == 0 ? "" : "; ").append(s);
        }
    }

    public byte[] request() {
        return request;
    }

    public int server() {
        return rotation.current();
    }

    public long deadline() {
        return deadline;
    }

    public SntpResult result() {
        return result;
    }

    public String error() {
        return lastProblem + " from every server" + (notes.length() > 0 ? " (" + notes + ")" : "");
    }

    public String notes() {
        return notes.toString();
    }
}
