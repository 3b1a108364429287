package dev.airfoil.visualization;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Graphs shared by the visualization tests. */
final class Samples {
    private Samples() {
    }

    /** The Keras multi-input multi-output example: two inputs, two outputs. */
    static GraphSpec.Builder twoInTwoOut() {
        return GraphSpec.builder().name("sample")
                .node("in1", NodeLabel.of("input_1 (InputLayer)")
                        .withRow("Input shape: (None, 10, 28)", "Output shape: (None, 10, 28)")
                        .withRow("Input dtype: float32", "Output dtype: float32"))
                .node("in2", NodeLabel.of("input_2 (InputLayer)")
                        .withRow("Input shape: (None, 10, 28)", "Output shape: (None, 10, 28)"))
                .node("d", NodeLabel.of("dense (Dense)")
                        .withRow("Input shape: (None, 10, 28)", "Output shape: (None, 10, 100)")
                        .withRow("Activation: relu"))
                .node("d1", NodeLabel.of("dense_1 (Dense)")
                        .withRow("Input shape: (None, 10, 100)", "Output shape: (None, 10, 28)"))
                .node("cat", NodeLabel.of("concatenate (Concatenate)")
                        .withRow("Input shape: [(None, 10, 28), (None, 10, 28)]", "Output shape: (None, 10, 56)"))
                .node("main", NodeLabel.of("main_output (Dense)")
                        .withRow("Input shape: (None, 10, 56)", "Output shape: (None, 10, 1)"))
                .node("sub", NodeLabel.of("sub_output (Dense)")
                        .withRow("Input shape: (None, 10, 28)", "Output shape: (None, 10, 1)"))
                .edge("in1", "d").edge("d", "d1").edge("d1", "cat").edge("in2", "cat")
                .edge("cat", "main").edge("d1", "sub");
    }

    /** A model with a nested model (cluster) inside another nested model. */
    static GraphSpec.Builder nested() {
        return GraphSpec.builder().name("outer")
                .cluster("enc", "encoder (Functional)", null)
                .cluster("blk", "block (Sequential)", "enc")
                .node("in", NodeLabel.of("input (InputLayer)"))
                .node("e1", NodeLabel.of("enc_dense (Dense)"), "enc")
                .node("b1", NodeLabel.of("block_dense (Dense)").withRow("Activation: relu"), "blk")
                .node("b2", NodeLabel.of("block_dropout (Dropout)"), "blk")
                .node("e2", NodeLabel.of("enc_out (Dense)"), "enc")
                .node("side", NodeLabel.of("side (Dense)"))
                .node("out", NodeLabel.of("add (Add)"))
                .edge("in", "e1").edge("e1", "b1").edge("b1", "b2").edge("b2", "e2")
                .edge("in", "side").edge("e2", "out").edge("side", "out");
    }

    /** A random DAG with edges from lower to higher index. */
    static GraphSpec randomDag(long seed, int nodes, double density, RankDir dir) {
        Random r = new Random(seed);
        GraphSpec.Builder b = GraphSpec.builder().rankDir(dir);
        for (int i = 0; i < nodes; i++) {
            NodeLabel label = NodeLabel.of("layer_" + i + " (" + (r.nextBoolean() ? "Dense" : "Conv2D") + ")");
            for (int k = r.nextInt(3); k > 0; k--) {
                label = label.withRow("Output shape: (None, " + r.nextInt(1000) + ")");
            }
            b.node("n" + i, label);
        }
        for (int i = 0; i < nodes; i++) {
            for (int j = i + 1; j < nodes; j++) {
                if (r.nextDouble() < density) {
                    b.edge("n" + i, "n" + j);
                }
            }
        }
        return b.build();
    }

    static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static List<String> texts(Document doc) {
        NodeList list = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add(list.item(i).getTextContent());
        }
        return out;
    }
}
