package candado.board;

/**
 * What the silk screen and the schematic say about one LED: its number, reference (LD1), colour,
 * pin, and where it sits on the board (millimetres from the top-left corner, component side up),
 * so the console and the front panel describe and draw it without their own tables.
 */
public final class LedInfo {

    private final int number;
    private final String reference;
    private final String colourName;
    private final int rgb;
    private final String pin;
    private final int xMm;
    private final int yMm;

    public LedInfo(int number, String reference, String colourName, int rgb, String pin, int xMm, int yMm) {
        this.number = number;
        this.reference = reference;
        this.colourName = colourName;
        this.rgb = rgb;
        this.pin = pin;
        this.xMm = xMm;
        this.yMm = yMm;
    }

    public int number() {
        return number;
    }

    /** Silk-screen reference, e.g. {@code LD1}. */
    public String reference() {
        return reference;
    }

    /** Human colour name, e.g. {@code green}. */
    public String colourName() {
        return colourName;
    }

    /** Colour of the lit LED as 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    /** MCU pin, e.g. {@code PB0}. */
    public String pin() {
        return pin;
    }

    public int xMm() {
        return xMm;
    }

    public int yMm() {
        return yMm;
    }

    /** {@code green LD1}: how logs and the console name it. */
    public String describe() {
        return colourName + " " + reference;
    }
}
