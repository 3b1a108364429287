/**
 * The {@code airfoil bench} command: end-to-end training and inference benchmarks of Airfoil, run
 * the same way as the PyTorch and Keras scripts under {@code tools/bench/}.
 */
package dev.airfoil.cli.bench;
