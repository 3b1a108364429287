package dev.airfoil.evaluation;

import dev.airfoil.utils.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs independent, seeded tasks (folds, bootstrap rounds, ensemble members) on a few threads.
 * Task {@code i} first restarts its thread's {@link Seeds} sequence at
 * {@code SeedStreams.derive(seed, i)}, so weights, dropout and shuffles inside it are the same
 * whichever thread runs it: one thread and many give identical results.
 */
public final class Parallel {
    private Parallel() {
    }

    /** The default parallelism: the number of available processors. */
    public static int defaultParallelism() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code task(0..count-1)} and returns the results in index order. Tasks always run on worker
     * threads, so the caller's own seed sequence is left untouched.
     *
     * @param count       number of tasks
     * @param parallelism threads to use (1 for a serial run)
     * @param seed        base seed of the tasks
     * @param task        the task
     * @param <T>         result type
     * @return the results
     */
    public static <T> List<T> map(int count, int parallelism, long seed, IntFunction<T> task) {
        if (count == 0) {
            return List.of();
        }
        int threads = Math.max(1, Math.min(parallelism, count));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "airfoil-evaluation");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                final int index = i;
                futures.add(pool.submit(() -> {
                    Seeds.setGlobalSeed(SeedStreams.derive(seed, index));
                    return task.apply(index);
                }));
            }
            List<T> out = new ArrayList<>(count);
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running parallel tasks", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs a task on a worker thread, so the seed sequence it restarts (a boosting round's
     * {@code Seeds.setGlobalSeed}) never leaks into the caller's thread.
     *
     * @param task the task
     */
    public static void isolated(Runnable task) {
        map(1, 1, 0, i -> {
            task.run();
            return null;
        });
    }
}
