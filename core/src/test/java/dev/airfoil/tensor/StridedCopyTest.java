package dev.airfoil.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The strided copy behind slice, permute and broadcast (which merges axes the source stores
 * contiguously into longer runs), element by element against {@link Tensor#get}.
 */
class StridedCopyTest {

    private static Tensor numbered(DType dtype, int... shape) {
        return Tensor.arange(dtype, 0, Shape.size(shape), 1).reshape(shape);
    }

    private static void sameAsIndexing(Tensor whole, Tensor part, int axis, int start, int step) {
        int[] shape = part.shape();
        int[] idx = new int[shape.length];
        for (int flat = 0; flat < part.size(); flat++) {
            int rest = flat;
            for (int d = shape.length - 1; d >= 0; d--) {
                idx[d] = rest % shape[d];
                rest /= shape[d];
            }
            int[] src = idx.clone();
            src[axis] = start + idx[axis] * step;
            assertEquals(whole.get(src), part.get(idx), "at flat " + flat);
        }
    }

    @Test
    void slicesOfImagesWithATrailingUnitAxis() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor x = numbered(dtype, 7, 5, 4, 1);
            sameAsIndexing(x, x.slice(0, 2, 6), 0, 2, 1);          // one contiguous run
            sameAsIndexing(x, x.slice(0, 1, 7, 2), 0, 1, 2);       // every other sample
            sameAsIndexing(x, x.slice(1, 1, 4), 1, 1, 1);          // a middle axis: runs of 4 per sample
            sameAsIndexing(x, x.slice(2, 0, 4, 3), 2, 0, 3);       // strided inner axis
            sameAsIndexing(x, x.slice(3, 0, 1), 3, 0, 1);          // the unit axis itself
        }
    }

    @Test
    void permuteAndBroadcastStillCopyElementwise() {
        Tensor x = numbered(DType.FLOAT32, 2, 3, 4);
        Tensor p = x.permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, p.shape());
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(x.get(b, c, a), p.get(a, b, c));
                }
            }
        }
        Tensor row = numbered(DType.FLOAT32, 1, 1, 3);
        Tensor bc = row.broadcastTo(2, 4, 3);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(k, bc.get(i, j, k));
                }
            }
        }
        Tensor one = numbered(DType.FLOAT64, 1, 1);
        assertEquals(0.0, one.broadcastTo(3, 5).get(2, 4));
    }
}
