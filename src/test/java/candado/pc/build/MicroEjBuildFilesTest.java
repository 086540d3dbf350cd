package candado.pc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The SDK 5 build (module.ivy) and the SDK 6 build (build.gradle.kts) of the firmware agree with each other
 * and with the build's API table: same entry point, same MicroEJ modules at the versions of the table, the
 * same rewritten Bouncy Castle jars at pom.xml's version, the same application options.
 */
class MicroEjBuildFilesTest {

    private static String withoutComments(String text, String open, String close) {
        return text.replaceAll("(?s)" + Pattern.quote(open) + ".*?" + Pattern.quote(close), "");
    }

    private static String ivy() throws IOException {
        return withoutComments(Files.readString(Paths.get("module.ivy")), "<!--", "-->");
    }

    private static String gradle() throws IOException {
        return withoutComments(Files.readString(Paths.get("build.gradle.kts")), "/*", "*/").replaceAll("(?m)//.*$", "");
    }

    /** org#name → rev of the dependencies of module.ivy whose org starts with {@code prefix}. */
    private static Map<String, String> ivyDependencies(String prefix) throws IOException {
        Map<String, String> deps = new TreeMap<>();
        Matcher m = Pattern.compile("<dependency\\s+org=\"([^\"]+)\"\\s+name=\"([^\"]+)\"\\s+rev=\"([^\"]+)\"").matcher(ivy());
        while (m.find()) {
            if (m.group(1).startsWith(prefix)) {
                deps.put(m.group(1) + "#" + m.group(2), m.group(3));
            }
        }
        return deps;
    }

    private static Map<String, String> table() {
        Map<String, String> t = new TreeMap<>();
        for (MicroEjApis.Api a : MicroEjApis.TABLE) {
            t.put(a.module, a.version);
        }
        return t;
    }

    @Test
    void bothBuildsNameTheEntryPoint() throws IOException {
        String main = FirmwareClosure.MAIN.replace('/', '.');
        assertTrue(ivy().contains("<ea:property name=\"application.main.class\" value=\"" + main + "\"/>"), "module.ivy entry point");
        assertTrue(gradle().contains("applicationEntryPoint = \"" + main + "\""), "build.gradle.kts entry point");
        assertTrue(Files.exists(Paths.get("src/main/java", FirmwareClosure.MAIN + ".java")), "the entry point exists");
    }

    @Test
    void bothBuildsDeclareTheModulesOfTheTableAtItsVersions() throws IOException {
        assertEquals(table(), ivyDependencies("ej."), "module.ivy vs MicroEjApis.TABLE");
        Map<String, String> gradle = new TreeMap<>();
        Matcher m = Pattern.compile("implementation\\(\"(ej\\.[^:\"]+):([^:\"]+):([^\"]+)\"\\)").matcher(gradle());
        while (m.find()) {
            gradle.put(m.group(1) + "#" + m.group(2), m.group(3));
        }
        assertEquals(table(), gradle, "build.gradle.kts vs MicroEjApis.TABLE");
    }

    @Test
    void bothBuildsLinkTheRewrittenBouncyCastleAtThePomVersion() throws IOException {
        Matcher v = Pattern.compile("<bc.version>([^<]+)</bc.version>").matcher(Files.readString(Paths.get("pom.xml")));
        assertTrue(v.find());
        String bc = v.group(1);
        Map<String, String> expected = new TreeMap<>();
        for (String jar : new String[] {"bcprov", "bcutil", "bctls", "bcpkix"}) {
            expected.put(BouncyCastleForMicroEj.IVY_ORG + "#" + jar + "-jdk14", bc);
            assertTrue(gradle().contains("\"target/bc-microej/" + jar + "-jdk14-" + bc + ".jar\""), "build.gradle.kts links " + jar);
            Path published = Paths.get("target/bc-microej/ivy", BouncyCastleForMicroEj.IVY_ORG, jar + "-jdk14", bc);
            assertTrue(Files.exists(published.resolve(jar + "-jdk14-" + bc + ".jar")) && Files.exists(published.resolve("ivy-" + bc + ".xml")),
                    "mvn package publishes " + published + " for module.ivy");
        }
        assertEquals(expected, ivyDependencies("io.candado"), "module.ivy's Bouncy Castle");
        assertTrue(!ivy().contains("org=\"org.bouncycastle\"") && !gradle().contains("org.bouncycastle:"),
                "never the published jars (SecurityParameters is over MicroEJ's reference-field limit)");
    }

    @Test
    void sdk5AndSdk6ApplicationOptionsAreTheSame() throws IOException {
        Properties sdk5 = new Properties();
        sdk5.load(new StringReader(Files.readString(Paths.get("build/common.properties"))));
        Properties sdk6 = new Properties();
        sdk6.load(new StringReader(Files.readString(Paths.get("configuration/common.properties"))));
        assertEquals(new TreeMap<>(sdk5), new TreeMap<>(sdk6), "build/common.properties vs configuration/common.properties");
        assertTrue(sdk6.containsKey("core.memory.javaheap.size"));
    }

    @Test
    void sdk6BuildsReachTheResourcesFolder() throws IOException {
        assertTrue(gradle().contains("srcDir(\"resources\")"));
        assertTrue(gradle().contains("mavenCentral()"));
        assertTrue(Files.exists(Paths.get("resources/candado.properties")) && Files.exists(Paths.get("resources/candado.resources.list")));
        assertTrue(Files.exists(Paths.get("settings.gradle.kts")));
    }
}
