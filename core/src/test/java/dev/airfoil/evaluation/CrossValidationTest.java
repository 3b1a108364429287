package dev.airfoil.evaluation;

import dev.airfoil.data.Dataset;
import dev.airfoil.data.StandardScaler;
import dev.airfoil.evaluation.trees.DecisionTreeClassifier;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossValidationTest {

    static Supplier<Model> irisNet() {
        return () -> {
            Sequential m = new Sequential(new Dense(8, "relu"), new Dense(3, "softmax"));
            m.compile(new dev.airfoil.optimizers.Adam(0.03), "sparse_categorical_crossentropy", List.of("accuracy"));
            return m;
        };
    }

    static Tensor scaled(Tensor x) {
        return new StandardScaler().fit(x).transform(x);
    }

    @Test
    void neuralNetworkFoldsInParallelEqualASerialRun() {
        Dataset iris = Dataset.load("iris");
        Tensor x = scaled(iris.x());
        FitOptions fo = FitOptions.builder().epochs(8).batchSize(16).verbose(0).build();
        CrossValidation cv = CrossValidation.of(() -> ModelLearner.of(irisNet(), fo))
                .folds(StratifiedKFold.shuffled(3, 1)).scorers(Scorer.ACCURACY).seed(7);
        CvResult parallel = cv.parallelism(3).run(x, iris.y());
        CvResult serial = cv.parallelism(1).run(x, iris.y());
        assertEquals(serial.perFold(), parallel.perFold());
        assertTrue(parallel.perFold().get(0).containsKey("loss"), "the model's own loss is reported");
        assertTrue(parallel.mean("accuracy") > 0.6, parallel.summary());
        // another seed gives other initial weights
        CvResult other = cv.seed(8).run(x, iris.y());
        assertTrue(!other.perFold().equals(serial.perFold()));
    }

    @Test
    void kerasStyleCrossValidateReportsMeanAndStd() {
        Dataset iris = Dataset.load("iris");
        CvResult r = CrossValidation.crossValidate(irisNet(), scaled(iris.x()), iris.y(), new KFold(2),
                FitOptions.builder().epochs(2).verbose(0).build(), Scorer.ACCURACY);
        assertEquals(2, r.perFold().size());
        double a = r.perFold().get(0).get("accuracy");
        double b = r.perFold().get(1).get("accuracy");
        assertEquals((a + b) / 2, r.mean("accuracy"), 1e-12);
        assertEquals(Math.abs(a - b) / 2, r.std("accuracy"), 1e-12);
        assertTrue(r.summary().contains("accuracy: "));
    }

    @Test
    void treesWithTrainScoresAndKeptModels() {
        Dataset wine = Dataset.load("wine");
        CvResult r = CrossValidation.of(() -> new DecisionTreeClassifier().maxDepth(3))
                .folds(new StratifiedKFold(5)).trainScores(true).keepModels(true).run(wine.x(), wine.y());
        assertEquals(5, r.models().size());
        assertInstanceOf(DecisionTreeClassifier.class, r.models().get(0));
        assertTrue(r.mean("train_accuracy") >= r.mean("accuracy"));
        assertTrue(r.mean("accuracy") > 0.85, r.summary());
        // the fold's model scores its own test part as reported
        Fold f = r.folds().get(2);
        double acc = Scorer.ACCURACY.score(Arrays2.rows(wine.y(), f.test()),
                r.models().get(2).predict(Arrays2.rows(wine.x(), f.test())));
        assertEquals(r.perFold().get(2).get("accuracy"), acc, 0);
    }

    @Test
    void regressionDefaultsToR2() {
        Dataset d = Dataset.load("diabetes");
        CvResult r = CrossValidation.of(() -> new dev.airfoil.evaluation.trees.DecisionTreeRegressor().maxDepth(2))
                .folds(KFold.shuffled(5, 0)).run(d.x(), d.y());
        assertEquals(List.of("r2"), List.copyOf(r.metrics().keySet()));
        assertTrue(r.mean("r2") > 0.2 && r.mean("r2") < 0.6, r.summary());
    }

    @Test
    void scorersAndErrors() {
        Tensor yt = Arrays2.labelTensor(new int[] {0, 1, 2, 2});
        Tensor yp = Arrays2.labelTensor(new int[] {0, 2, 2, 2});
        assertEquals(0.75, Scorer.ACCURACY.score(yt, yp));
        assertEquals(0.25, Scorer.ZERO_ONE_LOSS.score(yt, yp), 1e-12);
        Tensor a = Arrays2.floatTensor(new double[] {1, 2, 3});
        Tensor b = Arrays2.floatTensor(new double[] {1, 2, 5});
        assertEquals(4.0 / 3, Scorer.MSE.score(a, b), 1e-6);
        assertEquals(1 - 4.0 / 2, Scorer.R2.score(a, b), 1e-6);
        assertEquals(2.0 / 3, Scorer.MAE.score(a, b), 1e-6);
        assertEquals(0.25, Scorer.ACCURACY.loss(yt, yp), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Scorer.MSE.score(a, Arrays2.floatTensor(new double[] {1})));
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.of(DecisionTreeClassifier::new)
                .run(Dataset.load("iris").x(), Arrays2.labelTensor(new int[] {1, 2})));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ModelLearner.of(() -> new Sequential(new Dense(1)), FitOptions.defaults())
                        .fit(Dataset.load("iris").x(), Dataset.load("iris").y(), null));
        assertTrue(e.getMessage().contains("compile"), e.getMessage());
    }

    @Test
    void modelLearnerGivesLabelsProbabilitiesAndAcceptsWeights() {
        Dataset iris = Dataset.load("iris");
        Tensor x = scaled(iris.x());
        ModelLearner l = ModelLearner.of(irisNet(), b -> b.epochs(3).verbose(0));
        double[] w = new double[150];
        java.util.Arrays.fill(w, 1.0);
        l.fit(x, iris.y(), Arrays2.doubleTensor(w));
        assertArrayEquals(new int[] {150}, l.predict(x).shape());
        assertArrayEquals(new int[] {150, 3}, l.predictProba(x).shape());
        Map<String, Double> ev = l.evaluate(x, iris.y());
        assertTrue(ev.containsKey("loss"));
        assertEquals(3, l.history().get("loss").size());
    }
}
