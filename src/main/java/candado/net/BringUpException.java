package candado.net;

import java.io.IOException;

/** The bring-up stopped: {@link #step()} says where ("dhcp", "static", "dns-ntp", "sntp", "dns-broker"). */
public class BringUpException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String step;

    public BringUpException(String step, String message) {
        super(step + ": " + message);
        this.step = step;
    }

    public String step() {
        return step;
    }
}
