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
}
