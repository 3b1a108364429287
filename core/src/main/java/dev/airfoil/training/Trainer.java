package dev.airfoil.training;

import dev.airfoil.callbacks.Callback;
import dev.airfoil.callbacks.CallbackList;
import dev.airfoil.callbacks.History;
import dev.airfoil.losses.Loss;
import dev.airfoil.losses.SparseCategoricalCrossentropy;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The loops behind {@code fit}, {@code evaluate}, {@code trainOnBatch} and {@code testOnBatch}.
 * Each step goes through the model's overridable {@code trainStep} / {@code testStep}.
 */
public final class Trainer {
    private Trainer() {
    }

    /** Keras's {@code fit}. */
    public static History fit(Model model, Object x, Object y, FitOptions o) {
        Compiled c = requireCompiled(model, "fit");
        if (o.batchSize <= 0) {
            throw new IllegalArgumentException("fit: batch_size must be a positive integer, got " + o.batchSize);
        }
        if (o.epochs <= o.initialEpoch) {
            throw new IllegalArgumentException("fit: epochs (" + o.epochs + ") must be greater than initial_epoch ("
                    + o.initialEpoch + "); epochs is the index of the last epoch, not a count to add");
        }
        if (o.validationSplit < 0 || o.validationSplit >= 1) {
            throw new IllegalArgumentException("fit: validation_split must be in [0, 1), got " + o.validationSplit);
        }
        List<Tensor> xs = DataAdapter.toList(x, model.inputNames(), "x");
        List<Tensor> ys = DataAdapter.toList(y, model.outputNames(), "y");
        if (ys == null) {
            throw new IllegalArgumentException("fit: y is missing; pass the targets");
        }
        int n = DataAdapter.numSamples(xs, ys, "fit");
        Tensor sw = o.sampleWeight;
        if (sw != null && sw.shape()[0] != n) {
            throw new IllegalArgumentException("fit: sample_weight has " + sw.shape()[0] + " entries for " + n + " samples");
        }
        List<Tensor> vx = null;
        List<Tensor> vy = null;
        Tensor vsw = null;
        if (o.validationX != null) {
            vx = DataAdapter.toList(o.validationX, model.inputNames(), "validation x");
            vy = DataAdapter.toList(o.validationY, model.outputNames(), "validation y");
            DataAdapter.numSamples(vx, vy, "fit (validation_data)");
            vsw = o.validationSampleWeight;
        } else if (o.validationSplit > 0) {
            int splitAt = (int) Math.floor(n * (1 - o.validationSplit));
            if (splitAt <= 0 || splitAt >= n) {
                throw new IllegalArgumentException("fit: validation_split=" + o.validationSplit + " on " + n
                        + " samples leaves " + (splitAt <= 0 ? "no training" : "no validation")
                        + " data; use a split between " + (1.0 / n) + " and " + (1 - 1.0 / n));
            }
            vx = DataAdapter.rows(xs, splitAt, n);
            vy = DataAdapter.rows(ys, splitAt, n);
            vsw = sw == null ? null : sw.slice(0, splitAt, n);
            xs = DataAdapter.rows(xs, 0, splitAt);
            ys = DataAdapter.rows(ys, 0, splitAt);
            sw = sw == null ? null : sw.slice(0, 0, splitAt);
            n = splitAt;
        }
        checkLabels(model, c, ys);
        if (vy != null) {
            checkLabels(model, c, vy);
        }
        int batches = (n + o.batchSize - 1) / o.batchSize;
        int steps = o.stepsPerEpoch == null ? batches : Math.min(batches, o.stepsPerEpoch);
        FitState previous = model.fitState();
        long seed = o.seed != null ? o.seed
                : previous != null && previous.isRestored() ? previous.seed() : Seeds.next();

        CallbackList callbacks = CallbackList.forFit(o.callbacks, model, o.epochs, steps, o.verbose);
        model.setStopTraining(false);
        // callbacks restoring a backup (BackupAndRestore) may move the start and the seed in onTrainBegin
        FitState state = FitState.start(seed, o.initialEpoch, o.callbacks);
        model.setFitState(state);
        callbacks.onTrainBegin(new LinkedHashMap<>());
        seed = state.seed();
        int startEpoch = state.epoch();
        int startStep = state.step();
        Map<String, Double> epochLogs = new LinkedHashMap<>();
        for (int epoch = startEpoch; epoch < o.epochs; epoch++) {
            c.resetState();
            callbacks.onEpochBegin(epoch, new LinkedHashMap<>());
            int[] order = o.shuffle ? permutation(n, seed, epoch) : null;
            Map<String, Double> logs = new LinkedHashMap<>();
            for (int step = epoch == startEpoch ? startStep : 0; step < steps; step++) {
                int start = step * o.batchSize;
                int stop = Math.min(n, start + o.batchSize);
                List<Tensor> bx;
                List<Tensor> by;
                Tensor bsw;
                if (order == null) {
                    bx = DataAdapter.rows(xs, start, stop);
                    by = DataAdapter.rows(ys, start, stop);
                    bsw = sw == null ? null : sw.slice(0, start, stop);
                } else {
                    Tensor idx = Tensor.ofInts(java.util.Arrays.copyOfRange(order, start, stop));
                    bx = DataAdapter.take(xs, idx);
                    by = DataAdapter.take(ys, idx);
                    bsw = sw == null ? null : sw.take(idx, 0);
                }
                bsw = withClassWeights(o.classWeight, by, bsw);
                callbacks.onTrainBatchBegin(step, new LinkedHashMap<>());
                logs = model.trainStep(bx, by, bsw);
                state.stepDone(epoch, step + 1);
                callbacks.onTrainBatchEnd(step, logs);
                if (model.isStopTraining()) {
                    break;
                }
            }
            epochLogs = new LinkedHashMap<>(logs);
            boolean validate = vx != null && (epoch + 1 - o.initialEpoch) % Math.max(1, o.validationFreq) == 0;
            if (validate) {
                int vb = o.validationBatchSize == null ? o.batchSize : o.validationBatchSize;
                Map<String, Double> val = evaluateLists(model, vx, vy, vsw, vb, callbacks);
                for (Map.Entry<String, Double> e : val.entrySet()) {
                    epochLogs.put("val_" + e.getKey(), e.getValue());
                }
            }
            state.epochDone(epoch);
            callbacks.onEpochEnd(epoch, epochLogs);
            if (model.isStopTraining()) {
                break;
            }
        }
        callbacks.onTrainEnd(epochLogs);
        return callbacks.history();
    }

    private static Tensor withClassWeights(Map<Integer, Double> classWeight, List<Tensor> ys, Tensor sw) {
        if (classWeight == null) {
            return sw;
        }
        if (ys.size() != 1) {
            throw new IllegalArgumentException("class_weight is only supported for models with a single output; "
                    + "use sample_weight for several outputs");
        }
        Tensor cw = DataAdapter.classWeights(classWeight, ys.get(0));
        return sw == null ? cw : sw.cast(DType.FLOAT32).mul(cw);
    }

    /** Labels for a sparse categorical loss must lie in [0, classes). */
    private static void checkLabels(Model model, Compiled c, List<Tensor> ys) {
        if (!model.isFunctional()) {
            return;
        }
        List<Loss> losses = c.losses();
        for (int i = 0; i < losses.size() && i < ys.size(); i++) {
            if (!(losses.get(i) instanceof SparseCategoricalCrossentropy)) {
                continue;
            }
            int[] outShape = model.outputs().get(i).shape();
            int classes = outShape[outShape.length - 1];
            Tensor y = ys.get(i);
            if (classes <= 0 || y.size() == 0) {
                continue;
            }
            double min = y.min().item();
            double max = y.max().item();
            if (min < 0 || max >= classes) {
                throw new IllegalArgumentException("Output '" + model.outputNames().get(i) + "' predicts " + classes
                        + " classes but the labels range over [" + (long) min + ", " + (long) max + "]; labels for "
                        + "sparse_categorical_crossentropy must be integers in [0, " + classes + ")");
            }
        }
    }

    /** A seeded permutation of {@code [0, n)} for one epoch (same seed and epoch, same order). */
    static int[] permutation(int n, long seed, int epoch) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (epoch + 1));
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Keras's {@code evaluate}: the loss and metrics over the whole data, in batches. */
    public static Map<String, Double> evaluate(Model model, Object x, Object y, Tensor sampleWeight, int batchSize,
                                               List<Callback> callbacks) {
        requireCompiled(model, "evaluate");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("evaluate: batch_size must be positive, got " + batchSize);
        }
        List<Tensor> xs = DataAdapter.toList(x, model.inputNames(), "x");
        List<Tensor> ys = DataAdapter.toList(y, model.outputNames(), "y");
        CallbackList cl = CallbackList.forInference(callbacks, model, (DataAdapter.numSamples(xs, ys, "evaluate")
                + batchSize - 1) / batchSize, 0);
        return evaluateLists(model, xs, ys, sampleWeight, batchSize, cl);
    }

    private static Map<String, Double> evaluateLists(Model model, List<Tensor> xs, List<Tensor> ys, Tensor sw,
                                                     int batchSize, CallbackList callbacks) {
        Compiled c = requireCompiled(model, "evaluate");
        int n = xs.get(0).shape()[0];
        c.resetState();
        callbacks.onTestBegin(new LinkedHashMap<>());
        Map<String, Double> logs = new LinkedHashMap<>();
        int step = 0;
        for (int start = 0; start < n; start += batchSize, step++) {
            int stop = Math.min(n, start + batchSize);
            callbacks.onTestBatchBegin(step, new LinkedHashMap<>());
            logs = model.testStep(DataAdapter.rows(xs, start, stop), DataAdapter.rows(ys, start, stop),
                    sw == null ? null : sw.slice(0, start, stop));
            callbacks.onTestBatchEnd(step, logs);
        }
        callbacks.onTestEnd(logs);
        return logs;
    }

    /** Keras's {@code train_on_batch}: one step on one batch; metrics are reset first. */
    public static Map<String, Double> trainOnBatch(Model model, Object x, Object y, Tensor sampleWeight) {
        Compiled c = requireCompiled(model, "trainOnBatch");
        List<Tensor> xs = DataAdapter.toList(x, model.inputNames(), "x");
        List<Tensor> ys = DataAdapter.toList(y, model.outputNames(), "y");
        DataAdapter.numSamples(xs, ys, "trainOnBatch");
        c.resetState();
        return model.trainStep(xs, ys, sampleWeight);
    }

    /** Keras's {@code test_on_batch}. */
    public static Map<String, Double> testOnBatch(Model model, Object x, Object y, Tensor sampleWeight) {
        Compiled c = requireCompiled(model, "testOnBatch");
        List<Tensor> xs = DataAdapter.toList(x, model.inputNames(), "x");
        List<Tensor> ys = DataAdapter.toList(y, model.outputNames(), "y");
        DataAdapter.numSamples(xs, ys, "testOnBatch");
        c.resetState();
        return model.testStep(xs, ys, sampleWeight);
    }

    private static Compiled requireCompiled(Model model, String op) {
        Compiled c = model.compiled();
        if (c == null) {
            throw new IllegalStateException(op + ": model '" + model.name() + "' must be compiled first; call "
                    + "model.compile(optimizer, loss, metrics)");
        }
        return c;
    }
}
