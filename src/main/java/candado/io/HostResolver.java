package candado.io;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Turns a broker name into an address, asked again on every connection attempt (so a broker whose
 * address changed is found after the next reconnect). {@link #PLATFORM} is the platform's resolver
 * (lwIP on a board, the OS on the PC); the application passes Candado's own DNS client when the
 * network bring-up has one (net.mode=client: the DNS servers came with our DHCP lease).
 */
public interface HostResolver {

    InetAddress resolve(String host) throws IOException;

    HostResolver PLATFORM = new HostResolver() {
        public InetAddress resolve(String host) throws IOException {
            return InetAddress.getByName(host);
        }
    };
}
