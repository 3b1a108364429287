package dev.airfoil.cli;

import dev.airfoil.evaluation.ModelLearner;
import dev.airfoil.evaluation.Scorer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The common start of {@code bagging} and {@code boosting}: the data, a factory of fresh learners, the
 * held-out split, the score for the targets, and the test score of one copy the ensemble is compared with.
 *
 * @param data        the loaded (and preprocessed) data
 * @param learners    fresh copies of the model as learners
 * @param holdout     the train/test split
 * @param scorer      accuracy for integer labels, mean squared error otherwise
 * @param singleScore the test score of a single copy
 */
record EnsembleBaseline(LabeledData data, Supplier<ModelLearner> learners, Holdout holdout, Scorer scorer,
                        double singleScore) {

    /**
     * Checks the ensemble size, loads the data and scores one copy of the model on the held-out part.
     *
     * @param g            the shared options (data, model, fit settings, seed)
     * @param estimators   the ensemble size asked for (at least 1)
     * @param testFraction the fraction held out, in (0, 1)
     */
    static EnsembleBaseline of(GeneralisationOptions g, int estimators, double testFraction) throws java.io.IOException {
        if (estimators < 1) {
            throw new CliException("--estimators must be at least 1, got " + estimators);
        }
        LabeledData d = g.load();
        Supplier<ModelLearner> learners = g.learnerFactory(g.modelFactory(d));
        Holdout h = Holdout.of(d, testFraction, g.seed);
        Scorer scorer = GeneralisationOptions.scorer(d.y());
        return new EnsembleBaseline(d, learners, h, scorer, h.fitAndScore(learners.get(), scorer));
    }

    /** The start of the result: the metric's name, the single copy's score, then the ensemble's under {@code ensembleKey}. */
    Map<String, Object> result(String ensembleKey, double ensembleScore) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", scorer.name());
        m.put("single_model_test", singleScore);
        m.put(ensembleKey, ensembleScore);
        return m;
    }
}
