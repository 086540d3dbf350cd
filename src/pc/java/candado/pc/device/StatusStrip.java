package candado.pc.device;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.JComponent;

/**
 * The front panel's status strip under the board: one row per {@link DeviceStatus} field, label on
 * the left, value on the right (cut with an ellipsis when the window is narrower). Pure painting.
 */
final class StatusStrip extends JComponent {

    static final Color BACKGROUND = new Color(0x1e1e1e);
    static final Color LABEL = new Color(0x9cdcfe);
    static final Color VALUE = new Color(0xf0f0f0);
    private static final int PAD = 8;
    private static final int LABEL_WIDTH = 80;

    private final DeviceStatus status;
    private final Font font = new Font(Font.MONOSPACED, Font.PLAIN, 13);

    StatusStrip(DeviceStatus status, int width) {
        this.status = status;
        int rows = status.rows().length;
        setPreferredSize(new Dimension(Math.max(width, 520), rows * 18 + 2 * PAD));
        setOpaque(true);
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0;
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, getWidth(), getHeight());
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        int y = PAD + fm.getAscent();
        for (String[] row : status.rows()) {
            g.setColor(LABEL);
            g.drawString(row[0], PAD, y);
            g.setColor(VALUE);
            g.drawString(fit(row[1], fm, getWidth() - PAD - LABEL_WIDTH - PAD), PAD + LABEL_WIDTH, y);
            y += 18;
        }
    }

    private static String fit(String s, FontMetrics fm, int width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
