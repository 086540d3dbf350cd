package candado.pc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MicroPaho (org.eclipse.paho.client.mqttv3) in the firmware: only in candado.app.micropaho, only the members
 * the API table lists for ej.library.iot#micropaho, only while module.ivy declares that module. The classes
 * are compiled against Eclipse Paho 1.2.5 (the PC's stand-in), which has more than MicroPaho: the check must
 * see through that.
 */
class MicroPahoApiCheckTest {

    @TempDir
    Path tmp;

    private final FirmwareApiCheck check = new FirmwareApiCheck(getClass().getClassLoader(), MicroEjApis.fromModuleIvy(Paths.get("module.ivy")));

    private byte[] compile(String pkg, String className, String body) throws IOException {
        Path src = tmp.resolve("src/" + pkg.replace('.', '/') + "/" + className + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package " + pkg + ";\nimport org.eclipse.paho.client.mqttv3.*;\n" + body, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-nowarn", "-Xlint:-options", "--release", "7",
                "-cp", System.getProperty("java.class.path"), "-d", out.toString(), src.toString());
        assertEquals(0, rc, "test source must compile");
        return Files.readAllBytes(out.resolve(pkg.replace('.', '/') + "/" + className + ".class"));
    }

    private static final String LISTED = "public class Uses { void go(javax.net.SocketFactory f) throws MqttException {"
            + " MqttClient c = new MqttClient(\"tcp://h:1\", \"id\"); MqttConnectOptions o = new MqttConnectOptions();"
            + " o.setCleanSession(true); o.setKeepAliveInterval(60); o.setConnectionTimeout(10); o.setSocketFactory(f);"
            + " o.setUserName(\"u\"); o.setPassword(new char[0]); o.setWill(\"t\", new byte[0], 0, false); c.connect(o);"
            + " MqttMessage m = new MqttMessage(new byte[1]); m.setQos(0); m.setRetained(false); c.publish(\"t\", m);"
            + " c.subscribe(\"s\"); m.getPayload(); c.disconnect(); c.close(); } }";

    @Test
    void theAdapterPackageMayUseTheListedMembers() throws IOException {
        assertEquals(List.of(), check.checkClass(compile("candado.app.micropaho", "Uses", LISTED)));
    }

    @Test
    void useOutsideTheAdapterPackageFails() throws IOException {
        List<String> p = check.checkClass(compile("candado.app", "Uses", LISTED));
        assertTrue(p.stream().anyMatch(s -> s.startsWith("candado.app.Uses references org.eclipse.paho.client.mqttv3.MqttClient: "
                + "ej.library.iot#micropaho is reserved for its adapter (candado.app.micropaho.)")), p.toString());
        // javax.net stays reserved for the socket-factory adapters.
        assertTrue(p.stream().anyMatch(s -> s.contains("javax.net.SocketFactory: javax.net is reserved")), p.toString());
    }

    @Test
    void unlistedMembersFailEvenWherePahoHasThem() throws IOException {
        byte[] c = compile("candado.app.micropaho", "Extra", "public class Extra { boolean go(MqttClient c) throws MqttException {"
                + " c.subscribe(\"s\", 1); c.publish(\"t\", new byte[0], 0, false); return c.isConnected(); } }");
        List<String> p = check.checkClass(c);
        for (String m : new String[] {"MqttClient.subscribe(Ljava.lang.String;I)V", "MqttClient.publish(Ljava.lang.String;[BIZ)V",
            "MqttClient.isConnected()Z"}) {
            assertTrue(p.stream().anyMatch(s -> s.startsWith("candado.app.micropaho.Extra uses org.eclipse.paho.client.mqttv3." + m
                    + ": not among the members the build's API table lists for ej.library.iot#micropaho")), m + " in " + p);
        }
        assertEquals(3, p.size(), p.toString());
    }

    @Test
    void pahoOnlyTypesFail() throws IOException {
        // Eclipse Paho's async client and persistence are not MicroPaho's.
        byte[] c = compile("candado.app.micropaho", "Async", "public class Async { Object a() throws MqttException {"
                + " return new MqttAsyncClient(\"tcp://h:1\", \"id\", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence()); } }");
        List<String> p = check.checkClass(c);
        assertTrue(p.stream().anyMatch(s -> s.contains("references org.eclipse.paho.client.mqttv3.MqttAsyncClient")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("references org.eclipse.paho.client.mqttv3.persist.MemoryPersistence")), p.toString());
    }

    @Test
    void withoutTheModuleDeclaredTheAdapterFails() throws IOException {
        Set<String> declared = new LinkedHashSet<>(check.apis().declared());
        assertTrue(declared.remove("ej.library.iot#micropaho"), "module.ivy declares MicroPaho: " + declared);
        FirmwareApiCheck without = new FirmwareApiCheck(getClass().getClassLoader(), new MicroEjApis(declared));
        List<String> p = without.checkClass(compile("candado.app.micropaho", "Uses", LISTED));
        assertTrue(p.stream().anyMatch(s -> s.contains("references org.eclipse.paho.client.mqttv3.MqttClient: needs ej.library.iot#micropaho, "
                + "which module.ivy does not declare")), p.toString());
    }

    @Test
    void onlyThePcCallbackStandInIsSkipped() {
        assertTrue(!FirmwareApiCheck.isFirmware("org/eclipse/paho/client/mqttv3/MqttCallback.class"));
        assertTrue(FirmwareApiCheck.isFirmware("org/eclipse/paho/client/mqttv3/MqttClient.class"));
        assertTrue(FirmwareApiCheck.isFirmware("candado/app/micropaho/MicroPahoLink.class"));
    }
}
