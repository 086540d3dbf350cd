package candado.fuzz;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one @FuzzTest method through the JUnit launcher, in a JVM of its own (Jazzer fuzzes only
 * one fuzz test per JVM). Started by {@link FuzzBudgetTest} with JAZZER_FUZZ=1.
 * Usage: {@code FuzzMain candado.fuzz.NetCodecFuzzTest#dns(byte[])}; exit 0 if it passed.
 */
public final class FuzzMain {

    private FuzzMain() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest req = LauncherDiscoveryRequestBuilder.request().selectors(selectMethod(args[0])).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(req, listener);
        TestExecutionSummary s = listener.getSummary();
        s.printTo(new PrintWriter(System.out));
        s.printFailuresTo(new PrintWriter(System.out), 30);
        System.out.flush();
        System.exit(s.getTotalFailureCount() == 0 && s.getTestsSucceededCount() > 0 ? 0 : 1);
    }
}
