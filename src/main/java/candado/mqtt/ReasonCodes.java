package candado.mqtt;

/**
 * MQTT 5.0 reason codes (section 2.4) as text a person can act on: {@code not authorized (0x87)}.
 * One table for every packet: the few codes whose meaning depends on the packet (0x00, 0x01, 0x02)
 * take the packet type.
 */
public final class ReasonCodes {

    private ReasonCodes() {
    }

    /** Codes at or above 0x80 are failures. */
    public static boolean isFailure(int code) {
        return code >= 0x80;
    }

    /** Name and hex code, e.g. {@code quota exceeded (0x97)}. */
    public static String describe(int code, int packetType) {
        String hex = Integer.toHexString(code).toUpperCase();
        return name(code, packetType) + " (0x" + (hex.length() < 2 ? "0" : "") + hex + ")";
    }

    static String name(int code, int packetType) {
        switch (code) {
            case 0x00:
                if (packetType == MqttPacket.SUBACK) {
                    return "granted QoS 0";
                }
                return packetType == MqttPacket.DISCONNECT ? "normal disconnection" : "success";
            case 0x01:
                return "granted QoS 1";
            case 0x02:
                return "granted QoS 2";
            case 0x04:
                return "disconnect with will message";
            case 0x10:
                return "no matching subscribers";
            case 0x11:
                return "no subscription existed";
            case 0x18:
                return "continue authentication";
            case 0x19:
                return "re-authenticate";
            case 0x80:
                return "unspecified error";
            case 0x81:
                return "malformed packet";
            case 0x82:
                return "protocol error";
            case 0x83:
                return "implementation specific error";
            case 0x84:
                return "unsupported protocol version";
            case 0x85:
                return "client identifier not valid";
            case 0x86:
                return "bad user name or password";
            case 0x87:
                return "not authorized";
            case 0x88:
                return "server unavailable";
            case 0x89:
                return "server busy";
            case 0x8A:
                return "banned";
            case 0x8B:
                return "server shutting down";
            case 0x8C:
                return "bad authentication method";
            case 0x8D:
                return "keep alive timeout";
            case 0x8E:
                return "session taken over";
            case 0x8F:
                return "topic filter invalid";
            case 0x90:
                return "topic name invalid";
            case 0x91:
                return "packet identifier in use";
            case 0x92:
                return "packet identifier not found";
            case 0x93:
                return "receive maximum exceeded";
            case 0x94:
                return "topic alias invalid";
            case 0x95:
                return "packet too large";
            case 0x96:
                return "message rate too high";
            case 0x97:
                return "quota exceeded";
            case 0x98:
                return "administrative action";
            case 0x99:
                return "payload format invalid";
            case 0x9A:
                return "retain not supported";
            case 0x9B:
                return "QoS not supported";
            case 0x9C:
                return "use another server";
            case 0x9D:
                return "server moved";
            case 0x9E:
                return "shared subscriptions not supported";
            case 0x9F:
                return "connection rate exceeded";
            case 0xA0:
                return "maximum connect time";
            case 0xA1:
                return "subscription identifiers not supported";
            case 0xA2:
                return "wildcard subscriptions not supported";
            default:
                return "unknown reason code";
        }
    }
}
