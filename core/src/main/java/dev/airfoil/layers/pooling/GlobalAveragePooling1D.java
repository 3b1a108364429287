package dev.airfoil.layers.pooling;

import dev.airfoil.layers.core.Masks;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * Global average pooling over 1 spatial axis/axes: the mean over all positions of each
 * channel (Keras {@code GlobalAveragePooling1D}).
 *
 * <p>Arguments: {@code data_format} ({@code "channels_last"}); {@code keepdims} (false: the
 * spatial axes are dropped; true: they are kept with size 1).
 *
 * <p>With a timestep mask (from {@code Embedding(mask_zero)} or {@code Masking} in a model), the mean
 * runs over the unmasked steps only, as in Keras; the output carries no mask.
 *
 * <p>Input shape: {@code (batch, steps, features)} ({@code channels_first}: channels second). Output shape:
 * {@code (batch, channels)}, or the input rank with spatial sizes 1 when {@code keepdims}.
 *
 * <pre>{@code
 * new GlobalAveragePooling1D();
 * }</pre>
 */
public class GlobalAveragePooling1D extends BaseGlobalPooling implements SupportsMasking {
    /** Global pooling with Keras's defaults. */
    public GlobalAveragePooling1D() {
        this("channels_last", false, null);
    }

    /** Global pooling with every argument (name null for automatic). */
    public GlobalAveragePooling1D(String dataFormat, boolean keepdims, String name) {
        super(1, false, dataFormat, keepdims, name);
    }

    /** From a Keras config. */
    public static GlobalAveragePooling1D fromConfig(ConfigMap c) {
        return new GlobalAveragePooling1D(c.getString("data_format", "channels_last"), c.getBoolean("keepdims", false),
                c.getString("name", null));
    }

    @Override
    public List<Tensor> applyMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        return applyMaskedSingle(inputs, masks, training, this::maskedMean);
    }

    /** Keras: sum(x · mask) / sum(mask) over the steps (a sequence with every step masked gives NaN, as there). */
    private Tensor maskedMean(Tensor x, Tensor mask) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException(describe() + " expects an input of rank 3, got shape " + Shape.str(x.shape()));
        }
        boolean first = "channels_first".equals(dataFormat);
        Tensor m = Masks.check(mask, x.shape()[0], x.shape()[first ? 2 : 1], describe());
        Tensor xf = inLayerDtype(x);
        Tensor w = m.cast(xf.dtype()).unsqueeze(first ? 1 : 2);
        int[] axis = {first ? 2 : 1};
        return xf.mul(w).sum(axis, keepdims).div(w.sum(axis, keepdims));
    }

    @Override
    public Tensor computeMask(Tensor input, Tensor previousMask) {
        return null;
    }
}
