package dev.airfoil.tensor;

/** Package-private: iterates the rows (last axis) of a broadcast result with operand offsets. */
final class Broadcast {
    private Broadcast() {
    }

    /** Receives one output row: operand offsets and steps (0 or 1) along the last axis. */
    @FunctionalInterface
    interface RowFn {
        void row(int aOff, int aStep, int bOff, int bStep, int outOff, int n);
    }

    /** Strides of {@code shape} aligned right against {@code outShape}, 0 where the operand is broadcast. */
    static int[] stridesFor(int[] shape, int[] outShape) {
        int[] s = Shape.strides(shape);
        int[] r = new int[outShape.length];
        int shift = outShape.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            r[i + shift] = shape[i] == 1 && outShape[i + shift] != 1 ? 0 : s[i];
        }
        return r;
    }

    /** Calls {@code fn} for every row of the output of shape {@code outShape}. */
    static void rows(int[] aShape, int[] bShape, int[] outShape, RowFn fn) {
        int total = Shape.size(outShape);
        if (total == 0) {
            return;
        }
        int rank = outShape.length;
        if (rank == 0) {
            fn.row(0, 0, 0, 0, 0, 1);
            return;
        }
        int[] as = stridesFor(aShape, outShape);
        int[] bs = stridesFor(bShape, outShape);
        // fast path: both operands cover the whole output contiguously or are scalars
        boolean aFull = java.util.Arrays.equals(aShape, outShape);
        boolean bFull = java.util.Arrays.equals(bShape, outShape);
        int aSize = Shape.size(aShape);
        int bSize = Shape.size(bShape);
        if ((aFull || aSize == 1) && (bFull || bSize == 1)) {
            fn.row(0, aFull ? 1 : 0, 0, bFull ? 1 : 0, 0, total);
            return;
        }
        int n = outShape[rank - 1];
        int aStep = as[rank - 1];
        int bStep = bs[rank - 1];
        int rows = total / n;
        int[] counter = new int[rank - 1];
        int aOff = 0;
        int bOff = 0;
        for (int r = 0; r < rows; r++) {
            fn.row(aOff, aStep, bOff, bStep, r * n, n);
            for (int d = rank - 2; d >= 0; d--) {
                counter[d]++;
                aOff += as[d];
                bOff += bs[d];
                if (counter[d] < outShape[d]) {
                    break;
                }
                aOff -= as[d] * outShape[d];
                bOff -= bs[d] * outShape[d];
                counter[d] = 0;
            }
        }
    }
}
