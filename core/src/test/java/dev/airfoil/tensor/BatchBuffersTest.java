package dev.airfoil.tensor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link BatchBuffers}: reuse only inside a scope, only after a batch ends, never of an output's array. */
class BatchBuffersTest {

    @org.junit.jupiter.api.BeforeEach
    void noLeftovers() {
        BatchBuffers.forgetLeftovers();
    }

    @Test
    void theNextScopeOnTheThreadStartsWithTheFreeArrays() {
        float[] a;
        try (BatchBuffers.Scope s = BatchBuffers.open()) {
            a = BatchBuffers.floats(5);
            s.endBatch(List.of());
        }
        try (BatchBuffers.Scope s = BatchBuffers.open()) {
            assertSame(a, BatchBuffers.floats(5));
        }
    }

    @Test
    void withoutAScopeEveryArrayIsFresh() {
        assertNotSame(BatchBuffers.floats(8), BatchBuffers.floats(8));
    }

    @Test
    void aBatchsArraysServeTheNextBatchExceptTheOutputs() {
        try (BatchBuffers.Scope s = BatchBuffers.open()) {
            float[] hidden = BatchBuffers.floats(6);
            float[] out = BatchBuffers.floats(6);
            assertNotSame(hidden, BatchBuffers.floats(6), "not reused within a batch");
            s.endBatch(List.of(Tensor.wrap(out, 2, 3).reshape(6)));
            float[] next1 = BatchBuffers.floats(6);
            float[] next2 = BatchBuffers.floats(6);
            float[] next3 = BatchBuffers.floats(6);
            for (float[] a : new float[][] {next1, next2, next3}) {
                assertNotSame(out, a, "an output's array belongs to the caller");
            }
            assertSame(hidden, next1);
        }
        assertNotSame(BatchBuffers.floats(4), BatchBuffers.floats(4), "closed");
    }

    @Test
    void scopesDoNotNestAndTheSwitchTurnsThemOff() {
        try (BatchBuffers.Scope outer = BatchBuffers.open(); BatchBuffers.Scope inner = BatchBuffers.open()) {
            float[] a = BatchBuffers.floats(3);
            inner.endBatch(List.of());                      // the inner scope is inert
            assertNotSame(a, BatchBuffers.floats(3));
            outer.endBatch(List.of());
            assertSame(a, BatchBuffers.floats(3));
        }
        BatchBuffers.enabled = false;
        try (BatchBuffers.Scope s = BatchBuffers.open()) {
            float[] a = BatchBuffers.floats(3);
            s.endBatch(List.of());
            assertNotSame(a, BatchBuffers.floats(3));
        } finally {
            BatchBuffers.enabled = true;
        }
    }
}
