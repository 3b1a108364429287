package dev.airfoil.tensor.kernels;

/**
 * Work on rows of a product's {@code C} once they hold their final values (see
 * {@link Kernels#sgemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float, float[], int, int, RowEpilogue)}),
 * such as a Dense layer's bias and activation: a product split by rows across threads runs it on the
 * thread that computed the rows, while they are still in that core's cache, and both threads share
 * it. Every row is passed exactly once; blocks may be passed on several threads at the same time, in
 * any order, so the work on one row must not depend on another row.
 */
@FunctionalInterface
public interface RowEpilogue {
    /** Rows {@code [i0, i1)} of C are final. */
    void rows(int i0, int i1);

    /**
     * The work per row, in multiply-adds of the product's kind (an exponential counts as hundreds), that
     * the product adds to its own when it decides whether to wake a second thread. By default 0.
     */
    default long rowCost() {
        return 0;
    }

    /** Hands rows {@code [0, m)} to {@code epilogue} in one block, if there is an epilogue and a row. */
    static void allRows(RowEpilogue epilogue, int m) {
        if (epilogue != null && m > 0) {
            epilogue.rows(0, m);
        }
    }
}
