package candado.pc.cli.format;

import java.util.Collections;
import java.util.List;

/**
 * The MQTT 5 properties of a received message that -F can print (%A %C %D %E %F %P %R %S and the
 * "properties" member of %j/%J). MQTT 3.1.1 messages have none: {@link #NONE} prints what
 * mosquitto_sub prints then. The MQTT 5 client supplies its own implementation; null means absent.
 */
public interface MessageProperties {

    MessageProperties NONE = new MessageProperties() {
    };

    default Integer topicAlias() {
        return null;
    }

    default byte[] contentType() {
        return null;
    }

    default byte[] correlationData() {
        return null;
    }

    default Long messageExpiryInterval() {
        return null;
    }

    default Integer payloadFormatIndicator() {
        return null;
    }

    /** User properties in order, each {key, value} (UTF-8 bytes). */
    default List<byte[][]> userProperties() {
        return Collections.emptyList();
    }

    default byte[] responseTopic() {
        return null;
    }

    default Integer subscriptionIdentifier() {
        return null;
    }

    /**
     * The "properties" object for %j/%J, or null to leave it out (mosquitto_sub adds it only when
     * the message carried properties, so never for MQTT 3.1.1).
     */
    default CJson.Node json() {
        return null;
    }
}
