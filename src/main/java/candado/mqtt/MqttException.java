package candado.mqtt;

/**
 * Any MQTT failure the application sees: a refused CONNACK, a refused subscription, a lost
 * connection, a timeout, a full queue or a protocol error. {@link #getReasonCode()} tells which;
 * {@link #getMessage()} is a one-line explanation fit for a log or a CLI.
 */
public class MqttException extends Exception {

    private static final long serialVersionUID = 1L;

    /** CONNACK return codes 1..5 are used as they are. */
    public static final int REASON_CONNACK_PROTOCOL_VERSION = 1;
    public static final int REASON_CONNACK_IDENTIFIER_REJECTED = 2;
    public static final int REASON_CONNACK_SERVER_UNAVAILABLE = 3;
    public static final int REASON_CONNACK_BAD_USER_NAME_OR_PASSWORD = 4;
    public static final int REASON_CONNACK_NOT_AUTHORISED = 5;
    /** SUBACK failure code 0x80. */
    public static final int REASON_SUBSCRIBE_FAILED = 0x80;
    /** The rest follow Paho's numbering where Paho has the same notion. */
    public static final int REASON_TIMEOUT = 32000;
    public static final int REASON_SERVER_CONNECT_ERROR = 32103;
    public static final int REASON_NOT_CONNECTED = 32104;
    public static final int REASON_PROTOCOL_ERROR = 32108;
    public static final int REASON_CONNECTION_LOST = 32109;
    public static final int REASON_CLIENT_CLOSED = 32111;
    public static final int REASON_QUEUE_FULL = 32202;
    public static final int REASON_INVALID_ARGUMENT = 32210;

    private final int reasonCode;
    private int[] filterCodes;

    public MqttException(int reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    public MqttException(int reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    public int getReasonCode() {
        return reasonCode;
    }

    /** A refused SUBSCRIBE/UNSUBSCRIBE: the broker's code per filter, in request order (as the token's); else null. */
    public int[] getFilterCodes() {
        return filterCodes;
    }

    MqttException withFilterCodes(int[] codes) {
        this.filterCodes = codes;
        return this;
    }
}
