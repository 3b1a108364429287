package dev.airfoil.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool's hand-offs: paired bodies, the side-by-side rule, and offering jobs to a worker. */
class ParallelTest {
    @Test
    void bothRunsEachBodyOnceAndReturnsWhenBothHaveFinished() {
        for (long work : new long[] {1, Parallel.PAIR_MIN_WORK, 1L << 20, Long.MAX_VALUE}) {
            AtomicInteger first = new AtomicInteger();
            AtomicInteger second = new AtomicInteger();
            Parallel.both(work, () -> sleepThen(first), () -> sleepThen(second));
            assertEquals(1, first.get(), "work " + work);
            assertEquals(1, second.get(), "work " + work);
        }
    }

    @Test
    void bothRethrowsAFailureOfEitherBody() {
        for (int failing = 0; failing < 2; failing++) {
            IllegalStateException boom = new IllegalStateException("boom");
            Runnable fails = () -> {
                throw boom;
            };
            Runnable fine = () -> { };
            Runnable a = failing == 0 ? fails : fine;
            Runnable b = failing == 0 ? fine : fails;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.both(1L << 20, a, b));
            assertSame(boom, e);
        }
    }

    @Test
    void onlyPairsWorthAHandOffAndSmallEnoughRunSideBySide() {
        assertFalse(Parallel.sideBySide(Parallel.PAIR_MIN_WORK - 1));
        assertFalse(Parallel.sideBySide(2L * GemmPool.THREADS * GemmPool.MIN_WORK + 1));
        assertEquals(GemmPool.THREADS > 1, Parallel.sideBySide(Parallel.PAIR_MIN_WORK));
        assertEquals(GemmPool.THREADS > 1, Parallel.sideBySide(1L << 20));
        // inside a parallel loop every thread is busy already: nested pairs run one after the other
        boolean[] nested = new boolean[2];
        Parallel.forEach(2, t -> nested[t] = Parallel.sideBySide(1L << 20));
        assertFalse(nested[0] || nested[1]);
    }

    @Test
    void aWorkerIsOfferedANewJobOnceEveryTaskOfTheWaitingOneIsTaken() {
        GemmPool.Worker worker = new GemmPool.Worker(); // never started: offers only fill its slot
        AtomicInteger ran = new AtomicInteger();
        GemmPool.Job first = new GemmPool.Job(3, t -> ran.incrementAndGet());
        GemmPool.Job second = new GemmPool.Job(2, t -> ran.incrementAndGet());
        assertTrue(worker.offer(first));
        assertFalse(worker.offer(second), "the waiting job still has tasks for this worker");
        assertSame(first, worker.pending.get());
        first.work(); // its caller ran every task while the worker was asleep
        assertTrue(first.allTaken());
        assertTrue(worker.offer(second), "a job with nothing left to take must not block the next one");
        assertSame(second, worker.pending.get());
        assertEquals(3, ran.get());
    }

    private static void sleepThen(AtomicInteger counter) {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        counter.incrementAndGet();
    }
}
