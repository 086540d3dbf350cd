package candado.pc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The simulator modules are what MicroEJ's documents describe. The front panel (platform/frontpanel):
 * SDK 5 module.ivy and SDK 6 build.gradle.kts depend on {@code ej.tool.frontpanel#framework} 1.1.1 alone
 * (VEEPortingGuide/frontpanel.rst "Module Dependencies"; SDK 6 plugin com.microej.gradle.mock-frontpanel,
 * SDK6UserGuide/migrateVeePort.rst), its Java imports only the framework's package {@code ej.fp} (never the
 * MicroUI widget library {@code ej.fp.widget} or {@code ej.microui}), and every widget a .fp file uses is a
 * class of the project with a {@code @WidgetDescription} naming each attribute the .fp gives it
 * (frontpanel.rst "Widget"). The mock (platform/common/mock): build type build-microej-mock
 * (SDKUserGuide/moduleNatures.rst), SDK 6 plugin com.microej.gradle.mock with the Mock API as
 * VEEPortingGuide/mock.rst names it, and only HIL ({@code com.is2t.hil}) beyond java.*.
 */
class FrontPanelModuleTest {

    static final Path FP = Paths.get("platform", "frontpanel");
    static final Path MOCK = Paths.get("platform", "common", "mock");

    private static String text(Path p) throws IOException {
        String s = Files.readString(p);
        return p.toString().endsWith(".kts")
                ? s.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "")
                : s.replaceAll("(?s)<!--.*?-->", "");
    }

    private static Map<String, String> ivyDependencies(Path ivy) throws IOException {
        Map<String, String> deps = new TreeMap<>();
        Matcher m = Pattern.compile("<dependency\\s+org=\"([^\"]+)\"\\s+name=\"([^\"]+)\"\\s+rev=\"([^\"]+)\"").matcher(text(ivy));
        while (m.find()) {
            deps.put(m.group(1) + "#" + m.group(2), m.group(3));
        }
        return deps;
    }

    private static Map<String, String> gradleDependencies(Path kts, String configuration) throws IOException {
        Map<String, String> deps = new TreeMap<>();
        Matcher m = Pattern.compile("(\\w+)\\(\"([^:\"]+):([^:\"]+):([^\"]+)\"\\)").matcher(text(kts));
        while (m.find()) {
            assertEquals(configuration, m.group(1), kts + ": only " + configuration + " dependencies");
            deps.put(m.group(2) + "#" + m.group(3), m.group(4));
        }
        return deps;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    private static TreeSet<String> importedPackages(Path root) throws IOException {
        TreeSet<String> pkgs = new TreeSet<>();
        Pattern imp = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([a-z][\\w]*(?:\\.[a-z][\\w]*)*)\\.[A-Z]");
        for (Path f : javaFiles(root)) {
            Matcher m = imp.matcher(Files.readString(f));
            while (m.find()) {
                pkgs.add(m.group(1));
            }
        }
        return pkgs;
    }

    @Test
    void frontPanelBuildsOnTheFrameworkAlone() throws IOException {
        Map<String, String> framework = Map.of("ej.tool.frontpanel#framework", "1.1.1");
        assertEquals(framework, ivyDependencies(FP.resolve("module.ivy")), "platform/frontpanel/module.ivy");
        assertTrue(text(FP.resolve("module.ivy")).contains("module=\"candado-frontpanel\""), "module name = project.name of frontpanel.properties");
        String kts = text(FP.resolve("build.gradle.kts"));
        assertTrue(kts.contains("id(\"com.microej.gradle.mock-frontpanel\")"), "SDK 6 front-panel plugin");
        assertEquals(framework, gradleDependencies(FP.resolve("build.gradle.kts"), "implementation"), "platform/frontpanel/build.gradle.kts");
        for (String pkg : importedPackages(FP.resolve("src/main/java"))) {
            assertTrue(pkg.equals("ej.fp") || pkg.startsWith("java.") || pkg.startsWith("candado."),
                    "the front panel imports " + pkg + ": only the framework (ej.fp), java.* and its own classes");
        }
    }

    @Test
    void everyFpWidgetIsAProjectWidgetDeclaringItsAttributes() throws Exception {
        Path resources = FP.resolve("src/main/resources");
        List<Path> fps = new ArrayList<>();
        try (Stream<Path> s = Files.list(resources)) {
            s.filter(p -> p.toString().endsWith(".fp")).sorted().forEach(fps::add);
        }
        assertEquals(List.of(resources.resolve("disco-f769ni.fp"), resources.resolve("nucleo-h723zg.fp")), fps);
        Pattern attr = Pattern.compile("@WidgetAttribute\\(name = \"(\\w+)\"");
        for (Path fp : fps) {
            Element device = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(fp.toFile())
                    .getElementsByTagName("device").item(0);
            NodeList nodes = device.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (!(nodes.item(i) instanceof Element)) {
                    continue;
                }
                Element e = (Element) nodes.item(i);
                Path source = FP.resolve("src/main/java").resolve(e.getTagName().replace('.', '/') + ".java");
                assertTrue(Files.isRegularFile(source), fp + ": widget " + e.getTagName() + " is not a class of the front-panel project");
                String java = Files.readString(source);
                assertTrue(java.contains("@WidgetDescription(") && java.contains("extends Widget"), source + " is no widget");
                TreeSet<String> declared = new TreeSet<>();
                Matcher m = attr.matcher(java);
                while (m.find()) {
                    declared.add(m.group(1));
                }
                for (int a = 0; a < e.getAttributes().getLength(); a++) {
                    String name = e.getAttributes().item(a).getNodeName();
                    assertTrue(declared.contains(name), fp + ": " + e.getTagName() + " does not declare attribute " + name);
                }
            }
        }
    }

    @Test
    void mockIsAMockModuleOnTheMockApi() throws IOException {
        String ivy = text(MOCK.resolve("module.ivy"));
        assertTrue(ivy.contains("<ea:build organisation=\"com.is2t.easyant.buildtypes\" module=\"build-microej-mock\" revision=\"2.2.1\"/>"),
                "mock build type");
        assertEquals(Map.of(), ivyDependencies(MOCK.resolve("module.ivy")), "the microej-mock skeleton provides the Mock API");
        assertTrue(text(MOCK.resolve("build.gradle.kts")).contains("id(\"com.microej.gradle.mock\")"), "SDK 6 mock plugin");
        assertEquals(Map.of("com.microej.tool.runtime#mock-api", "2.5.0"),
                gradleDependencies(MOCK.resolve("build.gradle.kts"), "compileOnly"));
        for (String pkg : importedPackages(MOCK.resolve("src/main/java"))) {
            assertTrue(pkg.equals("com.is2t.hil") || pkg.startsWith("java."), "the mock imports " + pkg);
        }
    }
}
