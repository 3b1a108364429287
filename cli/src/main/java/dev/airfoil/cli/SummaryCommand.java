package dev.airfoil.cli;

import dev.airfoil.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code airfoil summary}: prints Keras's {@code model.summary()} table for a model file. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print the Keras-format summary of a model (.airfoil, .keras, .h5, or a Keras config JSON).",
        footer = {"", "Examples:", "  airfoil summary mlp.json", "  airfoil summary mnist.airfoil --expand-nested"})
public final class SummaryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file.")
    Path modelFile;

    @Option(names = "--line-length", paramLabel = "N", description = "Table width (default: Keras's).")
    Integer lineLength;

    @Option(names = "--expand-nested", description = "Show the layers of nested models.")
    boolean expandNested;

    @Override
    public Integer call() throws Exception {
        if (lineLength != null && lineLength < 40) {
            throw new CliException("--line-length must be at least 40, got " + lineLength);
        }
        Model model = ModelFiles.load(modelFile);
        System.out.println(model.summary(lineLength, expandNested));
        Preprocessing prep = Preprocessing.load(modelFile);
        if (prep.scaler() != null) {
            System.out.println("Preprocessing: " + prep.scaler() + " (from " + Preprocessing.sideFile(modelFile) + ")");
        }
        if (!prep.classNames().isEmpty()) {
            System.out.println("Classes: " + String.join(", ", prep.classNames()));
        }
        return 0;
    }
}
