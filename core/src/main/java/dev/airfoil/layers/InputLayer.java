package dev.airfoil.layers;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The entry point of a model: holds the input's shape (without the batch dimension) and dtype.
 * Usually created through {@link Input#shape(int...)}; a {@code Sequential} also accepts it as its
 * first layer. Not shown by a Sequential model's {@code summary()}, as in Keras.
 */
public final class InputLayer extends Layer {
    private final int[] shape;
    private final KerasTensor output;

    /** An input of the given per-sample shape ({@code -1} for unknown), dtype and name (null for automatic). */
    public InputLayer(int[] shape, DType dtype, String name) {
        this(shape, -1, dtype, name);
    }

    /** An input with a fixed batch size ({@code -1} for any). */
    public InputLayer(int[] shape, int batchSize, DType dtype, String name) {
        super(name);
        if (batchSize == 0 || batchSize < -1) {
            throw new IllegalArgumentException("Input '" + name() + "': invalid batch size " + batchSize
                    + "; it must be positive, or None (-1) for any");
        }
        for (int d : shape) {
            if (d == 0 || d < -1) {
                throw new IllegalArgumentException("Input '" + name() + "': invalid shape " + Shape.str(shape)
                        + "; dimensions must be positive or None (-1)");
            }
        }
        this.shape = shape.clone();
        this.dtype = dtype == null ? DType.FLOAT32 : dtype;
        int[] full = new int[shape.length + 1];
        full[0] = batchSize;
        System.arraycopy(shape, 0, full, 1, shape.length);
        Node node = new Node(this, List.of());
        this.output = new KerasTensor(full, this.dtype, node, 0, name());
        node.setOutputs(List.of(output));
        addInboundNode(node);
        markBuilt(List.of(full));
    }

    /** From a Keras config ({@code batch_shape} or {@code batch_input_shape}, {@code dtype}, {@code name}). */
    public static InputLayer fromConfig(ConfigMap c) {
        int[] batchShape = c.getIntArray("batch_shape", c.getIntArray("batch_input_shape", null));
        if (batchShape == null) {
            int[] s = c.getIntArray("shape", null);
            if (s == null) {
                throw new IllegalArgumentException("InputLayer config needs 'batch_shape' (got " + c.asMap() + ")");
            }
            batchShape = new int[s.length + 1];
            batchShape[0] = -1;
            System.arraycopy(s, 0, batchShape, 1, s.length);
        }
        int[] perSample = new int[batchShape.length - 1];
        System.arraycopy(batchShape, 1, perSample, 0, perSample.length);
        Object dt = c.get("dtype");
        DType dtype = dt instanceof String ? DType.of((String) dt) : DType.FLOAT32;
        return new InputLayer(perSample, batchShape[0], dtype, c.getString("name", null));
    }

    @Override
    protected String defaultNamePrefix() {
        return "input_layer";
    }

    /** The per-sample shape. */
    public int[] inputShape() {
        return shape.clone();
    }

    /** The shape with the batch dimension first ({@code -1} when any). */
    public int[] batchShape() {
        return output.shape();
    }

    /** The symbolic tensor this layer feeds into a graph. */
    public KerasTensor output() {
        return output;
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        return input;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        return inputShape;
    }

    /**
     * Checks a concrete input against this layer's shape, with a message naming the input. As Keras's
     * functional input spec, the batch axis is not checked: a model built on an input with a fixed
     * {@code batch_size} takes data of any batch size.
     */
    public void checkCompatible(Tensor x) {
        int[] s = x.shape();
        boolean ok = s.length == shape.length + 1;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = shape[i] < 0 || shape[i] == s[i + 1];
        }
        if (!ok) {
            throw new IllegalArgumentException("Input '" + name() + "' expects shape " + Shape.str(batchShape())
                    + " but received " + Shape.str(s) + "; reshape the data (the first axis is the batch)");
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        List<Object> bs = new ArrayList<>(ConfigMap.shapeList(batchShape()));
        m.put("batch_shape", bs);
        m.put("dtype", dtype.kerasName());
        m.put("sparse", false);
        m.put("ragged", false);
        m.put("name", name());
        return m;
    }
}
