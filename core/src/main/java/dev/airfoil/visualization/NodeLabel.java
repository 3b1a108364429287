package dev.airfoil.visualization;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The label of one node, shaped like the HTML-table nodes of Keras's {@code plot_model}: a title line
 * (for example {@code "dense_1 (Dense)"}, or just {@code "Dense"} when layer names are hidden) followed by
 * zero or more rows of cells (for example {@code "Input shape: (None, 10, 28)"} |
 * {@code "Output shape: (None, 10, 100)"}).
 *
 * <p>Instances are immutable; {@link #withRow(String...)} returns a copy with one more row.
 *
 * <pre>{@code
 * NodeLabel label = NodeLabel.of("dense_1 (Dense)")
 *         .withRow("Input shape: (None, 64)", "Output shape: (None, 10)")
 *         .withRow("Activation: relu");
 * }</pre>
 *
 * @param title the title line, drawn bold on a dark band; never null (may be empty)
 * @param rows  rows of cells below the title, in order; every row has at least one cell
 */
public record NodeLabel(String title, List<List<String>> rows) {

    /** Validates the arguments and makes deep immutable copies. */
    public NodeLabel {
        Objects.requireNonNull(title, "NodeLabel title must not be null (use \"\" for an empty title)");
        Objects.requireNonNull(rows, "NodeLabel rows must not be null (use List.of() for no rows)");
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row == null || row.isEmpty()) {
                throw new IllegalArgumentException("NodeLabel '" + title + "': row " + i
                        + " must have at least one cell, but was " + (row == null ? "null" : "empty"));
            }
            for (String cell : row) {
                Objects.requireNonNull(cell, () -> "NodeLabel '" + title + "': row has a null cell; use \"\"");
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /**
     * A label with a title and no rows.
     *
     * @param title the title line
     * @return the label
     */
    public static NodeLabel of(String title) {
        return new NodeLabel(title, List.of());
    }

    /**
     * A copy of this label with one more row.
     *
     * @param cells the cells of the new row, left to right; at least one
     * @return the new label
     */
    public NodeLabel withRow(String... cells) {
        List<List<String>> more = new ArrayList<>(rows);
        more.add(List.of(cells));
        return new NodeLabel(title, more);
    }

    /** The largest number of cells in any row (0 when there are no rows). */
    int maxCells() {
        int k = 0;
        for (List<String> row : rows) {
            k = Math.max(k, row.size());
        }
        return k;
    }
}
