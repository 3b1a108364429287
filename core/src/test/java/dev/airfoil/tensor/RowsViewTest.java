package dev.airfoil.tensor;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Tensor#rowsView}: the same values as {@code slice(0, start, stop)}, read in place through
 * {@link Tensor#floatStorage()} and {@link Tensor#storageOffset()} until something needs an array of
 * its own, then copied once.
 */
class RowsViewTest {

    private static Tensor numbered(DType dtype, int... shape) {
        return Tensor.arange(dtype, 0, Shape.size(shape), 1).reshape(shape);
    }

    @Test
    void holdsTheSlicedValuesForEveryDType() {
        for (DType dtype : DType.values()) {
            Tensor x = dtype == DType.BOOL ? numbered(DType.INT32, 7, 3, 2).gt(4.0)
                    : numbered(dtype, 7, 3, 2);
            Tensor v = x.rowsView(2, 5);
            assertArrayEquals(new int[] {3, 3, 2}, v.shape());
            assertEquals(dtype, v.dtype());
            assertTrue(v.allClose(x.slice(0, 2, 5), 0, 0), dtype.toString());
            assertEquals(x.get(3, 1, 1), v.get(1, 1, 1), dtype.toString());
        }
    }

    @Test
    void isReadInPlaceUntilSomethingNeedsItsOwnArray() {
        Tensor x = numbered(DType.FLOAT32, 10, 4);
        Tensor v = x.rowsView(3, 7);
        assertSame(x.floatData(), v.floatStorage());
        assertEquals(12, v.storageOffset());
        float[] own = v.floatData();
        assertEquals(16, own.length);
        assertEquals(12f, own[0]);
        assertSame(own, v.floatStorage(), "after the copy, kernels read the copy");
        assertEquals(0, v.storageOffset());
        assertSame(own, v.floatData(), "copied once");
    }

    @Test
    void reshapesDetachesAndViewsOfViewsStayViews() {
        Tensor x = numbered(DType.FLOAT32, 9, 2, 3);
        Tensor v = x.rowsView(4, 8).rowsView(1, 3);             // rows 5 and 6 of x
        assertEquals(5 * 6, v.storageOffset());
        Tensor flat = v.reshape(2, 6);
        assertSame(x.floatData(), flat.floatStorage());
        assertEquals(30, flat.storageOffset());
        assertEquals(30, v.detach().storageOffset());
        assertTrue(flat.allClose(x.slice(0, 5, 7).reshape(2, 6), 0, 0));
        v.floatData();                                           // copied: later views start from the copy
        Tensor w = v.rowsView(1, 2);
        assertSame(v.floatData(), w.floatStorage());
        assertEquals(6, w.storageOffset());
        assertEquals(36f, w.get(0, 0, 0));
    }

    @Test
    void writingToTheViewsArrayLeavesTheSourceAlone() {
        Tensor x = numbered(DType.FLOAT32, 4, 2);
        Tensor v = x.rowsView(1, 3);
        v.floatData()[0] = -1f;
        assertEquals(2f, x.get(1, 0));
        assertEquals(-1f, v.get(0, 0));
    }

    @Test
    void emptyAndWholeRanges() {
        Tensor x = numbered(DType.FLOAT64, 5, 3);
        assertArrayEquals(new int[] {0, 3}, x.rowsView(2, 2).shape());
        assertEquals(0, x.rowsView(5, 5).doubleData().length);
        assertTrue(x.rowsView(0, 5).allClose(x, 0, 0));
    }

    @Test
    void rejectsRowsOutsideTheTensorWithTheShape() {
        Tensor x = numbered(DType.FLOAT32, 5, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.rowsView(2, 6));
        assertTrue(e.getMessage().contains("(5, 3)") && e.getMessage().contains("<= 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.rowsView(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> x.rowsView(3, 2));
        assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1.0).rowsView(0, 0));
    }

    @Test
    void aTensorThatRecordsGradientsIsSlicedWithItsGradient() {
        Tensor x = numbered(DType.FLOAT32, 6, 2).requiresGrad(true);
        Tensor v = x.rowsView(1, 4);
        assertNotNull(v.gradFn());
        assertEquals(0, v.storageOffset());
        v.sum().backward();
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0}, x.grad().floatData());
    }

    @Test
    void theSwitchMakesCopies() {
        Tensor x = numbered(DType.FLOAT32, 6, 2);
        Tensor.rowViews = false;
        try {
            Tensor v = x.rowsView(2, 4);
            assertEquals(0, v.storageOffset());
            assertTrue(v.floatStorage() != x.floatData());
            assertTrue(v.allClose(x.slice(0, 2, 4), 0, 0));
        } finally {
            Tensor.rowViews = true;
        }
    }

    @Test
    void threadsReadingOneViewSeeTheSameValues() throws Exception {
        Tensor x = numbered(DType.FLOAT32, 2000, 50);
        float[] expected = x.slice(0, 500, 1500).floatData();
        for (int round = 0; round < 20; round++) {
            Tensor v = x.rowsView(500, 1500);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[]>> copies = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    copies.add(pool.submit(v::floatData));
                }
                for (Future<float[]> c : copies) {
                    assertArrayEquals(expected, c.get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
