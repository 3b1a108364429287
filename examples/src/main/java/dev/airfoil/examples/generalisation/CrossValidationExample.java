package dev.airfoil.examples.generalisation;

import dev.airfoil.data.Dataset;
import dev.airfoil.evaluation.CrossValidation;
import dev.airfoil.evaluation.CvResult;
import dev.airfoil.evaluation.GroupKFold;
import dev.airfoil.evaluation.ModelLearner;
import dev.airfoil.evaluation.RepeatedKFold;
import dev.airfoil.evaluation.Scorer;
import dev.airfoil.evaluation.Splits;
import dev.airfoil.evaluation.StratifiedKFold;
import dev.airfoil.evaluation.trees.DecisionTreeClassifier;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;

/**
 * Cross-validation of a neural network on iris (stratified 5-fold, folds in parallel and checked
 * against a serial run), of decision trees on wine (repeated k-fold), and a grouped split.
 */
public final class CrossValidationExample {
    private CrossValidationExample() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        Dataset iris = Dataset.load("iris");
        Tensor x = Nets.standardise(iris.x());
        Splits.Split hold = Splits.trainValidationTest(iris.y(), 0.2, 0.2, 42, true);
        System.out.printf("iris train/validation/test (stratified, seed 42): %d / %d / %d%n",
                hold.train().length, hold.validation().length, hold.test().length);

        FitOptions fo = FitOptions.builder().epochs(30).batchSize(16).verbose(0).build();
        long t0 = System.nanoTime();
        CvResult par = CrossValidation.of(() -> ModelLearner.of(Nets.classifier(16, 3, 0.01), fo))
                .folds(StratifiedKFold.shuffled(5, 0)).scorers(Scorer.ACCURACY).seed(1).run(x, iris.y());
        long t1 = System.nanoTime();
        CvResult ser = CrossValidation.of(() -> ModelLearner.of(Nets.classifier(16, 3, 0.01), fo))
                .folds(StratifiedKFold.shuffled(5, 0)).scorers(Scorer.ACCURACY).seed(1).parallelism(1).run(x, iris.y());
        long t2 = System.nanoTime();
        System.out.println("\nDense(16)-Dense(3) on iris, stratified 5-fold, 30 epochs:");
        for (int f = 0; f < par.perFold().size(); f++) {
            System.out.printf("  fold %d: accuracy %.4f, loss %.4f%n", f + 1, par.perFold().get(f).get("accuracy"),
                    par.perFold().get(f).get("loss"));
        }
        System.out.println("  " + par.summary().replace("\n", "\n  "));
        System.out.printf("  parallel %.1f s, serial %.1f s, identical figures: %s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                par.perFold().equals(ser.perFold()));

        Dataset wine = Dataset.load("wine");
        System.out.println("\nDecision trees on wine, 5-fold x 3 repeats (stratified):");
        for (int depth : new int[] {1, 2, 3, 5}) {
            CvResult r = CrossValidation.of(() -> new DecisionTreeClassifier().maxDepth(depth))
                    .folds(new RepeatedKFold(5, 3, 0, true)).trainScores(true).run(wine.x(), wine.y());
            System.out.printf("  depth %d: train %.4f ± %.4f, test %.4f ± %.4f%n", depth, r.mean("train_accuracy"),
                    r.std("train_accuracy"), r.mean("accuracy"), r.std("accuracy"));
        }

        int[] groups = new int[wine.x().dim(0)];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = i % 10;   // e.g. ten measuring sessions
        }
        CvResult g = CrossValidation.of(() -> new DecisionTreeClassifier().maxDepth(3))
                .folds(new GroupKFold(5, groups)).run(wine.x(), wine.y());
        System.out.println("\nGroupKFold(5) over 10 groups, depth-3 tree: " + g.get("accuracy"));
    }
}
