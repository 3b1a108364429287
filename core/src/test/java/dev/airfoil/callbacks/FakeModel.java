package dev.airfoil.callbacks;

import dev.airfoil.models.Model;
import dev.airfoil.optimizers.Optimizer;
import dev.airfoil.optimizers.SGD;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A model without layers: one scalar "weight", an SGD optimizer, and a scripted epoch loop. */
final class FakeModel extends Model {
    List<Tensor> weights = List.of(Tensor.scalar(-1));
    Optimizer opt = new SGD(0.01);
    int restores;

    FakeModel() {
        super("fake");
    }

    @Override
    public List<Tensor> getWeights() {
        return List.copyOf(weights);
    }

    @Override
    public void setWeights(List<Tensor> values) {
        weights = List.copyOf(values);
        restores++;
    }

    @Override
    public Optimizer optimizer() {
        return opt;
    }

    double weight() {
        return weights.get(0).item();
    }

    /**
     * Runs epochs over scripted logs as fit would: the weight becomes the epoch index before each
     * epoch end; stops when a callback asks. Returns the epochs run.
     */
    int run(CallbackList callbacks, List<Map<String, Double>> epochLogs) {
        callbacks.setModel(this);
        setStopTraining(false);
        callbacks.onTrainBegin(new java.util.LinkedHashMap<>());
        int ran = 0;
        Map<String, Double> last = new java.util.LinkedHashMap<>();
        for (int epoch = 0; epoch < epochLogs.size(); epoch++) {
            callbacks.onEpochBegin(epoch, new java.util.LinkedHashMap<>());
            weights = List.of(Tensor.scalar(epoch));
            last = new java.util.LinkedHashMap<>(epochLogs.get(epoch));
            callbacks.onEpochEnd(epoch, last);
            ran++;
            if (isStopTraining()) {
                break;
            }
        }
        callbacks.onTrainEnd(last);
        return ran;
    }

    static List<Map<String, Double>> series(String key, double... values) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (double v : values) {
            out.add(Map.of(key, v));
        }
        return out;
    }
}
