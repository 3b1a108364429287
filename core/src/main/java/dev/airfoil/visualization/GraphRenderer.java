package dev.airfoil.visualization;

import java.util.List;

/** Draws a {@link GraphLayout} on a {@link Canvas}: cluster boxes, then edges, then node tables. */
final class GraphRenderer {

    private GraphRenderer() {
    }

    static void draw(GraphLayout layout, Canvas canvas) {
        EdgeRouter router = new EdgeRouter(layout.rankDir());
        for (GraphLayout.ClusterBox c : layout.clusters()) {
            canvas.fillRect(c.x(), c.y(), c.width(), c.height(), Theme.CLUSTER_BACKGROUND);
            canvas.strokeRect(c.x(), c.y(), c.width(), c.height(), Theme.CLUSTER_BORDER, 1.2, true);
            canvas.text(c.label(), c.x() + Theme.CLUSTER_PAD,
                    c.y() + Theme.CLUSTER_PAD / 2 + Theme.CLUSTER_FONT.ascent(), Theme.CLUSTER_FONT, Theme.INK,
                    Canvas.Anchor.START, 0);
        }
        for (GraphLayout.EdgeRoute e : layout.edges()) {
            canvas.stroke(router.curve(e), Theme.EDGE, 1.3, false);
            canvas.fill(router.arrowhead(e), Theme.EDGE);
        }
        for (GraphLayout.NodeBox n : layout.nodes()) {
            drawNode(n, canvas);
        }
    }

    private static void drawNode(GraphLayout.NodeBox n, Canvas canvas) {
        NodeGeometry g = NodeGeometry.measure(n.label());
        double x = n.x();
        double y = n.y();
        canvas.fillRect(x, y, n.width(), g.titleHeight(), Theme.TITLE_BACKGROUND);
        canvas.text(n.label().title(), x + n.width() / 2, y + Theme.CELL_PAD_Y + Theme.TITLE_FONT.ascent(),
                Theme.TITLE_FONT, Theme.TITLE_TEXT, Canvas.Anchor.MIDDLE, 0);
        double rowY = y + g.titleHeight();
        List<List<String>> rows = n.label().rows();
        for (int r = 0; r < rows.size(); r++) {
            double cellX = x;
            double[] widths = g.cellWidths().get(r);
            for (int c = 0; c < widths.length; c++) {
                canvas.fillRect(cellX, rowY, widths[c], g.rowHeight(), Theme.CELL_BACKGROUND);
                canvas.strokeRect(cellX, rowY, widths[c], g.rowHeight(), Theme.CELL_BORDER, 0.8, false);
                canvas.text(rows.get(r).get(c), cellX + widths[c] / 2,
                        rowY + Theme.CELL_PAD_Y + Theme.CELL_FONT.ascent(), Theme.CELL_FONT, Theme.INK,
                        Canvas.Anchor.MIDDLE, 0);
                cellX += widths[c];
            }
            rowY += g.rowHeight();
        }
        canvas.strokeRect(x, y, n.width(), n.height(), Theme.INK, 1.2, false);
    }
}
