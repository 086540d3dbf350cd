package candado.pc.cli;

import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import java.io.PrintStream;

/**
 * The words and exit codes mosquitto_pub/sub 2.0.11 use for a broker's refusals: a CONNACK
 * refusal ("Connection error: ...", exit status = the CONNACK code) and an MQTT 5 PUBACK/PUBREC
 * failure ("Warning: Publish N failed: ...", the run goes on and exits 0).
 */
final class MosquittoReasons {

    private MosquittoReasons() {
    }

    /** libmosquitto's mosquitto_reason_string (MQTT 5 reason codes). */
    static String reason(int code) {
        switch (code) {
            case 0x00: return "Success";
            case 0x01: return "Granted QoS 1";
            case 0x02: return "Granted QoS 2";
            case 0x04: return "Disconnect with Will Message";
            case 0x10: return "No matching subscribers";
            case 0x11: return "No subscription existed";
            case 0x18: return "Continue authentication";
            case 0x19: return "Re-authenticate";
            case 0x80: return "Unspecified error";
            case 0x81: return "Malformed Packet";
            case 0x82: return "Protocol Error";
            case 0x83: return "Implementation specific error";
            case 0x84: return "Unsupported Protocol Version";
            case 0x85: return "Client Identifier not valid";
            case 0x86: return "Bad User Name or Password";
            case 0x87: return "Not authorized";
            case 0x88: return "Server unavailable";
            case 0x89: return "Server busy";
            case 0x8A: return "Banned";
            case 0x8B: return "Server shutting down";
            case 0x8C: return "Bad authentication method";
            case 0x8D: return "Keep Alive timeout";
            case 0x8E: return "Session taken over";
            case 0x8F: return "Topic Filter invalid";
            case 0x90: return "Topic Name invalid";
            case 0x91: return "Packet Identifier in use";
            case 0x92: return "Packet Identifier not found";
            case 0x93: return "Receive Maximum exceeded";
            case 0x94: return "Topic Alias invalid";
            case 0x95: return "Packet too large";
            case 0x96: return "Message rate too high";
            case 0x97: return "Quota exceeded";
            case 0x98: return "Administrative action";
            case 0x99: return "Payload format invalid";
            case 0x9A: return "Retain not supported";
            case 0x9B: return "QoS not supported";
            case 0x9C: return "Use another server";
            case 0x9D: return "Server moved";
            case 0x9E: return "Shared Subscriptions not supported";
            case 0x9F: return "Connection rate exceeded";
            case 0xA0: return "Maximum connect time";
            case 0xA1: return "Subscription Identifiers not supported";
            case 0xA2: return "Wildcard Subscriptions not supported";
            default: return "Unknown reason";
        }
    }

    /** libmosquitto's mosquitto_connack_string (MQTT 3.1.1 CONNACK codes). */
    static String connack(int code) {
        switch (code) {
            case 1: return "Connection Refused: unacceptable protocol version.";
            case 2: return "Connection Refused: identifier rejected.";
            case 3: return "Connection Refused: broker unavailable.";
            case 4: return "Connection Refused: bad user name or password.";
            case 5: return "Connection Refused: not authorised.";
            default: return "Connection Refused: unknown reason.";
        }
    }

    /** True if {@code e}, thrown by connect(), is the broker's CONNACK refusal. */
    static boolean isConnackRefusal(MqttException e, int version) {
        int c = e.getReasonCode();
        return version == MqttConnectOptions.MQTT_5 ? c >= 0x80 && c <= 0xFF : c >= 1 && c <= 5;
    }

    /**
     * Prints mosquitto's lines for a CONNACK refusal and returns its exit status (the code).
     * mosquitto_pub adds the library's error for the failed loop; mosquitto_sub does not.
     */
    static int connackRefused(MqttException e, int version, boolean pub, PrintStream err) {
        int c = e.getReasonCode();
        boolean v5 = version == MqttConnectOptions.MQTT_5;
        err.println("Connection error: " + (v5 ? reason(c) : connack(c)));
        if (pub) {
            err.println(v5 ? "Error: A network protocol error occurred when communicating with the broker."
                    : "Error: The connection was refused.");
        }
        return c;
    }

    /** True if a publish token failed because the broker refused the message (MQTT 5 PUBACK/PUBREC). */
    static boolean isPublishRefusal(MqttException e) {
        return e.getReasonCode() >= 0x80 && e.getReasonCode() <= 0xFF;
    }

    /** mosquitto_pub's warning for a refused message; the run goes on. */
    static void publishRefused(int mid, MqttException e, PrintStream err) {
        err.println("Warning: Publish " + mid + " failed: " + reason(e.getReasonCode()) + ".");
    }
}
