package dev.airfoil.saving;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.LayerRandom;
import dev.airfoil.layers.RandomState;
import dev.airfoil.layers.recurrent.Bidirectional;
import dev.airfoil.layers.recurrent.TimeDistributed;
import dev.airfoil.models.Model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Package-private: the generators of a model's random layers ({@link RandomState}) by layer path
 * ({@code dropout}, {@code encoder/dropout_1}, {@code bidirectional/forward_layer}), saved with the
 * training state so that a resumed {@code fit} draws the dropout masks an uninterrupted one would.
 */
final class RandomStates {
    /** The key of the states in {@code training.json}. */
    static final String KEY = "random_states";

    private RandomStates() {
    }

    /** Every random layer's generator, by path, in the model's layer order. */
    static Map<String, LayerRandom> of(Model model) {
        Map<String, LayerRandom> out = new LinkedHashMap<>();
        for (Layer l : model.layers()) {
            visit(l, l.name(), out);
        }
        return out;
    }

    private static void visit(Layer layer, String path, Map<String, LayerRandom> out) {
        if (layer instanceof RandomState r) {
            out.put(path, r.random());
        }
        if (layer instanceof Model m) {
            for (Layer l : m.layers()) {
                visit(l, path + "/" + l.name(), out);
            }
        } else if (layer instanceof Bidirectional b) {
            visit(b.forwardLayer(), path + "/forward_layer", out);
            visit(b.backwardLayer(), path + "/backward_layer", out);
        } else if (layer instanceof TimeDistributed td) {
            visit(td.layer(), path + "/layer", out);
        } else if (layer instanceof dev.airfoil.layers.recurrent.RNN rnn) {
            visit(rnn.cell(), path + "/cell", out);
        } else if (layer instanceof dev.airfoil.layers.recurrent.StackedRNNCells stack) {
            for (Layer cell : stack.cells()) {
                visit(cell, path + "/cells/" + cell.name(), out);
            }
        }
    }

    /** The states to save: path to the generator's state. */
    static Map<String, Object> save(Model model) {
        Map<String, Object> out = new LinkedHashMap<>();
        of(model).forEach((path, r) -> out.put(path, r.state()));
        return out;
    }

    /**
     * Restores saved states into the model's generators; a model without one of the saved layers
     * means the file belongs to another architecture.
     */
    static void restore(Model model, Object saved, String entry) throws InvalidModelFileException {
        if (saved == null) {
            return;
        }
        if (!(saved instanceof Map<?, ?> states)) {
            throw new InvalidModelFileException(entry, KEY, "must be an object of layer paths to generator states");
        }
        Map<String, LayerRandom> generators = of(model);
        for (Map.Entry<?, ?> e : states.entrySet()) {
            LayerRandom r = generators.get(String.valueOf(e.getKey()));
            if (r == null) {
                throw new InvalidModelFileException(entry, KEY + "." + e.getKey(), "model '" + model.name()
                        + "' has no random layer at this path; its random layers are " + generators.keySet());
            }
            if (!(e.getValue() instanceof Integer || e.getValue() instanceof Long)) {
                throw new InvalidModelFileException(entry, KEY + "." + e.getKey(), "must be an integer (a generator state), got "
                        + e.getValue());
            }
            r.setState(((Number) e.getValue()).longValue());
        }
    }
}
