package candado.net;

import java.io.IOException;

/**
 * Applies an address to the network interface in client/static mode. The PC port runs `ip`; a board
 * needs a platform call into lwIP (netif_set_addr) which the VEE Port must provide.
 */
public interface InterfaceConfigurator {

    /** Before DHCP: let limited broadcasts leave through this interface (see docs/net.md). */
    void prepare() throws IOException;

    void apply(int address, int netmask, int gateway) throws IOException;

    /** Stop using an address (lease lost or released). */
    void remove(int address, int netmask) throws IOException;

    /** Does nothing: the platform has already configured the interface (or tests that only talk). */
    InterfaceConfigurator NONE = new InterfaceConfigurator() {
        public void prepare() {
        }

        public void apply(int address, int netmask, int gateway) {
        }

        public void remove(int address, int netmask) {
        }
    };
}
