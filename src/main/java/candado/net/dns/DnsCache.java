package candado.net.dns;

/**
 * A small fixed-size cache of answers honouring their TTLs (monotonic clock). When full, the entry
 * that expires first is replaced: no allocation beyond the answers themselves.
 */
public final class DnsCache {

    private final DnsAnswer[] answers;
    private final long[] expires;

    public DnsCache(int capacity) {
        answers = new DnsAnswer[capacity];
        expires = new long[capacity];
    }

    public synchronized DnsAnswer get(String name, int type, long nowMillis) {
        for (int i = 0; i < answers.length; i++) {
            DnsAnswer a = answers[i];
            if (a != null && a.type == type && a.name.equalsIgnoreCase(name)) {
                if (nowMillis < expires[i]) {
                    return a;
                }
                answers[i] = null;
            }
        }
        return null;
    }

    public synchronized void put(DnsAnswer a, long nowMillis) {
        if (answers.length == 0 || a.ttl <= 0) {
            return; // TTL 0 means "do not cache"
        }
        int slot = 0;
        for (int i = 0; i < answers.length; i++) {
            if (answers[i] == null || (answers[i].type == a.type && answers[i].name.equalsIgnoreCase(a.name))) {
                slot = i;
                break;
            }
            if (expires[i] < expires[slot]) {
                slot = i;
            }
        }
        answers[slot] = a;
        expires[slot] = nowMillis + a.ttl * 1000L;
    }

    public synchronized void clear() {
        for (int i = 0; i < answers.length; i++) {
            answers[i] = null;
        }
    }
}
