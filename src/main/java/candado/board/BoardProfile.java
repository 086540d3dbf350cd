package candado.board;

/**
 * One supported board: name, LEDs (colour, pin, position), user button, and the outline the front
 * panel draws. Pins are from ST's board manuals (UM2407 for NUCLEO-H723ZG, UM2033 / the
 * STM32F769I-Discovery BSP for the DISCO); positions are approximate, for drawing only.
 */
public final class BoardProfile {

    /** NUCLEO-H723ZG (Nucleo-144, MB1364): three user LEDs, blue user button B1 on PC13 (active high). */
    public static final BoardProfile NUCLEO_H723ZG = new BoardProfile("nucleo-h723zg", "NUCLEO-H723ZG",
            "STM32H723ZG Cortex-M7 550 MHz, 1 MB flash, 564 KB RAM",
            new LedInfo[] {
                new LedInfo(1, "LD1", "green", 0x00D000, "PB0", 84, 46),
                new LedInfo(2, "LD2", "yellow", 0xFFD000, "PE1", 90, 46),
                new LedInfo(3, "LD3", "red", 0xFF2000, "PB14", 96, 46),
            },
            "B1", "PC13", true, 106, 52, 133, 70, 0xF2F2EE);

    /**
     * STM32F769I-DISCO (MB1225): two user LEDs. ST's BSP V2 for the board defines exactly LED1/LED2
     * (LEDn = 2); PD4 is the USB OTG HS over-current input, not a user LED. Blue user/wake-up button B1
     * on PA0, active high.
     */
    public static final BoardProfile DISCO_F769NI = new BoardProfile("disco-f769ni", "STM32F769I-DISCO",
            "STM32F769NI Cortex-M7 216 MHz, 2 MB flash, 512 KB RAM",
            new LedInfo[] {
                new LedInfo(1, "LD1", "red", 0xFF2000, "PJ13", 14, 12),
                new LedInfo(2, "LD2", "green", 0x00D000, "PJ5", 22, 12),
            },
            "B1", "PA0", true, 134, 14, 148, 118, 0x1E2A22);

    private static final BoardProfile[] ALL = {NUCLEO_H723ZG, DISCO_F769NI};

    private final String id;
    private final String displayName;
    private final String mcu;
    private final LedInfo[] leds;
    private final String buttonReference;
    private final String buttonPin;
    private final boolean buttonActiveHigh;
    private final int buttonXMm;
    private final int buttonYMm;
    private final int widthMm;
    private final int heightMm;
    private final int pcbRgb;

    private BoardProfile(String id, String displayName, String mcu, LedInfo[] leds, String buttonReference,
            String buttonPin, boolean buttonActiveHigh, int buttonXMm, int buttonYMm, int widthMm, int heightMm,
            int pcbRgb) {
        this.id = id;
        this.displayName = displayName;
        this.mcu = mcu;
        this.leds = leds;
        this.buttonReference = buttonReference;
        this.buttonPin = buttonPin;
        this.buttonActiveHigh = buttonActiveHigh;
        this.buttonXMm = buttonXMm;
        this.buttonYMm = buttonYMm;
        this.widthMm = widthMm;
        this.heightMm = heightMm;
        this.pcbRgb = pcbRgb;
    }

    /** The profile called {@code id} ({@code nucleo-h723zg}, {@code disco-f769ni}; case-insensitive). */
    public static BoardProfile forId(String id) {
        for (int i = 0; i < ALL.length; i++) {
            if (ALL[i].id.equalsIgnoreCase(id)) {
                return ALL[i];
            }
        }
        throw new IllegalArgumentException("unknown board '" + id + "'; expected one of: " + ids());
    }

    /** {@code nucleo-h723zg|disco-f769ni}: for usage and error messages. */
    public static String ids() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ALL.length; i++) {
            if (i > 0) {
                sb.append('|');
            }
            sb.append(ALL[i].id);
        }
        return sb.toString();
    }

    public static BoardProfile[] all() {
        BoardProfile[] copy = new BoardProfile[ALL.length];
        System.arraycopy(ALL, 0, copy, 0, ALL.length);
        return copy;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String mcu() {
        return mcu;
    }

    public int ledCount() {
        return leds.length;
    }

    /** LED {@code number} (1-based). */
    public LedInfo led(int number) {
        if (number < 1 || number > leds.length) {
            throw new IllegalArgumentException("LED " + number + " does not exist on " + displayName
                    + " (LEDs 1.." + leds.length + ")");
        }
        return leds[number - 1];
    }

    public String buttonReference() {
        return buttonReference;
    }

    public String buttonPin() {
        return buttonPin;
    }

    public boolean buttonActiveHigh() {
        return buttonActiveHigh;
    }

    public int buttonXMm() {
        return buttonXMm;
    }

    public int buttonYMm() {
        return buttonYMm;
    }

    public int widthMm() {
        return widthMm;
    }

    public int heightMm() {
        return heightMm;
    }

    /** Solder-mask colour as 0xRRGGBB (for the front panel). */
    public int pcbRgb() {
        return pcbRgb;
    }

    public String toString() {
        return id;
    }
}
