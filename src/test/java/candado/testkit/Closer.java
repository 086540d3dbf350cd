package candado.testkit;

/** Test clean-up: closes each of several fixtures (nulls skipped), going on past one that fails. */
public final class Closer {

    private Closer() {
    }

    public static void closeAll(AutoCloseable... fixtures) {
        for (AutoCloseable c : fixtures) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // the others are closed all the same
                }
            }
        }
    }
}
