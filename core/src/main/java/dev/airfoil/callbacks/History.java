package dev.airfoil.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the logs of every epoch ({@code keras.callbacks.History}); {@code fit} adds one and
 * returns it.
 *
 * <p>{@link #history()} maps each log key to its values per epoch, keys in the order they first
 * appear in the logs (Keras's order: training metrics sorted by name, then validation metrics,
 * then keys added by callbacks such as {@code learning_rate}).
 *
 * <pre>{@code
 * History h = model.fit(...);
 * List<Double> valLoss = h.history().get("val_loss");
 * }</pre>
 */
public class History extends Callback {
    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();

    /** An empty history. */
    public History() {
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        // As Keras: the epoch list restarts with every fit; the values keep accumulating.
        epochs.clear();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        if (logs != null) {
            for (Map.Entry<String, Double> e : logs.entrySet()) {
                history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
    }

    /** Log key to per-epoch values (read-only view), in Keras's key order. */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> view = new LinkedHashMap<>();
        history.forEach((k, v) -> view.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(view);
    }

    /** The values of one key per epoch, or an empty list when the key was never logged. */
    public List<Double> get(String key) {
        List<Double> v = history.get(key);
        return v == null ? List.of() : Collections.unmodifiableList(v);
    }

    /** The 0-based indices of the epochs run by the last {@code fit}. */
    public List<Integer> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    @Override
    public String toString() {
        return "History" + history;
    }
}
