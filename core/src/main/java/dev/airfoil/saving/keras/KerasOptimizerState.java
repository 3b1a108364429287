package dev.airfoil.saving.keras;

import dev.airfoil.layers.Variable;
import dev.airfoil.models.Model;
import dev.airfoil.optimizers.Optimizer;
import dev.airfoil.tensor.Tensor;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * The optimizer state of Keras files: Keras 3's {@code model.weights.h5} keeps the optimizer's
 * variables under {@code optimizer/vars/0..n} ({@code save_own_variables}), the legacy {@code .h5}
 * under {@code optimizer_weights} named by its {@code weight_names} attribute. Both hold
 * {@code optimizer.variables} in order — {@code iteration}, {@code learning_rate} (unless a
 * schedule is used), then the slots in the order each optimizer's {@code build} creates them (Adam:
 * {@code momentum}, {@code velocity} per variable, then {@code velocity_hat} with amsgrad; SGD:
 * {@code momentum}; RMSprop: {@code velocity}, {@code momentum}, {@code average_gradient}; ...) —
 * which is the order of {@link Optimizer#variables()}.
 *
 * <p>As Keras's loaders do, a compiled model's optimizer is built on the model's trainable
 * variables before the state is restored, and a state whose variable count differs from the
 * optimizer's (say an unbuilt optimizer's two variables, or a Keras 2 file's slot layout) is
 * skipped with a warning, leaving a fresh optimizer.
 */
final class KerasOptimizerState {
    private static final System.Logger LOG = System.getLogger(KerasOptimizerState.class.getName());
    /** The group of Keras 3's {@code model.weights.h5} that holds the optimizer. */
    static final String KERAS3_GROUP = "optimizer";
    /** The group of a legacy {@code .h5} file that holds the optimizer's weights. */
    static final String LEGACY_GROUP = "optimizer_weights";

    private KerasOptimizerState() {
    }

    /** Restores {@code optimizer/vars/0..n} of a Keras 3 weights file, when present, into the model's optimizer. */
    static void loadKeras3(Hdf5Source h5, Model model) throws KerasFileException {
        Node node = h5.find(h5.root(), KERAS3_GROUP + "/vars");
        if (node == null) {
            return;
        }
        if (!(node instanceof Group vars)) {
            throw new KerasFileException(h5.loc(KERAS3_GROUP + "/vars"), "expected a group, found a dataset");
        }
        List<String> names = h5.children(vars);
        List<Node> values = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Node n = h5.find(vars, String.valueOf(i));
            if (n == null) {
                throw new KerasFileException(h5.loc(KERAS3_GROUP + "/vars"), "missing optimizer variable " + i
                        + " (the group's " + names.size() + " variables must be named 0.." + (names.size() - 1) + ")");
            }
            values.add(n);
        }
        restore(h5, model, values, KERAS3_GROUP + "/vars");
    }

    /** Restores a legacy {@code .h5} file's {@code optimizer_weights}, when present, into the model's optimizer. */
    static void loadLegacy(Hdf5Source h5, Model model) throws KerasFileException {
        Node node = h5.find(h5.root(), LEGACY_GROUP);
        if (node == null) {
            return;
        }
        if (!(node instanceof Group g)) {
            throw new KerasFileException(h5.loc(LEGACY_GROUP), "expected a group, found a dataset");
        }
        List<String> names = h5.stringListAttribute(g, "weight_names");
        if (names == null) {
            throw new KerasFileException(h5.loc(LEGACY_GROUP), "missing attribute 'weight_names'");
        }
        List<Node> values = new ArrayList<>();
        for (String name : names) {
            Node n = h5.find(g, name);
            if (n == null) {
                throw new KerasFileException(h5.loc(LEGACY_GROUP + "/" + name), "weight listed in 'weight_names' is missing");
            }
            values.add(n);
        }
        restore(h5, model, values, LEGACY_GROUP);
    }

    private static void restore(Hdf5Source h5, Model model, List<Node> nodes, String group) throws KerasFileException {
        Optimizer opt = model.optimizer();
        if (opt == null) {
            if (!nodes.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, h5.loc(group) + ": the file holds the state of an optimizer but "
                        + "the model was loaded uncompiled, so the state is not restored; compile the model and "
                        + "train it with a fresh optimizer");
            }
            return;
        }
        if (!opt.isBuilt()) {
            try {
                opt.build(model.trainableWeights());
            } catch (RuntimeException e) {
                throw new KerasFileException(h5.loc(group), "cannot build optimizer '" + opt.name() + "' on the model's "
                        + "trainable variables: " + e.getMessage(), e);
            }
        }
        List<Variable> vars = opt.variables();
        if (vars.size() != nodes.size()) {
            LOG.log(System.Logger.Level.WARNING, h5.loc(group) + ": skipping the optimizer state, because optimizer '"
                    + opt.name() + "' (" + opt.className() + ") has " + vars.size() + " variables whereas the saved "
                    + "optimizer has " + nodes.size() + "; training resumes with a fresh optimizer state");
            return;
        }
        List<Tensor> values = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            if (!(nodes.get(i) instanceof Dataset ds)) {
                throw new KerasFileException(h5.loc(nodes.get(i).getPath()), "expected a dataset, found a group");
            }
            String what = "optimizer '" + opt.name() + "' variable " + i + " ('" + v.path() + "')";
            values.add(v.dtype().isFloating() ? Tensor.wrap(h5.readFloats(ds, v.shape(), what), v.shape())
                    : Tensor.ofLongs(h5.readLongs(ds, v.shape(), what), v.shape()).cast(v.dtype()));
        }
        opt.setState(values);
    }

    /**
     * Writes the model's optimizer state as Keras 3's {@code save_own_variables} does, when the model is
     * compiled: group {@code optimizer/vars} named after the optimizer, datasets {@code 0..n} in
     * {@link Optimizer#variables()} order (the iteration counter as int64, the others float32).
     */
    static void write(Hdf5Writer.GroupNode root, Model model) {
        Optimizer opt = model.optimizer();
        if (opt == null || model.compiled() == null) {
            return;
        }
        Hdf5Writer.GroupNode vars = root.group(KERAS3_GROUP).group("vars");
        vars.attribute("name", opt.name());
        List<Variable> vs = opt.variables();
        for (int i = 0; i < vs.size(); i++) {
            Variable v = vs.get(i);
            if (v.dtype().isFloating()) {
                vars.dataset(String.valueOf(i), v.shape(), v.value().toFloatArray());
            } else {
                vars.dataset(String.valueOf(i), v.shape(), v.value().cast(dev.airfoil.tensor.DType.INT64).longData());
            }
        }
    }
}
