package candado.net.dns;

import candado.net.MalformedPacketException;
import candado.net.ServerRotation;
import java.util.Random;
import java.util.Vector;

/**
 * Sans-IO state machine for one name: feed it responses and timeouts with the time, it says what
 * to send where. Tries each server in turn ({@code rounds} times), skips to the next server on
 * timeout, SERVFAIL or REFUSED, stops on NXDOMAIN, follows CNAME chains (at most
 * {@link #MAX_CNAMES}, re-querying the target if the server did not include it) and asks for TCP when
 * a response comes back truncated.
 *
 * <p>Results of every call: {@link #SEND_UDP} / {@link #SEND_TCP} (send {@link #query()} to
 * {@link #server()}), {@link #WAIT} (until {@link #deadline()}), {@link #DONE} ({@link #answer()}),
 * {@link #FAILED} ({@link #error()}).
 */
public final class DnsLookup {

    public static final int SEND_UDP = 1;
    public static final int SEND_TCP = 2;
    public static final int WAIT = 3;
    public static final int DONE = 4;
    public static final int FAILED = 5;

    public static final int MAX_CNAMES = 8;

    private final String name;
    private final int type;
    private final ServerRotation rotation;
    private final int timeoutMs;
    private final Random random;
    private final byte[] query = new byte[DnsCodec.MAX_UDP];
    private final Vector<DnsRecord> chain = new Vector<DnsRecord>(); // CNAME records followed so far
    private String current;
    private int queryLength;
    private int id;
    private boolean tcp;
    private long deadline;
    private int state;
    private DnsAnswer answer;
    private String error;
    private String lastProblem = "no answer";
    private int minTtl = Integer.MAX_VALUE;

    public DnsLookup(String name, int type, int servers, int rounds, int timeoutMs, Random random) {
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        this.name = name;
        this.type = type;
        this.current = name;
        this.rotation = new ServerRotation(servers, rounds);
        this.timeoutMs = timeoutMs;
        this.random = random;
        DnsCodec.encodeQuery(query, 0, name, type); // validates the name before any I/O
    }

    public int start(long now) {
        return nextServer(now);
    }

    /** A datagram (or TCP response) from {@code server}; unrelated datagrams are ignored (WAIT). */
    public int onResponse(int server, byte[] buf, int off, int len, long now) {
        if (state != WAIT || server != rotation.current()) {
            return state;
        }
        DnsMessage m;
        try {
            m = DnsCodec.decode(buf, off, len);
        } catch (MalformedPacketException e) {
            if (tcp) {
                lastProblem = e.getMessage();
                return nextServer(now);
            }
            return WAIT; // a spoofed or broken datagram must not end the wait for the real one
        }
        if (!m.response || m.id != id || m.questionType != type || !m.question.equalsIgnoreCase(current)) {
            return WAIT; // not the answer to our question: keep waiting (spoofing guard)
        }
        if (m.truncated) {
            if (tcp) {
                lastProblem = "truncated response over TCP";
                return nextServer(now);
            }
            tcp = true;
            return send(now, SEND_TCP);
        }
        switch (m.rcode) {
            case DnsCodec.RCODE_OK:
                return onAnswers(m.answers, server, now);
            case DnsCodec.RCODE_NXDOMAIN:
                return fail("NXDOMAIN: " + current + " does not exist" + (current.equals(name) ? "" : " (CNAME target of " + name + ")"));
            case DnsCodec.RCODE_REFUSED:
                rotation.drop(server);
                lastProblem = "REFUSED";
                return nextServer(now);
            default:
                lastProblem = DnsCodec.rcodeName(m.rcode);
                return nextServer(now);
        }
    }

    /** The TCP retry failed (connect, read, or an oversized answer): move on to the next server. */
    public int onTcpFailure(String why, long now) {
        if (state != WAIT) {
            return state;
        }
        lastProblem = why;
        return nextServer(now);
    }

    public int onTimeout(long now) {
        if (state != WAIT || now < deadline) {
            return state;
        }
        lastProblem = "timeout";
        return nextServer(now);
    }

    private int onAnswers(DnsRecord[] records, int server, long now) {
        // Follow the CNAME chain inside this response, then collect addresses of its end.
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int i = 0; i < records.length; i++) {
                DnsRecord r = records[i];
                if (r.type == DnsCodec.TYPE_CNAME && r.name.equalsIgnoreCase(current) && r.target != null) {
                    if (chain.size() >= MAX_CNAMES) {
                        return fail("CNAME chain of " + name + " longer than " + MAX_CNAMES);
                    }
                    chain.addElement(r);
                    minTtl = Math.min(minTtl, r.ttl);
                    current = r.target;
                    moved = true;
                }
            }
        }
        int n = 0;
        for (int i = 0; i < records.length; i++) {
            if (records[i].type == type && records[i].name.equalsIgnoreCase(current)) {
                n++;
            }
        }
        if (n == 0) {
            if (chain.size() > 0 && !current.equalsIgnoreCase(lastQueried)) {
                // The server gave the alias but not its target: ask for the target itself.
                tcp = false;
                return send(now, SEND_UDP);
            }
            return fail("no " + DnsCodec.typeName(type) + " record for " + name
                    + (chain.size() > 0 ? " (CNAME " + current + ")" : ""));
        }
        byte[][] addresses = new byte[n][];
        DnsRecord[] all = new DnsRecord[chain.size() + n];
        for (int i = 0; i < chain.size(); i++) {
            all[i] = chain.elementAt(i);
        }
        int k = 0;
        for (int i = 0; i < records.length; i++) {
            if (records[i].type == type && records[i].name.equalsIgnoreCase(current)) {
                addresses[k] = records[i].address;
                all[chain.size() + k] = records[i];
                minTtl = Math.min(minTtl, records[i].ttl);
                k++;
            }
        }
        answer = new DnsAnswer(name, type, current, addresses, minTtl, all, server);
        state = DONE;
        return DONE;
    }

    private String lastQueried;

    private int nextServer(long now) {
        int s = rotation.next();
        if (s < 0) {
            return fail(lastProblem + " from every server (" + name + " " + DnsCodec.typeName(type) + ")");
        }
        tcp = false;
        return send(now, SEND_UDP);
    }

    private int send(long now, int how) {
        id = random.nextInt(0x10000);
        queryLength = DnsCodec.encodeQuery(query, id, current, type);
        lastQueried = current;
        deadline = now + timeoutMs;
        state = WAIT;
        return how;
    }

    private int fail(String why) {
        error = why;
        state = FAILED;
        return FAILED;
    }

    public byte[] query() {
        return query;
    }

    public int queryLength() {
        return queryLength;
    }

    public int server() {
        return rotation.current();
    }

    public long deadline() {
        return deadline;
    }

    public int state() {
        return state;
    }

    public DnsAnswer answer() {
        return answer;
    }

    public String error() {
        return error;
    }

    public String name() {
        return name;
    }
}
