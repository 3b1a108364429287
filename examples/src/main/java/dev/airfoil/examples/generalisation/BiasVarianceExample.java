package dev.airfoil.examples.generalisation;

import dev.airfoil.data.Dataset;
import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.BiasVariance;
import dev.airfoil.evaluation.ModelLearner;
import dev.airfoil.evaluation.Splits;
import dev.airfoil.evaluation.trees.DecisionTreeClassifier;
import dev.airfoil.evaluation.trees.DecisionTreeRegressor;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Sequential;
import dev.airfoil.optimizers.Adam;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import dev.airfoil.visualization.LineChart;

/**
 * The bias-variance trade-off across model sizes: squared error of regression trees of growing depth
 * on diabetes, 0-1 loss of classification trees on breast cancer, and networks of growing width on
 * diabetes. Writes the tree curve as PNG and SVG.
 */
public final class BiasVarianceExample {
    private BiasVarianceExample() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        Dataset d = Dataset.load("diabetes");
        Splits.Split s = Splits.trainTest(d.y(), 0.3, 123, false);
        Tensor xTr = Arrays2.rows(d.x(), s.train());
        Tensor yTr = Arrays2.rows(d.y(), s.train());
        Tensor xTe = Arrays2.rows(d.x(), s.test());
        Tensor yTe = Arrays2.rows(d.y(), s.test());
        int[] depths = {1, 2, 3, 4, 6, 8, 12};
        double[] dx = new double[depths.length];
        double[][] curves = new double[3][depths.length];
        System.out.println("diabetes, regression tree, 100 bootstrap rounds (squared error):");
        System.out.println("  depth   expected loss      bias²   variance");
        for (int i = 0; i < depths.length; i++) {
            int depth = depths[i];
            BiasVariance.Result r = BiasVariance.squaredError(() -> new DecisionTreeRegressor().maxDepth(depth),
                    xTr, yTr, xTe, yTe, 100, 123);
            System.out.printf("  %5d %15.1f %10.1f %10.1f%n", depth, r.expectedLoss(), r.bias(), r.variance());
            dx[i] = depth;
            curves[0][i] = r.expectedLoss();
            curves[1][i] = r.bias();
            curves[2][i] = r.variance();
        }
        LineChart c = new LineChart("Bias-variance trade-off (diabetes, regression trees)").xLabel("max depth")
                .yLabel("squared error").addSeries("expected loss", dx, curves[0]).addSeries("bias²", dx, curves[1])
                .addSeries("variance", dx, curves[2]);
        c.write(Nets.outputDir().resolve("bias_variance_trees.png"));
        c.write(Nets.outputDir().resolve("bias_variance_trees.svg"));

        Dataset bc = Dataset.load("breast-cancer");
        Splits.Split b = Splits.trainTest(bc.y(), 0.3, 123, true);
        System.out.println("\nbreast cancer, classification tree, 100 rounds (0-1 loss, Domingos):");
        for (int depth : new int[] {1, 2, 4, 8}) {
            BiasVariance.Result r = BiasVariance.zeroOne(() -> new DecisionTreeClassifier().maxDepth(depth),
                    Arrays2.rows(bc.x(), b.train()), Arrays2.rows(bc.y(), b.train()), Arrays2.rows(bc.x(), b.test()),
                    Arrays2.rows(bc.y(), b.test()), 100, 123);
            System.out.printf("  depth %d: %s%n", depth, r);
        }

        Tensor xs = Nets.standardise(d.x());
        System.out.println("\ndiabetes, Dense(h)-Dense(1) networks, 40 epochs, 20 rounds (squared error):");
        for (int h : new int[] {1, 8, 64}) {
            BiasVariance.Result r = BiasVariance.squaredError(() -> ModelLearner.of(() -> {
                Sequential m = new Sequential(new Dense(h, "relu"), new Dense(1));
                m.compile(new Adam(0.05), "mse");
                return m;
            }, FitOptions.builder().epochs(40).batchSize(32).verbose(0).build()), Arrays2.rows(xs, s.train()), yTr,
                    Arrays2.rows(xs, s.test()), yTe, 20, 7);
            System.out.printf("  hidden %2d: %s%n", h, r);
        }
    }
}
