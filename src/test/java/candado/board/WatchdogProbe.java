package candado.board;

import candado.pc.device.ProcessWatchdog;

/** Run by {@link WatchdogTest}: a 1 s ProcessWatchdog, then either a hang (never refreshed) or 3 s of refreshes. */
public final class WatchdogProbe {

    private WatchdogProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        ProcessWatchdog w = new ProcessWatchdog();
        w.start(1);
        if (args[0].equals("hang")) {
            Thread.sleep(10_000); // the hang: the watchdog must end us long before this
            System.out.println("still alive after 10 s");
            return;
        }
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) {
            w.refresh();
            Thread.sleep(100);
        }
        System.out.println("refreshed for 3 s");
    }
}
