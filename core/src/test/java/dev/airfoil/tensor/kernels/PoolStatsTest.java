package dev.airfoil.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pool's per call site diagnostics. */
class PoolStatsTest {
    @Test
    void offUnlessAsked() {
        assertNull(PoolStats.fromProperty(null));
        assertNull(PoolStats.fromProperty(""));
        assertNull(PoolStats.fromProperty("false"));
    }

    @Test
    void summarisesJobsPerWorkerStateAndCallSite() {
        PoolStats s = new PoolStats(1);
        s.record(() -> "Left.out:1", true, 8, 0, 0, 0, 10_000, 20_000); // the first job is left out
        // the worker joined after 20 µs and ran 3 of 8 tasks; the caller waited 5 µs at the end
        s.record(() -> "Dense.forward:75", false, 8, 3, 1_000_000, 1_020_000, 1_095_000, 1_100_000);
        s.record(() -> "Dense.forward:75", false, 8, 5, 2_000_000, 2_040_000, 2_085_000, 2_100_000);
        // parked: the worker never joined; "join" is then the whole job
        s.record(() -> "Dense.forward:75", true, 8, 0, 3_000_000, 0, 3_300_000, 3_300_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines[0].contains("4 jobs (1 left out)"), lines[0]);
        assertEquals(4, lines.length, String.join("\n", lines));
        assertEquals("parked Dense.forward:75 1 300.0 0.00 300.0 0.0 1", lines[2].trim().replaceAll(" +", " "));
        assertEquals("spinning Dense.forward:75 2 30.0 0.50 100.0 10.0 0", lines[3].trim().replaceAll(" +", " "));
    }

    @Test
    void theCallSiteIsTheFirstFrameOutsideThePackage() {
        // this test and the pool share the package: both are passed over, here down to JUnit's reflection
        String[] seen = {PoolStats.callSite(), null};
        Parallel.forEach(1, t -> seen[1] = PoolStats.callSite());
        for (String site : seen) {
            for (String inside : new String[] {"PoolStats", "Parallel", "GemmPool"}) {
                assertTrue(!site.startsWith(inside), site);
            }
            assertTrue(site.matches("\\w+\\.[\\w$]+:-?\\d+"), site);
        }
    }
}
