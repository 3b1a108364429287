import dev.airfoil.layers.InputLayer;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What each activation costs: the same binary classifier (784 inputs, Dense 256 and Dense 128 with the
 * activation, Dense 1 sigmoid; Adam, binary cross-entropy, accuracy) trained at batch 32 and predicting
 * at batch 1000, on 20,000 uniform random samples, for each activation in turn in one JVM (models take
 * turns every round; medians of 7 rounds after 3 warm-up epochs each). Run by run.sh; with
 * -Dairfoil.activations.fused=false the activations take their formulas (the code before the fused kernels).
 */
public class ActivationCost {
    public static void main(String[] args) {
        List<String> acts = args.length > 0 ? Arrays.asList(args)
                : List.of("relu", "tanh", "sigmoid", "gelu", "silu", "elu", "selu", "leaky_relu", "softplus", "mish");
        int n = 20000;
        float[] data = new float[n * 784];
        float[] labels = new float[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(2);
        }
        Tensor x = Tensor.wrap(data, n, 784);
        Tensor y = Tensor.wrap(labels, n, 1);
        FitOptions fit = FitOptions.builder().epochs(1).batchSize(32).shuffle(false).verbose(0).build();
        List<Sequential> models = new ArrayList<>();
        for (String a : acts) {
            Sequential m = new Sequential(List.of(new InputLayer(new int[] {784}, DType.FLOAT32, null),
                    new Dense(256, a), new Dense(128, a), new Dense(1, "sigmoid")));
            m.compile("adam", "binary_crossentropy", List.of("accuracy"));
            models.add(m);
        }
        for (int w = 0; w < 3; w++) {
            for (Sequential m : models) {
                m.fit(x, y, fit);
                m.predict(x, 1000);
            }
        }
        int rounds = 7;
        double[][] train = new double[acts.size()][rounds];
        double[][] infer = new double[acts.size()][rounds];
        for (int k = 0; k < rounds; k++) {
            for (int i = 0; i < acts.size(); i++) {
                long t0 = System.nanoTime();
                models.get(i).fit(x, y, fit);
                long t1 = System.nanoTime();
                models.get(i).predict(x, 1000);
                long t2 = System.nanoTime();
                train[i][k] = n / ((t1 - t0) / 1e9);
                infer[i][k] = n / ((t2 - t1) / 1e9);
            }
        }
        System.out.printf("fused activations: %s%n", !"false".equals(System.getProperty("airfoil.activations.fused")));
        for (int i = 0; i < acts.size(); i++) {
            Arrays.sort(train[i]);
            Arrays.sort(infer[i]);
            System.out.printf("%-11s train b32 %,8.0f samples/s   predict b1000 %,9.0f samples/s%n", acts.get(i),
                    train[i][rounds / 2], infer[i][rounds / 2]);
        }
    }
}
