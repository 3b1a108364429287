package dev.airfoil.layers.preprocessing;

import dev.airfoil.tensor.Tensor;

import java.util.List;

/**
 * Keras 3's {@code ops.image.affine_transform} on the JAX backend, shared by the geometric augmentation
 * layers. Each image has its own transform {@code [a0, a1, a2, b0, b1, b2, c0, c1]} that maps an output
 * pixel {@code (x, y)} (column, row; pixel centres at whole numbers) to the input point
 * {@code (a0 x + a1 y + a2, b0 x + b1 y + b2)}; {@code c0} and {@code c1} must be 0 (the JAX backend
 * multiplies them by the channel index, which no Keras layer relies on). The sample is taken as
 * {@code jax.scipy.ndimage.map_coordinates} does: {@code "nearest"} rounds half away from zero,
 * {@code "bilinear"} weighs the four neighbours {@code floor(p)} and {@code floor(p) + 1} by
 * {@code 1 - frac} and {@code frac}; a neighbour outside the image is replaced by a point inside
 * according to the fill mode ({@code "reflect"}: {@code d c b a | a b c d | d c b a}, {@code "wrap"}:
 * {@code a b c d | a b c d}, {@code "nearest"}: {@code a a a a | a b c d | d d d d}) or, for
 * {@code "constant"}, contributes {@code fill_value}. The coordinates are computed in float32 as JAX
 * does, so nearest sampling picks the same pixels at the half-way points.
 *
 * <p>The result is a weighted sum of gathered input pixels, built from tensor operations, so it is
 * differentiable in the image.
 */
final class ImageTransform {
    /** The fill modes of Keras's geometric augmentation layers. */
    static final List<String> FILL_MODES = List.of("reflect", "wrap", "constant", "nearest");
    /** The interpolations of Keras's geometric augmentation layers. */
    static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear");

    private ImageTransform() {
    }

    /**
     * Transforms {@code (N, H, W, C)} images, each by its row of {@code transforms} ({@code N} rows of 8
     * float32 values).
     */
    static Tensor affine(Tensor images, float[][] transforms, String interpolation, String fillMode, double fillValue) {
        int n = images.dim(0);
        int h = images.dim(1);
        int w = images.dim(2);
        int c = images.dim(3);
        if (transforms.length != n) {
            throw new IllegalArgumentException("affine transform: " + transforms.length + " transforms for " + n
                    + " images; give one transform per image");
        }
        boolean bilinear = interpolation.equals("bilinear");
        int corners = bilinear ? 4 : 1;
        int pixels = n * h * w;
        int[][] index = new int[corners][pixels];
        double[][] weight = new double[corners][pixels];
        double[] constant = new double[pixels];
        boolean anyConstant = false;
        for (int b = 0; b < n; b++) {
            float[] t = transforms[b];
            if (t.length != 8 || t[6] != 0f || t[7] != 0f) {
                throw new IllegalArgumentException("affine transform: expected [a0, a1, a2, b0, b1, b2, 0, 0], got "
                        + java.util.Arrays.toString(t));
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = (b * h + y) * w + x;
                    // JAX's einsum in float32: the row from (b1 y + b0 x) + b2, the column from (a1 y + a0 x) + a2
                    float row = (y * t[4] + x * t[3]) + t[5];
                    float col = (y * t[1] + x * t[0]) + t[2];
                    int[] rows;
                    int[] cols;
                    float[] rowWeights;
                    float[] colWeights;
                    if (bilinear) {
                        float r0 = (float) Math.floor(row);
                        float c0 = (float) Math.floor(col);
                        float ru = row - r0;
                        float cu = col - c0;
                        rows = new int[] {(int) r0, (int) r0 + 1};
                        cols = new int[] {(int) c0, (int) c0 + 1};
                        rowWeights = new float[] {1f - ru, ru};
                        colWeights = new float[] {1f - cu, cu};
                    } else {
                        rows = new int[] {roundHalfAway(row)};
                        cols = new int[] {roundHalfAway(col)};
                        rowWeights = new float[] {1f};
                        colWeights = new float[] {1f};
                    }
                    int k = 0;
                    for (int i = 0; i < rows.length; i++) {
                        for (int j = 0; j < cols.length; j++, k++) {
                            float wt = rowWeights[i] * colWeights[j];
                            boolean inside = rows[i] >= 0 && rows[i] < h && cols[j] >= 0 && cols[j] < w;
                            if (fillMode.equals("constant") && !inside) {
                                index[k][p] = 0;
                                weight[k][p] = 0;
                                constant[p] += wt * fillValue;
                                anyConstant |= wt != 0;
                            } else {
                                index[k][p] = (b * h + fix(rows[i], h, fillMode)) * w + fix(cols[j], w, fillMode);
                                weight[k][p] = wt;
                            }
                        }
                    }
                }
            }
        }
        Tensor flat = images.reshape(pixels, c);
        Tensor out = null;
        for (int k = 0; k < corners; k++) {
            Tensor term = flat.take(Tensor.ofInts(index[k], pixels), 0)
                    .mul(Tensor.of(weight[k], pixels, 1).cast(images.dtype()));
            out = out == null ? term : out.add(term);
        }
        if (anyConstant) {
            out = out.add(Tensor.of(constant, pixels, 1).cast(images.dtype()));
        }
        return out.reshape(n, h, w, c);
    }

    /** {@code lax.round}: halves away from zero. */
    static int roundHalfAway(float v) {
        double r = Math.floor(Math.abs((double) v) + 0.5);
        return (int) (v < 0 ? -r : r);
    }

    /** The index inside {@code [0, size)} that stands for {@code i} under {@code fillMode}. */
    static int fix(int i, int size, String fillMode) {
        return switch (fillMode) {
            case "nearest" -> Math.min(Math.max(i, 0), size - 1);
            case "wrap" -> Math.floorMod(i, size);
            case "reflect" -> Math.floorDiv(mirror(2 * i + 1, 2 * size + 1) - 1, 2);
            default -> i; // constant: only called for indices inside the image
        };
    }

    /** A triangle wave of half-period {@code size - 1}: {@code |((i + s) mod 2s) - s|}. */
    private static int mirror(int i, int size) {
        int s = size - 1;
        return Math.abs(Math.floorMod(i + s, 2 * s) - s);
    }
}
