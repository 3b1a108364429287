package dev.airfoil.cli.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmarks' test for a quiet JIT, on made-up samples of accumulated compilation time. */
class WarmUpTest {
    private static final long MS = 1_000_000L;

    @Test
    void quietOnlyAfterASecondOfLittleCompilation() {
        WarmUp.Quiet q = new WarmUp.Quiet();
        long compiled = 0;
        long t = 0;
        // busy: 300 ms of compilation per second, sampled every 100 ms
        for (int i = 0; i < 30; i++, t += 100 * MS, compiled += 30) {
            assertFalse(q.record(t, compiled), "busy at " + t / MS + " ms");
        }
        // quiet from here on (10 ms per second), but the last second still holds busy samples at first
        for (int i = 0; i < 9; i++) {
            t += 100 * MS;
            compiled += 1;
            assertFalse(q.record(t, compiled), "a busy sample within the last second at " + t / MS + " ms");
        }
        t += 100 * MS;
        compiled += 1;
        q.record(t, compiled);
        t += 100 * MS;
        compiled += 1;
        assertTrue(q.record(t, compiled), "a full second at 10 ms per second");
        // one burst of 50 ms makes it busy again for a second
        t += 100 * MS;
        compiled += 50;
        assertFalse(q.record(t, compiled));
    }

    @Test
    void notQuietBeforeTheSamplesSpanASecond() {
        WarmUp.Quiet q = new WarmUp.Quiet();
        for (int i = 0; i < 10; i++) {
            assertFalse(q.record(i * 99 * MS, 0), "only " + i * 99 + " ms of samples");
        }
        assertTrue(q.record(1000 * MS, 0));
    }

    @Test
    void manySamplesGrowTheHistory() {
        WarmUp.Quiet q = new WarmUp.Quiet();
        boolean quiet = false;
        for (int i = 0; i < 5000; i++) {
            quiet = q.record(i * MS, i / 100); // 10 ms of compilation per second
        }
        assertTrue(quiet);
    }
}
