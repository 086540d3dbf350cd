package candado.app;

import candado.time.CivilTime;

/**
 * Carries out a parsed {@link Command} on the LEDs and returns the event texts to announce.
 * Holds no connection: the caller publishes what comes back, so this stays testable as is.
 */
public final class CommandHandler {

    private final DeviceIo device;
    private final int zoneMinutes;

    public CommandHandler(DeviceIo device, int zoneMinutes) {
        this.device = device;
        this.zoneMinutes = zoneMinutes;
    }

    /** Events for {@code command} at wall-clock time {@code nowMillis}; never empty. */
    public String[] execute(Command command, long nowMillis) {
        switch (command.kind) {
            case Command.LED:
                return new String[] {setLed(command.led, command.action)};
            case Command.LEDS: {
                String[] events = new String[device.ledCount()];
                for (int i = 0; i < events.length; i++) {
                    events[i] = setLed(i + 1, command.action);
                }
                return events;
            }
            case Command.STATUS:
                return new String[] {status()};
            case Command.TIME:
                return new String[] {timeEvent(nowMillis)};
            case Command.HELP:
                return new String[] {Events.help()};
            default:
                return new String[] {Events.error(command.error)};
        }
    }

    private String setLed(int n, int action) {
        boolean on = action == Command.ON || action == Command.TOGGLE && !device.isLedOn(n);
        device.setLed(n, on);
        return Events.led(n, on);
    }

    /** {@code [STATUS NUCLEO-H723ZG LED1 ON LED2 OFF LED3 OFF]}. */
    public String status() {
        StringBuilder sb = new StringBuilder("[STATUS ").append(device.name());
        for (int i = 1; i <= device.ledCount(); i++) {
            sb.append(" LED").append(i).append(device.isLedOn(i) ? " ON" : " OFF");
        }
        return sb.append(']').toString();
    }

    public String timeEvent(long nowMillis) {
        return Events.time(CivilTime.of(nowMillis, zoneMinutes).dateTime(), zoneLabel(zoneMinutes));
    }

    /** {@code GMT}, {@code GMT+1}, {@code GMT-3}, {@code GMT+5:30}. */
    public static String zoneLabel(int minutes) {
        if (minutes == 0) {
            return "GMT";
        }
        int abs = minutes < 0 ? -minutes : minutes;
        StringBuilder sb = new StringBuilder("GMT").append(minutes < 0 ? '-' : '+').append(abs / 60);
        if (abs % 60 != 0) {
            sb.append(':');
            if (abs % 60 < 10) {
                sb.append('0');
            }
            sb.append(abs % 60);
        }
        return sb.toString();
    }
}
