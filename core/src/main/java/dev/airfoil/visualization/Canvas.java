package dev.airfoil.visualization;

import java.awt.Color;
import java.awt.Shape;

/**
 * The few drawing operations the graph and chart renderers need, in layout units. Implemented once for
 * Java2D ({@link Java2DCanvas}, for PNG) and once as hand-written SVG ({@link SvgCanvas}), so both formats
 * come from the same drawing code.
 */
interface Canvas {

    /** Horizontal alignment of text relative to its anchor x. */
    enum Anchor { START, MIDDLE, END }

    void fillRect(double x, double y, double w, double h, Color fill);

    void strokeRect(double x, double y, double w, double h, Color stroke, double width, boolean dashed);

    /** Strokes an open or closed path (lines, cubic curves). */
    void stroke(Shape shape, Color stroke, double width, boolean dashed);

    void fill(Shape shape, Color fill);

    /**
     * Draws one line of text.
     *
     * @param baseline y of the text baseline (before rotation)
     * @param rotation degrees, clockwise, about (x, baseline); -90 reads bottom to top
     */
    void text(String text, double x, double baseline, Theme.FontSpec font, Color color, Anchor anchor,
              double rotation);
}
