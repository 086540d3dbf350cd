package candado.pc.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `candado pki verify`: the path on success, the reason code on refusal, exit 0/1. */
class PkiVerifyTest {

    record Run(int exit, String out) {
    }

    static Run verify(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "verify";
            System.arraycopy(args, 0, all, 1, args.length);
            int exit = PkiCommand.run(all);
            return new Run(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void pathOrReason(@TempDir Path tmp) {
        String d = tmp.toString();
        assertEquals(0, PkiCommand.run(new String[] {"init", "--dir", d, "--cn", "Test CA"}));
        assertEquals(0, PkiCommand.run(new String[] {"server", "--dir", d, "--dns", "broker.lan", "--ip", "10.0.0.5"}));
        String ca = tmp.resolve("ca.crt").toString();
        String server = tmp.resolve("server.crt").toString();

        Run ok = verify("--cafile", ca, "--host", "broker.lan", server);
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().contains("path: leaf 'localhost' <- trusted root 'Test CA'"), ok.out());
        assertEquals(0, verify("--cafile", ca, "--ip", "10.0.0.5", server).exit());

        Run wrongName = verify("--cafile", ca, "--host", "other.lan", server);
        assertEquals(1, wrongName.exit());
        assertTrue(wrongName.out().contains("REFUSED name-mismatch"), wrongName.out());

        Run expired = verify("--cafile", ca, "--at", "2200-01-01T00:00:00Z", server);
        assertTrue(expired.out().contains("REFUSED expired"), expired.out());

        Run caAsLeaf = verify("--cafile", ca, ca);
        assertTrue(caAsLeaf.out().contains("REFUSED ca-as-leaf"), caAsLeaf.out());

        assertEquals(0, PkiCommand.run(new String[] {"init", "--dir", tmp.resolve("other").toString(), "--cn", "Other CA"}));
        Run unknown = verify("--cafile", tmp.resolve("other/ca.crt").toString(), server);
        assertTrue(unknown.out().contains("REFUSED unknown-issuer"), unknown.out());

        assertEquals(1, verify("--cafile", ca, "--at", "yesterday", server).exit());
    }
}
