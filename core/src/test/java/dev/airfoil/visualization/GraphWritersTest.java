package dev.airfoil.visualization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class GraphWritersTest {

    @TempDir
    Path dir;

    @Test
    void dotHasNodesLabelsEdgesInOrderAndRankdir() {
        GraphSpec spec = Samples.twoInTwoOut().build();
        String dot = DotWriter.toDot(spec);
        assertTrue(dot.startsWith("digraph \"sample\" {\n"), dot);
        assertTrue(dot.endsWith("}\n"));
        assertTrue(dot.contains("rankdir=\"TB\""));
        assertTrue(dot.contains("dpi=200"));
        assertEquals(7, dot.split("\\[label=<<table", -1).length - 1, "one HTML-table node per layer");
        for (GraphSpec.Node n : spec.nodes()) {
            assertTrue(dot.contains("\"" + n.id() + "\" [label=<<table"), n.id());
            assertTrue(dot.contains("<b>" + n.label().title() + "</b>"), n.label().title());
        }
        assertTrue(dot.contains("<td>Input shape: (None, 10, 28)</td><td>Output shape: (None, 10, 100)</td>"));
        assertTrue(dot.contains("<td colspan=\"2\">Activation: relu</td>"), "a one-cell row spans the table");
        int last = -1;
        for (GraphSpec.Edge e : spec.edges()) {
            int at = dot.indexOf("\"" + e.from() + "\" -> \"" + e.to() + "\";");
            assertTrue(at > last, "edge " + e + " present and in order");
            last = at;
        }
        assertEquals(dot.chars().filter(c -> c == '{').count(), dot.chars().filter(c -> c == '}').count());
        assertTrue(DotWriter.toDot(Samples.twoInTwoOut().rankDir(RankDir.LR).dpi(96).build())
                .contains("rankdir=\"LR\", dpi=96"));
    }

    @Test
    void dotEscapesIdsAndLabelsAndWritesClusters() {
        GraphSpec spec = GraphSpec.builder().name("m \"x\"")
                .cluster("inner", "inner (Functional)", null)
                .node("a\"b", NodeLabel.of("Dense Layer (Dense)").withRow("x < y & z"), "inner")
                .node("c\\d", NodeLabel.of("it's"))
                .edge("a\"b", "c\\d").build();
        String dot = DotWriter.toDot(spec);
        assertTrue(dot.contains("digraph \"m \\\"x\\\"\" {"), dot);
        assertTrue(dot.contains("\"a\\\"b\" -> \"c\\\\d\";"), dot);
        assertTrue(dot.contains("x &lt; y &amp; z"), dot);
        assertTrue(dot.contains("it&#39;s"), dot);
        assertTrue(dot.contains("subgraph \"cluster_inner\" {"), dot);
        assertTrue(dot.indexOf("\"a\\\"b\" [label") > dot.indexOf("subgraph \"cluster_inner\""), "member inside");
    }

    @Test
    void svgIsWellFormedAndHasEveryLabel() throws Exception {
        GraphSpec spec = Samples.twoInTwoOut().build();
        Document doc = Samples.parseXml(GraphPlotter.toSvg(spec));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        List<String> texts = Samples.texts(doc);
        for (GraphSpec.Node n : spec.nodes()) {
            assertTrue(texts.contains(n.label().title()), n.label().title());
            for (List<String> row : n.label().rows()) {
                for (String cell : row) {
                    assertTrue(texts.contains(cell), cell);
                }
            }
        }
        assertEquals(spec.edges().size() * 2,
                doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength(), "line + arrowhead");
    }

    @Test
    void svgEscapesAwkwardText() throws Exception {
        String nasty = "a<b & \"c\" 'd' \u0001 ]]> \uD83D\uDE00";
        GraphSpec spec = Samples.nested().node("x", NodeLabel.of(nasty).withRow(nasty, "ok")).build();
        List<String> texts = Samples.texts(Samples.parseXml(GraphPlotter.toSvg(spec)));
        assertTrue(texts.contains("a<b & \"c\" 'd' \uFFFD ]]> \uD83D\uDE00"), texts.toString());
        assertTrue(texts.contains("encoder (Functional)"), "cluster label drawn");
    }

    @Test
    void pngDecodesAndScalesWithDpi() throws Exception {
        GraphLayout layout = GraphLayout.of(Samples.twoInTwoOut().build());
        Path small = dir.resolve("small.png");
        Path big = dir.resolve("big.png");
        assertEquals(OutputFormat.PNG, GraphPlotter.write(Samples.twoInTwoOut().dpi(96).build(), small));
        GraphPlotter.write(Samples.twoInTwoOut().build(), big);
        BufferedImage a = ImageIO.read(small.toFile());
        BufferedImage b = ImageIO.read(big.toFile());
        assertEquals((int) Math.ceil(layout.width()), a.getWidth());
        assertEquals((int) Math.ceil(layout.height()), a.getHeight());
        assertEquals(Math.ceil(layout.width() * 200 / 96.0), b.getWidth());
        assertEquals(200 / 96.0, (double) b.getHeight() / a.getHeight(), 0.01);
        assertEquals(0xFFFFFFFF, b.getRGB(1, 1), "white background");
    }

    @Test
    void formatComesFromTheExtensionAndWritesAreAtomic() throws Exception {
        GraphSpec spec = Samples.nested().build();
        assertEquals(OutputFormat.SVG, GraphPlotter.write(spec, dir.resolve("m.SVG")));
        assertEquals(OutputFormat.DOT, GraphPlotter.write(spec, dir.resolve("sub/m.dot")));
        assertTrue(Files.readString(dir.resolve("sub/m.dot")).startsWith("digraph"));
        GraphPlotter.write(spec, dir.resolve("sub/m.dot"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphPlotter.write(spec, dir.resolve("m.jpg")));
        assertTrue(e.getMessage().contains(".png, .svg or .dot") && e.getMessage().contains("'.jpg'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GraphPlotter.write(spec, dir.resolve("model")));
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }
}
