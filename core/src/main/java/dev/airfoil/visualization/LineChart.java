package dev.airfoil.visualization;

import dev.airfoil.utils.AtomicFiles;
import java.awt.Color;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A line chart of one or more series with axes, "nice" ticks, a light grid, a legend and a title; made
 * for learning curves (loss and val_loss per epoch, accuracy and val_accuracy) and written to PNG or SVG
 * by the same drawing code as {@link GraphPlotter}.
 *
 * <pre>{@code
 * LineChart.learningCurves("Model loss", history, "loss", "val_loss")
 *         .write(Path.of("loss.png"));
 *
 * new LineChart("Accuracy").xLabel("epoch").yLabel("accuracy")
 *         .addSeries("accuracy", new double[] {0.61, 0.75, 0.82})
 *         .addSeries("val_accuracy", new double[] {0.58, 0.70, 0.74})
 *         .write(Path.of("accuracy.svg"));
 * }</pre>
 *
 * <p>Non-finite values (NaN, infinities) are skipped and break the line. A chart is mutable and not
 * thread-safe; its setters return {@code this}.
 */
public final class LineChart {

    /** The default colours: the ten-colour palette familiar from matplotlib. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };
    private static final Theme.FontSpec TITLE_FONT = new Theme.FontSpec(15f, true);
    private static final Theme.FontSpec LABEL_FONT = new Theme.FontSpec(12.5f, false);
    private static final Theme.FontSpec TICK_FONT = new Theme.FontSpec(11f, false);
    private static final Theme.FontSpec LEGEND_FONT = new Theme.FontSpec(11.5f, false);

    /**
     * One named series of points.
     *
     * @param name the legend entry
     * @param x    x values
     * @param y    y values, same length as x
     */
    public record Series(String name, double[] x, double[] y) {
        /** Checks the arguments and copies the arrays. */
        public Series {
            Objects.requireNonNull(name, "series name must not be null");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " values but y has "
                        + y.length + "; give one x per y");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    private String title;
    private String xLabel = "";
    private String yLabel = "";
    private double width = 640;
    private double height = 420;
    private int dpi = 96;
    private final List<Series> series = new ArrayList<>();

    /**
     * A chart with a title and no series; 640 x 420 layout units at 96 dpi.
     *
     * @param title the title drawn above the plot ("" for none)
     */
    public LineChart(String title) {
        this.title = Objects.requireNonNull(title, "title must not be null");
    }

    /**
     * A chart of selected entries of a training history, x = epoch 1, 2, ..., like
     * {@code plt.plot(history.history['loss'])} in Keras tutorials. The y-axis label is the first key.
     *
     * @param title   chart title
     * @param history metric name to per-epoch values
     * @param keys    the entries to draw, in legend order; all entries when empty
     * @return the chart
     * @throws IllegalArgumentException if a key is missing from the history
     */
    public static LineChart learningCurves(String title, Map<String, ? extends List<? extends Number>> history,
                                           String... keys) {
        List<String> names = keys.length == 0 ? new ArrayList<>(history.keySet()) : List.of(keys);
        LineChart chart = new LineChart(title).xLabel("epoch");
        for (String key : names) {
            List<? extends Number> values = history.get(key);
            if (values == null) {
                throw new IllegalArgumentException("history has no entry '" + key + "'; it has " + history.keySet());
            }
            double[] y = new double[values.size()];
            for (int i = 0; i < y.length; i++) {
                Number v = values.get(i);
                y[i] = v == null ? Double.NaN : v.doubleValue();
            }
            chart.addSeries(key, y);
        }
        if (!names.isEmpty()) {
            chart.yLabel(names.get(0));
        }
        return chart;
    }

    /**
     * Sets the title.
     *
     * @param title the title ("" for none)
     * @return this chart
     */
    public LineChart title(String title) {
        this.title = Objects.requireNonNull(title);
        return this;
    }

    /**
     * Sets the x-axis label.
     *
     * @param label the label
     * @return this chart
     */
    public LineChart xLabel(String label) {
        this.xLabel = Objects.requireNonNull(label);
        return this;
    }

    /**
     * Sets the y-axis label.
     *
     * @param label the label
     * @return this chart
     */
    public LineChart yLabel(String label) {
        this.yLabel = Objects.requireNonNull(label);
        return this;
    }

    /**
     * Sets the size in layout units (pixels at 96 dpi).
     *
     * @param width  at least 200
     * @param height at least 150
     * @return this chart
     */
    public LineChart size(double width, double height) {
        if (!(width >= 200 && height >= 150)) {
            throw new IllegalArgumentException("chart size must be at least 200 x 150, but was " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /**
     * Sets the raster resolution; PNG output is {@code size * dpi / 96} pixels.
     *
     * @param dpi dots per inch, 1..2400
     * @return this chart
     */
    public LineChart dpi(int dpi) {
        if (dpi <= 0 || dpi > 2400) {
            throw new IllegalArgumentException("dpi must be in 1..2400, but was " + dpi);
        }
        this.dpi = dpi;
        return this;
    }

    /**
     * Adds a series with x = 1, 2, ..., n (epochs).
     *
     * @param name legend entry
     * @param y    values
     * @return this chart
     */
    public LineChart addSeries(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return addSeries(name, x, y);
    }

    /**
     * Adds a series.
     *
     * @param name legend entry
     * @param x    x values
     * @param y    y values, same length
     * @return this chart
     */
    public LineChart addSeries(String name, double[] x, double[] y) {
        series.add(new Series(name, x, y));
        return this;
    }

    /** @return the series, in legend order */
    public List<Series> series() {
        return List.copyOf(series);
    }

    /**
     * Draws the chart to a raster image.
     *
     * @return an ARGB image of ceil(size * dpi / 96) pixels
     */
    public BufferedImage toImage() {
        Java2DCanvas canvas = new Java2DCanvas(width, height, dpi);
        draw(canvas);
        return canvas.finish();
    }

    /**
     * Draws the chart as an SVG document.
     *
     * @return the SVG text
     */
    public String toSvg() {
        SvgCanvas canvas = new SvgCanvas(width, height, title);
        draw(canvas);
        return canvas.finish();
    }

    /**
     * Writes the chart atomically to a {@code .png} or {@code .svg} file.
     *
     * @param file the output file
     * @return the format written
     * @throws IllegalArgumentException      for any other extension
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public OutputFormat write(Path file) {
        OutputFormat format = OutputFormat.fromPath(file);
        switch (format) {
            case PNG -> {
                BufferedImage image = toImage();
                AtomicFiles.writeUnchecked(file, out -> ImageIO.write(image, "png", out));
            }
            case SVG -> {
                byte[] bytes = toSvg().getBytes(StandardCharsets.UTF_8);
                AtomicFiles.writeUnchecked(file, out -> out.write(bytes));
            }
            default -> throw new IllegalArgumentException("a line chart cannot be written as ." + format.extension()
                    + " ('" + file + "'); use a file name ending in .png or .svg");
        }
        return format;
    }

    // ---- drawing ----

    private void draw(Canvas c) {
        double[] xr = range(true);
        double[] yr = range(false);
        boolean integerX = allIntegers();
        double[] xt = ticks(xr[0], xr[1], 8, integerX);
        double[] yt = ticks(yr[0], yr[1], 6, false);
        double xs = tickStep(xr[0], xr[1], 8, integerX);
        double ys = tickStep(yr[0], yr[1], 6, false);
        double x0 = xr[0];
        double x1 = xr[1];
        double y0 = yr[0];
        double y1 = yr[1];

        double tickWidth = 0;
        for (double t : yt) {
            tickWidth = Math.max(tickWidth, TICK_FONT.width(format(t, ys)));
        }
        double left = 14 + (yLabel.isEmpty() ? 0 : LABEL_FONT.lineHeight() + 8) + tickWidth + 8;
        double top = title.isEmpty() ? 16 : 16 + TITLE_FONT.lineHeight() + 10;
        double right = 20;
        double bottom = 12 + TICK_FONT.lineHeight() + 8 + (xLabel.isEmpty() ? 0 : LABEL_FONT.lineHeight() + 6);
        double pw = width - left - right;
        double ph = height - top - bottom;
        Mapping m = new Mapping(left, top, pw, ph, x0, x1, y0, y1);

        if (!title.isEmpty()) {
            c.text(title, left + pw / 2, 16 + TITLE_FONT.ascent(), TITLE_FONT, Theme.INK, Canvas.Anchor.MIDDLE, 0);
        }
        for (double t : yt) {
            double py = m.py(t);
            c.stroke(line(left, py, left + pw, py), Theme.GRID, 0.8, false);
            c.stroke(line(left - 5, py, left, py), Theme.INK, 1, false);
            c.text(format(t, ys), left - 8, py + TICK_FONT.ascent() * 0.35, TICK_FONT, Theme.INK,
                    Canvas.Anchor.END, 0);
        }
        for (double t : xt) {
            double px = m.px(t);
            c.stroke(line(px, top, px, top + ph), Theme.GRID, 0.8, false);
            c.stroke(line(px, top + ph, px, top + ph + 5), Theme.INK, 1, false);
            c.text(format(t, xs), px, top + ph + 8 + TICK_FONT.ascent(), TICK_FONT, Theme.INK,
                    Canvas.Anchor.MIDDLE, 0);
        }
        c.strokeRect(left, top, pw, ph, Theme.INK, 1, false);
        if (!xLabel.isEmpty()) {
            c.text(xLabel, left + pw / 2, height - 12, LABEL_FONT, Theme.INK, Canvas.Anchor.MIDDLE, 0);
        }
        if (!yLabel.isEmpty()) {
            c.text(yLabel, 14 + LABEL_FONT.ascent(), top + ph / 2, LABEL_FONT, Theme.INK, Canvas.Anchor.MIDDLE, -90);
        }
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            Color color = PALETTE[s % PALETTE.length];
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            int points = 0;
            for (int i = 0; i < ser.x().length; i++) {
                if (!Double.isFinite(ser.x()[i]) || !Double.isFinite(ser.y()[i])) {
                    pen = false;
                    continue;
                }
                double px = m.px(ser.x()[i]);
                double py = m.py(ser.y()[i]);
                if (pen) {
                    path.lineTo(px, py);
                } else {
                    path.moveTo(px, py);
                    pen = true;
                }
                points++;
            }
            c.stroke(path, color, 2, false);
            if (points <= 40) {
                for (int i = 0; i < ser.x().length; i++) {
                    if (Double.isFinite(ser.x()[i]) && Double.isFinite(ser.y()[i])) {
                        c.fill(new java.awt.geom.Ellipse2D.Double(m.px(ser.x()[i]) - 2.5, m.py(ser.y()[i]) - 2.5, 5, 5),
                                color);
                    }
                }
            }
        }
        drawLegend(c, m);
    }

    private void drawLegend(Canvas c, Mapping m) {
        if (series.isEmpty()) {
            return;
        }
        double swatch = 22;
        double rowH = LEGEND_FONT.lineHeight() + 4;
        double textW = 0;
        for (Series s : series) {
            textW = Math.max(textW, LEGEND_FONT.width(s.name()));
        }
        double w = 8 + swatch + 6 + textW + 10;
        double h = 6 + rowH * series.size() + 4;
        // pick the corner that hides the fewest data points
        double[][] corners = {
            {m.left + m.w - w - 8, m.top + 8}, {m.left + m.w - w - 8, m.top + m.h - h - 8},
            {m.left + 8, m.top + 8}, {m.left + 8, m.top + m.h - h - 8},
        };
        double[] best = corners[0];
        int bestCount = Integer.MAX_VALUE;
        for (double[] corner : corners) {
            int count = 0;
            for (Series s : series) {
                for (int i = 0; i < s.x().length; i++) {
                    double px = m.px(s.x()[i]);
                    double py = m.py(s.y()[i]);
                    if (px >= corner[0] - 4 && px <= corner[0] + w + 4 && py >= corner[1] - 4 && py <= corner[1] + h + 4) {
                        count++;
                    }
                }
            }
            if (count < bestCount) {
                bestCount = count;
                best = corner;
            }
        }
        double lx = best[0];
        double ly = best[1];
        c.fillRect(lx, ly, w, h, Color.WHITE);
        c.strokeRect(lx, ly, w, h, new Color(0xC8, 0xC8, 0xC8), 1, false);
        for (int i = 0; i < series.size(); i++) {
            double cy = ly + 6 + rowH * i + rowH / 2;
            c.stroke(line(lx + 8, cy, lx + 8 + swatch, cy), PALETTE[i % PALETTE.length], 2, false);
            c.text(series.get(i).name(), lx + 8 + swatch + 6, cy + LEGEND_FONT.ascent() * 0.38, LEGEND_FONT,
                    Theme.INK, Canvas.Anchor.START, 0);
        }
    }

    private static Path2D line(double xa, double ya, double xb, double yb) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xa, ya);
        p.lineTo(xb, yb);
        return p;
    }

    /** Maps data coordinates to layout units. */
    private record Mapping(double left, double top, double w, double h, double x0, double x1, double y0, double y1) {
        double px(double x) {
            return left + (x - x0) / (x1 - x0) * w;
        }

        double py(double y) {
            return top + h - (y - y0) / (y1 - y0) * h;
        }
    }

    private boolean allIntegers() {
        for (Series s : series) {
            for (double v : s.x()) {
                if (Double.isFinite(v) && v != Math.rint(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The finite min and max over all series (0..1 when there is no data; widened when flat). */
    private double[] range(boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    double v = xAxis ? s.x()[i] : s.y()[i];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new double[] {lo - pad, hi + pad};
        }
        double pad = (hi - lo) * (xAxis ? 0.03 : 0.05);
        return new double[] {lo - pad, hi + pad};
    }

    /** Tick positions inside [lo, hi] at a step of 1, 2, 2.5 or 5 times a power of ten. */
    static double[] ticks(double lo, double hi, int target, boolean integer) {
        double step = tickStep(lo, hi, target, integer);
        double first = Math.ceil(lo / step - 1e-9) * step;
        double last = Math.floor(hi / step + 1e-9) * step;
        int count = Math.max(0, (int) Math.round((last - first) / step) + 1);
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    /** A step of 1, 2, 2.5 or 5 times a power of ten giving about {@code target} ticks over [lo, hi]. */
    static double tickStep(double lo, double hi, int target, boolean integer) {
        double raw = (hi - lo) / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag * 10;
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * mag >= raw) {
                step = f * mag;
                break;
            }
        }
        if (integer) {
            step = Math.max(1, Math.ceil(step));
        }
        return step;
    }

    /** A tick label with just enough decimals for the tick step. */
    static String format(double v, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (step * Math.pow(10, decimals) % 1 > 1e-6) {
            decimals++;
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(Math.min(decimals, 12), java.math.RoundingMode.HALF_UP);
        String s = d.toPlainString();
        return s.equals("-0") || s.matches("-0\\.0*") ? s.substring(1) : s;
    }
}
