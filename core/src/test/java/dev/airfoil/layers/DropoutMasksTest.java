package dev.airfoil.layers;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The branch-free inverted-dropout masks against their definition: unit kept iff {@code rng.nextDouble() >= rate} (the reference drawn from the JDK's {@code SplittableRandom}, the masks from {@link LayerRandom}). */
class DropoutMasksTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1e-17, 0.1, 0.5, 0.7, 0.999, 1.0})
    void sameMasksAsTheDefinition(double rate) {
        int n = 20_011;
        for (long seed : new long[] {1, 42, -7}) {
            Tensor f = DropoutMasks.inverted(new LayerRandom(seed), new int[] {n}, rate, DType.FLOAT32);
            Tensor d = DropoutMasks.inverted(new LayerRandom(seed), new int[] {n}, rate, DType.FLOAT64);
            SplittableRandom ref = new SplittableRandom(seed);
            float keepF = (float) (1.0 / (1.0 - rate));
            double keepD = 1.0 / (1.0 - rate);
            float[] fm = f.floatData();
            double[] dm = d.doubleData();
            int kept = 0;
            for (int i = 0; i < n; i++) {
                boolean keep = ref.nextDouble() >= rate;
                kept += keep ? 1 : 0;
                assertEquals(Float.floatToIntBits(keep ? keepF : 0f), Float.floatToIntBits(fm[i]), "rate " + rate + " float32 at " + i);
                assertEquals(Double.doubleToLongBits(keep ? keepD : 0.0), Double.doubleToLongBits(dm[i]), "rate " + rate + " float64 at " + i);
            }
            double expected = (1 - rate) * n;
            assertTrue(Math.abs(kept - expected) <= 5 * Math.sqrt(n * rate * (1 - rate)) + 1,
                    "rate " + rate + ": kept " + kept + " of " + n);
        }
    }
}
