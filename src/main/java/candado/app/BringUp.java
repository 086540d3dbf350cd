package candado.app;

import candado.app.config.Config;
import java.io.IOException;

/** Brings the network up (address, DNS, clock) as the configuration says, before any broker is reached. */
public interface BringUp {

    /** Returns when the device has an address and a trustworthy clock; throws naming what failed. */
    void bringUp(Config config) throws IOException;

    /**
     * Keeps what the bring-up set up (the periodic SNTP re-sync); called from normal mode's loop at
     * least once a second, so it must return quickly when nothing is due.
     */
    void maintain();

    /** Resolves broker names on each connection attempt (Candado's DNS client), or null for the platform's resolver. */
    candado.io.HostResolver resolver();
}
