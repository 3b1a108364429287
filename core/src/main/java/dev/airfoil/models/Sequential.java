package dev.airfoil.models;

import dev.airfoil.layers.InputLayer;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.layers.pooling.ConvPoolFusion;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain stack of layers, each with one input and one output (Keras {@code Sequential}). Built with
 * {@link #add} or from a list, with or without an {@link InputLayer} first; without one, the model is
 * built on its first call or {@code fit} from the data's shape.
 *
 * <pre>{@code
 * Sequential model = new Sequential();
 * model.add(Input.shape(28, 28));
 * model.add(new Dense(300, "relu"));
 * model.add(new Dense(100, "relu"));
 * model.add(new Dense(10, "softmax"));
 * model.summary();   // Total params: 39,810
 * }</pre>
 */
public class Sequential extends Model {
    private final List<Layer> stack = new ArrayList<>();
    private InputLayer inputLayer;

    /** An empty model with an automatic name. */
    public Sequential() {
        this((String) null);
    }

    /** An empty model with a name (null for automatic). */
    public Sequential(String name) {
        super(name);
    }

    /** A model from layers; an {@link InputLayer} may come first. */
    public Sequential(Layer... layers) {
        this(Arrays.asList(layers), null);
    }

    /** A model from a list of layers; an {@link InputLayer} may come first. */
    public Sequential(List<? extends Layer> layers) {
        this(layers, null);
    }

    /** A named model from a list of layers. */
    public Sequential(List<? extends Layer> layers, String name) {
        super(name);
        for (Layer l : layers) {
            add(l);
        }
    }

    /** Adds the input of {@code Input.shape(...)}. */
    public void add(KerasTensor input) {
        if (input == null || !(input.layer() instanceof InputLayer)) {
            throw new IllegalArgumentException("Sequential.add: only the tensor returned by Input(...) can be added, got "
                    + input + "; add layers instead");
        }
        add(input.layer());
    }

    /** Adds a layer on top of the stack. */
    public void add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Sequential '" + name() + "': cannot add null; pass a layer such as"
                    + " new Dense(10)");
        }
        if (layer instanceof InputLayer) {
            if (inputLayer != null || !stack.isEmpty()) {
                throw new IllegalArgumentException("Sequential '" + name() + "': an Input can only be the first layer");
            }
            inputLayer = (InputLayer) layer;
            return;
        }
        if (layer == this) {
            throw new IllegalArgumentException("A Sequential model cannot contain itself");
        }
        for (Layer l : stack) {
            if (l.name().equals(layer.name())) {
                throw new IllegalArgumentException("Sequential '" + name() + "': all layers must have unique names; '"
                        + layer.name() + "' is already used — give the layer another name");
            }
        }
        stack.add(layer);
        if (inputLayer != null) {
            rebuildGraph();
        }
    }

    /** Removes and returns the last layer. */
    public Layer pop() {
        if (stack.isEmpty()) {
            throw new IllegalStateException("Sequential '" + name() + "' has no layers to pop");
        }
        Layer last = stack.remove(stack.size() - 1);
        if (inputLayer != null && !stack.isEmpty()) {
            rebuildGraph();
        }
        return last;
    }

    private void rebuildGraph() {
        // Keras builds a fresh internal functional graph on every change, which takes a "functional"
        // name each time; doing the same keeps automatic model names identical to a Keras session.
        dev.airfoil.layers.Names.unique("functional");
        KerasTensor x = inputLayer.output();
        for (Layer l : stack) {
            x = l.apply(x);
        }
        setGraph(List.of(inputLayer.output()), List.of(x));
        markBuilt(List.of(inputLayer.batchShape()));
    }

    /** The stacked layers, without the input layer (as Keras shows them). */
    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(stack);
    }

    /** The input layer, once known. */
    public InputLayer inputLayer() {
        return inputLayer;
    }

    @Override
    public List<KerasTensor> inputs() {
        ensureGraph();
        return super.inputs();
    }

    @Override
    public List<KerasTensor> outputs() {
        ensureGraph();
        return super.outputs();
    }

    private void ensureGraph() {
        if (inputLayer == null) {
            throw new IllegalStateException("Sequential '" + name() + "' has no input shape yet; start it with "
                    + "Input.shape(...) or call it on data first");
        }
    }

    @Override
    public List<String> inputNames() {
        return inputLayer == null ? List.of() : List.of(inputLayer.name());
    }

    @Override
    public List<String> outputNames() {
        return stack.isEmpty() ? List.of(name()) : List.of(stack.get(stack.size() - 1).name());
    }

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("Sequential '" + name() + "' takes one input, received " + inputs.size());
        }
        return List.of(call(inputs.get(0), training));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return callMasked(input, null, training).output();
    }

    @Override
    Masks.MaskedCall callWithMasks(List<Tensor> inputs, List<Tensor> inputMasks, boolean training) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("Sequential '" + name() + "' takes one input, received " + inputs.size());
        }
        Masks.Masked out = callMasked(inputs.get(0), Masks.first(inputMasks), training);
        return new Masks.MaskedCall(List.of(out.output()), java.util.Arrays.asList(out.mask()));
    }

    /** The stack's output with the mask it carries (null when none), from an input with {@code inputMask} (or null). */
    private Masks.Masked callMasked(Tensor input, Tensor inputMask, boolean training) {
        if (stack.isEmpty()) {
            throw new IllegalStateException("Sequential '" + name() + "' has no layers; add some before calling it");
        }
        if (inputLayer == null) {
            deferredBuild(input.shape(), input.dtype());
        } else {
            inputLayer.checkCompatible(input);
        }
        Tensor x = input;
        if (inputLayer != null && x.dtype() != inputLayer.dtype() && inputLayer.dtype().isFloating()) {
            x = x.cast(inputLayer.dtype());
        }
        // Timestep masks flow as in Keras (Masks.call): Embedding(mask_zero) or Masking sets one, layers
        // that support masking use or pass it, any other layer drops it.
        Tensor mask = inputMask;
        for (int i = 0; i < stack.size(); i++) {
            Layer l = stack.get(i);
            if (i + 1 < stack.size() && ConvPoolFusion.applies(l, stack.get(i + 1), x)) {
                x = ConvPoolFusion.apply(l, stack.get(++i), x);
                mask = null;
            } else if (mask == null && !(l instanceof Model)) {
                Tensor in = x;
                x = l.apply(x, training);
                mask = l instanceof SupportsMasking m ? m.computeMask(in, null) : null;
            } else {
                Masks.MaskedCall c = Masks.call(l, List.of(x), java.util.Arrays.asList(mask), training);
                x = c.outputs().get(0);
                mask = c.masks().get(0);
            }
        }
        return new Masks.Masked(x, mask);
    }

    private synchronized void deferredBuild(int[] dataShape, DType dtype) {
        if (inputLayer != null) {
            return;
        }
        int[] perSample = Arrays.copyOfRange(dataShape, 1, dataShape.length);
        inputLayer = new InputLayer(perSample, dtype.isFloating() ? dtype : DType.FLOAT32, null);
        rebuildGraph();
    }

    @Override
    public void build(int[]... inputShapes) {
        if (inputLayer == null) {
            if (inputShapes == null || inputShapes.length != 1 || inputShapes[0] == null || inputShapes[0].length == 0) {
                throw new IllegalArgumentException("Sequential '" + name() + "'.build: pass one input shape with the"
                        + " batch axis first, e.g. build(new int[] {-1, 784}); got " + describeShapes(inputShapes));
            }
            deferredBuild(inputShapes[0], DType.FLOAT32);
        }
    }

    private static String describeShapes(int[][] shapes) {
        if (shapes == null) {
            return "null";
        }
        List<String> parts = new java.util.ArrayList<>();
        for (int[] s : shapes) {
            parts.add(s == null ? "null" : dev.airfoil.tensor.Shape.str(s));
        }
        return parts.size() + " shape(s) " + parts;
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        if (inputLayer == null) {
            int[] s = inputShapes.get(0);
            for (Layer l : stack) {
                s = l.computeOutputShapes(List.of(s)).get(0);
                l.ensureBuilt(List.of(s));
            }
            return List.of(s);
        }
        return super.computeOutputShapes(inputShapes);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name());
        m.put("trainable", isTrainable());
        m.put("dtype", super.getConfigBase().get("dtype"));
        List<Object> layers = new ArrayList<>();
        if (inputLayer != null) {
            layers.add(inputLayer.serialize());
        }
        for (Layer l : stack) {
            layers.add(l.serialize());
        }
        m.put("layers", layers);
        m.put("build_input_shape", inputLayer == null ? null : dev.airfoil.saving.ConfigMap.shapeList(inputLayer.batchShape()));
        return m;
    }

    @Override
    public String className() {
        return "Sequential";
    }

    @Override
    public String module() {
        return "keras";
    }
}
