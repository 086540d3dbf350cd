package candado.pc.bench;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Section 5: code size. Firmware = the .class files of src/main/java per package (the layers),
 * uncompressed; peers = their jar plus the jars of their runtime dependency tree (as Maven
 * resolved it: target/dependency-tree.txt), both as file size and as uncompressed class bytes,
 * so firmware and peers are compared like for like (class bytes).
 */
final class Footprint {

    /** A jar: coordinates, file size, uncompressed .class bytes. */
    record Jar(String coords, long fileBytes, long classBytes) {
    }

    private Footprint() {
    }

    /** Uncompressed class bytes of the firmware per package, e.g. candado.mqtt → 61234 (candado.pc excluded). */
    static Map<String, Long> firmwareLayers() throws IOException, URISyntaxException {
        Path classes = Path.of(candado.mqtt.MqttClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.resolve("candado");
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.toString().endsWith(".class")) {
                    continue;
                }
                String pkg = classes.relativize(p.getParent()).toString().replace(File.separatorChar, '.');
                if (pkg.startsWith("candado.pc")) {
                    continue;
                }
                m.merge(pkg, Files.size(p), Long::sum);
            }
        }
        return m;
    }

    /**
     * Class bytes of the MQTT 5 part of {@code candado.mqtt}: the classes only MQTT 5 needs (their names
     * say so: {@code Mqtt5*}, {@code Wire5*}, and the AUTH and reason-code tables), by class name. What
     * MQTT 5 added inside shared classes (session, subscriptions, options) is not counted: docs/budget.md
     * has the before/after closure figures.
     */
    static Map<String, Long> mqtt5ClassBytes() throws IOException, URISyntaxException {
        Path classes = Path.of(candado.mqtt.MqttClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(classes.resolve("candado").resolve("mqtt"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(".class") && isMqtt5Only(n.substring(0, n.length() - ".class".length()))) {
                    m.put(n.substring(0, n.length() - ".class".length()), Files.size(p));
                }
            }
        }
        return m;
    }

    static boolean isMqtt5Only(String simpleName) {
        String outer = simpleName.contains("$") ? simpleName.substring(0, simpleName.indexOf('$')) : simpleName;
        return outer.startsWith("Mqtt5") || outer.startsWith("Wire5") || outer.equals("MqttAuthenticator")
                || outer.equals("ReasonCodes");
    }

    /**
     * The jar of {@code groupId:artifactId} and of everything under it in the dependency tree
     * (compile and runtime scope), resolved against this JVM's class path.
     */
    static List<Jar> tree(String groupArtifact) throws IOException {
        List<String> coords = new ArrayList<>();
        Path treeFile = treeFile();
        if (treeFile != null) {
            int depth = -1;
            for (String line : Files.readAllLines(treeFile)) {
                int d = indent(line);
                String c = line.substring(Math.min(line.length(), d)).trim();
                if (depth >= 0) {
                    if (d <= depth) {
                        break;
                    }
                    if (!c.endsWith(":test") && !c.endsWith(":provided")) {
                        coords.add(c);
                    }
                } else if (c.startsWith(groupArtifact + ":")) {
                    depth = d;
                    coords.add(c);
                }
            }
        }
        if (coords.isEmpty()) {
            coords.add(groupArtifact + ":jar:?:compile");
        }
        List<Jar> jars = new ArrayList<>();
        for (String c : coords) {
            String[] f = c.split(":");
            Path jar = findJar(f[0], f[1]);
            jars.add(jar == null ? new Jar(c, 0, 0) : new Jar(f[0] + ":" + f[1] + ":" + f[3], Files.size(jar), classBytes(jar)));
        }
        return jars;
    }

    /** The jar on this JVM's class path whose file name starts with {@code artifactId-} under the group's folder. */
    static Path findJar(String groupId, String artifactId) {
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.startsWith(artifactId + "-") && name.endsWith(".jar")
                    && e.replace(File.separatorChar, '/').contains("/" + groupId.replace('.', '/') + "/")) {
                return p;
            }
        }
        return null;
    }

    static long classBytes(Path jar) throws IOException {
        long sum = 0;
        try (ZipFile z = new ZipFile(jar.toFile())) {
            for (ZipEntry en : java.util.Collections.list(z.entries())) {
                if (en.getName().endsWith(".class") && en.getSize() > 0) {
                    sum += en.getSize();
                }
            }
        }
        return sum;
    }

    /** Column where the coordinates of a dependency:tree line start ("+- ", "|  \- "...). */
    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && " |+-\\".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static Path treeFile() {
        try {
            Path classes = Path.of(candado.mqtt.MqttClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path f = classes.getParent().resolve("dependency-tree.txt");
            return Files.exists(f) ? f : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static Map<String, Long> sumByGroup(List<Jar> jars) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Jar j : jars) {
            m.merge(j.coords().split(":")[0], j.classBytes(), Long::sum);
        }
        return m;
    }
}
