package dev.airfoil.examples;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.attention.MultiHeadAttention;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.merging.Add;
import dev.airfoil.layers.pooling.GlobalAveragePooling1D;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small self-attention model on a synthetic key-value lookup: position 0 holds a query token,
 * positions 1..8 hold (key, value) pairs with the 8 keys in random order and random values (each
 * token one-hot over 8; 24 channels: query, key, value). The label is the value stored under the
 * queried key. No per-position layer can solve it (the query and its pair sit at different
 * positions); attention can, by matching the query with the keys. The model projects the tokens,
 * applies {@code MultiHeadAttention(4 heads, key_dim 16)} as self-attention with a residual
 * connection, averages over time and classifies. Chance level is 1/8.
 *
 * <pre>
 * java -cp examples/target/classes:core/target/classes:... dev.airfoil.examples.AttentionLookup [epochs] [noattention]
 * </pre>
 */
public final class AttentionLookup {
    static final int PAIRS = 8;
    static final int VOCAB = 8;
    static final int CHANNELS = 3 * VOCAB;

    private AttentionLookup() {
    }

    /** {@code n} samples {@code (n, 9, 24)} and their labels one-hot {@code (n, 8)}. */
    static Tensor[] data(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int len = PAIRS + 1;
        float[] x = new float[n * len * CHANNELS];
        float[] y = new float[n * VOCAB];
        for (int i = 0; i < n; i++) {
            int[] keys = new int[PAIRS];
            for (int k = 0; k < PAIRS; k++) {
                keys[k] = k;
            }
            for (int k = PAIRS - 1; k > 0; k--) {
                int j = rng.nextInt(k + 1);
                int tmp = keys[k];
                keys[k] = keys[j];
                keys[j] = tmp;
            }
            int query = rng.nextInt(VOCAB);
            x[(i * len) * CHANNELS + query] = 1;
            for (int p = 0; p < PAIRS; p++) {
                int value = rng.nextInt(VOCAB);
                int base = (i * len + p + 1) * CHANNELS;
                x[base + VOCAB + keys[p]] = 1;
                x[base + 2 * VOCAB + value] = 1;
                if (keys[p] == query) {
                    y[i * VOCAB + value] = 1;
                }
            }
        }
        return new Tensor[] {Tensor.of(x, n, len, CHANNELS), Tensor.of(y, n, VOCAB)};
    }

    /** The model. */
    public static Model model(boolean attention) {
        KerasTensor in = Input.shape(PAIRS + 1, CHANNELS);
        KerasTensor h = new Dense(32, "relu").apply(in);
        KerasTensor x = h;
        if (attention) {
            KerasTensor att = MultiHeadAttention.builder(4, 16).build().apply(List.of(h, h));
            x = new Add().apply(h, att);
        } else {
            x = new Dense(32, "relu").apply(h);
        }
        x = new GlobalAveragePooling1D().apply(x);
        KerasTensor out = new Dense(VOCAB, "softmax").apply(x);
        return new Model(in, out);
    }

    /**
     * Trains for {@code args[0]} epochs (default 80) on 4,000 samples and evaluates on 1,000 new ones;
     * {@code noattention} as second argument replaces the attention block by a per-position Dense layer.
     */
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 80;
        Seeds.setGlobalSeed(7);
        Tensor[] train = data(4000, 1);
        Tensor[] test = data(1000, 2);
        Model model = model(!(args.length > 1 && "noattention".equals(args[1])));
        System.out.println(model.summary());
        model.compile("adam", "categorical_crossentropy", List.of("accuracy"));
        long start = System.nanoTime();
        model.fit(train[0], train[1], FitOptions.builder().batchSize(64).epochs(epochs).verbose(2).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> r = model.evaluate(test[0], test[1]);
        System.out.printf("%.1f s for %d epochs%n", seconds, epochs);
        System.out.printf("test loss: %.4f%n", r.get("loss"));
        System.out.printf("test accuracy: %.4f (chance 0.125)%n", r.get("accuracy"));
    }
}
