package dev.airfoil.examples.generalisation;

import dev.airfoil.data.Dataset;
import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.ModelLearner;
import dev.airfoil.evaluation.Scorer;
import dev.airfoil.evaluation.Splits;
import dev.airfoil.evaluation.ensemble.Bagging;
import dev.airfoil.evaluation.trees.DecisionTreeClassifier;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;

/**
 * Bagging on wine: one decision tree against 50 bagged trees (and a random-subspace variant), with
 * out-of-bag scores; then bagged small networks on standardised wine.
 */
public final class BaggingExample {
    private BaggingExample() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        Dataset wine = Dataset.load("wine");
        Splits.Split s = Splits.trainTest(wine.y(), 0.3, 0, true);
        Tensor xTr = Arrays2.rows(wine.x(), s.train());
        Tensor yTr = Arrays2.rows(wine.y(), s.train());
        Tensor xTe = Arrays2.rows(wine.x(), s.test());
        Tensor yTe = Arrays2.rows(wine.y(), s.test());
        DecisionTreeClassifier one = new DecisionTreeClassifier();
        one.fit(xTr, yTr, null);
        System.out.printf("wine: one full decision tree, test accuracy %.4f%n",
                Scorer.ACCURACY.score(yTe, one.predict(xTe)));
        for (int n : new int[] {5, 20, 50}) {
            Bagging bag = Bagging.of(DecisionTreeClassifier::new).estimators(n).oobScore(true).seed(0);
            bag.fit(xTr, yTr, null);
            System.out.printf("  %2d bagged trees: test accuracy %.4f, out-of-bag %.4f%n", n,
                    Scorer.ACCURACY.score(yTe, bag.predict(xTe)), bag.oobScore());
        }
        Bagging sub = Bagging.of(DecisionTreeClassifier::new).estimators(50).maxFeatures(0.5).oobScore(true).seed(0);
        sub.fit(xTr, yTr, null);
        System.out.printf("  50 trees on random halves of the features: test %.4f, out-of-bag %.4f%n",
                Scorer.ACCURACY.score(yTe, sub.predict(xTe)), sub.oobScore());

        Tensor xs = Nets.standardise(wine.x());
        FitOptions fo = FitOptions.builder().epochs(15).batchSize(16).verbose(0).build();
        ModelLearner net = ModelLearner.of(Nets.classifier(8, 3, 0.01), fo);
        net.fit(Arrays2.rows(xs, s.train()), yTr, null);
        System.out.printf("%nwine, one Dense(8)-Dense(3) network: test accuracy %.4f%n",
                Scorer.ACCURACY.score(yTe, net.predict(Arrays2.rows(xs, s.test()))));
        Bagging nets = Bagging.of(() -> ModelLearner.of(Nets.classifier(8, 3, 0.01), fo)).estimators(10)
                .oobScore(true).seed(0);
        nets.fit(Arrays2.rows(xs, s.train()), yTr, null);
        System.out.printf("  10 bagged networks (soft voting): test %.4f, out-of-bag %.4f%n",
                Scorer.ACCURACY.score(yTe, nets.predict(Arrays2.rows(xs, s.test()))), nets.oobScore());
    }
}
