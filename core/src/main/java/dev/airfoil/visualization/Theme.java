package dev.airfoil.visualization;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;

/** Fonts, sizes (in layout units, 1 unit = 1 pixel at 96 dpi), colors and text metrics shared by all drawings. */
final class Theme {
    static final String FONT_FAMILY = "SansSerif";
    /** CSS font stack for SVG; DejaVu Sans is what the JDK's SansSerif maps to on most Linux systems. */
    static final String SVG_FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, Helvetica, sans-serif";

    static final FontSpec TITLE_FONT = new FontSpec(14f, true);
    static final FontSpec CELL_FONT = new FontSpec(12f, false);
    static final FontSpec CLUSTER_FONT = new FontSpec(13f, true);

    static final double CELL_PAD_X = 10;
    static final double CELL_PAD_Y = 6;
    static final double NODE_SEP = 28;
    static final double DUMMY_SEP = 12;
    static final double DUMMY_SIZE = 6;
    static final double RANK_SEP = 44;
    static final double CLUSTER_PAD = 14;
    static final double MARGIN = 16;
    static final double ARROW_LENGTH = 9;
    static final double ARROW_HALF_WIDTH = 4.5;

    static final Color INK = new Color(0x20, 0x20, 0x20);
    static final Color TITLE_BACKGROUND = Color.BLACK;
    static final Color TITLE_TEXT = Color.WHITE;
    static final Color CELL_BACKGROUND = Color.WHITE;
    static final Color CELL_BORDER = new Color(0x80, 0x80, 0x80);
    static final Color CLUSTER_BORDER = new Color(0x60, 0x60, 0x60);
    static final Color CLUSTER_BACKGROUND = new Color(0xF4, 0xF6, 0xF8);
    static final Color EDGE = new Color(0x30, 0x30, 0x30);
    static final Color GRID = new Color(0xE4, 0xE4, 0xE4);

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    private Theme() {
    }

    /** A font size and weight in the theme's family. */
    record FontSpec(float size, boolean bold) {
        Font awt() {
            return new Font(FONT_FAMILY, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont(size);
        }

        double width(String text) {
            return text.isEmpty() ? 0 : awt().getStringBounds(text, FRC).getWidth();
        }

        double ascent() {
            return metrics().getAscent();
        }

        double descent() {
            return metrics().getDescent();
        }

        double lineHeight() {
            LineMetrics m = metrics();
            return m.getAscent() + m.getDescent();
        }

        private LineMetrics metrics() {
            return awt().getLineMetrics("Ag", FRC);
        }
    }
}
