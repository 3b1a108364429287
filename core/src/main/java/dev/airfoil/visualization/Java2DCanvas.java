package dev.airfoil.visualization;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** A {@link Canvas} over a {@link BufferedImage}, antialiased, scaled by dpi / 96. */
final class Java2DCanvas implements Canvas {

    private final BufferedImage image;
    private final Graphics2D g;

    /**
     * A white image large enough for a drawing of the given logical size at the given dpi.
     */
    Java2DCanvas(double width, double height, int dpi) {
        double scale = dpi / 96.0;
        int w = Math.max(1, (int) Math.ceil(width * scale));
        int h = Math.max(1, (int) Math.ceil(height * scale));
        image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.scale(scale, scale);
    }

    /** Finishes drawing and returns the image. */
    BufferedImage finish() {
        g.dispose();
        return image;
    }

    private static BasicStroke stroke(double width, boolean dashed) {
        return dashed
                ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {5f, 4f}, 0f)
                : new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Color fill) {
        g.setColor(fill);
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Color color, double width, boolean dashed) {
        stroke(new Rectangle2D.Double(x, y, w, h), color, width, dashed);
    }

    @Override
    public void stroke(Shape shape, Color color, double width, boolean dashed) {
        g.setColor(color);
        g.setStroke(stroke(width, dashed));
        g.draw(shape);
    }

    @Override
    public void fill(Shape shape, Color fill) {
        g.setColor(fill);
        g.fill(shape);
    }

    @Override
    public void text(String text, double x, double baseline, Theme.FontSpec font, Color color, Anchor anchor,
                     double rotation) {
        if (text.isEmpty()) {
            return;
        }
        Font f = font.awt();
        double w = font.width(text);
        double dx = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? -w / 2 : -w;
        AffineTransform saved = g.getTransform();
        g.translate(x, baseline);
        g.rotate(Math.toRadians(rotation));
        g.setFont(f);
        g.setColor(color);
        g.drawString(text, (float) dx, 0f);
        g.setTransform(saved);
    }
}
