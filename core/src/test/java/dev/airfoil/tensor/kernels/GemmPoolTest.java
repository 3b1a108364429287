package dev.airfoil.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool's hand-off of jobs to a worker. */
class GemmPoolTest {
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

    @Test
    void aWorkerYieldsAfterItsSpinOnlyWhileHalfItsRecentJobsCameSoon() {
        int history = 0;
        assertFalse(GemmPool.Worker.yields(history), "a new worker parks after its spin");
        for (int i = 0; i < 3; i++) {
            history = GemmPool.Worker.remember(history, true);
        }
        assertFalse(GemmPool.Worker.yields(history), "three short idle periods are not enough");
        history = GemmPool.Worker.remember(history, true);
        assertTrue(GemmPool.Worker.yields(history));
        for (int i = 0; i < 4; i++) {
            history = GemmPool.Worker.remember(history, false);
        }
        assertTrue(GemmPool.Worker.yields(history), "four of the last eight were short");
        history = GemmPool.Worker.remember(history, false);
        assertFalse(GemmPool.Worker.yields(history), "the oldest short period is forgotten after eight more");
        for (int i = 0; i < 100; i++) {
            history = GemmPool.Worker.remember(history, i % 2 == 0);
        }
        assertTrue(GemmPool.Worker.yields(history), "every other job soon: half of them");
    }
}
