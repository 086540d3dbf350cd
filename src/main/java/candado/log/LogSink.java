package candado.log;

/** Where finished log lines go: the UART (System.out) on a board, a console or a file on the PC. */
public interface LogSink {
    void write(String line);
}
