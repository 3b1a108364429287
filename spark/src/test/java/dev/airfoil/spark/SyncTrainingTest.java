package dev.airfoil.spark;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;
import dev.airfoil.optimizers.Adam;
import dev.airfoil.optimizers.Optimizer;
import dev.airfoil.optimizers.SGD;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Synchronous data-parallel training on local[2] equals single-process training on the same global batches. */
class SyncTrainingTest {
    static final int N = 203;   // not a multiple of the batch: the last global batch is split 6 / 5

    static Tensor[] data() {
        SplittableRandom r = new SplittableRandom(7);
        float[] x = new float[N * 8];
        long[] y = new long[N];
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int j = 0; j < 8; j++) {
                x[i * 8 + j] = (float) r.nextGaussian();
                s += x[i * 8 + j] * (j % 3 - 1);
            }
            y[i] = s > 0.5 ? 2 : s < -0.5 ? 0 : 1;
        }
        return new Tensor[] {Tensor.of(x, N, 8), Tensor.ofLongs(y, N)};
    }

    static Model model(Supplier<Optimizer> opt) {
        Seeds.setGlobalSeed(11);
        Sequential m = new Sequential();
        m.add(Input.shape(8));
        m.add(new Dense(16, "relu"));
        m.add(new Dense(3, "softmax"));
        m.compile(opt.get(), "sparse_categorical_crossentropy");
        return m;
    }

    static double maxDiff(Model a, Model b) {
        List<Tensor> wa = a.getWeights();
        List<Tensor> wb = b.getWeights();
        assertEquals(wa.size(), wb.size());
        double d = 0;
        for (int i = 0; i < wa.size(); i++) {
            float[] x = wa.get(i).toFloatArray();
            float[] y = wb.get(i).toFloatArray();
            for (int j = 0; j < x.length; j++) {
                d = Math.max(d, Math.abs(x[j] - y[j]));
            }
        }
        return d;
    }

    private void checkEqualsLocal(Supplier<Optimizer> opt, double tol) {
        Tensor[] d = data();
        byte[] start = ModelBytes.toBytes(model(opt));
        Model local = ModelBytes.fromBytes(start);
        local.fit(d[0], d[1], FitOptions.builder().epochs(3).batchSize(32).shuffle(false).verbose(0).build());

        JavaRDD<Example> rdd = SparkData.examples(LocalSpark.jsc(), d[0], d[1], 3);
        TrainingResult r = DataParallelTrainer.builder().workers(2).epochs(3).batchSize(32).shuffle(false)
                .mode(TrainingMode.SYNCHRONOUS_GRADIENTS).build()
                .fit(ModelBytes.fromBytes(start), rdd, DataSpec.classification(8));
        assertTrue(r.replicasIdentical(), "replicas diverged");
        double diff = maxDiff(local, r.model());
        assertTrue(diff < tol, "max |w_local - w_spark| = " + diff);
        assertEquals(local.optimizer().iterations(), r.model().optimizer().iterations());
        assertEquals(3 * 7, r.model().optimizer().iterations());
        assertEquals(3 * 7, r.collectivesPerReplica());
        // the optimizer state travels with the result
        List<Tensor> sl = local.optimizer().getState();
        List<Tensor> sr = r.model().optimizer().getState();
        assertEquals(sl.size(), sr.size());
        assertTrue(r.epochLoss()[2] < r.epochLoss()[0], "loss should fall: " + java.util.Arrays.toString(r.epochLoss()));
    }

    @Test
    void sgdWithMomentumMatchesSingleProcess() {
        checkEqualsLocal(() -> new SGD(0.05, 0.9, false), 1e-5);
    }

    @Test
    void adamMatchesSingleProcess() {
        checkEqualsLocal(() -> new Adam(0.01), 1e-4);
    }

    @Test
    void dataFrameInputEqualsRddInput() {
        Tensor[] d = data();
        byte[] start = ModelBytes.toBytes(model(() -> new Adam(0.01)));
        DataParallelTrainer t = DataParallelTrainer.builder().workers(2).epochs(1).batchSize(16).seed(3).build();
        TrainingResult a = t.fit(ModelBytes.fromBytes(start), SparkData.examples(LocalSpark.jsc(), d[0], d[1], 2),
                DataSpec.classification(8));
        TrainingResult b = t.fit(ModelBytes.fromBytes(start), SparkData.dataFrame(LocalSpark.session(), d[0], d[1]),
                "features", "label", DataSpec.classification(8));
        assertEquals(0.0, maxDiff(a.model(), b.model()));
        assertArrayEquals(a.epochLoss(), b.epochLoss());
    }

    @Test
    void batchMustSplitEvenly() {
        assertThrows(IllegalArgumentException.class, () -> DataParallelTrainer.builder().workers(2).batchSize(33).build());
    }
}
