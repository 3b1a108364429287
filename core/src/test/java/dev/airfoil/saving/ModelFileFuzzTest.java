package dev.airfoil.saving;

import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.optimizers.Adam;
import dev.airfoil.training.CompileOptions;
import dev.airfoil.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutates valid model files thousands of times — truncations, bit flips, byte runs, oversized
 * safetensors headers, edited JSON numbers and names, hostile zip entries — and loads each one.
 * Every outcome must be a successful load or an {@link InvalidModelFileException}: never another
 * exception, an {@link OutOfMemoryError}, a {@link NegativeArraySizeException} or a hang.
 */
class ModelFileFuzzTest {
    private static final int ITERATIONS = 3000;
    private static final long BUDGET_NANOS = 15_000_000_000L;

    @TempDir
    Path dir;

    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final SplittableRandom rng = new SplittableRandom(20261129);
    private int counter;
    private final long[] kindMillis = new long[7];

    private static Map<String, byte[]> baseEntries() {
        Model m = ModelArchiveTest.functional();
        m.compile(CompileOptions.builder().optimizer(new Adam(0.01)).loss("mse").metrics("mae").build());
        m.fit(ModelArchiveTest.X, ModelArchiveTest.Y, FitOptions.builder().epochs(1).batchSize(16).verbose(0).seed(2).build());
        return ModelArchive.entries(m, true);
    }

    /** Loads one candidate file; records the outcome or fails the test with the offending mutation. */
    private void load(byte[] file, String mutation, boolean weightsOnly, Model target) {
        Path p = dir.resolve("f" + (counter++) + (weightsOnly ? ".weights.safetensors" : ".airfoil"));
        try {
            Files.write(p, file);
            if (weightsOnly) {
                target.loadWeights(p);
            } else {
                Models.load(p);
            }
            outcomes.merge("loaded", 1, Integer::sum);
        } catch (InvalidModelFileException e) {
            assertTrue(e.getMessage() != null && e.getMessage().startsWith("Invalid model file"), e.getMessage());
            outcomes.merge("rejected: " + (e.field() == null ? "-" : e.field().replaceAll(".*\\.", "*.")), 1, Integer::sum);
        } catch (Throwable t) {
            fail("mutation '" + mutation + "' escaped as " + t, t);
        } finally {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // temp dir cleanup catches it
            }
        }
    }

    private byte[] mutateBytes(byte[] in, String[] how) {
        byte[] b = in.clone();
        switch (rng.nextInt(5)) {
            case 0: {
                int len = rng.nextInt(b.length + 1);
                how[0] = "truncate to " + len;
                return Arrays.copyOf(b, len);
            }
            case 1: {
                int flips = 1 + rng.nextInt(8);
                how[0] = flips + " bit flips";
                for (int i = 0; i < flips; i++) {
                    int at = rng.nextInt(b.length);
                    b[at] ^= (byte) (1 << rng.nextInt(8));
                }
                return b;
            }
            case 2: {
                int at = rng.nextInt(b.length);
                int n = Math.min(b.length - at, 1 + rng.nextInt(16));
                byte v = (byte) rng.nextInt(256);
                how[0] = "run of " + n + " bytes " + v + " at " + at;
                Arrays.fill(b, at, at + n, v);
                return b;
            }
            case 3: {
                int at = rng.nextInt(b.length);
                int n = 1 + rng.nextInt(16);
                how[0] = "insert " + n + " bytes at " + at;
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, at);
                for (int i = 0; i < n; i++) {
                    out[at + i] = (byte) rng.nextInt(256);
                }
                System.arraycopy(b, at, out, at + n, b.length - at);
                return out;
            }
            default: {
                int at = rng.nextInt(b.length);
                int n = Math.min(b.length - at, 1 + rng.nextInt(16));
                how[0] = "delete " + n + " bytes at " + at;
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                return out;
            }
        }
    }

    /** 4 MiB of zeros: deflates about 1000:1. */
    private static final byte[] BOMB = new byte[4 << 20];

    private static final long[] NASTY = {0, 1, -1, 7, 8, 255, 65_535, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
        Integer.MIN_VALUE, 4_294_967_296L, Long.MAX_VALUE, Long.MIN_VALUE, 100_000_001L, 1L << 40};

    /** Replaces a random number in JSON text by a hostile one. */
    private byte[] mutateJsonNumber(byte[] json, String[] how) {
        String s = new String(json, StandardCharsets.UTF_8);
        List<int[]> numbers = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i)) && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))
                    && (i == 0 || s.charAt(i - 1) != '_')) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                numbers.add(new int[] {i, j});
                i = j;
            }
        }
        if (numbers.isEmpty()) {
            how[0] = "no number";
            return json;
        }
        int[] at = numbers.get(rng.nextInt(numbers.size()));
        String v = rng.nextInt(4) == 0 ? "1e999" : Long.toString(NASTY[rng.nextInt(NASTY.length)]);
        how[0] = "number '" + s.substring(at[0], at[1]) + "' -> " + v;
        return (s.substring(0, at[0]) + v + s.substring(at[1])).getBytes(StandardCharsets.UTF_8);
    }

    private static final String[] WORDS = {"\"Dense\"", "\"F32\"", "\"F64\"", "\"relu\"", "\"Adam\"", "\"mse\"",
        "\"Sequential\"", "\"Functional\"", "null", "[]", "{}", "\"../../etc/passwd\"", "\"java.lang.Runtime\"",
        "true", "\"I64\"", "\"BOOL\"", "[[[[[[[[]]]]]]]]"};

    /** Replaces a random quoted string or literal in JSON text by another token. */
    private byte[] mutateJsonToken(byte[] json, String[] how) {
        String s = new String(json, StandardCharsets.UTF_8);
        List<int[]> tokens = new ArrayList<>();
        for (int i = s.indexOf('"'); i >= 0 && i < s.length(); ) {
            int j = s.indexOf('"', i + 1);
            if (j < 0) {
                break;
            }
            tokens.add(new int[] {i, j + 1});
            i = s.indexOf('"', j + 1);
        }
        if (tokens.isEmpty()) {
            how[0] = "no token";
            return json;
        }
        int[] at = tokens.get(rng.nextInt(tokens.size()));
        String w = WORDS[rng.nextInt(WORDS.length)];
        how[0] = "token " + s.substring(at[0], at[1]) + " -> " + w;
        return (s.substring(0, at[0]) + w + s.substring(at[1])).getBytes(StandardCharsets.UTF_8);
    }

    /** Sets the safetensors header length to a hostile value. */
    private byte[] mutateHeaderLength(byte[] st, String[] how) {
        byte[] b = st.clone();
        long v = rng.nextBoolean() ? NASTY[rng.nextInt(NASTY.length)]
                : ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() + rng.nextInt(-16, 17);
        how[0] = "header length -> " + Long.toUnsignedString(v);
        ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
        return b;
    }

    /** Edits a safetensors header's JSON (keeping the length field consistent). */
    private byte[] mutateHeaderJson(byte[] st, String[] how) {
        long n = ByteBuffer.wrap(st, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] header = Arrays.copyOfRange(st, 8, 8 + (int) n);
        byte[] data = Arrays.copyOfRange(st, 8 + (int) n, st.length);
        byte[] edited = rng.nextBoolean() ? mutateJsonNumber(header, how) : mutateJsonToken(header, how);
        ByteBuffer bb = ByteBuffer.allocate(8 + edited.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(edited.length).put(edited).put(data);
        return bb.array();
    }

    private Map<String, byte[]> hostileEntries(Map<String, byte[]> base, String[] how) {
        Map<String, byte[]> e = new LinkedHashMap<>(base);
        switch (rng.nextInt(5)) {
            case 0: {
                String[] names = {"../x", "/abs", "a\\b", "C:x", "dir/", "evil.class", "config.json/", ""};
                String name = names[rng.nextInt(names.length)];
                how[0] = "extra entry '" + name + "'";
                if (!name.isEmpty()) {
                    e.put(name, new byte[] {1, 2, 3});
                }
                return e;
            }
            case 1: {
                String drop = new ArrayList<>(e.keySet()).get(rng.nextInt(e.size()));
                how[0] = "drop " + drop;
                e.remove(drop);
                return e;
            }
            case 2: {
                how[0] = "70 entries";
                for (int i = 0; i < 70; i++) {
                    e.put("pad" + i, new byte[0]);
                }
                return e;
            }
            case 3: {
                String swapA = new ArrayList<>(e.keySet()).get(rng.nextInt(e.size()));
                String swapB = new ArrayList<>(e.keySet()).get(rng.nextInt(e.size()));
                how[0] = "swap " + swapA + " and " + swapB;
                byte[] t = e.get(swapA);
                e.put(swapA, e.get(swapB));
                e.put(swapB, t);
                return e;
            }
            default: {
                how[0] = "bomb in config.json";
                e.put(ModelArchive.CONFIG, BOMB);
                return e;
            }
        }
    }

    @Test
    @Timeout(120)
    void mutatedFilesLoadOrFailCleanly() throws IOException {
        Map<String, byte[]> base = baseEntries();
        byte[] archive = ZipCrafting.archive(base);
        byte[] weights = base.get(ModelArchive.WEIGHTS);
        Model target = ModelArchiveTest.functional();
        Map<String, byte[]> bombEntries = new LinkedHashMap<>(base);
        bombEntries.put(ModelArchive.CONFIG, BOMB);
        byte[] bomb = ZipCrafting.zip(bombEntries, false);
        List<String> names = new ArrayList<>(base.keySet());
        long start = System.nanoTime();
        int done = 0;
        String[] how = {""};
        for (; done < ITERATIONS && System.nanoTime() - start < BUDGET_NANOS; done++) {
            int kind = rng.nextInt(7);
            long t0 = System.nanoTime();
            switch (kind) {
                case 0 -> load(mutateBytes(archive, how), "archive bytes: " + how[0], false, null);
                case 1 -> {
                    // a mutated entry inside a well-formed archive (valid CRC): reaches the content checks
                    String entry = names.get(rng.nextInt(names.size()));
                    Map<String, byte[]> e = new LinkedHashMap<>(base);
                    e.put(entry, mutateBytes(base.get(entry), how));
                    load(ZipCrafting.zip(e, true), entry + ": " + how[0], false, null);
                }
                case 2 -> {
                    String entry = names.get(rng.nextInt(names.size()));
                    Map<String, byte[]> e = new LinkedHashMap<>(base);
                    byte[] content = base.get(entry);
                    boolean st = entry.endsWith(".safetensors");
                    e.put(entry, st ? mutateHeaderJson(content, how)
                            : rng.nextBoolean() ? mutateJsonNumber(content, how) : mutateJsonToken(content, how));
                    load(ZipCrafting.zip(e, true), entry + ": " + how[0], false, null);
                }
                case 3 -> {
                    String entry = rng.nextBoolean() ? ModelArchive.WEIGHTS : ModelArchive.OPTIMIZER;
                    Map<String, byte[]> e = new LinkedHashMap<>(base);
                    e.put(entry, mutateHeaderLength(base.get(entry), how));
                    load(ZipCrafting.zip(e, true), entry + ": " + how[0], false, null);
                }
                case 4 -> {
                    Map<String, byte[]> e = hostileEntries(base, how);
                    byte[] zip = e.get(ModelArchive.CONFIG) == BOMB ? bomb : ZipCrafting.zip(e, rng.nextBoolean());
                    load(zip, "zip: " + how[0], false, null);
                }
                case 5 -> {
                    byte[] w = switch (rng.nextInt(3)) {
                        case 0 -> mutateBytes(weights, how);
                        case 1 -> mutateHeaderJson(weights, how);
                        default -> mutateHeaderLength(weights, how);
                    };
                    load(w, "weights file: " + how[0], true, target);
                }
                default -> {
                    // stacked mutations
                    String entry = names.get(rng.nextInt(names.size()));
                    Map<String, byte[]> e = new LinkedHashMap<>(base);
                    byte[] c = base.get(entry);
                    String acc = "";
                    for (int i = 0; i < 3; i++) {
                        c = entry.endsWith(".safetensors") ? mutateHeaderJson(c, how) : mutateJsonToken(c, how);
                        acc += how[0] + "; ";
                    }
                    byte[] zip = ZipCrafting.zip(withEntry(e, entry, c), true);
                    load(mutateBytes(zip, how), entry + ": " + acc + how[0], false, null);
                }
            }
            long dt = (System.nanoTime() - t0) / 1_000_000;
            kindMillis[kind] += dt;
            if (dt > 2000) {
                System.out.println("slow mutation (" + dt + " ms): kind " + kind + " " + how[0]);
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        int rejected = outcomes.entrySet().stream().filter(x -> x.getKey().startsWith("rejected"))
                .mapToInt(Map.Entry::getValue).sum();
        System.out.println("fuzz: " + done + " mutated files in " + ms + " ms: " + outcomes.getOrDefault("loaded", 0)
                + " loaded, " + rejected + " rejected with InvalidModelFileException, 0 other outcomes; by field: "
                + outcomes + "; ms by kind " + Arrays.toString(kindMillis));
        assertTrue(done >= 1000, "ran only " + done + " mutations in the time budget");
        assertTrue(rejected > done / 2, "most mutations must be rejected: " + outcomes);
    }

    private static Map<String, byte[]> withEntry(Map<String, byte[]> e, String entry, byte[] content) {
        Map<String, byte[]> m = new LinkedHashMap<>(e);
        m.put(entry, content);
        return m;
    }
}
