package candado.pc.cli;

import java.io.IOException;
import java.io.InputStream;

/**
 * The message flags pub and rr share: -m, -f, -s, -n (and pub's -l), and reading the message they
 * name, its size checked against one PUBLISH before anything is read.
 */
final class MessageSource {

    private final boolean linesAllowed;
    private byte[] message;
    private String file;
    private boolean stdin;
    /** -l: one message per line of stdin (pub only). */
    boolean lines;
    /** How many message flags were given (exactly one is valid). */
    int count;

    MessageSource(boolean linesAllowed) {
        this.linesAllowed = linesAllowed;
    }

    /** Consumes a message flag; false if {@code f} is not one. */
    boolean accept(String f, ArgParser p) throws UsageException {
        switch (f) {
            case "-m":
            case "--message":
                message = p.bytesValue(f);
                break;
            case "-f":
            case "--file":
                file = p.value(f);
                break;
            case "-s":
            case "--stdin-file":
                stdin = true;
                break;
            case "-n":
            case "--null-message":
                message = new byte[0];
                break;
            case "-l":
            case "--stdin-line":
                if (!linesAllowed) {
                    return false;
                }
                lines = true;
                break;
            default:
                return false;
        }
        count++;
        return true;
    }

    /** The message of -m, -n, -f or -s (null for -l, read line by line by the caller), checked to fit a PUBLISH to {@code topic}. */
    byte[] read(String topic, int qos, int maxPacketSize, InputStream in) throws UsageException, IOException {
        if (message != null) {
            PubCommand.checkSize(topic, message.length, qos, maxPacketSize, "the message");
            return message;
        }
        if (file != null) {
            return PubCommand.readFile(file, topic, qos, maxPacketSize);
        }
        if (stdin) {
            return StdinReader.readAll(in, PubCommand.maxPayload(topic, qos, maxPacketSize), topic, qos, maxPacketSize);
        }
        return null;
    }
}
