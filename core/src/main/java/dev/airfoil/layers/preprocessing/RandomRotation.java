package dev.airfoil.layers.preprocessing;

import dev.airfoil.layers.LayerRandom;
import dev.airfoil.saving.ConfigMap;

import java.util.List;
import java.util.Map;

/**
 * Rotates each image about its centre by a random angle in training (Keras {@code RandomRotation}); the
 * identity in inference. Per image an angle is drawn uniformly from {@code [lower, upper]} turns of
 * 360 degrees; a positive angle turns the image counter-clockwise, and the corners that come in from
 * outside are filled by {@code fill_mode} (see {@link ImageTransform}).
 *
 * <p>{@code factor} is a number {@code f} in {@code [-1, 1]}, which Keras 3.15.1 turns into
 * {@code (max(-|f|, -1), |f|)}, or two numbers {@code [lower, upper]} (sorted; refused when the first
 * is above 1 or the second below -1). The config stores the pair. The draws come from the layer's own
 * seeded generator ({@link LayerRandom}, saved with the training state): reproducible in Airfoil, not
 * the draws of Keras's JAX generator; the transform itself (Keras's {@code _compute_affine_matrix}
 * about the centre {@code ((W - 1) / 2, (H - 1) / 2)}, in float32) matches Keras's. {@code apply(x)}
 * runs in inference; pass {@code training = true} to augment.
 *
 * <p>Arguments: {@code factor}; {@code fill_mode} ({@code "reflect"}); {@code interpolation}
 * ({@code "bilinear"}); {@code seed}; {@code fill_value} (0); {@code data_format}. Input:
 * {@code (batch, H, W, C)} or one image; output the same shape.
 *
 * <pre>{@code
 * model.add(new RandomRotation(0.1)); // up to 36 degrees either way
 * }</pre>
 */
public class RandomRotation extends GeometricAugmentation {
    private final double lower;
    private final double upper;

    /** Rotations of up to {@code factor} turns either way, reflected, bilinear. */
    public RandomRotation(double factor) {
        this(List.of(factor), "reflect", "bilinear", null, 0.0, null, null);
    }

    /**
     * A random rotation with every argument.
     *
     * @param factor        one number {@code f} in {@code [-1, 1]} (the range {@code [-|f|, |f|]}), or two
     * @param fillMode      {@code "reflect"}, {@code "wrap"}, {@code "constant"} or {@code "nearest"}
     * @param interpolation {@code "bilinear"} or {@code "nearest"}
     * @param seed          the generator's seed, or null for a fresh one
     * @param fillValue     the value outside the image for {@code "constant"}
     * @param dataFormat    {@code "channels_last"} (null) or {@code "channels_first"}
     * @param name          the layer name, or null for an automatic one
     */
    public RandomRotation(List<? extends Number> factor, String fillMode, String interpolation, Long seed,
                          double fillValue, String dataFormat, String name) {
        super(fillMode, interpolation, seed, fillValue, dataFormat, name);
        String bad = describe() + ": factor must be a number or a list of two numbers in the range [-1, 1], e.g. 0.1"
                + " or [-0.05, 0.2]; got " + factor;
        if (factor == null || factor.isEmpty() || factor.size() > 2) {
            throw new IllegalArgumentException(bad);
        }
        if (factor.size() == 1) {
            double f = factor.get(0).doubleValue();
            if (!(f >= -1 && f <= 1)) {
                throw new IllegalArgumentException(bad);
            }
            this.lower = Math.max(-Math.abs(f), -1);
            this.upper = Math.abs(f);
        } else {
            double a = factor.get(0).doubleValue();
            double b = factor.get(1).doubleValue();
            if (a > 1 || b < -1 || Double.isNaN(a) || Double.isNaN(b)) {
                throw new IllegalArgumentException(bad);
            }
            this.lower = Math.min(a, b);
            this.upper = Math.max(a, b);
        }
    }

    /** From a Keras config ({@code factor} a number or a list of two). */
    public static RandomRotation fromConfig(ConfigMap c) {
        return new RandomRotation(factorFromConfig(c, "factor"), c.getString("fill_mode", "reflect"),
                c.getString("interpolation", "bilinear"), c.getLong("seed", null), c.getDouble("fill_value", 0.0),
                c.getString("data_format", null), c.getString("name", null));
    }

    @Override
    float[][] drawTransforms(LayerRandom random, int n, int imageHeight, int imageWidth) {
        double lo = lower * 360.0;
        double hi = upper * 360.0;
        float[][] t = new float[n][];
        float toRadians = (float) (Math.PI / 180.0);
        float cx = 0.5f * ((float) imageWidth - 1f);
        float cy = 0.5f * ((float) imageHeight - 1f);
        for (int i = 0; i < n; i++) {
            float degrees = (float) (lo + (hi - lo) * random.nextDouble());
            t[i] = rotation(degrees * toRadians, cx, cy);
        }
        return t;
    }

    /** Keras's rotation about {@code (cx, cy)} by {@code radians}, in float32 in Keras's order of operations. */
    static float[] rotation(float radians, float cx, float cy) {
        float cos = (float) Math.cos(radians);
        float sin = (float) Math.sin(radians);
        float a0 = cos;
        float a1 = -sin;
        float b0 = sin;
        float b1 = cos;
        float a2 = cx - cx * a0 - cy * a1;
        float b2 = cy - cx * b0 - cy * b1;
        return new float[] {a0, a1, a2, b0, b1, b2, 0f, 0f};
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> m = getConfigBase();
        m.put("data_format", dataFormat());
        m.put("factor", List.of(lower, upper));
        m.put("fill_mode", fillMode());
        m.put("fill_value", fillValue());
        m.put("interpolation", interpolation());
        m.put("seed", seed());
        return m;
    }
}
