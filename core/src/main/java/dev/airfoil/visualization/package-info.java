/**
 * Drawing without Graphviz: the engine behind a Keras-style {@code plot_model}, and learning-curve charts.
 *
 * <h2>Graphs</h2>
 * A {@link dev.airfoil.visualization.GraphSpec} describes what to draw, independent of any model class:
 * nodes with table-like {@link dev.airfoil.visualization.NodeLabel}s (a title such as {@code dense_1 (Dense)}
 * and rows of cells such as {@code Input shape: (None, 10, 28)} | {@code Output shape: (None, 10, 100)}),
 * directed edges in input order, optional clusters for nested models ({@code expand_nested}), a
 * {@link dev.airfoil.visualization.RankDir} and a dpi. The model package maps a model to a spec; this package
 * does the rest:
 * <ul>
 *   <li>{@link dev.airfoil.visualization.GraphLayout#of(GraphSpec)} computes a layered (Sugiyama-style) layout
 *       written here: longest-path ranks, barycenter crossing reduction, median placement projected exactly
 *       onto separation constraints, node sizes measured with the JDK's font metrics ({@code SansSerif}, works
 *       with {@code -Djava.awt.headless=true}), smooth edges with arrowheads. Clusters are laid out recursively
 *       as blocks, so a cluster box holds exactly its members.</li>
 *   <li>{@link dev.airfoil.visualization.GraphPlotter} draws the layout to PNG (Java2D, antialiased, scaled by
 *       dpi / 96; Keras's default dpi is 200) or SVG (hand-written, escaped XML), and
 *       {@link dev.airfoil.visualization.DotWriter} writes Graphviz DOT with HTML-like labels, like Keras's
 *       {@code model_to_dot}. The file extension picks the format ({@link dev.airfoil.visualization.OutputFormat});
 *       files are written atomically (temporary file in the same folder, then an atomic rename).</li>
 * </ul>
 *
 * <pre>{@code
 * GraphSpec spec = GraphSpec.builder()
 *         .node("in", NodeLabel.of("input_1 (InputLayer)"))
 *         .node("d", NodeLabel.of("dense (Dense)").withRow("Input shape: (None, 8)", "Output shape: (None, 1)"))
 *         .edge("in", "d")
 *         .build();
 * GraphPlotter.write(spec, Path.of("model.png"));
 * }</pre>
 *
 * <h2>Charts</h2>
 * {@link dev.airfoil.visualization.LineChart} draws one or more series (loss and val_loss per epoch, ...)
 * with axes, ticks, grid, legend and title, to PNG or SVG.
 *
 * <p><b>Why not XChart.</b> XChart 4.0.3 was considered: it is a 425 KB jar with no mandatory transitive
 * dependencies, so it would not have made the core heavy. But its SVG export needs the optional
 * VectorGraphics2D library, its look and text measurement would differ from the graph drawings, and a line
 * chart with a legend is only a few hundred lines on top of the two small canvases this package already needs
 * for graphs (Java2D for PNG, hand-written SVG). So the charts share those renderers, and the core gains no
 * dependency.
 */
package dev.airfoil.visualization;
