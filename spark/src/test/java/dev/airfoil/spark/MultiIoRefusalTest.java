package dev.airfoil.spark;

import dev.airfoil.evaluation.ModelLearner;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.CompileOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data that do not fit the spec, specs that do not fit the model, and what is not lifted, fail with clear messages. */
class MultiIoRefusalTest {
    static final MultiDataSpec SPEC = MultiIoTrainingTest.SPEC;

    static void assertMessage(Throwable t, String... parts) {
        String m = t.getMessage();
        for (String p : parts) {
            assertTrue(m.contains(p), "message lacks '" + p + "': " + m);
        }
    }

    @Test
    void exampleArraysMustMatchTheSpec() {
        MultiExample shortB = new MultiExample(new float[][] {new float[6], new float[3]}, new float[][] {{1}, {0.5f}});
        assertMessage(assertThrows(IllegalArgumentException.class, () -> SPEC.check(shortB)),
                "input 'b' has 3 values", "expects 4");
        MultiExample oneTarget = new MultiExample(new float[][] {new float[6], new float[4]}, new float[][] {{1}});
        assertMessage(assertThrows(IllegalArgumentException.class, () -> SPEC.check(oneTarget)),
                "1 target arrays", "expects 2");
        // a distributed evaluation checks the data on the driver before it starts
        assertMessage(assertThrows(IllegalArgumentException.class, () -> SparkEvaluation.on(LocalSpark.jsc())
                .evaluate(Nets.twoByTwo(), LocalSpark.jsc().parallelize(List.of(shortB)), SPEC, 8)), "input 'b' has 3 values");
    }

    @Test
    void specMustMatchTheModel() {
        Model m = Nets.twoByTwo();
        var none = LocalSpark.jsc().<MultiExample>emptyRDD();
        DataParallelTrainer t = DataParallelTrainer.builder().build();
        MultiDataSpec swapped = new MultiDataSpec(List.of(ArraySpec.floats("b", 4), ArraySpec.floats("a", 6)), SPEC.targets());
        assertMessage(assertThrows(IllegalArgumentException.class, () -> t.fit(m, none, swapped)),
                "model 'functional", "inputs [a, b]", "entry #0 is named 'b'");
        MultiDataSpec wrongShape = new MultiDataSpec(List.of(ArraySpec.floats("a", 5), ArraySpec.floats("b", 4)), SPEC.targets());
        assertMessage(assertThrows(IllegalArgumentException.class, () -> t.fit(m, none, wrongShape)),
                "input 'a' takes examples of shape (None, 6)", "[5]");
        MultiDataSpec oneTarget = new MultiDataSpec(SPEC.inputs(), List.of(ArraySpec.integers("cls")));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> t.fit(m, none, oneTarget)),
                "has 2 outputs [cls, reg]", "1 targets");
        // the one-input API on a two-input model
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> t.fit(m, LocalSpark.jsc().<Example>emptyRDD(), DataSpec.classification(6))),
                "has 2 inputs [a, b] and 2 outputs [cls, reg]", "use fit(model, JavaRDD<MultiExample>, MultiDataSpec)");
    }

    @Test
    void predictorRefusesWhatDoesNotFit() {
        Model m = Nets.twoByTwo();
        var df = SparkData.dataFrame(LocalSpark.session(), SPEC, MultiIoTrainingTest.data(4, 1).get(0),
                MultiIoTrainingTest.data(4, 1).get(1));
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SparkPredictor.of(m, SPEC.inputs()).argmaxCol("best").transform(df)),
                "argmaxCol needs a model with one output", "[cls, reg]");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SparkPredictor.of(m, SPEC.inputs()).outputCol("p").transform(df)), "2 outputs [cls, reg]", "[p]");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SparkPredictor.of(m, 6).transform(df)), "has 2 inputs [a, b]", "SparkPredictor.of(model, List<ArraySpec>)");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> SparkPredictor.of(m, SPEC.inputs()).inputCols(List.of("a", "zzz")).transform(df)), "no column 'zzz'");
    }

    @Test
    void evaluateRefusesMetricsThatCannotBeMerged() {
        Model m = Nets.twoByTwo();
        m.compile(CompileOptions.builder().optimizer("adam").loss(List.of("sparse_categorical_crossentropy", "mse"))
                .metricsPerOutput(Map.of("cls", List.of("accuracy"), "reg", List.of("r2_score"))).build());
        List<List<Tensor>> d = MultiIoTrainingTest.data(10, 2);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> SparkEvaluation.on(LocalSpark.jsc())
                        .evaluate(m, SparkData.multiExamples(LocalSpark.jsc(), d.get(0), d.get(1), 1), SPEC, 8)),
                "'r2_score' (R2Score) of output 'reg'", "cannot be merged");
    }

    @Test
    void learnerBasedEvaluationRefusesSeveralInputs() {
        List<List<Tensor>> d = MultiIoTrainingTest.data(20, 3);
        Exception e = assertThrows(Exception.class, () -> SparkEvaluation.on(LocalSpark.jsc())
                .bagging(() -> ModelLearner.of(Nets::twoByTwo, b -> b.epochs(1).verbose(0)), d.get(0).get(0),
                        d.get(1).get(0), 1, 1.0, 1));
        assertMessage(e, "SparkEvaluation.bagging", "has 2 inputs [a, b] and 2 outputs [cls, reg]", "DataParallelTrainer");
        // the one-input evaluate overload on a two-input model
        assertMessage(assertThrows(IllegalArgumentException.class, () -> SparkEvaluation.on(LocalSpark.jsc()).evaluate(
                Nets.twoByTwo(), LocalSpark.jsc().<Example>emptyRDD(), DataSpec.classification(6), 8)),
                "use evaluate(model, JavaRDD<MultiExample>, MultiDataSpec, int)");
    }
}
