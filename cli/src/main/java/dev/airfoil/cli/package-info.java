/** The {@code airfoil} command (picocli): demo, datasets, summary, plot, train, evaluate, predict, convert and the generalisation toolkit. */
package dev.airfoil.cli;
