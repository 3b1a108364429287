package dev.airfoil.layers;

import dev.airfoil.layers.convolutional.Conv1D;
import dev.airfoil.layers.convolutional.Conv2D;
import dev.airfoil.layers.convolutional.Conv2DTranspose;
import dev.airfoil.layers.convolutional.Conv3D;
import dev.airfoil.layers.convolutional.DepthwiseConv2D;
import dev.airfoil.layers.convolutional.SeparableConv2D;
import dev.airfoil.layers.pooling.AveragePooling1D;
import dev.airfoil.layers.pooling.AveragePooling2D;
import dev.airfoil.layers.pooling.AveragePooling3D;
import dev.airfoil.layers.pooling.MaxPooling1D;
import dev.airfoil.layers.pooling.MaxPooling2D;
import dev.airfoil.layers.pooling.MaxPooling3D;
import dev.airfoil.layers.reshaping.Cropping1D;
import dev.airfoil.layers.reshaping.Cropping2D;
import dev.airfoil.layers.reshaping.Cropping3D;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pooling, cropping and convolution windows larger than their input, as Keras 3.15.1 treats them
 * (checked case by case with the real Keras): with {@code padding='valid'} pooling and convolution
 * refuse at build time ("computed output size would be zero or negative"), as does a cropping that
 * removes a whole axis; {@code padding='same'} / {@code 'causal'} and transposed convolutions give
 * Keras's shapes; a spatial size unknown at build time is checked when data arrives.
 */
class WindowLargerThanInputTest {

    private static void refusedAtBuild(Supplier<Layer> make, int[] shape, String... inMessage) {
        Layer layer = make.get();
        KerasTensor in = Input.shape(shape);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.apply(in),
                layer.className() + " on " + java.util.Arrays.toString(shape));
        String m = e.getMessage();
        assertTrue(m.contains("Layer '" + layer.name() + "' (" + layer.className() + ")"), m);
        for (String s : inMessage) {
            assertTrue(m.contains(s), "expected '" + s + "' in: " + m);
        }
    }

    private static void shapeAsKeras(Layer layer, int[] shape, int... expected) {
        KerasTensor out = layer.apply(Input.shape(shape));
        assertArrayEquals(expected, out.shape(), layer.className());
    }

    @Test
    void validPoolingLargerThanTheInputIsRefusedAtBuildTime() {
        String fix = "use padding='same', a smaller pool_size or a larger input";
        refusedAtBuild(() -> new MaxPooling1D(5), new int[] {3, 2}, "(None, 3, 2)", "pool_size=(5,)", fix,
                "computed output size would be zero or negative");
        refusedAtBuild(() -> new AveragePooling1D(5), new int[] {3, 2}, "pool_size=(5,)", fix);
        refusedAtBuild(() -> new MaxPooling2D(5), new int[] {3, 3, 2}, "(None, 3, 3, 2)", "spatial size (3, 3)",
                "pool_size=(5, 5)", fix);
        refusedAtBuild(() -> new MaxPooling2D(new int[] {2, 5}, null, "valid", null, null), new int[] {3, 3, 2},
                "pool_size=(2, 5)");
        refusedAtBuild(() -> new AveragePooling2D(5), new int[] {3, 3, 2}, "pool_size=(5, 5)");
        refusedAtBuild(() -> new MaxPooling3D(5), new int[] {3, 3, 3, 2}, "pool_size=(5, 5, 5)");
        refusedAtBuild(() -> new AveragePooling3D(4), new int[] {3, 3, 3, 2}, "pool_size=(4, 4, 4)");
    }

    @Test
    void samePaddingAndFittingWindowsGiveKerassShapes() {
        shapeAsKeras(new MaxPooling1D(new int[] {5}, null, "same", null, null), new int[] {3, 2}, -1, 1, 2);
        shapeAsKeras(new MaxPooling2D(new int[] {5, 5}, null, "same", null, null), new int[] {3, 3, 2}, -1, 1, 1, 2);
        shapeAsKeras(new AveragePooling2D(new int[] {5, 5}, null, "same", null, null), new int[] {3, 3, 2}, -1, 1, 1, 2);
        shapeAsKeras(new AveragePooling3D(new int[] {5, 5, 5}, null, "same", null, null), new int[] {3, 3, 3, 2},
                -1, 1, 1, 1, 2);
        shapeAsKeras(new MaxPooling2D(3), new int[] {3, 3, 2}, -1, 1, 1, 2);
        shapeAsKeras(Conv1D.builder(2, 5).padding("same").build(), new int[] {3, 2}, -1, 3, 2);
        shapeAsKeras(Conv1D.builder(2, 5).padding("causal").build(), new int[] {3, 2}, -1, 3, 2);
        shapeAsKeras(Conv2D.builder(2, 5).padding("same").build(), new int[] {3, 3, 2}, -1, 3, 3, 2);
        shapeAsKeras(new Conv2DTranspose(2, 5), new int[] {3, 3, 2}, -1, 7, 7, 2);
    }

    @Test
    void validConvolutionLargerThanTheInputIsRefusedAtBuildTime() {
        String fix = "use padding='same', a smaller kernel_size or a larger input";
        refusedAtBuild(() -> new Conv1D(2, 5), new int[] {3, 2}, "(None, 3, 2)", "kernel_size=(5,)", fix);
        refusedAtBuild(() -> new Conv2D(2, 5), new int[] {3, 3, 2}, "kernel_size=(5, 5)", fix);
        refusedAtBuild(() -> Conv2D.builder(2, 2).dilationRate(3).build(), new int[] {3, 3, 2},
                "kernel_size=(2, 2) with dilation_rate=(3, 3) spans (4, 4)");
        refusedAtBuild(() -> new Conv3D(2, 5), new int[] {3, 3, 3, 2}, "kernel_size=(5, 5, 5)");
        refusedAtBuild(() -> new DepthwiseConv2D(5), new int[] {3, 3, 2}, "kernel_size=(5, 5)");
        refusedAtBuild(() -> new SeparableConv2D(2, 5), new int[] {3, 3, 2}, "kernel_size=(5, 5)");
    }

    @Test
    void croppingAWholeAxisIsRefusedAtBuildTime() {
        String fix = "crop less or feed a larger input";
        refusedAtBuild(() -> new Cropping1D(List.of(1, 2), null), new int[] {3, 2}, "cropping=[1, 2]",
                "removes 1 + 2 positions of spatial axis 0, which has size 3", "(None, 3, 2)", fix);
        refusedAtBuild(() -> new Cropping1D(List.of(2, 2), null), new int[] {3, 2}, "removes 2 + 2");
        refusedAtBuild(() -> new Cropping2D(List.of(List.of(1, 2), List.of(0, 0)), null, null), new int[] {3, 3, 2},
                "spatial axis 0", fix);
        refusedAtBuild(() -> new Cropping2D(List.of(List.of(0, 0), List.of(2, 2)), null, null), new int[] {3, 3, 2},
                "spatial axis 1");
        refusedAtBuild(() -> new Cropping3D(List.of(List.of(0, 0), List.of(0, 0), List.of(1, 2)), null, null),
                new int[] {3, 3, 3, 2}, "spatial axis 2");
        refusedAtBuild(() -> new Cropping3D(List.of(List.of(2, 2), List.of(0, 0), List.of(0, 0)), null, null),
                new int[] {3, 3, 3, 2}, "spatial axis 0");
        shapeAsKeras(new Cropping1D(List.of(1, 1), null), new int[] {3, 2}, -1, 1, 2);
    }

    @Test
    void unknownLengthsAreCheckedWhenDataArrives() {
        Layer[] layers = {new MaxPooling1D(5), new Cropping1D(List.of(2, 2), null), new Conv1D(2, 5)};
        for (Layer layer : layers) {
            KerasTensor in = Input.shape(-1, 2);
            KerasTensor out = layer.apply(in); // as Keras: (None, None, 2) at build time
            assertArrayEquals(new int[] {-1, -1, 2}, out.shape(), layer.className());
            Model m = new Model(in, out);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.predict(Tensor.zeros(1, 3, 2)), layer.className());
            assertTrue(e.getMessage().contains("Layer '" + layer.name() + "'") && e.getMessage().contains("(1, 3, 2)"),
                    e.getMessage());
            assertArrayEquals(new int[] {1, layer instanceof MaxPooling1D ? 1 : 2, 2}, m.predict(Tensor.zeros(1, 6, 2)).shape(),
                    layer.className());
        }
    }
}
