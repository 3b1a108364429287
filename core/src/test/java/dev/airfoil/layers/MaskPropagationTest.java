package dev.airfoil.layers;

import dev.airfoil.layers.activation.Softmax;
import dev.airfoil.layers.convolutional.Conv1D;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.core.Masking;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.layers.merging.Add;
import dev.airfoil.layers.merging.Concatenate;
import dev.airfoil.layers.normalization.BatchNormalization;
import dev.airfoil.layers.pooling.GlobalAveragePooling1D;
import dev.airfoil.layers.recurrent.LSTM;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keras 3's mask rules layer by layer ({@link Masks#call}); whole models against Keras itself are in
 * {@code KerasSavedModelsTest} (the masked_* and mask_dropped goldens).
 */
class MaskPropagationTest {

    /** (2, 4) steps: row 0 keeps steps 0, 1, 3; row 1 keeps steps 0 and 1. */
    private static Tensor mask() {
        return Tensor.ofBooleans(new boolean[] {true, true, false, true, true, true, false, false}, 2, 4);
    }

    private static boolean[] flags(Tensor m) {
        return Masks.flags(m);
    }

    @Test
    void passThroughLayersKeepTheMaskAndOthersDropIt() {
        Tensor x = Tensor.randomNormal(1, 0, 1, 2, 4, 3);
        Masks.MaskedCall dense = Masks.call(new Dense(5), List.of(x), Arrays.asList(mask()), false);
        assertArrayEquals(flags(mask()), flags(dense.masks().get(0)));
        Masks.MaskedCall conv = Masks.call(new Conv1D(2, 3), List.of(x), Arrays.asList(mask()), false);
        assertNull(conv.masks().get(0), "Conv1D does not support masking: the mask is dropped, as in Keras");
    }

    @Test
    void mergesOrTheMasksOnlyWhenEveryInputHasOne() {
        Tensor a = Tensor.ones(2, 4, 3);
        Tensor other = Tensor.ofBooleans(new boolean[] {false, false, true, false, true, false, false, true}, 2, 4);
        Masks.MaskedCall both = Masks.call(new Add(), List.of(a, a), Arrays.asList(mask(), other), false);
        assertArrayEquals(new boolean[] {true, true, true, true, true, true, false, true}, flags(both.masks().get(0)));
        Masks.MaskedCall one = Masks.call(new Add(), List.of(a, a), Arrays.asList(mask(), null), false);
        assertNull(one.masks().get(0));
        Masks.MaskedCall cat = Masks.call(new Concatenate(), List.of(a, a), Arrays.asList(mask(), other), false);
        assertArrayEquals(flags(both.masks().get(0)), flags(cat.masks().get(0)));
        Masks.MaskedCall catOne = Masks.call(new Concatenate(), List.of(a, a), Arrays.asList(mask(), null), false);
        for (boolean f : flags(catOne.masks().get(0))) {
            assertTrue(f, "an unmasked input keeps every position of the concatenation");
        }
    }

    @Test
    void globalAveragePoolingAveragesTheKeptSteps() {
        Tensor x = Tensor.randomNormal(2, 0, 1, 2, 4, 3);
        Masks.MaskedCall c = Masks.call(new GlobalAveragePooling1D(), List.of(x), Arrays.asList(mask()), false);
        assertNull(c.masks().get(0));
        Tensor y = c.outputs().get(0);
        for (int f = 0; f < 3; f++) {
            double row0 = (x.get(0, 0, f) + x.get(0, 1, f) + x.get(0, 3, f)) / 3;
            double row1 = (x.get(1, 0, f) + x.get(1, 1, f)) / 2;
            assertEquals(row0, y.get(0, f), 1e-6);
            assertEquals(row1, y.get(1, f), 1e-6);
        }
    }

    @Test
    void softmaxGivesMaskedPositionsZeroAndNamesAMaskThatDoesNotFit() {
        Tensor x = Tensor.randomNormal(3, 0, 1, 2, 4);
        Tensor y = Masks.call(new Softmax(), List.of(x), Arrays.asList(mask()), false).outputs().get(0);
        assertEquals(0.0, y.get(0, 2));
        assertEquals(1.0, y.get(0, 0) + y.get(0, 1) + y.get(0, 3), 1e-6);
        assertEquals(1.0, y.get(1, 0) + y.get(1, 1), 1e-6);
        Softmax s = new Softmax(-1, "probs");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Masks.call(s, List.of(Tensor.ones(2, 4, 3)), Arrays.asList(mask()), false));
        assertTrue(e.getMessage().contains("probs") && e.getMessage().contains("(2, 4)")
                && e.getMessage().contains("(2, 4, 3)"), e.getMessage());
    }

    @Test
    void batchNormalizationTrainsOnTheKeptStepsStatistics() {
        Tensor x = Tensor.randomNormal(4, 0, 1, 2, 4, 3);
        BatchNormalization bn = new BatchNormalization();
        Tensor y = Masks.call(bn, List.of(x), Arrays.asList(mask()), true).outputs().get(0);
        int[][] kept = {{0, 0}, {0, 1}, {0, 3}, {1, 0}, {1, 1}};
        for (int f = 0; f < 3; f++) {
            double mean = 0;
            for (int[] k : kept) {
                mean += x.get(k[0], k[1], f);
            }
            mean /= kept.length + 1e-7;
            double var = 0;
            for (int[] k : kept) {
                var += Math.pow(x.get(k[0], k[1], f) - mean, 2);
            }
            var /= kept.length + 1e-7;
            double expected = (x.get(1, 3, f) - mean) / Math.sqrt(var + 1e-3);
            assertEquals(expected, y.get(1, 3, f), 1e-5, "a masked position is normalised with the kept steps' moments");
            assertEquals(0.99 * 0 + 0.01 * mean, bn.movingMean().value().getFlat(f), 1e-6);
        }
    }

    @Test
    void sequentialThreadsTheMaskFromMaskingThroughDenseIntoTheLstm() {
        Seeds.setGlobalSeed(5);
        Tensor x = Tensor.randomNormal(6, 0, 1, 2, 4, 3);
        Tensor padded = Tensor.where(mask().unsqueeze(2), x, Tensor.zeros(DType.FLOAT32, 1));
        Masking masking = new Masking(0.0);
        Dense dense = new Dense(5, "tanh");
        LSTM lstm = LSTM.builder(4).build();
        Tensor y = new Sequential(masking, dense, lstm).predict(padded, 2);
        Tensor h = dense.apply(padded);
        Tensor expected = lstm.applyMasked(List.of(h), Arrays.asList(mask()), false).get(0);
        assertTrue(expected.allClose(y, 0, 1e-6));
        Tensor unmasked = lstm.apply(h);
        assertFalse(unmasked.allClose(y, 0, 1e-3), "the padded steps must change an unmasked LSTM's result");
    }

    @Test
    void aMaskedModelTrains() {
        Seeds.setGlobalSeed(7);
        Sequential m = new Sequential(new Masking(0.0), LSTM.builder(3).returnSequences(true).build(),
                new BatchNormalization(), new GlobalAveragePooling1D(), new Dense(1));
        m.compile("adam", "mse");
        Tensor x = Tensor.where(mask().unsqueeze(2), Tensor.randomNormal(8, 0, 1, 2, 4, 3), Tensor.zeros(DType.FLOAT32, 1));
        double before = m.evaluate(x, Tensor.ones(2, 1)).get("loss");
        for (int i = 0; i < 30; i++) {
            m.trainOnBatch(x, Tensor.ones(2, 1));
        }
        assertTrue(m.evaluate(x, Tensor.ones(2, 1)).get("loss") < before);
    }
}
