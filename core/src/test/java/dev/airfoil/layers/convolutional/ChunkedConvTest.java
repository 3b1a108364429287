package dev.airfoil.layers.convolutional;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chunked float32 convolution against the whole-batch float64 path of {@link ConvOps} (itself
 * gradient-checked and compared with Keras): outputs and the gradients of input, kernel and bias,
 * for geometries with padding, strides, dilation, groups and 1x1 kernels, with and without bias and
 * ReLU, and batches that span one chunk, several chunks, and more chunks than reduction groups; 3×3
 * stride-1 layers of 8 channels or more run as Winograd F(2×2, 3×3) ({@link Winograd}), with odd
 * output sizes, padding and channel counts that are not a multiple of the vector length.
 */
class ChunkedConvTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, batch, input spatial, channels, kernel, strides, dilation, padding, filters, groups, bias, relu
                Arguments.of("3x3 valid, one chunk", 3, new int[] {9, 8}, 5, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "valid", 7, 1, true, true),
                Arguments.of("3x3 same stride 2 dilation 2", 5, new int[] {11, 10}, 4, new int[] {3, 3}, new int[] {2, 2}, new int[] {2, 2}, "same", 6, 1, true, false),
                Arguments.of("many chunks, more than the reduction groups", 60, new int[] {20, 20}, 16, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "valid", 8, 1, true, true),
                Arguments.of("grouped, no bias", 13, new int[] {14, 13}, 8, new int[] {3, 2}, new int[] {1, 2}, new int[] {1, 1}, "same", 12, 4, false, true),
                Arguments.of("pointwise 1x1", 9, new int[] {30, 31}, 16, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, "valid", 5, 1, true, true),
                Arguments.of("1-D causal", 7, new int[] {40}, 6, new int[] {5}, new int[] {1}, new int[] {2}, "causal", 9, 1, true, false),
                Arguments.of("3-D same", 4, new int[] {6, 7, 5}, 3, new int[] {3, 3, 3}, new int[] {2, 1, 1}, new int[] {1, 1, 1}, "same", 4, 1, false, false),
                Arguments.of("one channel (first layer of a convnet)", 37, new int[] {28, 28}, 1, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "valid", 32, 1, true, true),
                Arguments.of("one channel, same padding, stride 2, 12 filters", 23, new int[] {15, 14}, 1, new int[] {3, 4}, new int[] {2, 1}, new int[] {1, 1}, "same", 12, 1, true, true),
                Arguments.of("one channel, 1-D causal, dilation 2", 9, new int[] {30}, 1, new int[] {3}, new int[] {1}, new int[] {2}, "causal", 16, 1, false, false),
                Arguments.of("one channel, 3-D same", 5, new int[] {5, 6, 4}, 1, new int[] {3, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, "same", 8, 1, true, true),
                Arguments.of("Winograd: the MNIST convnet's second layer (11x11, odd)", 10, new int[] {13, 13}, 32, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "valid", 64, 1, true, true),
                Arguments.of("Winograd: same padding, odd sizes, 9 channels, 7 filters", 10, new int[] {9, 7}, 9, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "same", 7, 1, true, false),
                Arguments.of("Winograd: valid, even output, no bias, many chunks", 40, new int[] {18, 16}, 12, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "valid", 20, 1, false, true),
                Arguments.of("Winograd: one-pixel input, same padding", 200, new int[] {1, 2}, 8, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "same", 5, 1, true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheFloat64WholeBatchPath(String name, int n, int[] in, int c, int[] kernel, int[] strides, int[] dilation,
                                         String padding, int f, int groups, boolean useBias, boolean relu) {
        ConvGeometry g = ConvGeometry.forward(in, kernel, strides, dilation, padding);
        int[] xs = new int[in.length + 2];
        xs[0] = n;
        System.arraycopy(in, 0, xs, 1, in.length);
        xs[xs.length - 1] = c;
        int[] ks = new int[kernel.length + 2];
        System.arraycopy(kernel, 0, ks, 0, kernel.length);
        ks[ks.length - 2] = c / groups;
        ks[ks.length - 1] = f;
        Tensor x32 = Tensor.randomUniform(1, -1, 1, xs);
        Tensor w32 = Tensor.randomUniform(2, -0.5, 0.5, ks);
        Tensor b32 = useBias ? Tensor.randomUniform(3, -0.2, 0.2, f) : null;

        if (name.startsWith("many chunks")) {
            assertTrue(ChunkedConv.chunks(n, g, c, f, groups) > ChunkedConv.REDUCTION_GROUPS,
                    name + ": " + ChunkedConv.chunks(n, g, c, f, groups) + " chunks");
        } else if (name.endsWith("one chunk")) {
            assertEquals(1, ChunkedConv.chunks(n, g, c, f, groups), name);
        }
        boolean winograd = name.startsWith("Winograd") || name.startsWith("many chunks");
        assertEquals(winograd, ChunkedConv.winograd(n, g, c, groups), name + ": Winograd path");
        if (winograd) {
            assertFalse(ChunkedConv.winograd(1, g, c, groups), name + ": one sample takes im2col");
        }
        Result fast = run(x32, w32, b32, g, groups, relu, DType.FLOAT32);
        Result ref = run(x32, w32, b32, g, groups, relu, DType.FLOAT64);
        assertArrayEquals(ref.y.shape(), fast.y.shape(), name);
        close(ref.y, fast.y, name + ": output");
        close(ref.gx, fast.gx, name + ": input gradient");
        close(ref.gw, fast.gw, name + ": kernel gradient");
        if (useBias) {
            close(ref.gb, fast.gb, name + ": bias gradient");
        }
    }

    private record Result(Tensor y, Tensor gx, Tensor gw, Tensor gb) {
    }

    private static Result run(Tensor x32, Tensor w32, Tensor b32, ConvGeometry g, int groups, boolean relu, DType dtype) {
        Tensor x = x32.cast(dtype).requiresGrad(true);
        Tensor w = w32.cast(dtype).requiresGrad(true);
        Tensor b = b32 == null ? null : b32.cast(dtype).requiresGrad(true);
        Tensor y = ConvOps.conv(x, w, b, g, groups, relu);
        Tensor upstream = Tensor.randomUniform(4, -1, 1, y.shape()).cast(dtype);
        y.backward(upstream);
        return new Result(y, x.grad(), w.grad(), b == null ? null : b.grad());
    }

    private static void close(Tensor want, Tensor got, String what) {
        double[] a = want.toDoubleArray();
        double[] b = got.toDoubleArray();
        assertTrue(a.length == b.length, what + ": sizes " + a.length + " vs " + b.length);
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < a.length; i++) {
            double tol = 1e-5 * Math.max(1, scale) + 1e-4 * Math.abs(a[i]);
            if (Math.abs(a[i] - b[i]) > tol) {
                throw new AssertionError(what + ": element " + i + " float64 " + a[i] + " vs float32 chunked " + b[i]);
            }
        }
    }
}
