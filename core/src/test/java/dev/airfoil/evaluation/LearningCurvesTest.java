package dev.airfoil.evaluation;

import dev.airfoil.callbacks.History;
import dev.airfoil.data.Dataset;
import dev.airfoil.data.StandardScaler;
import dev.airfoil.evaluation.trees.DecisionTreeClassifier;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningCurvesTest {

    static Map<String, List<Double>> history(double[] loss, double[] val) {
        Map<String, List<Double>> h = new LinkedHashMap<>();
        h.put("loss", java.util.Arrays.stream(loss).boxed().toList());
        if (val != null) {
            h.put("val_loss", java.util.Arrays.stream(val).boxed().toList());
        }
        return h;
    }

    @Test
    void overfittingIsFoundFromTheEpochAfterTheMinimum() {
        EpochCurves c = LearningCurves.fromHistory(history(new double[] {1.0, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05, 0.02},
                new double[] {1.0, 0.7, 0.5, 0.45, 0.5, 0.6, 0.7, 0.8}));
        Diagnosis d = c.diagnose();
        assertEquals(Diagnosis.Verdict.OVERFIT, d.verdict());
        assertEquals(4, d.bestEpoch());
        assertEquals(5, d.overfitFromEpoch());
        assertEquals((0.8 - 0.45) / 0.45, d.valRise(), 1e-12);
        assertEquals(0.78, d.gap(), 1e-12);
        assertTrue(d.explanation().contains("epoch 4"), d.explanation());
    }

    @Test
    void underfittingAndBalanced() {
        Diagnosis high = LearningCurves.fromHistory(history(new double[] {1.10, 1.05, 1.0, 0.98, 0.97, 0.96},
                new double[] {1.1, 1.06, 1.02, 1.0, 0.99, 0.98})).diagnose(Math.log(3), 0.1, 0.5);
        assertEquals(Diagnosis.Verdict.UNDERFIT, high.verdict(), high.toString());
        Diagnosis falling = LearningCurves.fromHistory(history(new double[] {1.0, 0.8, 0.6, 0.45, 0.35, 0.25},
                null)).diagnose();
        assertEquals(Diagnosis.Verdict.UNDERFIT, falling.verdict(), falling.toString());
        Diagnosis ok = LearningCurves.fromHistory(history(new double[] {1.0, 0.3, 0.2, 0.15, 0.14, 0.14, 0.14, 0.14},
                new double[] {1.0, 0.35, 0.25, 0.2, 0.2, 0.21, 0.2, 0.2})).diagnose();
        assertEquals(Diagnosis.Verdict.BALANCED, ok.verdict(), ok.toString());
    }

    @Test
    void realHistoryPlotsAsPngAndSvg(@TempDir Path dir) throws Exception {
        Dataset iris = Dataset.load("iris");
        Tensor x = new StandardScaler().fit(iris.x()).transform(iris.x());
        Splits.Split s = Splits.trainTest(iris.y(), 0.3, 1, true);
        Sequential m = new Sequential(new Dense(8, "relu"), new Dense(3, "softmax"));
        m.compile(new dev.airfoil.optimizers.Adam(0.03), "sparse_categorical_crossentropy", List.of("accuracy"));
        History h = m.fit(Arrays2.rows(x, s.train()), Arrays2.rows(iris.y(), s.train()), FitOptions.builder()
                .epochs(6).batchSize(16).verbose(0)
                .validationData(Arrays2.rows(x, s.test()), Arrays2.rows(iris.y(), s.test())).build());
        EpochCurves c = LearningCurves.fromHistory(h);
        assertEquals(6, c.epochs());
        assertEquals(List.of("loss", "accuracy"), c.pairedNames());
        assertTrue(c.diagnose().explanation().length() > 20);
        List<Path> files = c.writePlots(dir, "iris");
        assertEquals(4, files.size());
        for (Path p : files) {
            assertTrue(Files.size(p) > 500, p.toString());
        }
        assertTrue(Files.readString(dir.resolve("iris_loss.svg")).contains("val_loss"));
    }

    @Test
    void curveOverTrainingSize() {
        Dataset digits = Dataset.load("digits");
        SizeCurve sc = LearningCurves.overTrainingSize(() -> new DecisionTreeClassifier().maxDepth(8), digits.x(),
                digits.y(), new double[] {0.1, 0.4, 1.0}, new StratifiedKFold(3), Scorer.ACCURACY, 0);
        assertEquals(3, sc.sizes().length);
        assertEquals(1198 / 10, sc.sizes()[0]);
        assertTrue(sc.valMean()[2] > sc.valMean()[0], sc.table());
        assertTrue(sc.trainMean()[0] >= sc.valMean()[0], sc.table());
        assertTrue(sc.chart("digits").toSvg().contains("validation accuracy"));
    }
}
