package dev.airfoil.layers.reshaping;

import dev.airfoil.layers.Layer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Flattens every axis but the batch axis: {@code (128, 3, 2, 2)} becomes {@code (128, 12)}
 * (Keras {@code Flatten}, {@code data_format="channels_last"}; with {@code channels_first} the
 * channel axis is moved last first, as Keras does for rank 4+ inputs).
 */
public class Flatten extends Layer {
    private final String dataFormat;

    /** A Flatten layer with an automatic name. */
    public Flatten() {
        this(null, "channels_last");
    }

    /** A named Flatten layer. */
    public Flatten(String name) {
        this(name, "channels_last");
    }

    /** A Flatten layer with a data format ({@code channels_last} or {@code channels_first}). */
    public Flatten(String name, String dataFormat) {
        super(name);
        if (!"channels_last".equals(dataFormat) && !"channels_first".equals(dataFormat)) {
            throw new IllegalArgumentException("Flatten: data_format must be 'channels_last' or 'channels_first', got '"
                    + dataFormat + "'");
        }
        this.dataFormat = dataFormat;
    }

    /** From a Keras config. */
    public static Flatten fromConfig(ConfigMap c) {
        return new Flatten(c.getString("name", null), c.getString("data_format", "channels_last"));
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (input.rank() == 1) {
            return input.reshape(input.shape()[0], 1);
        }
        Tensor x = input;
        if ("channels_first".equals(dataFormat) && input.rank() > 2) {
            int[] perm = new int[input.rank()];
            perm[0] = 0;
            for (int i = 1; i < perm.length - 1; i++) {
                perm[i] = i + 1;
            }
            perm[perm.length - 1] = 1;
            x = input.permute(perm);
        }
        int features = 1;
        for (int i = 1; i < input.rank(); i++) {
            features *= input.shape()[i];
        }
        return x.reshape(input.shape()[0], features);
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException(describe() + " needs a batch axis, got shape " + Shape.str(inputShape));
        }
        long n = 1;
        for (int i = 1; i < inputShape.length; i++) {
            if (inputShape[i] < 0) {
                return new int[] {inputShape[0], -1};
            }
            n *= inputShape[i];
        }
        return new int[] {inputShape[0], (int) n};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("data_format", dataFormat);
        return m;
    }
}
