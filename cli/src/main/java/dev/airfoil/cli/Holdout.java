package dev.airfoil.cli;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Learner;
import dev.airfoil.evaluation.Scorer;
import dev.airfoil.evaluation.Splits;
import dev.airfoil.tensor.Tensor;

/**
 * A seeded train/test split of the data (stratified for integer labels), as the rows of each part:
 * the held-out data of {@code bagging}, {@code boosting} and {@code bias-variance}.
 *
 * @param split  the row indices of each part
 * @param xTrain the training features
 * @param yTrain the training targets
 * @param xTest  the test features
 * @param yTest  the test targets
 */
record Holdout(Splits.Split split, Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest) {
    /**
     * Splits the data.
     *
     * @param d            the data
     * @param testFraction the fraction held out, in (0, 1)
     * @param seed         the seed of the split
     */
    static Holdout of(LabeledData d, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new CliException("--test-fraction must be between 0 and 1 (exclusive), got " + testFraction);
        }
        Splits.Split s = Splits.trainTest(d.y(), testFraction, seed, Arrays2.isClassification(d.y()));
        return new Holdout(s, Arrays2.rows(d.x(), s.train()), Arrays2.rows(d.y(), s.train()),
                Arrays2.rows(d.x(), s.test()), Arrays2.rows(d.y(), s.test()));
    }

    /** The number of training samples. */
    int trainSize() {
        return split.train().length;
    }

    /** The number of test samples. */
    int testSize() {
        return split.test().length;
    }

    /** Trains a learner on the training part and scores it on the test part. */
    double fitAndScore(Learner learner, Scorer scorer) {
        learner.fit(xTrain, yTrain, null);
        return scorer.score(yTest, learner.predict(xTest));
    }

}
