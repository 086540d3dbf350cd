package candado.pc.device;

import candado.pc.app.VirtualDevice;

/** {@code ./candado device}: the firmware application on the virtual device (see {@link VirtualDevice}). */
public final class DeviceCommand {

    private DeviceCommand() {
    }

    public static int run(String[] args) {
        return VirtualDevice.run(args);
    }
}
