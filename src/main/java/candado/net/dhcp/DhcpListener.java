package candado.net.dhcp;

/** Lease changes seen by the background renewal loop (called on the "dhcp" thread). */
public interface DhcpListener {
    void renewed(DhcpLease lease);

    /** The address must no longer be used (NAK or expiry); a new lease is being sought. */
    void lost(String why);

    /** A new lease after a loss. */
    void leased(DhcpLease lease);
}
