package candado.pc.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each MicroEJ module provides to the firmware, and which of them module.ivy declares: the one
 * table both the per-class API check and the reachability check read. A row's entries are package
 * prefixes ({@code java/util/}) or exact classes ({@code ej/bon/Util}): a class we have not seen in
 * MicroEJ's documentation is not allowed just because its package exists.
 * Exclusions inside these packages (java.io.File, java.util.concurrent, ...) stay in
 * {@link FirmwareApiCheck#verdict}, with their own messages.
 */
public final class MicroEjApis {

    /** One MicroEJ module: what it provides and where we read that. */
    public static final class Api {
        public final String module;
        /** The revision module.ivy and build.gradle.kts declare (the one source of the versions). */
        public final String version;
        public final List<String> provides;
        public final String source;
        /** Firmware package (internal-name prefix) that alone may use this module; null = any. */
        public final String onlyIn;
        /**
         * The members firmware may use ({@code owner.name(descriptor)}); null = every member of the classes
         * provided. A class of such a module may still be extended or implemented (the callback).
         */
        public final List<String> members;

        Api(String module, String version, String provides, String source) {
            this(module, version, provides, source, null, null);
        }

        Api(String module, String version, String provides, String source, String onlyIn, String[] members) {
            this.module = module;
            this.version = version;
            this.provides = List.of(provides.split(" "));
            this.source = source;
            this.onlyIn = onlyIn;
            this.members = members == null ? null : List.of(members);
        }

        boolean provides(String type) {
            for (String p : provides) {
                if (p.endsWith("/") ? type.startsWith(p) : type.equals(p)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final String PAHO = "org/eclipse/paho/client/mqttv3/";

    static final String MICROPAHO_CLASSES = PAHO + "MqttClient " + PAHO + "MqttConnectOptions " + PAHO + "MqttMessage "
            + PAHO + "MqttException " + PAHO + "MqttCallback";

    /** The MicroPaho members the adapter may use: src/stubs/micropaho declares exactly these (docs/microej.md cites each). */
    static final String[] MICROPAHO_MEMBERS = {
        PAHO + "MqttClient.<init>(Ljava/lang/String;Ljava/lang/String;)V",
        PAHO + "MqttClient.setCallback(L" + PAHO + "MqttCallback;)V",
        PAHO + "MqttClient.connect(L" + PAHO + "MqttConnectOptions;)V",
        PAHO + "MqttClient.publish(Ljava/lang/String;L" + PAHO + "MqttMessage;)V",
        PAHO + "MqttClient.subscribe(Ljava/lang/String;)V",
        PAHO + "MqttClient.disconnect()V",
        PAHO + "MqttClient.close()V",
        PAHO + "MqttConnectOptions.<init>()V",
        PAHO + "MqttConnectOptions.setConnectionTimeout(I)V",
        PAHO + "MqttConnectOptions.setSocketFactory(Ljavax/net/SocketFactory;)V",
        PAHO + "MqttConnectOptions.setCleanSession(Z)V",
        PAHO + "MqttConnectOptions.setKeepAliveInterval(I)V",
        PAHO + "MqttConnectOptions.setUserName(Ljava/lang/String;)V",
        PAHO + "MqttConnectOptions.setPassword([C)V",
        PAHO + "MqttConnectOptions.setWill(Ljava/lang/String;[BIZ)V",
        PAHO + "MqttMessage.<init>([B)V",
        PAHO + "MqttMessage.getPayload()[B",
        PAHO + "MqttMessage.setQos(I)V",
        PAHO + "MqttMessage.setRetained(Z)V",
        PAHO + "MqttException.getReasonCode()I",
        // Throwable's, inherited: EDC provides them.
        PAHO + "MqttException.getMessage()Ljava/lang/String;",
        PAHO + "MqttException.getCause()Ljava/lang/Throwable;",
    };

    /** module | version | provides | source. module.ivy and build.gradle.kts must match (MicroEjBuildFilesTest). */
    static final Api[] TABLE = {
        new Api("ej.api#edc", "1.3.7", "java/lang/ java/io/ java/util/ java/security/Permission",
                "EDC 1.3 (java.lang, java.io, partial java.util): MicroEJ docs VEEPortingGuide/appendix/javalibs/edc.rst; "
                + "java.security.Permission (with java.lang.SecurityManager) as used by MicroEJ's How-To "
                + "Multi-App-Security-Manager (Kernel .../security/FeaturePermissionChecker.java)"),
        new Api("ej.api#net", "1.1.4", "java/net/ javax/net/SocketFactory javax/net/ServerSocketFactory",
                "NET 1.1 sockets, DatagramSocket, InetAddress: MicroEJ docs VEEPortingGuide/net.rst; javax.net factories as "
                + "used by MicroPaho's socket-factory option (not seen in a MicroEJ javadoc: unverified)"),
        new Api("ej.api#sni", "1.4.3", "ej/sni/",
                "SNI 1.4: MicroEJ docs VEEPortingGuide/appendix/javalibs/sni.rst"),
        new Api("ej.api#bon", "1.4.4", "ej/bon/Util ej/bon/Constants",
                "BON 1.4, ej.bon.Util.setCurrentTimeMillis(long) sets the application time: MicroEJ docs "
                + "ApplicationDeveloperGuide/bon.rst, section 'Platform time'; ej.bon.Constants.get[Type](String) "
                + "reads compile-time constants of *.constants.list files, inlined by SOAR: MicroEJ docs "
                + "ApplicationDeveloperGuide/classpath.rst, section 'Constants'"),
        new Api("ej.api#security", "1.6.0", "java/security/SecureRandom",
                "Security 1.6: cipher, digest, MAC, signature, secure random, keys and certificates (MicroEJ docs "
                + "VEEPortingGuide/security.rst); java.security.SecureRandom in MicroEJ's VEE API javadoc, backed by the "
                + "LLSEC_RANDOM natives (LLSEC_RANDOM_impl.h in MicroEJ's VEE Ports). Only the class we use is listed"),
        new Api("ej.library.eclasspath#math", "1.3.0", "java/math/",
                "Eclasspath Math 1.3.0 (java.math): declared as ej.library.eclasspath:math:1.3.0 by MicroEJ's "
                + "Example-Mock-Framework (custom-widgets-app/build.gradle.kts, which uses java.math.BigDecimal); the "
                + "architecture changelog names memory-map scripts for Eclasspath Math. java.math.BigInteger itself was not "
                + "seen in a class list of the module: unconfirmed until an SDK build links it (docs/microej.md)"),
        new Api("ej.library.eclasspath#logging", "1.2.1", "java/util/logging/Logger java/util/logging/Level",
                "Eclasspath Logging 1.2: 'implements a subset of the standard java.util.logging' (MicroEJ docs, "
                + "logging tutorial); Bouncy Castle's CryptoServicesRegistrar creates a Logger in its static initialiser"),
        new Api("ej.library.iot#micropaho", "1.0.0", MICROPAHO_CLASSES,
                "MicroPaho 1.0.0, 'Tiny footprint MQTT 3.1.1 client based on Eclipse Paho Java APIs' (MicroEJ docs "
                + "ApplicationDeveloperGuide/networkingAddonLibraries.rst); members as used by MicroEJ's Example-IOT "
                + "(mqtt-publisher, mqtt-subscriber, ssl-mqtt-publisher Main.java) or, marked unverified in docs/microej.md, "
                + "Eclipse Paho's signatures for the options and message flags the application needs",
                "candado/app/micropaho/", MICROPAHO_MEMBERS),
    };

    /**
     * Needs of Bouncy Castle's reachable code that no MicroEJ module is known to meet: the reachability
     * check reports them (it does not fail on them) so that the gap stays visible in every build;
     * a new need not in this list or the table fails the build. Firmware code itself may not use them.
     */
    static final String[][] KNOWN_GAPS = {
    };

    private final Set<String> declared;

    public MicroEjApis(Set<String> declaredModules) {
        this.declared = Collections.unmodifiableSet(new LinkedHashSet<>(declaredModules));
    }

    /** The modules module.ivy declares, as {@code org#name}. */
    public static MicroEjApis fromModuleIvy(Path moduleIvy) {
        String xml;
        try {
            xml = Files.readString(moduleIvy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + moduleIvy + " (the MicroEJ modules the firmware may use)", e);
        }
        // Comments may mention modules that are not dependencies.
        xml = xml.replaceAll("(?s)<!--.*?-->", "");
        Matcher m = Pattern.compile("<dependency\\s+org=\"([^\"]+)\"\\s+name=\"([^\"]+)\"").matcher(xml);
        Set<String> mods = new LinkedHashSet<>();
        while (m.find()) {
            mods.add(m.group(1) + "#" + m.group(2));
        }
        return new MicroEjApis(mods);
    }

    public Set<String> declared() {
        return declared;
    }

    /** The declared module providing {@code type} (internal name), or null. */
    public Api provider(String type) {
        for (Api a : TABLE) {
            if (declared.contains(a.module) && a.provides(type)) {
                return a;
            }
        }
        return null;
    }

    /**
     * Why {@code from} may not use member {@code ref} ({@code owner.name(descriptor)}) of a declared module that
     * lists its members, or null when it may (or the owner's module lists none).
     */
    String memberVerdict(String from, String ref) {
        String owner = ref.substring(0, ref.indexOf('.'));
        Api a = provider(owner);
        if (a == null || a.members == null || a.members.contains(ref)) {
            return null;
        }
        return "not among the members the build's API table lists for " + a.module + " (what MicroEJ's sources show); "
                + "use a listed one, or cite MicroEJ for a new one in docs/microej.md and add it to the table";
    }

    /** A module of the table (declared or not) that would provide {@code type}, or null. */
    static Api candidate(String type) {
        for (Api a : TABLE) {
            if (a.provides(type)) {
                return a;
            }
        }
        return null;
    }

    /** The known-gap explanation for {@code type}, or null. */
    static String knownGap(String type) {
        for (String[] g : KNOWN_GAPS) {
            if (type.startsWith(g[0])) {
                return g[1];
            }
        }
        return null;
    }

    /** Why {@code type} is not available, for a message. */
    String whyMissing(String type) {
        Api c = candidate(type);
        if (c != null) {
            return "needs " + c.module + ", which module.ivy does not declare";
        }
        List<String> mods = new ArrayList<>(declared);
        mods.removeIf(s -> !s.startsWith("ej."));
        return "not provided by any MicroEJ module module.ivy declares " + mods;
    }
}
