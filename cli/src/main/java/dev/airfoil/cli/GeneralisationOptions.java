package dev.airfoil.cli;

import dev.airfoil.data.StandardScaler;
import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.ModelLearner;
import dev.airfoil.evaluation.Scorer;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.optimizers.Optimizers;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.CompileOptions;
import dev.airfoil.utils.Seeds;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The options shared by {@code cv}, {@code bootstrap}, {@code bias-variance}, {@code bagging} and
 * {@code boosting}: a model whose architecture is trained afresh many times, the data, and how each
 * copy is compiled and fitted. A picocli mixin.
 */
public final class GeneralisationOptions {
    /** The model: only its architecture (and compile settings, if saved) is used. */
    @Parameters(index = "0", paramLabel = "MODEL",
            description = "Config JSON or saved model; only its architecture (and compile settings) is used,"
                    + " every copy starts from fresh weights.")
    Path modelFile;

    /** The data. */
    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nData (one of):%n")
    DataOptions data;

    /** The label column of a CSV file. */
    @Option(names = "--label", paramLabel = "COLUMN", description = "Label column of a --data CSV file (default: the last).")
    String label;

    /** The loss. */
    @Option(names = "--loss", paramLabel = "NAME", description = "Loss (required unless MODEL was saved compiled).")
    String loss;

    /** The optimizer. */
    @Option(names = "--optimizer", paramLabel = "NAME", description = "Optimizer (default: the saved one, else adam).")
    String optimizer;

    /** The learning rate. */
    @Option(names = "--learning-rate", paramLabel = "F", description = "Learning rate (default: the optimizer's).")
    Double learningRate;

    /** The metrics. */
    @Option(names = "--metrics", paramLabel = "a,b", split = ",", description = "Compiled metrics.")
    List<String> metrics;

    /** Epochs per fit. */
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", description = "Epochs of every fit (default: ${DEFAULT-VALUE}).")
    int epochs;

    /** Batch size. */
    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    /** Seed. */
    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Standardize the features. */
    @Option(names = "--standardize",
            description = "Standardize the features first (statistics of all the data given; a small leak into held-out parts).")
    boolean standardize;

    /** JSON output. */
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /** Loaded data, after standardisation. */
    LabeledData load() throws java.io.IOException {
        if (epochs <= 0 || batchSize <= 0) {
            throw new CliException("--epochs and --batch-size must be positive");
        }
        LabeledData d = DataLoader.load(data, "train", label);
        DataLoader.requireFinite(d);
        if (standardize) {
            Tensor x = new StandardScaler().fitTransform(d.x());
            d = new LabeledData(x, d.y(), d.source(), d.xName(), d.classNames(), d.featureNames(), d.labelName());
        }
        return d;
    }

    /**
     * A factory of fresh compiled models of MODEL's architecture, checked once against the data.
     *
     * @param d the data, to check the model's input against
     */
    Supplier<Model> modelFactory(LabeledData d) throws java.io.IOException {
        Seeds.setGlobalSeed(seed);
        Model template = ModelFiles.load(modelFile);
        Compiling.compile(template, optimizer, learningRate, loss, metrics, true);
        ModelFiles.adaptInputs(template, List.of(d.x()), List.of(d.xName()));
        Map<String, Object> arch = template.serialize();
        CompileOptions co = template.compileOptions();
        Map<String, Object> opt = template.optimizer().serialize();
        return () -> {
            Model m = Models.fromConfig(arch);
            CompileOptions.Builder b = CompileOptions.builder().optimizer(Optimizers.get(opt)).loss(co.loss());
            if (co.lossWeights() != null) {
                b.lossWeights(co.lossWeights());
            }
            if (co.metrics() != null) {
                b.metricsPerOutput(co.metrics());
            }
            m.compile(b.build());
            return m;
        };
    }

    /** A learner that trains a fresh model with these fit options (quietly). */
    Supplier<ModelLearner> learnerFactory(Supplier<Model> models) {
        return () -> ModelLearner.of(models, b -> b.epochs(epochs).batchSize(batchSize).verbose(0).seed(seed));
    }

    /** Accuracy for integer labels, mean squared error otherwise. */
    static Scorer scorer(Tensor y) {
        return Arrays2.isClassification(y) ? Scorer.ACCURACY : Scorer.MSE;
    }

    /**
     * Prints a command's result: with {@code --json} as a JSON object with the data source added under
     * {@code "data"}, else a title line over a two-column table.
     *
     * @param m     the result, in print order
     * @param d     the data
     * @param title the line above the table
     */
    void print(Map<String, Object> m, LabeledData d, String title) {
        if (json) {
            m.put("data", d.source());
            System.out.println(Json.object(m));
        } else {
            System.out.println(title);
            System.out.println(Table.pairs(m));
        }
    }
}
