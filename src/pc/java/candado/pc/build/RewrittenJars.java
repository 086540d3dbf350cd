package candado.pc.build;

import static candado.pc.build.BouncyCastleForMicroEj.HOLDER_SUFFIX;
import static candado.pc.build.BouncyCastleForMicroEj.IVY_ORG;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The rewritten Bouncy Castle jars on disk: written unsigned with fixed entry times (same inputs, same bytes)
 * and published into an Ivy filesystem repository for the MicroEJ build files.
 */
final class RewrittenJars {

    /** Fixed time of every entry (DOS epoch plus a day): reproducible jars. */
    private static final long ENTRY_TIME = 315_619_200_000L;

    private RewrittenJars() {
    }

    /** Writes {@code jar}'s entries (the rewritten classes, new holders after their owner), unsigned;
     *  {@code classes}: internal name → bytes, {@code owners}: the classes with a holder. */
    static void write(Path jar, List<String> names, Path to, Map<String, byte[]> classes, Set<String> owners)
            throws IOException {
        Manifest manifest = new Manifest();
        Set<String> written = new TreeSet<>();
        try (JarFile in = new JarFile(jar.toFile(), false)) {
            Manifest original = in.getManifest();
            if (original != null) {
                manifest.getMainAttributes().putAll(original.getMainAttributes()); // per-entry digests dropped
            }
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().putValue("Candado-Rewrite", "reference fields over MicroEJ's limit of "
                    + PlatformLimits.REFERENCE_FIELDS.max + " moved to *" + HOLDER_SUFFIX + " (candado.pc.build.BouncyCastleForMicroEj)");
            Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
            try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file)) {
                put(out, "META-INF/MANIFEST.MF", manifestBytes(manifest));
                written.add("META-INF/MANIFEST.MF");
                for (String n : names) {
                    if (n.endsWith("/") || n.equals("META-INF/MANIFEST.MF") || isSignature(n) || !written.add(n)) {
                        continue;
                    }
                    if (n.endsWith(".class")) {
                        String cls = n.substring(0, n.length() - ".class".length());
                        put(out, n, classes.get(cls));
                        if (owners.contains(cls)) {
                            put(out, cls + HOLDER_SUFFIX + ".class", classes.get(cls + HOLDER_SUFFIX));
                        }
                    } else {
                        try (InputStream s = in.getInputStream(in.getJarEntry(n))) {
                            put(out, n, s.readAllBytes());
                        }
                    }
                }
            }
            Files.move(tmp, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Publishes one rewritten jar ({@code name-rev.jar}) into an Ivy filesystem repository with the layout
     * {@code [organisation]/[module]/[revision]/[artifact]-[revision].[ext]} and {@code ivy-[revision].xml}.
     */
    static void ivyModule(Path repo, Path jar) throws IOException {
        String file = jar.getFileName().toString();
        String base = file.substring(0, file.length() - ".jar".length());
        int dash = base.lastIndexOf('-');
        String module = base.substring(0, dash);
        String rev = base.substring(dash + 1);
        Path dir = repo.resolve(IVY_ORG).resolve(module).resolve(rev);
        Files.createDirectories(dir);
        Files.copy(jar, dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("ivy-" + rev + ".xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ivy-module version=\"2.0\">\n"
                + "  <info organisation=\"" + IVY_ORG + "\" module=\"" + module + "\" revision=\"" + rev + "\" status=\"release\"/>\n"
                + "  <configurations><conf name=\"default\"/></configurations>\n"
                + "  <publications><artifact name=\"" + module + "\" type=\"jar\" ext=\"jar\" conf=\"default\"/></publications>\n"
                + "</ivy-module>\n");
    }

    private static boolean isSignature(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        return n.startsWith("META-INF/") && (n.endsWith(".SF") || n.endsWith(".DSA") || n.endsWith(".RSA") || n.endsWith(".EC"));
    }

    private static byte[] manifestBytes(Manifest m) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        m.write(b);
        return b.toByteArray();
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        JarEntry e = new JarEntry(name);
        e.setTime(ENTRY_TIME);
        out.putNextEntry(e);
        out.write(bytes);
        out.closeEntry();
    }

    static String sha256(Path f) throws IOException {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
            StringBuilder s = new StringBuilder();
            for (byte b : d) {
                s.append(String.format("%02x", b));
            }
            return s.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
