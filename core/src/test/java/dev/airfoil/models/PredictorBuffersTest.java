package dev.airfoil.models;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.recurrent.LSTM;
import dev.airfoil.layers.regularization.Dropout;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code predict} with reused intermediate arrays ({@code BatchBuffers}) gives what one batch at a
 * time gives, also when an output shares its array with an intermediate result.
 */
class PredictorBuffersTest {

    private static void sameAsBatchByBatch(Model model, List<Tensor> inputs, int batch) {
        List<Tensor> all = model.predict(inputs, batch);
        int n = inputs.get(0).shape()[0];
        for (int s = 0; s < n; s += batch) {
            int start = s;
            int stop = Math.min(n, start + batch);
            List<Tensor> part = model.predictOnBatch(inputs.stream().map(t -> t.slice(0, start, stop)).toList());
            for (int o = 0; o < all.size(); o++) {
                assertArrayEquals(part.get(o).floatData(), all.get(o).slice(0, start, stop).floatData(),
                        "output " + o + ", rows " + start + " to " + stop);
            }
        }
    }

    @Test
    void aSequentialMlpWithARaggedLastBatch() {
        Seeds.setGlobalSeed(1);
        Sequential m = new Sequential(new Flatten(), new Dense(16, "relu"), new Dense(8, "relu"), new Dense(3, "softmax"));
        assertTrue(Predictor.keepsNothing(m));
        sameAsBatchByBatch(m, List.of(Tensor.randomNormal(2, 0, 1, 25, 4, 5)), 10);
    }

    @Test
    void theSeedMlpOnBatchesLargeEnoughToShareTheirPackedKernelsAcrossThreads() {
        // 300x300x784 and 300x100x300 products: each kernel is packed once for the call and its batches
        // split by rows across the kernels' threads, with bias, ReLU and softmax on the rows as they are done
        Seeds.setGlobalSeed(7);
        Sequential m = new Sequential(new Flatten(), new Dense(300, "relu"), new Dense(100, "relu"), new Dense(10, "softmax"));
        sameAsBatchByBatch(m, List.of(Tensor.randomUniform(9, 0, 1, 700, 28, 28)), 300);
    }

    @Test
    void anOutputThatIsADenseResultPassedThrough() {
        Seeds.setGlobalSeed(3);
        // in inference Dropout returns its input: the model's output is the last Dense's own array
        Sequential m = new Sequential(new Dense(12, "relu"), new Dense(5), new Dropout(0.3));
        sameAsBatchByBatch(m, List.of(Tensor.randomNormal(4, 0, 1, 31, 6)), 7);
    }

    @Test
    void aFunctionalModelWhoseHiddenLayerIsAlsoAnOutput() {
        Seeds.setGlobalSeed(5);
        KerasTensor in = Input.shape(6);
        KerasTensor hidden = new Dense(9, "relu", "hidden").apply(in);
        KerasTensor head = new Dense(2, null, "head").apply(hidden);
        Model m = new Model(List.of(in), List.of(hidden, head), "two");
        assertTrue(Predictor.keepsNothing(m));
        sameAsBatchByBatch(m, List.of(Tensor.randomNormal(6, 0, 1, 23, 6)), 5);
    }

    @Test
    void modelsThatMayKeepATensorAcrossBatchesAreLeftAlone() {
        Layer custom = new Layer("custom") {
            @Override
            public Tensor call(Tensor input, boolean training) {
                return input;
            }
        };
        assertFalse(Predictor.keepsNothing(new Sequential(new Dense(3), custom)));
        assertFalse(Predictor.keepsNothing(new Sequential(LSTM.builder(3).stateful(true).build(), new Dense(2))));
        assertFalse(Predictor.keepsNothing(new Model("subclassed") {
            @Override
            public Tensor call(Tensor input, boolean training) {
                return input;
            }
        }));
        assertEquals(true, Predictor.keepsNothing(new Sequential(LSTM.builder(3).build(), new Dense(2))));
    }
}
