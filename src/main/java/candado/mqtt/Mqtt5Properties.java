package candado.mqtt;

import static candado.mqtt.Mqtt5PropertyIds.*;

/**
 * The properties of one MQTT 5.0 packet (section 2.2.2) and their codec. Each identifier has one
 * type and a set of packets it may appear in; the decoder refuses an identifier unknown or out of
 * place, a value out of range, a duplicate where the spec allows one only (everything but User
 * Property, and Subscription Identifier in a PUBLISH from the server) and a section whose length
 * does not match its content, each with a message naming the property and the packet. Absent
 * numbers are -1. One plain holder, not a map: no boxing, a handful of fields per packet.
 */
public final class Mqtt5Properties {

    /** The will properties of a CONNECT: a context of their own (type 0 is never a packet). */
    public static final int WILL = Mqtt5PropertyIds.WILL;

    public int payloadFormat = -1;
    public long messageExpiry = -1;
    public String contentType;
    public String responseTopic;
    public byte[] correlationData;
    /** Subscription identifiers (several in a PUBLISH from the server, one in SUBSCRIBE); null if none. */
    public int[] subscriptionIds;
    public long sessionExpiry = -1;
    public String assignedClientId;
    public int serverKeepAlive = -1;
    public String authMethod;
    public byte[] authData;
    public int requestProblemInfo = -1;
    public long willDelay = -1;
    public int requestResponseInfo = -1;
    public String responseInfo;
    public String serverReference;
    public String reasonString;
    public int receiveMaximum = -1;
    public int topicAliasMaximum = -1;
    public int topicAlias = -1;
    public int maximumQos = -1;
    public int retainAvailable = -1;
    /** User properties as name, value, name, value ...; null if none. Order and repeats kept (section 3.3.2.3.7). */
    public String[] userProperties;
    public long maximumPacketSize = -1;
    public int wildcardAvailable = -1;
    public int subscriptionIdAvailable = -1;
    public int sharedAvailable = -1;

    /** Decodes a whole property section in {@code b[off, off + len)} (length prefix first), nothing after it. */
    public static Mqtt5Properties decode(byte[] b, int off, int len, int context) throws MqttProtocolException {
        if (context < 0 || context > 15) {
            throw new IllegalArgumentException("packet type " + context);
        }
        PacketReader r = new PacketReader(b, off, off + len, context);
        Mqtt5Properties p = decode(r, context);
        if (r.more()) {
            throw new MqttProtocolException(r.left() + " byte(s) after the property section of " + where(context));
        }
        return p;
    }

    /**
     * Reads a property section (its Variable Byte Integer length, then the properties) for a packet
     * of type {@code context} ({@link #WILL} for the will properties).
     */
    static Mqtt5Properties decode(PacketReader r, int context) throws MqttProtocolException {
        int len = r.vbi("property length");
        if (len > r.left()) {
            throw new MqttProtocolException("property length " + len + " in " + where(context) + " exceeds the "
                    + r.left() + " byte(s) left");
        }
        int end = r.pos() + len;
        Mqtt5Properties p = new Mqtt5Properties();
        long seen = 0; // bit per identifier (all below 64)
        while (r.pos() < end) {
            int id = r.vbi("property identifier");
            String name = name(id);
            if (name == null) {
                throw new MqttProtocolException("unknown property identifier 0x" + Integer.toHexString(id) + " in "
                        + where(context));
            }
            if ((allowedIn(id) & (1 << context)) == 0) {
                throw new MqttProtocolException(name + " (0x" + Integer.toHexString(id) + ") is not allowed in "
                        + where(context));
            }
            boolean repeatable = id == USER_PROPERTY || (id == SUBSCRIPTION_IDENTIFIER && context == MqttPacket.PUBLISH);
            if (!repeatable && (seen & (1L << id)) != 0) {
                throw new MqttProtocolException(name + " appears more than once in " + where(context));
            }
            seen |= 1L << id;
            p.read(r, id, name, context);
            if (r.pos() > end) {
                throw new MqttProtocolException(name + " runs past the end of the property section of " + where(context));
            }
        }
        return p;
    }

    private void read(PacketReader r, int id, String name, int context) throws MqttProtocolException {
        switch (type(id)) {
            case BYTE: {
                int v = r.u8();
                if (v > 1) {
                    throw new MqttProtocolException(name + " is " + v + " in " + where(context) + " (must be 0 or 1)");
                }
                setByte(id, v);
                break;
            }
            case TWO: {
                int v = r.u16();
                if (v == 0 && (id == RECEIVE_MAXIMUM || id == TOPIC_ALIAS)) {
                    throw new MqttProtocolException(name + " is 0 in " + where(context) + " (must be at least 1)");
                }
                if (id == SERVER_KEEP_ALIVE) {
                    serverKeepAlive = v;
                } else if (id == RECEIVE_MAXIMUM) {
                    receiveMaximum = v;
                } else if (id == TOPIC_ALIAS_MAXIMUM) {
                    topicAliasMaximum = v;
                } else {
                    topicAlias = v;
                }
                break;
            }
            case FOUR: {
                long v = r.u32() & 0xFFFFFFFFL;
                if (id == MAXIMUM_PACKET_SIZE && v == 0) {
                    throw new MqttProtocolException(name + " is 0 in " + where(context) + " (must be at least 1)");
                }
                if (id == MESSAGE_EXPIRY_INTERVAL) {
                    messageExpiry = v;
                } else if (id == SESSION_EXPIRY_INTERVAL) {
                    sessionExpiry = v;
                } else if (id == WILL_DELAY_INTERVAL) {
                    willDelay = v;
                } else {
                    maximumPacketSize = v;
                }
                break;
            }
            case VBI: {
                int v = r.vbi(name);
                if (v == 0) {
                    throw new MqttProtocolException(name + " is 0 in " + where(context) + " (must be 1 to 268435455)");
                }
                subscriptionIds = append(subscriptionIds, v);
                break;
            }
            case BINARY: {
                byte[] v = r.binary(name);
                if (id == CORRELATION_DATA) {
                    correlationData = v;
                } else {
                    authData = v;
                }
                break;
            }
            case PAIR: {
                String k = r.string("User Property name");
                String v = r.string("User Property value");
                userProperties = append(userProperties, k, v);
                break;
            }
            default:
                setString(id, r.string(name));
                break;
        }
    }

    private void setByte(int id, int v) {
        switch (id) {
            case PAYLOAD_FORMAT_INDICATOR: payloadFormat = v; break;
            case REQUEST_PROBLEM_INFORMATION: requestProblemInfo = v; break;
            case REQUEST_RESPONSE_INFORMATION: requestResponseInfo = v; break;
            case MAXIMUM_QOS: maximumQos = v; break;
            case RETAIN_AVAILABLE: retainAvailable = v; break;
            case WILDCARD_SUBSCRIPTION_AVAILABLE: wildcardAvailable = v; break;
            case SUBSCRIPTION_IDENTIFIER_AVAILABLE: subscriptionIdAvailable = v; break;
            default: sharedAvailable = v; break;
        }
    }

    private void setString(int id, String v) {
        switch (id) {
            case CONTENT_TYPE: contentType = v; break;
            case RESPONSE_TOPIC: responseTopic = v; break;
            case ASSIGNED_CLIENT_IDENTIFIER: assignedClientId = v; break;
            case AUTHENTICATION_METHOD: authMethod = v; break;
            case RESPONSE_INFORMATION: responseInfo = v; break;
            case SERVER_REFERENCE: serverReference = v; break;
            default: reasonString = v; break;
        }
    }

    private static int[] append(int[] a, int v) {
        int n = a == null ? 0 : a.length;
        int[] b = new int[n + 1];
        if (a != null) {
            System.arraycopy(a, 0, b, 0, n);
        }
        b[n] = v;
        return b;
    }

    private static String[] append(String[] a, String k, String v) {
        int n = a == null ? 0 : a.length;
        String[] b = new String[n + 2];
        if (a != null) {
            System.arraycopy(a, 0, b, 0, n);
        }
        b[n] = k;
        b[n + 1] = v;
        return b;
    }

    // ------------------------------------------------------------------ encoding

    /** Bytes of the property section without its length prefix. */
    int contentLength() throws MqttException {
        int n = 0;
        n += payloadFormat >= 0 ? 2 : 0;
        n += messageExpiry >= 0 ? 5 : 0;
        n += str(contentType) + str(responseTopic) + bin(correlationData);
        if (subscriptionIds != null) {
            for (int i = 0; i < subscriptionIds.length; i++) {
                n += 1 + MqttCodec.lengthFieldSize(subscriptionIds[i]);
            }
        }
        n += sessionExpiry >= 0 ? 5 : 0;
        n += str(assignedClientId);
        n += serverKeepAlive >= 0 ? 3 : 0;
        n += str(authMethod) + bin(authData);
        n += requestProblemInfo >= 0 ? 2 : 0;
        n += willDelay >= 0 ? 5 : 0;
        n += requestResponseInfo >= 0 ? 2 : 0;
        n += str(responseInfo) + str(serverReference) + str(reasonString);
        n += receiveMaximum >= 0 ? 3 : 0;
        n += topicAliasMaximum >= 0 ? 3 : 0;
        n += topicAlias >= 0 ? 3 : 0;
        n += maximumQos >= 0 ? 2 : 0;
        n += retainAvailable >= 0 ? 2 : 0;
        if (userProperties != null) {
            for (int i = 0; i < userProperties.length; i++) {
                n += (i % 2 == 0 ? 1 : 0) + 2 + Utf8.encodedLength(userProperties[i], "user property");
            }
        }
        n += maximumPacketSize >= 0 ? 5 : 0;
        n += wildcardAvailable >= 0 ? 2 : 0;
        n += subscriptionIdAvailable >= 0 ? 2 : 0;
        n += sharedAvailable >= 0 ? 2 : 0;
        return n;
    }

    /** Size of the whole section, length prefix included. */
    int encodedLength() throws MqttException {
        int n = contentLength();
        return MqttCodec.lengthFieldSize(n) + n;
    }

    private static int str(String s) throws MqttException {
        return s == null ? 0 : 3 + Utf8.encodedLength(s, "property string");
    }

    private static int bin(byte[] b) {
        return b == null ? 0 : 3 + b.length;
    }

    /** Appends the section, length first. */
    void encode(MqttBuffer out) throws MqttException {
        int n = contentLength();
        out.ensure(MqttCodec.lengthFieldSize(n) + n);
        putVbi(out, n);
        encodeContent(out);
    }

    /** Appends the properties without the length prefix (the caller has ensured room). */
    void encodeContent(MqttBuffer out) throws MqttException {
        byteProp(out, PAYLOAD_FORMAT_INDICATOR, payloadFormat);
        fourProp(out, MESSAGE_EXPIRY_INTERVAL, messageExpiry);
        strProp(out, CONTENT_TYPE, contentType);
        strProp(out, RESPONSE_TOPIC, responseTopic);
        binProp(out, CORRELATION_DATA, correlationData);
        if (subscriptionIds != null) {
            for (int i = 0; i < subscriptionIds.length; i++) {
                out.put(SUBSCRIPTION_IDENTIFIER);
                putVbi(out, subscriptionIds[i]);
            }
        }
        fourProp(out, SESSION_EXPIRY_INTERVAL, sessionExpiry);
        strProp(out, ASSIGNED_CLIENT_IDENTIFIER, assignedClientId);
        twoProp(out, SERVER_KEEP_ALIVE, serverKeepAlive);
        strProp(out, AUTHENTICATION_METHOD, authMethod);
        binProp(out, AUTHENTICATION_DATA, authData);
        byteProp(out, REQUEST_PROBLEM_INFORMATION, requestProblemInfo);
        fourProp(out, WILL_DELAY_INTERVAL, willDelay);
        byteProp(out, REQUEST_RESPONSE_INFORMATION, requestResponseInfo);
        strProp(out, RESPONSE_INFORMATION, responseInfo);
        strProp(out, SERVER_REFERENCE, serverReference);
        strProp(out, REASON_STRING, reasonString);
        twoProp(out, RECEIVE_MAXIMUM, receiveMaximum);
        twoProp(out, TOPIC_ALIAS_MAXIMUM, topicAliasMaximum);
        twoProp(out, TOPIC_ALIAS, topicAlias);
        byteProp(out, MAXIMUM_QOS, maximumQos);
        byteProp(out, RETAIN_AVAILABLE, retainAvailable);
        if (userProperties != null) {
            for (int i = 0; i < userProperties.length; i += 2) {
                out.put(USER_PROPERTY);
                putStr(out, userProperties[i]);
                putStr(out, userProperties[i + 1]);
            }
        }
        fourProp(out, MAXIMUM_PACKET_SIZE, maximumPacketSize);
        byteProp(out, WILDCARD_SUBSCRIPTION_AVAILABLE, wildcardAvailable);
        byteProp(out, SUBSCRIPTION_IDENTIFIER_AVAILABLE, subscriptionIdAvailable);
        byteProp(out, SHARED_SUBSCRIPTION_AVAILABLE, sharedAvailable);
    }

    static void putVbi(MqttBuffer out, int v) {
        do {
            int d = v & 0x7F;
            v >>>= 7;
            out.put(v > 0 ? d | 0x80 : d);
        } while (v > 0);
    }

    private static void byteProp(MqttBuffer out, int id, int v) {
        if (v >= 0) {
            out.put(id);
            out.put(v);
        }
    }

    private static void twoProp(MqttBuffer out, int id, int v) {
        if (v >= 0) {
            out.put(id);
            out.putShort(v);
        }
    }

    private static void fourProp(MqttBuffer out, int id, long v) {
        if (v >= 0) {
            out.put(id);
            out.putShort((int) (v >>> 16));
            out.putShort((int) v);
        }
    }

    private static void strProp(MqttBuffer out, int id, String s) throws MqttException {
        if (s != null) {
            out.put(id);
            putStr(out, s);
        }
    }

    private static void putStr(MqttBuffer out, String s) throws MqttException {
        out.putShort(Utf8.encodedLength(s, "property string"));
        Utf8.encode(s, out);
    }

    private static void binProp(MqttBuffer out, int id, byte[] b) {
        if (b != null) {
            out.put(id);
            out.putShort(b.length);
            out.put(b, 0, b.length);
        }
    }
}
