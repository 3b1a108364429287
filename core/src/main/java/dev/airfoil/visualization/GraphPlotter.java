package dev.airfoil.visualization;

import dev.airfoil.utils.AtomicFiles;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws a {@link GraphSpec} the way Keras's {@code plot_model} does, without Graphviz: the layout is
 * computed in Java ({@link GraphLayout}) and drawn to PNG (Java2D, antialiased, scaled by dpi / 96) or
 * SVG (hand-written XML); DOT source is available for users who have Graphviz.
 *
 * <pre>{@code
 * GraphPlotter.write(spec, Path.of("model.png"));   // format from the extension: .png, .svg or .dot
 * BufferedImage image = GraphPlotter.toImage(spec);
 * }</pre>
 *
 * <p>Files are written atomically (a temporary file in the same folder, then renamed).
 */
public final class GraphPlotter {

    private GraphPlotter() {
    }

    /**
     * Draws a graph to a raster image at {@code spec.dpi()}.
     *
     * @param spec the graph
     * @return an ARGB image of size ceil(layout size * dpi / 96)
     */
    public static BufferedImage toImage(GraphSpec spec) {
        GraphLayout layout = GraphLayout.of(spec);
        Java2DCanvas canvas = new Java2DCanvas(layout.width(), layout.height(), spec.dpi());
        GraphRenderer.draw(layout, canvas);
        return canvas.finish();
    }

    /**
     * Draws a graph as an SVG document (sized in layout units; dpi does not apply).
     *
     * @param spec the graph
     * @return the SVG text
     */
    public static String toSvg(GraphSpec spec) {
        GraphLayout layout = GraphLayout.of(spec);
        SvgCanvas canvas = new SvgCanvas(layout.width(), layout.height(), spec.name());
        GraphRenderer.draw(layout, canvas);
        return canvas.finish();
    }

    /**
     * The Graphviz DOT source of a graph; same as {@link DotWriter#toDot(GraphSpec)}.
     *
     * @param spec the graph
     * @return DOT text
     */
    public static String toDot(GraphSpec spec) {
        return DotWriter.toDot(spec);
    }

    /**
     * Writes a graph to a file whose extension names the format ({@code .png}, {@code .svg}, {@code .dot}),
     * atomically; missing parent folders are created.
     *
     * @param spec the graph
     * @param file the output file
     * @return the format written
     * @throws IllegalArgumentException      if the extension is not one of the three
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static OutputFormat write(GraphSpec spec, Path file) {
        OutputFormat format = OutputFormat.fromPath(file);
        switch (format) {
            case PNG -> {
                BufferedImage image = toImage(spec);
                AtomicFiles.writeUnchecked(file, out -> ImageIO.write(image, "png", out));
            }
            case SVG -> {
                byte[] bytes = toSvg(spec).getBytes(StandardCharsets.UTF_8);
                AtomicFiles.writeUnchecked(file, out -> out.write(bytes));
            }
            case DOT -> {
                byte[] bytes = toDot(spec).getBytes(StandardCharsets.UTF_8);
                AtomicFiles.writeUnchecked(file, out -> out.write(bytes));
            }
            default -> throw new IllegalStateException(format.name());
        }
        return format;
    }
}
