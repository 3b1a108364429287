package dev.airfoil.spark;

import dev.airfoil.callbacks.History;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A functional model with two inputs and two outputs (per-output losses, loss weights and metrics)
 * on local[2]: synchronous training equals single-process {@code fit}, parameter averaging
 * converges, the predictor and distributed {@code evaluate} equal {@code predict} / {@code evaluate}.
 */
class MultiIoTrainingTest {
    static final int N = 203;   // not a multiple of the batch: the last global batch is split 6 / 5
    static final MultiDataSpec SPEC = new MultiDataSpec(
            List.of(ArraySpec.floats("a", 6), ArraySpec.floats("b", 4)),
            List.of(ArraySpec.integers("cls"), ArraySpec.floats("reg", 1)));

    /** Inputs a (N, 6), b (N, 4); targets cls (N,) int64 in {0, 1, 2}, reg (N, 1). */
    static List<List<Tensor>> data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n * 6];
        float[] b = new float[n * 4];
        long[] cls = new long[n];
        float[] reg = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < 6; j++) {
                a[i * 6 + j] = (float) r.nextGaussian();
                s += a[i * 6 + j] * (j % 3 - 1);
            }
            double t = 0;
            for (int j = 0; j < 4; j++) {
                b[i * 4 + j] = (float) r.nextGaussian();
                t += b[i * 4 + j] * (j - 1.5);
            }
            cls[i] = s + 0.3 * t > 0.5 ? 2 : s + 0.3 * t < -0.5 ? 0 : 1;
            reg[i] = (float) (0.5 * t - 0.2 * s + 0.1 * r.nextGaussian());
        }
        return List.of(List.of(Tensor.of(a, n, 6), Tensor.of(b, n, 4)),
                List.of(Tensor.ofLongs(cls, n), Tensor.of(reg, n, 1)));
    }

    static byte[] start() {
        Seeds.setGlobalSeed(11);
        return ModelBytes.toBytes(Nets.twoByTwo());
    }

    @Test
    void synchronousTrainingEqualsSingleProcessFit() {
        List<List<Tensor>> d = data(N, 7);
        byte[] start = start();
        Model local = ModelBytes.fromBytes(start);
        History h = local.fit(d.get(0), d.get(1), FitOptions.builder().epochs(3).batchSize(32).shuffle(false).verbose(0).build());

        // by name, as Keras's fit({"a": ..., "b": ...}, {"cls": ..., "reg": ...}) takes them
        JavaRDD<MultiExample> rdd = SparkData.multiExamples(LocalSpark.jsc(),
                Map.of("a", d.get(0).get(0), "b", d.get(0).get(1)), Map.of("cls", d.get(1).get(0), "reg", d.get(1).get(1)),
                SPEC, 3);
        TrainingResult r = DataParallelTrainer.builder().workers(2).epochs(3).batchSize(32).shuffle(false)
                .mode(TrainingMode.SYNCHRONOUS_GRADIENTS).build()
                .fit(ModelBytes.fromBytes(start), rdd, SPEC);
        assertTrue(r.replicasIdentical(), "replicas diverged");
        double diff = SyncTrainingTest.maxDiff(local, r.model());
        assertTrue(diff < 1e-4, "max |w_local - w_spark| = " + diff);
        assertEquals(3 * 7, r.model().optimizer().iterations());
        assertEquals(3 * 7, r.collectivesPerReplica());
        // every log of the local History, with the same names, epoch by epoch
        assertEquals(h.history().keySet(), r.history().keySet());
        assertEquals(List.of("cls_accuracy", "cls_loss", "loss", "reg_loss", "reg_mae"), List.copyOf(r.history().keySet()));
        for (Map.Entry<String, List<Double>> e : h.history().entrySet()) {
            double[] spark = r.history().get(e.getKey());
            for (int epoch = 0; epoch < 3; epoch++) {
                double want = e.getValue().get(epoch);
                assertEquals(want, spark[epoch], 1e-5 * Math.max(1, Math.abs(want)), e.getKey() + " epoch " + epoch);
            }
        }
        assertArrayEquals(r.history().get("loss"), r.epochLoss());
        // loss = cls_loss + 0.5 reg_loss + the L2 penalty (positive)
        double[] l = r.history().get("loss");
        double weighted = r.history().get("cls_loss")[2] + 0.5 * r.history().get("reg_loss")[2];
        assertTrue(l[2] > weighted && l[2] < weighted + 0.5, l[2] + " vs weighted sum " + weighted);
        assertTrue(l[2] < l[0], "loss should fall: " + Arrays.toString(l));
        System.out.println("two inputs / two outputs, synchronous vs fit: max |w diff| " + diff + ", spark history "
                + r.history().keySet() + " loss " + Arrays.toString(l) + ", fit loss " + h.history().get("loss"));
    }

    /**
     * Output masks are honoured as in {@code fit} (each token output's loss is the mean over kept
     * tokens). Every sequence keeps exactly 3 of its 5 tokens, so every shard's kept count is
     * proportional to its examples and the global-batch equivalence is exact; a replica that ignored
     * the mask would count the padding.
     */
    @Test
    void maskedOutputsMatchSingleProcessFit() {
        int n = 101;
        SplittableRandom r = new SplittableRandom(3);
        long[] tokens = new long[n * 5];
        long[] tags = new long[n * 5];
        float[] b = new float[n * 4];
        float[] score = new float[n];
        for (int i = 0; i < n; i++) {
            int pad = r.nextInt(3);   // 0..2 leading or trailing zeros, always 2 in all
            for (int t = 0; t < 5; t++) {
                boolean kept = t >= pad && t < pad + 3;
                tokens[i * 5 + t] = kept ? 1 + r.nextInt(19) : 0;
                tags[i * 5 + t] = kept ? tokens[i * 5 + t] % 3 : 2;
            }
            for (int j = 0; j < 4; j++) {
                b[i * 4 + j] = (float) r.nextGaussian();
            }
            score[i] = b[i * 4] - 0.5f * b[i * 4 + 1];
        }
        List<Tensor> xs = List.of(Tensor.ofLongs(tokens, n, 5), Tensor.of(b, n, 4));
        List<Tensor> ys = List.of(Tensor.ofLongs(tags, n, 5), Tensor.of(score, n, 1));
        Seeds.setGlobalSeed(4);
        byte[] start = ModelBytes.toBytes(Nets.maskedTagger());
        Model local = ModelBytes.fromBytes(start);
        History h = local.fit(xs, ys, FitOptions.builder().epochs(2).batchSize(20).shuffle(false).verbose(0).build());
        MultiDataSpec spec = new MultiDataSpec(List.of(ArraySpec.integers("tokens", 5), ArraySpec.floats("b", 4)),
                List.of(ArraySpec.integers("tags", 5), ArraySpec.floats("score", 1)));
        TrainingResult res = DataParallelTrainer.builder().workers(2).epochs(2).batchSize(20).shuffle(false).build()
                .fit(ModelBytes.fromBytes(start), SparkData.multiExamples(LocalSpark.jsc(), xs, ys, 2), spec);
        double diff = SyncTrainingTest.maxDiff(local, res.model());
        assertTrue(diff < 1e-4, "max |w_local - w_spark| = " + diff);
        for (String k : List.of("loss", "tags_loss", "score_loss", "tags_accuracy")) {
            for (int epoch = 0; epoch < 2; epoch++) {
                double want = h.history().get(k).get(epoch);
                assertEquals(want, res.history().get(k)[epoch], 1e-5 * Math.max(1, Math.abs(want)), k + " epoch " + epoch);
            }
        }
    }

    @Test
    void parameterAveragingConverges() {
        List<List<Tensor>> d = data(400, 8);
        List<List<Tensor>> test = data(200, 9);
        byte[] start = start();
        Model local = ModelBytes.fromBytes(start);
        local.fit(d.get(0), d.get(1), FitOptions.builder().epochs(8).batchSize(32).seed(5).verbose(0).build());
        Map<String, Double> localEv = local.evaluate(test.get(0), test.get(1));
        // from a DataFrame with a column per input and target (the RDD path is the one of the other tests)
        var df = SparkData.dataFrame(LocalSpark.session(), SPEC, d.get(0), d.get(1));
        assertEquals(List.of("a", "b", "cls", "reg"), List.of(df.schema().fieldNames()));
        TrainingResult r = DataParallelTrainer.builder().workers(2).epochs(8).batchSize(32).seed(5)
                .mode(TrainingMode.PARAMETER_AVERAGING).averageEvery(3).build()
                .fit(ModelBytes.fromBytes(start), df, List.of("a", "b"), List.of("cls", "reg"), SPEC);
        assertTrue(r.replicasIdentical());
        double[] loss = r.history().get("loss");
        Map<String, Double> ev = r.model().evaluate(test.get(0), test.get(1));
        System.out.println("parameter averaging, two inputs / two outputs: loss by epoch " + Arrays.toString(loss)
                + "; held-out " + ev + "; single process held-out " + localEv);
        assertTrue(loss[7] < 0.5 * loss[0], "loss should fall by half: " + Arrays.toString(loss));
        assertTrue(ev.get("loss") < 1.25 * localEv.get("loss"), "held-out " + ev + " vs single process " + localEv);
        assertTrue(ev.get("cls_accuracy") > localEv.get("cls_accuracy") - 0.05, "held-out " + ev + " vs " + localEv);
    }

    @Test
    void predictorEqualsLocalPredict() {
        List<List<Tensor>> d = data(150, 10);
        Model m = ModelBytes.fromBytes(start());
        List<Tensor> local = m.predict(d.get(0), 32);
        var df = SparkData.dataFrame(LocalSpark.session(), SPEC, d.get(0), d.get(1)).repartition(3);
        try (SparkPredictor p = SparkPredictor.of(m, SPEC.inputs()).batchSize(40)) {
            List<Row> scored = p.transform(df).collectAsList();
            assertEquals(150, scored.size());
            // order after repartition is arbitrary: match each row to its local prediction by its input a
            Map<String, Integer> rowOf = new HashMap<>();
            float[] a = d.get(0).get(0).toFloatArray();
            for (int i = 0; i < 150; i++) {
                rowOf.put(Arrays.toString(Arrays.copyOfRange(a, i * 6, i * 6 + 6)), i);
            }
            float[] cls = local.get(0).toFloatArray();
            float[] reg = local.get(1).toFloatArray();
            for (Row r : scored) {
                int i = rowOf.get(Arrays.toString(SparkData.floats(r, 0)));
                float[] c = SparkData.floats(r, r.fieldIndex("cls_prediction"));
                float[] g = SparkData.floats(r, r.fieldIndex("reg_prediction"));
                assertArrayEquals(Arrays.copyOfRange(cls, i * 3, i * 3 + 3), c, 1e-6f);
                assertEquals(reg[i], g[0], 1e-6f);
            }
        }
    }

    @Test
    void distributedEvaluateEqualsLocalEvaluate() {
        List<List<Tensor>> d = data(N, 12);
        Model m = ModelBytes.fromBytes(start());
        Map<String, Double> local = m.evaluate(d.get(0), d.get(1), 32, null, List.of());
        Map<String, Double> spark = SparkEvaluation.on(LocalSpark.jsc())
                .evaluate(m, SparkData.multiExamples(LocalSpark.jsc(), d.get(0), d.get(1), 3), SPEC, 32);
        Map<String, Double> fromDataFrame = SparkEvaluation.on(LocalSpark.jsc()).evaluate(m,
                SparkData.dataFrame(LocalSpark.session(), SPEC, d.get(0), d.get(1)), List.of("a", "b"),
                List.of("cls", "reg"), SPEC, 32);
        assertEquals(spark.keySet(), fromDataFrame.keySet());
        for (String k : spark.keySet()) {
            assertEquals(spark.get(k), fromDataFrame.get(k), 1e-6 * Math.max(1, Math.abs(spark.get(k))), k);
        }
        assertEquals(List.copyOf(local.keySet()), List.copyOf(spark.keySet()));
        for (String k : local.keySet()) {
            assertEquals(local.get(k), spark.get(k), 1e-6 * Math.max(1, Math.abs(local.get(k))), k);
        }
        // one input, one output: the DataSpec overload
        Model small = Nets.small(6, 3);
        small.build(new int[] {1, 6});
        Map<String, Double> l1 = small.evaluate(d.get(0).get(0), d.get(1).get(0));
        Map<String, Double> s1 = SparkEvaluation.on(LocalSpark.jsc()).evaluate(small,
                SparkData.examples(LocalSpark.jsc(), d.get(0).get(0), d.get(1).get(0), 2), DataSpec.classification(6), 50);
        assertEquals(l1.keySet(), s1.keySet());
        assertEquals(l1.get("loss"), s1.get("loss"), 1e-6);
        assertEquals(l1.get("accuracy"), s1.get("accuracy"), 1e-12);
    }

    @Test
    void fewerExamplesThanWorkersStillTrain() {
        List<List<Tensor>> d = data(1, 13);
        TrainingResult r = DataParallelTrainer.builder().workers(2).epochs(2).batchSize(2).shuffle(false).build()
                .fit(ModelBytes.fromBytes(start()), SparkData.multiExamples(LocalSpark.jsc(), d.get(0), d.get(1), 1), SPEC);
        assertTrue(r.replicasIdentical());
        assertEquals(5, r.history().size(), "losses and metrics: " + r.history().keySet());
    }
}
