package candado.mqtt;

/** Topic names and filters (MQTT 3.1.1 section 4.7): validation and wildcard matching. */
public final class Topics {

    private Topics() {
    }

    /** A topic name to publish to: non-empty, no wildcards, valid UTF-8 rules. */
    public static void checkName(String topic) throws MqttException {
        if (topic == null || topic.length() == 0) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "topic name is empty");
        }
        Utf8.encodedLength(topic, "topic name");
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "topic name '" + topic + "' contains a wildcard");
        }
    }

    /** A filter to subscribe to: '#' only last and alone in its level, '+' alone in its level. */
    public static void checkFilter(String filter) throws MqttException {
        String fault = filterFault(filter);
        if (fault != null) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, fault);
        }
        Utf8.encodedLength(filter, "topic filter");
    }

    /** Null if {@code filter} is a valid filter, else what is wrong with it. */
    static String filterFault(String filter) {
        if (filter == null || filter.length() == 0) {
            return "topic filter is empty";
        }
        int n = filter.length();
        for (int i = 0; i < n; i++) {
            char c = filter.charAt(i);
            boolean levelStart = i == 0 || filter.charAt(i - 1) == '/';
            boolean levelEnd = i == n - 1 || filter.charAt(i + 1) == '/';
            if (c == '#') {
                if (!levelStart || i != n - 1) {
                    return "topic filter '" + filter + "': '#' must be the last level, alone";
                }
            } else if (c == '+') {
                if (!levelStart || !levelEnd) {
                    return "topic filter '" + filter + "': '+' must occupy a whole level";
                }
            }
        }
        return null;
    }

    /**
     * True if {@code topic} matches {@code filter}. Topics starting with '$' are not matched by a
     * filter whose first level is a wildcard (section 4.7.2).
     */
    public static boolean matches(String filter, String topic) {
        if (topic.length() > 0 && topic.charAt(0) == '$' && filter.length() > 0
                && (filter.charAt(0) == '+' || filter.charAt(0) == '#')) {
            return false;
        }
        int f = 0;
        int t = 0;
        int fn = filter.length();
        int tn = topic.length();
        while (f < fn) {
            char c = filter.charAt(f);
            if (c == '#') {
                return true; // also matches the parent level ("a/#" matches "a")
            }
            if (c == '+') {
                while (t < tn && topic.charAt(t) != '/') {
                    t++;
                }
                f++;
            } else {
                if (t >= tn || topic.charAt(t) != c) {
                    // "a/#" against "a": filter has "/#" left, topic is done
                    return t == tn && c == '/' && f + 2 == fn && filter.charAt(f + 1) == '#';
                }
                f++;
                t++;
            }
        }
        return t == tn;
    }
}
