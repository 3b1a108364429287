package dev.airfoil.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs a child JVM without {@code --add-modules jdk.incubator.vector}: the library must fall back to pure Java. */
class WithoutVectorModuleTest {

    @Test
    void fallsBackToPureJavaKernels() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        assertEquals("java ok", out);
    }

    /** The child JVM's entry point: prints the fast kernels' name and whether they match the reference. */
    public static final class Main {
        public static void main(String[] args) {
            if (FastKernels.vectorModulePresent()) {
                System.out.println("module unexpectedly present");
                System.exit(2);
            }
            int m = 37;
            int n = 41;
            int k = 300;
            java.util.Random rnd = new java.util.Random(5);
            float[] a = new float[m * k];
            float[] b = new float[k * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextFloat() - 0.5f;
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextFloat() - 0.5f;
            }
            float[] c = new float[m * n];
            float[] r = new float[m * n];
            Kernels.fast().sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, c, 0, n);
            Kernels.reference().sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, r, 0, n);
            for (int i = 0; i < c.length; i++) {
                if (Math.abs(c[i] - r[i]) > 1e-3f) {
                    System.out.println("mismatch at " + i + ": " + c[i] + " vs " + r[i]);
                    System.exit(1);
                }
            }
            System.out.println(Kernels.fast().name() + " ok");
        }
    }
}
