package dev.airfoil.data;

import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorDatasetTest {
    /** x row i = [i, 100 + i], y = i, w = i / 10, so every batch can be traced back to sample ids. */
    private static TensorDataset data(int n) {
        float[] x = new float[2 * n];
        long[] y = new long[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 100 + i;
            y[i] = i;
            w[i] = i / 10f;
        }
        return TensorDataset.of(Tensor.of(x, n, 2), Tensor.ofLongs(y, n)).withSampleWeights(Tensor.of(w, n));
    }

    private static List<Long> ids(Iterable<Batch> epoch) {
        List<Long> ids = new ArrayList<>();
        for (Batch b : epoch) {
            long[] y = b.y().toLongArray();
            float[] x = b.x().toFloatArray();
            float[] w = b.sampleWeights().toFloatArray();
            for (int i = 0; i < y.length; i++) {
                assertEquals(y[i], (long) x[2 * i], "inputs and targets stay aligned");
                assertEquals(100 + y[i], (long) x[2 * i + 1]);
                assertEquals(y[i] / 10f, w[i], 1e-6);
                ids.add(y[i]);
            }
        }
        return ids;
    }

    @Test
    void batchesInOrderWithRemainder() {
        TensorDataset d = data(10).batch(4);
        assertEquals(3, d.numBatches());
        List<Integer> sizes = new ArrayList<>();
        for (Batch b : d) {
            sizes.add(b.size());
            assertArrayEquals(new int[]{b.size(), 2}, b.x().shape());
        }
        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), ids(d));
        TensorDataset drop = d.batch(4, true);
        assertEquals(2, drop.numBatches());
        assertEquals(8, ids(drop.epoch(3)).size());
        assertEquals(TensorDataset.DEFAULT_BATCH_SIZE, data(5).batchSize());
    }

    @Test
    void unshuffledBatchesAreRowViewsOfTheDataShuffledOnesCopies() {
        TensorDataset d = data(10).batch(4);
        float[] source = d.inputs().get(0).floatStorage();
        int start = 0;
        for (Batch b : d) {
            // read in place (no per-step copy of the inputs), from the batch's first row
            assertTrue(b.x().floatStorage() == source, "batch at row " + start + " shares the data set's array");
            assertEquals(2 * start, b.x().storageOffset());
            start += b.size();
        }
        for (Batch b : d.shuffle(3)) {
            assertFalse(b.x().floatStorage() == source, "a shuffled batch gathers its rows into an array of its own");
        }
    }

    @Test
    void shuffleIsDeterministicPerSeedAndEpoch() {
        TensorDataset d = data(50).batch(8).shuffle(42);
        List<Long> e0 = ids(d.epoch(0));
        assertEquals(e0, ids(d.epoch(0)), "same seed and epoch, same order");
        assertEquals(e0, ids(data(50).batch(8).shuffle(42).epoch(0)), "a new object with the same seed agrees");
        assertEquals(e0, ids(d), "iterating the data set is epoch 0");
        List<Long> e1 = ids(d.epoch(1));
        assertFalse(e0.equals(e1), "a different epoch gives a different order");
        assertFalse(e0.equals(ids(data(50).batch(8).shuffle(43).epoch(0))), "a different seed, a different order");
        List<Long> identity = ids(d.unshuffled());
        assertFalse(e0.equals(identity));
        for (int epoch = 0; epoch < 5; epoch++) {
            List<Long> ids = ids(d.epoch(epoch));
            List<Long> sorted = new ArrayList<>(ids);
            sorted.sort(null);
            assertEquals(identity, sorted, "every sample exactly once in epoch " + epoch);
        }
        int[] order = d.order(3);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertTrue(d.isShuffled());
    }

    @Test
    void shuffledDropRemainderSkipsOnlyTheTail() {
        TensorDataset d = data(10).batch(3, true).shuffle(7);
        List<Long> ids = ids(d.epoch(2));
        assertEquals(9, ids.size());
        assertEquals(9, ids.stream().distinct().count());
        int[] order = d.order(2);
        for (int i = 0; i < 9; i++) {
            assertEquals(order[i], (long) ids.get(i));
        }
    }

    @Test
    void multipleInputsAndTargets() {
        Tensor a = Tensor.arange(6).reshape(6, 1);
        Tensor b = Tensor.arange(12).reshape(6, 2);
        Tensor t1 = Tensor.ofLongs(new long[]{0, 1, 2, 3, 4, 5}, 6);
        TensorDataset d = TensorDataset.of(List.of(a, b), List.of(t1, t1)).batch(4).shuffle(1);
        for (Batch batch : d.epoch(0)) {
            assertEquals(2, batch.inputs().size());
            assertEquals(2, batch.targets().size());
            float[] av = batch.inputs().get(0).toFloatArray();
            float[] bv = batch.inputs().get(1).toFloatArray();
            long[] tv = batch.targets().get(1).toLongArray();
            for (int i = 0; i < av.length; i++) {
                assertEquals(tv[i], (long) av[i]);
                assertEquals(2 * tv[i], (long) bv[2 * i]);
            }
            assertNull(batch.sampleWeights());
        }
        TensorDataset inputsOnly = TensorDataset.of(a).batch(6);
        Batch only = inputsOnly.iterator().next();
        assertTrue(only.targets().isEmpty());
        assertThrows(IllegalStateException.class, only::y);
    }

    @Test
    void rejectsMismatchedLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorDataset.of(Tensor.zeros(5, 2), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("same number of samples"), e.getMessage());
        assertTrue(e.getMessage().contains("[5, 2]") && e.getMessage().contains("[4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> data(5).withSampleWeights(Tensor.zeros(4)));
        assertThrows(IllegalArgumentException.class, () -> data(5).withSampleWeights(Tensor.zeros(5, 1)));
        assertThrows(IllegalArgumentException.class, () -> TensorDataset.of(Tensor.scalar(1)));
        assertThrows(IllegalArgumentException.class, () -> data(5).batch(0));
    }

    @Test
    void validationSplitTakesTheLastSamplesLikeKeras() {
        TensorDataset.Split s = data(10).batch(4).shuffle(3).trainValidationSplit(0.2);
        assertEquals(8, s.train().size());
        assertEquals(2, s.validation().size());
        assertEquals(List.of(8L, 9L), ids(s.validation().unshuffled()));
        assertEquals(8, ids(s.train().unshuffled()).size());
        assertEquals(0L, ids(s.train().unshuffled()).get(0));
        assertTrue(s.train().isShuffled(), "settings carry over");
        // Keras: split_at = floor(n * (1 - fraction))
        assertEquals(7, TensorDataset.splitIndex(10, 0.3));
        assertEquals(66, TensorDataset.splitIndex(100, 1.0 / 3));
        assertEquals(6400, TensorDataset.splitIndex(8000, 0.2));
        assertThrows(IllegalArgumentException.class, () -> TensorDataset.splitIndex(10, 0));
        assertThrows(IllegalArgumentException.class, () -> TensorDataset.splitIndex(10, 1));
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> TensorDataset.splitIndex(3, 0.9));
        assertTrue(tiny.getMessage().contains("leaves no training samples"), tiny.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> TensorDataset.splitIndex(3, 1e-17));
        assertTrue(none.getMessage().contains("leaves no validation samples"), none.getMessage());
        List<List<Tensor>> parts = TensorDataset.trainValidationSplit(
                List.of(Tensor.arange(5), Tensor.arange(5).mul(2)), 0.4);
        assertArrayEquals(new float[]{0, 1, 2}, parts.get(0).get(0).toFloatArray());
        assertArrayEquals(new float[]{6, 8}, parts.get(1).get(1).toFloatArray());
    }

    @Test
    void subsetKeepsRowsAligned() {
        TensorDataset sub = data(10).subset(new int[]{9, 2, 2}).batch(10);
        assertEquals(List.of(9L, 2L, 2L), ids(sub));
    }
}
