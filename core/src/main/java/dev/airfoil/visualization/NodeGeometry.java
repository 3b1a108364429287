package dev.airfoil.visualization;

import java.util.ArrayList;
import java.util.List;

/**
 * The measured size of a node label and the widths of its cells, from font metrics.
 *
 * @param width       node width
 * @param height      node height
 * @param titleHeight height of the title band
 * @param rowHeight   height of each row of cells
 * @param cellWidths  for each row, the widths of its cells; they sum to {@code width}
 */
record NodeGeometry(double width, double height, double titleHeight, double rowHeight, List<double[]> cellWidths) {

    static NodeGeometry measure(NodeLabel label) {
        double titleHeight = Theme.TITLE_FONT.lineHeight() + 2 * Theme.CELL_PAD_Y;
        double rowHeight = Theme.CELL_FONT.lineHeight() + 2 * Theme.CELL_PAD_Y;
        double width = Theme.TITLE_FONT.width(label.title()) + 2 * Theme.CELL_PAD_X;
        List<double[]> natural = new ArrayList<>();
        for (List<String> row : label.rows()) {
            double[] w = new double[row.size()];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = Theme.CELL_FONT.width(row.get(i)) + 2 * Theme.CELL_PAD_X;
                sum += w[i];
            }
            natural.add(w);
            width = Math.max(width, sum);
        }
        width = Math.ceil(Math.max(width, 60));
        List<double[]> cells = new ArrayList<>();
        for (double[] w : natural) {
            double sum = 0;
            for (double v : w) {
                sum += v;
            }
            double extra = (width - sum) / w.length;
            double[] stretched = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                stretched[i] = w[i] + extra;
            }
            cells.add(stretched);
        }
        double height = titleHeight + rowHeight * label.rows().size();
        return new NodeGeometry(width, Math.ceil(height), titleHeight, rowHeight, List.copyOf(cells));
    }
}
