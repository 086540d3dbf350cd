package candado.net.dns;

import java.io.IOException;

/** A lookup that failed for good: NXDOMAIN, no record, or every server timed out / refused. */
public class DnsException extends IOException {
    private static final long serialVersionUID = 1L;

    public DnsException(String message) {
        super(message);
    }
}
