package dev.airfoil.examples.generalisation;

import dev.airfoil.data.Dataset;
import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Bootstrap;
import dev.airfoil.evaluation.ModelLearner;
import dev.airfoil.evaluation.Scorer;
import dev.airfoil.evaluation.Splits;
import dev.airfoil.evaluation.trees.DecisionTreeClassifier;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;

/**
 * The bootstrap on breast cancer: a confidence interval for a network's test accuracy (percentile
 * and BCa), and the .632 / .632+ error estimates for trees of growing depth.
 */
public final class BootstrapExample {
    private BootstrapExample() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        Dataset bc = Dataset.load("breast-cancer");
        Tensor x = Nets.standardise(bc.x());
        Splits.Split s = Splits.trainTest(bc.y(), 0.3, 0, true);
        ModelLearner net = ModelLearner.of(Nets.classifier(16, 2, 0.01),
                FitOptions.builder().epochs(20).batchSize(32).verbose(0).build());
        net.fit(Arrays2.rows(x, s.train()), Arrays2.rows(bc.y(), s.train()), null);
        Tensor yt = Arrays2.rows(bc.y(), s.test());
        Tensor yp = net.predict(Arrays2.rows(x, s.test()));
        System.out.printf("Dense(16)-Dense(2) on breast cancer, %d test rows%n", s.test().length);
        for (Bootstrap.Method m : Bootstrap.Method.values()) {
            System.out.println("  test accuracy " + Bootstrap.metricInterval(Scorer.ACCURACY, yt, yp, 5000, 0.95, m, 1));
        }
        Bootstrap.Sample one = Bootstrap.sample(bc.x().dim(0), 7);
        System.out.printf("one bootstrap sample: %d draws, %d distinct rows, %d out of bag (%.1f%%; theory 36.8%%)%n",
                one.inBag().length, bc.x().dim(0) - one.outOfBag().length, one.outOfBag().length,
                100.0 * one.outOfBag().length / bc.x().dim(0));
        System.out.println("\n.632 / .632+ error of decision trees (100 bootstrap rounds):");
        for (int depth : new int[] {1, 2, 4, 30}) {
            Bootstrap.Estimate632 e = Bootstrap.point632(() -> new DecisionTreeClassifier().maxDepth(depth), bc.x(),
                    bc.y(), Bootstrap.PointLoss.ZERO_ONE, 100, 3);
            System.out.printf("  depth %2d: %s%n", depth, e);
        }
    }
}
