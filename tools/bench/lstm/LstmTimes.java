import dev.airfoil.layers.InputLayer;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.recurrent.LSTM;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An LSTM(128) + Dense(10) on 28 steps of 28 features (MNIST read row by row), Adam: training samples/s at
 * batch 32 (one epoch of 4,096 synthetic samples, no shuffle; median of three) and inference samples/s at
 * batch 1000 (median of nine), each after a warm-up of at least {@link #WARMUP_NANOS} (the JIT compiles the
 * inference path's own branches only once it runs). lstm_torch.py and lstm_keras.py run the same model in
 * PyTorch and Keras the same way.
 */
public final class LstmTimes {
    private static final long WARMUP_NANOS = 3_000_000_000L;

    public static void main(String[] args) {
        Sequential m = new Sequential(List.of(new InputLayer(new int[] {28, 28}, DType.FLOAT32, null),
                new LSTM(128), new Dense(10)));
        m.compile("adam", "sparse_categorical_crossentropy");
        int n = 4096;
        Tensor x = Tensor.randomUniform(5, 0, 1, n, 28, 28);
        int[] labels = new int[n];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(10);
        }
        Tensor y = Tensor.ofInts(labels, n);
        FitOptions fit = FitOptions.builder().epochs(1).batchSize(32).shuffle(false).verbose(0).build();
        long start = System.nanoTime();
        do {
            m.fit(x, y, fit);
        } while (System.nanoTime() - start < WARMUP_NANOS);
        double[] train = new double[3];
        for (int i = 0; i < train.length; i++) {
            long t0 = System.nanoTime();
            m.fit(x, y, fit);
            train[i] = n / ((System.nanoTime() - t0) / 1e9);
        }
        Tensor xb = Tensor.randomUniform(6, 0, 1, 1000, 28, 28);
        start = System.nanoTime();
        for (int calls = 0; calls < 3 || System.nanoTime() - start < WARMUP_NANOS; calls++) {
            m.predict(xb, 1000);
        }
        double[] infer = new double[9];
        for (int i = 0; i < infer.length; i++) {
            long t0 = System.nanoTime();
            m.predict(xb, 1000);
            infer[i] = 1000 / ((System.nanoTime() - t0) / 1e9);
        }
        Arrays.sort(train);
        Arrays.sort(infer);
        System.out.printf("airfoil lstm train b32 %.0f samples/s, infer b1000 %.0f samples/s%n", train[1], infer[4]);
    }
}
