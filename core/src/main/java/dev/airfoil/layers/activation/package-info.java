/** Activation layers: ReLU, LeakyReLU, PReLU, ELU and Softmax, with Keras's arguments and defaults. */
package dev.airfoil.layers.activation;
