/**
 * JMH micro-benchmarks of Airfoil's compute kernels. Build with
 * {@code mvn -P benchmarks -pl benchmarks -am package -DskipTests} and run
 * {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar}; each
 * benchmark documents the floating-point operations one invocation performs, so
 * {@code GFLOP/s = ops/s × FLOP / 1e9}. {@code tools/bench_numpy_matmul.py --jmh results.json}
 * turns a JMH JSON result file into that table, next to NumPy's numbers.
 *
 * <p>{@link dev.airfoil.benchmarks.OnnxRuntimeBench} (not a JMH benchmark) measures ONNX Runtime on
 * the inference workloads of {@code airfoil bench}; run it with {@code tools/bench/bench_onnx.sh},
 * which puts the ONNX Runtime jar (kept out of {@code benchmarks.jar}) on the class path.
 */
package dev.airfoil.benchmarks;
