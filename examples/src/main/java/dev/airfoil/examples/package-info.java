/** Runnable examples: every model of the seed study note, a convnet, sequence and attention models. */
package dev.airfoil.examples;
