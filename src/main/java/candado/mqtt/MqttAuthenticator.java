package candado.mqtt;

/**
 * MQTT 5 enhanced authentication (section 4.12): the method named in CONNECT drives an exchange of
 * AUTH packets. Called on the client's I/O thread under its lock: answer from memory, quickly.
 * Any method may throw to abort the connection; the message should say what failed.
 */
public interface MqttAuthenticator {

    /** The Authentication Method, e.g. {@code SCRAM-SHA-256}. */
    String method();

    /** Authentication Data for CONNECT (or a re-authentication's first AUTH); null for none. */
    byte[] initialData() throws MqttException;

    /** The broker continues (AUTH 0x18) with {@code serverData}: returns the data of the client's answer. */
    byte[] challenge(byte[] serverData) throws MqttException;

    /** The broker accepted (CONNACK 0 or AUTH 0x00) with its final data (may be null): verify it or throw. */
    void success(byte[] serverData) throws MqttException;
}
