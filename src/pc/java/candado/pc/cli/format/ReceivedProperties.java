package candado.pc.cli.format;

import candado.mqtt.Mqtt5Properties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * -F's view of the MQTT 5 properties a message arrived with. The client's decoder keeps values,
 * not their order in the packet, so %j's "properties" follows the order Mosquitto 2.0.11 forwards
 * a message published by Candado in: subscription identifier first (the broker adds it), the
 * publisher's properties as Candado encodes them, message expiry last (the broker re-adds it).
 */
public final class ReceivedProperties implements MessageProperties {

    private final Mqtt5Properties p;

    private ReceivedProperties(Mqtt5Properties p) {
        this.p = p;
    }

    /** The view of {@code p}; {@link MessageProperties#NONE} for a message without properties. */
    public static MessageProperties of(Mqtt5Properties p) {
        return p == null ? NONE : new ReceivedProperties(p);
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Integer topicAlias() {
        return p.topicAlias >= 0 ? p.topicAlias : null;
    }

    @Override
    public byte[] contentType() {
        return utf8(p.contentType);
    }

    @Override
    public byte[] correlationData() {
        return p.correlationData;
    }

    @Override
    public Long messageExpiryInterval() {
        return p.messageExpiry >= 0 ? p.messageExpiry : null;
    }

    @Override
    public Integer payloadFormatIndicator() {
        return p.payloadFormat >= 0 ? p.payloadFormat : null;
    }

    @Override
    public List<byte[][]> userProperties() {
        List<byte[][]> l = new ArrayList<>();
        if (p.userProperties != null) {
            for (int i = 0; i + 1 < p.userProperties.length; i += 2) {
                l.add(new byte[][] {utf8(p.userProperties[i]), utf8(p.userProperties[i + 1])});
            }
        }
        return l;
    }

    @Override
    public byte[] responseTopic() {
        return utf8(p.responseTopic);
    }

    /** The first identifier, as mosquitto_sub's %S reads it. */
    @Override
    public Integer subscriptionIdentifier() {
        return p.subscriptionIds != null && p.subscriptionIds.length > 0 ? p.subscriptionIds[0] : null;
    }

    @Override
    public CJson.Node json() {
        CJson.Node o = CJson.Node.object();
        if (subscriptionIdentifier() != null) {
            o.put("subscription-identifier", CJson.Node.number(subscriptionIdentifier()));
        }
        if (p.payloadFormat >= 0) {
            o.put("payload-format-indicator", CJson.Node.number(p.payloadFormat));
        }
        if (p.contentType != null) {
            o.put("content-type", CJson.Node.string(contentType()));
        }
        if (p.responseTopic != null) {
            o.put("response-topic", CJson.Node.string(responseTopic()));
        }
        if (p.correlationData != null) {
            o.put("correlation-data", CJson.Node.string(p.correlationData));
        }
        List<byte[][]> user = userProperties();
        if (!user.isEmpty()) {
            CJson.Node u = CJson.Node.object();
            for (byte[][] kv : user) {
                u.put(new String(kv[0], StandardCharsets.UTF_8), CJson.Node.string(kv[1]));
            }
            o.put("user-properties", u);
        }
        if (p.messageExpiry >= 0) {
            o.put("message-expiry-interval", CJson.Node.number(p.messageExpiry));
        }
        // the client decodes an empty property list too; mosquitto_sub then leaves the member out
        return o.isEmpty() ? null : o;
    }
}
