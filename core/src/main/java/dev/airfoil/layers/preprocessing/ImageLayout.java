package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.convolutional.DataFormats;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.function.UnaryOperator;

/**
 * The image layout of Keras's image preprocessing layers: a batch {@code (batch, height, width,
 * channels)} or one image {@code (height, width, channels)} in {@code channels_last}, the channels
 * before height and width in {@code channels_first}. The layers compute on {@code (N, H, W, C)}.
 */
final class ImageLayout {
    private ImageLayout() {
    }

    /** Refuses anything but a rank-3 image or a rank-4 batch of images, naming the layer. */
    static void requireImage(Layer layer, int[] shape, String dataFormat) {
        if (shape.length != 3 && shape.length != 4) {
            String axes = dataFormat.equals("channels_last") ? "height, width, channels" : "channels, height, width";
            throw new IllegalArgumentException(layer.describe() + " expects a batch of images (batch, " + axes
                    + ") or one image (" + axes + "), got shape " + Shape.str(shape));
        }
    }

    /** Applies {@code op} to the images as {@code (N, H, W, C)} and returns the result in the input's layout. */
    static Tensor onChannelsLast(Layer layer, Tensor images, String dataFormat, UnaryOperator<Tensor> op) {
        requireImage(layer, images.shape(), dataFormat);
        boolean single = images.rank() == 3;
        Tensor x = single ? images.unsqueeze(0) : images;
        boolean first = dataFormat.equals("channels_first");
        Tensor y = op.apply(first ? DataFormats.toChannelsLast(x) : x);
        y = first ? DataFormats.toChannelsFirst(y) : y;
        return single ? y.squeeze(0) : y;
    }

    /** The input shape with height and width replaced. */
    static int[] resizedShape(Layer layer, int[] inputShape, int height, int width, String dataFormat) {
        requireImage(layer, inputShape, dataFormat);
        int[] out = inputShape.clone();
        int h = out.length - (dataFormat.equals("channels_last") ? 3 : 2);
        out[h] = height;
        out[h + 1] = width;
        return out;
    }
}
