package dev.airfoil.training;

import dev.airfoil.layers.InputLayer;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient buffers: a leaf adopts a gradient its backward rule has just made, the training loop
 * recycles the arrays so that a step allocates nothing proportional to the model's size, and the
 * values stay those of freshly allocated gradients.
 */
class GradientReuseTest {

    private static Sequential dense(int in, int units) {
        return new Sequential(List.of(new InputLayer(new int[] {in}, DType.FLOAT32, null), new Dense(units, "relu")));
    }

    @Test
    void recycledGradientArrayIsOverwrittenWithTheNextGradient() {
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2).requiresGrad(true);
        Tensor x1 = Tensor.of(new float[] {1, 0, 2}, 1, 3);
        Tensor x2 = Tensor.of(new float[] {-1, 3, 0.5f}, 1, 3);

        x1.matmul(w).square().sum().backward();
        float[] first = w.grad().floatData();
        w.recycleGrad();
        assertNull(w.grad());
        x2.matmul(w).square().sum().backward();
        assertSame(first, w.grad().floatData(), "the recycled array holds the next gradient");

        Tensor fresh = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2).requiresGrad(true);
        x2.matmul(fresh).square().sum().backward();
        assertArrayEquals(fresh.grad().floatData(), w.grad().floatData(), "not the sum with the stale gradient");
    }

    @Test
    void zeroGradDropsTheArray() {
        Tensor w = Tensor.ones(2, 2).requiresGrad(true);
        w.mul(3).sum().backward();
        float[] first = w.grad().floatData();
        w.zeroGrad();
        w.mul(3).sum().backward();
        assertNotSame(first, w.grad().floatData(), "a gradient the caller may still hold is never overwritten after zeroGrad");
    }

    @Test
    void adoptedGradientIsUsedOnceAndAccumulatesCorrectly() {
        float[] data = {1, 2};
        Tensor g = Tensor.freshGradient(data, 2);
        Tensor a = Tensor.zeros(2).requiresGrad(true);
        Tensor b = Tensor.zeros(2).requiresGrad(true);
        a.accumulateGrad(g);
        b.accumulateGrad(g);
        assertSame(data, a.grad().floatData(), "adopted without a copy");
        assertNotSame(data, b.grad().floatData(), "a second leaf gets a copy");
        a.accumulateGrad(Tensor.of(new float[] {10, 20}, 2));
        assertArrayEquals(new float[] {11, 22}, a.grad().floatData());
        assertArrayEquals(new float[] {1, 2}, b.grad().floatData(), "leaves never share a gradient array");
    }

    @Test
    void gradientsOfOneTensorAreSummedInPlaceOnlyWhenFresh() {
        Tensor fresh = Tensor.freshGradient(new float[] {1, 2}, 2);
        assertSame(fresh, fresh.plusGradient(Tensor.of(new float[] {10, 20}, 2)));
        assertArrayEquals(new float[] {11, 22}, fresh.floatData());
        Tensor held = Tensor.of(new float[] {1, 2}, 2);
        Tensor sum = held.plusGradient(Tensor.of(new float[] {10, 20}, 2));
        assertNotSame(held, sum);
        assertArrayEquals(new float[] {1, 2}, held.floatData(), "a gradient someone may hold is never written");
        assertArrayEquals(new float[] {11, 22}, sum.floatData());
        // a weight used twice in one graph: both contributions reach it
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor x = Tensor.of(new float[] {1, -1}, 1, 2);
        x.matmul(w).add(x.mul(2).matmul(w)).sum().backward();
        assertArrayEquals(new float[] {3, 3, -3, -3}, w.grad().floatData());
    }

    @Test
    void wrappedGradientsAreCopied() {
        float[] data = {1, 2};
        Tensor a = Tensor.zeros(2).requiresGrad(true);
        a.accumulateGrad(Tensor.wrap(data, 2));
        assertNotSame(data, a.grad().floatData());
    }

    @Test
    void trainingMatchesAModelWhoseGradientsAreNeverRecycled() {
        Tensor x = Tensor.randomNormal(7, 0, 1, 16, 12);
        Tensor y = Tensor.randomNormal(8, 0, 1, 16, 5);
        Sequential recycled = dense(12, 5);
        Sequential fresh = dense(12, 5);
        recycled.compile("adam", "mse");
        fresh.compile("adam", "mse");
        fresh.setWeights(recycled.getWeights());
        for (int step = 0; step < 5; step++) {
            recycled.trainOnBatch(x, y);
            // the reference path: forward, loss and backward by hand, gradients dropped after every step
            Compiled c = fresh.compiled();
            List<Tensor> preds = fresh.apply(List.of(x), true);
            c.computeLoss(List.of(y), preds, null, fresh.losses()).backward();
            List<Variable> vars = fresh.trainableWeights();
            fresh.optimizer().applyGradients(vars, vars.stream().map(Variable::grad).toList());
            vars.forEach(v -> v.value().zeroGrad());
        }
        List<Tensor> a = recycled.getWeights();
        List<Tensor> b = fresh.getWeights();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(b.get(i).floatData(), a.get(i).floatData(), "weight " + i + " after 5 steps");
        }
    }

    @Test
    void aTrainingStepAllocatesNothingProportionalToTheModel() {
        // relu: the fused Dense primitive; tanh: the reference path (matmul, add, activation)
        for (String activation : new String[] {"relu", "tanh"}) {
            int in = 600;
            int units = 600;
            long perStep = bytesPerStep(new Sequential(List.of(new InputLayer(new int[] {in}, DType.FLOAT32, null),
                    new Dense(units, activation))), in, units);
            long modelBytes = 4L * (in * units + units);
            // the step's own garbage (batch-sized activations, bookkeeping) is tens of KB; one gradient
            // copy or fresh gradient array per step would be at least modelBytes
            assertTrue(perStep < modelBytes / 8, activation + ": a step allocated " + perStep + " bytes for a model of "
                    + modelBytes + " bytes");
        }
    }

    /** The least allocation per training step (batch of 2) on this thread over several windows after a warm-up. */
    private static long bytesPerStep(Sequential model, int in, int units) {
        model.compile("adam", "mse");
        Tensor x = Tensor.randomNormal(1, 0, 1, 2, in);
        Tensor y = Tensor.randomNormal(2, 0, 1, 2, units);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemoryEnabled());
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 200; i++) {
            model.trainOnBatch(x, y);
        }
        // the least over several windows: the first steps run in the interpreter and C1, whose Vector API
        // calls allocate boxes (about 500 KB a step here for the first 600-800 steps, longer on a loaded
        // machine); C2's code allocates 45-80 KB. Forty windows give C2 time to compile the step on a busy
        // machine too; a step that allocated per weight would never get below the bound.
        long perStep = Long.MAX_VALUE;
        for (int window = 0; window < 40; window++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 40; i++) {
                model.trainOnBatch(x, y);
            }
            perStep = Math.min(perStep, (threads.getThreadAllocatedBytes(id) - before) / 40);
        }
        return perStep;
    }
}
