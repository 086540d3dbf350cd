package candado.app;

import candado.app.config.Config;
import java.io.IOException;

/** Brings the network up (address, DNS, clock) as the configuration says, before any broker is reached. */
public interface BringUp {

    /** Returns when the device has an address and a trustworthy clock; throws naming what failed. */
    void bringUp(Config config) throws IOException;
}
