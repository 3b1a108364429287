/**
 * Airfoil on Apache Spark: training and model evaluation beyond one machine.
 *
 * <ul>
 *   <li>{@link dev.airfoil.spark.DataParallelTrainer}: data-parallel training of any compiled model
 *       on an RDD of {@link dev.airfoil.spark.Example}s (one input, one output) or
 *       {@link dev.airfoil.spark.MultiExample}s (several inputs and outputs) or a DataFrame, by synchronous gradient
 *       averaging per step (a Spark barrier stage) or by parameter averaging every N steps; the
 *       result is an ordinary {@link dev.airfoil.models.Model}.</li>
 *   <li>{@link dev.airfoil.spark.SparkEvaluation}: Keras's {@code evaluate} over distributed data;
 *       cross-validation folds, bootstrap rounds, bagging
 *       members and hyperparameter grids as Spark tasks, with the figures of the single-machine
 *       toolkit {@code dev.airfoil.evaluation} for the same seeds.</li>
 *   <li>{@link dev.airfoil.spark.SparkPredictor}: batch inference over DataFrame columns (one per
 *       input, one added per output) with the model broadcast once.</li>
 *   <li>{@link dev.airfoil.spark.SparkData}: tensors to RDDs and DataFrames and back.</li>
 * </ul>
 *
 * <p>Models travel as the bytes of their {@code .airfoil} archive and data as primitive arrays;
 * no Airfoil object is ever Java-serialized. Spark is a {@code provided} dependency: the cluster
 * brings it.
 */
package dev.airfoil.spark;
