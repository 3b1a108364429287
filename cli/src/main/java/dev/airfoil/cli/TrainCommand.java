package dev.airfoil.cli;

import dev.airfoil.callbacks.BackupAndRestore;
import dev.airfoil.callbacks.CSVLogger;
import dev.airfoil.callbacks.Callback;
import dev.airfoil.callbacks.EarlyStopping;
import dev.airfoil.callbacks.History;
import dev.airfoil.data.Scaler;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import dev.airfoil.training.FitState;
import dev.airfoil.utils.Seeds;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code airfoil train}: trains a model on data and saves it. MODEL is an untrained architecture
 * (a Keras config JSON) or a saved model to train further ({@code .airfoil} keeps its compile
 * settings, optimizer state and epoch count unless flags override them; {@code .keras} and
 * {@code .h5} files bring their weights).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model on data and save it.",
            "MODEL is a Keras config JSON (an untrained architecture) or a saved model (.airfoil, .keras, .h5)"
                + " to train further; a saved .airfoil model keeps its compile settings and optimizer state"
                + " unless --optimizer/--loss/--metrics override them, and --epochs counts on from its last epoch."},
        footer = {"", "Examples:",
            "  airfoil train mlp.json --data mnist-10k --loss sparse_categorical_crossentropy --metrics accuracy \\",
            "      --epochs 5 --validation-split 0.1 --save mnist.airfoil",
            "  airfoil train mlp.json --x x.npy --y y.npy --loss mse --epochs 20 --standardize --save reg.airfoil",
            "  airfoil train flowers.json --data flowers.csv --label species --loss sparse_categorical_crossentropy \\",
            "      --metrics accuracy --standardize --epochs 50 --csv-log log.csv --save flowers.airfoil",
            "  airfoil train mnist.airfoil --data mnist-10k --epochs 5 --save mnist.airfoil     (5 more epochs)"})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Config JSON or saved model (.airfoil, .keras, .h5).")
    Path modelFile;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nTraining data (one of):%n")
    DataOptions data;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Label column of a --data CSV file: a header name or a 0-based index (default: the last).")
    String label;

    @ArgGroup(exclusive = true, heading = "%nValidation (optional, one of):%n")
    Validation validation;

    /** {@code --validation-split} or {@code --val-x}/{@code --val-y}. */
    static final class Validation {
        @Option(names = "--validation-split", paramLabel = "F",
                description = "Hold out the last fraction F of the training data (as Keras), 0 < F < 1.")
        Double split;

        @ArgGroup(exclusive = false)
        ValXY xy;
    }

    /** {@code --val-x FILE --val-y FILE}. */
    static final class ValXY {
        @Option(names = "--val-x", required = true, paramLabel = "FILE", description = "Validation features.")
        String x;

        @Option(names = "--val-y", required = true, paramLabel = "FILE", description = "Validation targets.")
        String y;
    }

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10",
            description = "Epochs to train (default: ${DEFAULT-VALUE}); a saved model trains N more.")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Samples per gradient step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "adam, sgd, rmsprop, adamw, ... (default: the saved one, else adam).")
    String optimizer;

    @Option(names = "--learning-rate", paramLabel = "F", description = "Learning rate (default: the optimizer's).")
    Double learningRate;

    @Option(names = "--loss", paramLabel = "NAME",
            description = "Keras loss name, e.g. sparse_categorical_crossentropy, categorical_crossentropy,"
                    + " binary_crossentropy, mse, mae (required unless MODEL was saved compiled).")
    String loss;

    @Option(names = "--metrics", paramLabel = "a,b", split = ",",
            description = "Metrics, e.g. accuracy,mae (default: the saved ones, else none).")
    List<String> metrics;

    @Option(names = "--no-shuffle", description = "Keep the sample order (default: shuffle every epoch).")
    boolean noShuffle;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for weight initialisation and shuffling (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--scale", paramLabel = "standard|minmax",
            description = "Fit a scaler on the training features and save it with the model"
                    + " (MODEL.preprocessing.json); evaluate and predict apply it.")
    String scale;

    @Option(names = "--standardize", description = "Same as --scale standard.")
    boolean standardize;

    @Option(names = "--csv-log", paramLabel = "FILE", description = "Append a CSV row of metrics after every epoch.")
    Path csvLog;

    @Option(names = "--backup-dir", paramLabel = "DIR",
            description = "Back the run up to DIR every epoch; rerunning the same command after a crash resumes.")
    Path backupDir;

    @Option(names = "--early-stopping-patience", paramLabel = "N",
            description = "Stop after N epochs without improvement of val_loss (loss without validation data)"
                    + " and keep the best weights.")
    Integer patience;

    @Option(names = "--verbose", paramLabel = "0|1|2",
            description = "0 silent, 1 progress bar, 2 one line per epoch (default: 1).", defaultValue = "1")
    int verbose;

    @Option(names = "--save", required = true, paramLabel = "OUT",
            description = "Where to save the trained model: .airfoil (everything, for further training), .keras"
                    + " (Keras 3) or .json (architecture only).")
    Path save;

    @Override
    public Integer call() throws Exception {
        validateFlags();
        ModelFiles.checkSavePath(save, "--save");
        if (csvLog != null) {
            OutputFiles.checkWritable(csvLog, "--csv-log");
        }
        if (backupDir != null) {
            OutputFiles.checkWritable(backupDir.resolve(BackupAndRestore.BACKUP_FILE), "--backup-dir");
        }
        Seeds.setGlobalSeed(seed);
        Compiling.checkNames(optimizer, loss, metrics);
        Model model = ModelFiles.load(modelFile);
        String compiled = Compiling.compile(model, optimizer, learningRate, loss, metrics, true);

        LabeledData train = DataLoader.load(data, "train", label);
        DataLoader.requireFinite(train);
        Preprocessing previous = Preprocessing.load(modelFile);
        Scaler scaler = null;
        Tensor x = train.x();
        if (scaleName() != null) {
            scaler = Preprocessing.newScaler(scaleName());
            x = fitScaler(scaler, x, train.xName());
        } else if (previous.scaler() != null) {
            scaler = previous.scaler();
            x = scaler.transform(x);
        }
        x = ModelFiles.adaptInputs(model, List.of(x), List.of(train.xName())).get(0);

        int initialEpoch = 0;
        FitState state = model.fitState();
        if (state != null && state.epoch() > 0) {
            initialEpoch = state.epoch();
        }
        FitOptions.Builder fit = FitOptions.builder().epochs(initialEpoch + epochs).initialEpoch(initialEpoch)
                .batchSize(batchSize).shuffle(!noShuffle).seed(seed).verbose(verbose);
        boolean hasValidation = false;
        if (validation != null && validation.split != null) {
            fit.validationSplit(validation.split);
            hasValidation = true;
        } else if (validation != null && validation.xy != null) {
            Tensor vx = TensorFiles.read(validation.xy.x, "--val-x");
            Tensor vy = TensorFiles.readLabels(validation.xy.y, "--val-y");
            DataLoader.checkSameLength(vx, vy, "--val-x " + validation.xy.x, "--val-y " + validation.xy.y);
            DataLoader.requireFinite(vx, "--val-x " + validation.xy.x, "features", List.of());
            DataLoader.requireFinite(vy, "--val-y " + validation.xy.y, "targets", List.of());
            if (scaler != null) {
                vx = scaler.transform(vx);
            }
            vx = ModelFiles.adaptInputs(model, List.of(vx), List.of("--val-x " + validation.xy.x)).get(0);
            fit.validationData(vx, vy);
            hasValidation = true;
        }
        List<Callback> callbacks = new ArrayList<>();
        if (backupDir != null) {
            callbacks.add(new BackupAndRestore(backupDir));
        }
        if (csvLog != null) {
            Path parent = csvLog.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            callbacks.add(new CSVLogger(csvLog, ",", initialEpoch > 0 || backupDir != null));
        }
        if (patience != null) {
            callbacks.add(new EarlyStopping().monitor(hasValidation ? "val_loss" : "loss").patience(patience)
                    .restoreBestWeights(true));
        }
        fit.callbacks(callbacks);

        if (verbose > 0) {
            System.out.printf(Locale.ROOT, "Training '%s' on %s: %,d samples of shape %s; %s%n", model.name(),
                    train.source(), train.size(), TensorFiles.shape(java.util.Arrays.copyOfRange(x.shape(), 1,
                            x.rank())), compiled);
            if (initialEpoch > 0) {
                System.out.printf(Locale.ROOT, "Continuing from epoch %d of the saved model%n", initialEpoch);
            }
        }
        long start = System.nanoTime();
        History history = model.fit(x, train.y(), fit.build());
        double seconds = (System.nanoTime() - start) / 1e9;

        ModelFiles.save(model, save);
        List<String> classNames = !train.classNames().isEmpty() ? train.classNames() : previous.classNames();
        List<String> featureNames = !train.featureNames().isEmpty() ? train.featureNames() : previous.featureNames();
        String labelName = train.labelName() != null ? train.labelName() : previous.labelName();
        Preprocessing prep = new Preprocessing(scaler, classNames, featureNames, labelName);
        prep.save(save);
        if (verbose > 0) {
            System.out.printf(Locale.ROOT, "Trained %d epoch(s) in %.1f s; final %s%n", lastEpochs(history),
                    seconds, finalLogs(history));
            System.out.println("Saved the model to " + save
                    + (prep.isEmpty() ? "" : " (and its preprocessing to " + Preprocessing.sideFile(save) + ")"));
        }
        return 0;
    }

    private String scaleName() {
        if (standardize) {
            return "standard";
        }
        return scale;
    }

    private void validateFlags() {
        if (epochs <= 0) {
            throw new ParameterException(spec.commandLine(), "--epochs must be a positive number, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be a positive number, got " + batchSize);
        }
        if (verbose < 0 || verbose > 2) {
            throw new ParameterException(spec.commandLine(), "--verbose must be 0, 1 or 2, got " + verbose);
        }
        if (patience != null && patience < 0) {
            throw new ParameterException(spec.commandLine(), "--early-stopping-patience must be >= 0");
        }
        if (validation != null && validation.split != null && !(validation.split > 0 && validation.split < 1)) {
            throw new ParameterException(spec.commandLine(), "--validation-split must be between 0 and 1 (exclusive), got "
                    + validation.split);
        }
        if (standardize && scale != null && !scale.equals("standard")) {
            throw new ParameterException(spec.commandLine(), "--standardize and --scale " + scale + " contradict each other");
        }
        if (scale != null && !scale.equals("standard") && !scale.equals("minmax")) {
            throw new ParameterException(spec.commandLine(), "--scale must be standard or minmax, got '" + scale + "'");
        }
        if (!save.getFileName().toString().contains(".")) {
            throw new ParameterException(spec.commandLine(), "--save " + save + ": name the file " + ModelFiles.SAVE_FORMATS);
        }
    }

    private static Tensor fitScaler(Scaler scaler, Tensor x, String what) {
        if (x.rank() < 2) {
            throw new CliException("--scale needs features of shape (samples, features); " + what + " has shape "
                    + TensorFiles.shape(x.shape()));
        }
        return scaler.fitTransform(x);
    }

    private static int lastEpochs(History h) {
        int n = 0;
        for (List<Double> v : h.history().values()) {
            n = Math.max(n, v.size());
        }
        return n;
    }

    static String finalLogs(History h) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, List<Double>> e : h.history().entrySet()) {
            if (e.getValue().isEmpty() || e.getKey().equals("learning_rate")) {
                continue;
            }
            if (b.length() > 0) {
                b.append(" - ");
            }
            b.append(e.getKey()).append(": ").append(String.format(Locale.ROOT, "%.4f",
                    e.getValue().get(e.getValue().size() - 1)));
        }
        return b.toString();
    }
}
