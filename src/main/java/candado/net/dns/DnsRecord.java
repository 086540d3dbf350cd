package candado.net.dns;

/** One resource record of an answer section: A/AAAA carry the address bytes, CNAME the target name. */
public final class DnsRecord {
    public final String name;
    public final int type;
    public final int ttl;
    /** Address bytes for A (4) and AAAA (16); null otherwise. */
    public final byte[] address;
    /** Target for CNAME; null otherwise. */
    public final String target;

    public DnsRecord(String name, int type, int ttl, byte[] address, String target) {
        this.name = name;
        this.type = type;
        this.ttl = ttl;
        this.address = address;
        this.target = target;
    }

    /** dig-like line: {@code www.example.  300  IN  A  10.0.0.5}. */
    public String toString() {
        StringBuilder sb = new StringBuilder(64);
        sb.append(name).append(".\t").append(ttl).append("\tIN\t").append(DnsCodec.typeName(type)).append('\t');
        if (address != null) {
            sb.append(DnsCodec.formatAddress(address));
        } else if (target != null) {
            sb.append(target).append('.');
        }
        return sb.toString();
    }
}
