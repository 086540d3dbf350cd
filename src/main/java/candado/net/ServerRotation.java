package candado.net;

/**
 * Which server to ask next: every server once per round, {@code rounds} rounds, skipping servers
 * that told us to stop (DNS REFUSED, NTP kiss-o'-death DENY). Shared by the DNS and SNTP clients.
 */
public final class ServerRotation {

    private final int servers;
    private final int rounds;
    private final boolean[] dropped;
    private int tries;
    private int current = -1;

    public ServerRotation(int servers, int rounds) {
        if (servers <= 0) {
            throw new IllegalArgumentException("no servers");
        }
        this.servers = servers;
        this.rounds = rounds < 1 ? 1 : rounds;
        this.dropped = new boolean[servers];
    }

    /** Index of the next server to ask, or -1 when every round has been used up. */
    public int next() {
        while (tries < servers * rounds) {
            int s = tries % servers;
            tries++;
            if (!dropped[s]) {
                current = s;
                return s;
            }
        }
        current = -1;
        return -1;
    }

    public int current() {
        return current;
    }

    /** Round of the current try, 0-based (for backoff). */
    public int round() {
        return tries == 0 ? 0 : (tries - 1) / servers;
    }

    /** Never ask this server again in this rotation. */
    public void drop(int server) {
        dropped[server] = true;
    }
}
