package dev.airfoil.spark;

import dev.airfoil.data.Dataset;
import dev.airfoil.data.Datasets;
import dev.airfoil.evaluation.Bootstrap;
import dev.airfoil.evaluation.CrossValidation;
import dev.airfoil.evaluation.CvResult;
import dev.airfoil.evaluation.Learner;
import dev.airfoil.evaluation.ModelLearner;
import dev.airfoil.evaluation.Scorer;
import dev.airfoil.evaluation.StratifiedKFold;
import dev.airfoil.evaluation.ensemble.Bagging;
import dev.airfoil.evaluation.trees.DecisionTreeClassifier;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Folds, bootstrap rounds, bagging members and grids as Spark tasks give the single-machine figures. */
class DistributedEvaluationTest {
    static final Dataset IRIS = Datasets.loadTable("iris");

    static ModelLearner net(int epochs) {
        return ModelLearner.of(() -> Nets.small(4, 3), b -> b.epochs(epochs).batchSize(16).verbose(0));
    }

    @Test
    void crossValidationEqualsLocal() {
        Tensor x = IRIS.x();
        Tensor y = IRIS.y();
        StratifiedKFold folds = StratifiedKFold.shuffled(4, 5);
        CvResult local = CrossValidation.of(() -> net(5)).folds(folds).scorers(Scorer.ACCURACY).seed(42).run(x, y);
        CvResult spark = SparkEvaluation.on(LocalSpark.jsc())
                .crossValidate(() -> net(5), x, y, folds, 42, Scorer.ACCURACY);
        assertEquals(local.folds(), spark.folds());
        assertEquals(local.perFold(), spark.perFold());
        assertEquals(local.metrics().keySet(), spark.metrics().keySet());
        assertEquals(local.mean("accuracy"), spark.mean("accuracy"));
        assertEquals(local.std("accuracy"), spark.std("accuracy"));
    }

    @Test
    void gridEqualsLocalCrossValidationPerCombination() {
        Tensor x = IRIS.x();
        Tensor y = IRIS.y();
        StratifiedKFold folds = StratifiedKFold.shuffled(3, 1);
        Map<String, List<?>> grid = new LinkedHashMap<>();
        grid.put("maxDepth", List.of(1, 3));
        grid.put("minSamplesLeaf", List.of(1, 5));
        SerializableFunction<Map<String, Object>, Learner> factory = p -> new DecisionTreeClassifier()
                .maxDepth((Integer) p.get("maxDepth")).minSamplesLeaf((Integer) p.get("minSamplesLeaf"));
        GridResult g = SparkEvaluation.on(LocalSpark.jsc()).gridSearch(factory, grid, x, y, folds, 9, Scorer.ACCURACY);
        assertEquals(4, g.params().size());
        for (int c = 0; c < 4; c++) {
            Map<String, Object> p = g.params().get(c);
            CvResult local = CrossValidation.of(() -> factory.apply(p)).folds(folds).scorers(Scorer.ACCURACY).seed(9).run(x, y);
            assertEquals(local.perFold(), g.results().get(c).perFold(), "combination " + p);
        }
        assertEquals(3, g.bestParams().get("maxDepth"));
    }

    @Test
    void bootstrap632EqualsLocal() {
        Tensor x = IRIS.x();
        Tensor y = IRIS.y();
        SerializableSupplier<Learner> tree = () -> new DecisionTreeClassifier().maxDepth(2);
        Bootstrap.Estimate632 local = Bootstrap.point632(tree, x, y, Bootstrap.PointLoss.ZERO_ONE, 8, 3);
        Bootstrap.Estimate632 spark = SparkEvaluation.on(LocalSpark.jsc())
                .bootstrap632(tree, x, y, Bootstrap.PointLoss.ZERO_ONE, 8, 3);
        assertEquals(local, spark);
    }

    @Test
    void baggingEqualsLocal() {
        Tensor x = IRIS.x();
        Tensor y = IRIS.y();
        Bagging local = Bagging.of(() -> net(3)).estimators(3).seed(4);
        local.fit(x, y, null);
        BaggedNetworks spark = SparkEvaluation.on(LocalSpark.jsc()).bagging(() -> net(3), x, y, 3, 1.0, 4);
        assertArrayEquals(local.predictProba(x).toFloatArray(), spark.predictProba(x).toFloatArray());
        assertArrayEquals(local.predict(x).toLongArray(), spark.predict(x).toLongArray());
    }
}
