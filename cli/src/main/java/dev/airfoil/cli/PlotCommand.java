package dev.airfoil.cli;

import dev.airfoil.models.Model;
import dev.airfoil.models.ModelPlot;
import dev.airfoil.models.PlotOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code airfoil plot}: draws a model's graph (Keras's {@code plot_model}) to PNG, SVG or DOT, no Graphviz needed. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw a model's layer graph (Keras's plot_model) to a .png, .svg or .dot file.",
        footer = {"", "Examples:", "  airfoil plot mlp.json -o model.png --show-shapes",
            "  airfoil plot mnist.airfoil -o model.svg --show-shapes --show-layer-names --rankdir LR"})
public final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (.airfoil, .keras, .h5, .json).")
    Path modelFile;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "A .png, .svg or .dot file.")
    Path output;

    @Option(names = "--show-shapes", description = "Show input and output shapes.")
    boolean showShapes;

    @Option(names = "--show-dtype", description = "Show dtypes.")
    boolean showDtype;

    @Option(names = "--show-layer-names", description = "Show layer names.")
    boolean showLayerNames;

    @Option(names = "--show-layer-activations", description = "Show activations.")
    boolean showActivations;

    @Option(names = "--show-trainable", description = "Show whether layers are trainable.")
    boolean showTrainable;

    @Option(names = "--rankdir", paramLabel = "TB|LR", defaultValue = "TB",
            description = "TB top to bottom, LR left to right (default: ${DEFAULT-VALUE}).")
    String rankdir;

    @Option(names = "--expand-nested", description = "Draw the layers inside nested models.")
    boolean expandNested;

    @Option(names = "--dpi", paramLabel = "N", defaultValue = "200", description = "PNG resolution (default: ${DEFAULT-VALUE}).")
    int dpi;

    @Override
    public Integer call() throws Exception {
        String l = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(l.endsWith(".png") || l.endsWith(".svg") || l.endsWith(".dot"))) {
            throw new ParameterException(spec.commandLine(), "-o " + output + ": name the file .png, .svg or .dot");
        }
        if (!rankdir.equals("TB") && !rankdir.equals("LR")) {
            throw new ParameterException(spec.commandLine(), "--rankdir must be TB or LR, got '" + rankdir + "'");
        }
        if (dpi <= 0 || dpi > 1200) {
            throw new ParameterException(spec.commandLine(), "--dpi must be between 1 and 1200, got " + dpi);
        }
        OutputFiles.checkWritable(output, "-o");
        Model model = ModelFiles.load(modelFile);
        PlotOptions o = PlotOptions.defaults().withShapes(showShapes).withDtype(showDtype)
                .withLayerNames(showLayerNames).withLayerActivations(showActivations).withTrainable(showTrainable)
                .withRankdir(rankdir).withExpandNested(expandNested).withDpi(dpi);
        ModelPlot.plotModel(model, output, o);
        System.out.println("Saved the model plot to " + output);
        return 0;
    }
}
