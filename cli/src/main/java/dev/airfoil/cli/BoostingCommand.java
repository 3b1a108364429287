package dev.airfoil.cli;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Learner;
import dev.airfoil.evaluation.ensemble.AdaBoostClassifier;
import dev.airfoil.evaluation.ensemble.AdaBoostRegressor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code airfoil boosting}: AdaBoost over fresh copies of a model, compared with one copy on held-out data. */
@Command(name = "boosting", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"AdaBoost with MODEL as the weak learner (SAMME for integer labels, AdaBoost.R2 for real",
            "targets): each copy is trained with sample weights that stress the previous copies' mistakes;",
            "reports the test score of the ensemble against a single copy."},
        footer = {"", "Example:", "  airfoil boosting small.json --data breast-cancer --loss sparse_categorical_crossentropy \\",
            "      --estimators 10 --epochs 10 --standardize"})
public final class BoostingCommand implements Callable<Integer> {
    @Mixin
    GeneralisationOptions g;

    @Option(names = "--estimators", paramLabel = "N", defaultValue = "10", description = "Boosting rounds (default: ${DEFAULT-VALUE}).")
    int estimators;

    @Option(names = "--boost-learning-rate", paramLabel = "F", defaultValue = "1.0",
            description = "Shrinkage of each member's weight (default: ${DEFAULT-VALUE}).")
    double boostLearningRate;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Fraction held out for the test score (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Override
    public Integer call() throws Exception {
        EnsembleBaseline base = EnsembleBaseline.of(g, estimators, testFraction);
        LabeledData d = base.data();
        Holdout h = base.holdout();
        Learner boost = Arrays2.isClassification(d.y())
                ? new AdaBoostClassifier(base.learners()).estimators(estimators)
                        .learningRate(boostLearningRate).seed(g.seed)
                : new AdaBoostRegressor(base.learners()).estimators(estimators)
                        .learningRate(boostLearningRate).seed(g.seed);
        Map<String, Object> m = base.result("boosting_test", h.fitAndScore(boost, base.scorer()));
        int used = boost instanceof AdaBoostClassifier ? ((AdaBoostClassifier) boost).size()
                : ((AdaBoostRegressor) boost).size();
        m.put("members_used", used);
        m.put("train_samples", h.trainSize());
        m.put("test_samples", h.testSize());
        g.print(m, d, String.format(Locale.ROOT, "AdaBoost over up to %d copies of '%s' on %s (%d epochs per fit)",
                estimators, g.modelFile.getFileName(), d.source(), g.epochs));
        return 0;
    }
}
