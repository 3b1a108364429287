package dev.airfoil.visualization;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats the writers produce, chosen from a file name's extension. */
public enum OutputFormat {
    /** Raster image, antialiased, at the drawing's dpi. */
    PNG("png"),
    /** Scalable vector graphics, hand-written SVG 1.1. */
    SVG("svg"),
    /** Graphviz DOT source (graphs only). */
    DOT("dot");

    private final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    /** @return the file extension without the dot, lower case */
    public String extension() {
        return extension;
    }

    /**
     * The format for a file name, from its extension (case-insensitive).
     *
     * @param file the output file
     * @return the format
     * @throws IllegalArgumentException if the extension is missing or unsupported
     */
    public static OutputFormat fromPath(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString();
        int dot = s.lastIndexOf('.');
        String ext = dot < 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (OutputFormat f : values()) {
            if (f.extension.equals(ext)) {
                return f;
            }
        }
        throw new IllegalArgumentException("cannot tell the output format of '" + file + "': expected a file name "
                + "ending in .png, .svg or .dot, but the extension was "
                + (ext.isEmpty() ? "missing" : "'." + ext + "'") + "; rename the file, for example to 'model.png'");
    }
}
