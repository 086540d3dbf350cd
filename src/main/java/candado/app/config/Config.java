package candado.app.config;

import candado.log.Log;
import candado.mqtt.MqttException;
import candado.mqtt.Topics;
import java.io.IOException;
import java.io.InputStream;

/**
 * The device configuration: one value per key of {@link ConfigKeys}, starting from the defaults,
 * then the properties resource, then {@code KEY=VALUE} overrides. Values are checked as they are
 * set, so a running device only ever sees valid values.
 */
public final class Config {

    /** Name of the configuration resource on the class path (the board's flash). */
    public static final String RESOURCE = "/candado.properties";

    private final String[] values = new String[ConfigKeys.count()];
    private final String[] origins = new String[ConfigKeys.count()];

    public Config() {
        for (int i = 0; i < values.length; i++) {
            values[i] = ConfigKeys.get(i).defaultValue;
            origins[i] = "default";
        }
    }

    /** Defaults overlaid with the bundled resource, if there is one. */
    public static Config fromResource() throws ConfigException {
        Config c = new Config();
        InputStream in = Config.class.getResourceAsStream(RESOURCE);
        if (in != null) {
            c.load(in, "candado.properties");
        }
        return c;
    }

    /** Reads a properties stream; a key given twice in one file is an error (it is usually a typo). */
    public void load(InputStream in, final String source) throws ConfigException {
        final boolean[] seen = new boolean[values.length];
        try {
            PropertiesReader.read(in, source, new PropertiesReader.Handler() {
                public void entry(String key, String value, String where) throws ConfigException {
                    int i = index(key, where);
                    if (seen[i]) {
                        throw new ConfigException(where + ": " + key + " given twice (first at " + origins[i] + ")");
                    }
                    seen[i] = true;
                    set(i, value, where);
                }
            });
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read: " + e.getMessage());
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                // Nothing useful to do: everything needed was read or an error is on its way.
            }
        }
    }

    /**
     * Checks the keys that only make sense together, once the file and the overrides are in:
     * TLS settings without {@code mqtt.ssl=true} would silently connect in plain text, and a
     * topic with a wildcard would only fail at the first publish.
     */
    public void checkCombination() throws ConfigException {
        // app.test_transports picks TLS per run (plain,tls,psk): its TLS keys are used without mqtt.ssl.
        if (!getBool(ConfigKeys.MQTT_SSL) && getList(ConfigKeys.APP_TEST_TRANSPORTS).length == 0) {
            if (getBool(ConfigKeys.MQTT_SSL_CLIENT_AUTH)) {
                throw new ConfigException(ConfigKeys.MQTT_SSL_CLIENT_AUTH + "=true (" + origin(ConfigKeys.MQTT_SSL_CLIENT_AUTH) + ") needs "
                        + ConfigKeys.MQTT_SSL + "=true: without it the connection is plain MQTT and no certificate is sent");
            }
            if (get(ConfigKeys.MQTT_SSL_PSK_IDENTITY).length() > 0) {
                // A warning, not an error: one set of PSK keys is commonly kept for switching mqtt.ssl on and off.
                Log.warn("config", ConfigKeys.MQTT_SSL_PSK_IDENTITY + " is set (" + origin(ConfigKeys.MQTT_SSL_PSK_IDENTITY) + ") but "
                        + ConfigKeys.MQTT_SSL + "=false: connecting WITHOUT TLS, the PSK is not used (set mqtt.ssl=true for TLS-PSK)");
            }
        }
        checkEngineVersions();
        String[] topics = {ConfigKeys.APP_PUBLIC_TOPIC, ConfigKeys.APP_SECRET_TOPIC, ConfigKeys.MQTT_WILL_TOPIC};
        for (int k = 0; k < topics.length; k++) {
            String t = get(topics[k]);
            if (t.length() == 0 && topics[k].equals(ConfigKeys.MQTT_WILL_TOPIC)) {
                continue; // empty = the public topic
            }
            try {
                Topics.checkName(t);
            } catch (MqttException e) {
                throw new ConfigException(topics[k] + " (" + origin(topics[k]) + "): '" + t + "' is not a topic to publish to: " + e.getMessage());
            }
        }
    }

    /**
     * MicroPaho speaks MQTT 3.1.1 only: refused with MQTT 5 in normal mode (mqtt.client, mqtt.version) and
     * in test mode (app.test_engines x app.test_versions, each empty = its single key), never downgraded.
     */
    private void checkEngineVersions() throws ConfigException {
        boolean paho = get(ConfigKeys.MQTT_CLIENT).equals("micropaho");
        boolean v5 = get(ConfigKeys.MQTT_VERSION).equals("5");
        if (paho && v5) {
            throw new ConfigException(ConfigKeys.MQTT_CLIENT + " = micropaho (" + origin(ConfigKeys.MQTT_CLIENT) + ") speaks MQTT 3.1.1 only, but "
                    + ConfigKeys.MQTT_VERSION + " = 5 (" + origin(ConfigKeys.MQTT_VERSION) + "): use mqtt.client = candado for MQTT 5");
        }
        String[] engines = getList(ConfigKeys.APP_TEST_ENGINES);
        String[] versions = getList(ConfigKeys.APP_TEST_VERSIONS);
        for (int i = 0; i < versions.length; i++) {
            if (!contains(ConfigKeys.VERSIONS, versions[i])) {
                throw new ConfigException(ConfigKeys.APP_TEST_VERSIONS + " (" + origin(ConfigKeys.APP_TEST_VERSIONS) + "): unknown MQTT version '"
                        + versions[i] + "' (3.1.1, 5)");
            }
        }
        paho = engines.length == 0 ? paho : contains(engines, "micropaho");
        v5 = versions.length == 0 ? v5 : contains(versions, "5");
        if (paho && v5) {
            throw new ConfigException("test mode would run micropaho over MQTT 5, but micropaho speaks MQTT 3.1.1 only ("
                    + ConfigKeys.APP_TEST_ENGINES + " = " + get(ConfigKeys.APP_TEST_ENGINES) + " from " + origin(ConfigKeys.APP_TEST_ENGINES) + ", "
                    + ConfigKeys.APP_TEST_VERSIONS + " = " + get(ConfigKeys.APP_TEST_VERSIONS) + " from " + origin(ConfigKeys.APP_TEST_VERSIONS)
                    + "): compare versions with app.test_engines = candado");
        }
    }

    private static boolean contains(String[] items, String s) {
        for (int i = 0; i < items.length; i++) {
            if (items[i].equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** Applies an override {@code KEY=VALUE} (the PC port's {@code --set}). */
    public void override(String keyEqualsValue) throws ConfigException {
        String t = keyEqualsValue.trim();
        if (t.length() == 0 || t.charAt(0) == '#' || t.charAt(0) == '!') {
            throw new ConfigException("--set: expected KEY=VALUE, got an empty or comment line");
        }
        PropertiesReader.parseLine(keyEqualsValue, "--set", new PropertiesReader.Handler() {
            public void entry(String key, String value, String where) throws ConfigException {
                set(index(key, where), value, where);
            }
        });
    }

    /** Sets one key by name, checking the value. */
    public void set(String key, String value) throws ConfigException {
        set(index(key, "set"), value, "set");
    }

    private void set(int i, String value, String where) throws ConfigException {
        try {
            values[i] = ConfigKeys.get(i).normalise(value);
        } catch (ConfigException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
        origins[i] = where;
    }

    private static int index(String key, String where) throws ConfigException {
        int i = ConfigKeys.indexOf(key);
        if (i < 0) {
            throw new ConfigException(where + ": unknown key '" + (key.length() > 60 ? key.substring(0, 60) + "..." : key)
                    + "'; valid keys: " + ConfigKeys.names());
        }
        return i;
    }

    private static int known(String key) {
        int i = ConfigKeys.indexOf(key);
        if (i < 0) {
            // A programming error, not a user one: the code asked for a key not in the table.
            throw new IllegalArgumentException("no configuration key " + key);
        }
        return i;
    }

    public String get(String key) {
        return values[known(key)];
    }

    public int getInt(String key) {
        return Integer.parseInt(values[known(key)]);
    }

    public boolean getBool(String key) {
        return "true".equals(values[known(key)]);
    }

    /** A comma-separated value (names also colon-separated) as trimmed items (none for an empty value). */
    public String[] getList(String key) {
        int k = known(key);
        String v = ConfigKeys.get(k).type == ConfigKey.NAME_LIST ? values[k].replace(':', ',') : values[k];
        if (v.length() == 0) {
            return new String[0];
        }
        String[] items = ConfigKey.split(v, ',');
        for (int i = 0; i < items.length; i++) {
            items[i] = items[i].trim();
        }
        return items;
    }

    /** Host part of a {@code host:port} key (brackets of an IPv6 literal removed). */
    public String host(String key) {
        return hostOf(get(key));
    }

    public int port(String key) {
        return portOf(get(key));
    }

    /** Host part of one checked {@code host:port} value (a key's, or an item of a host:port list). */
    public static String hostOf(String hostPort) {
        return candado.net.HostPort.parse(hostPort, candado.net.HostPort.PORT_REQUIRED).host;
    }

    public static int portOf(String hostPort) {
        return candado.net.HostPort.parse(hostPort, candado.net.HostPort.PORT_REQUIRED).port;
    }

    /** The configured zone in minutes east of GMT. */
    public int zoneMinutes() {
        try {
            return ConfigKeys.find(ConfigKeys.APP_GMT_ZONE).parseZoneMinutes(get(ConfigKeys.APP_GMT_ZONE));
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage()); // cannot happen: checked when set
        }
    }

    /** Where a key's value came from: {@code default}, {@code candado.properties:12} or {@code --set}. */
    public String origin(String key) {
        return origins[known(key)];
    }

    /** One line per key, {@code key = value}, secrets shown only as set/empty: for the boot log. */
    public String[] redactedDump() {
        return redactedDump(false);
    }

    /** As {@link #redactedDump()}, only the keys whose value differs from the default when {@code changedOnly}. */
    public String[] redactedDump(boolean changedOnly) {
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (!changedOnly || !values[i].equals(ConfigKeys.get(i).defaultValue)) {
                n++;
            }
        }
        String[] lines = new String[n];
        n = 0;
        for (int i = 0; i < values.length; i++) {
            if (changedOnly && values[i].equals(ConfigKeys.get(i).defaultValue)) {
                continue;
            }
            ConfigKey k = ConfigKeys.get(i);
            String v = values[i];
            String shown = k.secret ? (v.length() == 0 ? "<empty>" : "<set, hidden>") : v;
            lines[n++] = k.name + " = " + shown + ("default".equals(origins[i]) ? "" : "   (" + origins[i] + ")");
        }
        return lines;
    }

    /** The key table as text: name, default, expected form and help (for {@code --help}). */
    public static String keyHelp() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ConfigKeys.count(); i++) {
            ConfigKey k = ConfigKeys.get(i);
            sb.append("  ").append(k.name).append(" (default '").append(k.defaultValue).append("'): ")
                    .append(k.help).append("; ").append(k.expectedForm()).append('\n');
        }
        return sb.toString();
    }
}
