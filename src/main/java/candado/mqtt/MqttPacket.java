package candado.mqtt;

/**
 * One decoded MQTT control packet. A plain holder: only the fields of its {@link #type} are set.
 * Kept as a single class (not fourteen) to keep the firmware's class count and code size small.
 */
public final class MqttPacket {

    public static final int CONNECT = 1;
    public static final int CONNACK = 2;
    public static final int PUBLISH = 3;
    public static final int PUBACK = 4;
    public static final int PUBREC = 5;
    public static final int PUBREL = 6;
    public static final int PUBCOMP = 7;
    public static final int SUBSCRIBE = 8;
    public static final int SUBACK = 9;
    public static final int UNSUBSCRIBE = 10;
    public static final int UNSUBACK = 11;
    public static final int PINGREQ = 12;
    public static final int PINGRESP = 13;
    public static final int DISCONNECT = 14;
    /** MQTT 5 only (type 15 is reserved in 3.1.1, and its decoder refuses it). */
    public static final int AUTH = 15;

    private static final String[] NAMES = {"RESERVED(0)", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC",
        "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP",
        "DISCONNECT", "AUTH"};

    public int type;
    /** Low nibble of the first byte. */
    public int flags;
    public int packetId;

    // PUBLISH (and the will in CONNECT)
    public String topic;
    public byte[] payload;
    public int qos;
    public boolean retain;
    public boolean dup;

    // CONNACK
    public boolean sessionPresent;
    /** CONNACK return code; in MQTT 5 the reason code of CONNACK, the acks, DISCONNECT and AUTH. */
    public int returnCode;
    /** MQTT 5 only: the packet's properties (never null in a packet decoded by Mqtt5Codec). */
    public Mqtt5Properties properties;
    /** MQTT 5 CONNECT with a will: the will properties. */
    public Mqtt5Properties willProperties;

    // SUBSCRIBE / UNSUBSCRIBE (filters, requested QoS or MQTT 5 options byte) and SUBACK/UNSUBACK (codes)
    public String[] filters;
    public int[] codes;

    // CONNECT
    public String clientId;
    public boolean cleanSession;
    public int keepAliveSeconds;
    public String userName;
    public byte[] password;
    public boolean hasWill;

    public static String name(int type) {
        return NAMES[type & 15];
    }

    /** The packet in mosquitto_pub -d style, e.g. {@code PUBLISH (d0, q1, r0, m1, 'a/b', ... (5 bytes))}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name(type));
        switch (type) {
            case CONNACK:
                sb.append(" (").append(returnCode).append(sessionPresent ? ", session present)" : ")");
                break;
            case PUBLISH:
                describePublish(sb, dup, qos, retain, packetId, topic, payload.length);
                break;
            case PUBACK:
            case PUBREC:
            case PUBREL:
            case PUBCOMP:
            case UNSUBACK:
                sb.append(" (Mid: ").append(packetId).append(')');
                break;
            case SUBACK:
                sb.append(" (Mid: ").append(packetId).append(", codes:");
                for (int i = 0; i < codes.length; i++) {
                    sb.append(i == 0 ? " " : ", ").append(codes[i] == 0x80 ? "0x80" : Integer.toString(codes[i]));
                }
                sb.append(')');
                break;
            case SUBSCRIBE:
            case UNSUBSCRIBE:
                sb.append(" (Mid: ").append(packetId);
                for (int i = 0; i < filters.length; i++) {
                    sb.append(", Topic: ").append(filters[i]);
                    if (type == SUBSCRIBE) {
                        sb.append(", QoS: ").append(codes[i]);
                    }
                }
                sb.append(')');
                break;
            default:
                break;
        }
        return sb.toString();
    }

    static void describePublish(StringBuilder sb, boolean dup, int qos, boolean retain, int id, String topic, int len) {
        sb.append(" (d").append(dup ? 1 : 0).append(", q").append(qos).append(", r").append(retain ? 1 : 0)
                .append(", m").append(id).append(", '").append(topic).append("', ... (").append(len).append(" bytes))");
    }
}
