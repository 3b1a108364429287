package dev.airfoil.data;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalerTest {
    // columns: [1, 2, 3, 4] (mean 2.5, std sqrt(1.25)), [10, 10, 10, 10] (constant), [-2, 0, 2, 8]
    private static final Tensor X = Tensor.of(new float[]{1, 10, -2, 2, 10, 0, 3, 10, 2, 4, 10, 8}, 4, 3);

    @Test
    void standardScalerMatchesHandComputedValues() {
        StandardScaler s = new StandardScaler();
        Tensor z = s.fitTransform(X);
        assertEquals(DType.FLOAT32, z.dtype());
        assertArrayEquals(new double[]{2.5, 10, 2}, s.mean(), 1e-12);
        assertArrayEquals(new double[]{1.25, 0, 14}, s.variance(), 1e-12);
        assertArrayEquals(new double[]{Math.sqrt(1.25), 1, Math.sqrt(14)}, s.scale(), 1e-12);
        float[] v = z.toFloatArray();
        assertEquals((1 - 2.5) / Math.sqrt(1.25), v[0], 1e-6);
        assertEquals(0, v[1], 0, "constant features become 0, not NaN");
        assertEquals((8 - 2) / Math.sqrt(14), v[11], 1e-6);
        // every column has mean 0 and (non-constant) population std 1
        double[] mean = new double[3];
        double[] sq = new double[3];
        for (int i = 0; i < v.length; i++) {
            mean[i % 3] += v[i] / 4.0;
            sq[i % 3] += v[i] * (double) v[i] / 4.0;
        }
        assertArrayEquals(new double[]{0, 0, 0}, mean, 1e-6);
        assertEquals(1, sq[0], 1e-6);
        assertEquals(1, sq[2], 1e-6);
        assertArrayEquals(X.toFloatArray(), s.inverseTransform(z).toFloatArray(), 1e-5f);
    }

    @Test
    void standardScalerOptionsAndFloat64() {
        Tensor x64 = X.cast(DType.FLOAT64);
        StandardScaler noMean = new StandardScaler(false, true);
        Tensor z = noMean.fitTransform(x64);
        assertEquals(DType.FLOAT64, z.dtype());
        assertEquals(1 / Math.sqrt(1.25), z.toDoubleArray()[0], 1e-12);
        StandardScaler noStd = new StandardScaler(true, false);
        assertEquals(-1.5, noStd.fitTransform(x64).toDoubleArray()[0], 1e-12);
        Tensor ints = Tensor.ofInts(new int[]{0, 2, 4, 6}, 4, 1);
        assertEquals(DType.FLOAT32, new StandardScaler().fitTransform(ints).dtype());
    }

    @Test
    void fitsOverEveryAxisButTheLast() {
        Tensor x3 = X.reshape(2, 2, 3);
        StandardScaler s = new StandardScaler().fit(x3);
        assertArrayEquals(new double[]{2.5, 10, 2}, s.mean(), 1e-12);
        Tensor z = s.transform(x3);
        assertArrayEquals(new int[]{2, 2, 3}, z.shape());
        assertArrayEquals(new StandardScaler().fitTransform(X).toFloatArray(), z.toFloatArray(), 1e-6f);
    }

    @Test
    void minMaxScalerMapsToTheFeatureRange() {
        MinMaxScaler s = new MinMaxScaler();
        float[] v = s.fitTransform(X).toFloatArray();
        assertArrayEquals(new float[]{0, 0, 0, 1 / 3f, 0, 0.2f, 2 / 3f, 0, 0.4f, 1, 0, 1}, v, 1e-6f);
        assertArrayEquals(new double[]{1, 10, -2}, s.dataMin(), 0);
        assertArrayEquals(new double[]{4, 10, 8}, s.dataMax(), 0);
        MinMaxScaler sym = new MinMaxScaler(-1, 1);
        Tensor y = sym.fitTransform(X);
        assertEquals(-1, y.toFloatArray()[0], 1e-6);
        assertEquals(1, y.toFloatArray()[9], 1e-6);
        assertArrayEquals(X.toFloatArray(), sym.inverseTransform(y).toFloatArray(), 1e-5f);
        // test data outside the training range is not clipped
        assertEquals(2, s.transform(Tensor.of(new float[]{7, 10, 8}, 1, 3)).toFloatArray()[0], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler(1, 1));
    }

    @Test
    void clearErrorsBeforeFitAndOnWrongFeatureCount() {
        StandardScaler s = new StandardScaler();
        assertFalse(s.isFitted());
        assertEquals(-1, s.featureCount());
        IllegalStateException notFitted = assertThrows(IllegalStateException.class, () -> s.transform(X));
        assertTrue(notFitted.getMessage().contains("StandardScaler is not fitted yet"), notFitted.getMessage());
        assertThrows(IllegalStateException.class, () -> new MinMaxScaler().inverseTransform(X));
        assertThrows(IllegalStateException.class, s::getState);
        s.fit(X);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> s.transform(Tensor.zeros(5, 2)));
        assertTrue(wrong.getMessage().contains("expected input with 3 features on the last axis (as in fit), got shape"
                + " [5, 2]"), wrong.getMessage());
        MinMaxScaler m = new MinMaxScaler().fit(X);
        assertThrows(IllegalArgumentException.class, () -> m.inverseTransform(Tensor.zeros(3, 4)));
        assertArrayEquals(new int[]{3}, m.transform(Tensor.zeros(3)).shape(), "a rank-1 input is one sample");
        IllegalArgumentException rank1 = assertThrows(IllegalArgumentException.class,
                () -> new StandardScaler().fit(Tensor.zeros(4)));
        assertTrue(rank1.getMessage().contains("reshape a single feature to (N, 1)"), rank1.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler().fit(Tensor.zeros(0, 3)));
    }

    @Test
    void configAndStateRoundTripAsPlainValues() {
        StandardScaler s = new StandardScaler(true, false).fit(X);
        Map<String, Object> config = s.getConfig();
        assertEquals(Map.of("with_mean", true, "with_std", false), config);
        Map<String, Object> state = s.getState();
        assertEquals(List.of(2.5, 10.0, 2.0), state.get("mean"));
        assertEquals(3, state.get("n_features_in"));
        StandardScaler restored = StandardScaler.fromConfig(config);
        restored.setState(state);
        assertArrayEquals(s.transform(X).toFloatArray(), restored.transform(X).toFloatArray(), 0f);

        MinMaxScaler m = new MinMaxScaler(-1, 1).fit(X);
        assertEquals(Map.of("feature_range", List.of(-1.0, 1.0)), m.getConfig());
        MinMaxScaler m2 = MinMaxScaler.fromConfig(m.getConfig());
        m2.setState(m.getState());
        assertArrayEquals(m.transform(X).toFloatArray(), m2.transform(X).toFloatArray(), 0f);
        assertEquals(0, MinMaxScaler.fromConfig(Map.of()).rangeMin());

        Map<String, Object> bad = new java.util.HashMap<>(state);
        bad.put("mean", List.of(1.0, 2.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> restored.setState(bad));
        assertTrue(e.getMessage().contains("'mean' has 2 values, expected 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StandardScaler.fromConfig(Map.of("with_mean", "yes")));
        assertThrows(IllegalArgumentException.class, () -> MinMaxScaler.fromConfig(Map.of("feature_range", 1)));
    }
}
