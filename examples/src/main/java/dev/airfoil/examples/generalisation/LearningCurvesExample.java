package dev.airfoil.examples.generalisation;

import dev.airfoil.callbacks.History;
import dev.airfoil.data.Dataset;
import dev.airfoil.data.DatasetSplit;
import dev.airfoil.data.Datasets;
import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Diagnosis;
import dev.airfoil.evaluation.EpochCurves;
import dev.airfoil.evaluation.LearningCurves;
import dev.airfoil.evaluation.ModelLearner;
import dev.airfoil.evaluation.Scorer;
import dev.airfoil.evaluation.SizeCurve;
import dev.airfoil.evaluation.StratifiedKFold;
import dev.airfoil.evaluation.trees.DecisionTreeClassifier;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;

import java.nio.file.Path;

/**
 * Under- and over-fitting on MNIST digits: a tiny network (under-fits), a big one trained on 500
 * images for many epochs (over-fits) and a middle one; each diagnosed from its learning curves, which
 * are written as PNG and SVG. Then learning curves over training-set size on the 8x8 digits.
 */
public final class LearningCurvesExample {
    private LearningCurvesExample() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        DatasetSplit mnist = Datasets.load("mnist-10k");
        Tensor x = mnist.xTrain().reshape(8000, 784);
        int[] small = new int[500];
        int[] val = new int[1000];
        for (int i = 0; i < 500; i++) {
            small[i] = i;
        }
        for (int i = 0; i < 1000; i++) {
            val[i] = 7000 + i;
        }
        Tensor xs = Arrays2.rows(x, small);
        Tensor ys = Arrays2.rows(mnist.yTrain(), small);
        Tensor xv = Arrays2.rows(x, val);
        Tensor yv = Arrays2.rows(mnist.yTrain(), val);
        Path out = Nets.outputDir();
        Object[][] runs = {
            {"tiny", 2, 0.001, 10},
            {"big", 256, 0.003, 40},
            {"medium", 32, 0.003, 12},
        };
        for (Object[] r : runs) {
            Seeds.setGlobalSeed(3);
            Model m = Nets.classifier((int) r[1], 10, (double) r[2]).get();
            History h = m.fit(xs, ys, FitOptions.builder().epochs((int) r[3]).batchSize(32).verbose(0)
                    .validationData(xv, yv).build());
            EpochCurves c = LearningCurves.fromHistory(h);
            Diagnosis d = c.diagnose(Math.log(10), 0.10, 0.5);
            System.out.printf("%s network (Dense(%d)), %d epochs on 500 images:%n  %s%n", r[0], r[1], r[3], d);
            c.writePlots(out, "mnist_" + r[0]);
        }
        System.out.println("plots: " + out.toAbsolutePath() + "/mnist_{tiny,big,medium}_{loss,accuracy}.{png,svg}");

        Dataset digits = Dataset.load("digits");
        for (int depth : new int[] {2, 10}) {
            SizeCurve s = LearningCurves.overTrainingSize(() -> new DecisionTreeClassifier().maxDepth(depth),
                    digits.x(), digits.y(), new double[] {0.1, 0.25, 0.5, 0.75, 1.0}, new StratifiedKFold(5),
                    Scorer.ACCURACY, 0);
            System.out.println("\ndigits, decision tree depth " + depth + ", 5-fold:");
            System.out.print(s.table());
            s.chart("digits, tree depth " + depth).write(out.resolve("digits_size_depth" + depth + ".png"));
            s.chart("digits, tree depth " + depth).write(out.resolve("digits_size_depth" + depth + ".svg"));
        }
        SizeCurve net = LearningCurves.overTrainingSize(() -> ModelLearner.of(Nets.classifier(32, 10, 0.01),
                        FitOptions.builder().epochs(15).batchSize(32).verbose(0).build()),
                Nets.standardise(digits.x()), digits.y(), new double[] {0.1, 0.3, 1.0}, new StratifiedKFold(3),
                Scorer.ACCURACY, 0);
        System.out.println("\ndigits, Dense(32)-Dense(10), 15 epochs, 3-fold:");
        System.out.print(net.table());
    }
}
