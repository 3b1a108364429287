package dev.airfoil.layers.pooling;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.convolutional.BaseConv;
import dev.airfoil.layers.convolutional.Conv1D;
import dev.airfoil.layers.convolutional.Conv2D;
import dev.airfoil.layers.convolutional.Conv3D;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Runs a convolution layer and the max pooling layer after it as one primitive
 * ({@link BaseConv#callMaxPooled}) when a model's graph lets it: the convolution's output then never
 * exists as a tensor (at batch 1000 the MNIST convnet's first one is 86 MB), forward or backward, and
 * the pooling reads each chunk of it while it is still in cache. Models ({@code Sequential}, functional
 * graphs) ask {@link #applies} for a layer whose only consumer is the next layer and, when it holds,
 * call {@link #apply} instead of the two layers' {@code apply}.
 *
 * <p>The pair fuses when the first layer is exactly a {@link Conv1D}, {@link Conv2D} or {@link Conv3D}
 * (not a subclass, which may override {@code call}) with a ReLU or linear activation and
 * {@code channels_last} data, the second exactly a {@link MaxPooling1D}, {@link MaxPooling2D} or
 * {@link MaxPooling3D} with {@code channels_last} data, both are built for the input's shape, neither
 * has an activity regularizer, and the data is float32. Anything else runs layer by layer, which
 * also reports bad inputs. The results equal the unfused pair's bit for bit ({@code ConvPoolFusionTest}).
 * The system property {@code airfoil.conv.fusePool=false} turns the fusion off.
 */
public final class ConvPoolFusion {
    private static final boolean ENABLED = !"false".equals(System.getProperty("airfoil.conv.fusePool"));
    private static final List<Class<?>> CONVS = List.of(Conv1D.class, Conv2D.class, Conv3D.class);
    private static final List<Class<?>> POOLS = List.of(MaxPooling1D.class, MaxPooling2D.class, MaxPooling3D.class);

    private ConvPoolFusion() {
    }

    /** Whether {@code first} then {@code second} on {@code input} runs fused (see the class comment). */
    public static boolean applies(Layer first, Layer second, Tensor input) {
        if (!ENABLED || !CONVS.contains(first.getClass()) || !POOLS.contains(second.getClass())) {
            return false;
        }
        BaseConv conv = (BaseConv) first;
        BasePooling pool = (BasePooling) second;
        if (!conv.fusesMaxPool(input) || pool.activityRegularizer() != null || !pool.dataFormat.equals("channels_last")
                || pool.dtype() != input.dtype()) {
            return false;
        }
        int[] convOut = conv.computeOutputShape(input.shape());
        return pool.acceptsInputShapes(List.of(convOut));
    }

    /** {@code second.apply(first.apply(input))} as one primitive (neither layer depends on the training flag); call only when {@link #applies} holds. */
    public static Tensor apply(Layer first, Layer second, Tensor input) {
        BaseConv conv = (BaseConv) first;
        BasePooling pool = (BasePooling) second;
        int[] convOut = conv.computeOutputShape(input.shape());
        return conv.callMaxPooled(input, pool.geometry(Arrays.copyOfRange(convOut, 1, convOut.length - 1), convOut));
    }
}
