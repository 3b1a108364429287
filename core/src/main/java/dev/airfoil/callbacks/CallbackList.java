package dev.airfoil.callbacks;

import dev.airfoil.models.Model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls many callbacks in order ({@code keras.callbacks.CallbackList}); the training loop talks to
 * this one object.
 *
 * <p>As in Keras's {@code fit}, a {@link History} and a {@link ProgbarLogger} are appended after the
 * user's callbacks unless the list already holds one (the progress bar only when verbose is not 0).
 * Batch-end logs are handed on sorted by key, as Keras does. Epoch-end logs are handed on in the
 * caller's order (Keras: sorted training metrics, then sorted {@code val_} metrics) as one mutable
 * map shared by all callbacks, so keys that a callback adds ({@code learning_rate} from
 * {@link ReduceLROnPlateau} and {@link LearningRateScheduler}) reach the later ones, such as
 * {@link History}; pass a {@link LinkedHashMap} to see them yourself.
 *
 * <pre>{@code
 * CallbackList cbs = CallbackList.forFit(userCallbacks, model, epochs, stepsPerEpoch, "auto");
 * cbs.onTrainBegin(Map.of());
 * for (int epoch = 0; epoch < epochs && !model.isStopTraining(); epoch++) {
 *     cbs.onEpochBegin(epoch, Map.of());
 *     ... cbs.onTrainBatchBegin(step, Map.of()); ... cbs.onTrainBatchEnd(step, runningLogs); ...
 *     cbs.onEpochEnd(epoch, epochLogs);
 * }
 * cbs.onTrainEnd(epochLogs);
 * return cbs.history();
 * }</pre>
 */
public class CallbackList extends Callback {
    private final List<Callback> callbacks;
    private History history;
    private ProgbarLogger progbar;

    /** A list of callbacks without defaults, model or parameters. */
    public CallbackList(List<? extends Callback> callbacks) {
        this(callbacks, false, false, null, Map.of());
    }

    /**
     * A list of callbacks with Keras's constructor arguments.
     *
     * @param callbacks the user's callbacks (may be null)
     * @param addHistory whether to append a {@link History} when none is in the list
     * @param addProgbar whether to append a {@link ProgbarLogger} when none is in the list
     * @param model the model, given to every callback (may be null)
     * @param params the parameters ({@code epochs}, {@code steps}, {@code verbose}), given to every
     *     callback when not empty
     */
    public CallbackList(List<? extends Callback> callbacks, boolean addHistory, boolean addProgbar, Model model,
            Map<String, Object> params) {
        this.callbacks = new ArrayList<>();
        if (callbacks != null) {
            for (Callback c : callbacks) {
                if (c == null) {
                    throw new IllegalArgumentException("CallbackList: the list of callbacks contains null");
                }
                this.callbacks.add(c);
            }
        }
        for (Callback c : this.callbacks) {
            if (c instanceof ProgbarLogger p && progbar == null) {
                progbar = p;
            } else if (c instanceof History h && history == null) {
                history = h;
            }
        }
        if (history == null && addHistory) {
            history = new History();
            this.callbacks.add(history);
        }
        if (progbar == null && addProgbar) {
            progbar = new ProgbarLogger();
            this.callbacks.add(progbar);
        }
        if (model != null) {
            setModel(model);
        }
        if (params != null && !params.isEmpty()) {
            setParams(params);
        }
    }

    /**
     * The list {@code fit} uses: the user's callbacks, then a {@link History}, then a
     * {@link ProgbarLogger} unless {@code verbose} is 0; parameters {@code epochs}, {@code steps}
     * (null when unknown) and {@code verbose} (0, 1, 2 or {@code "auto"}).
     */
    public static CallbackList forFit(List<? extends Callback> callbacks, Model model, int epochs, Integer steps,
            Object verbose) {
        return new CallbackList(callbacks, true, !isZero(verbose), model, params(epochs, steps, verbose));
    }

    /**
     * The list {@code evaluate} and {@code predict} use: the user's callbacks and a
     * {@link ProgbarLogger} unless {@code verbose} is 0, with {@code epochs} 1.
     */
    public static CallbackList forInference(List<? extends Callback> callbacks, Model model, Integer steps,
            Object verbose) {
        return new CallbackList(callbacks, false, !isZero(verbose), model, params(1, steps, verbose));
    }

    private static boolean isZero(Object verbose) {
        return verbose instanceof Number n && n.intValue() == 0;
    }

    private static Map<String, Object> params(int epochs, Integer steps, Object verbose) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("verbose", verbose == null ? "auto" : verbose);
        p.put("epochs", epochs);
        if (steps != null) {
            p.put("steps", steps);
        }
        return p;
    }

    /** The callbacks, in calling order (read-only). */
    public List<Callback> callbacks() {
        return Collections.unmodifiableList(callbacks);
    }

    /** The {@link History} of the list, or null when there is none. */
    public History history() {
        return history;
    }

    /** The {@link ProgbarLogger} of the list, or null when there is none. */
    public ProgbarLogger progbar() {
        return progbar;
    }

    /** Appends a callback. */
    public void append(Callback callback) {
        callbacks.add(callback);
        if (model() != null) {
            callback.setModel(model());
        }
        if (!params().isEmpty()) {
            callback.setParams(params());
        }
    }

    @Override
    public void setModel(Model model) {
        if (model == null) {
            return;
        }
        super.setModel(model);
        for (Callback c : callbacks) {
            c.setModel(model);
        }
    }

    @Override
    public void setParams(Map<String, Object> params) {
        super.setParams(params);
        if (!params.isEmpty()) {
            for (Callback c : callbacks) {
                c.setParams(params);
            }
        }
    }

    private static Map<String, Double> orEmpty(Map<String, Double> logs) {
        return logs == null ? new LinkedHashMap<>() : logs;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        Map<String, Double> l = orEmpty(logs);
        for (Callback c : callbacks) {
            c.onTrainBegin(l);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        Map<String, Double> l = orEmpty(logs);
        for (Callback c : callbacks) {
            c.onTrainEnd(l);
        }
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        Map<String, Double> l = orEmpty(logs);
        for (Callback c : callbacks) {
            c.onEpochBegin(epoch, l);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Map<String, Double> l = Logs.mutable(logs);
        for (Callback c : callbacks) {
            c.onEpochEnd(epoch, l);
        }
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        Map<String, Double> l = orEmpty(logs);
        for (Callback c : callbacks) {
            c.onTrainBatchBegin(batch, l);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Map<String, Double> l = Logs.sorted(logs);
        for (Callback c : callbacks) {
            c.onTrainBatchEnd(batch, l);
        }
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        Map<String, Double> l = orEmpty(logs);
        for (Callback c : callbacks) {
            c.onTestBegin(l);
        }
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        Map<String, Double> l = orEmpty(logs);
        for (Callback c : callbacks) {
            c.onTestEnd(l);
        }
    }

    @Override
    public void onTestBatchBegin(int batch, Map<String, Double> logs) {
        Map<String, Double> l = orEmpty(logs);
        for (Callback c : callbacks) {
            c.onTestBatchBegin(batch, l);
        }
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        Map<String, Double> l = Logs.sorted(logs);
        for (Callback c : callbacks) {
            c.onTestBatchEnd(batch, l);
        }
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        Map<String, Double> l = orEmpty(logs);
        for (Callback c : callbacks) {
            c.onPredictBegin(l);
        }
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        Map<String, Double> l = orEmpty(logs);
        for (Callback c : callbacks) {
            c.onPredictEnd(l);
        }
    }

    @Override
    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {
        Map<String, Double> l = orEmpty(logs);
        for (Callback c : callbacks) {
            c.onPredictBatchBegin(batch, l);
        }
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        Map<String, Double> l = orEmpty(logs);
        for (Callback c : callbacks) {
            c.onPredictBatchEnd(batch, l);
        }
    }
}
