package dev.airfoil.cli;

import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code airfoil evaluate}: the loss and metrics of a trained model on data (Keras's
 * {@code model.evaluate}), as text or JSON. The scaler saved with the model by
 * {@code train --scale} is applied first.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute a trained model's loss and metrics on data.",
            "Data sets with a predefined split use their test part unless :train is named."},
        footer = {"", "Examples:",
            "  airfoil evaluate mnist.airfoil --data mnist-10k            (the 2,000 test digits)",
            "  airfoil evaluate reg.airfoil --x x_test.npy --y y_test.npy --json",
            "  airfoil evaluate model.keras --data iris:test --loss sparse_categorical_crossentropy --metrics accuracy"})
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A trained model (.airfoil, .keras, .h5).")
    Path modelFile;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nData (one of):%n")
    DataOptions data;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Label column of a --data CSV file: a header name or a 0-based index (default: the one the"
                    + " model was trained on, else the last).")
    String label;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Samples per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--loss", paramLabel = "NAME", description = "Loss, for a model saved without compile settings.")
    String loss;

    @Option(names = "--metrics", paramLabel = "a,b", split = ",", description = "Metrics (default: the saved ones).")
    List<String> metrics;

    @Option(names = "--json", description = "Print a JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (batchSize <= 0) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be a positive number, got " + batchSize);
        }
        Compiling.checkNames(null, loss, metrics);
        Model model = ModelFiles.load(modelFile);
        Compiling.compile(model, null, null, loss, metrics, true);
        Preprocessing prep = Preprocessing.load(modelFile);
        String labelColumn = label;
        if (labelColumn == null && data.data != null && TensorFiles.isCsv(data.data) && prep.labelName() != null) {
            labelColumn = prep.labelName(); // the column the model was trained on
        }
        LabeledData d = DataLoader.load(data, "test", labelColumn);
        Tensor x = prep.scaler() != null ? prep.scaler().transform(checkFeatures(prep, d)) : d.x();
        x = ModelFiles.adaptInputs(model, List.of(x), List.of(d.xName())).get(0);
        ModelFiles.requireTrained(model, modelFile, "evaluate");
        Map<String, Double> results = model.evaluate(x, d.y(), batchSize, null, List.of());
        System.out.println(json ? Json.object(withSamples(results, d.size())) : text(results, d));
        return 0;
    }

    static Tensor checkFeatures(Preprocessing prep, LabeledData d) {
        int f = prep.scaler().featureCount();
        if (d.x().rank() < 2 || d.x().dim(d.x().rank() - 1) != f) {
            throw new CliException(d.xName() + " has shape " + TensorFiles.shape(d.x().shape())
                    + " but the model's scaler was fitted on " + f + " features; give data with " + f + " features");
        }
        return d.x();
    }

    private static Map<String, Object> withSamples(Map<String, Double> r, int n) {
        Map<String, Object> m = new LinkedHashMap<>(r);
        m.put("samples", n);
        return m;
    }

    private static String text(Map<String, Double> r, LabeledData d) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Evaluated on %s (%,d samples)%n", d.source(), d.size()));
        Map<String, Double> ordered = new LinkedHashMap<>();
        if (r.containsKey("loss")) {
            ordered.put("loss", r.get("loss"));
        }
        ordered.putAll(r);
        for (Map.Entry<String, Double> e : ordered.entrySet()) {
            b.append(String.format(Locale.ROOT, "%s: %.4f%n", e.getKey(), e.getValue()));
        }
        return b.toString().stripTrailing();
    }
}
