package dev.airfoil.layers.preprocessing;

import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * Keras 3's {@code ops.image.resize} on the JAX backend ({@code jax.image.resize}) for images in
 * {@code (batch, height, width, channels)} layout, and the crop and pad that {@code Resizing} and
 * {@code CenterCrop} do before it. Bilinear resizing is a product with one weight matrix per spatial
 * axis, as JAX computes it (a triangle kernel at the half-pixel sample positions
 * {@code (j + 0.5) * in / out - 0.5}, stretched by {@code in / out} when anti-aliasing a downscale, each
 * column normalised to sum 1 and zero where the sample falls outside the image), so it is differentiable
 * in the image. Nearest neighbour takes rows {@code floor((j + 0.5) * in / out)}, computed in float32 as
 * JAX does.
 */
final class ImageResize {
    /** The smallest column sum JAX keeps: 1000 float32 machine epsilons. */
    private static final double MIN_WEIGHT_SUM = 1000.0 * Math.ulp(1.0f);

    private ImageResize() {
    }

    /** Resizes {@code (N, H, W, C)} images to {@code (N, height, width, C)}. */
    static Tensor resize(Tensor images, int height, int width, String interpolation, boolean antialias) {
        Tensor y = resizeAxis(images, 1, height, interpolation, antialias);
        return resizeAxis(y, 2, width, interpolation, antialias);
    }

    private static Tensor resizeAxis(Tensor x, int axis, int size, String interpolation, boolean antialias) {
        int in = x.dim(axis);
        if (in == size) {
            return x; // JAX skips axes whose size does not change: both kernels are interpolating
        }
        if (interpolation.equals("nearest")) {
            return x.take(Tensor.ofInts(nearestIndices(in, size), size), axis);
        }
        // move the axis last, multiply by the (in, out) weight matrix, move it back
        int r = x.rank();
        int[] perm = new int[r];
        for (int i = 0, k = 0; i < r; i++) {
            if (i != axis) {
                perm[k++] = i;
            }
        }
        perm[r - 1] = axis;
        int[] back = new int[r];
        for (int i = 0; i < r; i++) {
            back[perm[i]] = i;
        }
        Tensor w = Tensor.of(bilinearWeights(in, size, antialias), in, size).cast(x.dtype());
        return x.permute(perm).matmul(w).permute(back);
    }

    /** JAX's nearest-neighbour source rows: {@code floor((j + 0.5) * in / out)} in float32. */
    static int[] nearestIndices(int in, int out) {
        int[] idx = new int[out];
        for (int j = 0; j < out; j++) {
            float offset = (j + 0.5f) * (float) in / (float) out;
            idx[j] = (int) Math.floor(offset);
        }
        return idx;
    }

    /** The {@code (in, out)} weight matrix of JAX's triangle kernel (row-major). */
    static double[] bilinearWeights(int in, int out, boolean antialias) {
        double scale = (double) out / in;
        double invScale = 1.0 / scale;
        double kernelScale = antialias ? Math.max(invScale, 1.0) : 1.0;
        double[] w = new double[in * out];
        for (int j = 0; j < out; j++) {
            double sample = (j + 0.5) * invScale - 0.5;
            double sum = 0;
            for (int i = 0; i < in; i++) {
                double v = Math.max(0.0, 1.0 - Math.abs(sample - i) / kernelScale);
                w[i * out + j] = v;
                sum += v;
            }
            boolean inside = sample >= -0.5 && sample <= in - 0.5;
            for (int i = 0; i < in; i++) {
                w[i * out + j] = inside && Math.abs(sum) > MIN_WEIGHT_SUM ? w[i * out + j] / sum : 0.0;
            }
        }
        return w;
    }

    /**
     * The centred window of the target aspect ratio that Keras crops before resizing
     * ({@code crop_to_aspect_ratio}, {@code smart_resize}): {@code {top, left, height, width}}.
     */
    static int[] aspectCrop(int height, int width, int targetHeight, int targetWidth) {
        int cropHeight = Math.max(Math.min(height, (int) ((double) width * targetHeight / targetWidth)), 1);
        int cropWidth = Math.max(Math.min(width, (int) ((double) height * targetWidth / targetHeight)), 1);
        return new int[] {(int) ((height - cropHeight) / 2.0), (int) ((width - cropWidth) / 2.0), cropHeight, cropWidth};
    }

    /** Crops {@code (N, H, W, C)} images to the centred window of the target aspect ratio. */
    static Tensor cropToAspectRatio(Tensor images, int targetHeight, int targetWidth) {
        int[] c = aspectCrop(images.dim(1), images.dim(2), targetHeight, targetWidth);
        return images.slice(1, c[0], c[0] + c[2]).slice(2, c[1], c[1] + c[3]);
    }

    /**
     * Pads {@code (N, H, W, C)} images with {@code fillValue} towards the target aspect ratio as Keras
     * does ({@code pad_to_aspect_ratio}): the same number of rows (or else columns) on both sides,
     * {@code floor((padded - size) / 2)}.
     */
    static Tensor padToAspectRatio(Tensor images, int targetHeight, int targetWidth, double fillValue) {
        int height = images.dim(1);
        int width = images.dim(2);
        int padHeight = Math.max(height, (int) ((double) width * targetHeight / targetWidth));
        int padWidth = Math.max(width, (int) ((double) height * targetWidth / targetHeight));
        int top = (int) ((padHeight - height) / 2.0);
        int left = (int) ((padWidth - width) / 2.0);
        int axis = top > 0 ? 1 : left > 0 ? 2 : 0;
        if (axis == 0) {
            return images;
        }
        int[] band = images.shape();
        band[axis] = axis == 1 ? top : left;
        Tensor fill = Tensor.full(images.dtype(), fillValue, band);
        return Tensor.concatenate(List.of(fill, images, fill), axis);
    }
}
