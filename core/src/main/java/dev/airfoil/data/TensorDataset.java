package dev.airfoil.data;

import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * In-memory samples for training: one or more input tensors and target tensors sharing their first
 * (sample) dimension, cut into mini-batches, optionally shuffled each epoch (like
 * {@code tf.data.Dataset.from_tensor_slices(...).shuffle(...).batch(...)} or PyTorch's
 * {@code TensorDataset} with a {@code DataLoader}).
 *
 * <p>Immutable: {@link #batch}, {@link #shuffle} and {@link #withSampleWeights} return new views
 * over the same tensors. Shuffling is a fresh permutation of the sample indices per epoch, drawn from
 * the explicit seed and the epoch number, so the same seed and epoch always give the same order and
 * each epoch a different one; every sample appears exactly once per epoch. A batch gathers its rows
 * with {@link Tensor#take}; the data set itself is never copied per epoch. Without shuffling, batches
 * are consecutive rows as {@link Tensor#rowsView row views}: no copy, like a NumPy or PyTorch slice (the
 * Dense layer reads them in place; anything else gets its own copy on first use). A batch therefore shows
 * later in-place writes to the data set's arrays until something copies it: leave those arrays alone
 * while a batch is in use, as {@code fit} does.
 *
 * <p>Example:
 * <pre>{@code
 * TensorDataset train = TensorDataset.of(x, y).batch(32).shuffle(42);
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch b : train.epoch(epoch)) {
 *         step(b.x(), b.y());
 *     }
 * }
 * TensorDataset.Split s = TensorDataset.of(x, y).trainValidationSplit(0.2); // last 20% validate
 * }</pre>
 */
public final class TensorDataset implements Iterable<Batch> {
    /** Keras's default batch size. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final List<Tensor> inputs;
    private final List<Tensor> targets;
    private final Tensor sampleWeights;
    private final int size;
    private final int batchSize;
    private final boolean dropRemainder;
    private final Long seed;

    private TensorDataset(List<Tensor> inputs, List<Tensor> targets, Tensor sampleWeights, int batchSize,
                          boolean dropRemainder, Long seed) {
        this.inputs = inputs;
        this.targets = targets;
        this.sampleWeights = sampleWeights;
        this.size = inputs.get(0).shape()[0];
        this.batchSize = batchSize;
        this.dropRemainder = dropRemainder;
        this.seed = seed;
    }

    /** A data set of inputs only (for prediction). */
    public static TensorDataset of(Tensor x) {
        return of(List.of(x), List.of());
    }

    /** A data set of one input and one target tensor. */
    public static TensorDataset of(Tensor x, Tensor y) {
        return of(List.of(x), List.of(y));
    }

    /**
     * A data set of several inputs and targets (multi-input / multi-output models).
     *
     * @throws IllegalArgumentException when there is no input, a tensor is a scalar, or the first
     *                                  dimensions differ (the message lists every tensor's shape)
     */
    public static TensorDataset of(List<Tensor> inputs, List<Tensor> targets) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("TensorDataset needs at least one input tensor");
        }
        List<Tensor> in = List.copyOf(inputs);
        List<Tensor> tg = List.copyOf(targets);
        checkSameLength(in, tg, null);
        return new TensorDataset(in, tg, null, DEFAULT_BATCH_SIZE, false, null);
    }

    private static void checkSameLength(List<Tensor> in, List<Tensor> tg, Tensor w) {
        List<Tensor> all = new ArrayList<>(in);
        all.addAll(tg);
        if (w != null) {
            all.add(w);
        }
        int n = -1;
        boolean ok = true;
        for (Tensor t : all) {
            if (t.rank() == 0) {
                throw new IllegalArgumentException("TensorDataset: every tensor needs a sample axis, got a scalar;"
                        + " reshape it to (1,) or (N, ...)");
            }
            if (n < 0) {
                n = t.shape()[0];
            } else if (t.shape()[0] != n) {
                ok = false;
            }
        }
        if (!ok) {
            StringBuilder sb = new StringBuilder("TensorDataset: all tensors must have the same number of samples"
                    + " (first dimension). Got inputs ");
            sb.append(shapes(in)).append(", targets ").append(shapes(tg));
            if (w != null) {
                sb.append(", sample weights ").append(Arrays.toString(w.shape()));
            }
            throw new IllegalArgumentException(sb.toString());
        }
    }

    private static String shapes(List<Tensor> ts) {
        List<String> s = new ArrayList<>();
        for (Tensor t : ts) {
            s.add(Arrays.toString(t.shape()));
        }
        return s.toString();
    }

    /**
     * The same samples with per-sample weights (Keras's {@code sample_weight}).
     *
     * @param weights shape {@code (samples,)}
     */
    public TensorDataset withSampleWeights(Tensor weights) {
        if (weights != null) {
            if (weights.rank() != 1) {
                throw new IllegalArgumentException("TensorDataset: sample weights must have shape (" + size
                        + ",), got " + Arrays.toString(weights.shape()));
            }
            checkSameLength(inputs, targets, weights);
        }
        return new TensorDataset(inputs, targets, weights, batchSize, dropRemainder, seed);
    }

    /** Batches of {@code batchSize} samples, keeping a smaller last batch. */
    public TensorDataset batch(int batchSize) {
        return batch(batchSize, false);
    }

    /**
     * Batches of {@code batchSize} samples.
     *
     * @param dropRemainder drop the last batch when it has fewer than {@code batchSize} samples
     */
    public TensorDataset batch(int batchSize, boolean dropRemainder) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("TensorDataset: batch size must be at least 1, got " + batchSize);
        }
        return new TensorDataset(inputs, targets, sampleWeights, batchSize, dropRemainder, seed);
    }

    /** Shuffles the samples each epoch with a permutation drawn from {@code seed} and the epoch number. */
    public TensorDataset shuffle(long seed) {
        return new TensorDataset(inputs, targets, sampleWeights, batchSize, dropRemainder, seed);
    }

    /** The same data set without shuffling (batches in sample order). */
    public TensorDataset unshuffled() {
        return new TensorDataset(inputs, targets, sampleWeights, batchSize, dropRemainder, null);
    }

    /** The number of samples. */
    public int size() {
        return size;
    }

    /** The batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** Whether a short last batch is dropped. */
    public boolean dropRemainder() {
        return dropRemainder;
    }

    /** Whether batches are shuffled each epoch. */
    public boolean isShuffled() {
        return seed != null;
    }

    /** The input tensors (unshuffled, whole). */
    public List<Tensor> inputs() {
        return inputs;
    }

    /** The target tensors (unshuffled, whole); empty for an inputs-only data set. */
    public List<Tensor> targets() {
        return targets;
    }

    /** The sample weights, or null. */
    public Tensor sampleWeights() {
        return sampleWeights;
    }

    /** Batches per epoch ({@code steps_per_epoch}). */
    public int numBatches() {
        return dropRemainder ? size / batchSize : (size + batchSize - 1) / batchSize;
    }

    /**
     * The sample order of an epoch: the identity without shuffling, otherwise a permutation that
     * depends only on the seed and {@code epoch}.
     */
    public int[] order(int epoch) {
        int[] idx = new int[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        if (seed != null) {
            SplittableRandom rng = new SplittableRandom(mix(seed, epoch));
            for (int i = size - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        return idx;
    }

    private static long mix(long seed, long epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The batches of epoch 0. */
    @Override
    public Iterator<Batch> iterator() {
        return epoch(0).iterator();
    }

    /** The batches of one epoch, in that epoch's order; each iteration walks the same batches. */
    public Iterable<Batch> epoch(int epoch) {
        return () -> new Iterator<>() {
            private final int[] order = seed != null ? order(epoch) : null;
            private final int count = numBatches();
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return makeBatch(order, next++);
            }
        };
    }

    private Batch makeBatch(int[] order, int b) {
        int start = b * batchSize;
        int end = Math.min(size, start + batchSize);
        Tensor index = null;
        if (order != null) {
            index = Tensor.ofInts(Arrays.copyOfRange(order, start, end), end - start);
        }
        List<Tensor> in = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) {
            in.add(rows(t, index, start, end));
        }
        List<Tensor> tg = new ArrayList<>(targets.size());
        for (Tensor t : targets) {
            tg.add(rows(t, index, start, end));
        }
        Tensor w = sampleWeights == null ? null : rows(sampleWeights, index, start, end);
        return new Batch(in, tg, w);
    }

    private static Tensor rows(Tensor t, Tensor index, int start, int end) {
        return index == null ? t.rowsView(start, end) : t.take(index, 0);
    }

    /**
     * The samples at the given indices, in that order (a copy), with the same batching and shuffling
     * settings; for cross-validation folds and bootstrap samples.
     */
    public TensorDataset subset(int[] indices) {
        Tensor index = Tensor.ofInts(indices, indices.length);
        List<Tensor> in = new ArrayList<>();
        for (Tensor t : inputs) {
            in.add(t.take(index, 0));
        }
        List<Tensor> tg = new ArrayList<>();
        for (Tensor t : targets) {
            tg.add(t.take(index, 0));
        }
        Tensor w = sampleWeights == null ? null : sampleWeights.take(index, 0);
        return new TensorDataset(List.copyOf(in), List.copyOf(tg), w, batchSize, dropRemainder, seed);
    }

    /**
     * The training and validation parts of a {@link #trainValidationSplit}.
     *
     * @param train       the first samples
     * @param validation  the last samples
     */
    public record Split(TensorDataset train, TensorDataset validation) {
    }

    /**
     * Splits off the LAST {@code validationFraction} of the samples for validation, before any
     * shuffling, exactly like Keras's {@code validation_split}: the split index is
     * {@code floor(samples * (1 - validationFraction))}. Both parts keep this data set's batching and
     * shuffling settings.
     *
     * @throws IllegalArgumentException when the fraction is not in (0, 1) or leaves either part empty
     */
    public Split trainValidationSplit(double validationFraction) {
        int at = splitIndex(size, validationFraction);
        return new Split(sliceAll(0, at), sliceAll(at, size));
    }

    private TensorDataset sliceAll(int start, int end) {
        List<Tensor> in = new ArrayList<>();
        for (Tensor t : inputs) {
            in.add(t.slice(0, start, end));
        }
        List<Tensor> tg = new ArrayList<>();
        for (Tensor t : targets) {
            tg.add(t.slice(0, start, end));
        }
        Tensor w = sampleWeights == null ? null : sampleWeights.slice(0, start, end);
        return new TensorDataset(List.copyOf(in), List.copyOf(tg), w, batchSize, dropRemainder, seed);
    }

    /**
     * Splits each tensor into its first and last part along axis 0 by Keras's {@code validation_split}
     * rule (the last {@code validationFraction} of the samples validate).
     *
     * @return two lists: the training parts and the validation parts, in the order of {@code arrays}
     */
    public static List<List<Tensor>> trainValidationSplit(List<Tensor> arrays, double validationFraction) {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("trainValidationSplit: no arrays given");
        }
        checkSameLength(arrays, List.of(), null);
        int n = arrays.get(0).shape()[0];
        int at = splitIndex(n, validationFraction);
        List<Tensor> train = new ArrayList<>();
        List<Tensor> val = new ArrayList<>();
        for (Tensor t : arrays) {
            train.add(t.slice(0, 0, at));
            val.add(t.slice(0, at, n));
        }
        return List.of(List.copyOf(train), List.copyOf(val));
    }

    /**
     * Keras's split index {@code floor(samples * (1 - validationFraction))}.
     *
     * @throws IllegalArgumentException when the fraction is not strictly between 0 and 1 or leaves
     *                                  either part empty
     */
    public static int splitIndex(int samples, double validationFraction) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation split must be a fraction strictly between 0 and 1, got "
                    + validationFraction);
        }
        int at = (int) Math.floor(samples * (1.0 - validationFraction));
        if (at == 0 || at == samples) {
            throw new IllegalArgumentException("validation split " + validationFraction + " of " + samples
                    + " samples leaves " + (at == 0 ? "no training" : "no validation") + " samples; use more data or"
                    + " a different fraction");
        }
        return at;
    }

    @Override
    public String toString() {
        return "TensorDataset[samples=" + size + ", inputs=" + shapes(inputs) + ", targets=" + shapes(targets)
                + ", batchSize=" + batchSize + (dropRemainder ? ", dropRemainder" : "")
                + (seed != null ? ", shuffle(seed=" + seed + ")" : "") + "]";
    }
}
