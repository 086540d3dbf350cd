package ej.fp;

import java.util.ArrayList;
import java.util.List;

/**
 * Stand-in for the MicroEJ front panel Device with the members the mocks use, working enough for
 * SimulatorMockTest: the test {@link #install}s the widgets it read from a board's .fp file.
 */
public class Device {
    private static final Device DEVICE = new Device();
    private final List<Widget> widgets = new ArrayList<Widget>();

    public static Device getDevice() {
        return DEVICE;
    }

    /** Test only (not in the real API): the widgets of the front panel being simulated. */
    public static void install(List<Widget> all) {
        DEVICE.widgets.clear();
        DEVICE.widgets.addAll(all);
    }

    public <T> List<T> getWidgets(Class<T> type) {
        List<T> result = new ArrayList<T>();
        for (Widget w : widgets) {
            if (type.isInstance(w)) {
                result.add(type.cast(w));
            }
        }
        return result;
    }

    public <T> T getWidget(Class<T> type, String label) {
        for (T w : getWidgets(type)) {
            if (label.equals(((Widget) w).getLabel())) {
                return w;
            }
        }
        return null;
    }
}
