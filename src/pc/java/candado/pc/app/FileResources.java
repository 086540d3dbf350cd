package candado.pc.app;

import candado.app.Resources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The PC port's {@link Resources}: PEM files under a folder (the repository root by default). */
public final class FileResources extends Resources {

    private final Path dir;

    public FileResources(Path dir) {
        this.dir = dir;
    }

    @Override
    public String readText(String name) throws IOException {
        Path p = dir.resolve(name);
        try {
            InputStream in = Files.newInputStream(p);
            return readBounded(in, p.toString());
        } catch (NoSuchFileException e) {
            throw new IOException(p + " does not exist (make it with ./candado pki, or see --resources)");
        }
    }
}
