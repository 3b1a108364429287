package dev.airfoil.examples.generalisation;

import dev.airfoil.data.Dataset;
import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.ModelLearner;
import dev.airfoil.evaluation.Scorer;
import dev.airfoil.evaluation.Splits;
import dev.airfoil.evaluation.ensemble.AdaBoostClassifier;
import dev.airfoil.evaluation.ensemble.AdaBoostRegressor;
import dev.airfoil.evaluation.ensemble.GradientBoostingClassifier;
import dev.airfoil.evaluation.ensemble.GradientBoostingRegressor;
import dev.airfoil.evaluation.trees.DecisionTreeClassifier;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Sequential;
import dev.airfoil.optimizers.Adam;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.visualization.LineChart;

/**
 * Boosting: AdaBoost (SAMME) with stumps on breast cancer, stage by stage; AdaBoost over small
 * networks trained with sample weights; gradient boosting on diabetes (regression) and digits
 * (10-class softmax); AdaBoost.R2 on diabetes.
 */
public final class BoostingExample {
    private BoostingExample() {
    }

    /** Runs the example. */
    public static void main(String[] args) {
        Dataset bc = Dataset.load("breast-cancer");
        Splits.Split s = Splits.trainTest(bc.y(), 0.25, 0, true);
        Tensor xTr = Arrays2.rows(bc.x(), s.train());
        Tensor yTr = Arrays2.rows(bc.y(), s.train());
        Tensor xTe = Arrays2.rows(bc.x(), s.test());
        Tensor yTe = Arrays2.rows(bc.y(), s.test());
        DecisionTreeClassifier stump = DecisionTreeClassifier.stump();
        stump.fit(xTr, yTr, null);
        System.out.printf("breast cancer: one stump, test accuracy %.4f%n", Scorer.ACCURACY.score(yTe, stump.predict(xTe)));
        AdaBoostClassifier ada = AdaBoostClassifier.withStumps().estimators(100);
        ada.fit(xTr, yTr, null);
        double[] st = new double[ada.size()];
        double[] tr = new double[ada.size()];
        for (int m = 1; m <= ada.size(); m++) {
            st[m - 1] = Scorer.ACCURACY.score(yTe, ada.predictStage(xTe, m));
            tr[m - 1] = Scorer.ACCURACY.score(yTr, ada.predictStage(xTr, m));
            if (m == 1 || m == 10 || m == 50 || m == 100) {
                System.out.printf("  AdaBoost (SAMME), %3d stumps: train %.4f, test %.4f%n", m, tr[m - 1], st[m - 1]);
            }
        }
        LineChart c = new LineChart("AdaBoost with stumps (breast cancer)").xLabel("stumps").yLabel("accuracy")
                .addSeries("train", tr).addSeries("test", st);
        c.write(Nets.outputDir().resolve("adaboost_stages.png"));
        c.write(Nets.outputDir().resolve("adaboost_stages.svg"));

        Tensor xs = Nets.standardise(bc.x());
        AdaBoostClassifier netBoost = new AdaBoostClassifier(() -> ModelLearner.of(() -> {
            Sequential m = new Sequential(new Dense(2, "relu"), new Dense(2, "softmax"));
            m.compile(new Adam(0.01), "sparse_categorical_crossentropy");
            return m;
        }, b -> b.epochs(3).batchSize(32).verbose(0))).estimators(5).seed(0);
        netBoost.fit(Arrays2.rows(xs, s.train()), yTr, null);
        System.out.printf("  AdaBoost over %d Dense(2) networks (sample-weighted fits): test %.4f, votes %s%n",
                netBoost.size(), Scorer.ACCURACY.score(yTe, netBoost.predict(Arrays2.rows(xs, s.test()))),
                java.util.Arrays.toString(java.util.Arrays.stream(netBoost.estimatorWeights())
                        .map(v -> Math.round(v * 1000) / 1000.0).toArray()));

        Dataset d = Dataset.load("diabetes");
        Splits.Split r = Splits.trainTest(d.y(), 0.25, 0, false);
        Tensor dTr = Arrays2.rows(d.x(), r.train());
        Tensor dyTr = Arrays2.rows(d.y(), r.train());
        Tensor dTe = Arrays2.rows(d.x(), r.test());
        Tensor dyTe = Arrays2.rows(d.y(), r.test());
        System.out.println("\ndiabetes regression (test R²):");
        for (double lr : new double[] {0.3, 0.1, 0.03}) {
            GradientBoostingRegressor gb = new GradientBoostingRegressor().estimators(200).maxDepth(2).learningRate(lr);
            gb.fit(dTr, dyTr, null);
            StringBuilder sb = new StringBuilder();
            for (int m : new int[] {10, 50, 100, 200}) {
                sb.append(String.format(" %d:%.3f", m, Scorer.R2.score(dyTe, gb.predictStage(dTe, m))));
            }
            System.out.printf("  gradient boosting, depth 2, learning rate %.2f, R² by stage%s%n", lr, sb);
        }
        GradientBoostingRegressor sgb = new GradientBoostingRegressor().estimators(100).maxDepth(2).subsample(0.5)
                .seed(0);
        sgb.fit(dTr, dyTr, null);
        System.out.printf("  stochastic gradient boosting (subsample 0.5, 100 stages): %.4f%n",
                Scorer.R2.score(dyTe, sgb.predict(dTe)));
        AdaBoostRegressor r2 = AdaBoostRegressor.withTrees().estimators(50).seed(0);
        r2.fit(dTr, dyTr, null);
        System.out.printf("  AdaBoost.R2, 50 depth-3 trees: %.4f%n", Scorer.R2.score(dyTe, r2.predict(dTe)));

        Dataset digits = Dataset.load("digits");
        Splits.Split g = Splits.trainTest(digits.y(), 0.25, 0, true);
        GradientBoostingClassifier gbc = new GradientBoostingClassifier().estimators(30).maxDepth(3);
        gbc.fit(Arrays2.rows(digits.x(), g.train()), Arrays2.rows(digits.y(), g.train()), null);
        System.out.printf("%ndigits, gradient boosting (softmax, 10 trees per stage, 30 stages): test accuracy %.4f%n",
                Scorer.ACCURACY.score(Arrays2.rows(digits.y(), g.test()), gbc.predict(Arrays2.rows(digits.x(), g.test()))));
    }
}
