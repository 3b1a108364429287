package dev.airfoil.models;

import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Node;
import dev.airfoil.layers.Variable;
import dev.airfoil.tensor.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@code model.summary()} exactly as Keras 3 prints it: a box-drawn table of layers
 * ({@code name (Type)}, output shape, parameter count, and {@code Connected to} for non-sequential
 * graphs), then the parameter totals with their memory size.
 *
 * <p>Column widths follow Keras: line length 88 (3 columns) or 108 (4 columns), capped by
 * {@code COLUMNS - 4} when that environment variable is set; columns at fractions
 * [0.45, 0.80, 1.0] or [0.3, 0.56, 0.74, 1.0] of the line, then shrunk evenly (rounding half to
 * even) to fit the borders, as the rich library does.
 */
public final class Summary {
    private Summary() {
    }

    /** Keras's default line length for this model, capped by the {@code COLUMNS} environment variable. */
    static int defaultLineLength(Model model) {
        int def = sequentialLike(model) ? 88 : 108;
        String cols = System.getenv("COLUMNS");
        if (cols != null) {
            try {
                def = Math.min(def, Integer.parseInt(cols.trim()) - 4);
            } catch (NumberFormatException ignored) {
                // keep the default
            }
        }
        return def;
    }

    private static boolean sequentialLike(Model model) {
        if (model instanceof Sequential || !model.isFunctional()) {
            return true;
        }
        return model.graph().isSequentialLike();
    }

    /** The summary text at a given line length. */
    static String render(Model model, int lineLength, boolean expandNested) {
        boolean seq = sequentialLike(model);
        double[] positions = seq ? new double[] {0.45, 0.80, 1.0} : new double[] {0.3, 0.56, 0.74, 1.0};
        String[] header = seq ? new String[] {"Layer (type)", "Output Shape", "Param #"}
                : new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"};
        boolean[] right = seq ? new boolean[] {false, false, true} : new boolean[] {false, false, true, false};
        int[] widths = columnWidths(positions, lineLength);

        List<String[]> rows = new ArrayList<>();
        FunctionalGraph graph = model.isFunctional() && !(model instanceof Sequential) ? model.graph() : null;
        for (Layer l : model.layers()) {
            addRows(rows, l, 0, expandNested, seq, graph);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n");
        sb.append(rule('┏', '━', '┳', '┓', widths)).append('\n');
        appendRow(sb, header, widths, right, '┃');
        sb.append(rule('┡', '━', '╇', '┩', widths)).append('\n');
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0) {
                sb.append(rule('├', '─', '┼', '┤', widths)).append('\n');
            }
            appendRow(sb, rows.get(r), widths, right, '│');
        }
        sb.append(rule('└', '─', '┴', '┘', widths)).append('\n');

        long trainable = count(model.trainableWeights());
        long nonTrainable = count(model.nonTrainableWeights());
        long optimizer = model.optimizerParamCount();
        long total = trainable + nonTrainable + Math.max(0, optimizer);
        sb.append(" Total params: ").append(totalLine(total)).append('\n');
        sb.append(" Trainable params: ").append(totalLine(trainable)).append('\n');
        sb.append(" Non-trainable params: ").append(totalLine(nonTrainable));
        if (optimizer >= 0) {
            sb.append('\n').append(" Optimizer params: ").append(totalLine(optimizer));
        }
        return sb.toString();
    }

    private static void addRows(List<String[]> rows, Layer l, int level, boolean expand, boolean seq, FunctionalGraph graph) {
        String prefix = level == 0 ? "" : "   ".repeat(level) + "└ ";
        String params = l.isBuilt() ? String.format(Locale.ROOT, "%,d", l.countParams()) : "0 (unbuilt)";
        String name = prefix + l.name() + " (" + l.typeName() + ")";
        if (seq) {
            rows.add(new String[] {name, outputShape(l), params});
        } else {
            rows.add(new String[] {name, outputShape(l), params, connections(l, graph)});
        }
        if (expand && l instanceof Model) {
            for (Layer sub : ((Model) l).layers()) {
                addRows(rows, sub, level + 1, expand, seq, graph);
            }
        }
    }

    private static String outputShape(Layer l) {
        List<Node> nodes = l.inboundNodes();
        List<int[]> shapes;
        if (!nodes.isEmpty()) {
            shapes = nodes.get(nodes.size() - 1).outputs().stream().map(KerasTensor::shape).toList();
        } else if (l.isBuilt() && l.buildInputShapes() != null) {
            try {
                shapes = l.computeOutputShapes(l.buildInputShapes());
            } catch (RuntimeException e) {
                return "?";
            }
        } else {
            return "?";
        }
        if (shapes.size() == 1) {
            return Shape.keras(shapes.get(0));
        }
        return "[" + String.join(", ", shapes.stream().map(Shape::keras).toList()) + "]";
    }

    private static String connections(Layer l, FunctionalGraph graph) {
        StringBuilder sb = new StringBuilder();
        for (Node node : l.inboundNodes()) {
            if (graph != null && !graph.contains(node)) {
                continue;
            }
            for (KerasTensor kt : node.inputs()) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(kt.layer().name()).append('[').append(kt.node().indexInLayer()).append("][")
                        .append(kt.index()).append(']');
            }
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    /** Column widths including one space of padding on each side, as rich computes them. */
    static int[] columnWidths(double[] positions, int lineLength) {
        int n = positions.length;
        int[] w = new int[n];
        int current = 0;
        for (int i = 0; i < n; i++) {
            int width = (int) (positions[i] * lineLength) - current;
            w[i] = width + 2;
            current += width;
        }
        int available = lineLength - (n + 1);
        int sum = 0;
        for (int x : w) {
            sum += x;
        }
        if (sum > available) {
            int remaining = sum - available;
            int ratioLeft = n;
            for (int i = 0; i < n; i++) {
                int d = (int) Math.min(w[i], Math.rint((double) remaining / ratioLeft));
                w[i] -= d;
                remaining -= d;
                ratioLeft--;
            }
        }
        return w;
    }

    private static String rule(char left, char fill, char mid, char rightCh, int[] widths) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int i = 0; i < widths.length; i++) {
            sb.append(String.valueOf(fill).repeat(widths[i]));
            sb.append(i == widths.length - 1 ? rightCh : mid);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] cells, int[] widths, boolean[] right, char border) {
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cells.length; i++) {
            List<String> w = wrap(cells[i], widths[i] - 2);
            wrapped.add(w);
            lines = Math.max(lines, w.size());
        }
        for (int line = 0; line < lines; line++) {
            sb.append(border);
            for (int i = 0; i < cells.length; i++) {
                String text = line < wrapped.get(i).size() ? wrapped.get(i).get(line) : "";
                int pad = widths[i] - 2 - text.length();
                sb.append(' ');
                if (right[i]) {
                    sb.append(" ".repeat(Math.max(0, pad))).append(text);
                } else {
                    sb.append(text).append(" ".repeat(Math.max(0, pad)));
                }
                sb.append(' ').append(border);
            }
            sb.append('\n');
        }
    }

    /** Word-wraps at spaces; words longer than the width are folded. */
    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        if (width <= 0) {
            out.add(text);
            return out;
        }
        int indent = 0;
        while (indent < text.length() && text.charAt(indent) == ' ') {
            indent++;
        }
        StringBuilder line = new StringBuilder(text.substring(0, indent));
        for (String word : text.substring(indent).split(" ", -1)) {
            String w = word;
            if (line.length() > indent && line.length() + 1 + w.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            } else if (line.length() > indent) {
                line.append(' ');
            }
            while (w.length() > width) {
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                out.add(w.substring(0, width));
                w = w.substring(width);
            }
            line.append(w);
        }
        out.add(line.toString());
        return out;
    }

    private static long count(List<Variable> vars) {
        long n = 0;
        for (Variable v : vars) {
            n += v.size();
        }
        return n;
    }

    private static String totalLine(long count) {
        return String.format(Locale.ROOT, "%,d", count) + " (" + readableSize(count * 4) + ")";
    }

    /** Keras's {@code readable_memory_size}: B, KB, MB, ... in powers of 1024 with two decimals. */
    static String readableSize(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        for (String unit : units) {
            if (v / 1024 < 1) {
                return String.format(Locale.ROOT, "%.2f %s", v, unit);
            }
            v /= 1024;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, "PB");
    }
}
