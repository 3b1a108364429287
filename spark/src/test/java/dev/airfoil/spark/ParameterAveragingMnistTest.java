package dev.airfoil.spark;

import dev.airfoil.data.DatasetSplit;
import dev.airfoil.data.Datasets;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parameter averaging on local[2] reaches the MNIST test accuracy of single-process training within
 * one point with the optimizer state averaged (two with it reset); predictions over a DataFrame
 * equal local predictions.
 */
class ParameterAveragingMnistTest {
    static final DatasetSplit MNIST = Datasets.load("mnist-10k");
    static final int EPOCHS = 3;
    static final int BATCH = 64;

    static double accuracy(Model m) {
        return m.evaluate(MNIST.xTest(), MNIST.yTest()).get("accuracy");
    }

    @Test
    void averagingMatchesSingleProcessAccuracy() {
        Seeds.setGlobalSeed(2024);
        byte[] start = ModelBytes.toBytes(Nets.seedMlp());

        Model local = ModelBytes.fromBytes(start);
        long t0 = System.nanoTime();
        local.fit(MNIST.xTrain(), MNIST.yTrain(), FitOptions.builder().epochs(EPOCHS).batchSize(BATCH).seed(1).verbose(0).build());
        double localSeconds = (System.nanoTime() - t0) / 1e9;
        double localAcc = accuracy(local);

        var rdd = SparkData.examples(LocalSpark.jsc(), MNIST.xTrain(), MNIST.yTrain(), 2);
        DataSpec spec = DataSpec.classification(28, 28);
        for (OptimizerStateMode state : OptimizerStateMode.values()) {
            TrainingResult r = DataParallelTrainer.builder().workers(2).epochs(EPOCHS).batchSize(BATCH)
                    .mode(TrainingMode.PARAMETER_AVERAGING).averageEvery(4).optimizerState(state).seed(1).build()
                    .fit(ModelBytes.fromBytes(start), rdd, spec);
            double acc = accuracy(r.model());
            System.out.printf("MNIST %d epochs: single process %.4f (%.1f s), parameter averaging (%s) %.4f (%.1f s,"
                            + " %.0f examples/s, %d all-reduces of %d bytes)%n", EPOCHS, localAcc, localSeconds, state, acc,
                    r.seconds(), r.examplesPerSecond(), r.collectivesPerReplica(), r.bytesPerCollective());
            assertTrue(r.replicasIdentical());
            // the default (optimizer state averaged) is held to one point; reset, which discards Adam's
            // moments 24 times an epoch, measured 0.9155-0.9170 against 0.9265 and is held to two
            double tolerance = state == OptimizerStateMode.AVERAGE ? 0.01 : 0.02;
            assertTrue(Math.abs(acc - localAcc) <= tolerance, state + ": " + acc + " vs single-process " + localAcc);
            assertTrue(acc > 0.9, "accuracy " + acc);
        }
    }

    @Test
    void predictOverDataFrameEqualsLocalPredict() {
        Seeds.setGlobalSeed(5);
        Model m = Nets.seedMlp();
        m.build(new int[] {1, 28, 28});
        Tensor xt = MNIST.xTest().slice(0, 0, 400);
        Tensor yt = MNIST.yTest().slice(0, 0, 400);
        var df = SparkData.dataFrame(LocalSpark.session(), xt, yt).repartition(3);
        try (SparkPredictor p = SparkPredictor.of(m, 28, 28).outputCol("proba").argmaxCol("pred").batchSize(100)) {
            // order after repartition is arbitrary: compare each row with the local prediction of its own features
            var scored = p.transform(df).collectAsList();
            assertEquals(xt.dim(0), scored.size());
            float[] probe = SparkData.floats(scored.get(0), 0);
            float[] localOut = m.predict(DataSpec.classification(28, 28).features(probe, 1)).toFloatArray();
            float[] sparkOut = SparkData.floats(scored.get(0), 2);
            for (int j = 0; j < 10; j++) {
                assertEquals(localOut[j], sparkOut[j], 1e-6);
            }
            long agree = 0;
            float[] all = m.predict(xt).toFloatArray();
            java.util.Map<String, Integer> byFeatures = new java.util.HashMap<>();
            for (var r : scored) {
                byFeatures.put(java.util.Arrays.toString(SparkData.floats(r, 0)), r.getInt(3));
            }
            float[] xs = xt.toFloatArray();
            for (int i = 0; i < xt.dim(0); i++) {
                float[] f = java.util.Arrays.copyOfRange(xs, i * 784, (i + 1) * 784);
                int best = 0;
                for (int j = 1; j < 10; j++) {
                    if (all[i * 10 + j] > all[i * 10 + best]) {
                        best = j;
                    }
                }
                agree += byFeatures.get(java.util.Arrays.toString(f)) == best ? 1 : 0;
            }
            assertEquals(xt.dim(0), agree);
        }
    }
}
