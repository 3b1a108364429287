package dev.airfoil.losses;

import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fused sparse categorical cross-entropy against the reference composition: loss and gradient. */
class FusedSparseCrossentropyTest {
    private static float[][] run(boolean fused, Tensor labels, float[] probs, int rows, int classes, boolean softmax) {
        boolean saved = FusedSparseCrossentropy.enabled;
        FusedSparseCrossentropy.enabled = fused;
        try {
            Tensor leaf = Tensor.of(probs, rows, classes).requiresGrad(true);
            Tensor p = softmax ? leaf.softmax(-1) : leaf;
            Tensor loss = new SparseCategoricalCrossentropy().compute(labels, p, null);
            loss.backward();
            return new float[][] {{(float) loss.item()}, leaf.grad().floatData().clone()};
        } finally {
            FusedSparseCrossentropy.enabled = saved;
        }
    }

    @Test
    void matchesReferenceOnSoftmaxOutputsAndOnRawProbabilities() {
        int rows = 9;
        int classes = 5;
        float[] raw = Tensor.randomUniform(3, 0, 1, rows * classes).floatData().clone();
        raw[2 * classes + 1] = 1e-9f;   // a clipped probability (row 2, label 1)
        raw[4 * classes + 3] = 0f;
        int[] ids = {0, 4, 1, 2, 3, 1, 0, 4, 2};
        for (Tensor labels : new Tensor[] {Tensor.ofInts(ids, rows), Tensor.ofInts(ids, rows, 1),
                Tensor.ofInts(ids, rows).cast(dev.airfoil.tensor.DType.FLOAT32)}) {
            for (boolean softmax : new boolean[] {true, false}) {
                float[][] ref = run(false, labels, raw, rows, classes, softmax);
                float[][] fast = run(true, labels, raw, rows, classes, softmax);
                assertEquals(ref[0][0], fast[0][0], 1e-5 * Math.max(1, Math.abs(ref[0][0])));
                assertArrayEquals(ref[1], fast[1], 1e-5f);
            }
        }
    }

    @Test
    void invalidLabelsStillGetTheReferenceError() {
        Tensor p = Tensor.of(new float[] {0.5f, 0.5f}, 1, 2);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().compute(Tensor.ofInts(new int[] {2}, 1), p, null));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("outside [0, 2)"), e.getMessage());
    }
}
