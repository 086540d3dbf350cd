package candado.mqtt;

/**
 * The MQTT 5.0 property identifiers (section 2.2.2.2): for each, its name as the spec writes it,
 * its value type and the packets it may appear in. The table {@link Mqtt5Properties} decodes by.
 */
public final class Mqtt5PropertyIds {

    private Mqtt5PropertyIds() {
    }

    /** The will properties of a CONNECT: a context of their own (type 0 is never a packet). */
    public static final int WILL = 0;

    public static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    public static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    public static final int CONTENT_TYPE = 0x03;
    public static final int RESPONSE_TOPIC = 0x08;
    public static final int CORRELATION_DATA = 0x09;
    public static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    public static final int SESSION_EXPIRY_INTERVAL = 0x11;
    public static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    public static final int SERVER_KEEP_ALIVE = 0x13;
    public static final int AUTHENTICATION_METHOD = 0x15;
    public static final int AUTHENTICATION_DATA = 0x16;
    public static final int REQUEST_PROBLEM_INFORMATION = 0x17;
    public static final int WILL_DELAY_INTERVAL = 0x18;
    public static final int REQUEST_RESPONSE_INFORMATION = 0x19;
    public static final int RESPONSE_INFORMATION = 0x1A;
    public static final int SERVER_REFERENCE = 0x1C;
    public static final int REASON_STRING = 0x1F;
    public static final int RECEIVE_MAXIMUM = 0x21;
    public static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    public static final int TOPIC_ALIAS = 0x23;
    public static final int MAXIMUM_QOS = 0x24;
    public static final int RETAIN_AVAILABLE = 0x25;
    public static final int USER_PROPERTY = 0x26;
    public static final int MAXIMUM_PACKET_SIZE = 0x27;
    public static final int WILDCARD_SUBSCRIPTION_AVAILABLE = 0x28;
    public static final int SUBSCRIPTION_IDENTIFIER_AVAILABLE = 0x29;
    public static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

    static final int BYTE = 1;
    static final int TWO = 2;
    static final int FOUR = 3;
    static final int VBI = 4;
    static final int UTF8 = 5;
    static final int BINARY = 6;
    static final int PAIR = 7;

    // Where each property may appear: bit (1 << packet type), WILL = bit 0.
    static final int W = 1 << WILL;
    static final int CONNECT_ = 1 << MqttPacket.CONNECT;
    static final int CONNACK_ = 1 << MqttPacket.CONNACK;
    static final int PUBLISH_ = 1 << MqttPacket.PUBLISH;
    static final int ACKS = (1 << MqttPacket.PUBACK) | (1 << MqttPacket.PUBREC) | (1 << MqttPacket.PUBREL)
            | (1 << MqttPacket.PUBCOMP);
    static final int SUBSCRIBE_ = 1 << MqttPacket.SUBSCRIBE;
    static final int SUBACK_ = 1 << MqttPacket.SUBACK;
    static final int UNSUBSCRIBE_ = 1 << MqttPacket.UNSUBSCRIBE;
    static final int UNSUBACK_ = 1 << MqttPacket.UNSUBACK;
    static final int DISCONNECT_ = 1 << MqttPacket.DISCONNECT;
    static final int AUTH_ = 1 << MqttPacket.AUTH;
    static final int ALL = W | CONNECT_ | CONNACK_ | PUBLISH_ | ACKS | SUBSCRIBE_ | SUBACK_ | UNSUBSCRIBE_
            | UNSUBACK_ | DISCONNECT_ | AUTH_;

    /** Name of a property as the spec writes it, e.g. {@code Receive Maximum}. */
    public static String name(int id) {
        switch (id) {
            case PAYLOAD_FORMAT_INDICATOR: return "Payload Format Indicator";
            case MESSAGE_EXPIRY_INTERVAL: return "Message Expiry Interval";
            case CONTENT_TYPE: return "Content Type";
            case RESPONSE_TOPIC: return "Response Topic";
            case CORRELATION_DATA: return "Correlation Data";
            case SUBSCRIPTION_IDENTIFIER: return "Subscription Identifier";
            case SESSION_EXPIRY_INTERVAL: return "Session Expiry Interval";
            case ASSIGNED_CLIENT_IDENTIFIER: return "Assigned Client Identifier";
            case SERVER_KEEP_ALIVE: return "Server Keep Alive";
            case AUTHENTICATION_METHOD: return "Authentication Method";
            case AUTHENTICATION_DATA: return "Authentication Data";
            case REQUEST_PROBLEM_INFORMATION: return "Request Problem Information";
            case WILL_DELAY_INTERVAL: return "Will Delay Interval";
            case REQUEST_RESPONSE_INFORMATION: return "Request Response Information";
            case RESPONSE_INFORMATION: return "Response Information";
            case SERVER_REFERENCE: return "Server Reference";
            case REASON_STRING: return "Reason String";
            case RECEIVE_MAXIMUM: return "Receive Maximum";
            case TOPIC_ALIAS_MAXIMUM: return "Topic Alias Maximum";
            case TOPIC_ALIAS: return "Topic Alias";
            case MAXIMUM_QOS: return "Maximum QoS";
            case RETAIN_AVAILABLE: return "Retain Available";
            case USER_PROPERTY: return "User Property";
            case MAXIMUM_PACKET_SIZE: return "Maximum Packet Size";
            case WILDCARD_SUBSCRIPTION_AVAILABLE: return "Wildcard Subscription Available";
            case SUBSCRIPTION_IDENTIFIER_AVAILABLE: return "Subscription Identifier Available";
            case SHARED_SUBSCRIPTION_AVAILABLE: return "Shared Subscription Available";
            default: return null;
        }
    }

    static int type(int id) {
        switch (id) {
            case PAYLOAD_FORMAT_INDICATOR: case REQUEST_PROBLEM_INFORMATION: case REQUEST_RESPONSE_INFORMATION:
            case MAXIMUM_QOS: case RETAIN_AVAILABLE: case WILDCARD_SUBSCRIPTION_AVAILABLE:
            case SUBSCRIPTION_IDENTIFIER_AVAILABLE: case SHARED_SUBSCRIPTION_AVAILABLE:
                return BYTE;
            case SERVER_KEEP_ALIVE: case RECEIVE_MAXIMUM: case TOPIC_ALIAS_MAXIMUM: case TOPIC_ALIAS:
                return TWO;
            case MESSAGE_EXPIRY_INTERVAL: case SESSION_EXPIRY_INTERVAL: case WILL_DELAY_INTERVAL: case MAXIMUM_PACKET_SIZE:
                return FOUR;
            case SUBSCRIPTION_IDENTIFIER:
                return VBI;
            case CORRELATION_DATA: case AUTHENTICATION_DATA:
                return BINARY;
            case USER_PROPERTY:
                return PAIR;
            default:
                return UTF8;
        }
    }

    static int allowedIn(int id) {
        switch (id) {
            case PAYLOAD_FORMAT_INDICATOR: case MESSAGE_EXPIRY_INTERVAL: case CONTENT_TYPE: case RESPONSE_TOPIC:
            case CORRELATION_DATA:
                return PUBLISH_ | W;
            case SUBSCRIPTION_IDENTIFIER: return PUBLISH_ | SUBSCRIBE_;
            case SESSION_EXPIRY_INTERVAL: return CONNECT_ | CONNACK_ | DISCONNECT_;
            case ASSIGNED_CLIENT_IDENTIFIER: case SERVER_KEEP_ALIVE: case RESPONSE_INFORMATION: case MAXIMUM_QOS:
            case RETAIN_AVAILABLE: case WILDCARD_SUBSCRIPTION_AVAILABLE: case SUBSCRIPTION_IDENTIFIER_AVAILABLE:
            case SHARED_SUBSCRIPTION_AVAILABLE:
                return CONNACK_;
            case AUTHENTICATION_METHOD: case AUTHENTICATION_DATA: return CONNECT_ | CONNACK_ | AUTH_;
            case REQUEST_PROBLEM_INFORMATION: case REQUEST_RESPONSE_INFORMATION: return CONNECT_;
            case WILL_DELAY_INTERVAL: return W;
            case SERVER_REFERENCE: return CONNACK_ | DISCONNECT_;
            case REASON_STRING: return CONNACK_ | ACKS | SUBACK_ | UNSUBACK_ | DISCONNECT_ | AUTH_;
            case RECEIVE_MAXIMUM: case TOPIC_ALIAS_MAXIMUM: case MAXIMUM_PACKET_SIZE: return CONNECT_ | CONNACK_;
            case TOPIC_ALIAS: return PUBLISH_;
            case USER_PROPERTY: return ALL;
            default: return 0;
        }
    }

    static String where(int context) {
        return context == WILL ? "the will properties" : MqttPacket.name(context);
    }
}
