package dev.airfoil.visualization;

/**
 * The direction in which a layered graph flows, as Graphviz's {@code rankdir} and Keras's
 * {@code plot_model(rankdir=...)}.
 */
public enum RankDir {
    /** Top to bottom: inputs at the top, outputs at the bottom (the Keras default). */
    TB,
    /** Left to right: inputs on the left, outputs on the right. */
    LR;

    /** Whether ranks advance along the y axis. */
    boolean vertical() {
        return this == TB;
    }
}
