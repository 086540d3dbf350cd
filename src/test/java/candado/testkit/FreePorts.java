package candado.testkit;

import candado.pc.broker.MosquittoProcess;

/** Free loopback ports for fixtures (asks the kernel, then releases the port). */
public final class FreePorts {
    private FreePorts() {
    }

    public static int next() {
        return MosquittoProcess.freePort();
    }
}
