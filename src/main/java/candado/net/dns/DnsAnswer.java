package candado.net.dns;

/** The outcome of a lookup: the addresses of the final name after following CNAMEs. */
public final class DnsAnswer {
    public final String name;
    public final int type;
    /** The name the addresses belong to (differs from {@link #name} after CNAMEs). */
    public final String canonicalName;
    public final byte[][] addresses;
    /** Smallest TTL over the chain and the addresses, in seconds. */
    public final int ttl;
    /** Every record that led to the addresses, in order: CNAMEs then addresses (dig's ANSWER SECTION). */
    public final DnsRecord[] records;
    /** Index of the server that answered, or -1 if from the cache. */
    public final int server;

    public DnsAnswer(String name, int type, String canonicalName, byte[][] addresses, int ttl, DnsRecord[] records, int server) {
        this.name = name;
        this.type = type;
        this.canonicalName = canonicalName;
        this.addresses = addresses;
        this.ttl = ttl;
        this.records = records;
        this.server = server;
    }

    public byte[] first() {
        return addresses[0];
    }
}
