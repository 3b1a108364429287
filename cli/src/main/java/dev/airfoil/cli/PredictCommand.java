package dev.airfoil.cli;

import dev.airfoil.data.CsvData;
import dev.airfoil.data.CsvReader;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code airfoil predict}: runs a trained model on inputs and writes its outputs. A model with
 * several inputs takes {@code --input NAME=FILE} once per input; a model with several outputs
 * writes them to an {@code .npz} named by output (or side by side in a CSV).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a trained model on inputs and write its predictions.",
            "Outputs go to .npy (one output), .npz (named by output) or .csv (one row per sample). The scaler saved"
                + " with the model is applied; a CSV input may keep the label column the model was trained with"
                + " (it is ignored)."},
        footer = {"", "Examples:",
            "  airfoil predict mnist.airfoil --input x_new.npy --output probs.npy",
            "  airfoil predict flowers.airfoil --input new_flowers.csv --output predicted.csv --classes",
            "  airfoil predict two_in.airfoil --input Input_1=a.npy --input Input_2=b.npy --output out.npz"})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A trained model (.airfoil, .keras, .h5).")
    Path modelFile;

    @Option(names = "--input", required = true, paramLabel = "[NAME=]FILE",
            description = "Input data (.npy, .npz:NAME, .csv, IDX); NAME=FILE once per input of a multi-input model.")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Where the predictions go: .npy, .npz or .csv.")
    Path output;

    @Option(names = "--classes",
            description = "Write the predicted class (arg-max, or p > 0.5 for one sigmoid unit) instead of the"
                    + " raw outputs; in a CSV, as class names when the training labels were text.")
    boolean classes;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Samples per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() throws Exception {
        if (batchSize <= 0) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be a positive number, got " + batchSize);
        }
        String ol = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(ol.endsWith(".npy") || ol.endsWith(".npz") || ol.endsWith(".csv"))) {
            throw new ParameterException(spec.commandLine(), "--output " + output + ": name the file .npy, .npz or .csv");
        }
        OutputFiles.checkWritable(output, "--output");
        Model model = ModelFiles.load(modelFile);
        Preprocessing prep = Preprocessing.load(modelFile);
        List<KerasTensor> ins = ModelFiles.inputs(model);
        List<String> inputNames = model.inputNames();
        int n = Math.max(1, ins.size());

        Tensor[] xs = new Tensor[n];
        String[] where = new String[n];
        for (String spec1 : inputs) {
            String name = null;
            String file = spec1;
            int eq = spec1.indexOf('=');
            if (eq > 0 && inputNames.contains(spec1.substring(0, eq))) {
                name = spec1.substring(0, eq);
                file = spec1.substring(eq + 1);
            } else if (eq > 0 && !spec1.substring(0, eq).contains(".") && !spec1.substring(0, eq).contains("/")) {
                throw new CliException("--input " + spec1 + ": the model has no input named '" + spec1.substring(0, eq)
                        + "'; its inputs are " + inputNames);
            }
            int slot;
            if (name != null) {
                slot = inputNames.indexOf(name);
            } else if (inputs.size() == 1 && n == 1) {
                slot = 0;
            } else {
                throw new CliException("model '" + model.name() + "' has " + n + " inputs " + inputNames
                        + "; give each as --input NAME=FILE");
            }
            if (xs[slot] != null) {
                throw new CliException("input '" + inputNames.get(slot) + "' is given twice");
            }
            xs[slot] = readInput(file, prep);
            where[slot] = "--input " + spec1;
        }
        for (int i = 0; i < n; i++) {
            if (xs[i] == null) {
                throw new CliException("missing --input " + inputNames.get(i) + "=FILE (the model's inputs are "
                        + inputNames + ")");
            }
        }
        if (prep.scaler() != null) {
            if (n != 1) {
                throw new CliException("the saved scaler applies to single-input models only");
            }
            LabeledData d = new LabeledData(xs[0], xs[0], where[0], where[0], null, null, null);
            xs[0] = prep.scaler().transform(EvaluateCommand.checkFeatures(prep, d));
        }
        List<Tensor> xList = ModelFiles.adaptInputs(model, List.of(xs), List.of(where));
        for (int i = 1; i < xList.size(); i++) {
            if (xList.get(i).dim(0) != xList.get(0).dim(0)) {
                throw new CliException(where[i] + " has " + xList.get(i).dim(0) + " samples but " + where[0] + " has "
                        + xList.get(0).dim(0) + "; every input needs the same number of samples");
            }
        }
        ModelFiles.requireTrained(model, modelFile, "predict");
        List<Tensor> outs = model.predict(xList, batchSize);
        List<String> outNames = model.outputNames();
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        for (int i = 0; i < outs.size(); i++) {
            String key = outs.size() == 1 && ol.endsWith(".csv") ? (classes ? "class" : "prediction")
                    : i < outNames.size() ? outNames.get(i) : "output_" + i;
            arrays.put(key, classes ? argmax(outs.get(i)) : outs.get(i));
        }
        if (ol.endsWith(".npy") && arrays.size() > 1) {
            throw new CliException("model '" + model.name() + "' has " + arrays.size() + " outputs " + arrays.keySet()
                    + "; write them to an .npz file (--output predictions.npz)");
        }
        if (ol.endsWith(".csv")) {
            Tensor only = arrays.size() == 1 ? arrays.values().iterator().next() : null;
            if (!classes && only != null && only.rank() == 2 && only.dim(1) == prep.classNames().size()
                    && only.dim(1) > 1) {
                // one probability column per class, headed by the class names
                Map<String, Tensor> cols = new LinkedHashMap<>();
                for (int j = 0; j < only.dim(1); j++) {
                    cols.put(prep.classNames().get(j), only.take(Tensor.ofInts(new int[] {j}, 1), 1).reshape(only.dim(0)));
                }
                TensorFiles.writeCsv(output, cols, null);
            } else {
                TensorFiles.writeCsv(output, arrays, classes && !prep.classNames().isEmpty() ? prep.classNames() : null);
            }
        } else {
            TensorFiles.write(output, arrays);
        }
        List<String> shapes = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            shapes.add(e.getKey() + " " + TensorFiles.shape(e.getValue().shape()));
        }
        System.out.println("Wrote " + String.join(", ", shapes) + " to " + output);
        return 0;
    }

    private static Tensor readInput(String file, Preprocessing prep) throws java.io.IOException {
        Path p = dev.airfoil.data.Npz.parseAddress(file).file();
        if (TensorFiles.isCsv(file) && java.nio.file.Files.exists(p)) {
            TensorFiles.requireRegularFile(p, "--input");
            CsvReader r = TensorFiles.csvReader(p);
            List<String> header = TensorFiles.firstLine(p, TensorFiles.delimiter(p));
            if (prep.labelName() != null && TensorFiles.hasHeader(p, TensorFiles.delimiter(p))
                    && header.contains(prep.labelName())) {
                CsvData d = TensorFiles.readCsv(r.withLabelColumn(prep.labelName())
                        .withLabelType(CsvReader.LabelType.CATEGORICAL), p);
                return d.features();
            }
        }
        return TensorFiles.read(file, "--input");
    }

    /** Class indices: arg-max over the last axis, or {@code p > 0.5} for a single unit. */
    static Tensor argmax(Tensor out) {
        int rows = out.dim(0);
        int k = out.rank() == 1 ? 1 : out.size() / Math.max(1, rows);
        if (out.rank() > 2) {
            throw new CliException("--classes needs outputs of shape (samples, classes); got "
                    + TensorFiles.shape(out.shape()));
        }
        float[] v = out.cast(dev.airfoil.tensor.DType.FLOAT32).toFloatArray();
        long[] labels = new long[rows];
        for (int i = 0; i < rows; i++) {
            if (k == 1) {
                labels[i] = v[i] > 0.5f ? 1 : 0;
                continue;
            }
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (v[i * k + j] > v[i * k + best]) {
                    best = j;
                }
            }
            labels[i] = best;
        }
        return Tensor.ofLongs(labels, rows);
    }
}
