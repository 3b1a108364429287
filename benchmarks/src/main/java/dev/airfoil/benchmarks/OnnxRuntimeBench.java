package dev.airfoil.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * ONNX Runtime's side of the inference workloads of {@code airfoil bench} and
 * {@code tools/bench/bench_torch.py}: the same models, exported from PyTorch by
 * {@code tools/bench/export_onnx.py} (softmax included), run through ONNX Runtime's Java API
 * ({@code com.microsoft.onnxruntime:onnxruntime}, CPU execution provider).
 *
 * <p>Workloads, with bench_torch.py's protocol: {@code mlp-infer-1000} and {@code convnet-infer-1000}
 * run 10 batches of 1000 uniform-random samples per repeat (samples/s; one untimed warm-up pass);
 * {@code mlp-latency} and {@code convnet-latency} run one sample 2000 times per repeat (ms per call;
 * 2000 untimed warm-up calls). Each figure is the median of {@code --repeats} (default 3) timed repeats.
 * Every call wraps the input in an {@link OnnxTensor} (a direct buffer, no copy), runs the session and
 * copies the probabilities out. Threads: {@code --threads N} sets the session's intra-op thread count
 * (inter-op 1, sequential execution, all graph optimisations); {@code -Dort.allowSpinning=0} stops the
 * intra-op workers from spinning while they wait (ONNX Runtime's {@code session.intra_op.allow_spinning},
 * default 1).
 *
 * <p>Prints one JSON object per workload, in the format of bench_torch.py ({@code framework},
 * {@code workload}, {@code unit}, {@code median}, {@code best}, {@code cpu_median} (samples per
 * process CPU-second, or CPU ms per call), {@code gflops}, {@code peak_rss_mb} (VmHWM),
 * {@code threads}, {@code samples}), plus {@code ort_version} and {@code max_abs_diff_vs_torch} (the
 * largest difference from PyTorch's output on the two samples export_onnx.py wrote, when found).
 *
 * <pre>
 * java -cp benchmarks/target/classes:ONNXRUNTIME_JAR dev.airfoil.benchmarks.OnnxRuntimeBench \
 *      --models bench-onnx --workload mlp-infer-1000,mlp-latency --threads 1 --repeats 3
 * </pre>
 */
public final class OnnxRuntimeBench {
    private static final List<String> WORKLOADS =
            List.of("mlp-infer-1000", "mlp-latency", "convnet-infer-1000", "convnet-latency");
    private static final int LATENCY_CALLS = 2000;

    private OnnxRuntimeBench() {
    }

    /**
     * Runs the workloads named on the command line.
     *
     * @param args {@code --models DIR} (default {@code bench-onnx}), {@code --workload a,b|all},
     *             {@code --threads N} (default 1), {@code --repeats N} (default 3), {@code --seed N}
     * @throws Exception when a model is missing or ONNX Runtime fails
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of("bench-onnx");
        String workload = "all";
        int threads = 1;
        int repeats = 3;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--models" -> dir = Path.of(v);
                case "--workload" -> workload = v;
                case "--threads" -> threads = Integer.parseInt(v);
                case "--repeats" -> repeats = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            i++;
        }
        List<String> todo = "all".equals(workload) ? WORKLOADS : Arrays.asList(workload.split(","));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (String w : todo) {
            if (!WORKLOADS.contains(w)) {
                throw new IllegalArgumentException("unknown workload " + w + "; one of " + WORKLOADS);
            }
            String model = w.substring(0, w.indexOf('-'));
            long[] sample = "mlp".equals(model) ? new long[] {28, 28} : new long[] {28, 28, 1};
            try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                opts.setIntraOpNumThreads(threads);
                opts.setInterOpNumThreads(1);
                opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                String spin = System.getProperty("ort.allowSpinning");
                if (spin != null) {
                    opts.addConfigEntry("session.intra_op.allow_spinning", spin);
                }
                try (OrtSession session = env.createSession(dir.resolve(model + ".onnx").toString(), opts)) {
                    run(env, session, w, model, sample, threads, repeats, seed, dir);
                }
            }
        }
    }

    private static void run(OrtEnvironment env, OrtSession session, String w, String model, long[] sample,
                            int threads, int repeats, long seed, Path dir) throws OrtException, IOException {
        String input = session.getInputNames().iterator().next();
        int perSample = (int) Arrays.stream(sample).reduce(1, (a, b) -> a * b);
        double diff = check(env, session, input, sample, perSample, dir.resolve(model + ".check.txt"));
        double[] wall = new double[repeats];
        double[] cpu = new double[repeats];
        String unit;
        if (w.endsWith("-latency")) {
            unit = "ms";
            FloatBuffer x1 = data(perSample, seed);
            try (OnnxTensor t = OnnxTensor.createTensor(env, x1, shape(1, sample))) {
                for (int i = 0; i < LATENCY_CALLS; i++) {
                    forward(session, input, t);
                }
                for (int r = 0; r < repeats; r++) {
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < LATENCY_CALLS; i++) {
                        forward(session, input, t);
                    }
                    wall[r] = (System.nanoTime() - t0) / 1e6 / LATENCY_CALLS;
                    cpu[r] = (cpuNanos() - c0) / 1e6 / LATENCY_CALLS;
                }
            }
        } else {
            unit = "samples/s";
            int batch = Integer.parseInt(w.substring(w.lastIndexOf('-') + 1));
            int n = 10 * batch;
            FloatBuffer x = data(n * perSample, seed);
            infer(env, session, input, x, n, batch, perSample, sample);
            for (int r = 0; r < repeats; r++) {
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                infer(env, session, input, x, n, batch, perSample, sample);
                long dt = System.nanoTime() - t0;
                long dc = cpuNanos() - c0;
                wall[r] = n / (dt / 1e9);
                cpu[r] = dc > 0 ? n / (dc / 1e9) : Double.NaN;
            }
        }
        report(w, model, unit, wall, cpu, threads, env.getVersion(), diff);
    }

    /** One epoch of inference: the n samples of x in batches, each wrapped without a copy. */
    private static void infer(OrtEnvironment env, OrtSession session, String input, FloatBuffer x, int n,
                              int batch, int perSample, long[] sample) throws OrtException {
        for (int s = 0; s < n; s += batch) {
            int b = Math.min(batch, n - s);
            FloatBuffer slice = x.duplicate().position(s * perSample).limit((s + b) * perSample).slice();
            try (OnnxTensor t = OnnxTensor.createTensor(env, slice, shape(b, sample))) {
                forward(session, input, t);
            }
        }
    }

    private static float[] forward(OrtSession session, String input, OnnxTensor t) throws OrtException {
        try (OrtSession.Result out = session.run(Map.of(input, t))) {
            FloatBuffer p = ((OnnxTensor) out.get(0)).getFloatBuffer();
            float[] probs = new float[p.remaining()];
            p.get(probs);
            return probs;
        }
    }

    /** Largest |ONNX Runtime - PyTorch| on export_onnx.py's two check samples; NaN without its file. */
    private static double check(OrtEnvironment env, OrtSession session, String input, long[] sample, int perSample,
                                Path ref) throws OrtException, IOException {
        if (!Files.exists(ref)) {
            return Double.NaN;
        }
        List<String> lines = Files.readAllLines(ref, StandardCharsets.UTF_8);
        FloatBuffer x = direct(2 * perSample);
        for (int i = 0; i < 2 * perSample; i++) {
            x.put(i, (i % 251) / 251f);
        }
        float[] p;
        try (OnnxTensor t = OnnxTensor.createTensor(env, x, shape(2, sample))) {
            p = forward(session, input, t);
        }
        double max = 0;
        int k = 0;
        for (String line : lines) {
            if (!line.isBlank()) {
                max = Math.max(max, Math.abs(p[k++] - Double.parseDouble(line.trim())));
            }
        }
        return k == p.length ? max : Double.NaN;
    }

    private static long[] shape(int n, long[] sample) {
        long[] s = new long[sample.length + 1];
        s[0] = n;
        System.arraycopy(sample, 0, s, 1, sample.length);
        return s;
    }

    private static FloatBuffer direct(int len) {
        return ByteBuffer.allocateDirect(4 * len).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Uniform [0, 1) pixels, as bench_common.images (another generator, same distribution). */
    private static FloatBuffer data(int len, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FloatBuffer x = direct(len);
        for (int i = 0; i < len; i++) {
            x.put(i, (float) rnd.nextDouble());
        }
        return x;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** VmHWM of /proc/self/status in MB (bench_common.peak_rss_mb reads ru_maxrss, the same figure). */
    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return Double.NaN;
    }

    private static long forwardMacs(String model) {
        return "mlp".equals(model) ? 784 * 300 + 300 * 100 + 100 * 10
                : 26 * 26 * 32 * 9 + 11 * 11 * 64 * 9 * 32 + 1600 * 10;
    }

    private static void report(String w, String model, String unit, double[] wall, double[] cpu, int threads,
                               String version, double diff) {
        boolean ms = "ms".equals(unit);
        double med = median(wall);
        double best = ms ? Arrays.stream(wall).min().orElseThrow() : Arrays.stream(wall).max().orElseThrow();
        double perS = ms ? 1000.0 / med : med;
        List<String> samples = new ArrayList<>();
        for (double v : wall) {
            samples.add(num(v));
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"framework\": \"onnxruntime\", \"workload\": \"%s\", \"unit\": \"%s\", \"median\": %s, "
                        + "\"best\": %s, \"cpu_median\": %s, \"gflops\": %s, \"peak_rss_mb\": %s, \"threads\": %d, "
                        + "\"samples\": [%s], \"ort_version\": \"%s\", \"max_abs_diff_vs_torch\": %s}",
                w, unit, num(med), num(best), num(median(cpu)), num(perS * 2 * forwardMacs(model) / 1e9),
                num(peakRssMb()), threads, String.join(", ", samples), version, num(diff)));
        System.out.flush();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** A JSON number as Python's json module reads it (NaN included, as json.dumps writes it). */
    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : Double.toString(v);
    }
}
