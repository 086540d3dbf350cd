package candado.pc.device;

import candado.board.BoardProfile;
import candado.board.LedInfo;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import javax.swing.JComponent;

/**
 * Draws one board from its {@link BoardProfile}: the PCB in its colour, the board name, each LED as a
 * circle in its real colour (bright when lit, dim when off) at its position, and the blue user button.
 * Pure painting: state comes from {@link FrontPanelBoardIo}, repaints happen on the Swing thread.
 */
final class BoardPanel extends JComponent {

    private static final long serialVersionUID = 1L;
    static final int PX_PER_MM = 6;
    static final int MARGIN = 16;
    static final int LED_RADIUS = 14;
    static final int BUTTON_RADIUS = 22;

    private final BoardProfile profile;
    private final boolean[] lit;
    private volatile boolean buttonDown;

    BoardPanel(BoardProfile profile) {
        this.profile = profile;
        this.lit = new boolean[profile.ledCount() + 1];
        setPreferredSize(new Dimension(profile.widthMm() * PX_PER_MM + 2 * MARGIN,
                profile.heightMm() * PX_PER_MM + 2 * MARGIN));
        setOpaque(true);
    }

    synchronized void setLit(int number, boolean on) {
        lit[number] = on;
    }

    synchronized boolean isLit(int number) {
        return lit[number];
    }

    void setButtonDown(boolean down) {
        buttonDown = down;
    }

    /** Centre of LED {@code number} in this component's coordinates. */
    Point ledCenter(int number) {
        LedInfo led = profile.led(number);
        return new Point(MARGIN + led.xMm() * PX_PER_MM, MARGIN + led.yMm() * PX_PER_MM);
    }

    Point buttonCenter() {
        return new Point(MARGIN + profile.buttonXMm() * PX_PER_MM, MARGIN + profile.buttonYMm() * PX_PER_MM);
    }

    boolean isOnButton(int x, int y) {
        Point c = buttonCenter();
        int dx = x - c.x;
        int dy = y - c.y;
        return dx * dx + dy * dy <= (BUTTON_RADIUS + 6) * (BUTTON_RADIUS + 6);
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x3A3F44));
            g.fillRect(0, 0, getWidth(), getHeight());
            Color pcb = new Color(profile.pcbRgb());
            int w = profile.widthMm() * PX_PER_MM;
            int h = profile.heightMm() * PX_PER_MM;
            g.setColor(pcb);
            g.fillRoundRect(MARGIN, MARGIN, w, h, 24, 24);
            Color ink = brightness(pcb) > 128 ? new Color(0x202020) : new Color(0xF0F0F0);
            g.setColor(ink);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
            g.drawString(profile.displayName(), MARGIN + 24, MARGIN + h - 48);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(profile.mcu(), MARGIN + 24, MARGIN + h - 26);
            drawMcu(g, w, h);
            for (int n = 1; n <= profile.ledCount(); n++) {
                drawLed(g, n, ink);
            }
            drawButton(g, ink);
        } finally {
            g.dispose();
        }
    }

    private void drawMcu(Graphics2D g, int w, int h) {
        int size = 26 * PX_PER_MM / 2;
        g.setColor(new Color(0x2B2B2B));
        g.fillRect(MARGIN + w / 2 - size / 2, MARGIN + h / 2 - size / 2, size, size);
        g.setColor(new Color(0x9A9A9A));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("STM32", MARGIN + w / 2 - 16, MARGIN + h / 2 + 4);
    }

    private void drawLed(Graphics2D g, int n, Color ink) {
        LedInfo led = profile.led(n);
        Point c = ledCenter(n);
        Color full = new Color(led.rgb());
        boolean on = isLit(n);
        if (on) {
            g.setColor(new Color(full.getRed(), full.getGreen(), full.getBlue(), 90));
            g.fillOval(c.x - LED_RADIUS - 8, c.y - LED_RADIUS - 8, 2 * LED_RADIUS + 16, 2 * LED_RADIUS + 16);
        }
        g.setColor(on ? full : dim(full));
        g.fillOval(c.x - LED_RADIUS, c.y - LED_RADIUS, 2 * LED_RADIUS, 2 * LED_RADIUS);
        g.setColor(ink);
        g.setStroke(new BasicStroke(1.5f));
        g.drawOval(c.x - LED_RADIUS, c.y - LED_RADIUS, 2 * LED_RADIUS, 2 * LED_RADIUS);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(led.reference(), c.x - 10, c.y + LED_RADIUS + 26);
    }

    private void drawButton(Graphics2D g, Color ink) {
        Point c = buttonCenter();
        int body = BUTTON_RADIUS + 8;
        g.setColor(new Color(0x505050));
        g.fillRect(c.x - body, c.y - body, 2 * body, 2 * body);
        g.setColor(buttonDown ? new Color(0x0A2A8A) : new Color(0x1E5BD8));
        g.fillOval(c.x - BUTTON_RADIUS, c.y - BUTTON_RADIUS, 2 * BUTTON_RADIUS, 2 * BUTTON_RADIUS);
        g.setColor(ink);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(profile.buttonReference() + " USER", c.x - 22, c.y + body + 16);
    }

    /** An unlit LED: the colour seen through the plastic, darkened and greyed. */
    static Color dim(Color c) {
        return new Color((c.getRed() + 3 * 0x40) / 4 / 2 + 20, (c.getGreen() + 3 * 0x40) / 4 / 2 + 20,
                (c.getBlue() + 3 * 0x40) / 4 / 2 + 20);
    }

    private static int brightness(Color c) {
        return (c.getRed() * 299 + c.getGreen() * 587 + c.getBlue() * 114) / 1000;
    }
}
