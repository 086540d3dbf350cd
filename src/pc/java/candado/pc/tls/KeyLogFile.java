package candado.pc.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import candado.log.Log;
import candado.tls.KeyLogSink;

/**
 * An NSS key log file ({@code --tls-keylog FILE}, like SSLKEYLOGFILE): Wireshark's
 * "(Pre)-Master-Secret log filename" decrypts captures with it. Created mode 600, appended to.
 */
public final class KeyLogFile implements KeyLogSink {

    private final Path file;

    public KeyLogFile(Path file) throws IOException {
        this.file = file;
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Log.warn("tls", "writing TLS session keys to " + file + ": anyone with this file can decrypt the captured traffic");
    }

    @Override
    public synchronized void keyLogLine(String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        } catch (IOException e) {
            Log.warn("tls", "cannot write key log " + file + ": " + e.getMessage());
        }
    }
}
