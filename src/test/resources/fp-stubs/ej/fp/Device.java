package ej.fp;

import java.util.List;

/** Compile-only stand-in for the MicroEJ front panel Device (the members the mocks use). */
public class Device {
    public static Device getDevice() {
        return null;
    }

    public <T> List<T> getWidgets(Class<T> type) {
        return null;
    }
}
