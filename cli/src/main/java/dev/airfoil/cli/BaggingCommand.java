package dev.airfoil.cli;

import dev.airfoil.evaluation.ensemble.Bagging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

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
        EnsembleBaseline base = EnsembleBaseline.of(g, estimators, testFraction);
        LabeledData d = base.data();
        Holdout h = base.holdout();
        Bagging bag = Bagging.of(base.learners()).estimators(estimators).maxFeatures(maxFeatures)
                .oobScore(true).seed(g.seed).parallelism(1);
        Map<String, Object> m = base.result("bagging_test", h.fitAndScore(bag, base.scorer()));
        m.put("bagging_out_of_bag", bag.oobScore());
        m.put("estimators", estimators);
        m.put("train_samples", h.trainSize());
        m.put("test_samples", h.testSize());
        g.print(m, d, String.format(Locale.ROOT, "Bagging %d copies of '%s' on %s (%d epochs per fit)", estimators,
                g.modelFile.getFileName(), d.source(), g.epochs));
        return 0;
    }
}
