/**
 * JMH micro-benchmarks of Airfoil's compute kernels. Build with
 * {@code mvn -P benchmarks -pl benchmarks -am package -DskipTests} and run
 * {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar}; each
 * benchmark documents the floating-point operations one invocation performs, so
 * {@code GFLOP/s = ops/s × FLOP / 1e9}. {@code tools/bench_numpy_matmul.py --jmh results.json}
 * turns a JMH JSON result file into that table, next to NumPy's numbers.
 */
package dev.airfoil.benchmarks;
