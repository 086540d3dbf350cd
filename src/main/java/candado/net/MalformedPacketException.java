package candado.net;

import java.io.IOException;

/** A datagram that a codec refused; the message names the field that is wrong. */
public class MalformedPacketException extends IOException {
    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message);
    }
}
