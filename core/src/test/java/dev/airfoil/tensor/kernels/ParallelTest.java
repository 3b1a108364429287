package dev.airfoil.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link Parallel#both}: two products side by side only when neither splits itself and both are worth a
 * hand-off; loops started inside a pool's task run inline.
 */
class ParallelTest {
    @Test
    void twoProductsUnderMinWorkRunSideBySide() throws Exception {
        Assumptions.assumeTrue(GemmPool.THREADS > 1, "needs a second kernel thread");
        CountDownLatch secondStarted = new CountDownLatch(1);
        boolean[] overlapped = new boolean[1];
        Thread caller = Thread.currentThread();
        Thread[] ranOn = new Thread[2];
        // the first waits for the second to start: only two threads at once get past it
        Parallel.both(GemmPool.MIN_WORK / 2, () -> {
            ranOn[0] = Thread.currentThread();
            try {
                overlapped[0] = secondStarted.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, () -> {
            ranOn[1] = Thread.currentThread();
            secondStarted.countDown();
        });
        assertTrue(overlapped[0], "the second product started while the first ran");
        assertTrue(ranOn[0] != ranOn[1]);
        assertTrue(ranOn[0] == caller || ranOn[1] == caller, "the caller takes one of them");
    }

    @Test
    void largeOrTinyProductsRunOneAfterTheOtherOnTheCaller() {
        for (long work : new long[] {GemmPool.MIN_WORK, 4 * GemmPool.MIN_WORK, GemmPool.MIN_WORK / 8 - 1, 1}) {
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            Thread caller = Thread.currentThread();
            Parallel.both(work, () -> {
                assertSame(caller, Thread.currentThread());
                order.add("first");
            }, () -> {
                assertSame(caller, Thread.currentThread());
                order.add("second");
            });
            assertEquals(List.of("first", "second"), order, "work " + work);
        }
    }

    @Test
    void aFailureInEitherReachesTheCaller() {
        for (int failing = 0; failing < 2; failing++) {
            int f = failing;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.both(GemmPool.MIN_WORK / 2,
                    () -> {
                        if (f == 0) {
                            throw new IllegalArgumentException("first");
                        }
                    }, () -> {
                        if (f == 1) {
                            throw new IllegalArgumentException("second");
                        }
                    }));
            assertEquals(f == 0 ? "first" : "second", e.getMessage());
        }
    }

    /**
     * A loop started by a task of the kernels' pool (a GEMM's row epilogue applying an activation) runs
     * inline on that task's thread, the caller's tasks included, and the caller is outside a loop again
     * once the pool's call returns.
     */
    @Test
    void aLoopStartedInsideAPoolTaskRunsInline() {
        Thread caller = Thread.currentThread();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        int[] callerTasks = new int[1];
        // a worker's task waits for one of the caller's, so that the caller runs some whatever the timing
        CountDownLatch callerRan = new CountDownLatch(1);
        GemmPool.forTasks(16, 2, t -> {
            Thread own = Thread.currentThread();
            if (own == caller) {
                callerTasks[0]++;
                callerRan.countDown();
                if (!Parallel.insideLoop()) {
                    wrong.add("task " + t + " on the caller is not inside a loop");
                }
            } else {
                try {
                    callerRan.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Parallel.forEach(4, i -> {
                if (Thread.currentThread() != own) {
                    wrong.add("task " + t + "'s loop ran on another thread");
                }
            });
        });
        assertEquals(List.of(), wrong);
        assertTrue(callerTasks[0] > 0, "the caller ran none of the tasks");
        assertTrue(!Parallel.insideLoop(), "the caller is still marked inside a loop");
    }
}
