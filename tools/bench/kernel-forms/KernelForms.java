import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Benchmark tool (not part of the library): loop forms of the 6x16 GEMM micro-kernel side by side, one thread,
 * operands in L1/L2 (a strip of A and a panel of B of kc steps, kc 392 as in the MLP's first layer), taking turns
 * for ROUNDS rounds in one JVM. Same 12 FMAs per step in every form; they
 * differ in the instructions C2 adds around them (see each form; count them with
 * {@code -XX:CompileCommand=print,KernelForms::*} and tools/bench/jit_loop_survey.py). Prints each form's
 * GFLOP/s per round, then its median speed relative to the first form named ("grouped", the library's form, by
 * default) over the rounds in which that form ran slow (below 75 % of its best round: the VM's core shared, nineteenth round in
 * docs/performance-log.md; tools/bench/ceiling/FmaCeiling.java tells such periods by its register-only loop, which they leave
 * alone) and over the others.
 *
 * <pre>java --add-modules jdk.incubator.vector tools/bench/kernel-forms/KernelForms.java [ROUNDS] [FORM,...]</pre>
 */
public final class KernelForms {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = 8;
    private static final int KC = 392;
    /** Steps of {@link #preBroadcast}'s panel: 49 steps of 12 x 8 floats (18.8 KB, L1), run 8 times = KC steps. */
    private static final int PB_STEPS = KC / 8;
    /** {@link #preBroadcast}'s B panel: each of 12 columns' value repeated in 8 lanes, step after step. */
    private static final float[] BB = new float[PB_STEPS * 96];
    /** Never written: {@link #fenced} reads it between steps to order C2's loads. */
    private static volatile int fence;

    private KernelForms() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        String[] forms = (args.length > 1 ? args[1] : "grouped,groupedConstant,stepMajor,stepMajorGroups,indexed,fenced").split(",");
        float[] ap = new float[KC * 6];
        float[] bp = new float[KC * 16];
        float[] tile = new float[96];
        Random random = new Random(1);
        for (int i = 0; i < ap.length; i++) {
            ap[i] = random.nextFloat();
        }
        for (int i = 0; i < bp.length; i++) {
            bp[i] = random.nextFloat();
        }
        for (int i = 0; i < BB.length; i++) {
            BB[i] = random.nextFloat();
        }
        for (int w = 0; w < 20_000; w++) {
            for (String f : forms) {
                run(f, KC, ap, bp, tile);
            }
        }
        int reps = 3000;
        double flops = reps * 2.0 * 6 * 16 * KC;
        List<double[]> table = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double[] g = new double[forms.length];
            for (int f = 0; f < forms.length; f++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    run(forms[f], KC, ap, bp, tile);
                }
                g[f] = flops / (System.nanoTime() - t0);
            }
            table.add(g);
        }
        double best = table.stream().mapToDouble(g -> g[0]).max().orElse(0);
        for (int f = 0; f < forms.length; f++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-16s", forms[f]));
            for (double[] g : table) {
                line.append(String.format(Locale.ROOT, "%4.0f", g[f]));
            }
            System.out.println(line);
        }
        for (int f = 1; f < forms.length; f++) {
            List<Double> slow = new ArrayList<>();
            List<Double> fast = new ArrayList<>();
            for (double[] g : table) {
                (g[0] < 0.75 * best ? slow : fast).add(g[f] / g[0]);
            }
            System.out.printf(Locale.ROOT, "%s / %s: median %s in %d slow rounds, %s in %d others%n", forms[f], forms[0],
                    median(slow), slow.size(), median(fast), fast.size());
        }
    }

    private static String median(List<Double> v) {
        if (v.isEmpty()) {
            return "-";
        }
        Collections.sort(v);
        return String.format(Locale.ROOT, "%.3f", v.get(v.size() / 2));
    }

    private static void run(String form, int kc, float[] ap, float[] bp, float[] tile) {
        switch (form) {
            case "grouped" -> grouped(kc, ap, 0, bp, 0, 16, tile);
            case "groupedConstant" -> groupedConstant(kc, ap, 0, bp, 0, 16, tile);
            case "stepMajor" -> stepMajor(kc, ap, 0, bp, 0, 16, tile);
            case "stepMajorGroups" -> stepMajorGroups(kc, ap, 0, bp, 0, 16, tile);
            case "indexed" -> indexed(kc, ap, 0, bp, 0, 16, tile);
            case "fenced" -> fenced(kc, ap, 0, bp, 0, 16, tile);
            case "preBroadcast" -> preBroadcast(kc, ap, BB, tile);
            default -> throw new IllegalArgumentException("no form " + form);
        }
    }

    /** A in groups of L steps (row r's L values side by side), B rows ldb apart: VectorSgemm.micro's loop, the library's form. */
    static void grouped(int kc, float[] ap, int ao, float[] bp, int bo, int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        int ai = ao;
        int bi = bo;
        for (int end = ao + kc * 6; ai < end; ai += 6 * L) {
            for (int u = 0; u < L; u++, bi += ldb) {
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector av = FloatVector.broadcast(S, ap[ai + u]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, ap[ai + 1 * L + u]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(S, ap[ai + 2 * L + u]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(S, ap[ai + 3 * L + u]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
                av = FloatVector.broadcast(S, ap[ai + 4 * L + u]);
                c40 = av.fma(b0, c40);
                c41 = av.fma(b1, c41);
                av = FloatVector.broadcast(S, ap[ai + 5 * L + u]);
                c50 = av.fma(b0, c50);
                c51 = av.fma(b1, c51);
            }
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
        c40.intoArray(tile, 64);
        c41.intoArray(tile, 72);
        c50.intoArray(tile, 80);
        c51.intoArray(tile, 88);
    }

    /** The same, B's rows a constant 16 apart (a packed panel). */
    static void groupedConstant(int kc, float[] ap, int ao, float[] bp, int bo, int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        int ai = ao;
        int bi = bo;
        for (int end = ao + kc * 6; ai < end; ai += 6 * L) {
            for (int u = 0; u < L; u++, bi += 16) {
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector av = FloatVector.broadcast(S, ap[ai + u]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, ap[ai + 1 * L + u]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(S, ap[ai + 2 * L + u]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(S, ap[ai + 3 * L + u]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
                av = FloatVector.broadcast(S, ap[ai + 4 * L + u]);
                c40 = av.fma(b0, c40);
                c41 = av.fma(b1, c41);
                av = FloatVector.broadcast(S, ap[ai + 5 * L + u]);
                c50 = av.fma(b0, c50);
                c51 = av.fma(b1, c51);
            }
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
        c40.intoArray(tile, 64);
        c41.intoArray(tile, 72);
        c50.intoArray(tile, 80);
        c51.intoArray(tile, 88);
    }

    /** A six floats per step, one loop, B's rows a constant 16 apart. */
    static void stepMajor(int kc, float[] ap, int ao, float[] bp, int bo, int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        int b = bo;
        for (int a = ao, end = ao + kc * 6; a < end; a += 6, b += 16) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector av = FloatVector.broadcast(S, ap[a]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[a + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[a + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[a + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[a + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[a + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
        c40.intoArray(tile, 64);
        c41.intoArray(tile, 72);
        c50.intoArray(tile, 80);
        c51.intoArray(tile, 88);
    }

    /** A six floats per step, walked in groups of L steps, B rows ldb apart. */
    static void stepMajorGroups(int kc, float[] ap, int ao, float[] bp, int bo, int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        int ai = ao;
        int bi = bo;
        for (int end = ao + kc * 6; ai < end; ai += 6 * L) {
            for (int u = 0; u < 6 * L; u += 6, bi += ldb) {
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector av = FloatVector.broadcast(S, ap[ai + u]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, ap[ai + u + 1]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(S, ap[ai + u + 2]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(S, ap[ai + u + 3]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
                av = FloatVector.broadcast(S, ap[ai + u + 4]);
                c40 = av.fma(b0, c40);
                c41 = av.fma(b1, c41);
                av = FloatVector.broadcast(S, ap[ai + u + 5]);
                c50 = av.fma(b0, c50);
                c51 = av.fma(b1, c51);
            }
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
        c40.intoArray(tile, 64);
        c41.intoArray(tile, 72);
        c50.intoArray(tile, 80);
        c51.intoArray(tile, 88);
    }

    /**
     * The grouped form on a packed panel with B's row index computed from the step ({@code bg + 16u}, a constant
     * scale of the step loop's counter) instead of carried from step to step: C2 then proves the loads in range
     * once per group and the step loop keeps no range check (32 instructions on JDK 17, 27 on JDK 25, no spills).
     */
    static void indexed(int kc, float[] ap, int ao, float[] bp, int bo, int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        for (int ai = ao, bg = bo, end = ao + kc * 6; ai < end; ai += 6 * L, bg += L * 16) {
            for (int u = 0; u < L; u++) {
                int bi = bg + u * 16;
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector av = FloatVector.broadcast(S, ap[ai + u]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, ap[ai + 1 * L + u]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(S, ap[ai + 2 * L + u]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(S, ap[ai + 3 * L + u]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
                av = FloatVector.broadcast(S, ap[ai + 4 * L + u]);
                c40 = av.fma(b0, c40);
                c41 = av.fma(b1, c41);
                av = FloatVector.broadcast(S, ap[ai + 5 * L + u]);
                c50 = av.fma(b0, c50);
                c51 = av.fma(b1, c51);
            }
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
        c40.intoArray(tile, 64);
        c41.intoArray(tile, 72);
        c50.intoArray(tile, 80);
        c51.intoArray(tile, 88);
    }

    /**
     * Four steps per pass on a packed panel (B rows at constant offsets from one index, so C2 merges their range
     * checks into one), with a read of a volatile field and a branch between steps: without them C2 loads all
     * eight B rows at the top of the pass, needs 20 vector registers and spills accumulators (35 GFLOP/s); with
     * them, in this tool, 102 instructions for 48 FMAs on JDK 17 and no spills. A volatile read alone, unused,
     * is removed by C2 and orders nothing. The same method in VectorSgemm compiled with 8-16 stack accesses and
     * unmerged checks (twentieth round in docs/performance-log.md), and JDK 25 spills it here too.
     */
    static void fenced(int kc, float[] ap, int ao, float[] bp, int bo, int ldb, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c40 = c00;
        FloatVector c41 = c00;
        FloatVector c50 = c00;
        FloatVector c51 = c00;
        int bi = bo;
        for (int ai = ao, end = ao + kc * 6; ai < end; ai += 6 * L) {
            for (int u = 0; u < L; u += 4, bi += 4 * 16) {
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector av = FloatVector.broadcast(S, ap[ai + u]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, ap[ai + 1 * L + u]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(S, ap[ai + 2 * L + u]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(S, ap[ai + 3 * L + u]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
                av = FloatVector.broadcast(S, ap[ai + 4 * L + u]);
                c40 = av.fma(b0, c40);
                c41 = av.fma(b1, c41);
                av = FloatVector.broadcast(S, ap[ai + 5 * L + u]);
                c50 = av.fma(b0, c50);
                c51 = av.fma(b1, c51);
                if (fence != 0) {
                    throw new IllegalStateException("fence is never set");
                }
                b0 = FloatVector.fromArray(S, bp, bi + 16);
                b1 = FloatVector.fromArray(S, bp, bi + 24);
                av = FloatVector.broadcast(S, ap[ai + u + 1]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, ap[ai + 1 * L + u + 1]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(S, ap[ai + 2 * L + u + 1]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(S, ap[ai + 3 * L + u + 1]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
                av = FloatVector.broadcast(S, ap[ai + 4 * L + u + 1]);
                c40 = av.fma(b0, c40);
                c41 = av.fma(b1, c41);
                av = FloatVector.broadcast(S, ap[ai + 5 * L + u + 1]);
                c50 = av.fma(b0, c50);
                c51 = av.fma(b1, c51);
                if (fence != 0) {
                    throw new IllegalStateException("fence is never set");
                }
                b0 = FloatVector.fromArray(S, bp, bi + 32);
                b1 = FloatVector.fromArray(S, bp, bi + 40);
                av = FloatVector.broadcast(S, ap[ai + u + 2]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, ap[ai + 1 * L + u + 2]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(S, ap[ai + 2 * L + u + 2]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(S, ap[ai + 3 * L + u + 2]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
                av = FloatVector.broadcast(S, ap[ai + 4 * L + u + 2]);
                c40 = av.fma(b0, c40);
                c41 = av.fma(b1, c41);
                av = FloatVector.broadcast(S, ap[ai + 5 * L + u + 2]);
                c50 = av.fma(b0, c50);
                c51 = av.fma(b1, c51);
                if (fence != 0) {
                    throw new IllegalStateException("fence is never set");
                }
                b0 = FloatVector.fromArray(S, bp, bi + 48);
                b1 = FloatVector.fromArray(S, bp, bi + 56);
                av = FloatVector.broadcast(S, ap[ai + u + 3]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, ap[ai + 1 * L + u + 3]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(S, ap[ai + 2 * L + u + 3]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(S, ap[ai + 3 * L + u + 3]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
                av = FloatVector.broadcast(S, ap[ai + 4 * L + u + 3]);
                c40 = av.fma(b0, c40);
                c41 = av.fma(b1, c41);
                av = FloatVector.broadcast(S, ap[ai + 5 * L + u + 3]);
                c50 = av.fma(b0, c50);
                c51 = av.fma(b1, c51);
            }
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, 8);
        c10.intoArray(tile, 16);
        c11.intoArray(tile, 24);
        c20.intoArray(tile, 32);
        c21.intoArray(tile, 40);
        c30.intoArray(tile, 48);
        c31.intoArray(tile, 56);
        c40.intoArray(tile, 64);
        c41.intoArray(tile, 72);
        c50.intoArray(tile, 80);
        c51.intoArray(tile, 88);
    }

    /**
     * An 8x12 tile (96 accumulator lanes, as 6x16) with B packed pre-broadcast: per step one vector of A (8 rows)
     * and twelve FMAs that take their B vector straight from memory ({@code vfmadd231ps ymm, ymm, [mem]}: C2 folds a
     * vector load with one use into the FMA). 29 instructions per 12 FMAs on JDK 17 (13 of them loads), but
     * 0.56-0.60x {@code grouped}'s speed (57 against 98 GFLOP/s) with the panel in L1: bound by the loads, not the
     * instructions. The panel is 8x the bytes of a plain one, which a training step would pack anew every step.
     */
    static void preBroadcast(int kc, float[] ap, float[] bb, float[] tile) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        FloatVector c8 = c0;
        FloatVector c9 = c0;
        FloatVector c10 = c0;
        FloatVector c11 = c0;
        for (int pass = 0; pass < kc / PB_STEPS; pass++) {
            for (int p = 0; p < PB_STEPS; p++) {
                int bi = p * 96;
                FloatVector a = FloatVector.fromArray(S, ap, p * L);
                c0 = a.fma(FloatVector.fromArray(S, bb, bi), c0);
                c1 = a.fma(FloatVector.fromArray(S, bb, bi + 8), c1);
                c2 = a.fma(FloatVector.fromArray(S, bb, bi + 16), c2);
                c3 = a.fma(FloatVector.fromArray(S, bb, bi + 24), c3);
                c4 = a.fma(FloatVector.fromArray(S, bb, bi + 32), c4);
                c5 = a.fma(FloatVector.fromArray(S, bb, bi + 40), c5);
                c6 = a.fma(FloatVector.fromArray(S, bb, bi + 48), c6);
                c7 = a.fma(FloatVector.fromArray(S, bb, bi + 56), c7);
                c8 = a.fma(FloatVector.fromArray(S, bb, bi + 64), c8);
                c9 = a.fma(FloatVector.fromArray(S, bb, bi + 72), c9);
                c10 = a.fma(FloatVector.fromArray(S, bb, bi + 80), c10);
                c11 = a.fma(FloatVector.fromArray(S, bb, bi + 88), c11);
            }
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, 8);
        c2.intoArray(tile, 16);
        c3.intoArray(tile, 24);
        c4.intoArray(tile, 32);
        c5.intoArray(tile, 40);
        c6.intoArray(tile, 48);
        c7.intoArray(tile, 56);
        c8.intoArray(tile, 64);
        c9.intoArray(tile, 72);
        c10.intoArray(tile, 80);
        c11.intoArray(tile, 88);
    }
}
