/** A runnable example: data-parallel MNIST training, distributed evaluation and scoring with {@code spark-submit}. */
package dev.airfoil.spark.example;
