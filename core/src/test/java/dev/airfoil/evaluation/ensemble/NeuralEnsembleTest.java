package dev.airfoil.evaluation.ensemble;

import dev.airfoil.data.Dataset;
import dev.airfoil.data.StandardScaler;
import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.ModelLearner;
import dev.airfoil.evaluation.Scorer;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Sequential;
import dev.airfoil.optimizers.Adam;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ensembles whose members are small neural networks (few epochs: these check the plumbing). */
class NeuralEnsembleTest {

    static ModelLearner net(int classes, int epochs) {
        return ModelLearner.of(() -> {
            Sequential m = new Sequential(new Dense(8, "relu"), new Dense(classes, classes == 1 ? null : "softmax"));
            m.compile(new Adam(0.03), classes == 1 ? "mse" : "sparse_categorical_crossentropy");
            return m;
        }, b -> b.epochs(epochs).batchSize(16).verbose(0));
    }

    @Test
    void baggingNetworksWithFeatureSubsetsIsReproducibleAcrossThreads() {
        Dataset iris = Dataset.load("iris");
        Tensor x = new StandardScaler().fit(iris.x()).transform(iris.x());
        Bagging a = Bagging.of(() -> net(3, 4)).estimators(3).maxFeatures(0.75).oobScore(true).seed(5).parallelism(3);
        a.fit(x, iris.y(), null);
        Bagging b = Bagging.of(() -> net(3, 4)).estimators(3).maxFeatures(0.75).oobScore(true).seed(5).parallelism(1);
        b.fit(x, iris.y(), null);
        assertArrayEquals(Arrays2.values(a.predictProba(x)), Arrays2.values(b.predictProba(x)));
        assertEquals(a.oobScore(), b.oobScore());
        assertEquals(3, a.featureSets().get(0).length);
        assertTrue(Scorer.ACCURACY.score(iris.y(), a.predict(x)) > 0.7);
        Bagging hard = Bagging.of(() -> net(3, 4)).estimators(3).voting(Bagging.Voting.HARD).seed(5);
        hard.fit(x, iris.y(), null);
        assertArrayEquals(new int[] {150, 3}, hard.predictProba(x).shape());
    }

    @Test
    void adaBoostAndGradientBoostingOverNetworks() {
        Dataset bc = Dataset.load("breast-cancer");
        Tensor x = new StandardScaler().fit(bc.x()).transform(bc.x());
        AdaBoostClassifier ada = new AdaBoostClassifier(() -> net(2, 2)).estimators(3).seed(1);
        ada.fit(x, bc.y(), null);
        assertTrue(ada.size() >= 1);
        assertTrue(Scorer.ACCURACY.score(bc.y(), ada.predict(x)) > 0.85);

        Dataset d = Dataset.load("diabetes");
        Tensor xd = new StandardScaler().fit(d.x()).transform(d.x());
        GradientBoostingRegressor gb = new GradientBoostingRegressor().weakLearner(() -> net(1, 3)).estimators(3)
                .learningRate(0.5);
        gb.fit(xd, d.y(), null);
        double[] loss = gb.trainLoss();
        assertTrue(loss[2] < loss[0], java.util.Arrays.toString(loss));
        GradientBoostingClassifier gc = new GradientBoostingClassifier().weakLearner(() -> net(1, 3)).estimators(2)
                .learningRate(1.0);
        gc.fit(x, bc.y(), null);
        double gcAcc = Scorer.ACCURACY.score(bc.y(), gc.predict(x));
        assertTrue(gcAcc > 0.8, "accuracy " + gcAcc + ", loss " + java.util.Arrays.toString(gc.trainLoss()));
    }

    @Test
    void stochasticGradientBoostingAndRegressionBagging() {
        Dataset d = Dataset.load("diabetes");
        GradientBoostingRegressor gb = new GradientBoostingRegressor().estimators(30).subsample(0.5).seed(3);
        gb.fit(d.x(), d.y(), null);
        assertTrue(Scorer.R2.score(d.y(), gb.predict(d.x())) > 0.5);
        Bagging bag = Bagging.of(() -> new dev.airfoil.evaluation.trees.DecisionTreeRegressor().maxDepth(4))
                .estimators(20).oobScore(true).seed(2);
        bag.fit(d.x(), d.y(), null);
        assertTrue(bag.oobScore() > 0.2 && bag.oobScore() < 0.6, "OOB R² " + bag.oobScore());
    }
}
