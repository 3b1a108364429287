package dev.airfoil.saving;

import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Sequential;
import dev.airfoil.utils.AtomicFiles;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A writer for the crash tests of {@link AtomicFilesTest}: rewrites one file over and over until it
 * is killed. Arguments: target, mode ({@code slow}: versions 1, 2, ... of 1 MiB filled with the
 * version number, written in small chunks with pauses; {@code model}: saves a model as fast as
 * possible).
 */
public final class AtomicWriteMain {
    private AtomicWriteMain() {
    }

    /**
     * Runs until killed.
     *
     * @param args target file, mode
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        if (args[1].equals("slow")) {
            for (int version = 1; ; version++) {
                byte[] chunk = new byte[16 * 1024];
                Arrays.fill(chunk, (byte) version);
                System.out.println("writing " + version);
                AtomicFiles.write(target, out -> {
                    for (int i = 0; i < 64; i++) {
                        out.write(chunk);
                        out.flush();
                        try {
                            Thread.sleep(2);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
            }
        }
        Sequential m = new Sequential(List.of(new Dense(64, "relu", "a"), new Dense(64, null, "b")), "crashy");
        m.build(new int[] {-1, 256});
        m.compile("adam", "mse");
        for (int i = 0; ; i++) {
            m.save(target);
            if (i == 0) {
                System.out.println("saved");
            }
        }
    }
}
