package dev.airfoil.models;

/**
 * Options of {@link ModelPlot#plotModel}, with Keras 3's {@code plot_model} names and defaults:
 * shapes, dtypes, layer names and activations hidden, top-to-bottom, nested models collapsed,
 * 200 dpi.
 *
 * @param showShapes       show input and output shapes
 * @param showDtype        show input and output dtypes
 * @param showLayerNames   title nodes {@code name (Type)} instead of {@code Type}
 * @param showLayerActivations show the activation of layers that have one
 * @param showTrainable    show whether each layer is trainable
 * @param rankdir          {@code "TB"} (top to bottom) or {@code "LR"} (left to right)
 * @param expandNested     draw the layers of nested models inside a box
 * @param dpi              resolution of PNG output
 */
public record PlotOptions(boolean showShapes, boolean showDtype, boolean showLayerNames, boolean showLayerActivations,
                          boolean showTrainable, String rankdir, boolean expandNested, int dpi) {
    /** Validates the direction and resolution. */
    public PlotOptions {
        if (!"TB".equals(rankdir) && !"LR".equals(rankdir)) {
            throw new IllegalArgumentException("plot_model: rankdir must be 'TB' or 'LR', got '" + rankdir + "'");
        }
        if (dpi <= 0) {
            throw new IllegalArgumentException("plot_model: dpi must be positive, got " + dpi);
        }
    }

    /** Keras's defaults. */
    public static PlotOptions defaults() {
        return new PlotOptions(false, false, false, false, false, "TB", false, 200);
    }

    /** With shapes shown. */
    public PlotOptions withShapes(boolean v) {
        return new PlotOptions(v, showDtype, showLayerNames, showLayerActivations, showTrainable, rankdir, expandNested, dpi);
    }

    /** With dtypes shown. */
    public PlotOptions withDtype(boolean v) {
        return new PlotOptions(showShapes, v, showLayerNames, showLayerActivations, showTrainable, rankdir, expandNested, dpi);
    }

    /** With layer names shown. */
    public PlotOptions withLayerNames(boolean v) {
        return new PlotOptions(showShapes, showDtype, v, showLayerActivations, showTrainable, rankdir, expandNested, dpi);
    }

    /** With activations shown. */
    public PlotOptions withLayerActivations(boolean v) {
        return new PlotOptions(showShapes, showDtype, showLayerNames, v, showTrainable, rankdir, expandNested, dpi);
    }

    /** With trainability shown. */
    public PlotOptions withTrainable(boolean v) {
        return new PlotOptions(showShapes, showDtype, showLayerNames, showLayerActivations, v, rankdir, expandNested, dpi);
    }

    /** With a direction, {@code "TB"} or {@code "LR"}. */
    public PlotOptions withRankdir(String v) {
        return new PlotOptions(showShapes, showDtype, showLayerNames, showLayerActivations, showTrainable, v, expandNested, dpi);
    }

    /** With nested models expanded. */
    public PlotOptions withExpandNested(boolean v) {
        return new PlotOptions(showShapes, showDtype, showLayerNames, showLayerActivations, showTrainable, rankdir, v, dpi);
    }

    /** With a resolution. */
    public PlotOptions withDpi(int v) {
        return new PlotOptions(showShapes, showDtype, showLayerNames, showLayerActivations, showTrainable, rankdir, expandNested, v);
    }
}
