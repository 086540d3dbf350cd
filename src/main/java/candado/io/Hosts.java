package candado.io;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * How transports turn a broker's host name into an address. By default the platform resolver
 * ({@code InetAddress}: lwIP's on a board, the OS's on a PC). After Candado's own network bring-up
 * has DNS servers (from DHCP or the configuration), the application installs its DNS client here, so
 * every connection and reconnection asks the same servers the bring-up asked (the platform resolver
 * knows nothing about a lease obtained by our DHCP client).
 */
public final class Hosts {

    /** A name-to-address lookup; IOException (e.g. NXDOMAIN) naming the name. */
    public interface Resolver {
        InetAddress resolve(String host) throws IOException;
    }

    private static volatile Resolver resolver;

    private Hosts() {
    }

    /** Installs the resolver transports use (null = the platform's). */
    public static void use(Resolver r) {
        resolver = r;
    }

    /** The address to connect to for {@code host:port}, resolved now. */
    public static InetSocketAddress address(String host, int port) throws IOException {
        Resolver r = resolver;
        if (r == null) {
            return new InetSocketAddress(host, port);
        }
        return new InetSocketAddress(r.resolve(host), port);
    }
}
