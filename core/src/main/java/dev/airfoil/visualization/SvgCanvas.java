package dev.airfoil.visualization;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.util.Locale;

/** A {@link Canvas} that writes SVG 1.1 by hand: rects, paths and text, all text XML-escaped. */
final class SvgCanvas implements Canvas {

    private final StringBuilder out = new StringBuilder();

    SvgCanvas(double width, double height, String title) {
        String w = num(Math.ceil(width));
        String h = num(Math.ceil(height));
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" fill=\"#ffffff\"/>\n");
    }

    /** Closes the document and returns it. */
    String finish() {
        return out.append("</svg>\n").toString();
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String color(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /**
     * Escapes text for XML content and attribute values; characters XML 1.0 cannot hold (most control
     * characters, unpaired surrogates) become U+FFFD.
     */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(ch).append(s.charAt(++i));
                    } else if (Character.isSurrogate(ch) || (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
                            || ch == 0xFFFE || ch == 0xFFFF) {
                        b.append('\uFFFD');
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String dash(boolean dashed) {
        return dashed ? " stroke-dasharray=\"5,4\"" : "";
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Color fill) {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(w)).append("\" height=\"").append(num(h)).append("\" fill=\"").append(color(fill))
                .append("\"/>\n");
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Color stroke, double width, boolean dashed) {
        out.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(w)).append("\" height=\"").append(num(h)).append("\" fill=\"none\" stroke=\"")
                .append(color(stroke)).append("\" stroke-width=\"").append(num(width)).append('"')
                .append(dash(dashed)).append("/>\n");
    }

    @Override
    public void stroke(Shape shape, Color stroke, double width, boolean dashed) {
        out.append("<path d=\"").append(pathData(shape)).append("\" fill=\"none\" stroke=\"").append(color(stroke))
                .append("\" stroke-width=\"").append(num(width)).append("\" stroke-linecap=\"round\" stroke-linejoin=\"round\"")
                .append(dash(dashed)).append("/>\n");
    }

    @Override
    public void fill(Shape shape, Color fill) {
        out.append("<path d=\"").append(pathData(shape)).append("\" fill=\"").append(color(fill)).append("\"/>\n");
    }

    private static String pathData(Shape shape) {
        StringBuilder d = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            switch (type) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(pts(c, 1));
                case PathIterator.SEG_LINETO -> d.append('L').append(pts(c, 1));
                case PathIterator.SEG_QUADTO -> d.append('Q').append(pts(c, 2));
                case PathIterator.SEG_CUBICTO -> d.append('C').append(pts(c, 3));
                case PathIterator.SEG_CLOSE -> d.append('Z');
                default -> throw new IllegalStateException("unknown path segment " + type);
            }
        }
        return d.toString();
    }

    private static String pts(double[] c, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(num(c[2 * i])).append(',').append(num(c[2 * i + 1]));
        }
        return b.append(' ').toString();
    }

    @Override
    public void text(String text, double x, double baseline, Theme.FontSpec font, Color color, Anchor anchor,
                     double rotation) {
        if (text.isEmpty()) {
            return;
        }
        String a = switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(baseline)).append('"');
        if (rotation != 0) {
            out.append(" transform=\"rotate(").append(num(rotation)).append(' ').append(num(x)).append(' ')
                    .append(num(baseline)).append(")\"");
        }
        out.append(" font-family=\"").append(escape(Theme.SVG_FONT_FAMILY)).append("\" font-size=\"")
                .append(num(font.size())).append('"').append(font.bold() ? " font-weight=\"bold\"" : "")
                .append(" text-anchor=\"").append(a).append("\" fill=\"").append(color(color))
                .append("\" xml:space=\"preserve\">").append(escape(text)).append("</text>\n");
    }
}
