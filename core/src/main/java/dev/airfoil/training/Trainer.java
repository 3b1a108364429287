package dev.airfoil.training;

import dev.airfoil.callbacks.Callback;
import dev.airfoil.callbacks.CallbackList;
import dev.airfoil.data.Batch;
import dev.airfoil.data.TensorDataset;
import dev.airfoil.callbacks.History;
import dev.airfoil.losses.Loss;
import dev.airfoil.losses.SparseCategoricalCrossentropy;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loops behind {@code fit}, {@code evaluate}, {@code trainOnBatch} and {@code testOnBatch}.
 * Each step goes through the model's overridable {@code trainStep} / {@code testStep}.
 */
public final class Trainer {
    private Trainer() {
    }

    /**
     * Keras's {@code fit}. As in Keras, {@code epochs} is the index of the epoch to stop before, so
     * epochs {@code initialEpoch .. epochs-1} run; when {@code epochs <= initialEpoch} none runs:
     * the callbacks see {@code onTrainBegin} and {@code onTrainEnd} only and the History is empty.
     */
    public static History fit(Model model, Object x, Object y, FitOptions o) {
        Compiled c = requireCompiled(model, "fit");
        if (o.batchSize <= 0) {
            throw new IllegalArgumentException("fit: batch_size must be a positive integer, got " + o.batchSize);
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
        Tensor sw = DataAdapter.perSample(o.sampleWeight);
        refuseClassAndSampleWeights(o.classWeight, sw != null);
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
            vsw = DataAdapter.perSample(o.validationSampleWeight);
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
        FitState previous = model.fitState();
        long seed = o.seed != null ? o.seed
                : previous != null && previous.isRestored() ? previous.seed() : Seeds.next();
        TensorDataset data = TensorDataset.of(xs, ys).withSampleWeights(sw).batch(o.batchSize);
        if (o.shuffle) {
            data = data.shuffle(seed);
        }
        Validation validation = vx == null ? null : new Validation(vx, vy, vsw,
                o.validationBatchSize == null ? o.batchSize : o.validationBatchSize);
        return loop(model, c, data, validation, o, seed, o.shuffle);
    }

    /** Keras's {@code fit} on a dataset that batches (and shuffles) itself; validation from the options. */
    public static History fit(Model model, TensorDataset data, FitOptions o) {
        Compiled c = requireCompiled(model, "fit");
        if (data.size() == 0) {
            throw new IllegalArgumentException("fit: the dataset is empty (0 samples)");
        }
        refuseClassAndSampleWeights(o.classWeight, data.sampleWeights() != null);
        checkLabels(model, c, data.targets());
        Validation validation = null;
        if (o.validationX != null) {
            List<Tensor> vx = DataAdapter.toList(o.validationX, model.inputNames(), "validation x");
            List<Tensor> vy = DataAdapter.toList(o.validationY, model.outputNames(), "validation y");
            DataAdapter.numSamples(vx, vy, "fit (validation_data)");
            validation = new Validation(vx, vy, DataAdapter.perSample(o.validationSampleWeight),
                    o.validationBatchSize == null ? data.batchSize() : o.validationBatchSize);
        }
        return loop(model, c, data, validation, o, 0L, false);
    }

    /** Validation data and its batch size. */
    private record Validation(List<Tensor> x, List<Tensor> y, Tensor sampleWeight, int batchSize) {
    }

    /**
     * The epoch loop shared by arrays and datasets. {@code seed} is the shuffle seed of array data
     * ({@code reshuffle}: a callback restoring a backup may replace it in {@code onTrainBegin}).
     */
    private static History loop(Model model, Compiled c, TensorDataset data, Validation validation, FitOptions o,
                                long seed, boolean reshuffle) {
        int steps = o.stepsPerEpoch == null ? data.numBatches() : Math.min(data.numBatches(), o.stepsPerEpoch);
        CallbackList callbacks = CallbackList.forFit(o.callbacks, model, o.epochs, steps, o.verbose);
        model.setStopTraining(false);
        // callbacks restoring a backup (BackupAndRestore) may move the start and the seed in onTrainBegin
        FitState state = FitState.start(seed, o.initialEpoch, o.callbacks);
        model.setFitState(state);
        callbacks.onTrainBegin(new LinkedHashMap<>());
        if (reshuffle && state.seed() != seed) {
            data = data.shuffle(state.seed());
        }
        int startEpoch = state.epoch();
        int startStep = state.step();
        Map<String, Double> epochLogs = new LinkedHashMap<>();
        // As Keras: with steps_per_epoch, one pass over the data carries on across epochs, and an epoch
        // that runs out of data ends early; the next epoch then starts a new pass.
        Iterator<Batch> pass = null;
        for (int epoch = startEpoch; epoch < o.epochs; epoch++) {
            c.resetState();
            callbacks.onEpochBegin(epoch, new LinkedHashMap<>());
            Map<String, Double> logs = new LinkedHashMap<>();
            int step = 0;
            int skip = epoch == startEpoch ? startStep : 0; // batches a restored backup already trained on
            if (pass == null || o.stepsPerEpoch == null) {
                pass = data.epoch(epoch).iterator();
            }
            while (step < steps && pass.hasNext()) {
                Batch batch = pass.next();
                if (step < skip) {
                    step++;
                    continue;
                }
                Tensor bsw = withClassWeights(o.classWeight, batch.targets(), batch.sampleWeights());
                callbacks.onTrainBatchBegin(step, new LinkedHashMap<>());
                logs = model.trainStep(batch.inputs(), batch.targets(), bsw);
                state.stepDone(epoch, step + 1);
                callbacks.onTrainBatchEnd(step, logs);
                step++;
                if (model.isStopTraining()) {
                    break;
                }
            }
            if (!pass.hasNext()) {
                pass = null;
            }
            epochLogs = new LinkedHashMap<>(logs);
            // as Keras: every validationFreq-th epoch counted from 1, whatever initial_epoch is
            boolean validate = validation != null && (epoch + 1) % o.validationFreq == 0;
            if (validate) {
                Map<String, Double> val = evaluateLists(model, validation.x(), validation.y(), validation.sampleWeight(),
                        validation.batchSize(), callbacks);
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
        if (o.epochs > 0 && c.optimizer().useEma()) {
            // as Keras: the moving averages replace the weights at the end of training (unless epochs <= 0)
            c.optimizer().finalizeVariableValues(model.trainableWeights());
        }
        callbacks.onTrainEnd(epochLogs);
        return callbacks.history();
    }

    /** Keras refuses class_weight together with sample weights rather than guessing how to combine them. */
    private static void refuseClassAndSampleWeights(Map<Integer, Double> classWeight, boolean hasSampleWeights) {
        if (classWeight != null && hasSampleWeights) {
            throw new IllegalArgumentException("fit: you cannot pass classWeight and sampleWeight at the same time "
                    + "(Keras refuses it too). Drop classWeight and multiply each sample's weight by the weight of "
                    + "its class instead.");
        }
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

    /**
     * Targets must fit the outputs before the first step: sparse labels have one axis less than the
     * prediction (or a trailing 1) and lie in [0, classes); other losses need the prediction's
     * per-sample shape (a trailing axis of size 1 may be missing).
     */
    private static void checkLabels(Model model, Compiled c, List<Tensor> ys) {
        if (!model.isFunctional()) {
            return;
        }
        List<Loss> losses = c.losses();
        if (ys.size() != model.outputs().size()) {
            throw new IllegalArgumentException("The model has " + model.outputs().size() + " outputs "
                    + model.outputNames() + " but " + ys.size() + " targets were given; pass one y per output");
        }
        for (int i = 0; i < losses.size() && i < ys.size(); i++) {
            if (losses.get(i) == null) {
                continue;
            }
            int[] outShape = model.outputs().get(i).shape();
            Tensor y = ys.get(i);
            int[] ys_ = y.shape();
            String name = model.outputNames().get(i);
            boolean sparse = losses.get(i) instanceof SparseCategoricalCrossentropy;
            int[] expected = sparse ? java.util.Arrays.copyOf(outShape, outShape.length - 1) : outShape;
            if (!compatible(expected, ys_)) {
                throw new IllegalArgumentException("Output '" + name + "' produces " + Shape.str(outShape) + " but the targets have shape "
                        + Shape.str(ys_) + "; " + losses.get(i).name() + " needs targets of shape " + Shape.str(expected)
                        + (sparse ? " (integer class labels)" : "") + " — reshape y or choose the matching loss "
                        + (sparse ? "(categorical_crossentropy for one-hot targets)" : "(sparse_categorical_crossentropy for integer labels)"));
            }
            int classes = outShape[outShape.length - 1];
            if (!sparse || classes <= 0 || y.size() == 0) {
                continue;
            }
            double min = y.min().item();
            double max = y.max().item();
            if (min < 0 || max >= classes) {
                throw new IllegalArgumentException("Output '" + name + "' predicts " + classes
                        + " classes but the labels range over [" + (long) min + ", " + (long) max + "]; labels for "
                        + "sparse_categorical_crossentropy must be integers in [0, " + classes + ")");
            }
        }
    }

    /** Per-sample shapes agree, allowing -1 (unknown) and one missing or extra trailing axis of size 1. */
    private static boolean compatible(int[] expected, int[] actual) {
        int[] e = java.util.Arrays.copyOfRange(expected, 1, expected.length);
        int[] a = java.util.Arrays.copyOfRange(actual, 1, actual.length);
        if (e.length == a.length + 1 && e[e.length - 1] == 1) {
            e = java.util.Arrays.copyOf(e, e.length - 1);
        } else if (a.length == e.length + 1 && a[a.length - 1] == 1) {
            a = java.util.Arrays.copyOf(a, a.length - 1);
        }
        if (e.length != a.length) {
            return false;
        }
        for (int i = 0; i < e.length; i++) {
            if (e[i] >= 0 && e[i] != a[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The model's inputs, in order, from what a user passes as x: a tensor, a Java array, a list (one
     * entry per input, by position) or a map (by input name).
     *
     * @param op the operation named in error messages, such as {@code "predict"}
     */
    public static List<Tensor> inputsOf(Model model, Object x, String op) {
        if (x == null) {
            throw new IllegalArgumentException(op + ": x is null; pass one tensor or array per model input");
        }
        return DataAdapter.toList(x, model.inputNames(), op + ": x");
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
        return evaluateLists(model, xs, ys, DataAdapter.perSample(sampleWeight), batchSize, cl);
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
