package dev.airfoil.cli;

import dev.airfoil.evaluation.Scorer;
import dev.airfoil.evaluation.ensemble.Bagging;
import dev.airfoil.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code airfoil bagging}: a bagging ensemble of fresh copies of a model, compared with one copy on held-out data. */
@Command(name = "bagging", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bagging: train N fresh copies of MODEL on bootstrap samples and average them (soft voting);",
            "reports the test score of the ensemble against a single copy, and the out-of-bag score."},
        footer = {"", "Example:", "  airfoil bagging iris_mlp.json --data iris --loss sparse_categorical_crossentropy \\",
            "      --estimators 10 --epochs 50 --standardize"})
public final class BaggingCommand implements Callable<Integer> {
    @Mixin
    GeneralisationOptions g;

    @Option(names = "--estimators", paramLabel = "N", defaultValue = "10", description = "Ensemble members (default: ${DEFAULT-VALUE}).")
    int estimators;

    @Option(names = "--max-features", paramLabel = "F", defaultValue = "1.0",
            description = "Fraction of the features each member sees (default: ${DEFAULT-VALUE}).")
    double maxFeatures;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Fraction held out for the test score (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Override
    public Integer call() throws Exception {
        if (estimators < 1) {
            throw new CliException("--estimators must be at least 1, got " + estimators);
        }
        LabeledData d = g.load();
        Supplier<Model> models = g.modelFactory(d);
        Holdout h = Holdout.of(d, testFraction, g.seed);
        Scorer scorer = GeneralisationOptions.scorer(d.y());
        double singleScore = h.fitAndScore(g.learnerFactory(models).get(), scorer);
        Bagging bag = Bagging.of(g.learnerFactory(models)).estimators(estimators).maxFeatures(maxFeatures)
                .oobScore(true).seed(g.seed).parallelism(1);
        double bagScore = h.fitAndScore(bag, scorer);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", scorer.name());
        m.put("single_model_test", singleScore);
        m.put("bagging_test", bagScore);
        m.put("bagging_out_of_bag", bag.oobScore());
        m.put("estimators", estimators);
        m.put("train_samples", h.trainSize());
        m.put("test_samples", h.testSize());
        g.print(m, d, String.format(Locale.ROOT, "Bagging %d copies of '%s' on %s (%d epochs per fit)", estimators,
                g.modelFile.getFileName(), d.source(), g.epochs));
        return 0;
    }
}
