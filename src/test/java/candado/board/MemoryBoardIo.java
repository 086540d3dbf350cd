package candado.board;

import java.util.ArrayList;
import java.util.List;

/** A BoardIo in memory for HAL tests: records writes, button level settable, polled or event mode. */
final class MemoryBoardIo implements BoardIo {

    final boolean[] leds = new boolean[8];
    final List<String> writes = new ArrayList<>();
    volatile boolean button;
    final boolean eventDriven;
    volatile ButtonSink sink;

    MemoryBoardIo(boolean eventDriven) {
        this.eventDriven = eventDriven;
    }

    public synchronized void setLed(int number, boolean on) {
        leds[number] = on;
        writes.add(number + (on ? "+" : "-"));
    }

    public boolean isButtonPressed() {
        return button;
    }

    public boolean startButtonEvents(ButtonSink s) {
        if (!eventDriven) {
            return false;
        }
        sink = s;
        return true;
    }
}
